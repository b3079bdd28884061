"""Short text for tensor values, shapes and dtypes: what a graph node prints.

Works on minigrad and PyTorch tensors alike (duck-typed: ``detach``, ``shape``, ``dtype``),
so both libraries' graphs print the same numbers the same way.
"""
from __future__ import annotations

import math
import warnings

import numpy as np

# Big tensors are cut NumPy-style: ``[1.0, 2.0, ..., 9.0]``. Small enough to fit in a box.
SUMMARY_THRESHOLD = 12
EDGE_ITEMS = 2
LINE_WIDTH = 44


def is_tensor(value) -> bool:
    """A minigrad or PyTorch tensor (anything with a shape, a dtype and ``detach``)."""
    return all(hasattr(value, name) for name in ("shape", "dtype", "detach", "requires_grad"))


def to_numpy(tensor) -> np.ndarray | None:
    """The tensor's values as a NumPy array, without touching the graph (None if unreadable)."""
    data = getattr(tensor, "_data", None)  # minigrad: the array itself, no copy
    if isinstance(data, np.ndarray):
        return data
    try:
        return np.asarray(tensor.detach().cpu().numpy())
    except (RuntimeError, TypeError, AttributeError):  # e.g. bfloat16, meta tensors
        try:
            return np.asarray(tensor.detach().cpu().float().numpy())
        except Exception:  # a picture must not fail on one exotic tensor
            return None


def format_number(x) -> str:
    """``2.0``, ``0.1235``, ``1.235e+04``, ``3`` (ints), ``True``: short and unambiguous."""
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    x = float(x)
    if x.is_integer() and abs(x) < 1e6:
        return f"{x:.1f}"  # keep the ".0": a float stays visibly a float
    return f"{x:.4g}"


def format_array(array: np.ndarray | None, threshold: int = SUMMARY_THRESHOLD) -> str:
    """NumPy-style text, cut with ``...`` past ``threshold`` elements; lines joined by newlines."""
    if array is None:
        return "?"
    if array.ndim == 0:
        return format_number(array.item())
    kinds = {"b": "bool", "i": "int_kind", "u": "int_kind", "f": "float_kind"}
    kind = kinds.get(array.dtype.kind)
    formatter = {kind: format_number} if kind else None  # complex: NumPy's own format
    text = np.array2string(
        array, separator=", ", threshold=threshold, edgeitems=EDGE_ITEMS,
        max_line_width=LINE_WIDTH, formatter=formatter,
    )
    flat = " ".join(line.strip() for line in text.split("\n"))
    return flat if len(flat) <= LINE_WIDTH else text  # short enough: one line


def format_value(value, threshold: int = SUMMARY_THRESHOLD) -> str:
    """Any saved value: tensors as their numbers, other things (ints, tuples, None) as repr."""
    if is_tensor(value):
        return format_array(to_numpy(value), threshold)
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, tuple) and type(value) is not tuple:
        value = tuple(value)  # torch.Size([2, 3]) -> (2, 3): what PyTorch's nodes return
    if isinstance(value, (tuple, list)) and len(value) > threshold:
        shown = ", ".join(map(repr, value[:EDGE_ITEMS]))
        return f"({shown}, ... {len(value) - EDGE_ITEMS} more)"
    return repr(value)


def shape_text(tensor) -> str:
    """``[2, 3]`` (PyTorch's way of writing a shape in messages); ``[]`` for a scalar."""
    return "[" + ", ".join(str(int(n)) for n in tensor.shape) + "]"


def dtype_text(tensor) -> str:
    """``float32`` for ``torch.float32``: the library prefix adds nothing in a picture."""
    return str(tensor.dtype).removeprefix("torch.")


def grad_of(tensor):
    """``tensor.grad`` without the warning a non-leaf's ``.grad`` gives (None is the answer)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tensor.grad


def is_parameter(tensor) -> bool:
    """An ``nn.Parameter`` (minigrad's or PyTorch's), known by its class name."""
    return any(cls.__name__ == "Parameter" for cls in type(tensor).__mro__)


def data_key(tensor) -> tuple | None:
    """Where the tensor's numbers live: equal keys mean the same memory (maybe transposed)."""
    try:
        count = math.prod(int(n) for n in tensor.shape)
        if count == 0:
            return None
        return (tensor.data_ptr(), count, dtype_text(tensor))
    except (AttributeError, RuntimeError, TypeError):
        return None
