"""Ways to make tensors: ``tensor``, ``zeros``, ``ones``, ``arange``, ``randn``, ...

Python floats become float32 (PyTorch's default dtype), Python ints int64, bools bool;
NumPy arrays keep their dtype. Every function takes ``dtype=`` and ``requires_grad=``.
"""
from __future__ import annotations

import numbers

import numpy as np

from . import dtypes
from .autograd.grad_mode import _state
from .random import _generator
from .tensor import Tensor


def _numpy_type(dtype, default=None):
    return dtypes.to_dtype(dtype).numpy_type if dtype is not None else default


def _finish(array, dtype, requires_grad) -> Tensor:
    if dtype is not None:
        array = array.astype(_numpy_type(dtype), copy=False)
    out = Tensor._make(array)
    if _state.inference:
        out._inference = True
    if requires_grad:
        if not out.dtype.is_floating_point:  # the factories' wording differs from requires_grad_()
            raise RuntimeError(
                "Only Tensors of floating point and complex dtype can require gradients"
            )
        out.requires_grad = True
    return out


def _infer_array(data):
    """Nested lists of numbers (or tensors) to an array with PyTorch's dtype choice."""
    if isinstance(data, Tensor):
        return data._data.copy()
    if isinstance(data, (np.ndarray, np.generic)):
        return np.array(data)  # a copy, with the array's (or NumPy scalar's) dtype
    typed = False  # NumPy scalars and tensors inside lists bring their own dtypes
    if isinstance(data, (list, tuple)):
        typed = any(isinstance(x, (Tensor, np.generic)) for x in _leaves(data))
        if any(isinstance(x, Tensor) for x in data):
            data = [x._data if isinstance(x, Tensor) else x for x in data]
    try:
        array = np.array(data)
    except ValueError:  # ragged nesting, e.g. [[1, 2], [3]]
        raise _ragged_error(data) or _invalid_data(data) from None
    if array.dtype.kind not in "fiub":
        raise _invalid_data(data)
    if typed:
        return array.astype(_promoted_dtype(data).numpy_type)
    if array.dtype.kind == "f":
        return array.astype(dtypes.get_default_dtype().numpy_type)
    if array.dtype.kind in "iu":
        return array.astype(np.int64)
    return array


def _promoted_dtype(data):
    """One dtype for all: Python numbers count as PyTorch's defaults, the others as themselves."""
    result = None
    for x in _leaves(data):
        if isinstance(x, Tensor):
            d = x.dtype
        elif isinstance(x, (np.ndarray, np.generic)):
            d = dtypes.from_numpy_dtype(x.dtype)
        else:
            d = dtypes.scalar_dtype(x)
        result = d if result is None else dtypes.promote_types(result, d)
    return result


def _leaves(data):
    """The scalars of nested lists, first to last."""
    if isinstance(data, (list, tuple)):
        for item in data:
            yield from _leaves(item)
    else:
        yield data


def _ragged_error(data):
    """PyTorch's error for nested lists of unequal lengths: the first elements set the shape."""
    sizes, first = [], data
    while isinstance(first, (list, tuple)):
        sizes.append(len(first))
        first = first[0] if first else None

    def check(x, dim):
        is_sequence = isinstance(x, (list, tuple))
        if dim == len(sizes):  # as deep as the first elements go: x must be a number here
            if is_sequence:
                return TypeError(f"'{type(x).__name__}' object cannot be interpreted as an integer")
            return None
        if not is_sequence:
            return TypeError("not a sequence")
        if len(x) != sizes[dim]:
            return ValueError(
                f"expected sequence of length {sizes[dim]} at dim {dim} (got {len(x)})"
            )
        return next((e for e in (check(item, dim + 1) for item in x) if e is not None), None)

    return check(data, 0)


def _invalid_data(data) -> Exception:
    """PyTorch's error for data that is not numbers; the first scalar decides the wording."""
    first = next(_leaves(data), None)
    if isinstance(first, str):
        if first is data:
            return TypeError("new(): invalid data type 'str'")
        return ValueError("too many dimensions 'str'")  # a string looks like one more dim
    if not isinstance(first, (numbers.Number, np.generic)):
        return RuntimeError(f"Could not infer dtype of {type(first).__name__}")
    bad = next((x for x in _leaves(data) if not isinstance(x, (numbers.Number, np.generic))), data)
    return TypeError(f"new(): invalid data type '{type(bad).__name__}'")


def tensor(data, dtype=None, device=None, requires_grad=False) -> Tensor:
    """A new leaf tensor holding a copy of ``data`` (numbers, nested lists, arrays, tensors)."""
    if isinstance(data, Tensor):
        import warnings

        warnings.warn(
            "To copy construct from a tensor, it is recommended to use "
            "sourceTensor.detach().clone() "
            "or sourceTensor.detach().clone().requires_grad_(True), rather than "
            "torch.tensor(sourceTensor).",
            UserWarning,
            stacklevel=2,
        )
    return _finish(_infer_array(data), dtype, requires_grad)


def as_tensor(data, dtype=None, device=None) -> Tensor:
    if isinstance(data, Tensor):
        return data if dtype is None else data.to(dtype)
    if isinstance(data, np.ndarray):
        return from_numpy(data) if dtype is None else _finish(data, dtype, False)
    return tensor(data, dtype=dtype)


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor that shares memory with ``array``: changing one changes the other."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    dtypes.from_numpy_dtype(array.dtype)  # raises for unsupported dtypes
    return Tensor._make(array)


def _size(size) -> tuple:
    """Sizes come as ``zeros(2, 3)`` or ``zeros((2, 3))``."""
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = size[0]
    return tuple(int(n) for n in size)


def zeros(*size, dtype=None, device=None, requires_grad=False) -> Tensor:
    return _finish(np.zeros(_size(size), _numpy_type(dtype, np.float32)), None, requires_grad)


def ones(*size, dtype=None, device=None, requires_grad=False) -> Tensor:
    return _finish(np.ones(_size(size), _numpy_type(dtype, np.float32)), None, requires_grad)


def empty(*size, dtype=None, device=None, requires_grad=False) -> Tensor:
    """Uninitialised in PyTorch; zeros here, so that lessons stay deterministic."""
    return zeros(*size, dtype=dtype, requires_grad=requires_grad)


def full(size, fill_value, dtype=None, device=None, requires_grad=False) -> Tensor:
    if dtype is None:
        dtype = dtypes.scalar_dtype(fill_value)
    return _finish(np.full(_size((size,)), fill_value, _numpy_type(dtype)), None, requires_grad)


def eye(n, m=None, dtype=None, device=None, requires_grad=False) -> Tensor:
    return _finish(np.eye(n, m, dtype=_numpy_type(dtype, np.float32)), None, requires_grad)


def arange(start, end=None, step=1, dtype=None, device=None, requires_grad=False) -> Tensor:
    """Integers give int64 (``arange(3)``), any float gives float32 (``arange(0., 1., .25)``)."""
    if end is None:
        start, end = 0, start
    numbers_ = [x.item() if isinstance(x, Tensor) else x for x in (start, end, step)]
    if dtype is None:
        integral = all(isinstance(x, numbers.Integral) for x in numbers_)
        dtype = dtypes.int64 if integral else dtypes.get_default_dtype()
    values = np.arange(*numbers_, dtype=np.float64).astype(_numpy_type(dtype))
    return _finish(values, None, requires_grad)


def linspace(start, end, steps, dtype=None, device=None, requires_grad=False) -> Tensor:
    """``steps`` evenly spaced values from ``start`` to ``end``, both included.

    Computed as PyTorch does, so that printed digits match (``linspace(-1, 1, 25)`` has
    -2.9802e-08 in the middle, not 0): a step in the result's dtype, the first half counted
    up from ``start``, the second half down from ``end``.
    """
    target = np.dtype(_numpy_type(dtype, dtypes.get_default_dtype().numpy_type))
    if target.kind != "f" or steps < 2:
        array = np.linspace(start, end, steps, dtype=np.float64)
        return _finish(array.astype(target), None, requires_grad)
    first, last = target.type(start), target.type(end)
    step = target.type((last - first) / target.type(steps - 1))
    # Wider arithmetic, then one rounding: what the fused multiply-add in PyTorch's kernel does.
    wide = np.float64 if target.itemsize < 8 else np.longdouble
    i = np.arange(steps)
    up, down = wide(first) + wide(step) * i, wide(last) - wide(step) * (steps - 1 - i)
    return _finish(np.where(i < steps // 2, up, down).astype(target), None, requires_grad)


def rand(*size, generator=None, dtype=None, device=None, requires_grad=False) -> Tensor:
    """Uniform on [0, 1)."""
    array = _generator(generator).uniform(0.0, 1.0, _size(size))
    return _finish(array.astype(_numpy_type(dtype, np.float32)), None, requires_grad)


def randn(*size, generator=None, dtype=None, device=None, requires_grad=False) -> Tensor:
    """Standard normal: mean 0, standard deviation 1."""
    array = _generator(generator).normal(0.0, 1.0, _size(size))
    return _finish(array.astype(_numpy_type(dtype, np.float32)), None, requires_grad)


def randint(low, high=None, size=None, generator=None, dtype=None, device=None,
            requires_grad=False):
    """Integers in [low, high), int64; ``randint(high, size)`` starts at 0."""
    if size is None:  # randint(high, size)
        low, high, size = 0, low, high
    elif high is None:
        low, high = 0, low
    array = _generator(generator).integers(low, high, tuple(size))
    return _finish(array.astype(_numpy_type(dtype, np.int64)), None, requires_grad)


def randperm(n, generator=None, dtype=None, device=None, requires_grad=False) -> Tensor:
    array = _generator(generator).permutation(n)
    return _finish(array.astype(_numpy_type(dtype, np.int64)), None, requires_grad)


def normal(mean, std, size, generator=None, requires_grad=False) -> Tensor:
    array = _generator(generator).normal(mean, std, tuple(size))
    return _finish(array.astype(np.float32), None, requires_grad)


def _like(maker):
    def like(input, dtype=None, device=None, requires_grad=False, **kwargs):
        return maker(*input.shape, dtype=dtype or input.dtype, requires_grad=requires_grad,
                     **kwargs)

    like.__name__ = f"{maker.__name__}_like"
    like.__doc__ = f"``{maker.__name__}`` with the shape and dtype of ``input``."
    return like


zeros_like = _like(zeros)
ones_like = _like(ones)
empty_like = _like(empty)
rand_like = _like(rand)
randn_like = _like(randn)


def full_like(input, fill_value, dtype=None, device=None, requires_grad=False) -> Tensor:
    return full(input.shape, fill_value, dtype=dtype or input.dtype, requires_grad=requires_grad)


def FloatTensor(*args) -> Tensor:
    return Tensor(*args)


def DoubleTensor(*args) -> Tensor:
    return Tensor(*args).double()


def LongTensor(*args) -> Tensor:
    if len(args) == 1 and not isinstance(args[0], int):
        return tensor(args[0], dtype=dtypes.int64)
    return zeros(*args, dtype=dtypes.int64)


def BoolTensor(*args) -> Tensor:
    if len(args) == 1 and not isinstance(args[0], int):
        return tensor(args[0], dtype=dtypes.bool)
    return zeros(*args, dtype=dtypes.bool)
