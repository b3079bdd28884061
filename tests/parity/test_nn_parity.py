"""minigrad.nn against torch.nn: registration, state_dict, layers, losses, reprs and errors."""

from collections import OrderedDict

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, grad_of, graph, info

pytestmark = pytest.mark.torch
programs = Programs()


def data(torch, *shape, seed=0, low=-1.0, high=1.0, requires_grad=False):
    """The same float32 values in both libraries (NumPy makes them)."""
    values = np.random.default_rng(seed).uniform(low, high, shape).astype(np.float32)
    return torch.tensor(values, requires_grad=requires_grad)


def set_weights(torch, model, seed=0):
    """Overwrite every parameter with the same values in both libraries."""
    with torch.no_grad():
        for i, p in enumerate(model.parameters()):
            p.copy_(data(torch, *p.shape, seed=seed + i))
    return model


def net_class(torch):
    nn = torch.nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(2, 3)
            self.scale = nn.Parameter(torch.ones(3))
            self.register_buffer("steps", torch.zeros(1))
            self.register_buffer("cache", torch.zeros(2), persistent=False)
            self.plain = torch.ones(4)  # a plain tensor: not registered
            self.head = nn.Sequential(nn.ReLU(), nn.Linear(3, 1))

        def forward(self, x):
            return self.head(self.fc(x) * self.scale)

    return Net


# ----- registration -------------------------------------------------------------------------


@programs
def named_parameters_list_own_parameters_before_submodules(torch):
    net = net_class(torch)()
    return [[name, list(p.shape), type(p).__name__] for name, p in net.named_parameters()]


@programs
def buffers_and_state_dict_keys(torch):
    net = net_class(torch)()
    return {
        "buffers": [name for name, _ in net.named_buffers()],
        "state_dict": list(net.state_dict().keys()),
        "plain_is_attribute": [hasattr(net, "plain"), len(list(net.parameters()))],
    }


@programs
def named_modules_and_children(torch):
    net = net_class(torch)()
    return {
        "modules": [[name, type(m).__name__] for name, m in net.named_modules()],
        "children": [name for name, _ in net.named_children()],
        "count": len(list(net.modules())),
    }


@programs
def a_shared_layer_is_listed_once(torch):
    shared = torch.nn.Linear(2, 2)
    model = torch.nn.Sequential(shared, torch.nn.ReLU(), shared)
    return [
        [name for name, _ in model.named_parameters()],
        [name for name, _ in model.named_modules()],
        list(model.state_dict().keys()),
    ]


@programs
def parameters_with_recurse_false(torch):
    net = net_class(torch)()
    return [name for name, _ in net.named_parameters(recurse=False)]


@programs
def reassigning_a_parameter_replaces_it_in_place_in_the_order(torch):
    layer = torch.nn.Linear(2, 2)
    layer.weight = torch.nn.Parameter(torch.zeros(2, 2))
    layer.extra = torch.nn.Parameter(torch.ones(1))
    del layer.bias
    return [[n, p.tolist()] for n, p in layer.named_parameters()]


@programs.raising
def a_missing_attribute_raises_attribute_error(torch):
    net = net_class(torch)()
    return net.fcc


@programs.raising
def assigning_a_tensor_to_a_parameter_name_raises(torch):
    layer = torch.nn.Linear(2, 2)
    layer.weight = torch.ones(2, 2)


@programs.raising
def assigning_a_number_to_a_submodule_name_raises(torch):
    net = net_class(torch)()
    net.fc = 3


@programs.raising
def a_buffer_name_with_a_dot_raises(torch):
    torch.nn.Module().register_buffer("a.b", torch.ones(1))


@programs.raising
def register_buffer_of_a_non_tensor_raises(torch):
    torch.nn.Module().register_buffer("b", 3)


@programs.raising
def register_parameter_of_a_plain_tensor_raises(torch):
    torch.nn.Module().register_parameter("w", torch.ones(1))


@programs.raising
def add_module_of_a_non_module_raises(torch):
    torch.nn.Module().add_module("m", 3)


@programs.raising
def an_existing_attribute_cannot_become_a_buffer(torch):
    layer = torch.nn.Linear(1, 1)
    layer.register_buffer("forward", torch.ones(1))


@programs.raising
def assigning_a_parameter_before_init_raises(torch):
    class Broken(torch.nn.Module):
        def __init__(self):
            self.w = torch.nn.Parameter(torch.ones(1))

    Broken()


@programs.raising
def a_module_without_forward_raises_when_called(torch):
    torch.nn.Module()(torch.ones(1))


@programs
def train_and_eval_reach_every_submodule(torch):
    net = net_class(torch)()
    flags = [[m.training for m in net.modules()]]
    net.eval()
    flags.append([m.training for m in net.modules()])
    net.head.train()
    flags.append([m.training for m in net.modules()])
    return flags


@programs.raising
def train_with_a_non_bool_raises(torch):
    torch.nn.Linear(1, 1).train(1)


@programs
def requires_grad_false_freezes_parameters_not_buffers(torch):
    bn = torch.nn.BatchNorm1d(2)
    bn.requires_grad_(False)
    return [[n, p.requires_grad] for n, p in bn.named_parameters()] + [
        [n, b.requires_grad] for n, b in bn.named_buffers()
    ]


@programs
def zero_grad_sets_to_none_or_to_zeros(torch):
    layer = set_weights(torch, torch.nn.Linear(2, 1))
    layer(data(torch, 3, 2)).sum().backward()
    before = grad_of(layer.weight)
    layer.zero_grad(set_to_none=False)
    zeros = grad_of(layer.weight)
    layer.zero_grad()
    return [before, zeros, layer.weight.grad]


@programs
def apply_visits_children_first(torch):
    net = net_class(torch)()
    seen = []
    net.apply(lambda m: seen.append(type(m).__name__))
    return seen


@programs
def forward_hooks_see_and_replace_inputs_and_outputs(torch):
    layer = set_weights(torch, torch.nn.Linear(2, 1))
    seen = []
    pre = layer.register_forward_pre_hook(lambda m, args: (args[0] * 2,))
    post = layer.register_forward_hook(lambda m, args, out: seen.append(out.shape) or out + 1)
    x = data(torch, 3, 2)
    hooked = layer(x)
    pre.remove()
    post.remove()
    return [info(hooked), info(layer(x)), [list(s) for s in seen]]


@programs
def hooks_with_kwargs_and_prepend(torch):
    class Scale(torch.nn.Module):
        def forward(self, x, factor=1.0):
            return x * factor

    layer, seen = Scale(), []
    layer.register_forward_pre_hook(
        lambda m, args, kwargs: (args, {"factor": kwargs["factor"] + 1}), with_kwargs=True
    )
    layer.register_forward_hook(lambda m, a, kw, out: seen.append(kw["factor"]), with_kwargs=True)
    layer.register_forward_hook(lambda m, a, out: seen.append("first") or out * 10, prepend=True)
    return [info(layer(torch.tensor([1.0, 2.0]), factor=2.0)), seen]


@programs
def state_dict_tensors_are_detached_and_share_memory(torch):
    layer = set_weights(torch, torch.nn.Linear(2, 1))
    state = layer.state_dict()
    state["bias"][0] = 5.0
    kept = layer.state_dict(keep_vars=True)
    return [info(state["weight"]), layer.bias.tolist(), type(kept["weight"]).__name__]


@programs
def module_double_converts_parameters_and_buffers(torch):
    bn = torch.nn.BatchNorm1d(2).double()
    return [[name, str(t.dtype)] for name, t in bn.state_dict().items()]


@programs
def module_to_float64_then_forward(torch):
    model = set_weights(torch, torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Tanh()))
    model.to(torch.float64)
    y = model(data(torch, 3, 2).double())
    return [info(y), [str(p.dtype) for p in model.parameters()]]


@programs
def a_none_submodule_prints_and_is_skipped(torch):
    net = torch.nn.Sequential(torch.nn.Linear(1, 1))
    net.extra = None
    net.add_module("gap", None)
    return [repr(net), [n for n, _ in net.named_modules()], list(net.state_dict())]


@programs
def batch_norm_state_round_trips_through_load_state_dict(torch):
    source = batch_norm(torch, 3)
    source(data(torch, 6, 3, seed=4, high=5.0))
    target = torch.nn.BatchNorm1d(3)
    result = target.load_state_dict(source.state_dict())
    target.eval()
    return [repr(result), bn_state(target), info(target(data(torch, 2, 3, seed=5)))]


# ----- load_state_dict ----------------------------------------------------------------------


@programs
def load_state_dict_copies_values_and_reports_success(torch):
    source = set_weights(torch, torch.nn.Linear(2, 2), seed=3)
    target = torch.nn.Linear(2, 2)
    result = target.load_state_dict(source.state_dict())
    return [repr(result), target.weight.tolist(), target.bias.tolist(), target.weight.requires_grad]


@programs.raising
def load_state_dict_reports_missing_keys(torch):
    torch.nn.Linear(2, 2).load_state_dict({"weight": torch.ones(2, 2)})


@programs.raising
def load_state_dict_reports_unexpected_keys(torch):
    torch.nn.Linear(2, 2).load_state_dict(
        {"weight": torch.ones(2, 2), "bias": torch.ones(2), "scale": torch.ones(1)}
    )


@programs.raising
def load_state_dict_reports_size_mismatch(torch):
    torch.nn.Linear(2, 2).load_state_dict({"weight": torch.ones(3, 2), "bias": torch.ones(2)})


@programs
def load_state_dict_messages_in_full(torch):
    """The whole message (not only its first line) lists every problem, in PyTorch's order."""
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1))
    try:
        model.load_state_dict(
            {
                "0.weight": torch.ones(3, 2),
                "2.bias": torch.ones(1),
                "5.weight": torch.ones(1),
                "extra": torch.ones(1),
            }
        )
    except RuntimeError as error:
        return str(error).split("\n")


@programs
def load_state_dict_not_strict_returns_the_keys(torch):
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1))
    result = model.load_state_dict(
        {"0.weight": torch.ones(2, 2), "9.bias": torch.ones(1)}, strict=False
    )
    return [repr(result), result.missing_keys, result.unexpected_keys, model[0].weight.tolist()]


@programs.raising
def load_state_dict_of_a_list_raises(torch):
    torch.nn.Linear(1, 1).load_state_dict([1])


@programs.raising
def load_state_dict_of_a_non_tensor_value_raises(torch):
    torch.nn.Linear(1, 1).load_state_dict({"weight": 3, "bias": torch.ones(1)})


# ----- reprs --------------------------------------------------------------------------------


@programs
def repr_of_a_custom_module_tree(torch):
    return repr(net_class(torch)()).split("\n")


@programs
def repr_of_containers(torch):
    nn = torch.nn
    return [
        repr(nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1), nn.Sigmoid())),
        repr(
            nn.ModuleList([nn.Linear(2, 2) for _ in range(3)] + [nn.ReLU(), nn.ReLU(), nn.Tanh()])
        ),
        repr(nn.ModuleDict({"a": nn.Linear(1, 1), "b": nn.Sequential(nn.ReLU())})),
        repr(nn.Sequential()),
        repr(nn.ModuleList()),
        repr(nn.Sequential(OrderedDict(fc=nn.Linear(1, 2), act=nn.Tanh()))),
    ]


@programs
def repr_of_layers_and_losses(torch):
    nn = torch.nn
    return [
        repr(m)
        for m in [
            nn.Linear(3, 4),
            nn.Linear(3, 4, bias=False),
            nn.ReLU(),
            nn.ReLU(inplace=True),
            nn.Tanh(),
            nn.Sigmoid(),
            nn.Softmax(dim=1),
            nn.Softmax(),
            nn.LogSoftmax(dim=-1),
            nn.Dropout(),
            nn.Dropout(0.2, inplace=True),
            nn.BatchNorm1d(4),
            nn.BatchNorm1d(3, affine=False),
            nn.BatchNorm1d(3, momentum=None, track_running_stats=False),
            nn.Identity(),
            nn.Flatten(),
            nn.Flatten(0, 2),
            nn.MSELoss(),
            nn.L1Loss(reduction="sum"),
            nn.CrossEntropyLoss(),
            nn.NLLLoss(),
            nn.BCELoss(),
            nn.BCEWithLogitsLoss(),
        ]
    ]


@programs
def repr_of_parameters(torch):
    return [
        repr(torch.nn.Parameter(torch.tensor([1.0, 2.0]))),
        repr(torch.nn.Parameter(torch.tensor([[1.5]]), requires_grad=False)),
        repr(torch.nn.Parameter()),
        repr(torch.nn.Parameter(torch.zeros(2, dtype=torch.float64))),
    ]


# ----- Parameter ----------------------------------------------------------------------------


@programs
def parameter_is_a_leaf_and_ops_give_plain_tensors(torch):
    p = torch.nn.Parameter(torch.tensor([1.0, 2.0]))
    y = p * 2
    return [
        p.is_leaf,
        p.requires_grad,
        p.grad_fn,
        type(y).__name__,
        type(p.detach()).__name__,
        isinstance(p, torch.Tensor),
        info(y),
    ]


@programs
def parameter_shares_memory_with_its_source(torch):
    t = torch.tensor([1.0, 2.0])
    p = torch.nn.Parameter(t)
    with torch.no_grad():
        p.mul_(3)
    return [t.tolist(), p.tolist()]


@programs.raising
def parameter_of_integers_cannot_require_grad(torch):
    torch.nn.Parameter(torch.tensor([1, 2]))


# ----- containers ---------------------------------------------------------------------------


@programs
def sequential_indexing_slicing_and_append(torch):
    nn = torch.nn
    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    model.append(nn.Sigmoid())
    part = model[1:3]
    return [
        len(model),
        type(model[-1]).__name__,
        type(part).__name__,
        [n for n, _ in part.named_children()],
        [type(m).__name__ for m in model],
        list(model.state_dict().keys()),
    ]


@programs.raising
def sequential_index_out_of_range_raises(torch):
    torch.nn.Sequential(torch.nn.ReLU())[3]


@programs
def sequential_delete_and_insert_renumber(torch):
    nn = torch.nn
    model = nn.Sequential(nn.Linear(1, 1), nn.ReLU(), nn.Tanh())
    del model[0]
    model.insert(1, nn.Sigmoid())
    return [[n, type(m).__name__] for n, m in model.named_children()]


@programs
def module_list_registers_and_indexes(torch):
    nn = torch.nn
    layers = nn.ModuleList([nn.Linear(2, 2)])
    layers.append(nn.ReLU())
    layers.extend([nn.Linear(2, 1)])
    layers.insert(0, nn.Tanh())
    return [
        len(layers),
        [type(m).__name__ for m in layers],
        type(layers[-1]).__name__,
        [n for n, _ in layers.named_parameters()],
        type(layers[1:]).__name__,
    ]


@programs.raising
def module_list_index_out_of_range_raises(torch):
    torch.nn.ModuleList([torch.nn.ReLU()])[2]


@programs.raising
def module_list_has_no_forward(torch):
    torch.nn.ModuleList([torch.nn.ReLU()])(torch.ones(1))


@programs
def module_dict_keys_values_and_registration(torch):
    nn = torch.nn
    layers = nn.ModuleDict({"enc": nn.Linear(2, 2), "act": nn.ReLU()})
    layers["dec"] = nn.Linear(2, 1)
    popped = layers.pop("act")
    return [
        list(layers.keys()),
        "enc" in layers,
        len(layers),
        type(popped).__name__,
        [n for n, _ in layers.named_parameters()],
    ]


# ----- layers -------------------------------------------------------------------------------


@programs
def linear_forward_backward_and_graph(torch):
    layer = set_weights(torch, torch.nn.Linear(3, 2))
    x = data(torch, 4, 3, seed=9, requires_grad=True)
    y = layer(x)
    (y * y).sum().backward()
    return [info(y), graph(y.grad_fn), grad_of(layer.weight), grad_of(layer.bias), grad_of(x)]


@programs
def linear_graphs_for_vectors_batches_and_no_bias(torch):
    F = torch.nn.functional
    w = data(torch, 2, 3, requires_grad=True)
    b = data(torch, 2, seed=1, requires_grad=True)
    outputs = [
        F.linear(data(torch, 3, seed=2, requires_grad=True), w, b),
        F.linear(data(torch, 3, seed=2, requires_grad=True), w),
        F.linear(data(torch, 2, 4, 3, seed=3, requires_grad=True), w, b),
        F.linear(data(torch, 2, 4, 3, seed=3, requires_grad=True), w),
        F.linear(data(torch, 4, 3, seed=3), w),
    ]
    return [[info(y), graph(y.grad_fn)] for y in outputs]


@programs
def linear_batched_gradients(torch):
    layer = set_weights(torch, torch.nn.Linear(3, 2))
    x = data(torch, 2, 4, 3, seed=5, requires_grad=True)
    layer(x).pow(2).sum().backward()
    return [grad_of(x), grad_of(layer.weight), grad_of(layer.bias)]


@programs.raising
def linear_with_the_wrong_input_size_raises(torch):
    torch.nn.Linear(2, 3)(torch.ones(4, 3))


@programs.raising
def linear_with_a_double_input_raises(torch):
    torch.nn.Linear(2, 3)(torch.ones(4, 2, dtype=torch.float64))


@programs
def linear_default_initialisation_bounds(torch):
    torch.manual_seed(0)
    layer = torch.nn.Linear(16, 8)
    bound = 1 / 16**0.5
    return [
        bool((layer.weight.abs() <= bound).all()),
        bool((layer.bias.abs() <= bound).all()),
        bool(layer.weight.std() > bound / 3),
        str(layer.weight.dtype),
        list(layer.weight.shape),
        layer.weight.requires_grad,
    ]


@programs
def activations_forward_and_backward(torch):
    nn = torch.nn
    results = []
    for layer in [nn.ReLU(), nn.Tanh(), nn.Sigmoid(), nn.Softmax(dim=1), nn.LogSoftmax(dim=0)]:
        x = data(torch, 3, 4, seed=4, requires_grad=True)
        y = layer(x)
        (y * data(torch, 3, 4, seed=5)).sum().backward()
        results.append([info(y), grad_of(x)])
    return results


@programs
def softmax_without_dim_warns_and_picks_one(torch):
    return [
        info(torch.nn.Softmax()(data(torch, 2, 3))),
        info(torch.nn.functional.softmax(data(torch, 3), dim=None)),
    ]


@programs
def relu_inplace_changes_its_input(torch):
    x = data(torch, 4)
    y = torch.nn.ReLU(inplace=True)(x)
    return [y is x, info(x)]


@programs
def flatten_and_identity(torch):
    x = data(torch, 2, 3, 4)
    matrix = data(torch, 2, 3)
    return [
        info(torch.nn.Flatten()(x)),
        info(torch.nn.Flatten(0, 1)(x)),
        torch.nn.Flatten()(matrix) is matrix,
        torch.nn.Identity(3, unused=True)(x) is x,
    ]


@programs
def dropout_in_eval_and_with_p_zero_returns_the_input(torch):
    x = data(torch, 3, 4, requires_grad=True)
    layer = torch.nn.Dropout(0.3)
    layer.eval()
    return [
        layer(x) is x,
        torch.nn.functional.dropout(x, 0.0) is x,
        torch.nn.functional.dropout(x, 0.5, training=False) is x,
    ]


@programs
def dropout_in_training_zeroes_and_scales(torch):
    torch.manual_seed(0)
    x = torch.ones(200, 100, requires_grad=True)
    y = torch.nn.Dropout(0.25)(x)
    y.sum().backward()
    kept = y != 0
    fraction = kept.float().mean().item()
    return [
        sorted(set(y.detach().flatten().tolist())),
        0.73 < fraction < 0.77,
        sorted(set(x.grad.flatten().tolist())),
        y.grad_fn.name(),
        bool((x.grad == y.detach()).all()),
    ]


@programs
def dropout_with_p_one_gives_zeros(torch):
    x = data(torch, 2, 3, requires_grad=True)
    y = torch.nn.functional.dropout(x, 1.0)
    return [info(y), y.grad_fn.name()]


@programs.raising
def dropout_probability_above_one_raises(torch):
    torch.nn.Dropout(1.5)


# ----- BatchNorm1d --------------------------------------------------------------------------


def batch_norm(torch, *args, **kwargs):
    bn = torch.nn.BatchNorm1d(*args, **kwargs)
    if bn.weight is not None:
        set_weights(torch, bn, seed=7)
    return bn


def bn_state(bn):
    return {name: t.tolist() for name, t in bn.state_dict().items()}


@programs
def batch_norm_training_uses_batch_statistics_and_moves_running_ones(torch):
    bn = batch_norm(torch, 3)
    x = data(torch, 5, 3, seed=1, high=3.0, requires_grad=True)
    y = bn(x)
    (y * data(torch, 5, 3, seed=2)).sum().backward()
    bn(data(torch, 5, 3, seed=3))
    return [
        info(y),
        graph(y.grad_fn),
        grad_of(x),
        grad_of(bn.weight),
        grad_of(bn.bias),
        bn_state(bn),
        str(bn.num_batches_tracked.dtype),
    ]


@programs
def batch_norm_eval_uses_running_statistics(torch):
    bn = batch_norm(torch, 3)
    bn(data(torch, 8, 3, seed=1, high=4.0))
    bn.eval()
    x = data(torch, 4, 3, seed=2, requires_grad=True)
    y = bn(x)
    y.pow(2).sum().backward()
    return [info(y), grad_of(x), grad_of(bn.weight), bn_state(bn)]


@programs
def batch_norm_frozen_still_moves_running_statistics_in_training(torch):
    bn = batch_norm(torch, 2)
    bn.requires_grad_(False)
    with torch.no_grad():
        bn(data(torch, 4, 2, seed=1))
    y = bn(data(torch, 4, 2, seed=2))
    return [bn_state(bn), y.requires_grad]


@programs
def batch_norm_on_sequences(torch):
    bn = batch_norm(torch, 2)
    x = data(torch, 3, 2, 4, seed=1, requires_grad=True)
    y = bn(x)
    (y * data(torch, 3, 2, 4, seed=2)).sum().backward()
    return [info(y), grad_of(x), grad_of(bn.weight), bn_state(bn)]


@programs
def batch_norm_cumulative_average_and_no_affine(torch):
    bn = batch_norm(torch, 2, momentum=None, affine=False)
    for seed in range(3):
        bn(data(torch, 4, 2, seed=seed))
    plain = batch_norm(torch, 2, track_running_stats=False)
    plain.eval()
    return [
        bn_state(bn),
        info(plain(data(torch, 4, 2, seed=5))),
        bn_state(plain),
        [n for n, _ in bn.named_parameters()],
    ]


@programs.raising
def batch_norm_training_on_one_sample_raises(torch):
    torch.nn.BatchNorm1d(3)(torch.ones(1, 3))


@programs.raising
def batch_norm_with_the_wrong_number_of_features_raises(torch):
    torch.nn.BatchNorm1d(3)(torch.ones(2, 4))


@programs.raising
def batch_norm_on_a_4d_input_raises(torch):
    torch.nn.BatchNorm1d(3)(torch.ones(2, 3, 4, 5))


# ----- losses -------------------------------------------------------------------------------

REDUCTIONS = ("mean", "sum", "none")


def loss_outcome(loss, *leaves):
    """A loss's value and node, and the gradients its backward gives every leaf."""
    (loss * 1.5).sum().backward()
    return [info(loss), graph(loss.grad_fn, depth=2)] + [grad_of(t) for t in leaves]


@programs
def mse_and_l1_losses(torch):
    nn = torch.nn
    results = []
    for make in (nn.MSELoss, nn.L1Loss):
        for reduction in REDUCTIONS:
            x = data(torch, 3, 4, seed=1, requires_grad=True)
            t = data(torch, 3, 4, seed=2, requires_grad=True)
            results.append(loss_outcome(make(reduction=reduction)(x, t), x, t))
    return results


@programs
def mse_loss_with_broadcasting_warns(torch):
    x = data(torch, 3, 1, seed=1, requires_grad=True)
    loss = torch.nn.functional.mse_loss(x, data(torch, 3, seed=2))
    return loss_outcome(loss, x)


@programs
def cross_entropy_loss_with_weights_and_ignored_targets(torch):
    results = []
    target = torch.tensor([0, 2, 1, 2, 1])
    for weight in (None, torch.tensor([0.2, 1.0, 3.0])):
        for reduction in REDUCTIONS:
            x = data(torch, 5, 3, seed=1, high=3.0, requires_grad=True)
            loss_fn = torch.nn.CrossEntropyLoss(weight=weight, reduction=reduction, ignore_index=1)
            results.append(loss_outcome(loss_fn(x, target), x))
    return results


@programs
def nll_loss_on_log_probabilities(torch):
    results = []
    target = torch.tensor([3, 0, 1])
    for weight in (None, torch.tensor([1.0, 0.5, 2.0, 0.1])):
        for reduction in REDUCTIONS:
            x = data(torch, 3, 4, seed=2, requires_grad=True)
            loss = torch.nn.NLLLoss(weight=weight, reduction=reduction)(x.log_softmax(1), target)
            results.append(loss_outcome(loss, x))
    return results


@programs
def cross_entropy_on_one_sample_and_on_sequences(torch):
    F = torch.nn.functional
    results = []
    for reduction in REDUCTIONS:
        x = data(torch, 4, seed=1, requires_grad=True)
        results.append(loss_outcome(F.cross_entropy(x, torch.tensor(2), reduction=reduction), x))
        seq = data(torch, 2, 3, 4, seed=2, requires_grad=True)
        target = torch.tensor([[0, 1, 2, 1], [2, 2, 0, 0]])
        loss = F.cross_entropy(seq, target, reduction=reduction)
        loss.sum().backward()
        results.append([info(loss), grad_of(seq)])
    return results


@programs
def cross_entropy_with_probabilities_and_label_smoothing(torch):
    F = torch.nn.functional
    results = []
    probabilities = data(torch, 4, 3, seed=3, low=0.0).softmax(1)
    target = torch.tensor([0, 2, 1, 1])
    for reduction in REDUCTIONS:
        x = data(torch, 4, 3, seed=1, requires_grad=True)
        soft = F.cross_entropy(x, probabilities, reduction=reduction)
        soft.sum().backward()
        results.append([info(soft), grad_of(x)])
        x = data(torch, 4, 3, seed=1, requires_grad=True)
        smooth = F.cross_entropy(x, target, reduction=reduction, label_smoothing=0.1)
        smooth.sum().backward()
        results.append([info(smooth), grad_of(x)])
    return results


@programs
def binary_cross_entropy_losses(torch):
    nn = torch.nn
    results = []
    for weight in (None, torch.tensor([1.0, 2.0, 0.5])):
        for reduction in REDUCTIONS:
            p = data(torch, 4, 3, seed=1, low=0.01, high=0.99, requires_grad=True)
            t = data(torch, 4, 3, seed=2, low=0.0, high=1.0, requires_grad=True)
            results.append(loss_outcome(nn.BCELoss(weight=weight, reduction=reduction)(p, t), p, t))
    return results


@programs
def binary_cross_entropy_clamps_log_at_minus_100(torch):
    p = torch.tensor([0.0, 1.0, 0.5], requires_grad=True)
    loss = torch.nn.functional.binary_cross_entropy(
        p, torch.tensor([1.0, 0.0, 1.0]), reduction="none"
    )
    return loss_outcome(loss, p)


@programs
def binary_cross_entropy_with_logits_losses(torch):
    nn = torch.nn
    results = []
    options = [
        {},
        {"pos_weight": torch.tensor([3.0, 1.0, 0.5])},
        {"weight": torch.tensor([0.5, 2.0, 1.0]), "pos_weight": torch.tensor([2.0])},
    ]
    for kwargs in options:
        for reduction in REDUCTIONS:
            x = data(torch, 4, 3, seed=1, low=-30.0, high=30.0, requires_grad=True)
            t = data(torch, 4, 3, seed=2, low=0.0, high=1.0, requires_grad=True)
            loss = nn.BCEWithLogitsLoss(reduction=reduction, **kwargs)(x, t)
            results.append(loss_outcome(loss, x, t))
    return results


@programs.raising
def a_reduction_that_does_not_exist_raises(torch):
    torch.nn.functional.mse_loss(torch.ones(2), torch.ones(2), reduction="avg")


@programs.raising
def cross_entropy_target_out_of_bounds_raises(torch):
    torch.nn.functional.cross_entropy(torch.ones(3, 2), torch.tensor([0, 1, 2]))


@programs.raising
def cross_entropy_batch_size_mismatch_raises(torch):
    torch.nn.functional.cross_entropy(torch.ones(3, 2), torch.tensor([0, 1]))


@programs.raising
def cross_entropy_with_float_class_targets_raises(torch):
    torch.nn.functional.cross_entropy(torch.ones(3, 2), torch.tensor([0.0, 1.0, 1.0]))


@programs.raising
def binary_cross_entropy_outside_0_1_raises(torch):
    torch.nn.functional.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.0]))


@programs.raising
def binary_cross_entropy_size_mismatch_raises(torch):
    torch.nn.BCELoss()(torch.ones(3, 1) / 2, torch.ones(3))


@programs.raising
def bce_with_logits_size_mismatch_raises(torch):
    torch.nn.BCEWithLogitsLoss()(torch.ones(3, 1), torch.ones(3))


@programs
def loss_saved_attributes(torch):
    x = data(torch, 3, 2, requires_grad=True)
    nll = torch.nn.functional.cross_entropy(x, torch.tensor([0, 1, 1]), reduction="sum").grad_fn
    mse = torch.nn.functional.mse_loss(x, torch.zeros(3, 2), reduction="none").grad_fn
    return [
        nll._saved_reduction,
        nll._saved_total_weight.item(),
        nll._saved_target.tolist(),
        nll._saved_weight,
        mse._saved_reduction,
    ]


# ----- init and clipping --------------------------------------------------------------------


@programs
def init_functions_fill_in_place_without_recording(torch):
    init = torch.nn.init
    w = torch.empty(4, 6, requires_grad=True)
    filled = [init.zeros_(w) is w, w.tolist()]
    init.ones_(w)
    filled.append(w.sum().item())
    init.constant_(w, 0.25)
    filled += [w.mean().item(), w.grad_fn, w.requires_grad]
    torch.manual_seed(0)
    init.xavier_uniform_(w)
    filled.append(bool((w.abs() <= (6 / 10) ** 0.5).all()))
    init.kaiming_uniform_(w, a=5**0.5)
    filled.append(bool((w.abs() <= 1 / 6**0.5).all()))
    init.uniform_(w, 2.0, 3.0)
    filled.append(bool(((w >= 2) & (w <= 3)).all()))
    init.normal_(w, 10.0, 0.01)
    filled.append(bool((w - 10).abs().max() < 0.1))
    gains = [init.calculate_gain(n) for n in ("linear", "sigmoid", "tanh", "relu", "leaky_relu")]
    return filled + [gains, init.calculate_gain("leaky_relu", 0.2)]


@programs.raising
def fan_of_a_vector_cannot_be_computed(torch):
    torch.nn.init.xavier_uniform_(torch.empty(3))


@programs
def clip_grad_norm_scales_all_gradients_together(torch):
    layer = set_weights(torch, torch.nn.Linear(3, 2))
    layer(data(torch, 4, 3, seed=3, high=5.0)).pow(2).sum().backward()
    total = torch.nn.utils.clip_grad_norm_(layer.parameters(), max_norm=1.0)
    clipped = torch.cat([p.grad.flatten() for p in layer.parameters()]).norm().item()
    small = torch.nn.utils.clip_grad_norm_(layer.parameters(), max_norm=100.0)
    inf_norm = torch.nn.utils.clip_grad_norm_(layer.parameters(), 0.5, norm_type=float("inf"))
    return [info(total), clipped, info(small), info(inf_norm), grad_of(layer.weight)]


@programs
def linear_node_saves_what_each_gradient_needs(torch):
    out = []
    for x_grad, w_grad in [(False, True), (True, True), (True, False)]:
        x = torch.ones(2, 3, requires_grad=x_grad)
        w = torch.ones(4, 3, requires_grad=w_grad)
        b = torch.zeros(4, requires_grad=True)
        y = torch.nn.functional.linear(x, w, b)
        node = y.grad_fn
        names = sorted(n for n in dir(node) if n.startswith("_saved_"))
        out.append([node.name(), names, [repr(getattr(node, n)) for n in names
                                         if n not in ("_saved_mat1", "_saved_mat2")],
                    node._saved_mat1 is None, node._saved_mat2 is None])
        y.sum().backward()
        out.append([node._saved_mat1 is None if not w_grad else "freed",
                    node._saved_mat2 is None if not x_grad else "freed"])
    return out


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
