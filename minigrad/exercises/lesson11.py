"""Checks for lesson 11 · Freezing layers.

Each check takes the learner's answer (numbers, a list, a tensor or an optimizer, of minigrad or
PyTorch) and says in one sentence what it got right or which typical mistake it shows.
"""
from __future__ import annotations

from . import as_list, as_number, close, correct, is_placeholder, not_yet, placeholder, predict

__all__ = ["fine_tuning_optimizer", "frozen_weight_after_weight_decay", "predict",
           "which_layers_get_grads"]

HIDDEN_SHAPES = [(10, 1), (10,)]  # the post's net: hidden = Linear(1, 10)
PREDICT_SHAPES = [(1, 10), (1,)]  # predict = Linear(10, 1)


def frozen_weight_after_weight_decay(answer):
    """A frozen ``[1, -2]`` whose ``.grad`` is zeros, after one ``SGD(lr=0.1, weight_decay=0.5)``
    step.

    Right: ``[0.95, -1.9]``: SGD steps every parameter whose grad is not None, and weight decay
    adds ``0.5 * w`` to the zero gradient: ``w - 0.1 * 0.5 * w``.
    """
    if is_placeholder(answer):
        return placeholder()
    values = as_list(answer)
    if not (isinstance(values, list) and len(values) == 2
            and all(as_number(v) is not None for v in values)):
        return not_yet("give the frozen weight after the step: two numbers, as a list or a "
                       "tensor.")
    if close(values, [0.95, -1.9]):
        return correct("the grad is a zero tensor, not None, so SGD steps the frozen weight and "
                       "weight decay shrinks it by lr · 0.5 = 5%.")
    if close(values, [1.0, -2.0]):
        return not_yet("requires_grad=False does not stop the optimizer: SGD skips a parameter "
                       "only when its .grad is None, and here it is a zero tensor.")
    if close(values, [0.5, -1.0]):
        return not_yet("weight decay adds 0.5 · w to the gradient, and the step is scaled by "
                       "lr = 0.1: w - 0.1 · 0.5 · w, not w - 0.5 · w.")
    if close(values, [1.05, -2.1]):
        return not_yet("the sign is the wrong way round: the step subtracts lr · (grad + 0.5 · w), "
                       "so weight decay pulls the weight towards 0.")
    return not_yet("the gradient is zeros, weight decay adds 0.5 · w to it, and SGD subtracts "
                   "lr = 0.1 times that: w - 0.1 · (0 + 0.5 · w).")


def which_layers_get_grads(answer):
    """``[has grad]`` for layers 0, 2 and 4 of ``Linear, Tanh, Linear, Tanh, Linear`` with the
    middle ``Linear`` frozen, after one backward.

    Right: ``[True, False, True]``: the gradient flows through the frozen layer to layer 0.
    """
    if is_placeholder(answer):
        return placeholder()
    values = as_list(answer)
    if not (isinstance(values, list) and len(values) == 3
            and all(isinstance(v, bool) for v in values)):
        return not_yet("give three booleans, one per Linear layer (0, 2, 4): does its weight "
                       "have a .grad after backward?")
    if values == [True, False, True]:
        return correct("the frozen layer gets no .grad, yet backward goes through it to layer 0: "
                       "it still computes the gradient with respect to its input.")
    if values == [False, False, True]:
        return not_yet("freezing a layer does not cut the graph: the gradient still flows "
                       "through it to layer 0, which requires grad.")
    if values[1]:
        return not_yet("the frozen layer's weight has requires_grad=False, so backward stores "
                       "no .grad for it: it stays None.")
    return not_yet("layers 0 and 4 still require grad, so backward fills their .grad.")


def _groups(optimizer):
    """[(lr, [shapes]), ...] of an optimizer of either library, and the parameters."""
    groups = [(g["lr"], [tuple(p.shape) for p in g["params"]]) for g in optimizer.param_groups]
    params = [p for g in optimizer.param_groups for p in g["params"]]
    return groups, params


def _lr_of(groups, shapes):
    """The learning rate of the group holding every one of ``shapes``, or None."""
    for lr, in_group in groups:
        if all(shape in in_group for shape in shapes):
            return lr
    return None


def fine_tuning_optimizer(answer):
    """An optimizer for the post's net (``hidden = Linear(1, 10)``, ``predict = Linear(10, 1)``)
    that fine-tunes: ``hidden`` unfrozen, in its own group with ``lr=0.02``; ``predict`` at 0.2.
    """
    if is_placeholder(answer):
        return placeholder()
    if not hasattr(answer, "param_groups"):
        return not_yet("give the optimizer itself, e.g. optim.SGD([...], lr=0.2).")
    groups, params = _groups(answer)
    shapes = [tuple(p.shape) for p in params]
    if not all(shape in shapes for shape in PREDICT_SHAPES):
        return not_yet("predict's parameters are missing: the head must keep training, at "
                       "lr=0.2.")
    if not all(shape in shapes for shape in HIDDEN_SHAPES):
        return not_yet("hidden is not in the optimizer: once unfrozen it gets gradients, but "
                       "step() never applies them; add it as its own group.")
    hidden = [p for p in params if tuple(p.shape) in HIDDEN_SHAPES]
    if not all(p.requires_grad for p in hidden):
        return not_yet("hidden is still frozen: set net.hidden.requires_grad_(True), or backward "
                       "leaves its .grad None and step() skips it.")
    hidden_lr, predict_lr = _lr_of(groups, HIDDEN_SHAPES), _lr_of(groups, PREDICT_SHAPES)
    if len(groups) == 1 or hidden_lr == predict_lr:
        return not_yet("both layers share one learning rate: give hidden its own group, "
                       "{'params': net.hidden.parameters(), 'lr': 0.02}.")
    if close(hidden_lr, 0.2) and close(predict_lr, 0.02):
        return not_yet("the learning rates are swapped: the layer that was already trained "
                       "(hidden) gets the smaller one, 0.02.")
    if close(hidden_lr, 0.02) and close(predict_lr, 0.2):
        return correct("two groups: hidden moves gently at lr=0.02 while predict keeps "
                       "learning at 0.2.")
    return not_yet("hidden's group should have lr=0.02 and predict's lr=0.2; here they are "
                   "{hidden_lr} and {predict_lr}.", hidden_lr=hidden_lr, predict_lr=predict_lr)
