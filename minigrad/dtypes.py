"""The dtypes a learner meets, and PyTorch's rules for mixing them."""
from __future__ import annotations

import builtins

import numpy as np


class dtype:
    """A tensor element type; prints as PyTorch prints it (``torch.float32``)."""

    __slots__ = ("name", "numpy_type", "is_floating_point", "legacy_name", "scalar_name",
                 "cpp_name", "category")

    def __init__(self, name: str, numpy_type, legacy_name: str, cpp_name: str, category: int):
        self.name = name
        self.numpy_type = np.dtype(numpy_type)
        self.is_floating_point = category == FLOATING
        self.legacy_name = legacy_name  # e.g. "FloatTensor", as in x.type()
        # How PyTorch's messages name it: "Float" (its ScalarType) in most, "float" (the C++
        # type) in a few.
        self.scalar_name = legacy_name[:-len("Tensor")]
        self.cpp_name = cpp_name
        self.category = category

    def __repr__(self) -> str:
        return f"torch.{self.name}"

    def __reduce__(self):
        return self.name


# Categories order the kinds of numbers: mixing kinds promotes to the higher one.
BOOLEAN, INTEGRAL, FLOATING = 0, 1, 2

float32 = dtype("float32", np.float32, "FloatTensor", "float", FLOATING)
float64 = dtype("float64", np.float64, "DoubleTensor", "double", FLOATING)
float16 = dtype("float16", np.float16, "HalfTensor", "c10::Half", FLOATING)
int64 = dtype("int64", np.int64, "LongTensor", "long int", INTEGRAL)
int32 = dtype("int32", np.int32, "IntTensor", "int", INTEGRAL)
int16 = dtype("int16", np.int16, "ShortTensor", "short int", INTEGRAL)
int8 = dtype("int8", np.int8, "CharTensor", "signed char", INTEGRAL)
uint8 = dtype("uint8", np.uint8, "ByteTensor", "unsigned char", INTEGRAL)
bool = dtype("bool", np.bool_, "BoolTensor", "bool", BOOLEAN)
# PyTorch's aliases
float = float32
double = float64
half = float16
long = int64
int = int32
short = int16

ALL = (float32, float64, float16, int64, int32, int16, int8, uint8, bool)
_FROM_NUMPY = {d.numpy_type: d for d in ALL}

_default_dtype = float32


def get_default_dtype() -> dtype:
    """The dtype that Python floats become (float32, as in PyTorch)."""
    return _default_dtype


def set_default_dtype(d: dtype) -> None:
    global _default_dtype
    if not d.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    _default_dtype = d


def from_numpy_dtype(numpy_dtype) -> dtype:
    if numpy_dtype in _FROM_NUMPY:  # an array's dtype: looked up as it is (the usual case)
        return _FROM_NUMPY[numpy_dtype]
    try:
        return _FROM_NUMPY[np.dtype(numpy_dtype)]
    except KeyError:
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{np.dtype(numpy_dtype)}. The only supported "
            "types are: float64, float32, float16, complex64, complex128, int64, int32, int16, "
            "int8, uint8, and bool."
        ) from None


def to_dtype(d) -> dtype:
    """Accept a minigrad dtype, a NumPy dtype or a Python type (float, int, bool)."""
    if isinstance(d, dtype):
        return d
    if d is builtins.float:
        return _default_dtype
    if d is builtins.int:
        return int64
    if d is builtins.bool:
        return bool
    return from_numpy_dtype(d)


def promote_types(a: dtype, b: dtype) -> dtype:
    """The smallest dtype both can be cast to (torch.promote_types)."""
    if a is b:
        return a
    if a.category != b.category:
        return a if a.category > b.category else b
    return _FROM_NUMPY[np.promote_types(a.numpy_type, b.numpy_type)]


def scalar_dtype(x) -> dtype:
    """The dtype a Python number gets when it becomes a tensor."""
    if isinstance(x, builtins.bool):
        return bool
    if isinstance(x, builtins.int):
        return int64
    return _default_dtype


def result_type(*operands) -> dtype:
    """PyTorch's promotion for an op mixing tensors and Python numbers.

    Dimensioned tensors decide first; 0-dim tensors and then Python numbers only
    count when they are of a higher kind (bool < integer < floating), so
    ``float32_tensor * 2.5`` stays float32 and ``int64_tensor * 2.5`` becomes float32.
    """
    dimensioned = zero_dim = number = None
    for x in operands:
        if hasattr(x, "_data") and not x._wrapped_number:
            if x._data.ndim:
                dimensioned = (x.dtype if dimensioned is None
                               else promote_types(dimensioned, x.dtype))
            else:
                zero_dim = x.dtype if zero_dim is None else promote_types(zero_dim, x.dtype)
        else:  # a Python number, or the 0-dim tensor `_operand` wrapped it in
            d = x.dtype if hasattr(x, "_data") else scalar_dtype(x)
            number = d if number is None else promote_types(number, d)
    result = dimensioned
    if zero_dim is not None and (result is None or zero_dim.category > result.category):
        result = zero_dim
    if number is not None and (result is None or number.category > result.category):
        # A Python number of a higher kind gives that kind's default dtype.
        result = (bool, int64, _default_dtype)[number.category]
    return result
