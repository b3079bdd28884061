"""The ``minigrad.<op>(...)`` forms of tensor methods, as in ``torch.exp(x)``.

Each one forwards to the method, so there is one implementation of every op.
"""
from __future__ import annotations

import builtins
import warnings

import numpy as np

from .autograd.grad_mode import _state, no_grad
from .ops import arithmetic, shape
from .tensor import Tensor, _check_tensor_argument, _operand, pow  # noqa: F401 - pow re-exported


def _method(name):
    def op(input, *args, out=None, **kwargs):
        if out is None:
            return getattr(_operand(input), name)(*args, **kwargs)
        _check_out_without_grad(name, out, input, *args)
        with no_grad():
            return _write_out(getattr(_operand(input), name)(*args, **kwargs), out)

    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"``minigrad.{name}(x, ...)`` is ``x.{name}(...)``."
    return op


def _check_out_without_grad(name, out, *inputs):
    """``out=`` writes into an existing tensor: that cannot be recorded, so PyTorch refuses."""
    requiring = builtins.any(isinstance(t, Tensor) and t.requires_grad for t in (out, *inputs))
    if _state.enabled and requiring:
        raise RuntimeError(
            f"{name}(): functions with out=... arguments don't support automatic "
            "differentiation, but one of the arguments requires grad."
        )


def _write_out(result, out):
    """The result written into ``out`` (resized when its shape differs, as PyTorch does)."""
    if not np.can_cast(result._data.dtype, out._data.dtype, casting="same_kind"):
        raise RuntimeError(
            f"result type {result.dtype.scalar_name} can't be cast to the "
            f"desired output type {out.dtype.scalar_name}"
        )
    if out.shape == result.shape:
        np.copyto(out._data, result._data, casting="unsafe")
    else:
        if out.numel():
            warnings.warn(
                f"An output with one or more elements was resized since it had shape "
                f"{list(out.shape)}, which does not match the required output shape "
                f"{list(result.shape)}. This behavior is deprecated, and in a future PyTorch "
                "release outputs will not be resized unless they have zero elements. You can "
                "explicitly reuse an out tensor t by resizing it, inplace, to zero elements with "
                "t.resize_(0).", UserWarning, stacklevel=3,
            )
        out._data = result._data.astype(out._data.dtype)
    out._version_counter.version += 1
    return out


# One line per function, so that grep finds each. These names shadow Python's own max, min,
# sum, abs, all, any in this module: use builtins.max here.
# Arithmetic.
add = _method("add")
sub = _method("sub")
subtract = _method("subtract")
mul = _method("mul")
multiply = _method("multiply")
div = _method("div")
divide = _method("divide")
true_divide = _method("true_divide")
rsub = _method("rsub")
neg = _method("neg")
negative = _method("negative")
abs = _method("abs")
absolute = _method("absolute")

# Elementwise functions.
exp = _method("exp")
log = _method("log")
sqrt = _method("sqrt")
sin = _method("sin")
cos = _method("cos")
tanh = _method("tanh")
sigmoid = _method("sigmoid")
relu = _method("relu")
reciprocal = _method("reciprocal")
square = _method("square")
sign = _method("sign")
clamp = _method("clamp")
clip = _method("clip")
clamp_min = _method("clamp_min")
clamp_max = _method("clamp_max")
round = _method("round")
floor = _method("floor")
ceil = _method("ceil")

# Reductions.
sum = _method("sum")
mean = _method("mean")
max = _method("max")
min = _method("min")
var = _method("var")
std = _method("std")
norm = _method("norm")
argmax = _method("argmax")
argmin = _method("argmin")
all = _method("all")
any = _method("any")

# Softmax.
softmax = _method("softmax")
log_softmax = _method("log_softmax")

# Shape and indexing.
reshape = _method("reshape")
transpose = _method("transpose")
swapaxes = _method("swapaxes")
permute = _method("permute")
t = _method("t")
squeeze = _method("squeeze")
unsqueeze = _method("unsqueeze")
flatten = _method("flatten")
select = _method("select")
narrow = _method("narrow")
unbind = _method("unbind")
gather = _method("gather")
masked_fill = _method("masked_fill")

# Matrix products.
matmul = _method("matmul")
mm = _method("mm")
mv = _method("mv")
dot = _method("dot")

# Comparisons and tests (no gradient).
eq = _method("eq")
ne = _method("ne")
lt = _method("lt")
le = _method("le")
gt = _method("gt")
ge = _method("ge")
logical_not = _method("logical_not")
isnan = _method("isnan")
allclose = _method("allclose")
isclose = _method("isclose")
equal = _method("equal")

# Copies.
clone = _method("clone")
detach = _method("detach")


def _inplace_method(name):
    def op(input, *args, **kwargs):
        if not isinstance(input, Tensor):  # a number has no memory to write into
            raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not "
                            f"{type(input).__name__}")
        return getattr(input, name)(*args, **kwargs)

    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"``minigrad.{name}(x, ...)`` is ``x.{name}(...)``: it overwrites ``x``."
    return op


# The in-place twins PyTorch also offers as functions (it has no torch.sign_ nor torch.pow_).
exp_ = _inplace_method("exp_")
log_ = _inplace_method("log_")
sqrt_ = _inplace_method("sqrt_")
sin_ = _inplace_method("sin_")
cos_ = _inplace_method("cos_")
tanh_ = _inplace_method("tanh_")
sigmoid_ = _inplace_method("sigmoid_")
relu_ = _inplace_method("relu_")
reciprocal_ = _inplace_method("reciprocal_")
square_ = _inplace_method("square_")
abs_ = _inplace_method("abs_")
neg_ = _inplace_method("neg_")
negative_ = _inplace_method("negative_")
clamp_ = _inplace_method("clamp_")
clip_ = _inplace_method("clip_")
clamp_min_ = _inplace_method("clamp_min_")
clamp_max_ = _inplace_method("clamp_max_")
round_ = _inplace_method("round_")
floor_ = _inplace_method("floor_")
ceil_ = _inplace_method("ceil_")


def maximum(input, other, *, out=None):
    """Elementwise max of two tensors (``other`` must be a tensor: it is argument 2 here)."""
    _check_tensor_argument("maximum", other, position=2)
    return _maximum(input, other, out=out)


def minimum(input, other, *, out=None):
    """Elementwise min of two tensors (``other`` must be a tensor: it is argument 2 here)."""
    _check_tensor_argument("minimum", other, position=2)
    return _minimum(input, other, out=out)


_maximum, _minimum = _method("maximum"), _method("minimum")


def where(condition, input, other):
    """Elementwise ``input if condition else other``; the condition gets no gradient."""
    mask = _operand(condition)._data.astype(bool)
    return arithmetic.Where.apply(mask, _operand(input), _operand(other))


def cat(tensors, dim=0):
    """Join tensors along an existing dim."""
    tensors = list(tensors)
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    return shape.Cat.apply(shape.wrap_dim(dim, tensors[0].ndim), *tensors)


concatenate = concat = cat


def stack(tensors, dim=0):
    """Join tensors along a new dim."""
    tensors = list(tensors)
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    return shape.Stack.apply(shape.wrap_dim(dim, tensors[0].ndim + 1), *tensors)


def is_tensor(obj) -> bool:
    return isinstance(obj, Tensor)


def numel(input) -> int:
    return input.numel()


def outer(a, b):
    return a.unsqueeze(1) * b.unsqueeze(0)
