"""Loss ops that PyTorch computes as one node: NllLoss, MseLoss, BinaryCrossEntropy(WithLogits).

``reduction`` is kept as PyTorch's number (0 = 'none', 1 = 'mean', 2 = 'sum'), which is what
``loss.grad_fn._saved_reduction`` shows. Class weights, ``pos_weight`` and the target of
NllLoss are not inputs of the node (PyTorch does not differentiate with respect to them),
so they are passed as NumPy arrays and do not appear in ``next_functions``.
"""

from __future__ import annotations

import numpy as np

from ..autograd.function import Function
from ..ops.arithmetic import ScalarDiv, ScalarMul
from ..tensor import Tensor

NONE, MEAN, SUM = 0, 1, 2
REDUCTIONS = {"none": NONE, "mean": MEAN, "sum": SUM}


def reduction_enum(reduction: str) -> int:
    if reduction not in REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")
    return REDUCTIONS[reduction]


def _reduce(losses: np.ndarray, reduction: int) -> np.ndarray:
    if reduction == MEAN:
        return np.asarray(losses.mean(dtype=losses.dtype))
    if reduction == SUM:
        return np.asarray(losses.sum(dtype=losses.dtype))
    return losses


def _tensor(array):
    return None if array is None else Tensor._make(np.asarray(array))


class NllLoss(Function):
    """out = -input[i, target_i] * weight[target_i], averaged over the total weight for 'mean'

    ``input`` holds log-probabilities, (N, C) or (C,). Targets equal to ``ignore_index``
    count for nothing.
    """

    backward_name = "NllLossBackward0"
    saved_names = ("ignore_index", "reduction", "self", "target", "total_weight", "weight")

    @staticmethod
    def forward(ctx, log_probs, target, weight, reduction, ignore_index):
        x = log_probs._data
        rows = x.reshape(1, -1) if x.ndim == 1 else x
        labels = target.reshape(-1)
        valid = labels != ignore_index
        bad = labels[valid & ((labels < 0) | (labels >= rows.shape[1]))]
        if bad.size:
            raise IndexError(f"Target {bad[0]} is out of bounds.")
        safe = np.where(valid, labels, 0)
        weights = (np.ones(len(labels), x.dtype) if weight is None else weight[safe]) * valid
        index = np.arange(len(labels))
        losses = -rows[index, safe] * weights
        total = weights.sum(dtype=x.dtype)
        scale = -weights[valid]  # d out / d input[i, target_i] = -w_i (over the total for mean)
        if reduction == MEAN:
            out = np.asarray(losses.sum(dtype=x.dtype) / total)
            scale /= total
        elif reduction == SUM:
            out = np.asarray(losses.sum(dtype=x.dtype))
        else:
            out = losses.reshape(target.shape)
        ctx.picks = (index[valid], labels[valid], scale, rows.shape)  # backward builds from these
        ctx.save_attributes(
            ignore_index=ignore_index,
            reduction=reduction,
            target=_tensor(target),
            total_weight=_tensor(total),
            weight=_tensor(weight),
        )
        ctx.save_for_backward(log_probs)
        return out

    @staticmethod
    def backward(ctx, grad):
        (log_probs,) = ctx.saved_tensors
        rows, labels, scale, shape = ctx.picks
        coefficient = np.zeros(shape, dtype=scale.dtype)  # 0 except at each sample's target
        coefficient[rows, labels] = scale  # ignored samples keep +0.
        if ctx._saved_reduction == NONE and log_probs.ndim == 2:
            grad = grad.reshape(-1, 1)  # one gradient per sample, spread over its row
        return grad * _tensor(coefficient.reshape(log_probs.shape)), None, None, None, None


class NllLoss2d(NllLoss):
    """NllLoss over positions: input (N, C, d1, ...), target (N, d1, ...)"""

    backward_name = "NllLoss2DBackward0"


class MseLoss(Function):
    """out = (input - target)², reduced"""

    backward_name = "MseLossBackward0"
    saved_names = ("reduction", "self", "target")

    @staticmethod
    def forward(ctx, input, target, reduction):
        ctx.save_attributes(reduction=reduction)
        ctx.save_for_backward(input, target)
        diff = input._data - target._data
        return _reduce(diff * diff, reduction)

    @staticmethod
    def backward(ctx, grad):
        input, target = ctx.saved_tensors
        norm = 2.0 / input.numel() if ctx._saved_reduction == MEAN else 2.0
        grad_input = (input - target) * norm * grad  # d(x-t)²/dx = 2(x-t)
        return (
            grad_input if ctx.needs_input_grad[0] else None,
            -grad_input if ctx.needs_input_grad[1] else None,  # d/dt = -d/dx
            None,
        )


class BinaryCrossEntropy(Function):
    """out = -w (t log x + (1 - t) log(1 - x)), each log clamped at -100 (0 gives 100, not inf)"""

    backward_name = "BinaryCrossEntropyBackward0"
    saved_names = ("reduction", "self", "target", "weight")

    @staticmethod
    def forward(ctx, input, target, weight, reduction):
        x, t = input._data, target._data
        if ((x < 0) | (x > 1)).any():
            raise RuntimeError("all elements of input should be between 0 and 1")
        with np.errstate(divide="ignore"):
            log_x = np.maximum(np.log(x), -100)
            log_1mx = np.maximum(np.log1p(-x), -100)
        losses = (t - 1) * log_1mx - t * log_x
        if weight is not None:
            losses = losses * weight
        ctx.save_attributes(reduction=reduction, weight=_tensor(weight))
        ctx.save_for_backward(input, target)
        return _reduce(losses.astype(x.dtype, copy=False), reduction)

    @staticmethod
    def backward(ctx, grad):
        x, t = ctx.saved_tensors
        weight, reduction = ctx._saved_weight, ctx._saved_reduction
        if reduction == MEAN:
            grad = grad / x.numel()
        if weight is not None:
            grad = grad * weight
        grad_input = grad_target = None
        if ctx.needs_input_grad[0]:  # dL/dx = (x - t) / (x (1 - x))
            grad_input = grad * (x - t) / ((1 - x) * x).clamp(min=1e-12)
        if ctx.needs_input_grad[1]:  # dL/dt = log(1 - x) - log(x)
            grad_target = grad * ((1 - x).log().clamp(min=-100) - x.log().clamp(min=-100))
        return grad_input, grad_target, None, None


class BinaryCrossEntropyWithLogits(Function):
    """out = w ((1 - t) x + (1 + (p - 1) t) log(1 + e^-x)): BCE of sigmoid(x), computed stably"""

    backward_name = "BinaryCrossEntropyWithLogitsBackward0"
    saved_names = ("pos_weight", "reduction", "self", "target", "weight")

    @staticmethod
    def forward(ctx, input, target, weight, pos_weight, reduction):
        x, t = input._data, target._data
        softplus_neg = np.logaddexp(0, -x)  # log(1 + e^-x) = -log sigmoid(x), never overflows
        scale = softplus_neg if pos_weight is None else (1 + (pos_weight - 1) * t) * softplus_neg
        losses = (1 - t) * x + scale
        if weight is not None:
            losses = losses * weight
        ctx.save_attributes(
            pos_weight=_tensor(pos_weight), reduction=reduction, weight=_tensor(weight)
        )
        ctx.save_for_backward(input, target)
        return _reduce(losses.astype(x.dtype, copy=False), reduction)

    @staticmethod
    def backward(ctx, grad):
        x, t = ctx.saved_tensors
        weight, pos_weight = ctx._saved_weight, ctx._saved_pos_weight
        if ctx._saved_reduction == MEAN:
            grad = grad / x.numel()
        if weight is not None:
            grad = grad * weight
        grad_input = grad_target = None
        if ctx.needs_input_grad[0]:
            if pos_weight is None:  # dL/dx = sigmoid(x) - t
                grad_input = grad * (x.sigmoid() - t)
            else:  # dL/dx = (1 + (p - 1) t) sigmoid(x) - p t
                grad_input = grad * ((1 + (pos_weight - 1) * t) * x.sigmoid() - pos_weight * t)
        if ctx.needs_input_grad[1]:  # dL/dt = -x + (p - 1) log(1 + e^-x)
            grad_target = -grad * x
            if pos_weight is not None:
                softplus_neg = (-x).clamp(min=0) + (1 + (-x.abs()).exp()).log()
                grad_target = grad_target + grad * (pos_weight - 1) * softplus_neg
        return grad_input, grad_target, None, None, None


# ----- losses PyTorch builds from several ops -----------------------------------------------


def _reduce_tensor(losses_, reduction: int):
    if reduction == MEAN:
        return losses_.mean()
    if reduction == SUM:
        return losses_.sum()
    return losses_


def soft_cross_entropy(log_probs, target, weight, reduction: str, label_smoothing: float):
    """Cross-entropy against class probabilities: -Σ_c target_c log p_c (per sample)."""
    class_dim = 0 if log_probs.ndim == 1 else 1
    classes = log_probs.shape[class_dim]
    code = reduction_enum(reduction)
    if label_smoothing > 0.0:
        target = target * (1 - label_smoothing) + label_smoothing / classes
    products = log_probs * target
    if weight is not None:
        shape = [1] * log_probs.ndim
        shape[class_dim] = classes
        products = products * weight.view(shape)
    if code == MEAN:
        return ScalarDiv.apply(-products.sum(), log_probs.numel() // classes)
    if code == SUM:
        return -products.sum()
    return -products.sum(class_dim)


def smoothed_cross_entropy(
    log_probs, target, weight, ignore_index: int, reduction: str, label_smoothing: float, nll
):
    """(1 - ε) · nll + ε · mean over classes of -log p: part of the target spread over all."""
    class_dim = 0 if log_probs.ndim == 1 else 1
    classes = log_probs.shape[class_dim]
    code = reduction_enum(reduction)
    if weight is not None:
        shape = [1] * log_probs.ndim
        shape[class_dim] = classes
        smooth = -(log_probs * weight.view(shape)).sum(class_dim)
    else:
        smooth = -log_probs.sum(class_dim)
    ignored = target._data == ignore_index
    smooth = smooth.masked_fill(_tensor(ignored), 0.0)
    if code == MEAN:
        kept = target._data[~ignored].reshape(-1)
        total = weight._data[kept].sum() if weight is not None else float((~ignored).sum())
        smooth = ScalarDiv.apply(smooth.sum(), float(total))
    elif code == SUM:
        smooth = smooth.sum()
    return ScalarMul.apply(nll, 1 - label_smoothing) + ScalarMul.apply(
        smooth, label_smoothing / classes
    )
