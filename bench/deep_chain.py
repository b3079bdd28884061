"""A very deep graph: 100,000 elementwise ops on a 16-element tensor, then backward.

Tiny tensors make the arithmetic free, so this measures what an engine spends per node:
recording it in forward, and visiting it in backward. It also shows which engines can walk a
deep graph at all: micrograd's recursive topological sort stops at Python's recursion limit;
minigrad's engine is a loop, and must get through 1,000,000 ops.
"""
from __future__ import annotations

import gc
import sys
import time
from functools import partial

import numpy as np

from .engines import ENGINE_KEYS, FLOOR, FLOOR_LABEL, installed, label_of
from .report import Column, Row, Table, Target, ratio_target
from .timing import median, take_turns

WIDTH = 16
GC_OFF = "minigrad, garbage collector off"
FULL = {"ops": 100_000, "repeats": 3, "long_chain": 1_000_000}
SMOKE = {"ops": 200, "repeats": 1, "long_chain": None}
COLUMNS = [
    Column("forward_us", "forward µs/op", "{:.2f}"),
    Column("backward_us", "backward µs/op", "{:.2f}"),
    Column("total_us", "total µs/op", "{:.2f}"),
    Column("vs_floor", "× floor", "{:.2f}"),
    Column("grad0", "grad[0]", "{:.7g}"),
]


def chain(y, ops: int):
    """``ops`` elementwise ops, a product and a sum in turn, then the total (one scalar)."""
    for _ in range(ops // 2):
        y = y * 1.0001
        y = y + 0.001
    return y.sum()


def numpy_floor(x0, ops: int):
    """Forward in NumPy; backward by hand: each product scales the gradient, sums pass it on."""

    def run() -> dict:
        start = time.perf_counter()
        y = x0.copy()
        for _ in range(ops // 2):
            y = y * 1.0001
            y = y + 0.001
        y.sum()
        middle = time.perf_counter()
        grad = np.ones_like(x0)
        for _ in range(ops // 2):
            grad = grad * 1.0001
        end = time.perf_counter()
        return {"forward": middle - start, "backward": end - middle, "grad0": float(grad[0])}

    return run


def engine_case(engine, x0, ops: int):
    x = engine.leaf(x0)
    one = engine.constant(np.ones((), dtype=np.float32))
    engine.vjp(partial(chain, ops=10), x)[1](one)  # first calls set things up: not timed

    def run() -> dict:
        start = time.perf_counter()
        _, pullback = engine.vjp(partial(chain, ops=ops), x)
        middle = time.perf_counter()
        grad = pullback(one)
        end = time.perf_counter()
        return {"forward": middle - start, "backward": end - middle, "grad0": float(grad[0])}

    return run


def without_gc(prepare):
    """The same case with Python's cyclic garbage collector paused while it runs."""

    def prepare_paused():
        run = prepare()

        def run_paused():
            gc.disable()
            try:
                return run()
            finally:
                gc.enable()

        return run_paused

    return prepare_paused


def micrograd_fails(engine, ops: int) -> bool:
    """Does micrograd's backward raise RecursionError on a chain of ``ops`` ops?"""
    y = engine.Value(1.0)
    for i in range(ops):
        y = y * 1.0001 if i % 2 == 0 else y + 0.001
    try:
        y.backward()
    except RecursionError:
        return True
    return False


def micrograd_row(engine) -> Row:
    """The shortest chain micrograd cannot differentiate, found by bisection."""
    demonstrated = micrograd_fails(engine, 1000)
    works, fails = 1, 4 * sys.getrecursionlimit()
    while fails - works > 1:
        middle = (works + fails) // 2
        works, fails = (works, middle) if micrograd_fails(engine, middle) else (middle, fails)
    at_1000 = "RecursionError" if demonstrated else "no error"
    return Row("micrograd", engine.label, values={"fails_at": fails}, reason=(
        f"not run: RecursionError from {fails:,} ops on (1,000 ops: {at_1000}); "
        f"its recursive topological sort hits Python's recursion limit "
        f"({sys.getrecursionlimit()})"))


def row_of(key: str, label: str, runs, ops: int) -> Row:
    if runs.error:
        return Row(key, label, reason=runs.error)
    forward = median(r["forward"] for r in runs.results)
    backward = median(r["backward"] for r in runs.results)
    total = median(r["forward"] + r["backward"] for r in runs.results)
    return Row(key, label, {"forward_us": forward / ops * 1e6, "backward_us": backward / ops * 1e6,
                            "total_us": total / ops * 1e6, "grad0": runs.result["grad0"]})


def long_chain(engine, ops: int | None) -> tuple:
    """minigrad alone on a chain of a million ops: a row and the RecursionError target."""
    goal = "no RecursionError at 1,000,000 ops (minigrad)"
    if ops is None:
        return None, Target(goal, "not run (smoke run)", None)
    x = engine.leaf(np.linspace(-1, 1, WIDTH, dtype=np.float32))
    try:
        result = engine_case(engine, x.detach().numpy(), ops)()
    except RecursionError:
        return Row("minigrad", f"minigrad, {ops:,} ops", reason="RecursionError"), Target(
            goal, "RecursionError", False)
    except Exception as error:  # reported in the table
        failure = f"failed: {type(error).__name__}: {error}"[:200]
        return Row("minigrad", f"minigrad, {ops:,} ops", reason=failure), Target(
            goal, failure, False)
    seconds = result["forward"] + result["backward"]
    row = Row("minigrad", f"minigrad, {ops:,} ops", {
        "forward_us": result["forward"] / ops * 1e6, "backward_us": result["backward"] / ops * 1e6,
        "total_us": seconds / ops * 1e6, "grad0": result["grad0"]}, note="one run",
        charted=False)
    return row, Target(goal, f"completed in {seconds:.1f} s (forward "
                             f"{result['forward']:.1f} s, backward {result['backward']:.1f} s)",
                       True)


def run(smoke: bool = False) -> Table:
    size = SMOKE if smoke else FULL
    ops = size["ops"]
    x0 = np.linspace(-1, 1, WIDTH, dtype=np.float32)
    engines, missing = installed()
    cases = {FLOOR: partial(numpy_floor, x0, ops)}
    cases.update({key: partial(engine_case, engine, x0, ops) for key, engine in engines.items()
                  if key != "micrograd"})
    if "minigrad" in engines:
        cases[GC_OFF] = without_gc(cases["minigrad"])
    runs = take_turns(cases, size["repeats"], warmup=0)  # a run of 100,000 ops warms itself up
    rows = [row_of(FLOOR, FLOOR_LABEL, runs[FLOOR], ops)]
    for key in ENGINE_KEYS:
        if key in missing:
            rows.append(Row(key, label_of(key), reason=missing[key]))
        elif key == "micrograd":
            rows.append(micrograd_row(engines[key]))
        else:
            rows.append(row_of(key, engines[key].label, runs[key], ops))
        if key == "minigrad" and key in engines:
            rows.append(row_of(key, GC_OFF, runs[GC_OFF], ops))
            rows[-1].note = "gc.disable() during the run: the garbage collector's share"
            rows[-1].charted = False
    floor = rows[0].values.get("total_us")
    table = Table("deep_chain", f"deep chain: {ops:,} elementwise ops on {WIDTH} numbers, "
                  f"then backward, median of {size['repeats']}", COLUMNS, rows)
    long_target = Target("no RecursionError at 1,000,000 ops (minigrad)", "minigrad not installed",
                         None)
    if "minigrad" in engines:
        long_row, long_target = long_chain(engines["minigrad"], size["long_chain"])
        if long_row is not None:
            last = max(i for i, row in enumerate(rows) if row.key == "minigrad")
            rows.insert(last + 1, long_row)
    for row in rows:
        if floor and "total_us" in row.values:
            row.values["vs_floor"] = row.values["total_us"] / floor
    table.notes.append(f"ops alternate y * 1.0001 and y + 0.001; grad[0] = 1.0001^{ops // 2} "
                       f"= {1.0001 ** (ops // 2):.4f} (float32 rounding aside)")
    table.notes.append("Python's garbage collector stays on, as in users' programs; it scans "
                       "the graph's Python objects as they pile up")
    table.notes.append("the floor's backward multiplies by 1.0001 once per product and skips "
                       "the sums, whose gradient is the identity")
    table.targets = [ratio_target(
        "minigrad no slower per op than PyTorch (forward + backward)",
        table.value("minigrad", "total_us"), table.value("torch", "total_us"), 1.0, "µs/op"),
        long_target]
    return table
