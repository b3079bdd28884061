"""What the two training benchmarks share: one entry per engine, timed in turns, as table rows.

Each entry is a case (see ``timing.take_turns``) whose run trains for ``steps`` SGD steps
and returns the last loss; the row shows milliseconds per step, the ratio to the NumPy
floor and that loss, so a reader can see that every engine computed the same thing.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .engines import ENGINE_KEYS, FLOOR, FLOOR_LABEL, TorchLike, label_of, layers_api
from .report import Column, Row
from .timing import Case, take_turns

COLUMNS = [
    Column("ms_per_step", "ms/step", "{:.3f}"),
    Column("vs_floor", "× floor", "{:.2f}"),
    Column("final_loss", "final loss", "{:.5f}"),
]
LAYERS = "nn.Sequential + optim.SGD"


@dataclass
class Entry:
    key: str
    label: str
    case: Case | None
    steps: int
    reason: str | None = None
    note: str = ""


def entries(engines: dict, missing: dict, steps: int, floor: Case,
            engine_case: Callable, layers_case: Callable, micrograd: Entry) -> list:
    """The floor, then every engine (and its nn.Sequential variant where there is one)."""
    found = [Entry(FLOOR, FLOOR_LABEL, floor, steps)]
    for key in ENGINE_KEYS:
        if key in missing:
            found.append(Entry(key, label_of(key), None, steps, reason=missing[key]))
            continue
        engine = engines[key]
        if key == "micrograd":
            found.append(micrograd)
            continue
        found.append(Entry(key, engine.label, engine_case(engine), steps))
        if isinstance(engine, TorchLike):
            label = f"{engine.label} {LAYERS}"
            why_not = layers_api(engine)
            case = None if why_not else layers_case(engine)
            found.append(Entry(key, label, case, steps, reason=why_not and f"skipped: {why_not}"))
    return found


def measure(found: list, repeats: int) -> list:
    """Rows of milliseconds per step, ratio to the floor (first entry) and final loss."""
    cases = {entry.label: entry.case for entry in found if entry.case is not None}
    runs = take_turns(cases, repeats)
    rows = []
    for entry in found:
        run = runs.get(entry.label)
        if run is None or run.error:
            reason = entry.reason if run is None else run.error
            rows.append(Row(entry.key, entry.label, reason=reason, note=entry.note))
            continue
        values = {"ms_per_step": run.median / entry.steps * 1000, "final_loss": run.result}
        rows.append(Row(entry.key, entry.label, values, note=entry.note))
    floor = rows[0].values.get("ms_per_step")
    for row in rows:
        if floor and "ms_per_step" in row.values:
            row.values["vs_floor"] = row.values["ms_per_step"] / floor
    return rows


def loop(engine, loss_fn, params, steps: int, learning_rate: Callable) -> float:
    """SGD as each engine's users write it; returns the loss of the last step."""
    loss = None
    for step in range(steps):
        loss, grads = engine.value_and_grad(loss_fn, params)
        engine.sgd_step(params, grads, learning_rate(step))
    return loss.item()


def layers_loop(model, optimizer, loss_fn, steps: int, learning_rate: Callable) -> float:
    """The same with ``nn.Module`` and ``optim.SGD``, as in PyTorch's tutorials."""
    loss = None
    for step in range(steps):
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step)
        optimizer.zero_grad()
        loss = loss_fn(model)
        loss.backward()
        optimizer.step()
    return loss.item()
