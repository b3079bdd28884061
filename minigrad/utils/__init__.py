"""``minigrad.utils``: data loading (``minigrad.utils.data``), as ``torch.utils``."""

from . import data  # noqa: F401
