"""minigrad.optim against torch.optim: param_groups, state, trajectories, schedulers, errors."""

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, info

pytestmark = pytest.mark.torch
programs = Programs()


def data(torch, *shape, seed=0, low=-1.0, high=1.0):
    values = np.random.default_rng(seed).uniform(low, high, shape).astype(np.float32)
    return torch.tensor(values)


def params(torch, *shapes):
    """Parameters with the same starting values in both libraries."""
    return [torch.nn.Parameter(data(torch, *shape, seed=i)) for i, shape in enumerate(shapes)]


def group_view(group) -> dict:
    """A param group with its tensors shown by shape (the rest as it is)."""
    return {k: ([list(p.shape) for p in v] if k == "params" else v) for k, v in group.items()}


def trajectory(torch, make_optimizer, steps=5, shapes=((3, 2), (3,))):
    """Train a tiny least-squares problem; return every parameter after every step."""
    ps = params(torch, *shapes)
    optimizer = make_optimizer(ps)
    x, target = data(torch, 6, shapes[0][1], seed=10), data(torch, 6, shapes[0][0], seed=11)
    path = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((x @ ps[0].t() + ps[1] - target) ** 2).mean()
        loss.backward()
        optimizer.step()
        path.append([p.detach().tolist() for p in ps])
    return path


# ----- param_groups, defaults and reprs -----------------------------------------------------


@programs
def param_group_keys_and_values(torch):
    p = params(torch, (2,))
    return [
        group_view(opt.param_groups[0])
        for opt in (
            torch.optim.SGD(p, lr=0.1),
            torch.optim.Adam(p),
            torch.optim.AdamW(p),
            torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-4),
            torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.9), amsgrad=True, maximize=True),
        )
    ]


@programs
def defaults_and_state_start_empty(torch):
    p = params(torch, (2,))
    sgd, adam = torch.optim.SGD(p, lr=0.1), torch.optim.Adam(p)
    return [sgd.defaults, adam.defaults, dict(sgd.state), len(adam.state), sgd.state_dict()]


@programs
def groups_fill_missing_hyper_parameters_from_defaults(torch):
    a, b = params(torch, (2,), (3,))
    optimizer = torch.optim.SGD(
        [{"params": [a]}, {"params": b, "lr": 0.5, "tag": "head"}], lr=0.1, momentum=0.9
    )
    return [group_view(g) for g in optimizer.param_groups]


@programs
def add_param_group_appends_a_group(torch):
    a, b = params(torch, (2,), (3,))
    optimizer = torch.optim.Adam([a], lr=0.1)
    optimizer.add_param_group({"params": [b], "lr": 0.01})
    return [group_view(g) for g in optimizer.param_groups]


@programs
def named_parameters_give_param_names(torch):
    layer = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(layer.named_parameters(), lr=0.1)
    return [
        list(optimizer.param_groups[0].keys()),
        optimizer.param_groups[0]["param_names"],
        optimizer.state_dict()["param_groups"],
    ]


@programs
def optimizer_reprs(torch):
    a, b = params(torch, (2,), (3,))
    return [
        repr(torch.optim.SGD([a], lr=0.1)),
        repr(torch.optim.Adam([a])),
        repr(torch.optim.AdamW([a], lr=0.01, weight_decay=0.1)),
        repr(torch.optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.5}], lr=0.1, momentum=0.9)),
    ]


@programs
def a_leaf_that_does_not_require_grad_is_accepted(torch):
    t = torch.zeros(2)
    optimizer = torch.optim.SGD([t], lr=0.1)
    optimizer.step()
    return [t.tolist(), len(optimizer.param_groups[0]["params"])]


@programs
def a_parameter_twice_in_one_group_warns(torch):
    (p,) = params(torch, (2,))
    return len(torch.optim.SGD([p, p], lr=0.1).param_groups[0]["params"])


@programs
def sgd_default_learning_rate(torch):
    return torch.optim.SGD(params(torch, (1,))).defaults["lr"]


# ----- errors -------------------------------------------------------------------------------


@programs.raising
def an_empty_parameter_list_raises(torch):
    torch.optim.SGD([], lr=0.1)


@programs.raising
def a_non_leaf_tensor_raises(torch):
    (p,) = params(torch, (2,))
    torch.optim.SGD([p * 2], lr=0.1)


@programs.raising
def a_negative_learning_rate_raises(torch):
    torch.optim.SGD(params(torch, (2,)), lr=-0.1)


@programs.raising
def adam_negative_learning_rate_raises(torch):
    torch.optim.Adam(params(torch, (2,)), lr=-1e-3)


@programs.raising
def a_negative_momentum_raises(torch):
    torch.optim.SGD(params(torch, (2,)), lr=0.1, momentum=-0.5)


@programs.raising
def a_negative_weight_decay_raises(torch):
    torch.optim.SGD(params(torch, (2,)), lr=0.1, weight_decay=-1)


@programs.raising
def nesterov_without_momentum_raises(torch):
    torch.optim.SGD(params(torch, (2,)), lr=0.1, nesterov=True)


@programs.raising
def adam_beta_of_one_raises(torch):
    torch.optim.Adam(params(torch, (2,)), betas=(1.0, 0.999))


@programs.raising
def adam_negative_second_beta_raises(torch):
    torch.optim.Adam(params(torch, (2,)), betas=(0.9, -0.1))


@programs.raising
def adam_negative_epsilon_raises(torch):
    torch.optim.AdamW(params(torch, (2,)), eps=-1.0)


@programs.raising
def a_single_tensor_instead_of_a_list_raises(torch):
    torch.optim.SGD(params(torch, (2,))[0], lr=0.1)


@programs.raising
def a_number_among_the_parameters_raises(torch):
    torch.optim.Adam([1.0])


@programs.raising
def a_parameter_in_two_groups_raises(torch):
    (p,) = params(torch, (2,))
    torch.optim.SGD([{"params": [p]}, {"params": [p]}], lr=0.1)


@programs.raising
def add_param_group_with_a_set_raises(torch):
    a, b = params(torch, (2,), (3,))
    torch.optim.SGD([a], lr=0.1).add_param_group({"params": {b}})


@programs.raising
def add_param_group_of_a_list_raises(torch):
    a, b = params(torch, (2,), (3,))
    torch.optim.SGD([a], lr=0.1).add_param_group([b])


@programs.raising
def base_optimizer_step_is_abstract(torch):
    torch.optim.Optimizer(params(torch, (2,)), {}).step()


# ----- trajectories -------------------------------------------------------------------------

SGD_SETTINGS = [
    {"lr": 0.1},
    {"lr": 0.1, "momentum": 0.9},
    {"lr": 0.05, "momentum": 0.9, "dampening": 0.3},
    {"lr": 0.1, "momentum": 0.9, "nesterov": True},
    {"lr": 0.1, "weight_decay": 0.01},
    {"lr": 0.1, "momentum": 0.5, "weight_decay": 0.1, "maximize": True},
]

ADAM_SETTINGS = [
    {},
    {"lr": 0.05, "betas": (0.8, 0.99)},
    {"lr": 0.01, "weight_decay": 0.1},
    {"lr": 0.01, "amsgrad": True},
    {"lr": 0.01, "maximize": True},
    {"lr": 0.01, "betas": (0.3, 0.9)},
]


@programs
def sgd_trajectories(torch):
    return [trajectory(torch, lambda p, s=s: torch.optim.SGD(p, **s)) for s in SGD_SETTINGS]


@programs
def adam_trajectories(torch):
    return [trajectory(torch, lambda p, s=s: torch.optim.Adam(p, **s)) for s in ADAM_SETTINGS]


@programs
def adamw_trajectories(torch):
    return [
        trajectory(torch, lambda p, s=s: torch.optim.AdamW(p, **s))
        for s in ({}, {"lr": 0.02, "weight_decay": 0.5}, {"lr": 0.01, "amsgrad": True})
    ]


@programs
def several_param_groups_with_their_own_settings(torch):
    def make(ps):
        return torch.optim.SGD(
            [
                {"params": [ps[0]], "lr": 0.01, "nesterov": True},
                {"params": [ps[1]], "momentum": 0.0},
            ],
            lr=0.1,
            momentum=0.9,
        )

    def make_adam(ps):
        return torch.optim.Adam(
            [{"params": [ps[0]]}, {"params": [ps[1]], "lr": 0.1, "weight_decay": 0.01}], lr=0.01
        )

    return [trajectory(torch, make, steps=6), trajectory(torch, make_adam, steps=6)]


@programs
def frozen_parameters_are_skipped(torch):
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Linear(3, 1))
    with torch.no_grad():
        for i, p in enumerate(model.parameters()):
            p.copy_(data(torch, *p.shape, seed=i))
    model[0].requires_grad_(False)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    before = [p.tolist() for p in model[0].parameters()]
    for _ in range(3):
        optimizer.zero_grad()
        model(data(torch, 4, 2, seed=9)).pow(2).sum().backward()
        optimizer.step()
    return [
        before == [p.tolist() for p in model[0].parameters()],
        [p.tolist() for p in model[1].parameters()],
        sorted(optimizer.state_dict()["state"].keys()),
        model[0].weight.grad,
    ]


@programs
def a_parameter_without_grad_is_skipped_by_sgd_momentum(torch):
    a, b = params(torch, (2,), (2,))
    optimizer = torch.optim.SGD([a, b], lr=0.1, momentum=0.9)
    for _ in range(2):
        a.grad = torch.ones(2)
        optimizer.step()
    return [
        a.tolist(),
        b.tolist(),
        list(optimizer.state_dict()["state"].keys()),
        info(optimizer.state[a]["momentum_buffer"]),
    ]


@programs
def zero_grad_set_to_none_and_to_zeros(torch):
    (p,) = params(torch, (2,))
    optimizer = torch.optim.SGD([p], lr=0.1)
    p.grad = torch.ones(2)
    optimizer.zero_grad(set_to_none=False)
    zeros = info(p.grad)
    optimizer.zero_grad()
    return [zeros, p.grad]


@programs
def gradients_accumulate_without_zero_grad(torch):
    (p,) = params(torch, (2,))
    optimizer = torch.optim.SGD([p], lr=0.1)
    for _ in range(3):
        (p * p).sum().backward()
    accumulated = p.grad.tolist()
    optimizer.step()
    return [accumulated, p.tolist()]


@programs
def step_with_a_closure_returns_the_loss(torch):
    (p,) = params(torch, (2,))
    optimizer = torch.optim.SGD([p], lr=0.1)

    def closure():
        optimizer.zero_grad()
        loss = (p * p).sum()
        loss.backward()
        return loss

    loss = optimizer.step(closure)
    return [info(loss), p.tolist()]


# ----- state_dict ---------------------------------------------------------------------------


def state_view(state_dict):
    return {
        "state": {
            k: {name: info(v) if hasattr(v, "shape") else v for name, v in s.items()}
            for k, s in state_dict["state"].items()
        },
        "param_groups": state_dict["param_groups"],
    }


@programs
def sgd_and_adam_state_dicts_after_steps(torch):
    result = []
    for make in (
        lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
        lambda p: torch.optim.Adam(p, lr=0.1, amsgrad=True),
    ):
        a, b = params(torch, (2,), (3,))
        optimizer = make([a, b])
        for _ in range(2):
            a.grad = torch.tensor([1.0, -2.0])
            optimizer.step()
        result.append(state_view(optimizer.state_dict()))
    return result


@programs
def loading_an_optimizer_state_continues_the_same_trajectory(torch):
    a, b = params(torch, (2,), (3,))
    optimizer = torch.optim.Adam([a, b], lr=0.1)
    for _ in range(2):
        (a.sum() * b.sum()).backward()
        optimizer.step()
    saved = optimizer.state_dict()
    copies = [torch.nn.Parameter(a.detach().clone()), torch.nn.Parameter(b.detach().clone())]
    restored = torch.optim.Adam(copies, lr=0.5)
    restored.load_state_dict(saved)
    for opt, (x, y) in ((optimizer, (a, b)), (restored, copies)):
        opt.zero_grad()
        (x.sum() * y.sum()).backward()
        opt.step()
    return [
        a.tolist(),
        copies[0].tolist(),
        restored.param_groups[0]["lr"],
        state_view(restored.state_dict()),
    ]


@programs.raising
def loading_a_state_with_other_groups_raises(torch):
    torch.optim.SGD(params(torch, (2,)), lr=0.1).load_state_dict({"state": {}, "param_groups": []})


@programs.raising
def loading_a_state_with_other_group_sizes_raises(torch):
    a, b = params(torch, (2,), (2,))
    saved = torch.optim.SGD([a, b], lr=0.1).state_dict()
    torch.optim.SGD([a], lr=0.1).load_state_dict(saved)


# ----- learning-rate schedulers -------------------------------------------------------------


@programs
def step_lr_schedule_and_state(torch):
    (p,) = params(torch, (2,))
    optimizer = torch.optim.SGD([p], lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
    rates = []
    for _ in range(7):
        optimizer.step()
        scheduler.step()
        rates.append(scheduler.get_last_lr())
    return [rates, scheduler.state_dict(), group_view(optimizer.param_groups[0]), repr(optimizer)]


@programs
def lambda_lr_per_group(torch):
    a, b = params(torch, (2,), (2,))
    optimizer = torch.optim.Adam([{"params": [a]}, {"params": [b], "lr": 0.5}], lr=1.0)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, [lambda epoch: 0.9**epoch, lambda epoch: 1 / (epoch + 1)]
    )
    rates = [[g["lr"] for g in optimizer.param_groups]]
    for _ in range(4):
        optimizer.step()
        scheduler.step()
        rates.append(scheduler.get_last_lr())
    return [rates, scheduler.last_epoch, scheduler.base_lrs, scheduler.state_dict()]


@programs
def scheduler_step_before_optimizer_step_warns(torch):
    optimizer = torch.optim.SGD(params(torch, (2,)), lr=1.0)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda epoch: 0.5**epoch)
    scheduler.step()
    return optimizer.param_groups[0]["lr"]


@programs
def get_lr_outside_step_warns(torch):
    optimizer = torch.optim.SGD(params(torch, (2,)), lr=1.0)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    optimizer.step()
    scheduler.step()
    return [scheduler.get_lr(), scheduler.get_last_lr()]


@programs
def adam_step_skips_parameters_until_they_get_a_gradient(torch):
    a, b = params(torch, (2,), (2,))
    optimizer = torch.optim.Adam([a, b], lr=0.1)
    a.grad = torch.tensor([1.0, -1.0])
    optimizer.step()
    b.grad = torch.tensor([0.5, 0.5])
    optimizer.step()
    return [a.tolist(), b.tolist(), state_view(optimizer.state_dict())["state"]]


@programs.raising
def lambda_lr_with_the_wrong_number_of_functions_raises(torch):
    optimizer = torch.optim.SGD(params(torch, (2,)), lr=1.0)
    torch.optim.lr_scheduler.LambdaLR(optimizer, [lambda e: 1.0, lambda e: 2.0])


@programs.raising
def a_scheduler_needs_an_optimizer(torch):
    torch.optim.lr_scheduler.StepLR(3, step_size=1)


# ----- a small training run ---------------------------------------------------------------


@programs
def training_an_mlp_gives_the_same_losses(torch):
    nn = torch.nn
    model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 3))
    with torch.no_grad():
        for i, p in enumerate(model.parameters()):
            p.copy_(data(torch, *p.shape, seed=20 + i))
    x = data(torch, 16, 2, seed=1, low=-2.0, high=2.0)
    y = torch.tensor([int(a > b) + int(a > 1.0) for a, b in x.tolist()])
    optimizer = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.9)
    losses = []
    for _ in range(15):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
