"""Reductions: sum, mean, max, min, var, std (over everything or over some dims)."""
from __future__ import annotations

import warnings

import numpy as np

from ..autograd.function import Function
from ..autograd.results import tensor_of
from .indexing import MaskedFill
from .shape import wrap_dim


def normalize_dims(dim, ndim: int) -> tuple:
    """``dim`` as a tuple of non-negative ints (PyTorch accepts an int, a tuple or a list)."""
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    return tuple(sorted(wrap_dim(d, ndim) for d in dims))


def kept_shape(shape, dims) -> tuple:
    """The shape a reduction over ``dims`` has with ``keepdim=True`` (reduced dims become 1)."""
    return tuple(1 if i in dims else n for i, n in enumerate(shape))


def _sum_dtype(a):
    """Sums of bools and integers are int64 in PyTorch; floats (and complex) keep their dtype."""
    return a._data.dtype if a._data.dtype.kind in "fc" else np.int64


class Sum(Function):
    """out = the sum of all elements"""

    backward_name = "SumBackward0"
    saved_names = ("self_sym_sizes",)

    @staticmethod
    def forward(ctx, a, dtype=None):  # dtype: sum(dtype=torch.float64) sums in that dtype
        ctx.save_attributes(self_sym_sizes=a._data.shape)
        return np.asarray(a._data.sum(dtype=dtype or _sum_dtype(a)))

    @staticmethod
    def backward(ctx, grad):
        return grad.expand(ctx._saved_self_sym_sizes), None  # every element counted once


class SumDim(Function):
    """out = sums along ``dims``"""

    backward_name = "SumBackward1"
    saved_names = ("dim", "keepdim", "self_sym_sizes")

    @staticmethod
    def forward(ctx, a, dims, keepdim, dtype=None):
        ctx.save_attributes(dim=dims, keepdim=keepdim, self_sym_sizes=a._data.shape)
        dtype = dtype or _sum_dtype(a)
        return np.asarray(a._data.sum(axis=dims, keepdims=keepdim, dtype=dtype))

    @staticmethod
    def backward(ctx, grad):
        shape = ctx._saved_self_sym_sizes
        grad = grad.reshape(kept_shape(shape, ctx._saved_dim))  # put the summed dims back as 1s
        return grad.expand(shape), None, None, None


class Mean(Function):
    """out = the mean of all elements"""

    backward_name = "MeanBackward0"
    saved_names = ("self_sym_numel", "self_sym_sizes")

    @staticmethod
    def forward(ctx, a, dtype=None):
        ctx.save_attributes(self_sym_numel=a._data.size, self_sym_sizes=a._data.shape)
        if a._data.size == 0:  # the mean of nothing is nan (without NumPy's warning)
            return np.asarray(np.nan, dtype=dtype or a._data.dtype)
        return np.asarray(a._data.mean(dtype=dtype or a._data.dtype))

    @staticmethod
    def backward(ctx, grad):
        return grad.expand(ctx._saved_self_sym_sizes) / ctx._saved_self_sym_numel, None  # 1/N each


class MeanDim(Function):
    """out = means along ``dims``"""

    backward_name = "MeanBackward1"
    saved_names = ("dim", "keepdim", "self_sym_numel", "self_sym_sizes")

    @staticmethod
    def forward(ctx, a, dims, keepdim, dtype=None):
        ctx.save_attributes(
            dim=dims, keepdim=keepdim, self_sym_numel=a.numel(), self_sym_sizes=a._data.shape
        )
        dtype = dtype or a._data.dtype
        return np.asarray(a._data.mean(axis=dims, keepdims=keepdim, dtype=dtype))

    @staticmethod
    def backward(ctx, grad):
        shape = ctx._saved_self_sym_sizes
        count = int(np.prod([shape[d] for d in ctx._saved_dim]))
        grad = grad.reshape(kept_shape(shape, ctx._saved_dim)).expand(shape)
        return grad / count, None, None, None


class _ExtremeAll(Function):
    """out = the largest (or smallest) element; ties share the gradient evenly"""

    saved_names = ("self", "result")
    numpy_op = None

    @classmethod
    def forward(cls, ctx, a):
        if a.numel() == 0:
            raise RuntimeError(
                f"{cls.__name__.lower()}(): Expected reduction dim to be specified for "
                "input.numel() == 0. "
                "Specify the reduction dim with the 'dim' argument."
            )
        result = tensor_of(np.asarray(cls.numpy_op(a._data)))
        ctx.save_for_backward(a, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        winners = a.isnan() if result.isnan() else a == result  # a nan wins over everything
        share = grad / winners.sum()  # ties share the gradient evenly; the others get 0
        return share.expand(a.shape).masked_fill(~winners, 0)


class Max(_ExtremeAll):
    backward_name = "MaxBackward1"
    numpy_op = staticmethod(np.max)


class Min(_ExtremeAll):
    backward_name = "MinBackward1"
    numpy_op = staticmethod(np.min)


class _ExtremeDim(Function):
    """(values, indices) of the largest (or smallest) element along ``dim``"""

    saved_names = ("dim", "indices", "keepdim", "self_sym_sizes")
    numpy_arg = None

    @classmethod
    def forward(cls, ctx, a, dim, keepdim):
        indices = np.expand_dims(cls.numpy_arg(a._data, axis=dim), dim)
        values = np.take_along_axis(a._data, indices, axis=dim)
        if not keepdim:
            indices, values = indices.squeeze(dim), values.squeeze(dim)
        ctx.save_attributes(
            dim=dim, indices=tensor_of(indices), keepdim=keepdim, self_sym_sizes=a._data.shape
        )
        return values, indices

    @staticmethod
    def backward(ctx, grad_values, grad_indices):
        shape, dim = ctx._saved_self_sym_sizes, ctx._saved_dim
        indices = ctx._saved_indices._data
        if not ctx._saved_keepdim:
            indices = np.expand_dims(indices, dim)
            grad_values = grad_values.unsqueeze(dim)
        losers = np.ones(shape, dtype=bool)
        np.put_along_axis(losers, indices, False, axis=dim)  # the winners keep their gradient
        return MaskedFill.apply(grad_values.expand(shape), losers, 0), None, None


class MaxDim(_ExtremeDim):
    backward_name = "MaxBackward0"
    numpy_arg = staticmethod(np.argmax)


class MinDim(_ExtremeDim):
    backward_name = "MinBackward0"
    numpy_arg = staticmethod(np.argmin)


class _ReturnType(tuple):
    """A (values, indices) pair printed as ``torch.return_types.max(values=..., indices=...)``."""

    _name = ""

    @property
    def values(self):
        return self[0]

    @property
    def indices(self):
        return self[1]

    def __repr__(self) -> str:
        return f"torch.return_types.{self._name}(\nvalues={self[0]!r},\nindices={self[1]!r})"


max_result = type("max", (_ReturnType,), {"_name": "max"})
min_result = type("min", (_ReturnType,), {"_name": "min"})


def max_or_min(a, dim, keepdim, which):
    if dim is None:
        return (Max if which == "max" else Min).apply(a)
    dim = normalize_dims(dim, a.ndim)[0]
    op, result = (MaxDim, max_result) if which == "max" else (MinDim, min_result)
    return result(op.apply(a, dim, keepdim))


def arg_reduce(a, numpy_op, dim, keepdim):
    if dim is None:
        return tensor_of(np.asarray(numpy_op(a._data), dtype=np.int64))
    dim = normalize_dims(dim, a.ndim)[0]
    return tensor_of(np.asarray(numpy_op(a._data, axis=dim, keepdims=keepdim), dtype=np.int64))


def var_args(a, dim, unbiased, correction):
    """PyTorch's var/std arguments as (dims or None, correction); the default is unbiased."""
    if isinstance(dim, bool):  # var(True): the old positional `unbiased`
        dim, unbiased = None, dim
    if correction is None:
        correction = 0 if unbiased is False else 1
    if not a.dtype.is_floating_point:
        raise RuntimeError("std and var only support floating point and complex dtypes")
    return (None if dim is None else normalize_dims(dim, a.ndim)), correction


def _ratio(numerator, denominator) -> float:
    """numerator / denominator, inf (not ZeroDivisionError) when nothing is left to divide by."""
    with np.errstate(divide="ignore"):
        return float(np.divide(numerator, denominator))


def _count(shape, dims) -> int:
    return int(np.prod(shape if dims is None else [shape[d] for d in dims]))


def _spread(numpy_op, name, a, dims, correction, keepdim) -> np.ndarray:
    """np.var or np.std; with no degrees of freedom left, PyTorch's warning (and nan or inf)."""
    if _count(a.shape, dims) - correction <= 0:
        warnings.warn(
            f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than the "
            "reduction factor (input numel divided by output numel).", UserWarning, stacklevel=5,
        )
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)  # NumPy's own words for the same thing
        return np.asarray(numpy_op(a._data, axis=dims, ddof=correction, keepdims=keepdim))


class Var(Function):
    """out = Σ(a - mean)² / (N - correction)"""

    backward_name = "VarBackward0"
    saved_names = ("self", "correction", "dim", "keepdim")

    @staticmethod
    def forward(ctx, a, dims, correction, keepdim):
        ctx.save_for_backward(a)
        ctx.save_attributes(correction=correction, dim=dims, keepdim=keepdim)
        return _spread(np.var, "var", a, dims, correction, keepdim)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        dims, correction = ctx._saved_dim, ctx._saved_correction
        centered = a - (a.mean() if dims is None else a.mean(dims, keepdim=True))
        if dims is not None and not ctx._saved_keepdim:
            grad = grad.reshape(kept_shape(a.shape, dims))
        # d var / d a_i = 2 (a_i - mean) / (N - correction)
        return grad * centered * _ratio(2.0, _count(a.shape, dims) - correction), None, None, None


class Std(Function):
    """out = √var"""

    backward_name = "StdBackward0"
    saved_names = ("self", "result", "correction", "dim", "keepdim")

    @staticmethod
    def forward(ctx, a, dims, correction, keepdim):
        result = tensor_of(_spread(np.std, "std", a, dims, correction, keepdim))
        ctx.save_for_backward(a, result)
        ctx.save_attributes(correction=correction, dim=dims, keepdim=keepdim)
        return result

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        dims, correction = ctx._saved_dim, ctx._saved_correction
        centered = a - (a.mean() if dims is None else a.mean(dims, keepdim=True))
        if dims is not None and not ctx._saved_keepdim:
            grad = grad.reshape(kept_shape(a.shape, dims))
            result = result.reshape(kept_shape(a.shape, dims))
        # d std / d a_i = (a_i - mean) / ((N - correction) std), taken as 0 where std = 0
        scaled = (grad / result).masked_fill(result == 0, 0.0)
        return scaled * centered / (_count(a.shape, dims) - correction), None, None, None


