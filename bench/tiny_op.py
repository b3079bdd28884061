"""The fixed cost of autograd: one op on three numbers, then backward.

With three numbers the arithmetic costs nothing, so the time is all overhead: making the
output tensor and its graph node, then starting backward and walking one node. This is what
a learner's cell-by-cell experiments cost, and what every op of a small model pays.
"""
from __future__ import annotations

import time
from functools import partial

import numpy as np

from .engines import ENGINE_KEYS, FLOOR, FLOOR_LABEL, installed, label_of
from .report import Column, Row, Table
from .timing import median, take_turns

FULL = {"iterations": 10_000, "repeats": 5}
SMOKE = {"iterations": 100, "repeats": 1}
COLUMNS = [
    Column("forward_us", "forward µs", "{:.2f}"),
    Column("backward_us", "backward µs", "{:.2f}"),
    Column("total_us", "total µs", "{:.2f}"),
    Column("vs_floor", "× floor", "{:.2f}"),
    Column("grad0", "grad[0]", "{:.1f}"),
]


def square(x):
    return x * x


def timed_loop(iterations: int, forward, backward) -> dict:
    """Mean seconds of ``forward()`` and of ``backward(forward's result)``, timed apart."""
    clock = time.perf_counter
    forward_seconds = backward_seconds = 0.0
    grad = None
    for _ in range(iterations):
        start = clock()
        out = forward()
        middle = clock()
        grad = backward(out)
        forward_seconds += middle - start
        backward_seconds += clock() - middle
    return {"forward": forward_seconds / iterations, "backward": backward_seconds / iterations,
            "grad0": float(grad[0])}


def numpy_floor(x0, iterations: int):
    """``x * x`` and its gradient ``2 * x * grad``, written by hand."""
    grad_out = np.ones_like(x0)
    return partial(timed_loop, iterations, partial(square, x0), lambda _: 2 * x0 * grad_out)


def engine_case(engine, x0, iterations: int):
    x = engine.leaf(x0)
    grad_out = engine.constant(np.ones_like(x0))
    return partial(timed_loop, iterations, partial(engine.vjp, square, x),
                   lambda out_and_pullback: out_and_pullback[1](grad_out))


def micrograd_case(engine, iterations: int):
    """micrograd has no tensors: one scalar ``Value``."""
    x = engine.Value(1.0)

    def backward(y):
        x.grad = 0
        y.backward()
        return [x.grad]

    return partial(timed_loop, iterations, partial(square, x), backward)


def run(smoke: bool = False) -> Table:
    size = SMOKE if smoke else FULL
    n = size["iterations"]
    x0 = np.array([1.0, 2.0, 3.0], dtype=np.float32)
    engines, missing = installed()
    cases = {FLOOR: partial(numpy_floor, x0, n)}
    for key, engine in engines.items():
        cases[key] = (partial(micrograd_case, engine, n) if key == "micrograd"
                      else partial(engine_case, engine, x0, n))
    runs = take_turns(cases, size["repeats"])
    rows = []
    for key in (FLOOR, *ENGINE_KEYS):
        label = FLOOR_LABEL if key == FLOOR else engines[key].label if key in engines else None
        if key in missing:
            rows.append(Row(key, label_of(key), reason=missing[key]))
        elif runs[key].error:
            rows.append(Row(key, label, reason=runs[key].error))
        else:
            results = runs[key].results
            forward = median(r["forward"] for r in results) * 1e6
            backward = median(r["backward"] for r in results) * 1e6
            total = median(r["forward"] + r["backward"] for r in results) * 1e6
            rows.append(Row(key, label, {"forward_us": forward, "backward_us": backward,
                                         "total_us": total, "grad0": runs[key].result["grad0"]}))
    floor = rows[0].values.get("total_us")
    for row in rows:
        if floor and "total_us" in row.values:
            row.values["vs_floor"] = row.values["total_us"] / floor
    micrograd = next(row for row in rows if row.key == "micrograd")
    if not micrograd.reason:
        micrograd.values.pop("vs_floor", None)  # other work than the rest: not a ratio
        micrograd.note = ("one scalar Value (micrograd has no tensors): x * x, backward(); "
                          "no ratio, the work differs")
    table = Table("tiny_op", f"tiny op: y = x * x on 3 numbers, then y.backward(ones), "
                  f"{n:,} times, median of {size['repeats']}", COLUMNS, rows)
    table.notes.append("each phase timed on its own, every iteration; HIPS autograd records in "
                       "make_vjp and differentiates in the function it returns")
    return table
