"""Lesson 07's checks recognise the right answer and name the typical mistakes."""
import numpy as np
import pytest

import minigrad
from minigrad.exercises import PLACEHOLDER, lesson07

try:
    import torch
except ImportError:  # the checks are tested on minigrad tensors alone
    torch = None

LIBRARIES = [minigrad] + ([torch] if torch is not None else [])
LIBRARY_IDS = [lib.__name__ for lib in LIBRARIES]
CHECKS = [lesson07.grad_through_detached_factor, lesson07.grad_with_detached_target,
          lesson07.weights_after_old_update]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_placeholder_asks_for_an_answer(check):
    feedback = check(...)
    assert not feedback and repr(feedback) == PLACEHOLDER


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_every_check_has_a_docstring(check):
    assert check.__doc__ and check.__doc__.strip()


# -- exercise 1: e = c * c.detach(), a.grad -------------------------------------------------

@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_detached_factor_accepts_the_gradient_computed_by_either_library(lib):
    a = lib.tensor(2.0, requires_grad=True)
    b = lib.tensor(3.0, requires_grad=True)
    c = a * b
    (c * c.detach()).backward()
    feedback = lesson07.grad_through_detached_factor(a.grad)
    assert feedback and "constant 6" in repr(feedback)


@pytest.mark.parametrize("answer", [18, 18.0, np.float32(18.0)])
def test_detached_factor_accepts_plain_numbers(answer):
    assert lesson07.grad_through_detached_factor(answer)


@pytest.mark.parametrize("answer, mistake", [
    (36.0, "both factors tracked"),
    (6.0, "dc/da = b = 3"),
    (12.0, "2c"),
    (0.0, "not 0"),
    (None, "a.grad is a tensor"),
    (5.0, "treat c.detach() as the constant 6"),
    ([18.0, 18.0], "one number"),
    ("18", "one number"),
])
def test_detached_factor_names_the_mistake(answer, mistake):
    feedback = lesson07.grad_through_detached_factor(answer)
    assert not feedback and mistake in repr(feedback), repr(feedback)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_detached_factor_recognises_the_undetached_gradient_as_a_tensor(lib):
    a = lib.tensor(2.0, requires_grad=True)
    b = lib.tensor(3.0, requires_grad=True)
    c = a * b
    (c * c).backward()  # the detach forgotten
    feedback = lesson07.grad_through_detached_factor(a.grad)
    assert not feedback and "both factors tracked" in repr(feedback)


# -- exercise 2: a detached target ------------------------------------------------------------

def target_loss_grad(lib, detach: bool):
    w = lib.tensor(1.0, requires_grad=True)
    x = lib.tensor(2.0)
    pred = w * x
    target = (pred + 1).detach() if detach else pred + 1
    ((pred - target) ** 2).backward()
    return w.grad


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_detached_target_accepts_the_gradient_computed_by_either_library(lib):
    feedback = lesson07.grad_with_detached_target(target_loss_grad(lib, detach=True))
    assert feedback and "constant 3" in repr(feedback)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_detached_target_names_the_forgotten_detach(lib):
    feedback = lesson07.grad_with_detached_target(target_loss_grad(lib, detach=False))
    assert not feedback and "without detach()" in repr(feedback)


@pytest.mark.parametrize("answer, mistake", [
    (4.0, "check the sign"),
    (-2.0, "d(pred)/dw = x = 2"),
    (1.0, "the loss or pred − target"),
    (-1.0, "the loss or pred − target"),
    (None, "not None"),
    (7.5, "dloss/dw = 2·(2w − 3)·2"),
    ([-4.0, -4.0], "one number"),
])
def test_detached_target_names_the_mistake(answer, mistake):
    feedback = lesson07.grad_with_detached_target(answer)
    assert not feedback and mistake in repr(feedback), repr(feedback)


# -- exercise 3: seed 000's update through .data -----------------------------------------------

def old_update(lib):
    w1 = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    lib.mean(w1).backward()
    w1.data.zero_()
    w1.data.sub_(0.001 * w1.grad.data)
    return w1


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_old_update_accepts_the_weights_from_either_library(lib):
    w1 = old_update(lib)
    assert lesson07.weights_after_old_update(w1)  # a tensor that requires grad is fine
    assert lesson07.weights_after_old_update(w1.detach().clone())
    assert lesson07.weights_after_old_update(w1.tolist())


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_old_update_names_the_update_the_post_meant(lib):
    meant = lib.tensor([1.0, 2.0, 3.0]) - 0.001 / 3
    feedback = lesson07.weights_after_old_update(meant)
    assert not feedback and "zeroes the weights, not the gradient" in repr(feedback)


@pytest.mark.parametrize("answer, mistake", [
    ([0.0, 0.0, 0.0], "the gradient is still 1/3"),
    ((1.0, 2.0, 3.0), "not blocked"),
    ([-0.001, -0.001, -0.001], "−0.001 · 1/3"),
    ([1.0, 2.0], "three numbers"),
    (-0.000333, "three numbers"),
    (np.array([0.0, 0.0, 0.0]), "the gradient is still 1/3"),
])
def test_old_update_names_the_mistake(answer, mistake):
    feedback = lesson07.weights_after_old_update(answer)
    assert not feedback and mistake in repr(feedback), repr(feedback)
