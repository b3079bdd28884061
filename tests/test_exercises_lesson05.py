"""Lesson 05's checks name the typical wrong answers, and accept the right one in any form."""
import numpy as np
import pytest

import minigrad
from minigrad.exercises import lesson05 as exercises

torch = pytest.importorskip("torch", reason="checks must accept PyTorch tensors too")


def said(feedback) -> str:
    return repr(feedback)


@pytest.mark.parametrize("check", [exercises.grad_after_loop, exercises.weights_after_seed_update,
                                   exercises.w_without_zero_grad])
def test_the_placeholder_asks_for_an_answer(check):
    feedback = check(...)
    assert not feedback and "replace the ..." in said(feedback)


# grad_after_loop: three passes of (w * [1, 2]).sum(), zeroed after the first: [2, 4]

@pytest.mark.parametrize("answer", [[2.0, 4.0], (2, 4), np.array([2.0, 4.0]),
                                    minigrad.tensor([2.0, 4.0]), torch.tensor([2.0, 4.0])])
def test_grad_after_loop_accepts_the_right_answer_in_any_form(answer):
    assert exercises.grad_after_loop(answer)


@pytest.mark.parametrize("answer, mistake", [
    ([3.0, 6.0], "threw its [1, 2] away"),
    (torch.tensor([3.0, 6.0]), "threw its [1, 2] away"),
    ([1.0, 2.0], "does not overwrite"),
    (minigrad.tensor([1.0, 2.0]), "does not overwrite"),
    ([0.0, 0.0], "added into those zeros"),
    (None, "only `zero_grad()`"),
    (3.0, "holds two numbers"),
    ([1.0, 2.0, 3.0], "holds two numbers"),
    ([5.0, 5.0], "count the passes"),
])
def test_grad_after_loop_names_the_mistake(answer, mistake):
    feedback = exercises.grad_after_loop(answer)
    assert not feedback
    assert said(feedback).startswith("Not yet: ") and mistake in said(feedback)


# weights_after_seed_update: w1.data.zero_() then w1.data.sub_(0.3 * 1/3) leaves -0.1 each

@pytest.mark.parametrize("answer", [[-0.1, -0.1, -0.1], minigrad.tensor([-0.1, -0.1, -0.1]),
                                    torch.tensor([-0.1, -0.1, -0.1], requires_grad=True)])
def test_weights_after_seed_update_accepts_the_right_answer(answer):
    assert exercises.weights_after_seed_update(answer)


@pytest.mark.parametrize("answer, mistake", [
    ([0.9, 1.9, 2.9], "what the post meant"),
    (torch.tensor([0.9, 1.9, 2.9]), "what the post meant"),
    (minigrad.tensor([0.0, 0.0, 0.0]), "was not touched"),
    ([1.0, 2.0, 3.0], "own storage"),
    ([-0.3, -0.3, -0.3], "1/3 per element"),
    (-0.1, "three numbers"),
    ([0.5, 0.5, 0.5], "run the two lines in order"),
])
def test_weights_after_seed_update_names_the_mistake(answer, mistake):
    feedback = exercises.weights_after_seed_update(answer)
    assert not feedback and mistake in said(feedback)


# w_without_zero_grad: gradients -4, -6, -5 add up; w goes 2, 3.5, 4.75

@pytest.mark.parametrize("answer", [4.75, np.float32(4.75), minigrad.tensor(4.75),
                                    torch.tensor(4.75, requires_grad=True), torch.tensor([4.75])])
def test_w_without_zero_grad_accepts_the_right_answer(answer):
    assert exercises.w_without_zero_grad(answer)


@pytest.mark.parametrize("answer, mistake", [
    (2.75, "the loop with zero_grad()"),
    (torch.tensor(2.75), "the loop with zero_grad()"),
    (1.0, "between backward() and step()"),
    (minigrad.tensor(3.5), "after two steps"),
    (3, "overshoot"),
    ([4.75, 4.75], "a single number"),
    ("4.75", "a single number"),
    (-5.0, "step by step"),
])
def test_w_without_zero_grad_names_the_mistake(answer, mistake):
    feedback = exercises.w_without_zero_grad(answer)
    assert not feedback and mistake in said(feedback)


def test_the_right_answers_are_what_pytorch_computes():
    # grad_after_loop
    w = torch.tensor([0.5, 0.5], requires_grad=True)
    for step in range(3):
        (w * torch.tensor([1.0, 2.0])).sum().backward()
        if step == 0:
            w.grad.zero_()
    assert exercises.grad_after_loop(w.grad)
    # weights_after_seed_update
    w1 = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    torch.mean(w1).backward()
    w1.data.zero_()
    w1.data.sub_(0.3 * w1.grad.data)
    assert exercises.weights_after_seed_update(w1)
    # w_without_zero_grad
    w = torch.tensor(1.0, requires_grad=True)
    sgd = torch.optim.SGD([w], lr=0.25)
    for _ in range(3):
        ((w - 3) ** 2).backward()
        sgd.step()
    assert exercises.w_without_zero_grad(w)
