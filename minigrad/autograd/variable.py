"""``Variable``: the pre-2018 API that old tutorials still use. It now just returns a Tensor."""
from __future__ import annotations

import warnings

from .results import is_tensor, tensor_of


class _VariableMeta(type):
    def __instancecheck__(cls, instance):
        return is_tensor(instance)


class Variable(metaclass=_VariableMeta):
    """``Variable(t, requires_grad=True)`` is ``t`` with ``requires_grad`` set, as in PyTorch."""

    def __new__(cls, data, requires_grad=False, volatile=False):
        if not is_tensor(data):
            raise TypeError(f"Variable data has to be a tensor, but got {type(data).__name__}")
        if volatile:
            warnings.warn("volatile was removed and now has no effect. Use "
                          "`with torch.no_grad():` instead.", UserWarning, stacklevel=2)
        tensor = tensor_of(data._data)
        tensor._version_counter = data._version_counter
        if requires_grad:
            tensor.requires_grad = True
        return tensor
