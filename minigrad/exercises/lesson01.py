"""Checks for lesson 01, tensors, ``requires_grad`` and the graph.

Each check takes the learner's answer and names the usual mistake behind a wrong one.
"""
from __future__ import annotations

from ..translations import translatable, translate
from . import Feedback, as_number, correct, is_placeholder, not_yet, placeholder, predict

# predict is here too, so a lesson needs one import: exercises.predict(...), exercises.leaves(...)
__all__ = ["grads_of_a_and_b", "leaves", "predict", "which_require_grad"]


def which_require_grad(answer) -> Feedback:
    """Which of p = x * 2, q = x * w, r = net(x) require grad: three booleans.

    x is a plain tensor, w requires grad, net is an ``nn.Linear``.
    """
    if is_placeholder(answer):
        return placeholder()
    if not isinstance(answer, (list, tuple)) or len(answer) != 3:
        return not_yet("give three answers in order, one per tensor: [p, q, r], "
                       "e.g. [True, False, True].")
    if not all(isinstance(v, bool) for v in answer):
        return not_yet("each answer is True or False (what `.requires_grad` would print).")
    p, q, r = answer
    if p:
        return not_yet("p = x * 2 is built from x and a Python number; neither requires grad, "
                       "so nothing is recorded and p.requires_grad is False.")
    if not q:
        return not_yet("q = x * w: one input that requires grad is enough, and w does, "
                       "so q requires grad.")
    if not r:
        return not_yet("r = net(x): x needs no grad, but net's weight and bias are Parameters "
                       "that do, so the output requires grad.")
    return correct("p only uses x; q and r each use a tensor that requires grad (w, and "
                   "net's parameters), so they require grad too.")


LEAVES = {"A", "D"}
WHY_NOT_A_LEAF = {
    "B": translatable("B = torch.randn(2, requires_grad=True) * 0.01: the `* 0.01` comes "
                      "after requires_grad=True, so it is recorded (grad_fn=MulBackward0) and "
                      "B is not a leaf."),
    "C": translatable("C = ....to(torch.float64): the dtype conversion comes after "
                      "requires_grad=True, so it is recorded (grad_fn=ToCopyBackward0) and C "
                      "is not a leaf."),
}
WHY_A_LEAF = {
    "A": translatable("A = torch.tensor([1., 2.], requires_grad=True) is made directly: no "
                      "operation made it, so it is a leaf."),
    "D": translatable("D = (torch.randn(2) * 0.01).requires_grad_(): the multiplication ran "
                      "before anything required grad, so nothing was recorded, and "
                      "requires_grad_() makes D a leaf."),
}


def _letters(answer):
    """{'A', 'D'} from "AD", "a, d", ["A", "D"] or ("a", "d"); None if it is none of those."""
    if isinstance(answer, str):
        return {c.upper() for c in answer if c.isalpha()}
    if isinstance(answer, (list, tuple, set)) and all(isinstance(v, str) for v in answer):
        return {v.strip().upper() for v in answer}
    return None


def leaves(answer) -> Feedback:
    """Which of the tensors A, B, C, D are leaves: their letters, e.g. "AB" or ["A", "B"]."""
    if is_placeholder(answer):
        return placeholder()
    letters = _letters(answer)
    if letters is None:
        return not_yet('give the letters of the leaves, e.g. "AB" or ["A", "B"].')
    unknown = letters - {"A", "B", "C", "D"}
    if unknown:
        return not_yet("there is no tensor {letters}: choose among A, B, C and D.",
                       letters=", ".join(sorted(unknown)))
    wrongly_in, left_out = sorted(letters - LEAVES), sorted(LEAVES - letters)
    if wrongly_in:
        return not_yet(WHY_NOT_A_LEAF[wrongly_in[0]])
    if left_out:
        return not_yet("you left out {letter}. {why}", letter=left_out[0],
                       why=translate(WHY_A_LEAF[left_out[0]]))
    return correct("A and D are leaves (no recorded operation made them); B and C came out of "
                   "an operation done after requires_grad=True, so they have a grad_fn.")


def grads_of_a_and_b(answer) -> Feedback:
    """(a.grad, b.grad) after c = a * b; c.backward(), with a = 2 plain and b = 3 requiring grad."""
    if is_placeholder(answer):
        return placeholder()
    if not isinstance(answer, (list, tuple)) or len(answer) != 2:
        return not_yet("give two values in order: (a.grad, b.grad); write None for a .grad "
                       "that stays None.")
    a_grad, b_grad = answer
    b_number = as_number(b_grad) if b_grad is not None else None
    if a_grad is not None:
        if as_number(a_grad) == 0:
            return not_yet("a.grad is None, not 0: a does not require grad, so autograd never "
                           "computes or stores a gradient for it.")
        return not_yet("a does not require grad, so a.grad stays None: autograd only stores "
                       "gradients in leaves that require grad.")
    if b_grad is None:
        return not_yet("b requires grad and c = a * b uses it, so backward() stores "
                       "dc/db in b.grad: it is not None.")
    if b_number is None:
        return not_yet("b.grad is a single number (a 0-dimensional tensor): dc/db.")
    if b_number == 3:
        return not_yet("dc/db for c = a * b is a, the other factor (2), not b itself (3).")
    if b_number == 6:
        return not_yet("6 is c, the value of the product; its gradient dc/db is a = 2.")
    if b_number != 2:
        return not_yet("for c = a * b, dc/db is the other factor a, which is 2.")
    return correct("b.grad is dc/db = a = 2, and a.grad stays None because a does not "
                   "require grad.")
