"""Losses: values against NumPy formulas, gradients against finite differences, nodes, errors."""

import numpy as np
import pytest

import minigrad
from minigrad import nn
from minigrad.autograd import gradcheck

F = nn.functional
REDUCTIONS = ["mean", "sum", "none"]


def rand(*shape, seed=0, low=-2.0, high=2.0, requires_grad=True):
    values = np.random.default_rng(seed).uniform(low, high, shape)
    return minigrad.tensor(values, dtype=minigrad.float64, requires_grad=requires_grad)


def reduce(losses, reduction):
    return {"mean": losses.mean(), "sum": losses.sum(), "none": losses}[reduction]


def log_softmax(a, axis=1):
    shifted = a - a.max(axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis, keepdims=True))


# ----- values -------------------------------------------------------------------------------


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_mse_and_l1_values(reduction):
    x, t = rand(3, 4), rand(3, 4, seed=1)
    d = x.detach().numpy() - t.detach().numpy()
    assert np.allclose(
        nn.MSELoss(reduction=reduction)(x, t).detach().numpy(), reduce(d**2, reduction)
    )
    assert np.allclose(
        F.l1_loss(x, t, reduction=reduction).detach().numpy(), reduce(abs(d), reduction)
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cross_entropy_value_with_weights_and_ignore_index(reduction):
    x = rand(5, 3)
    target = np.array([0, 2, 1, 2, 0])
    weight = np.array([0.5, 1.0, 3.0])
    loss = F.cross_entropy(
        x,
        minigrad.tensor(target),
        weight=minigrad.tensor(weight, dtype=minigrad.float64),
        ignore_index=1,
        reduction=reduction,
    )
    picked = -log_softmax(x.detach().numpy())[np.arange(5), target]
    w = weight[target] * (target != 1)
    expected = {"mean": (picked * w).sum() / w.sum(), "sum": (picked * w).sum(), "none": picked * w}
    assert np.allclose(loss.detach().numpy(), expected[reduction])


def test_nll_loss_is_cross_entropy_after_log_softmax():
    x, target = rand(4, 5), minigrad.tensor([4, 0, 2, 2])
    assert F.nll_loss(F.log_softmax(x, 1), target).allclose(F.cross_entropy(x, target))


def test_cross_entropy_with_class_probabilities():
    x = rand(4, 3)
    p = np.random.default_rng(3).dirichlet(np.ones(3), 4)
    loss = F.cross_entropy(x, minigrad.tensor(p))
    assert np.isclose(loss.item(), -(p * log_softmax(x.detach().numpy())).sum(1).mean())


def test_cross_entropy_label_smoothing_mixes_in_the_uniform_distribution():
    x, target = rand(4, 3), np.array([0, 1, 2, 1])
    eps = 0.2
    smoothed = np.full((4, 3), eps / 3)
    smoothed[np.arange(4), target] += 1 - eps
    expected = -(smoothed * log_softmax(x.detach().numpy())).sum(1).mean()
    assert np.isclose(
        F.cross_entropy(x, minigrad.tensor(target), label_smoothing=eps).item(), expected
    )


def test_cross_entropy_over_positions():
    x, target = rand(2, 3, 4), np.array([[0, 1, 2, 1], [2, 2, 0, 0]])
    lp = log_softmax(x.detach().numpy(), axis=1)
    picked = -np.take_along_axis(lp, target[:, None, :], axis=1)[:, 0, :]
    assert np.allclose(
        F.cross_entropy(x, minigrad.tensor(target), reduction="none").detach().numpy(), picked
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_values(reduction):
    p, t = rand(3, 4, low=0.05, high=0.95), rand(3, 4, seed=1, low=0.0, high=1.0)
    pn, tn = p.detach().numpy(), t.detach().numpy()
    expected = -(tn * np.log(pn) + (1 - tn) * np.log(1 - pn))
    assert np.allclose(
        F.binary_cross_entropy(p, t, reduction=reduction).detach().numpy(),
        reduce(expected, reduction),
    )
    x = rand(3, 4, seed=2, low=-5, high=5)
    s = 1 / (1 + np.exp(-x.detach().numpy()))
    logits = -(tn * np.log(s) + (1 - tn) * np.log(1 - s))
    assert np.allclose(
        F.binary_cross_entropy_with_logits(x, t, reduction=reduction).detach().numpy(),
        reduce(logits, reduction),
    )


def test_binary_cross_entropy_clamps_the_log_at_minus_100():
    loss = F.binary_cross_entropy(
        minigrad.tensor([0.0, 1.0]), minigrad.tensor([1.0, 0.0]), reduction="none"
    )
    assert loss.tolist() == [100.0, 100.0]


def test_bce_with_logits_is_stable_for_large_scores():
    x = minigrad.tensor([1000.0, -1000.0])
    loss = F.binary_cross_entropy_with_logits(x, minigrad.tensor([0.0, 1.0]), reduction="none")
    assert loss.tolist() == [1000.0, 1000.0]


def test_bce_with_logits_pos_weight_scales_the_positive_term():
    x, t = rand(4, 2), rand(4, 2, seed=1, low=0.0, high=1.0)
    pw = np.array([3.0, 0.5])
    s = 1 / (1 + np.exp(-x.detach().numpy()))
    tn = t.detach().numpy()
    expected = -(pw * tn * np.log(s) + (1 - tn) * np.log(1 - s)).mean()
    loss = F.binary_cross_entropy_with_logits(x, t, pos_weight=minigrad.tensor(pw))
    assert np.isclose(loss.item(), expected)


# ----- gradients ----------------------------------------------------------------------------


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["mse", "l1", "bce", "bce_logits", "bce_logits_weighted"])
def test_elementwise_loss_gradients(name, reduction):
    x = rand(3, 2, low=0.1, high=0.9) if name == "bce" else rand(3, 2)
    t = rand(3, 2, seed=1, low=0.0, high=1.0)
    weights = minigrad.tensor([2.0, 0.5], dtype=minigrad.float64)
    fn = {
        "mse": lambda a, b: F.mse_loss(a, b, reduction=reduction),
        "l1": lambda a, b: F.l1_loss(a, b, reduction=reduction),
        "bce": lambda a, b: F.binary_cross_entropy(a, b, reduction=reduction),
        "bce_logits": lambda a, b: F.binary_cross_entropy_with_logits(a, b, reduction=reduction),
        "bce_logits_weighted": lambda a, b: F.binary_cross_entropy_with_logits(
            a, b, weight=weights, pos_weight=weights * 2, reduction=reduction
        ),
    }[name]
    assert gradcheck(fn, (x, t))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cross_entropy_and_nll_gradients(reduction):
    target = minigrad.tensor([2, 0, 1, 2])
    weight = minigrad.tensor([1.0, 2.0, 0.5], dtype=minigrad.float64)
    assert gradcheck(
        lambda x: F.cross_entropy(x, target, weight=weight, reduction=reduction, ignore_index=0),
        (rand(4, 3),),
    )
    assert gradcheck(lambda x: F.nll_loss(x, target, reduction=reduction), (rand(4, 3),))
    assert gradcheck(
        lambda x: F.cross_entropy(x, target, reduction=reduction, label_smoothing=0.1),
        (rand(4, 3),),
    )
    probabilities = minigrad.tensor(np.full((4, 3), 1 / 3))
    assert gradcheck(
        lambda x: F.cross_entropy(x, probabilities, reduction=reduction), (rand(4, 3),)
    )


def test_cross_entropy_gradient_is_softmax_minus_one_hot():
    x = rand(3, 4)
    target = np.array([1, 3, 0])
    F.cross_entropy(x, minigrad.tensor(target)).backward()
    e = np.exp(log_softmax(x.detach().numpy()))
    e[np.arange(3), target] -= 1
    assert np.allclose(x.grad.numpy(), e / 3)


def test_double_backward_through_a_loss():
    x = rand(3, 2)
    t = minigrad.zeros(3, 2, dtype=minigrad.float64)
    (g,) = minigrad.autograd.grad(F.mse_loss(x, t), x, create_graph=True)
    (gg,) = minigrad.autograd.grad(g.sum(), x)
    assert np.allclose(gg.numpy(), 2 / 6)


# ----- nodes and errors ---------------------------------------------------------------------


def test_losses_are_single_nodes_with_pytorchs_names():
    x = rand(4, 3)
    p = rand(4, 3, low=0.1, high=0.9)
    assert F.cross_entropy(x, minigrad.tensor([0, 1, 2, 0])).grad_fn.name() == "NllLossBackward0"
    assert (
        F.cross_entropy(x, minigrad.tensor([0, 1, 2, 0])).grad_fn.next_functions[0][0].name()
        == "LogSoftmaxBackward0"
    )
    assert F.mse_loss(x, p).grad_fn.name() == "MseLossBackward0"
    assert F.binary_cross_entropy(p, p.detach()).grad_fn.name() == "BinaryCrossEntropyBackward0"
    assert (
        F.binary_cross_entropy_with_logits(x, p.detach()).grad_fn.name()
        == "BinaryCrossEntropyWithLogitsBackward0"
    )
    assert F.l1_loss(x, p).grad_fn.name() == "MeanBackward0"


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda: F.mse_loss(minigrad.ones(2), minigrad.ones(2), reduction="avg"),
            ValueError,
            "avg is not a valid value for reduction",
        ),
        (
            lambda: F.cross_entropy(minigrad.ones(2, 3), minigrad.tensor([0, 3])),
            IndexError,
            "Target 3 is out of bounds.",
        ),
        (
            lambda: F.cross_entropy(minigrad.ones(2, 3), minigrad.tensor([0])),
            ValueError,
            r"Expected input batch_size \(2\) to match target batch_size \(1\).",
        ),
        (
            lambda: F.nll_loss(minigrad.ones(2, 3), minigrad.tensor([0.0, 1.0])),
            RuntimeError,
            "expected target dtype to be Long or Byte, but got Float",
        ),
        (
            lambda: F.binary_cross_entropy(minigrad.tensor([2.0]), minigrad.tensor([1.0])),
            RuntimeError,
            "all elements of input should be between 0 and 1",
        ),
        (
            lambda: F.binary_cross_entropy_with_logits(minigrad.ones(2, 1), minigrad.ones(2)),
            ValueError,
            r"Target size \(torch.Size\(\[2\]\)\) must be the same as input size",
        ),
    ],
)
def test_loss_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_mse_loss_with_broadcasting_warns():
    with pytest.warns(UserWarning, match="Using a target size"):
        F.mse_loss(minigrad.ones(3, 1), minigrad.ones(3))


def test_legacy_size_average_argument_warns_and_sums():
    with pytest.warns(UserWarning, match="size_average and reduce args will be deprecated"):
        loss = nn.MSELoss(size_average=False)
    assert loss.reduction == "sum"


def test_loss_modules_keep_weights_as_buffers():
    loss = nn.CrossEntropyLoss(weight=minigrad.tensor([1.0, 2.0]))
    assert list(loss.state_dict()) == ["weight"] and list(loss.parameters()) == []
