"""Warnings PyTorch shows only once per process (its ``TORCH_WARN_ONCE``)."""
from __future__ import annotations

import warnings

_shown: set = set()


def warn_once(message: str, stacklevel: int = 3) -> None:
    """Warn with ``message`` the first time only: a deprecation note need not repeat in a loop."""
    if message not in _shown:
        _shown.add(message)
        warnings.warn(message, UserWarning, stacklevel=stacklevel)
