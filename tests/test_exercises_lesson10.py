"""Lesson 10's checks recognise the right answer and name the typical mistakes."""
import pytest

import minigrad
from minigrad.exercises import PLACEHOLDER, lesson10

try:
    import torch
except ImportError:  # the checks are tested on minigrad tensors alone
    torch = None

LIBRARIES = [minigrad] + ([torch] if torch is not None else [])
LIBRARY_IDS = [lib.__name__ for lib in LIBRARIES]
CHECKS = [lesson10.per_group_lr, lesson10.two_momentum_steps, lesson10.which_moved]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_placeholder_asks_for_an_answer(check):
    feedback = check(...)
    assert not feedback and repr(feedback) == PLACEHOLDER


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_every_check_has_a_docstring(check):
    assert check.__doc__ and check.__doc__.strip()


# -- exercise 1: a learning rate per group -------------------------------------------------------

@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_per_group_lr_accepts_two_groups_from_either_library(lib):
    net = lib.nn.Linear(2, 1)
    opt = lib.optim.SGD([{"params": [net.weight], "lr": 0.1},
                         {"params": [net.bias], "lr": 0.01}])
    assert lesson10.per_group_lr(opt)
    default = lib.optim.SGD([{"params": [net.weight]}, {"params": [net.bias], "lr": 0.01}],
                            lr=0.1)
    assert lesson10.per_group_lr(default)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
@pytest.mark.parametrize("make, mistake", [
    (lambda net, optim: optim.SGD(net.parameters(), lr=0.1), "one group gives every parameter"),
    (lambda net, optim: optim.SGD([{"params": [net.weight], "lr": 0.01},
                                   {"params": [net.bias], "lr": 0.1}]), "swapped"),
    (lambda net, optim: optim.SGD([net.weight], lr=0.1), "the bias is in no group"),
    (lambda net, optim: optim.SGD([net.bias], lr=0.01), "the weight is in no group"),
    (lambda net, optim: optim.SGD([{"params": [net.weight], "lr": 0.1},
                                   {"params": [net.bias], "lr": 0.001}]),
     "the weight has lr 0.1 and the bias 0.001"),
])
def test_per_group_lr_names_the_mistake(lib, make, mistake):
    feedback = lesson10.per_group_lr(make(lib.nn.Linear(2, 1), lib.optim))
    assert not feedback and mistake in repr(feedback), repr(feedback)


@pytest.mark.parametrize("answer", [0.1, [0.1, 0.01], {"lr": 0.1}])
def test_per_group_lr_asks_for_an_optimizer(answer):
    feedback = lesson10.per_group_lr(answer)
    assert not feedback and "give an optimizer" in repr(feedback)


# -- exercise 2: two steps with momentum ---------------------------------------------------------

@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_two_momentum_steps_accepts_what_sgd_computes(lib):
    w = lib.tensor([1.0, 1.0], requires_grad=True)
    opt = lib.optim.SGD([w], lr=0.1, momentum=0.9)
    for _ in range(2):
        opt.zero_grad()
        (w * lib.tensor([1.0, 2.0])).sum().backward()
        opt.step()
    assert lesson10.two_momentum_steps(w)
    assert lesson10.two_momentum_steps(w.tolist())
    feedback = lesson10.two_momentum_steps(opt.state[w]["momentum_buffer"])
    assert not feedback and "momentum buffer" in repr(feedback)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_two_momentum_steps_names_plain_sgd(lib):
    w = lib.tensor([1.0, 1.0], requires_grad=True)
    opt = lib.optim.SGD([w], lr=0.1)
    for _ in range(2):
        opt.zero_grad()
        (w * lib.tensor([1.0, 2.0])).sum().backward()
        opt.step()
    feedback = lesson10.two_momentum_steps(w)
    assert not feedback and "without momentum" in repr(feedback)


@pytest.mark.parametrize("answer, mistake", [
    ([0.9, 0.8], "after one step"),
    ([0.81, 0.62], "not (1 - 0.9) times"),
    ((1.29, 1.58), "against the gradient"),
    ([0.5, 0.5], "step 1: buf = [1, 2]"),
    ([0.71], "two numbers"),
    (0.71, "two numbers"),
])
def test_two_momentum_steps_names_the_mistake(answer, mistake):
    feedback = lesson10.two_momentum_steps(answer)
    assert not feedback and mistake in repr(feedback), repr(feedback)


# -- exercise 3: which tensors step() changes ----------------------------------------------------

@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_which_moved_accepts_what_either_library_does(lib):
    start = lib.tensor([1.0, -2.0])
    a = start.clone().requires_grad_()
    b = start.clone().requires_grad_()
    c, d = start.clone(), start.clone()
    (a * 3).sum().backward()
    c.grad = lib.zeros(2)
    lib.optim.SGD([a, b, c, d], lr=0.1, weight_decay=0.5).step()
    moved = [n for n, t in zip("abcd", (a, b, c, d), strict=True) if not lib.equal(t, start)]
    assert lesson10.which_moved(moved)
    assert lesson10.which_moved(tuple(reversed(moved)))
    assert lesson10.which_moved("a, c")


@pytest.mark.parametrize("answer, mistake", [
    (["a"], "c moved too"),
    (["a", "b"], "b requires grad but its .grad is None"),
    (["a", "b", "c", "d"], "b requires grad but its .grad is None"),
    (["a", "c", "d"], "d has no .grad"),
    (["c"], "a has a gradient of [3, 3]"),
    ([], "a has a gradient of [3, 3]"),
    (["e"], "give a list of names"),
    ([1, 3], "give a list of names"),
    (2, "give a list of names"),
])
def test_which_moved_names_the_mistake(answer, mistake):
    feedback = lesson10.which_moved(answer)
    assert not feedback and mistake in repr(feedback), repr(feedback)
