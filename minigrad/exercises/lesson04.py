"""Checks for lesson 04: gradients accumulate.

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

__all__ = ["grad_after_two_backwards", "grad_of_reused_weight", "microbatch_divisor",
           "predict"]


def _same_everywhere(answer):
    """``(number, entries)`` when every entry of ``answer`` is that number, else None.

    A single number stands for every entry; its ``entries`` is None.
    """
    number = as_number(answer)
    if number is not None:
        return number, None
    values = as_list(answer)
    if isinstance(values, list) and values and all(
            isinstance(v, (int, float)) and close(v, values[0]) for v in values):
        return values[0], len(values)
    return None


def grad_after_two_backwards(answer) -> Feedback:
    """``w.grad`` for a 4-element ``w`` after ``d = torch.mean(w)`` and ``d.backward()`` twice.

    Right: 0.5 for each entry (1/4 from each backward, added). Recognised mistakes: 1/4 (one
    backward, as if the second replaced the first), 2/3 and 1/3 (the post's numbers, for three
    elements), 0, None (expecting an error), and a list that is not four long.
    """
    if is_placeholder(answer):
        return placeholder()
    if answer is None:
        return not_yet("the second backward() works: MeanBackward0 saved no tensors, only a count "
                       "and a shape, so nothing was freed and w.grad is not None.")
    found = _same_everywhere(answer)
    if found is None:
        return not_yet("every entry of w counts the same in the mean, so every entry of w.grad "
                       "is the same number: which one?")
    value, length = found
    if length not in (None, 4):
        return not_yet("w has four elements, so w.grad has four entries, not {length}.",
                       length=length)
    if close(value, 0.5):
        return correct("Each backward() adds 1/4 to every entry, so after two it is 1/4 + 1/4 "
                       "= 0.5.")
    if close(value, 0.25):
        return not_yet("1/4 is one backward(); the second one adds another 1/4 into w.grad "
                       "instead of replacing it.")
    if close(value, 2 / 3) or close(value, 1 / 3):
        return not_yet("2/3 and 1/3 are the post's numbers for three elements; w has four, so "
                       "each backward() adds 1/4.")
    if close(value, 0.0):
        return not_yet("nothing reset w.grad: backward() adds into it, 1/4 each time.")
    if close(value, 1.0) or close(value, 2.0):
        return not_yet("the mean divides by 4, so each backward() adds 1/4 per entry, not 1.")
    return not_yet("d = (w0 + w1 + w2 + w3) / 4 gives 1/4 per entry at each backward(), and "
                   "the two backward() calls add up.")


def grad_of_reused_weight(answer) -> Feedback:
    """``w.grad`` after one backward of ``y = w * w + 3 * w`` at ``w = 2``.

    Right: 2w + 3 = 7. Recognised mistakes: 4 (only the ``w * w`` path), 3 (only the ``3 * w``
    path), 2 (one factor of ``w * w`` only), 5 (``w * w`` counted as one use), 10 (y's value),
    14 (two backward passes).
    """
    if is_placeholder(answer):
        return placeholder()
    value = as_number(answer)
    if value is None:
        return not_yet("w is a single number, so w.grad is one number: dy/dw at w = 2.")
    if close(value, 7):
        return correct("The three uses of w each send a gradient to the same leaf, and they add "
                       "up: 2 + 2 + 3 = 7 (that is 2w + 3).")
    if close(value, 4):
        return not_yet("4 is the w * w part alone (2w); the 3 * w term adds another 3.")
    if close(value, 3):
        return not_yet("3 is the 3 * w part alone; w * w adds 2w = 4 more.")
    if close(value, 5):
        return not_yet("w * w uses w twice, and each use sends w = 2, so that part is 4, not 2; "
                       "then add 3.")
    if close(value, 2):
        return not_yet("2 is what one factor of w * w sends; both factors are w, and then 3 * w "
                       "adds 3.")
    if close(value, 10):
        return not_yet("10 is y itself (4 + 6); w.grad is the derivative dy/dw.")
    if close(value, 14):
        return not_yet("14 is two backward passes; here backward() runs once, and the uses "
                       "inside one graph add up to 7.")
    return not_yet("add what each use of w sends back: w * w sends w twice, 3 * w sends 3.")


def microbatch_divisor(answer) -> Feedback:
    """The number to divide each micro-batch's mean loss by, for 8 samples in 4 micro-batches.

    Right: 4 (the number of micro-batches), so the accumulated gradient equals the full batch's
    mean-loss gradient. Recognised mistakes: 1 (4 times too big), 8 (the batch size: half the
    gradient), 2 (the micro-batch size: twice the gradient), 1/4 (multiplying by 4).
    """
    if is_placeholder(answer):
        return placeholder()
    value = as_number(answer)
    if value is None:
        return not_yet("the answer is one number: what to divide each micro-batch's loss by.")
    if close(value, 4):
        return correct("Four micro-batch means, each divided by 4, add up to the mean over all "
                       "8 samples, so w.grad is the full-batch gradient.")
    if close(value, 1):
        return not_yet("without dividing, four micro-batch gradients add up to 4 times the "
                       "full-batch gradient.")
    if close(value, 8):
        return not_yet("each micro-batch loss is already a mean over its 2 samples; dividing by "
                       "8 as well gives half the full-batch gradient.")
    if close(value, 2):
        return not_yet("2 is the micro-batch size, and its mean already divides by it; there are "
                       "4 micro-batches to average, so 2 gives twice the full-batch gradient.")
    if close(value, 0.25):
        return not_yet("dividing by 1/4 multiplies by 4: 16 times the full-batch gradient.")
    return not_yet("the full-batch mean is the average of the 4 micro-batch means: divide by "
                   "the number of micro-batches.")
