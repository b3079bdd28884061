"""Checks for lesson 03: non-scalar outputs and the ``gradient`` argument of ``backward()``.

Each check takes the learner's answer (a number, a list, or a tensor of minigrad or PyTorch)
and says in one sentence what is right, or which typical mistake the answer looks like.
"""
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

__all__ = ["gradient_for_mean", "grad_of_first_row", "predict", "vector_jacobian_product"]


def _as_rows(answer):
    """The answer as a number, or as (nested) lists of numbers."""
    value = as_list(answer)
    number = as_number(answer)
    if number is not None and not isinstance(value, list):
        return number
    return value


def grad_of_first_row(answer) -> Feedback:
    """``w.grad`` of a 2x3 ``w`` after ``torch.mean(w[0]).backward()``.

    Right: the first row holds 1/3 each, the second row zeros (it was not used). Recognised
    mistakes: the rows swapped, 1/3 everywhere, 1/6 everywhere (the mean over all six), only the
    first row, a single number.
    """
    if is_placeholder(answer):
        return placeholder()
    third = 1 / 3
    right = [[third, third, third], [0.0, 0.0, 0.0]]
    value = _as_rows(answer)
    if close(value, right):
        return correct("Only the first row was used, so it gets 1/3 each and the second row "
                       "gets zeros: w.grad always has w's shape.")
    if close(value, [[0.0, 0.0, 0.0], [third, third, third]]):
        return not_yet("those are the rows of the post's example, torch.mean(w1[1]); here w[0] is "
                       "used, so the 1/3s go in the first row.")
    if close(value, [[third] * 3] * 2):
        return not_yet("the second row was never used by the loss, so its gradient is 0, not 1/3.")
    if close(value, [[1 / 6] * 3] * 2):
        return not_yet("1/6 is the gradient of torch.mean(w) over all six numbers; the loss here "
                       "averages only the three numbers of w[0].")
    if close(value, [third] * 3):
        return not_yet("that is the gradient of w[0] alone; w.grad has w's shape, 2x3, with the "
                       "unused row included.")
    if isinstance(value, (int, float)):
        return not_yet("w.grad is not one number: it has w's shape, 2x3, one gradient per entry.")
    return not_yet("w.grad has w's shape, 2x3: a gradient for each of the six numbers. "
                   "Which of them did the loss use?")


def vector_jacobian_product(answer) -> Feedback:
    """``x.grad`` after ``y.backward(torch.tensor([3., 1.]))`` for ``y = x[:2] * x[1:]``, x=[1,2,3].

    The Jacobian is ``[[2, 1, 0], [0, 3, 2]]``, so the answer is ``v @ J = [6, 6, 2]``.
    Recognised mistakes: the column sums (what ``torch.ones_like(y)`` gives), only the first
    output's row, ``v`` itself, ``y * v``, and the product with the rows the other way round.
    """
    if is_placeholder(answer):
        return placeholder()
    value = _as_rows(answer)
    if close(value, [6.0, 6.0, 2.0]):
        return correct("x.grad = v @ J = 3 * [2, 1, 0] + 1 * [0, 3, 2] = [6, 6, 2].")
    if close(value, [2.0, 4.0, 2.0]):
        return not_yet("[2, 4, 2] is what gradient=torch.ones_like(y) gives (the sum of J's rows); "
                       "here each row of J is weighted by v = [3, 1].")
    if close(value, [6.0, 3.0, 0.0]):
        return not_yet("that is 3 times the first row of J only; the second output adds 1 times "
                       "its row [0, 3, 2].")
    if close(value, [3.0, 1.0]):
        return not_yet("v is what you pass in; x.grad has x's shape (three numbers): v @ J.")
    if close(value, [6.0, 6.0]):
        return not_yet("that is y * v, two numbers; x.grad has x's shape (three numbers): v @ J.")
    if close(value, [2.0, 10.0, 6.0]):
        return not_yet("that weights the first row by 1 and the second by 3; v = [3, 1] weights "
                       "the first output's row by 3 and the second's by 1.")
    if isinstance(value, list) and len(value) != 3:
        return not_yet("x.grad has x's shape: three numbers, one per input, v @ J.")
    return not_yet("x.grad is v @ J: 3 times J's first row [2, 1, 0] plus 1 times its second "
                   "row [0, 3, 2].")


def gradient_for_mean(answer) -> Feedback:
    """The ``gradient`` to pass to ``y.backward`` (y has 4 elements) to get ``y.mean()``'s grads.

    Right: ``[0.25, 0.25, 0.25, 0.25]``, the derivative of the mean with respect to each y.
    Recognised mistakes: ones (that is ``y.sum()``), the single number 0.25 (wrong shape: a
    ``Mismatch in shape`` error), 4s (multiplying instead of dividing), a length other than 4.
    """
    if is_placeholder(answer):
        return placeholder()
    value = _as_rows(answer)
    if close(value, [0.25] * 4):
        return correct("d(mean)/dy_i = 1/4 for each of the four y's, so "
                       "y.backward(torch.full((4,), 0.25)) equals y.mean().backward().")
    if close(value, [1.0] * 4):
        return not_yet("ones give the gradients of y.sum(); the mean divides by 4, so each y "
                       "counts 1/4.")
    if close(value, [4.0] * 4):
        return not_yet("the mean divides by 4, so each y counts 1/4, not 4.")
    if isinstance(value, (int, float)) and close(value, 0.25):
        return not_yet("the number is right but gradient must have y's shape, four numbers; "
                       "one number gives 'Mismatch in shape'.")
    if isinstance(value, (int, float)):
        return not_yet("gradient must have y's shape (four numbers), one d(mean)/dy_i for each y.")
    if isinstance(value, list) and len(value) != 4:
        return not_yet("gradient must have y's shape: four numbers, one for each y.")
    return not_yet("each y_i enters the mean as y_i / 4: what is d(mean)/dy_i?")
