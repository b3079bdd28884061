"""The small value types a tensor reports: its ``Size`` and its ``device``.

Also the one parser of ``.to(...)``'s arguments, which ``Tensor.to`` and ``Module.to`` share.
"""
from __future__ import annotations

import numpy as np

from . import dtypes
from .autograd.results import is_tensor


class Size(tuple):
    """A tensor's shape: a tuple that prints as ``torch.Size([2, 3])``."""

    def __repr__(self) -> str:
        return f"torch.Size({list(self)})"

    def numel(self) -> int:
        return int(np.prod(self, dtype=np.int64))


class device:
    """Where a tensor lives; minigrad runs on the CPU only."""

    def __init__(self, type: str = "cpu", index=None):
        if str(type).split(":")[0] != "cpu":
            raise RuntimeError(f"minigrad runs on the CPU only; device '{type}' is not available")
        self.type, self.index = "cpu", None

    def __repr__(self) -> str:
        return "device(type='cpu')"

    def __str__(self) -> str:
        return "cpu"

    def __eq__(self, other) -> bool:
        return str(other) == "cpu"

    def __hash__(self):
        return hash("cpu")


CPU = device()


def to_arguments(args: tuple, kwargs: dict):
    """The dtype ``.to(...)`` asks for (None if none), from a dtype, a tensor or ``dtype=``.

    Devices, given as arguments or as ``device=``, are checked: anything but the CPU raises.
    """
    target = kwargs.get("dtype")
    for arg in (*args, kwargs.get("device")):
        if isinstance(arg, dtypes.dtype):
            target = arg
        elif is_tensor(arg):
            target = arg.dtype
        elif arg is not None:
            device(str(arg))  # raises for anything but the CPU
    return target
