"""Checks for lesson 02, ``backward()`` and the chain rule.

Each check takes the learner's answer and names the usual mistake behind a wrong one.
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

# predict is here too, so a lesson needs one import: exercises.predict(...) and the checks
__all__ = ["chain_rule_grads", "follow_to_the_leaf", "intermediate_grad", "predict"]


def chain_rule_grads(answer) -> Feedback:
    """[x.grad, y.grad, z.grad] for f = (x + y) * z at x = 1, y = 2, z = 5: [5, 5, 3]."""
    if is_placeholder(answer):
        return placeholder()
    values = as_list(answer)
    if not isinstance(values, list) or len(values) != 3:
        return not_yet("give three numbers in order: [x.grad, y.grad, z.grad].")
    numbers = [as_number(v) for v in values]
    if any(n is None for n in numbers):
        return not_yet("each of the three gradients is a single number.")
    gx, gy, gz = numbers
    if close([gx, gy], [1, 1]):
        return not_yet("x.grad and y.grad: s = x + y gives ds/dx = 1, but the chain rule "
                       "multiplies it by df/ds = z = 5, so both are 5.")
    if close([gx, gy], [2, 1]) or close([gx, gy], [10, 5]):
        return not_yet("x and y are added, not multiplied: ds/dx = 1 and ds/dy = 1, so "
                       "x.grad = y.grad = z = 5.")
    if not close([gx, gy], [5, 5]):
        return not_yet("x.grad = df/ds * ds/dx = z * 1 = 5, and the same for y.")
    if close(gz, 15):
        return not_yet("z.grad is df/dz = x + y = 3, the other factor, not f itself (15).")
    if close(gz, 5):
        return not_yet("z.grad is df/dz = x + y = 3, not z (5): the gradient of a product with "
                       "respect to one factor is the other factor.")
    if not close(gz, 3):
        return not_yet("z.grad: f = s * z, so df/dz = s = x + y = 3.")
    return correct("df/ds = z = 5 flows back through the addition unchanged (ds/dx = ds/dy = 1), "
                   "and df/dz = x + y = 3.")


def follow_to_the_leaf(answer) -> Feedback:
    """The leaf ``w`` reached from ``out.grad_fn`` through next_functions and ``.variable``.

    ``out = (w * x).sum()`` with w = [1., 2., 3.] requiring grad and x = [4., 5., 6.] not.
    """
    if is_placeholder(answer):
        return placeholder()
    if answer is None:
        return not_yet("None is the entry for x, which needs no gradient (the second pair of "
                       "MulBackward0's next_functions); w is behind the first pair.")
    if isinstance(answer, tuple):
        if len(answer) == 2 and isinstance(answer[1], int) and not isinstance(answer[0], tuple):
            return not_yet("that is a (node, input_nr) pair from next_functions: take its [0] "
                           "to get the node.")
        return not_yet("that is a whole next_functions tuple: pick one entry, then [0] for "
                       "its node.")
    kind = type(answer).__name__
    if hasattr(answer, "next_functions") and not hasattr(answer, "shape"):
        if "AccumulateGrad" in kind:
            return not_yet("that is the AccumulateGrad node itself; the leaf it writes to is "
                           "its .variable.")
        if kind.startswith("SumBackward"):
            return not_yet("that is out.grad_fn, where the walk starts: follow its "
                           "next_functions one step down.")
        if kind.startswith("MulBackward"):
            return not_yet("that is MulBackward0: one more step, through its next_functions, "
                           "to the AccumulateGrad node, then its .variable.")
        return not_yet("that is a {kind} node; keep following next_functions to the "
                       "AccumulateGrad node and take its .variable.", kind=kind)
    if not hasattr(answer, "requires_grad"):
        return not_yet("the answer is a tensor: the .variable of the AccumulateGrad node.")
    values = as_list(answer)
    if answer.grad_fn is not None:
        return not_yet("that tensor was made by {node}, so it is not a leaf; "
                       "the walk ends at a leaf, the .variable of an AccumulateGrad node.",
                       node=answer.grad_fn.name())
    if close(values, [4.0, 5.0, 6.0]):
        return not_yet("that is x, which needs no gradient: the graph has no node for it "
                       "(its entry is None).")
    if not answer.requires_grad or not close(values, [1.0, 2.0, 3.0]):
        return not_yet("the leaf at the end of the walk is w = [1., 2., 3.], which requires "
                       "grad.")
    return correct("out.grad_fn (SumBackward0) → MulBackward0 → AccumulateGrad, whose "
                   ".variable is w itself.")


def intermediate_grad(answer) -> Feedback:
    """h.grad for x = 1, h = x * 3, y = h * h after y.backward(): dy/dh = 2h = 6."""
    if is_placeholder(answer):
        return placeholder()
    if answer is None:
        return not_yet("h is not a leaf, so backward() does not store h.grad: call "
                       "h.retain_grad() before y.backward().")
    number = as_number(answer)
    if number is None:
        return not_yet("h.grad is a single number (h has one element).")
    if close(number, 9):
        return not_yet("9 is y, the value; h.grad is the gradient dy/dh = 2h = 6.")
    if close(number, 18):
        return not_yet("18 is x.grad: it goes one step further, times dh/dx = 3; h.grad "
                       "stops at dy/dh = 6.")
    if close(number, 3):
        return not_yet("3 is h, the value; its gradient is dy/dh = 2h = 6.")
    if close(number, 2):
        return not_yet("d(h*h)/dh is 2h, not 2: with h = 3 that is 6.")
    if close(number, 1):
        return not_yet("1 is dy/dy, the gradient backward() starts with; h.grad is dy/dh = 6.")
    if not close(number, 6):
        return not_yet("y = h * h, so dy/dh = 2h, and h = 3.")
    return correct("dy/dh = 2h = 6; retain_grad() kept it in h.grad.")
