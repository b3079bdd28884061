"""``Variable``: the pre-2018 API that old tutorials still use. It now just returns a Tensor."""
from __future__ import annotations

import warnings


class _VariableMeta(type):
    def __instancecheck__(cls, instance):
        from ..tensor import Tensor

        return isinstance(instance, Tensor)


class Variable(metaclass=_VariableMeta):
    """``Variable(t, requires_grad=True)`` is ``t`` with ``requires_grad`` set, as in PyTorch."""

    def __new__(cls, data, requires_grad=False, volatile=False):
        from ..tensor import Tensor

        if not isinstance(data, Tensor):
            raise TypeError(f"Variable data has to be a tensor, but got {type(data).__name__}")
        if volatile:
            warnings.warn("volatile was removed and now has no effect. Use "
                          "`with torch.no_grad():` instead.", UserWarning, stacklevel=2)
        tensor = Tensor._make(data._data)
        tensor._version_counter = data._version_counter
        if requires_grad:
            tensor.requires_grad = True
        return tensor
