"""Optimizers and schedulers: update formulas re-derived in NumPy, param groups, state, errors."""

import copy
import math
import warnings

import numpy as np
import pytest

import minigrad
from minigrad import nn, optim


def make_params(seed=0):
    rng = np.random.default_rng(seed)
    return [
        nn.Parameter(minigrad.tensor(rng.normal(size=s), dtype=minigrad.float64))
        for s in [(3, 2), (3,)]
    ]


def gradients(params, step):
    """A different, known gradient at each step (float64: the formulas are compared exactly)."""
    for i, p in enumerate(params):
        p.grad = minigrad.tensor(np.sin(np.arange(p.numel()) + step + 3 * i).reshape(p.shape))


def run(optimizer, params, steps=5):
    for step in range(steps):
        gradients(params, step)
        optimizer.step()
    return [p.detach().numpy().copy() for p in params]


def numpy_grads(params, step):
    return [
        np.sin(np.arange(p.numel()) + step + 3 * i).reshape(p.shape) for i, p in enumerate(params)
    ]


# ----- SGD ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "settings",
    [
        {"lr": 0.1},
        {"lr": 0.1, "momentum": 0.9},
        {"lr": 0.1, "momentum": 0.9, "dampening": 0.5},
        {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01},
        {"lr": 0.1, "momentum": 0.5, "maximize": True},
    ],
)
def test_sgd_matches_its_formula(settings):
    params = make_params()
    values = [p.detach().numpy().copy() for p in params]
    buffers = [None] * len(params)
    s = {
        "momentum": 0,
        "dampening": 0,
        "weight_decay": 0,
        "nesterov": False,
        "maximize": False,
        **settings,
    }
    for step in range(5):
        for i, g in enumerate(numpy_grads(params, step)):
            g = -g if s["maximize"] else g
            g = g + s["weight_decay"] * values[i]
            if s["momentum"]:
                buffers[i] = (
                    g.copy()
                    if buffers[i] is None
                    else s["momentum"] * buffers[i] + (1 - s["dampening"]) * g
                )
                g = g + s["momentum"] * buffers[i] if s["nesterov"] else buffers[i]
            values[i] = values[i] - s["lr"] * g
    for got, expected in zip(run(optim.SGD(params, **settings), params), values, strict=True):
        assert np.allclose(got, expected, rtol=1e-12)


def test_sgd_keeps_a_momentum_buffer_only_with_momentum():
    params = make_params()
    plain, heavy = optim.SGD(params[:1], lr=0.1), optim.SGD(params[1:], lr=0.1, momentum=0.9)
    gradients(params, 0)
    plain.step()
    heavy.step()
    assert dict(plain.state) == {} and list(heavy.state[params[1]]) == ["momentum_buffer"]


# ----- Adam and AdamW -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "cls, settings",
    [
        (optim.Adam, {}),
        (optim.Adam, {"lr": 0.01, "betas": (0.8, 0.9), "weight_decay": 0.1}),
        (optim.Adam, {"lr": 0.01, "amsgrad": True}),
        (optim.Adam, {"lr": 0.01, "maximize": True}),
        (optim.AdamW, {"lr": 0.01}),
        (optim.AdamW, {"lr": 0.05, "weight_decay": 0.3, "amsgrad": True}),
    ],
)
def test_adam_matches_its_formula(cls, settings):
    params = make_params()
    optimizer = cls(params, **settings)
    group = optimizer.param_groups[0]
    lr, (b1, b2), eps, wd = group["lr"], group["betas"], group["eps"], group["weight_decay"]
    values = [p.detach().numpy().copy() for p in params]
    m = [np.zeros_like(v) for v in values]
    v2 = [np.zeros_like(v) for v in values]
    vmax = [np.zeros_like(v) for v in values]
    for t in range(1, 6):
        for i, g in enumerate(numpy_grads(params, t - 1)):
            g = -g if group["maximize"] else g
            if group["decoupled_weight_decay"]:
                values[i] = values[i] * (1 - lr * wd)
            else:
                g = g + wd * values[i]
            m[i] = b1 * m[i] + (1 - b1) * g
            v2[i] = b2 * v2[i] + (1 - b2) * g * g
            vmax[i] = np.maximum(vmax[i], v2[i])
            second = vmax[i] if group["amsgrad"] else v2[i]
            m_hat = m[i] / (1 - b1**t)
            values[i] = values[i] - lr * m_hat / (np.sqrt(second) / math.sqrt(1 - b2**t) + eps)
    for got, expected in zip(run(optimizer, params), values, strict=True):
        assert np.allclose(got, expected, rtol=1e-10)


def test_adam_state_after_one_step():
    (p,) = make_params()[:1]
    optimizer = optim.Adam([p], amsgrad=True)
    gradients([p], 0)
    optimizer.step()
    state = optimizer.state[p]
    assert list(state) == ["step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"]
    assert state["step"].item() == 1.0 and state["step"].dtype is minigrad.float32
    assert np.allclose(state["exp_avg"].numpy(), 0.1 * p.grad.numpy())


def test_adamw_is_adam_with_decoupled_weight_decay():
    group = optim.AdamW(make_params()).param_groups[0]
    assert group["decoupled_weight_decay"] is True and group["weight_decay"] == 0.01
    assert repr(optim.AdamW(make_params())).startswith("AdamW (\nParameter Group 0\n")


# ----- what every optimizer shares -----------------------------------------------------------


def test_param_group_keys_follow_pytorch():
    (p,) = make_params()[:1]
    assert list(optim.SGD([p], lr=0.1).param_groups[0]) == [
        "params",
        "lr",
        "momentum",
        "dampening",
        "weight_decay",
        "nesterov",
        "maximize",
        "foreach",
        "differentiable",
        "fused",
    ]
    assert list(optim.Adam([p]).param_groups[0]) == [
        "params",
        "lr",
        "betas",
        "eps",
        "weight_decay",
        "amsgrad",
        "maximize",
        "foreach",
        "capturable",
        "differentiable",
        "fused",
        "decoupled_weight_decay",
    ]


def test_groups_have_their_own_learning_rates():
    a, b = make_params()
    optimizer = optim.SGD([{"params": [a]}, {"params": [b], "lr": 1.0}], lr=0.1)
    a.grad, b.grad = minigrad.ones_like(a), minigrad.ones_like(b)
    before = [a.detach().numpy().copy(), b.detach().numpy().copy()]
    optimizer.step()
    assert np.allclose(before[0] - a.detach().numpy(), 0.1)
    assert np.allclose(before[1] - b.detach().numpy(), 1.0)


def test_parameters_without_grad_are_skipped():
    a, b = make_params()
    optimizer = optim.Adam([a, b], lr=0.1)
    before = b.detach().numpy().copy()
    a.grad = minigrad.ones_like(a)
    optimizer.step()
    assert np.array_equal(before, b.detach().numpy()) and b not in optimizer.state


def test_step_runs_under_no_grad_and_keeps_parameters_leaves():
    (p,) = make_params()[:1]
    optimizer = optim.Adam([p])
    gradients([p], 0)
    optimizer.step()
    assert p.is_leaf and p.grad_fn is None and p.requires_grad


def test_closure_is_evaluated_with_grad_enabled():
    (p,) = make_params()[:1]
    optimizer = optim.SGD([p], lr=0.1)

    def closure():
        optimizer.zero_grad()
        loss = (p**2).sum()
        loss.backward()
        return loss

    with minigrad.no_grad():
        loss = optimizer.step(closure)
    assert loss.requires_grad


def test_step_hooks_run_around_step():
    (p,) = make_params()[:1]
    optimizer = optim.SGD([p], lr=0.1)
    calls = []
    optimizer.register_step_pre_hook(lambda opt, args, kwargs: calls.append("pre"))
    handle = optimizer.register_step_post_hook(lambda opt, args, kwargs: calls.append("post"))
    optimizer.step()
    handle.remove()
    optimizer.step()
    assert calls == ["pre", "post", "pre"]


def test_zero_grad():
    (p,) = make_params()[:1]
    optimizer = optim.SGD([p], lr=0.1)
    p.grad = minigrad.ones_like(p)
    optimizer.zero_grad(set_to_none=False)
    assert not p.grad.any().item()
    optimizer.zero_grad()
    assert p.grad is None


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda p: optim.SGD([], lr=0.1), ValueError, "optimizer got an empty parameter list"),
        (lambda p: optim.SGD([p * 2], lr=0.1), ValueError, "can't optimize a non-leaf Tensor"),
        (lambda p: optim.SGD([p], lr=-1), ValueError, "Invalid learning rate: -1"),
        (
            lambda p: optim.Adam([p], betas=(0.9, 1.0)),
            ValueError,
            "Invalid beta parameter at index 1",
        ),
        (lambda p: optim.SGD(p, lr=0.1), TypeError, "should be an iterable of Tensors or dicts"),
        (
            lambda p: optim.SGD([{"params": p}, {"params": [p]}], lr=0.1),
            ValueError,
            "some parameters appear in more than one parameter group",
        ),
        (lambda p: optim.SGD([p], lr=0.1, nesterov=True), ValueError, "Nesterov momentum requires"),
    ],
)
def test_constructor_errors(call, error, message):
    (p,) = make_params()[:1]
    with pytest.raises(error, match=message):
        call(p)


def test_duplicate_parameters_in_a_group_warn():
    (p,) = make_params()[:1]
    with pytest.warns(UserWarning, match="duplicate parameters"):
        optim.SGD([p, p], lr=0.1)


def test_a_leaf_without_requires_grad_is_accepted():
    optim.SGD([minigrad.zeros(2)], lr=0.1).step()


# ----- state_dict ---------------------------------------------------------------------------


def test_state_dict_uses_indices_and_loading_resumes_identically():
    params = make_params()
    optimizer = optim.Adam(params, lr=0.05)
    run(optimizer, params, steps=3)
    saved = copy.deepcopy(
        optimizer.state_dict()
    )  # like a checkpoint: state_dict() holds references
    assert sorted(saved["state"]) == [0, 1] and saved["param_groups"][0]["params"] == [0, 1]
    twins = [nn.Parameter(p.detach().clone()) for p in params]
    restored = optim.Adam(twins, lr=1.0)
    restored.load_state_dict(saved)
    assert (
        restored.param_groups[0]["lr"] == 0.05 and restored.param_groups[0]["params"][0] is twins[0]
    )
    for a, b in zip(run(optimizer, params, 2), run(restored, twins, 2), strict=True):
        assert np.array_equal(a, b)


def test_state_dict_holds_references_to_the_live_state_as_pytorch():
    params = make_params()
    optimizer = optim.SGD(params, lr=0.1, momentum=0.9)
    run(optimizer, params, steps=1)
    buffer = optimizer.state_dict()["state"][0]["momentum_buffer"]
    assert buffer is optimizer.state[params[0]]["momentum_buffer"]


def test_load_state_dict_checks_the_groups():
    params = make_params()
    saved = optim.SGD(params, lr=0.1).state_dict()
    with pytest.raises(ValueError, match="doesn't match the size of optimizer's group"):
        optim.SGD(params[:1], lr=0.1).load_state_dict(saved)


# ----- schedulers ---------------------------------------------------------------------------


def test_step_lr_multiplies_every_step_size_epochs():
    optimizer = optim.SGD(make_params(), lr=1.0)
    scheduler = optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.1)
    rates = []
    for _ in range(5):
        optimizer.step()
        scheduler.step()
        rates.append(optimizer.param_groups[0]["lr"])
    assert rates == pytest.approx([1.0, 0.1, 0.1, 0.01, 0.01])
    assert optimizer.param_groups[0]["initial_lr"] == 1.0


def test_lambda_lr_scales_the_initial_rate():
    optimizer = optim.SGD(make_params(), lr=0.5)
    scheduler = optim.lr_scheduler.LambdaLR(optimizer, lambda epoch: 1 / (epoch + 1))
    assert scheduler.get_last_lr() == [0.5]
    optimizer.step()
    scheduler.step()
    assert scheduler.get_last_lr() == [0.25] and scheduler.state_dict()["lr_lambdas"] == [None]


def test_scheduler_before_optimizer_warns_once():
    optimizer = optim.SGD(make_params(), lr=0.5)
    scheduler = optim.lr_scheduler.StepLR(optimizer, 1)
    with pytest.warns(UserWarning, match="Detected call of `lr_scheduler.step\\(\\)` before"):
        scheduler.step()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scheduler.step()
