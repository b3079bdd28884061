"""Anomaly detection: when backward fails, show the forward line that made the failing node.

With it on, every recorded node keeps the Python stack of the forward call that made it
(``node.metadata["traceback_"]``); when that node's backward raises, or returns nan, a
warning prints that stack before the error. Slow, so only for debugging, as in PyTorch.
"""
from __future__ import annotations

import os
import traceback
import warnings


class _AnomalyState:
    """Whether anomaly detection is on (one switch for the whole program)."""

    enabled = False
    check_nan = True


_anomaly = _AnomalyState()
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # minigrad/


def is_anomaly_enabled() -> bool:
    return _anomaly.enabled


def is_anomaly_check_nan_enabled() -> bool:
    return _anomaly.check_nan


def forward_stack() -> list:
    """The caller's stack, one formatted frame per entry, without minigrad's own frames."""
    frames = traceback.extract_stack()[:-1]
    return traceback.format_list([f for f in frames if not f.filename.startswith(_PACKAGE)])


def report_failure(node) -> None:
    """Before an error leaves ``node``'s backward: where was this node made?"""
    stack = node.metadata.get("traceback_")
    if stack:
        warnings.warn(
            f"Error detected in {node.name()}. Traceback of forward call that caused the "
            "error:\n" + "".join(stack), UserWarning, stacklevel=2,
        )


class detect_anomaly:  # PyTorch's name
    """``with detect_anomaly():`` turns anomaly detection on inside the block."""

    def __init__(self, check_nan: bool = True):
        self.check_nan = check_nan
        warnings.warn(
            "Anomaly Detection has been enabled. This mode will increase the runtime and should "
            "only be enabled for debugging.", UserWarning, stacklevel=2,
        )

    def __enter__(self):
        self._previous = (_anomaly.enabled, _anomaly.check_nan)
        _anomaly.enabled, _anomaly.check_nan = True, self.check_nan
        return self

    def __exit__(self, *exc):
        _anomaly.enabled, _anomaly.check_nan = self._previous
        return False


class set_detect_anomaly:  # PyTorch's name
    """``set_detect_anomaly(True)`` switches right away; as ``with``, it switches back after."""

    def __init__(self, mode: bool, check_nan: bool = True):
        self._previous = (_anomaly.enabled, _anomaly.check_nan)
        _anomaly.enabled, _anomaly.check_nan = bool(mode), bool(check_nan)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        _anomaly.enabled, _anomaly.check_nan = self._previous
        return False
