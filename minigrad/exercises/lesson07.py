"""Checks for lesson 07 · detach and ``.data``.

Each check takes the learner's answer (a number, a list, or a tensor of minigrad or PyTorch)
and says in one sentence what it got right or which typical mistake it shows.
"""
from __future__ import annotations

from . import as_list, as_number, close, correct, is_placeholder, not_yet, placeholder, predict

__all__ = ["grad_through_detached_factor", "grad_with_detached_target", "predict",
           "weights_after_old_update"]

def grad_through_detached_factor(answer):
    """``a, b = 2, 3``; ``c = a * b``; ``e = c * c.detach()``: the learner gives ``a.grad`` (18).

    The detached factor is the constant 6, so ``de/dc = 6`` and ``de/da = 6 * b = 18``.
    """
    if is_placeholder(answer):
        return placeholder()
    if answer is None:
        return not_yet("only the copy made by detach() is cut off; the other factor c still "
                       "leads back to a through MulBackward0, so a.grad is a tensor.")
    value = as_number(answer)
    if value is None:
        return not_yet("give one number (or a one-element tensor), e.g. the value of a.grad "
                       "after backward().")
    if close(value, 18.0):
        return correct("c.detach() counts as the constant 6, so e = 6·c and "
                       "de/da = 6 · dc/da = 6 · 3 = 18.")
    if close(value, 36.0):
        return not_yet("36 is the gradient of c·c with both factors tracked (2c · b); the "
                       "detached factor is a constant, so only one factor sends a gradient.")
    if close(value, 6.0):
        return not_yet("6 is de/dc; the chain rule still multiplies by dc/da = b = 3.")
    if close(value, 12.0):
        return not_yet("12 is 2c, the derivative of c² with both factors tracked, and the "
                       "chain rule's dc/da = b = 3 is missing too.")
    if close(value, 0.0):
        return not_yet("the detached factor sends nothing back, but the other factor c does: "
                       "a.grad is not 0.")
    return not_yet("{value:g} is not it: treat c.detach() as the constant 6, so e = 6·c, then "
                   "apply the chain rule through c = a·b.", value=value)


def grad_with_detached_target(answer):
    """``w = 1``, ``x = 2``, ``pred = w * x``, ``target = (pred + 1).detach()``: ``w.grad`` (-4).

    ``loss = (pred - target) ** 2``; with the target a constant 3, ``dloss/dw = 2 (pred - 3) x``.
    """
    if is_placeholder(answer):
        return placeholder()
    if answer is None:
        return not_yet("w is a leaf that requires grad and pred is built from it, so backward() "
                       "stores a tensor in w.grad, not None.")
    value = as_number(answer)
    if value is None:
        return not_yet("give one number (or a one-element tensor), e.g. the value of w.grad "
                       "after backward().")
    if close(value, -4.0):
        return correct("the detached target is the constant 3, so dloss/dw = "
                       "2·(pred − 3)·x = 2·(−1)·2 = −4.")
    if close(value, 0.0):
        return not_yet("0 is what you get without detach(): then target = pred + 1 moves with "
                       "w, the difference is always −1 and the loss never changes.")
    if close(value, 4.0):
        return not_yet("check the sign: pred − target = 2 − 3 = −1, so the gradient is "
                       "negative (raising w brings pred closer to 3).")
    if close(value, -2.0):
        return not_yet("the chain rule also multiplies by d(pred)/dw = x = 2.")
    if close(value, 1.0) or close(value, -1.0):
        return not_yet("{value:g} is the loss or pred − target; the question asks for w.grad, "
                       "dloss/dw.", value=value)
    return not_yet("{value:g} is not it: with target the constant 3, loss = (2w − 3)², so "
                   "dloss/dw = 2·(2w − 3)·2 at w = 1.", value=value)


def weights_after_old_update(answer):
    """Seed code: ``w1 = [1, 2, 3]``, ``torch.mean(w1).backward()``, ``lr = 0.001``,
    ``w1.data.zero_()``, ``w1.data.sub_(lr * w1.grad.data)``: ``w1`` ends at ``-lr/3`` each.
    """
    if is_placeholder(answer):
        return placeholder()
    values = as_list(answer)
    if not (isinstance(values, list) and len(values) == 3
            and all(as_number(v) is not None for v in values)):
        return not_yet("give the three numbers in w1 after the update, as a list or a tensor.")
    step = 0.001 / 3
    if close(values, [-step] * 3, tol=1e-7):
        return correct("w1.data.zero_() zeroed the weights themselves (the gradient stayed "
                       "1/3), so the update moved them from 0 to −0.001/3 ≈ −0.000333.")
    if close(values, [1 - step, 2 - step, 3 - step], tol=1e-7):
        return not_yet("that is what the post meant to happen, but w1.data.zero_() zeroes the "
                       "weights, not the gradient: the update starts from [0, 0, 0].")
    if close(values, [0.0, 0.0, 0.0], tol=1e-7):
        return not_yet("the weights are zeroed, but the gradient is still 1/3 each (zero_ did "
                       "not touch w1.grad), so sub_ moves them below 0.")
    if close(values, [1.0, 2.0, 3.0], tol=1e-7):
        return not_yet("in-place changes through .data are not blocked: w1.data.zero_() and "
                       "sub_ change w1 itself.")
    return not_yet("run the two lines in your head: first every weight becomes 0, "
                   "then each moves by −lr · grad = −0.001 · 1/3.")
