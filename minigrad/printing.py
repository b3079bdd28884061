"""How tensors print: PyTorch's format, so that printed lessons match PyTorch output.

One width for all elements of a tensor, chosen from all of them: whole floats print as
``2.``, others with 4 decimals, and very large or very small spreads in scientific form.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import dtypes


@dataclass
class PrintOptions:
    precision: int = 4
    threshold: float = 1000  # more elements than this: print only the edges
    edgeitems: int = 3
    linewidth: int = 80
    sci_mode: bool | None = None


PRINT_OPTS = PrintOptions()


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None,
                     profile=None, sci_mode=None):
    """Change how tensors print (``profile`` is one of "default", "short", "full")."""
    if profile is not None:
        defaults = {"default": (4, 1000, 3, 80), "short": (2, 1000, 2, 80),
                    "full": (4, math.inf, 3, 80)}
        (PRINT_OPTS.precision, PRINT_OPTS.threshold,
         PRINT_OPTS.edgeitems, PRINT_OPTS.linewidth) = defaults[profile]
    for name, value in [("precision", precision), ("threshold", threshold),
                        ("edgeitems", edgeitems), ("linewidth", linewidth)]:
        if value is not None:
            setattr(PRINT_OPTS, name, value)
    PRINT_OPTS.sci_mode = sci_mode


class _Formatter:
    """Chooses one format and width for all the values of a tensor."""

    def __init__(self, values: np.ndarray):
        self.floating = values.dtype.kind == "f"
        self.int_mode, self.sci_mode, self.width = True, False, 1
        precision = PRINT_OPTS.precision
        if not self.floating:
            self.width = max((len(str(v)) for v in values.tolist()), default=1)
            return
        # Only nonzero finite values set the width: zeros, inf and nan just get padded to it.
        finite = values[np.isfinite(values) & (values != 0)].astype(np.float64)
        if finite.size == 0:
            return
        smallest, largest = np.abs(finite).min(), np.abs(finite).max()
        self.int_mode = bool(np.all(finite == np.ceil(finite)))
        if self.int_mode:
            self.sci_mode = largest / smallest > 1000.0 or largest > 1.0e8
        else:
            self.sci_mode = largest / smallest > 1000.0 or largest > 1.0e8 or smallest < 1.0e-4
        if PRINT_OPTS.sci_mode is not None:  # set_printoptions(sci_mode=...) decides, before widths
            self.sci_mode = PRINT_OPTS.sci_mode
        texts = [f"{v:.{precision}e}" if self.sci_mode else self._plain(v) for v in finite.tolist()]
        self.width = max(len(t) for t in texts)

    def _plain(self, v) -> str:
        if not math.isfinite(v):
            return str(v)
        return f"{v:.0f}." if self.int_mode else f"{v:.{PRINT_OPTS.precision}f}"

    def format(self, v) -> str:
        if not self.floating:
            text = str(v)
        elif not math.isfinite(v):
            text = str(v)
        elif self.sci_mode:
            text = f"{v:.{PRINT_OPTS.precision}e}"
        else:
            text = self._plain(v)
        return " " * (self.width - len(text)) + text


def _summarized(array: np.ndarray, edge: int) -> np.ndarray:
    """Only the values that will be shown: the first and last ``edge`` along each dim."""
    if array.ndim == 0:
        return array
    if array.shape[0] > 2 * edge:
        array = np.concatenate([array[:edge], array[-edge:]])
    if array.ndim == 1:
        return array
    return np.stack([_summarized(a, edge) for a in array])


def _vector(array, indent, summarize, formatter) -> str:
    edge = PRINT_OPTS.edgeitems
    per_line = max(1, int((PRINT_OPTS.linewidth - indent) // (formatter.width + 2)))
    if summarize and array.shape[0] > 2 * edge:
        items = [formatter.format(v) for v in array[:edge].tolist()] + [" ..."]
        items += [formatter.format(v) for v in array[-edge:].tolist()]
    else:
        items = [formatter.format(v) for v in array.tolist()]
    lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + ("," + "\n" + " " * (indent + 1)).join(lines) + "]"


def _nested(array, indent, summarize, formatter) -> str:
    if array.ndim == 0:
        return formatter.format(array.item())
    if array.ndim == 1:
        return _vector(array, indent, summarize, formatter)
    edge = PRINT_OPTS.edgeitems
    if summarize and array.shape[0] > 2 * edge:
        rows = [_nested(array[i], indent + 1, summarize, formatter) for i in range(edge)] + ["..."]
        rows += [_nested(array[i], indent + 1, summarize, formatter)
                 for i in range(len(array) - edge, len(array))]
    else:
        rows = [_nested(row, indent + 1, summarize, formatter) for row in array]
    return "[" + ("," + "\n" * (array.ndim - 1) + " " * (indent + 1)).join(rows) + "]"


def array_str(array: np.ndarray, indent: int) -> str:
    """The bracketed values of a tensor, as PyTorch prints them."""
    if array.size == 0:
        return "[]"
    summarize = array.size > PRINT_OPTS.threshold
    if array.dtype == np.float16:
        array = array.astype(np.float32)
    shown = _summarized(array, PRINT_OPTS.edgeitems) if summarize else array
    formatter = _Formatter(shown.reshape(-1))
    return _nested(array, indent, summarize, formatter)


def _add_suffixes(text: str, suffixes: list, indent: int) -> str:
    """Append ``dtype=...``, ``grad_fn=...``; wrap to a new line past the line width."""
    parts = [text]
    last_line = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if last_line + len(suffix) + 2 > PRINT_OPTS.linewidth:
            parts.append(",\n" + " " * indent + suffix)
            last_line = indent + len(suffix)
        else:
            parts.append(", " + suffix)
            last_line += len(suffix) + 2
    return "".join(parts) + ")"


def tensor_repr(t, prefix: str = "tensor(") -> str:
    indent = len(prefix)
    data, dtype, suffixes = t._data, t.dtype, []
    shows_dtype = dtype not in (dtypes.get_default_dtype(), dtypes.int64, dtypes.bool)
    if data.size == 0:
        if data.ndim != 1:
            suffixes.append(f"size={tuple(data.shape)}")
        if dtype is not dtypes.get_default_dtype():
            suffixes.append(f"dtype={dtype!r}")
        body = "[]"
    else:
        if shows_dtype:
            suffixes.append(f"dtype={dtype!r}")
        body = array_str(data, indent)
    if t.grad_fn is not None:
        suffixes.append(f"grad_fn=<{type(t.grad_fn).__name__}>")
    elif t.requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + body, suffixes, indent)
