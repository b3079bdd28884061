"""Memory: what one training step holds at its peak, and whether training leaks.

``tracemalloc`` sees every allocation made through Python's and NumPy's allocators, so it
measures the NumPy-based engines (minigrad, the floor, MyGrad, HIPS autograd) alike.
During a step an autograd keeps each saved activation until backward has used it; the
hand-written floor keeps the same arrays in local variables, so the two peaks should be
close. Then 1,000 steps: after step 100, live memory must stay flat.
"""
from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

from . import mlp
from .data import init_mlp
from .engines import ENGINE_KEYS, FLOOR, FLOOR_LABEL, TorchLike, installed, label_of, layers_api
from .report import Column, Row, Table, Target, ratio_target
from .training import LAYERS

FULL = {**mlp.FULL, "checkpoints": (500, 1000, 1500)}  # after a warm-up of 500 steps
SMOKE = {**mlp.SMOKE, "checkpoints": (2, 6, 10)}
COLUMNS = [
    Column("peak_kib", "step peak KiB", "{:,.0f}"),
    Column("vs_floor", "× floor", "{:.2f}"),
    Column("live_kib", "live KiB at first checkpoint", "{:,.0f}"),
    Column("growth_bytes", "growth bytes", "{:,d}"),
    Column("late_growth_bytes", "of which in the last half", "{:,d}"),
]
NOT_TRACED = {
    "torch": "not measured: tracemalloc does not see PyTorch's C++ allocator",
    "micrograd": "not measured: micrograd does not run the MLP (see the MLP table)",
}


def step_peak(prepare) -> int:
    """Bytes allocated at the peak of one step, above what was live before it."""
    run = prepare(1)
    run()  # the first step makes what later steps reuse (gradients, caches): not counted
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def live_by_line() -> dict:
    """Bytes live now, by the source line that allocated them (this file and tracemalloc's
    own lines left out, so that only the training's memory is counted)."""
    ignored = (__file__, tracemalloc.__file__)
    sizes: dict = {}
    for trace in tracemalloc.take_snapshot().traces:
        frame = trace.traceback[0]
        if frame.filename not in ignored:
            where = (frame.filename, frame.lineno)
            sizes[where] = sizes.get(where, 0) + trace.size
    return sizes


def live_after(prepare, checkpoints) -> tuple:
    """Bytes live once training reaches each checkpoint step, and the lines that grew most."""
    first = checkpoints[0]
    assert all(c % first == 0 for c in checkpoints), "checkpoints must be multiples of the first"
    tracemalloc.start()
    try:
        run, done, measured = prepare(first), 0, []
        for checkpoint in checkpoints:
            while done < checkpoint:
                run()
                done += first
            gc.collect()
            measured.append(live_by_line())
    finally:
        tracemalloc.stop()
    start, end = measured[0], measured[-1]
    grown = sorted(((end[line] - start.get(line, 0), line) for line in end), reverse=True)
    where = ", ".join(f"{Path(file).name}:{lineno} +{size} B"
                      for size, (file, lineno) in grown[:3] if size > 0)
    return [sum(sizes.values()) for sizes in measured], where


def measure(key: str, label: str, prepare, checkpoints) -> Row:
    try:
        peak = step_peak(prepare)
        live, where = live_after(prepare, checkpoints)
    except Exception as error:  # reported in the table
        return Row(key, label, reason=f"failed: {type(error).__name__}: {error}"[:200])
    growth = live[-1] - live[0]
    values = {"peak_kib": peak / 1024, "live_kib": live[0] / 1024, "growth_bytes": growth,
              "late_growth_bytes": live[-1] - live[-2]}
    return Row(key, label, values, note=f"grew at {where}" if growth else "")


def run(smoke: bool = False) -> Table:
    size = SMOKE if smoke else FULL
    batches, params = mlp.batches_of(size), init_mlp(size["sizes"])
    checkpoints = size["checkpoints"]
    engines, missing = installed()
    rows = [measure(FLOOR, FLOOR_LABEL, lambda steps: mlp.numpy_floor(batches, params, steps),
                    checkpoints)]
    for key in ENGINE_KEYS:
        if key in missing:
            rows.append(Row(key, label_of(key), reason=missing[key]))
            continue
        if key in NOT_TRACED:
            rows.append(Row(key, engines[key].label, reason=NOT_TRACED[key]))
            continue
        engine = engines[key]
        rows.append(measure(key, engine.label, lambda steps, e=engine: mlp.engine_case(
            e, batches, params, steps), checkpoints))
        if isinstance(engine, TorchLike) and layers_api(engine) is None:
            rows.append(measure(key, f"{engine.label} {LAYERS}", lambda steps, e=engine:
                                mlp.layers_case(e, batches, params, steps), checkpoints))
    floor = rows[0].values.get("peak_kib")
    for row in rows:
        if floor and "peak_kib" in row.values:
            row.values["vs_floor"] = row.values["peak_kib"] / floor
    sizes = "-".join(map(str, size["sizes"]))
    first, middle, last = checkpoints
    table = Table("memory", f"memory: MLP {sizes}, batch {size['batch']} (tracemalloc); "
                  f"growth = live bytes after step {last:,} - after step {first:,}", COLUMNS,
                  rows)
    table.notes.append("step peak: the most memory allocated during one training step, above "
                       "what was live before it (weights, data, the previous step's gradients)")
    table.notes.append(f"last half: growth from step {middle:,} to step {last:,}; growth that "
                       "stops early is a one-off (NumPy keeps some small freed buffers for reuse), "
                       "growth that goes on is a leak")
    table.notes.append(f"growth is counted from step {first:,}, after a warm-up: one-offs happen "
                       "before, e.g. Python keeps the ints up to 256 ready-made, so a count that "
                       "passes 256 (a loop's step, a tensor's version counter bumped by each "
                       "in-place update) becomes an int object of its own, 28-32 B, once")
    table.notes.append("live: weights and the data as the engine holds it (minigrad and MyGrad "
                       "tensors copy the batches; the floor and HIPS autograd use the arrays)")
    growth = table.value("minigrad", "growth_bytes")
    table.targets = [
        ratio_target("minigrad's MLP step peak ≤ 1.3× the floor's",
                     table.value("minigrad", "peak_kib"), floor, 1.3, "KiB"),
        Target(f"minigrad: zero growth over {last - first:,} steps",
               "not measured" if growth is None else f"{growth:,} bytes",
               None if growth is None else growth <= 0),
    ]
    return table
