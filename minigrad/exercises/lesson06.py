"""Checks for lesson 06, ``retain_graph`` and ``create_graph``: what backward frees, and keeps."""
from __future__ import annotations

from ..translations import translatable, translate
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

__all__ = ["predict", "second_derivative", "twice_without_retain_graph", "w2_grad_after_three"]

# The graphs of the first exercise, whether each one saves a tensor for backward, and why
# (the reason is shown in the learner's language, inside the check's sentence).
SAVES_A_TENSOR = {
    "a": (False, translatable("(a) `w + 1` saves nothing: its backward passes the gradient on "
                              "unchanged.")),
    "b": (True, translatable("(b) `w * w` saves both factors: each one's gradient is the other "
                             "factor.")),
    "c": (True, translatable("(c) `exp` saves its result, because the derivative of exp is exp "
                             "itself.")),
    "d": (False, translatable("(d) `mean` saves only the input's size and count, no tensor.")),
    "e": (True, translatable("(e) `w * 3` saves the 3 as a tensor: w's gradient is 3 times the "
                             "incoming one.")),
}


def _letters(answer):
    """The set of letters in an answer such as "ad", "a, d", ["a", "d"] or {"A", "D"}."""
    if isinstance(answer, str):
        items = answer.replace(",", " ").replace("(", " ").replace(")", " ").split()
        if len(items) == 1 and len(items[0]) > 1:
            items = list(items[0])
    elif isinstance(answer, (list, tuple, set, frozenset)):
        items = list(answer)
    else:
        return None
    if not all(isinstance(item, str) for item in items):
        return None
    return {item.strip().lower() for item in items}


def twice_without_retain_graph(answer) -> Feedback:
    """Which of five graphs survive a second ``backward()`` without ``retain_graph``: a and d.

    A second backward fails only when the first one freed a saved tensor.
    """
    if is_placeholder(answer):
        return placeholder()
    letters = _letters(answer)
    if letters is None or not letters <= set(SAVES_A_TENSOR):
        return not_yet('answer with the letters of the graphs that can run twice, e.g. "bc".')
    wrong_in = sorted(k for k in letters if SAVES_A_TENSOR[k][0])
    missing = sorted(k for k in SAVES_A_TENSOR if not SAVES_A_TENSOR[k][0] and k not in letters)
    if not wrong_in and not missing:
        return correct("Only (a) and (d) save no tensor, so only they have nothing to free.")
    if wrong_in:
        return not_yet("{reason} The first backward frees it.",
                       reason=translate(SAVES_A_TENSOR[wrong_in[0]][1]))
    return not_yet("{reason} So nothing is freed: it can run again.",
                   reason=translate(SAVES_A_TENSOR[missing[0]][1]))


def w2_grad_after_three(answer) -> Feedback:
    """``w2.grad`` after three backward passes of ``mean(w1 * w2 + w1)``, the first two retained.

    Each pass adds d(res)/d(w2) = w1 / 3 = [1/3, 2/3, 1], so three passes give [1, 2, 3].
    """
    if is_placeholder(answer):
        return placeholder()
    value = as_list(answer)
    if not isinstance(value, list) or len(value) != 3:
        return not_yet("w2 has three elements: answer with three numbers, or the tensor w2.grad.")
    if close(value, [1.0, 2.0, 3.0]):
        return correct("Each pass adds w1 / 3 = [1/3, 2/3, 1], and retain_graph=True let all "
                       "three passes run.")
    if close(value, [1 / 3, 2 / 3, 1.0]):
        return not_yet("that is one pass; the gradients of all three passes add up.")
    if close(value, [2 / 3, 4 / 3, 2.0]):
        return not_yet("that is two passes: the last backward(), without retain_graph, "
                       "still runs (it is only the one after it that would fail).")
    if close(value, [2.0, 3.0, 4.0]):
        return not_yet("that is w1.grad: w1 appears twice in w1 * w2 + w1, w2 only in the "
                       "product, so d(res)/d(w2) = w1 / 3.")
    return not_yet("d(mean(w1 * w2 + w1))/d(w2) is w1 / 3; count how many passes add it.")


def second_derivative(answer) -> Feedback:
    """The second derivative of ``x**3 + 2 * x**2`` at x = 1: 6x + 4 = 10."""
    if is_placeholder(answer):
        return placeholder()
    value = as_number(answer)
    if value is None:
        return not_yet("the second derivative at x = 1 is a single number.")
    if close(value, 10.0):
        return correct("The first derivative is 3x² + 4x, and its derivative 6x + 4 is 10 "
                       "at x = 1.")
    if close(value, 7.0):
        return not_yet("7 is the first derivative, 3x² + 4x; differentiate it once more "
                       "(autograd.grad on the gradient, which create_graph=True recorded).")
    if close(value, 3.0):
        return not_yet("that is y itself at x = 1; we want its derivative's derivative.")
    if close(value, 6.0):
        return not_yet("6x is only the x³ part: the 2x² term adds 4.")
    if close(value, 4.0):
        return not_yet("4 is only the 2x² part: the x³ term adds 6x = 6.")
    return not_yet("differentiate twice: x³ + 2x² → 3x² + 4x → 6x + 4, then put x = 1.")
