"""``minigrad.save`` / ``minigrad.load``: checkpoints in a format whose loading runs no code.

PyTorch's checkpoints are pickles, and unpickling a file can run any code in it. A minigrad
checkpoint is a zip archive with two kinds of members:

* ``checkpoint.json``: the structure of the saved object (dicts, lists, tuples, numbers,
  strings, bools, None) with each tensor replaced by a reference ``{"tensor": i}``, plus
  each tensor's dtype and shape;
* ``tensors/<i>``: each tensor's raw little-endian bytes.

Loading parses JSON and copies bytes into arrays of an allowed dtype: nothing is executed.
Every check (zip CRCs, sizes, dtypes, references) happens before anything is returned, so
a truncated, corrupted or foreign file raises one clear error that names the file.
"""

from __future__ import annotations

import io
import json
import math
import os
import tempfile
import zipfile
from collections import OrderedDict

import numpy as np

from .tensor import Tensor
from .types import Size

FORMAT = "minigrad-checkpoint"
VERSION = 1
STRUCTURE = "checkpoint.json"
_DTYPES = ("float32", "float64", "float16", "int64", "int32", "int16", "int8", "uint8", "bool")


class CheckpointError(RuntimeError):
    """A file that is not a valid minigrad checkpoint (truncated, corrupted or foreign)."""


# ----- saving ---------------------------------------------------------------------------------


class _Encoder:
    """Turns an object into JSON-able data, collecting its tensors (each stored once)."""

    def __init__(self):
        self.arrays: list[np.ndarray] = []
        self.index: dict[int, int] = {}  # id(tensor) -> position, so shared tensors stay shared

    def encode(self, obj):
        if obj is None or isinstance(obj, (bool, str)):
            return obj
        if isinstance(obj, (int, np.integer)):
            return int(obj)
        if isinstance(obj, (float, np.floating)):
            value = float(obj)
            return value if math.isfinite(value) else {"float": repr(value)}  # nan, inf, -inf
        if isinstance(obj, Tensor):
            return self._tensor(obj)
        if isinstance(obj, Size):
            return {"size": [int(n) for n in obj]}
        if isinstance(obj, (list, tuple)):
            kind = "list" if isinstance(obj, list) else "tuple"
            return {kind: [self.encode(item) for item in obj]}
        if isinstance(obj, dict):
            kind = "ordered_dict" if isinstance(obj, OrderedDict) else "dict"
            return {kind: [[self.encode(k), self.encode(v)] for k, v in obj.items()]}
        raise TypeError(
            f"minigrad.save cannot store an object of type {type(obj).__name__}: only tensors, "
            "dicts, lists, tuples, numbers, strings, bools and None (a format that loads without "
            "running code). For a model, save model.state_dict()."
        )

    def _tensor(self, t: Tensor) -> dict:
        from .nn.parameter import Parameter

        if id(t) not in self.index:
            self.index[id(t)] = len(self.arrays)
            self.arrays.append(np.asarray(t._data, order="C"))  # C order; 0-dim stays 0-dim
        entry = {"tensor": self.index[id(t)]}
        if t.requires_grad:
            entry["requires_grad"] = True
        if isinstance(t, Parameter):
            entry["parameter"] = True
        return entry


def save(
    obj, f, pickle_module=None, pickle_protocol=None, _use_new_zipfile_serialization=True
) -> None:
    """Write ``obj`` (tensors, nested dicts/lists/tuples of tensors, numbers, strings) to ``f``.

    ``f`` is a path or a binary file object. A path is written atomically: a crash while
    saving leaves any previous checkpoint at that path intact.
    """
    encoder = _Encoder()
    structure = encoder.encode(obj)
    tensors = [{"dtype": a.dtype.name, "shape": list(a.shape)} for a in encoder.arrays]
    header = {"format": FORMAT, "version": VERSION, "object": structure, "tensors": tensors}
    if not isinstance(f, (str, os.PathLike)):
        _write(f, header, encoder.arrays)
        return
    folder = os.path.dirname(os.path.abspath(f))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".minigrad-save-")
    try:
        with os.fdopen(handle, "wb") as out:
            _write(out, header, encoder.arrays)
        os.replace(temporary, f)
    except BaseException:
        os.unlink(temporary)
        raise


def _write(out, header: dict, arrays: list) -> None:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(STRUCTURE, json.dumps(header, allow_nan=False))
        for i, array in enumerate(arrays):
            archive.writestr(f"tensors/{i}", array.astype(array.dtype.newbyteorder("<")).tobytes())


# ----- loading --------------------------------------------------------------------------------


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **kwargs):
    """Read an object written by ``minigrad.save``; tensors come back with their dtypes."""
    name = os.fspath(f) if isinstance(f, (str, os.PathLike)) else getattr(f, "name", repr(f))
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as stream:  # a missing file raises FileNotFoundError, as in PyTorch
            data = stream.read()
    else:
        data = f.read()
    try:
        return _decode_archive(data)
    except CheckpointError as error:
        raise CheckpointError(f"{name} is not a valid minigrad checkpoint: {error}") from None
    except Exception as error:
        raise CheckpointError(
            f"{name} is not a valid minigrad checkpoint: the file is truncated or corrupted "
            f"({type(error).__name__}: {error})"
        ) from error


def _decode_archive(data: bytes):
    if not data.startswith(b"PK"):
        raise CheckpointError("it is not a zip archive (was it written by minigrad.save?)")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        header = json.loads(archive.read(STRUCTURE).decode("utf-8"))  # zip checks the CRC
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise CheckpointError(f"{STRUCTURE} does not describe a minigrad checkpoint")
        if header.get("version") != VERSION:
            raise CheckpointError(f"unsupported format version {header.get('version')!r}")
        specs = header.get("tensors")
        if not isinstance(specs, list):
            raise CheckpointError("the list of tensors is missing")
        arrays = [_read_array(archive, i, spec) for i, spec in enumerate(specs)]
    return _Decoder(arrays).decode(header.get("object"))


def _read_array(archive: zipfile.ZipFile, i: int, spec) -> np.ndarray:
    if not isinstance(spec, dict) or spec.get("dtype") not in _DTYPES:
        raise CheckpointError(f"tensor {i} has no valid dtype")
    shape = spec.get("shape")
    if not isinstance(shape, list) or not all(isinstance(n, int) and n >= 0 for n in shape):
        raise CheckpointError(f"tensor {i} has no valid shape")
    dtype = np.dtype(spec["dtype"]).newbyteorder("<")
    raw = archive.read(f"tensors/{i}")
    if len(raw) != math.prod(shape) * dtype.itemsize:
        raise CheckpointError(
            f"tensor {i} holds {len(raw)} bytes, its shape needs "
            f"{math.prod(shape) * dtype.itemsize}"
        )
    return np.frombuffer(raw, dtype=dtype).astype(dtype.newbyteorder("=")).reshape(tuple(shape))


class _Decoder:
    """Rebuilds the object from its JSON form, checking every node."""

    def __init__(self, arrays: list):
        self.arrays = arrays
        self.tensors: dict[int, Tensor] = {}

    def decode(self, node):
        if node is None or isinstance(node, (bool, int, float, str)):
            return node
        if isinstance(node, dict) and "tensor" in node:
            return self._tensor(node)
        if isinstance(node, dict) and len(node) == 1:
            ((kind, value),) = node.items()
            if kind == "float" and value in ("nan", "inf", "-inf"):
                return float(value)
            if kind == "size" and isinstance(value, list):
                return Size(int(n) for n in value)
            if kind in ("list", "tuple") and isinstance(value, list):
                items = [self.decode(item) for item in value]
                return items if kind == "list" else tuple(items)
            if kind in ("dict", "ordered_dict") and isinstance(value, list):
                pairs = [self._pair(pair) for pair in value]
                return dict(pairs) if kind == "dict" else OrderedDict(pairs)
        raise CheckpointError(f"unexpected entry {str(node)[:60]!r} in the structure")

    def _pair(self, pair):
        if not isinstance(pair, list) or len(pair) != 2:
            raise CheckpointError("a dict entry is not a key/value pair")
        key = self.decode(pair[0])
        if not isinstance(key, (str, int, float, bool, tuple, type(None))):
            raise CheckpointError("a dict key is not a number, string or tuple")
        return key, self.decode(pair[1])

    def _tensor(self, node: dict) -> Tensor:
        from .nn.parameter import Parameter

        i = node["tensor"]
        if not isinstance(i, int) or not 0 <= i < len(self.arrays):
            raise CheckpointError(f"a tensor reference {i!r} points to no stored tensor")
        if i not in self.tensors:
            array = self.arrays[i]
            requires_grad = node.get("requires_grad", False) is True
            if node.get("parameter") is True:
                tensor = Parameter(Tensor._make(array), requires_grad)
            else:
                tensor = Tensor._make(array)
                if requires_grad:
                    tensor.requires_grad_(True)
            self.tensors[i] = tensor
        return self.tensors[i]
