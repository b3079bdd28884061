"""Timing that stays fair on a busy machine: engines take turns, and medians are reported.

Running engine A five times and then engine B five times lets a burst of load from another
process land on one engine only. Here every repeat runs each engine once, in turn, so load
that comes and goes is shared out; the median of the repeats then drops the outliers.
"""
from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# A case is a function that sets up (untimed) and returns the function to time.
Case = Callable[[], Callable[[], Any]]


@dataclass
class Runs:
    """The timed runs of one case: seconds and result of each, or the error that stopped it."""

    seconds: list = field(default_factory=list)
    results: list = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float:
        return median(self.seconds)

    @property
    def result(self):
        """The last run's result (every run computes the same thing)."""
        return self.results[-1]


def take_turns(cases: dict[str, Case], repeats: int, warmup: int = 1) -> dict[str, Runs]:
    """Each repeat runs every case once, in turn; ``warmup`` rounds run first and are dropped.

    Garbage left by one case is collected before the next starts, so it is not billed to it.
    A case that raises stops there and reports the error instead of a time: one broken
    engine must not hide the others' numbers.
    """
    runs = {name: Runs() for name in cases}
    for round_number in range(warmup + repeats):
        for name, prepare in cases.items():
            if runs[name].error is not None:
                continue
            try:
                run = prepare()
                gc.collect()
                start = time.perf_counter()
                result = run()
                seconds = time.perf_counter() - start
            except Exception as error:  # reported in the table
                runs[name].error = f"failed: {type(error).__name__}: {error}"[:200]
                continue
            if round_number >= warmup:
                runs[name].seconds.append(seconds)
                runs[name].results.append(result)
    return runs


def median(values) -> float:
    return float(statistics.median(values))
