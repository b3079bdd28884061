"""Layers, containers, init and clipping, checked against NumPy formulas and finite differences."""

import math

import numpy as np
import pytest

import minigrad
from minigrad import nn
from minigrad.autograd import gradcheck

F = nn.functional


def rand(*shape, seed=0, dtype=minigrad.float64, requires_grad=True):
    values = np.random.default_rng(seed).normal(size=shape)
    return minigrad.tensor(values, dtype=dtype, requires_grad=requires_grad)


# ----- Linear -------------------------------------------------------------------------------


def test_linear_computes_x_w_transpose_plus_b():
    layer = nn.Linear(3, 2)
    x = minigrad.randn(4, 3)
    expected = x.numpy() @ layer.weight.detach().numpy().T + layer.bias.detach().numpy()
    assert np.allclose(layer(x).detach().numpy(), expected, atol=1e-6)


@pytest.mark.parametrize("shape", [(4, 3), (3,), (2, 5, 3)])
@pytest.mark.parametrize("with_bias", [True, False])
def test_linear_gradients_match_finite_differences(shape, with_bias):
    w, b = rand(2, 3, seed=1), rand(2, seed=2) if with_bias else None
    inputs = (rand(*shape), w) + ((b,) if with_bias else ())
    assert gradcheck(lambda x, w, *b: F.linear(x, w, *b), inputs)


def test_linear_graph_is_addmm_with_a_transposed_weight():
    layer = nn.Linear(3, 2)
    y = layer(minigrad.ones(4, 3))
    assert y.grad_fn.name() == "AddmmBackward0"
    names = [None if n is None else type(n).__name__ for n, _ in y.grad_fn.next_functions]
    assert names == ["AccumulateGrad", None, "TBackward0"]
    assert y.grad_fn._saved_mat1_sym_sizes == (4, 3)


def test_linear_initialisation_is_uniform_within_one_over_sqrt_fan_in():
    minigrad.manual_seed(0)
    layer = nn.Linear(400, 300)
    w, b = layer.weight.detach().numpy(), layer.bias.detach().numpy()
    bound = 1 / math.sqrt(400)
    assert np.abs(w).max() <= bound and np.abs(b).max() <= bound
    # U(-a, a) has standard deviation a/√3; 120,000 draws pin it to well under 1%.
    assert abs(w.std() - bound / math.sqrt(3)) < 0.01 * bound
    assert abs(w.mean()) < 0.01 * bound


def test_linear_without_bias_registers_none():
    layer = nn.Linear(2, 3, bias=False)
    assert layer.bias is None and [n for n, _ in layer.named_parameters()] == ["weight"]


def test_linear_shape_error_names_both_shapes():
    with pytest.raises(
        RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(4x3 and 2x3\)"
    ):
        nn.Linear(2, 3)(minigrad.ones(4, 3))


# ----- activations, Flatten, Identity -------------------------------------------------------


@pytest.mark.parametrize(
    "layer, formula",
    [
        (nn.ReLU(), lambda a: np.maximum(a, 0)),
        (nn.Tanh(), np.tanh),
        (nn.Sigmoid(), lambda a: 1 / (1 + np.exp(-a))),
        (nn.Softmax(dim=1), lambda a: np.exp(a) / np.exp(a).sum(1, keepdims=True)),
        (nn.LogSoftmax(dim=1), lambda a: a - np.log(np.exp(a).sum(1, keepdims=True))),
    ],
)
def test_activations_match_their_formulas_and_gradients(layer, formula):
    x = rand(3, 4)
    assert np.allclose(layer(x).detach().numpy(), formula(x.detach().numpy()))
    assert gradcheck(layer, (x,))


def test_relu_backward_gives_true_zeros():
    x = minigrad.tensor([-1.0, 2.0], requires_grad=True)
    (F.relu(x) * -3).sum().backward()
    assert np.signbit(x.grad.numpy()).tolist() == [False, True]


def test_softmax_without_dim_warns():
    with pytest.warns(UserWarning, match="Implicit dimension choice for softmax"):
        nn.Softmax()(minigrad.ones(2, 3))


def test_flatten_and_identity():
    x = minigrad.ones(2, 3, 4)
    assert nn.Flatten()(x).shape == (2, 12)
    assert nn.Flatten(0, 1)(x).shape == (6, 4)
    assert nn.Identity(54, unused="x")(x) is x


# ----- Dropout ------------------------------------------------------------------------------


def test_dropout_zeroes_a_fraction_p_and_scales_the_rest():
    minigrad.manual_seed(1)
    x = minigrad.ones(500, 200)
    y = nn.Dropout(0.3)(x).numpy()
    assert set(np.unique(y).tolist()) == {0.0, np.float32(1 / 0.7).item()}
    assert abs((y == 0).mean() - 0.3) < 0.01  # 100,000 Bernoulli draws
    assert abs(y.mean() - 1.0) < 0.02  # the expected value is kept


def test_dropout_gradient_uses_the_same_mask():
    x = minigrad.ones(50, 50, requires_grad=True)
    y = F.dropout(x, 0.5)
    y.sum().backward()
    assert np.array_equal(x.grad.numpy(), y.detach().numpy())


def test_dropout_is_the_identity_in_eval_mode():
    x = minigrad.ones(3)
    layer = nn.Dropout(0.9).eval()
    assert layer(x) is x
    assert F.dropout(x, 0.0) is x


def test_dropout_follows_the_global_seed():
    minigrad.manual_seed(7)
    a = F.dropout(minigrad.ones(20), 0.5)
    minigrad.manual_seed(7)
    assert a.equal(F.dropout(minigrad.ones(20), 0.5))


def test_dropout_rejects_probabilities_outside_0_1():
    with pytest.raises(
        ValueError, match="dropout probability has to be between 0 and 1, but got -0.1"
    ):
        nn.Dropout(-0.1)


# ----- BatchNorm1d --------------------------------------------------------------------------


def test_batch_norm_training_normalises_with_batch_statistics():
    bn = nn.BatchNorm1d(3)
    x = minigrad.randn(8, 3) * 4 + 2
    y = bn(x).detach().numpy()
    assert np.allclose(y.mean(0), 0, atol=1e-5) and np.allclose(y.var(0), 1, atol=1e-3)
    data = x.numpy()
    assert np.allclose(bn.running_mean.numpy(), 0.1 * data.mean(0), atol=1e-6)
    assert np.allclose(bn.running_var.numpy(), 0.9 + 0.1 * data.var(0, ddof=1), atol=1e-5)
    assert bn.num_batches_tracked.item() == 1 and bn.num_batches_tracked.dtype is minigrad.int64


def test_batch_norm_eval_uses_running_statistics_and_does_not_move_them():
    bn = nn.BatchNorm1d(2)
    bn.running_mean.copy_(minigrad.tensor([1.0, -1.0]))
    bn.running_var.copy_(minigrad.tensor([4.0, 0.25]))
    bn.eval()
    y = bn(minigrad.tensor([[3.0, 0.0]]))  # one sample is fine in eval mode
    assert np.allclose(y.detach().numpy(), [[2 / math.sqrt(4 + 1e-5), 1 / math.sqrt(0.25 + 1e-5)]])
    assert bn.running_mean.tolist() == [1.0, -1.0] and bn.num_batches_tracked.item() == 0


@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("shape", [(5, 3), (4, 3, 2)])
def test_batch_norm_gradients_match_finite_differences(training, shape):
    weight, bias = rand(3, seed=1), rand(3, seed=2)
    running = (
        minigrad.zeros(3, dtype=minigrad.float64) + 0.5,
        minigrad.ones(3, dtype=minigrad.float64) * 2,
    )

    def fn(x, w, b):
        return F.batch_norm(x, running[0].clone(), running[1].clone(), w, b, training=training)

    assert gradcheck(fn, (rand(*shape), weight, bias))


def test_frozen_batch_norm_still_moves_its_statistics_in_training():
    bn = nn.BatchNorm1d(2).requires_grad_(False)
    with minigrad.no_grad():
        bn(minigrad.tensor([[0.0, 2.0], [2.0, 6.0]]))
    assert bn.running_mean.tolist() == pytest.approx([0.1, 0.4])
    bn.eval()
    bn(minigrad.ones(2, 2))
    assert bn.running_mean.tolist() == pytest.approx([0.1, 0.4])


def test_batch_norm_with_momentum_none_averages_all_batches():
    bn = nn.BatchNorm1d(1, momentum=None)
    for value in (1.0, 2.0, 6.0):
        bn(minigrad.tensor([[value - 1], [value + 1]]))
    assert bn.running_mean.item() == pytest.approx(3.0)


def test_batch_norm_buffers_are_in_the_state_dict():
    assert list(nn.BatchNorm1d(2).state_dict()) == [
        "weight",
        "bias",
        "running_mean",
        "running_var",
        "num_batches_tracked",
    ]


def test_batch_norm_training_needs_more_than_one_value_per_channel():
    with pytest.raises(ValueError, match="Expected more than 1 value per channel"):
        nn.BatchNorm1d(3)(minigrad.ones(1, 3))


# ----- containers ---------------------------------------------------------------------------


def test_sequential_runs_layers_in_order():
    model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1))
    x = minigrad.randn(3, 2)
    assert model(x).equal(model[2](model[1](model[0](x))))
    assert len(model) == 3 and model[-1] is model[2]
    assert [type(m).__name__ for m in model] == ["Linear", "ReLU", "Linear"]


def test_sequential_append_slice_and_delete():
    model = nn.Sequential(nn.ReLU())
    model.append(nn.Tanh()).append(nn.Sigmoid())
    assert list(model[1:]._modules) == ["1", "2"]
    del model[0]
    assert list(model._modules) == ["0", "1"] and isinstance(model[0], nn.Tanh)
    with pytest.raises(IndexError, match="index 5 is out of range"):
        model[5]


def test_a_python_list_of_layers_is_not_registered_but_a_module_list_is():
    class Plain(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = [nn.Linear(1, 1)]

    class Registered(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList([nn.Linear(1, 1)])

    assert len(list(Plain().parameters())) == 0
    assert len(list(Registered().parameters())) == 2


def test_module_list_repr_groups_repeated_layers():
    layers = nn.ModuleList([nn.ReLU(), nn.ReLU(), nn.Tanh()])
    assert repr(layers) == "ModuleList(\n  (0-1): 2 x ReLU()\n  (2): Tanh()\n)"


def test_module_dict_behaves_like_a_dict():
    layers = nn.ModuleDict({"a": nn.ReLU()})
    layers.update([("b", nn.Tanh())])
    assert list(layers) == ["a", "b"] and "b" in layers and len(layers) == 2
    assert isinstance(layers["b"], nn.Tanh)


# ----- init and clipping --------------------------------------------------------------------


def test_init_functions_work_in_place_without_recording():
    w = minigrad.empty(30, 20, requires_grad=True)
    assert nn.init.constant_(w, 0.5) is w and w.grad_fn is None and w.requires_grad
    minigrad.manual_seed(0)
    nn.init.xavier_uniform_(w)
    assert np.abs(w.detach().numpy()).max() <= math.sqrt(6 / 50)
    nn.init.kaiming_uniform_(w, nonlinearity="relu")
    assert np.abs(w.detach().numpy()).max() <= math.sqrt(2) * math.sqrt(3 / 20)
    nn.init.normal_(w, 3.0, 0.1)
    assert abs(w.detach().numpy().mean() - 3.0) < 0.02


def test_calculate_gain():
    assert nn.init.calculate_gain("relu") == math.sqrt(2)
    assert nn.init.calculate_gain("tanh") == 5 / 3
    assert nn.init.calculate_gain("leaky_relu", 0.2) == math.sqrt(2 / 1.04)
    with pytest.raises(ValueError, match="Unsupported nonlinearity"):
        nn.init.calculate_gain("swish")


def test_clip_grad_norm_scales_to_the_maximum_norm():
    a, b = minigrad.zeros(2, requires_grad=True), minigrad.zeros(1, requires_grad=True)
    a.grad, b.grad = minigrad.tensor([3.0, 0.0]), minigrad.tensor([4.0])
    total = nn.utils.clip_grad_norm_([a, b], max_norm=1.0)
    assert total.item() == pytest.approx(5.0)
    joint = math.sqrt(sum(float((p.grad.numpy() ** 2).sum()) for p in (a, b)))
    assert joint == pytest.approx(1.0, rel=1e-5)
    assert a.grad.tolist() == pytest.approx([0.6, 0.0], rel=1e-5)


def test_clip_grad_norm_never_scales_up_and_skips_missing_grads():
    a, b = minigrad.zeros(2, requires_grad=True), minigrad.zeros(1, requires_grad=True)
    a.grad = minigrad.tensor([0.3, 0.4])
    assert nn.utils.clip_grad_norm_([a, b], 10.0).item() == pytest.approx(0.5)
    assert a.grad.tolist() == pytest.approx([0.3, 0.4]) and b.grad is None


def test_clip_grad_value_clamps_each_element():
    a = minigrad.zeros(3, requires_grad=True)
    a.grad = minigrad.tensor([-5.0, 0.5, 5.0])
    nn.utils.clip_grad_value_([a], 1.0)
    assert a.grad.tolist() == [-1.0, 0.5, 1.0]
