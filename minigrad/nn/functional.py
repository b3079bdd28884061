"""``minigrad.nn.functional`` (``F``): layers and losses as plain functions.

The Module classes in ``minigrad.nn`` hold parameters and settings and call these. The
graphs match PyTorch's: ``F.cross_entropy`` is LogSoftmaxBackward0 -> NllLossBackward0,
``F.linear`` on a matrix is one AddmmBackward0, ``F.mse_loss`` one MseLossBackward0.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..ops.linalg import Mm
from ..ops.shape import SqueezeDims, UnsafeView
from ..random import _generator
from ..tensor import Tensor
from . import _functions as fn
from . import _loss_functions as losses

# ----- activations --------------------------------------------------------------------------


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    """max(x, 0), elementwise"""
    return input.relu_() if inplace else input.relu()


def relu_(input: Tensor) -> Tensor:
    return input.relu_()


def sigmoid(input: Tensor) -> Tensor:
    return input.sigmoid()


def tanh(input: Tensor) -> Tensor:
    return input.tanh()


def _softmax_dim(name: str, ndim: int) -> int:
    """The dim PyTorch picks (with a warning) when softmax is called without one."""
    warnings.warn(
        f"Implicit dimension choice for {name} has been deprecated. Change the call to include "
        "dim=X as an argument.",
        UserWarning,
        stacklevel=3,
    )
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype=None) -> Tensor:
    """e^x_i / Σ_j e^x_j along ``dim``: each slice becomes a probability distribution"""
    if dim is None:
        dim = _softmax_dim("softmax", input.ndim)
    source = input if dtype is None else input.to(dtype)
    return source.softmax(dim)


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype=None) -> Tensor:
    """x_i - log Σ_j e^x_j along ``dim`` (computed without overflow)"""
    if dim is None:
        dim = _softmax_dim("log_softmax", input.ndim)
    source = input if dtype is None else input.to(dtype)
    return source.log_softmax(dim)


# ----- linear, dropout, batch norm ----------------------------------------------------------


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """x Wᵀ + b, with the nodes PyTorch makes: Addmm (bias) or Mm, and TBackward0 on W"""
    weight_t = weight.t()
    if input.ndim == 2:
        return (
            fn.Addmm.apply(bias, input, weight_t) if bias is not None else Mm.apply(input, weight_t)
        )
    if input.ndim == 1 and bias is None:
        return SqueezeDims.apply(Mm.apply(input.unsqueeze(0), weight_t), (0,))
    flat = input.reshape(-1, input.shape[-1])  # batch dims folded into one: a matrix product
    out_shape = input.shape[:-1] + (weight.shape[0],)
    if bias is not None:
        return fn.Addmm.apply(bias, flat, weight_t).view(out_shape)
    return UnsafeView.apply(Mm.apply(flat, weight_t), out_shape)


def dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Zero each element with probability p and scale the rest by 1/(1-p), in training only.

    The scaling keeps the expected value of every element unchanged, so evaluation (where
    nothing is dropped and ``input`` itself is returned) sees the same scale.
    """
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0 or input.numel() == 0:
        return input
    dtype = input._data.dtype
    if p == 1:
        noise = np.zeros((), dtype)
    else:
        keep = _generator().uniform(0.0, 1.0, input.shape) < 1 - p
        noise = keep.astype(dtype) / dtype.type(1 - p)
    mask = Tensor._make(noise)
    return input.mul_(mask) if inplace else input * mask


def batch_norm(
    input: Tensor,
    running_mean: Tensor | None,
    running_var: Tensor | None,
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    training: bool = False,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> Tensor:
    """Normalise each channel (dim 1) to mean 0 and variance 1, then scale and shift."""
    if training:
        count = input.numel() // input.shape[1]
        if count <= 1:
            raise ValueError(
                "Expected more than 1 value per channel when training, got input size "
                f"{input.shape}"
            )
    elif running_mean is None:
        raise RuntimeError("running_mean must be defined in evaluation mode")
    channels = input.shape[1]
    for name, t in (
        ("running_mean", running_mean),
        ("running_var", running_var),
        ("weight", weight),
        ("bias", bias),
    ):
        if t is not None and t.numel() != channels:
            raise RuntimeError(f"{name} should contain {channels} elements not {t.numel()}")
    return fn.NativeBatchNorm.apply(
        input, weight, bias, (running_mean, running_var), training, momentum, eps
    )


# ----- losses -------------------------------------------------------------------------------


def _legacy_reduction(size_average, reduce, reduction: str) -> str:
    """The pre-1.0 arguments ``size_average``/``reduce``, turned into ``reduction``."""
    if size_average is None and reduce is None:
        return reduction
    warnings.warn(
        "size_average and reduce args will be deprecated, please use reduction='"
        + ("none" if reduce is False else "mean" if size_average is not False else "sum")
        + "' instead.",
        UserWarning,
        stacklevel=3,
    )
    if reduce is False:
        return "none"
    return "mean" if size_average is not False else "sum"


def _warn_if_broadcast(input, target) -> None:
    if target.shape != input.shape:
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}). This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.",
            UserWarning,
            stacklevel=3,
        )


def _broadcast_pair(input, target):
    if input.shape == target.shape:
        return input, target
    shape = np.broadcast_shapes(input.shape, target.shape)
    return input.expand(shape), target.expand(shape)


def mse_loss(
    input: Tensor,
    target: Tensor,
    size_average=None,
    reduce=None,
    reduction: str = "mean",
    weight=None,
) -> Tensor:
    """(input - target)², averaged (or summed, or per element)"""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _warn_if_broadcast(input, target)
    code = losses.reduction_enum(reduction)
    input, target = _broadcast_pair(input, target)
    if weight is not None:
        return losses._reduce_tensor(weight * (input - target) ** 2, code)
    return losses.MseLoss.apply(input, target, code)


def l1_loss(
    input: Tensor,
    target: Tensor,
    size_average=None,
    reduce=None,
    reduction: str = "mean",
    weight=None,
) -> Tensor:
    """|input - target|, averaged (or summed, or per element); PyTorch builds it from abs"""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _warn_if_broadcast(input, target)
    code = losses.reduction_enum(reduction)
    input, target = _broadcast_pair(input, target)
    distance = (input - target).abs()
    if weight is not None:
        distance = distance * weight
    return losses._reduce_tensor(distance, code)


def _class_targets(input, target) -> np.ndarray:
    """The class labels as an int64 array, checked the way PyTorch checks them."""
    if target.dtype.is_floating_point or target.dtype.name == "bool":
        raise RuntimeError(
            f"expected target dtype to be Long or Byte, but got {target.dtype.scalar_name}"
        )
    batch = input.shape[0] if input.ndim > 1 else None
    if batch is not None and (target.ndim == 0 or target.shape[0] != batch):
        size = target.shape[0] if target.ndim else 1
        raise ValueError(
            f"Expected input batch_size ({batch}) to match target batch_size ({size})."
        )
    return target._data.astype(np.int64, copy=False)


def _classes_last(input: Tensor) -> Tensor:
    """(N, C, d1, ...) -> (N·d1·..., C): a K-dimensional loss as a batch of rows."""
    dims = (0,) + tuple(range(2, input.ndim)) + (1,)
    return input.permute(dims).reshape(-1, input.shape[1])


def nll_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average=None,
    ignore_index: int = -100,
    reduce=None,
    reduction: str = "mean",
) -> Tensor:
    """-input[i, target_i]: the negative log-likelihood of the right class (input: log-probs)"""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    code = losses.reduction_enum(reduction)
    labels = _class_targets(input, target)
    weights = None if weight is None else weight._data.astype(input._data.dtype, copy=False)
    if input.ndim > 2:  # (N, C, d1, ...): one row per position
        out = losses.NllLoss2d.apply(
            _classes_last(input), labels.reshape(-1), weights, code, ignore_index
        )
        return out.view(labels.shape) if code == losses.NONE else out
    return losses.NllLoss.apply(input, labels, weights, code, ignore_index)


def cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average=None,
    ignore_index: int = -100,
    reduce=None,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> Tensor:
    """nll_loss(log_softmax(input, 1), target): raw scores (logits) in, a loss out

    ``target`` holds class indices, or class probabilities of the same shape as ``input``.
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    class_dim = 0 if input.ndim == 1 else 1
    log_probs = input.log_softmax(class_dim)
    if target.dtype.is_floating_point and target.shape == input.shape:
        return losses.soft_cross_entropy(log_probs, target, weight, reduction, label_smoothing)
    nll = nll_loss(log_probs, target, weight, None, ignore_index, None, reduction)
    if label_smoothing <= 0.0:
        return nll
    return losses.smoothed_cross_entropy(
        log_probs, target, weight, ignore_index, reduction, label_smoothing, nll
    )


def _check_same_size(input, target, message: str) -> None:
    if target.shape != input.shape:
        raise ValueError(message.format(target=target.shape, input=input.shape))


def binary_cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average=None,
    reduce=None,
    reduction: str = "mean",
) -> Tensor:
    """-(t log p + (1 - t) log(1 - p)) for probabilities p in [0, 1]"""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_same_size(
        input,
        target,
        "Using a target size ({target}) that is different to the input size ({input}) is "
        "deprecated. Please ensure they have the same size.",
    )
    weights = None if weight is None else np.broadcast_to(weight._data, input.shape)
    return losses.BinaryCrossEntropy.apply(input, target, weights, losses.reduction_enum(reduction))


def binary_cross_entropy_with_logits(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average=None,
    reduce=None,
    reduction: str = "mean",
    pos_weight: Tensor | None = None,
) -> Tensor:
    """binary_cross_entropy(sigmoid(x), t) in one stable step, from raw scores x"""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_same_size(
        input, target, "Target size ({target}) must be the same as input size ({input})"
    )
    weights = None if weight is None else weight._data
    positive = None if pos_weight is None else pos_weight._data
    return losses.BinaryCrossEntropyWithLogits.apply(
        input, target, weights, positive, losses.reduction_enum(reduction)
    )
