"""Checks for lesson 05, ``zero_grad``: what resets a gradient, and what forgetting it does."""
from __future__ import annotations

from . import (
    Feedback,
    as_list,
    as_number,
    close,
    correct,
    is_placeholder,
    not_yet,
    placeholder,
    predict,
)

__all__ = ["grad_after_loop", "predict", "w_without_zero_grad", "weights_after_seed_update"]


def grad_after_loop(answer) -> Feedback:
    """``w.grad`` after three passes of ``(w * x).sum()``, x = [1, 2], zeroed after the first.

    The first gradient is zeroed in place, then two more passes add into the zeros: [2, 4].
    """
    if is_placeholder(answer):
        return placeholder()
    if answer is None:
        return not_yet("`w.grad.zero_()` fills the gradient with zeros in place; only "
                       "`zero_grad()` (or `w.grad = None`) leaves None.")
    value = as_list(answer)
    if not isinstance(value, list) or len(value) != 2:
        return not_yet("w has two elements, so w.grad holds two numbers, e.g. [1.0, 2.0].")
    if close(value, [2.0, 4.0]):
        return correct("The zero_() after the first pass emptied it, and the two passes "
                       "after it each added x = [1, 2].")
    if close(value, [3.0, 6.0]):
        return not_yet("that counts all three passes; `w.grad.zero_()` after the first one "
                       "threw its [1, 2] away.")
    if close(value, [1.0, 2.0]):
        return not_yet("backward() adds into .grad, it does not overwrite it: the two "
                       "passes after zero_() add up to twice [1, 2].")
    if close(value, [0.0, 0.0]):
        return not_yet("zero_() ran after the first pass only; the two passes after it "
                       "added into those zeros.")
    return not_yet("each pass adds x = [1, 2] to w.grad; count the passes after the zero_().")


def weights_after_seed_update(answer) -> Feedback:
    """``w1`` after the post's update ``w1.data.zero_(); w1.data.sub_(lr * w1.grad.data)``.

    With w1 = [1, 2, 3], d = mean(w1) (grad 1/3 each) and lr = 0.3 the weights end at -0.1.
    """
    if is_placeholder(answer):
        return placeholder()
    value = as_list(answer)
    if not isinstance(value, list) or len(value) != 3:
        return not_yet("w1 has three elements: answer with three numbers, or the tensor w1.")
    if close(value, [-0.1, -0.1, -0.1], tol=1e-3):
        return correct("`w1.data.zero_()` wiped the weights, then the update subtracted "
                       "0.3 * 1/3 = 0.1 from zero.")
    if close(value, [0.9, 1.9, 2.9], tol=1e-3):
        return not_yet("that is what the post meant to do; `w1.data.zero_()` zeroed the "
                       "weights first, not the gradient.")
    if close(value, [0.0, 0.0, 0.0], tol=1e-3):
        return not_yet("the weights were zeroed, but the next line still subtracts "
                       "lr * w1.grad, and w1.grad (1/3 each) was not touched.")
    if close(value, [1.0, 2.0, 3.0], tol=1e-3):
        return not_yet("`.data` is the weights' own storage: both lines change w1 in place.")
    if close(value, [-0.3, -0.3, -0.3], tol=1e-3):
        return not_yet("the gradient of mean(w1) is 1/3 per element, not 1.")
    return not_yet("run the two lines in order: first the weights become zeros, then "
                   "lr * w1.grad = 0.3 * 1/3 is subtracted.")


def w_without_zero_grad(answer) -> Feedback:
    """``w`` after three SGD steps (lr 0.25) on ``(w - 3) ** 2`` from w = 1, never zeroing.

    The gradients add up: -4, then -4 - 2 = -6, then -6 + 1 = -5, so w goes 2, 3.5, 4.75.
    """
    if is_placeholder(answer):
        return placeholder()
    value = as_number(answer)
    if value is None:
        return not_yet("w is a single number: answer with it, or with w itself.")
    if close(value, 4.75):
        return correct("Each step used the sum of every gradient so far (-4, -6, -5), so w "
                       "overshot 3 and went on to 4.75.")
    if close(value, 2.75):
        return not_yet("that is the loop with zero_grad(); without it each step uses the sum "
                       "of all gradients so far, not only the latest.")
    if close(value, 1.0):
        return not_yet("w does move: only a zero_grad() between backward() and step() stops "
                       "it (the step then finds no gradient).")
    if close(value, 3.5):
        return not_yet("that is w after two steps; the third step uses -6 + 1 = -5.")
    if close(value, 3.0):
        return not_yet("3 is the minimum, but the accumulated gradients overshoot it.")
    return not_yet("step by step: the gradient is 2 * (w - 3) added to every earlier one, "
                   "and w moves by -0.25 times that sum.")
