"""Checks for lesson 08 · no_grad, inference_mode, eval() and requires_grad=False.

Each check takes the learner's answer (booleans, numbers, a list, or a tensor of minigrad or
PyTorch) and says in one sentence what it got right or which typical mistake it shows.
"""
from __future__ import annotations

from . import as_list, as_number, close, correct, is_placeholder, not_yet, placeholder, predict

__all__ = ["features_for_training", "predict", "requires_grad_in_four_cases",
           "running_mean_after_no_grad"]

FEATURES = [[2.0, 4.0], [6.0, 8.0]]


def requires_grad_in_four_cases(answer):
    """``output.requires_grad`` for (train, grad), (eval, grad), (train, no_grad), (eval, no_grad).

    Right: ``[True, True, False, False]``: ``no_grad`` decides, ``eval()`` does not.
    """
    if is_placeholder(answer):
        return placeholder()
    values = as_list(answer)
    if not (isinstance(values, list) and len(values) == 4
            and all(isinstance(v, bool) for v in values)):
        return not_yet("give four booleans, one per case, in the order (train, grad), "
                       "(eval, grad), (train, no_grad), (eval, no_grad).")
    if values == [True, True, False, False]:
        return correct("only no_grad stops the graph; eval() changes what Dropout and BatchNorm "
                       "do, and the output still requires grad.")
    if values == [True, False, False, False]:
        return not_yet("eval() does not switch autograd off: in eval mode with grad enabled the "
                       "output still has a grad_fn and requires grad.")
    if values == [True, False, True, False]:
        return not_yet("that swaps the two switches: eval() changes layers, not autograd, and "
                       "no_grad is what stops the graph.")
    if values[2] or values[3]:
        return not_yet("inside torch.no_grad() no result requires grad, whatever the mode of "
                       "the model.")
    return not_yet("with grad enabled the output requires grad in both modes, because the "
                   "model's parameters require grad.")


def running_mean_after_no_grad(answer):
    """``BatchNorm1d(2)`` in train mode, one forward of ``[[2, 0], [4, 2]]`` inside ``no_grad``.

    Right: ``running_mean = 0.9 * [0, 0] + 0.1 * [3, 1] = [0.3, 0.1]``.
    """
    if is_placeholder(answer):
        return placeholder()
    values = as_list(answer)
    if not (isinstance(values, list) and len(values) == 2
            and all(as_number(v) is not None for v in values)):
        return not_yet("give bn.running_mean: two numbers, as a list or a tensor.")
    if close(values, [0.3, 0.1]):
        return correct("no_grad does not stop BatchNorm in train mode: running_mean moved 10% "
                       "of the way from [0, 0] to the batch mean [3, 1].")
    if close(values, [0.0, 0.0]):
        return not_yet("no_grad only stops the graph; in train mode BatchNorm still updates "
                       "its running statistics (only eval() stops that).")
    if close(values, [3.0, 1.0]):
        return not_yet("[3, 1] is the batch mean; running_mean only moves momentum = 0.1 of the "
                       "way: 0.9 · old + 0.1 · batch mean.")
    if close(values, [2.7, 0.9]):
        return not_yet("the weights are the other way round: 0.9 · old + 0.1 · batch mean, and "
                       "the old running_mean is [0, 0].")
    return not_yet("start from running_mean = [0, 0] and the batch mean of each column, then "
                   "take 0.9 · old + 0.1 · batch mean.")


def features_for_training(answer):
    """Features made under ``inference_mode`` (``[[2, 4], [6, 8]]``), turned into a tensor that
    autograd may use: not an inference tensor, same values (``feats.clone()``).
    """
    if is_placeholder(answer):
        return placeholder()
    if not (hasattr(answer, "is_inference") and hasattr(answer, "detach")):
        return not_yet("give a tensor: the features, made usable for training the head.")
    if answer.is_inference():
        return not_yet("this is still an inference tensor (feats itself, feats.detach() and "
                       "views of feats all are): make a normal copy with feats.clone().")
    if as_list(answer) != FEATURES:
        return not_yet("the values changed: the head should train on the same features, "
                       "[[2, 4], [6, 8]]; clone() copies them as they are.")
    return correct("a clone made outside inference_mode is a normal tensor, so autograd may "
                   "save it for backward.")
