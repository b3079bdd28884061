"""Checks for lesson 10 · Optimizers from the inside.

Each check takes the learner's answer (an optimizer, numbers, a list of names, or a tensor of
minigrad or PyTorch) and says in one sentence what it got right or which typical mistake it
shows.
"""
from __future__ import annotations

from . import as_list, as_number, close, correct, is_placeholder, not_yet, placeholder, predict

__all__ = ["per_group_lr", "predict", "two_momentum_steps", "which_moved"]


def per_group_lr(answer):
    """An ``optim.SGD`` over a ``Linear(2, 1)``: learning rate 0.1 for the weight (shape
    ``[1, 2]``), 0.01 for the bias (shape ``[1]``), e.g. two groups.
    """
    if is_placeholder(answer):
        return placeholder()
    groups = getattr(answer, "param_groups", None)
    if not isinstance(groups, list):
        return not_yet("give an optimizer, e.g. optim.SGD([...]), not a number or a list.")
    lrs = {"weight": [], "bias": []}
    for group in groups:
        for p in group["params"]:
            kind = "weight" if len(p.shape) == 2 else "bias"
            lrs[kind].append(group["lr"])
    if not lrs["weight"]:
        return not_yet("the weight is in no group, so step() would never change it: give the "
                       "optimizer both parameters.")
    if not lrs["bias"]:
        return not_yet("the bias is in no group, so step() would never change it: give the "
                       "optimizer both parameters.")
    weight, bias = lrs["weight"][0], lrs["bias"][0]
    if close(weight, 0.1) and close(bias, 0.01):
        return correct("each group has its own lr; a group that leaves lr out would take the "
                       "one passed as a keyword.")
    if close(weight, 0.01) and close(bias, 0.1):
        return not_yet("the two learning rates are swapped: the weight should get 0.1 and the "
                       "bias 0.01.")
    if len(groups) == 1:
        return not_yet("one group gives every parameter the same lr ({weight}); pass a list "
                       "of two dicts, {{'params': [net.weight], 'lr': 0.1}} and one for the "
                       "bias.", weight=weight)
    return not_yet("the weight has lr {weight} and the bias {bias}; they should be 0.1 and "
                   "0.01.", weight=weight, bias=bias)


def two_momentum_steps(answer):
    """``w`` after two SGD steps from ``[1, 1]`` with gradient ``[1, 2]``, lr 0.1, momentum 0.9.

    Right: ``[1, 1] - 0.1·[1, 2] - 0.1·(0.9·[1, 2] + [1, 2]) = [0.71, 0.42]``.
    """
    if is_placeholder(answer):
        return placeholder()
    values = as_list(answer)
    if not (isinstance(values, list) and len(values) == 2
            and all(as_number(v) is not None for v in values)):
        return not_yet("give w: two numbers, as a list or a tensor.")
    if close(values, [0.71, 0.42]):
        return correct("the first step moves by 0.1·[1, 2]; the second by 0.1 times the buffer "
                       "0.9·[1, 2] + [1, 2] = [1.9, 3.8].")
    if close(values, [0.8, 0.6]):
        return not_yet("that is two steps without momentum: on the second step the buffer is "
                       "0.9·[1, 2] + [1, 2], not just the gradient.")
    if close(values, [0.9, 0.8]):
        return not_yet("that is w after one step; the loop ran two.")
    if close(values, [0.81, 0.62]):
        return not_yet("the buffer's first value is the gradient itself, not (1 - 0.9) times "
                       "it: the first step moves by 0.1·[1, 2].")
    if close(values, [1.29, 1.58]):
        return not_yet("the steps go against the gradient: w -= lr · buf, so w gets smaller.")
    if close(values, [1.9, 3.8]):
        return not_yet("[1.9, 3.8] is the momentum buffer after two steps; w moves by lr times "
                       "it.")
    return not_yet("step 1: buf = [1, 2], w -= 0.1·buf; step 2: buf = 0.9·buf + [1, 2], "
                   "w -= 0.1·buf.")


def which_moved(answer):
    """Names of the tensors one ``SGD(lr=0.1, weight_decay=0.5)`` step changes, of ``a`` (grad),
    ``b`` (requires grad, no grad), ``c`` (frozen, grad of zeros), ``d`` (frozen, no grad).

    Right: ``a`` and ``c``: step() reads ``.grad``, not ``requires_grad``.
    """
    if is_placeholder(answer):
        return placeholder()
    if isinstance(answer, str):  # "a, c" or "ac": the letters are the names
        answer = [letter for letter in answer if letter.isalpha()]
    if not (isinstance(answer, (list, tuple, set))
            and all(n in ("a", "b", "c", "d") for n in answer)):
        return not_yet("give a list of names from 'a', 'b', 'c', 'd', e.g. ['a', 'd'].")
    names = set(answer)
    if names == {"a", "c"}:
        return correct("a and c have a .grad, so step() updates them; weight decay moves c "
                       "although its gradient is zero and it does not require grad.")
    if "b" in names:
        return not_yet("b requires grad but its .grad is None, and step() skips every tensor "
                       "whose .grad is None.")
    if "d" in names:
        return not_yet("d has no .grad: step() skips it (and it does not require grad either).")
    if names == {"a"}:
        return not_yet("c moved too: step() does not look at requires_grad, and c's zero "
                       "gradient plus weight decay 0.5·c is not zero.")
    return not_yet("a has a gradient of [3, 3], so it moves; look at which tensors have a "
                   ".grad, not at requires_grad.")
