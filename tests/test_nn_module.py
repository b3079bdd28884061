"""nn.Module and nn.Parameter: registration, traversal, modes, hooks, state_dict and loading."""

import copy

import numpy as np
import pytest

import minigrad
from minigrad import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 3)
        self.scale = nn.Parameter(minigrad.ones(3))
        self.register_buffer("steps", minigrad.zeros(1))
        self.register_buffer("cache", minigrad.zeros(2), persistent=False)
        self.plain = minigrad.ones(4)
        self.head = nn.Sequential(nn.ReLU(), nn.Linear(3, 1))

    def forward(self, x):
        return self.head(self.fc(x) * self.scale)


# ----- Parameter ----------------------------------------------------------------------------


def test_parameter_requires_grad_by_default_and_is_a_leaf():
    p = nn.Parameter(minigrad.tensor([1.0, 2.0]))
    assert p.requires_grad and p.is_leaf and isinstance(p, minigrad.Tensor)
    assert not nn.Parameter(minigrad.ones(1), requires_grad=False).requires_grad


def test_parameter_repr_starts_with_parameter_containing():
    p = nn.Parameter(minigrad.tensor([1.0, 2.0]))
    assert repr(p) == "Parameter containing:\ntensor([1., 2.], requires_grad=True)"


def test_parameter_of_a_non_leaf_is_a_new_leaf_sharing_memory():
    x = minigrad.ones(2, requires_grad=True)
    y = x * 2
    p = nn.Parameter(y)
    assert p.is_leaf and p.grad_fn is None
    with minigrad.no_grad():
        p.add_(1)
    assert y.tolist() == [3.0, 3.0]


def test_ops_on_a_parameter_give_plain_tensors():
    p = nn.Parameter(minigrad.ones(2))
    assert type(p * 2) is minigrad.Tensor
    assert type(p.detach()) is minigrad.Tensor


def test_parameter_of_integers_raises():
    with pytest.raises(RuntimeError, match="floating point"):
        nn.Parameter(minigrad.tensor([1, 2]))


def test_deepcopy_of_a_parameter_copies_values_and_grad():
    p = nn.Parameter(minigrad.ones(2))
    p.grad = minigrad.ones(2)
    q = copy.deepcopy(p)
    assert type(q) is nn.Parameter and q.requires_grad
    with minigrad.no_grad():
        q.mul_(5)
    assert p.tolist() == [1.0, 1.0] and q.grad.tolist() == [1.0, 1.0]


# ----- registration -------------------------------------------------------------------------


def test_setattr_registers_parameters_modules_but_not_plain_tensors():
    net = Net()
    assert list(net._parameters) == ["scale"]
    assert list(net._modules) == ["fc", "head"]
    assert list(net._buffers) == ["steps", "cache"]
    assert "plain" in net.__dict__
    assert [n for n, _ in net.named_parameters()] == [
        "scale",
        "fc.weight",
        "fc.bias",
        "head.1.weight",
        "head.1.bias",
    ]


def test_state_dict_skips_non_persistent_buffers():
    assert list(Net().state_dict()) == [
        "scale",
        "steps",
        "fc.weight",
        "fc.bias",
        "head.1.weight",
        "head.1.bias",
    ]


def test_getattr_of_an_unknown_name_raises_never_returns_none():
    with pytest.raises(AttributeError, match="'Net' object has no attribute 'nope'"):
        _ = Net().nope


def test_assigning_a_plain_tensor_over_a_parameter_raises():
    with pytest.raises(TypeError, match=r"cannot assign 'torch.FloatTensor' as parameter 'scale'"):
        Net().scale = minigrad.ones(3)


def test_assigning_none_to_a_parameter_keeps_the_slot():
    net = Net()
    net.scale = None
    assert "scale" in net._parameters and net.scale is None
    assert "scale" not in dict(net.named_parameters())


def test_a_plain_attribute_can_become_a_module():
    net = Net()
    net.plain = nn.ReLU()
    assert "plain" not in net.__dict__ and "plain" in net._modules


def test_register_before_init_raises():
    class Broken(nn.Module):
        def __init__(self):
            self.fc = nn.Linear(1, 1)

    with pytest.raises(AttributeError, match="cannot assign module before Module.__init__"):
        Broken()


@pytest.mark.parametrize(
    "name, error", [("a.b", KeyError), ("", KeyError), (3, TypeError), ("fc", KeyError)]
)
def test_bad_buffer_names_raise(name, error):
    with pytest.raises(error):
        Net().register_buffer(name, minigrad.ones(1))


def test_register_parameter_of_a_computed_tensor_raises():
    p = nn.Parameter(minigrad.ones(1))
    module = nn.Module()
    with pytest.raises(TypeError):
        module.register_parameter("w", p * 2)


def test_delattr_removes_from_the_registry():
    net = Net()
    del net.fc
    del net.steps
    assert "fc" not in net._modules and "steps" not in net._buffers
    with pytest.raises(AttributeError):
        _ = net.fc


def test_shared_submodules_and_parameters_are_listed_once():
    shared = nn.Linear(2, 2)
    model = nn.Sequential(shared, nn.ReLU(), shared)
    assert len(list(model.parameters())) == 2
    assert [n for n, _ in model.named_modules()] == ["", "0", "1"]


def test_get_submodule_and_get_parameter():
    net = Net()
    assert net.get_submodule("head.1") is net.head[1]
    assert net.get_parameter("head.1.bias") is net.head[1].bias
    with pytest.raises(AttributeError):
        net.get_submodule("head.7")


def test_dir_lists_registered_names():
    names = dir(Net())
    assert {"fc", "scale", "steps", "head"} <= set(names)


def test_extra_init_arguments_raise_type_error():
    with pytest.raises(TypeError, match="unexpected keyword argument 'size'"):
        nn.Module(size=3)


# ----- modes, gradients, hooks ----------------------------------------------------------------


def test_train_and_eval_set_every_submodule():
    net = Net().eval()
    assert not any(m.training for m in net.modules())
    net.train()
    assert all(m.training for m in net.modules())
    with pytest.raises(ValueError, match="training mode is expected to be boolean"):
        net.train("yes")


def test_requires_grad_false_freezes_parameters():
    net = Net().requires_grad_(False)
    assert not any(p.requires_grad for p in net.parameters())
    out = net(minigrad.ones(1, 2))
    assert not out.requires_grad


def test_zero_grad_sets_none_or_zeros():
    net = Net()
    net(minigrad.ones(4, 2)).sum().backward()
    assert all(p.grad is not None for p in net.parameters())
    net.zero_grad(set_to_none=False)
    assert all(not p.grad.any().item() for p in net.parameters())
    net.zero_grad()
    assert all(p.grad is None for p in net.parameters())


def test_apply_initialises_every_linear():
    net = Net()
    net.apply(lambda m: nn.init.zeros_(m.weight) if isinstance(m, nn.Linear) else None)
    assert all(not m.weight.any().item() for m in net.modules() if isinstance(m, nn.Linear))


def test_call_runs_pre_hooks_forward_and_hooks_in_order():
    layer = nn.Identity()
    calls = []
    layer.register_forward_pre_hook(lambda m, args: calls.append("pre") or (args[0] + 1,))
    handle = layer.register_forward_hook(lambda m, args, out: calls.append("post") or out * 10)
    assert layer(minigrad.tensor(1.0)).item() == 20.0
    handle.remove()
    assert layer(minigrad.tensor(1.0)).item() == 2.0
    assert calls == ["pre", "post", "pre"]


def test_missing_forward_raises_not_implemented():
    with pytest.raises(
        NotImplementedError, match=r'Module \[Module\] is missing the required "forward"'
    ):
        nn.Module()(1)


def test_double_converts_parameters_and_buffers_in_place():
    net = Net()
    weight = net.fc.weight
    net.double()
    assert net.fc.weight is weight and weight.dtype is minigrad.float64
    assert net.steps.dtype is minigrad.float64
    assert net(minigrad.ones(1, 2, dtype=minigrad.float64)).dtype is minigrad.float64


# ----- state_dict and load_state_dict -------------------------------------------------------


def test_state_dict_values_share_memory_but_not_the_graph():
    layer = nn.Linear(2, 1)
    state = layer.state_dict()
    assert not state["weight"].requires_grad
    state["bias"][0] = 7.0
    assert layer.bias.item() == 7.0


def test_load_state_dict_round_trip():
    source, target = Net(), Net()
    result = target.load_state_dict(source.state_dict())
    assert repr(result) == "<All keys matched successfully>"
    pairs = zip(source.state_dict().items(), target.state_dict().items(), strict=True)
    for (name, a), (_, b) in pairs:
        assert np.array_equal(a.numpy(), b.numpy()), name


def test_load_state_dict_casts_to_the_parameter_dtype():
    layer = nn.Linear(2, 1)
    layer.load_state_dict(
        {"weight": minigrad.ones(1, 2, dtype=minigrad.float64), "bias": minigrad.zeros(1)}
    )
    assert layer.weight.dtype is minigrad.float32 and layer.weight.tolist() == [[1.0, 1.0]]


def test_a_failed_load_changes_no_parameter():
    """Unlike PyTorch, nothing is copied unless every key and shape is right."""
    net = Net()
    before = {k: v.clone() for k, v in net.state_dict().items()}
    bad = {k: minigrad.full(v.shape, 9.0) for k, v in net.state_dict().items()}
    bad["head.1.weight"] = minigrad.ones(5, 5)
    with pytest.raises(RuntimeError, match="size mismatch for head.1.weight"):
        net.load_state_dict(bad)
    del bad["head.1.weight"]
    with pytest.raises(RuntimeError, match='Missing key.*"head.1.weight"'):
        net.load_state_dict(bad)
    for k, v in net.state_dict().items():
        assert np.array_equal(v.numpy(), before[k].numpy()), k


def test_load_state_dict_not_strict_copies_what_matches():
    net = Net()
    result = net.load_state_dict(
        {"fc.bias": minigrad.ones(3), "other": minigrad.ones(1)}, strict=False
    )
    assert net.fc.bias.tolist() == [1.0, 1.0, 1.0]
    assert result.unexpected_keys == ["other"] and "fc.weight" in result.missing_keys


def test_load_state_dict_with_assign_replaces_the_tensors():
    layer = nn.Linear(2, 1)
    new_weight = minigrad.ones(1, 2)
    layer.load_state_dict({"weight": new_weight, "bias": minigrad.zeros(1)}, assign=True)
    assert isinstance(layer.weight, nn.Parameter) and layer.weight.requires_grad
    assert layer.weight.tolist() == [[1.0, 1.0]]


def test_load_state_dict_needs_a_mapping():
    with pytest.raises(TypeError, match="Expected state_dict to be dict-like"):
        nn.Linear(1, 1).load_state_dict([("weight", minigrad.ones(1, 1))])


# ----- repr ---------------------------------------------------------------------------------


def test_repr_of_a_module_tree():
    assert repr(Net()) == (
        "Net(\n"
        "  (fc): Linear(in_features=2, out_features=3, bias=True)\n"
        "  (head): Sequential(\n"
        "    (0): ReLU()\n"
        "    (1): Linear(in_features=3, out_features=1, bias=True)\n"
        "  )\n"
        ")"
    )


def test_repr_with_extra_repr_and_children():
    class Scaled(nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = nn.Tanh()

        def extra_repr(self):
            return "factor=2"

    assert repr(Scaled()) == "Scaled(\n  factor=2\n  (inner): Tanh()\n)"


def test_deepcopy_of_a_model_is_independent():
    model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
    twin = copy.deepcopy(model)
    assert twin[0].weight is not model[0].weight and twin[0].weight.equal(model[0].weight)
    assert type(twin[0].weight) is nn.Parameter
    with minigrad.no_grad():
        twin[0].weight.add_(1)
    twin(minigrad.randn(4, 2))
    assert not twin[0].weight.equal(model[0].weight)
    assert model[1].num_batches_tracked.item() == 0


def test_to_cpu_changes_nothing_and_other_devices_raise():
    layer = nn.Linear(1, 1)
    assert layer.to("cpu") is layer and layer.cpu() is layer
    with pytest.raises(RuntimeError):
        layer.to("cuda")


def test_hooks_with_kwargs_and_prepend():
    class Scale(nn.Module):
        def forward(self, x, factor=1.0):
            return x * factor

    layer = Scale()
    order = []
    layer.register_forward_pre_hook(
        lambda m, a, kw: (a, {"factor": kw["factor"] * 2}), with_kwargs=True
    )
    layer.register_forward_hook(
        lambda m, a, kw, out: order.append(("second", kw)) or None, with_kwargs=True
    )
    layer.register_forward_hook(lambda m, a, out: order.append("first"), prepend=True)
    assert layer(minigrad.tensor(1.0), factor=3.0).item() == 6.0
    assert order == ["first", ("second", {"factor": 6.0})]
