"""Elementwise functions of one tensor: exp, log, sqrt, sin, cos, tanh, sigmoid, relu, ...

Where the derivative is easiest to write with the result (``d exp(a) = exp(a)``), the
result is saved, as PyTorch does: modifying it in place then makes backward fail loudly.
"""
from __future__ import annotations

import numpy as np

from .. import dtypes
from ..autograd.function import Function
from ..autograd.results import tensor_of


def _float_array(a):
    """Integer tensors give float results in exp, log, ... (PyTorch's default dtype)."""
    x = a._data
    return x if a.dtype.is_floating_point else x.astype(dtypes.get_default_dtype().numpy_type)


def _result(ctx, array):
    """Make the output tensor now, so that forward can save it for backward."""
    result = tensor_of(array)
    ctx.save_for_backward(result)
    return result


class Exp(Function):
    """out = e^a"""

    backward_name = "ExpBackward0"
    saved_names = ("result",)

    @staticmethod
    def forward(ctx, a):
        return _result(ctx, np.exp(_float_array(a)))

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return grad * result  # d e^a = e^a


class Log(Function):
    """out = ln(a)"""

    backward_name = "LogBackward0"
    saved_names = ("self",)

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        with np.errstate(divide="ignore", invalid="ignore"):  # log(0) = -inf, log(-1) = nan
            return np.log(_float_array(a))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad / a  # d ln(a) = 1/a


class Sqrt(Function):
    """out = √a"""

    backward_name = "SqrtBackward0"
    saved_names = ("result",)

    @staticmethod
    def forward(ctx, a):
        with np.errstate(invalid="ignore"):
            return _result(ctx, np.sqrt(_float_array(a)))

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return grad / (2 * result)  # d √a = 1 / (2√a)


class Sin(Function):
    """out = sin(a)"""

    backward_name = "SinBackward0"
    saved_names = ("self",)

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return np.sin(_float_array(a))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * a.cos()  # d sin(a) = cos(a)


class Cos(Function):
    """out = cos(a)"""

    backward_name = "CosBackward0"
    saved_names = ("self",)

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return np.cos(_float_array(a))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * -a.sin()  # d cos(a) = -sin(a)


class Tanh(Function):
    """out = tanh(a)"""

    backward_name = "TanhBackward0"
    saved_names = ("result",)

    @staticmethod
    def forward(ctx, a):
        return _result(ctx, np.tanh(_float_array(a)))

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return grad * (1 - result * result)  # d tanh(a) = 1 - tanh²(a)


class Sigmoid(Function):
    """out = 1 / (1 + e^-a)"""

    backward_name = "SigmoidBackward0"
    saved_names = ("result",)

    @staticmethod
    def forward(ctx, a):
        x = _float_array(a)
        with np.errstate(over="ignore"):  # e^100 = inf in float32, and 1 / (1 + inf) = 0
            return _result(ctx, 1 / (1 + np.exp(-x)))

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return grad * result * (1 - result)  # d σ(a) = σ(a) (1 - σ(a))


class Relu(Function):
    """out = max(a, 0)"""

    backward_name = "ReluBackward0"
    saved_names = ("result",)

    @staticmethod
    def forward(ctx, a):
        return _result(ctx, np.maximum(a._data, 0, dtype=a._data.dtype))

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return ThresholdBackward.apply(grad, result)  # grad where the output is > 0, else 0


class ThresholdBackward(Function):
    """out = grad where result > 0, else 0: relu's backward, an op of its own so that it can
    be differentiated again (``create_graph=True``), as PyTorch's ``threshold_backward``."""

    backward_name = "ThresholdBackwardBackward0"
    saved_names = ("self", "threshold")

    @staticmethod
    def forward(ctx, grad, result):
        ctx.save_for_backward(result)
        ctx.save_attributes(threshold=0)
        return keep_where_positive(grad._data, result._data)

    @staticmethod
    def backward(ctx, grad_grad):
        (result,) = ctx.saved_tensors
        # Linear in grad, with the same mask; the mask itself has no gradient (zero a.e.).
        return ThresholdBackward.apply(grad_grad, result), tensor_of(np.zeros_like(result._data))


def keep_where_positive(values, where):
    """``np.where(where > 0, values, 0)``, exactly, without a branch per element.

    On a ReLU's mask (positive or not at random) ``np.where`` mispredicts its branch
    half the time and runs about six times slower than arithmetic. Instead each float's
    bits are AND-ed with all ones (kept as is, inf, nan and -0. included) or all zeros (+0.).
    """
    bits = np.dtype(f"i{values.dtype.itemsize}")  # an integer type as wide as the float
    all_ones_or_zeros = -(where > 0).view(np.int8).astype(bits)  # True -> -1, all bits set
    return (values.view(bits) & all_ones_or_zeros).view(values.dtype)


class Abs(Function):
    """out = |a|"""

    backward_name = "AbsBackward0"
    saved_names = ("self",)

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return np.abs(a._data)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * a.sign()  # d|a| = sign(a), and 0 at a = 0


def _zero_gradient(grad):
    """The gradient of a step function (sign, round, floor, ceil): zeros shaped like ``grad``.

    ``grad * 0`` would give -0. wherever ``grad`` is negative; PyTorch sends plain zeros.
    """
    return grad.new_zeros(grad.shape)


class Sign(Function):
    """out = -1, 0 or 1 (0 for nan too, as PyTorch); its gradient is zero everywhere"""

    backward_name = "SignBackward0"

    @staticmethod
    def forward(ctx, a):
        x = a._data
        return np.sign(x) if x.dtype.kind != "f" else np.sign(np.nan_to_num(x, nan=0.0))

    @staticmethod
    def backward(ctx, grad):
        return _zero_gradient(grad)  # flat between its steps: d/da = 0


class Round(Function):
    """out = a rounded to the nearest integer, halves to even (a step: its gradient is zero)"""

    backward_name = "RoundBackward0"

    @staticmethod
    def forward(ctx, a):
        return np.round(a._data)

    @staticmethod
    def backward(ctx, grad):
        return _zero_gradient(grad)  # flat between its steps: d/da = 0


class RoundDecimals(Function):
    """out = a rounded to ``decimals`` places, halves to even (a step: its gradient is zero)"""

    backward_name = "RoundBackward1"

    @staticmethod
    def forward(ctx, a, decimals):
        return np.round(a._data, decimals)

    @staticmethod
    def backward(ctx, grad):
        return _zero_gradient(grad), None  # decimals is a number: no gradient


class Floor(Function):
    """out = the largest integer <= a (a step: its gradient is zero)"""

    backward_name = "FloorBackward0"

    @staticmethod
    def forward(ctx, a):
        return np.floor(a._data)

    @staticmethod
    def backward(ctx, grad):
        return _zero_gradient(grad)  # flat between its steps: d/da = 0


class Ceil(Function):
    """out = the smallest integer >= a (a step: its gradient is zero)"""

    backward_name = "CeilBackward0"

    @staticmethod
    def forward(ctx, a):
        return np.ceil(a._data)

    @staticmethod
    def backward(ctx, grad):
        return _zero_gradient(grad)  # flat between its steps: d/da = 0


class Reciprocal(Function):
    """out = 1 / a"""

    backward_name = "ReciprocalBackward0"
    saved_names = ("result",)

    @staticmethod
    def forward(ctx, a):
        with np.errstate(divide="ignore"):
            return _result(ctx, np.reciprocal(_float_array(a)))

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return grad * -(result * result)  # d(1/a) = -1/a²


class Clamp(Function):
    """out = a limited to [min, max]; the gradient passes only where a was inside"""

    backward_name = "ClampBackward1"
    saved_names = ("self", "min", "max")

    @staticmethod
    def forward(ctx, a, low, high):
        ctx.save_for_backward(a)
        ctx.save_attributes(min=low, max=high)
        # An integer tensor clamped to a float bound gives floats (PyTorch's promotion).
        target = dtypes.result_type(a, *(b for b in (low, high) if b is not None)).numpy_type
        return np.clip(a._data, low, high).astype(target, copy=False)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        inside = np.ones(a.shape, dtype=bool)
        if ctx._saved_min is not None:
            inside &= a._data >= ctx._saved_min
        if ctx._saved_max is not None:
            inside &= a._data <= ctx._saved_max
        return grad * grad.new_tensor(inside), None, None


class ClampMin(Function):
    """out = max(a, min); the gradient passes where a >= min"""

    backward_name = "ClampMinBackward0"
    saved_names = ("self", "min")

    @staticmethod
    def forward(ctx, a, low):
        ctx.save_for_backward(a)
        ctx.save_attributes(min=low)
        return np.clip(a._data, low, None).astype(dtypes.result_type(a, low).numpy_type,
                                                  copy=False)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * grad.new_tensor(a._data >= ctx._saved_min), None


class ClampMax(Function):
    """out = min(a, max); the gradient passes where a <= max"""

    backward_name = "ClampMaxBackward0"
    saved_names = ("self", "max")

    @staticmethod
    def forward(ctx, a, high):
        ctx.save_for_backward(a)
        ctx.save_attributes(max=high)
        return np.clip(a._data, None, high).astype(dtypes.result_type(a, high).numpy_type,
                                                   copy=False)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * grad.new_tensor(a._data <= ctx._saved_max), None


class Clone(Function):
    """out = a copy of a (same values, its own memory)"""

    backward_name = "CloneBackward0"

    @staticmethod
    def forward(ctx, a):
        return a._data.copy()

    @staticmethod
    def backward(ctx, grad):
        return grad


class ToCopy(Function):
    """out = a converted to another dtype; the gradient is converted back"""

    backward_name = "ToCopyBackward0"

    @staticmethod
    def forward(ctx, a, dtype):
        return a._data.astype(dtype.numpy_type)

    @staticmethod
    def backward(ctx, grad):
        return grad, None  # the engine casts it back to a's dtype
