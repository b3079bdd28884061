"""How the code below ``tensor.py`` makes tensors: ops wrapping their NumPy results, nodes
unpacking what they saved.

The dependencies run ``tensor`` → ``ops`` → ``autograd``: ``Tensor.__mul__`` calls
``Mul.apply``. Yet ops and autograd hand tensors back, so they need the Tensor class. They get
it through these helpers, and this module is the one place that imports ``tensor`` against
that direction. Python allows it because ``minigrad/__init__.py`` imports ``tensor`` first:
when the import below runs, ``minigrad.tensor`` is already loading, and the class is looked up
only when a helper is called, by which time it exists.

``_tensor_base.py`` uses them too: ``detach()`` and ``.data`` return a ``Tensor``, the
subclass ``tensor.py`` defines after loading it.
"""
from __future__ import annotations

from .. import tensor as _tensor  # the one import against the direction (see above)


def tensor_class() -> type:
    """The Tensor class itself (``Function.apply`` reads it once per call)."""
    return _tensor.Tensor


def tensor_of(array, requires_grad: bool = False):
    """A Tensor around ``array``, which it shares (no copy)."""
    return _tensor.Tensor._make(array, requires_grad)


def is_tensor(value) -> bool:
    return isinstance(value, _tensor.Tensor)


def operand(value):
    """``value`` as a tensor: a Python number becomes a 0-dim "wrapped number" tensor."""
    return _tensor._operand(value)
