"""``Parameter``: a tensor that a ``Module`` treats as something to learn.

A Parameter is an ordinary leaf tensor with ``requires_grad=True``; what makes it special is
only that assigning one to a Module attribute registers it, so that ``model.parameters()``
(and so the optimizer) finds it. Plain tensors assigned to a Module are not registered.
"""

from __future__ import annotations

import numpy as np

from ..tensor import Tensor


class Parameter(Tensor):
    """A leaf tensor that ``Module.__setattr__`` registers; ``requires_grad=True`` by default.

    ``Parameter(t)`` shares ``t``'s memory (like ``t.detach()``), so it is always a leaf.
    Ops on a Parameter give plain Tensors: ``(p * 2)`` is not a Parameter.
    """

    def __new__(cls, data: Tensor | None = None, requires_grad: bool = True):
        if data is None:
            array = np.empty(0, dtype=np.float32)
        elif isinstance(data, Tensor):
            array = data._data
        else:
            raise AttributeError(f"'{type(data).__name__}' object has no attribute 'detach'")
        if requires_grad and array.dtype.kind not in "fc":
            raise RuntimeError(
                "Only Tensors of floating point and complex dtype can require gradients"
            )
        param = object.__new__(cls)
        param._init(array, bool(requires_grad))
        return param

    def __init__(self, data: Tensor | None = None, requires_grad: bool = True):
        pass  # everything happens in __new__ (Tensor.__init__ is the legacy constructor)

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    def __deepcopy__(self, memo: dict) -> Parameter:
        if id(self) in memo:
            return memo[id(self)]
        copy = Parameter(Tensor._make(self._data.copy()), self.requires_grad)
        if self._grad is not None:
            copy._grad = Tensor._make(self._grad._data.copy())
        memo[id(self)] = copy
        return copy

    def __reduce_ex__(self, protocol):
        return (_rebuild_parameter, (self._data, self.requires_grad))


def _rebuild_parameter(array, requires_grad):
    return Parameter(Tensor._make(array), requires_grad)
