"""Where minigrad's time goes: the garbage collector's share, a profile by file, ops per step.

The other tables say how far minigrad is from the hand-written NumPy floor; this one says
why. Three workloads from those benchmarks (a two-moons step, an MLP step, the deep chain)
run on minigrad alone, three ways: timed with Python's garbage collector on and paused
(``gc.disable()``), so its share is measured without a profiler; then once under cProfile,
whose self time per function (tottime) is summed by the file the function lives in, so the
categories add up to the whole run; cProfile's call counts give the number of
``Function.apply`` calls and of backward nodes run. Last, what minigrad spends over the
floor, divided by those calls, is its Python overhead per op.
"""
from __future__ import annotations

import cProfile
import gc
import inspect
import os
import pstats
import time
from dataclasses import dataclass
from functools import partial

import numpy as np

from . import deep_chain, mlp, two_moons
from .data import init_mlp, make_moons
from .engines import installed
from .report import Column, Row, Table
from .timing import Case, median, take_turns

FULL = {"points": 100, "moons_steps": 300, "mlp_steps": 100, "ops": 20_000, "repeats": 5,
        "chain_repeats": 3}
SMOKE = {"points": 20, "moons_steps": 3, "mlp_steps": 3, "ops": 200, "repeats": 1,
         "chain_repeats": 1}
COLUMNS = [
    Column("us", "µs/step", "{:,.1f}"),
    Column("share", "% of step", "{:.1f}"),
    Column("count", "per step", "{:,.4g}"),
    Column("us_per_op", "µs/op", "{:.2f}"),
]
KERNELS = "NumPy kernels"
WRAPPERS = "NumPy's Python wrappers"
RECORDING = "recording ops (Function.apply, nodes, saved tensors)"
ENGINE = "backward engine"
OPS = "ops' forward and backward code"
TENSOR = "Tensor methods and creation"
BUILTINS = "other Python built-ins and standard library"
BENCH = "benchmark code"
CATEGORIES = (KERNELS, WRAPPERS, RECORDING, ENGINE, OPS, TENSOR, BUILTINS, BENCH)
GC_ON, GC_OFF, FLOOR_ROW = "step, GC on", "step, gc.disable()", "NumPy floor (hand-written)"
APPLY_CALLS, NODES_RUN, OVERHEAD = (
    "Function.apply calls", "backward nodes run", "Python overhead over the floor")


@dataclass
class Workload:
    """One benchmark's minigrad code and its NumPy floor, each a case of ``steps`` steps."""

    key: str
    name: str
    what: str
    steps: int
    minigrad: Case
    floor: Case
    repeats: int
    warmup: int = 1


def workloads(engine, smoke: bool) -> list:
    """The two-moons step, the MLP step and the deep chain, from their own benchmarks."""
    size, mlp_size = (SMOKE, mlp.SMOKE) if smoke else (FULL, mlp.FULL)
    X, y = make_moons(size["points"])
    moons_params, steps = init_mlp(two_moons.SIZES), size["moons_steps"]
    batches, mlp_params = mlp.batches_of(mlp_size), init_mlp(mlp_size["sizes"])
    mlp_steps, ops = size["mlp_steps"], size["ops"]
    x0 = np.linspace(-1, 1, deep_chain.WIDTH, dtype=np.float32)
    layers = "-".join(map(str, mlp_size["sizes"]))
    return [
        Workload("two_moons", "two-moons", f"MLP 2-16-16-1, {len(y)} points, {steps} steps",
                 steps, partial(two_moons.engine_case, engine, X, y, moons_params, steps),
                 partial(two_moons.numpy_floor, X, y, moons_params, steps, steps),
                 size["repeats"]),
        Workload("mlp", "MLP", f"{layers}, batch {mlp_size['batch']}, {mlp_steps} steps",
                 mlp_steps, partial(mlp.engine_case, engine, batches, mlp_params, mlp_steps),
                 partial(mlp.numpy_floor, batches, mlp_params, mlp_steps), size["repeats"]),
        # One op of the chain counts as a step: forward and its share of backward.
        Workload("deep_chain", "deep chain", f"{ops:,} ops on {deep_chain.WIDTH} numbers, "
                 "a step = one op", ops, partial(deep_chain.engine_case, engine, x0, ops),
                 partial(deep_chain.numpy_floor, x0, ops), size["chain_repeats"], warmup=0),
    ]


def _directory(module) -> str:
    return os.path.dirname(os.path.realpath(module.__file__)) + os.sep


def categorizer():
    """``category(filename, function_name)``: which row a cProfile entry's self time joins.

    Decided by the file, not the function's name, so it survives renames inside minigrad.
    """
    import minigrad

    numpy_dir, minigrad_dir = _directory(np), _directory(minigrad)
    bench_dir = os.path.dirname(os.path.realpath(__file__)) + os.sep

    def category(filename: str, name: str) -> str:
        if filename == "~":  # a C function or method: NumPy's when its name says so
            return KERNELS if "numpy" in name else BUILTINS
        path = os.path.realpath(filename)
        if path.startswith(numpy_dir):
            return WRAPPERS
        if path.startswith(bench_dir):
            return BENCH
        if not path.startswith(minigrad_dir):
            return BUILTINS
        parts = path[len(minigrad_dir):].split(os.sep)
        if parts[0] == "autograd" and parts[-1] in ("function.py", "graph.py"):
            return RECORDING
        if parts[0] == "autograd" and parts[-1] in ("engine.py", "__init__.py"):
            return ENGINE
        if parts[0] in ("ops", "nn"):
            return OPS
        return TENSOR

    return category


def profiled(prepare: Case) -> tuple:
    """``(stats, seconds)``: cProfile's entries for one run, and how long it took profiled."""
    run = prepare()
    gc.collect()
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.runcall(run)
    seconds = time.perf_counter() - start
    stats = pstats.Stats(profiler).stats  # (file, line, name) -> (calls, ncalls, tottime, ...)
    return {key: value for key, value in stats.items() if "_lsprof" not in key[2]}, seconds


def self_time_by_category(stats: dict) -> dict:
    category = categorizer()
    seconds = dict.fromkeys(CATEGORIES, 0.0)
    for (filename, _, name), (_, _, tottime, *_) in stats.items():
        seconds[category(filename, name)] += tottime
    return seconds


def call_counts(stats: dict) -> tuple:
    """``(Function.apply calls, backward nodes run)``, from cProfile's call counts.

    Nodes run are the other ``apply`` methods of the files that record ops (a backward
    node's and ``AccumulateGrad``'s).
    """
    from minigrad.autograd import Function

    code = inspect.unwrap(Function.apply.__func__).__code__
    apply_key = (code.co_filename, code.co_firstlineno, code.co_name)
    category = categorizer()
    applies = nodes = 0
    for key, (_, ncalls, *_) in stats.items():
        if key == apply_key:
            applies += ncalls
        elif key[2] == "apply" and category(key[0], key[2]) == RECORDING:
            nodes += ncalls
    return applies, nodes


@dataclass
class Measured:
    """A workload's numbers, per step: µs with GC on and off, of the floor, and the profile."""

    work: Workload
    on: float
    off: float
    floor: float
    shares: dict  # category -> fraction of the profiled self time
    applies: float
    nodes: float
    noise: float  # spread of the timed runs, (max - min) / median, the larger of GC on and off
    calls: tuple  # Function.apply calls and backward nodes run in the whole profiled run
    slowdown: float  # profiled time / unprofiled time
    top_functions: list

    @property
    def overhead_per_op(self) -> float:
        return (self.on - self.floor) / self.applies


def measure(work: Workload) -> Measured | str:
    """Time the workload in turns (GC on, GC paused, the floor), then profile it once."""
    cases = {"on": work.minigrad, "off": deep_chain.without_gc(work.minigrad),
             "floor": work.floor}
    runs = take_turns(cases, work.repeats, warmup=work.warmup)
    for runs_of_case in runs.values():
        if runs_of_case.error:
            return runs_of_case.error
    per_step = {name: r.median / work.steps * 1e6 for name, r in runs.items()}
    try:
        stats, seconds = profiled(work.minigrad)
    except Exception as error:  # reported in the table
        return f"failed under cProfile: {type(error).__name__}: {error}"[:200]
    by_category = self_time_by_category(stats)
    total = sum(by_category.values())
    applies, nodes = call_counts(stats)
    if not applies:
        return "no Function.apply calls found in the profile"
    noise = max(spread(runs["on"].seconds), spread(runs["off"].seconds))
    return Measured(work, per_step["on"], per_step["off"], per_step["floor"],
                    {c: s / total for c, s in by_category.items()}, applies / work.steps,
                    nodes / work.steps, noise, (applies, nodes),
                    seconds / work.steps * 1e6 / per_step["on"], top_functions(stats))


def spread(seconds: list) -> float:
    return (max(seconds) - min(seconds)) / median(seconds)


def rows_of(m: Measured) -> list:
    key, name = m.work.key, m.work.name

    def row(label, note="", **values):
        return Row(key, f"{name}: {label}", values, note=note, charted=False)

    return [
        row(GC_ON, m.work.what + f", median of {m.work.repeats}", us=m.on, share=100.0),
        row(GC_OFF, gc_words(m), us=m.off, share=m.off / m.on * 100),
        *(row(c, us=m.shares[c] * m.on, share=m.shares[c] * 100) for c in CATEGORIES),
        row(APPLY_CALLS, "forward ops, ops inside backward formulas and SGD",
            count=m.applies, calls=m.calls[0]),
        row(NODES_RUN, "backward nodes and AccumulateGrad", count=m.nodes, calls=m.calls[1]),
        row(FLOOR_ROW, "the same math without autograd", us=m.floor, share=m.floor / m.on * 100),
        row(OVERHEAD, "µs/op = (step − floor) / Function.apply calls", us=m.on - m.floor,
            share=(m.on - m.floor) / m.on * 100, us_per_op=m.overhead_per_op),
    ]


def gc_words(m: Measured) -> str:
    """The collector's share of a step, and whether it stands out from the runs' spread."""
    share = (m.on - m.off) / m.on
    if m.work.repeats < 2:
        return f"garbage collector: {share:.1%} of the step (one run each: noise not measured)"
    if share <= m.noise:
        return (f"garbage collector: {share:+.1%} of the step, within the timing noise "
                f"(runs spread {m.noise:.1%})")
    return f"garbage collector: {share:.1%} of the step"


def summary(m: Measured) -> str:
    """What one workload's numbers say, in a sentence."""
    top = sorted(CATEGORIES, key=lambda c: -m.shares[c])[:3]
    return (f"{m.work.name}: {m.on:,.1f} µs per step = the floor's {m.floor:,.1f} µs of "
            f"arithmetic + {m.on - m.floor:,.1f} µs over it: {m.applies:.4g} Function.apply "
            f"calls at {m.overhead_per_op:.2f} µs each (backward nodes run: {m.nodes:.4g}); "
            "largest self times: " + ", ".join(f"{c} {m.shares[c]:.0%}" for c in top)
            + "; functions with the most self time: " + ", ".join(m.top_functions)
            + f"; {gc_words(m)}")


def top_functions(stats: dict, count: int = 3) -> list:
    """The functions with the most self time, as "name (dir/file.py) share"."""
    total = sum(value[2] for value in stats.values())
    largest = sorted(stats.items(), key=lambda item: -item[1][2])[:count]
    found = []
    for (filename, _, name), (_, _, tottime, *_) in largest:
        where = "" if filename == "~" else " (" + "/".join(filename.split(os.sep)[-2:]) + ")"
        found.append(f"{name}{where} {tottime / total:.0%}")
    return found


def ratio_note(measured: list) -> str:
    """The step's ratio to the floor is 1 + overhead per op / arithmetic per op."""
    parts = [f"{m.work.name} {m.floor / m.applies:.2f} µs of arithmetic vs "
             f"{m.overhead_per_op:.2f} µs of overhead ({m.on / m.floor:.1f}× the floor)"
             for m in measured]
    overhead = [m.overhead_per_op for m in measured]
    arithmetic = [m.floor / m.applies for m in measured]
    text = "per Function.apply call: " + "; ".join(parts) + (
        ". Time / floor = 1 + overhead per op / arithmetic per op")
    if min(overhead) <= 0 or min(arithmetic) <= 0:
        return text
    factors = max(overhead) / min(overhead), max(arithmetic) / min(arithmetic)
    verdict = (f"; across workloads the overhead per op varies {factors[0]:.1f}-fold "
               f"({min(overhead):.1f}–{max(overhead):.1f} µs), the arithmetic per op "
               f"{factors[1]:.1f}-fold ({min(arithmetic):.2f}–{max(arithmetic):.2f} µs)")
    if factors[0] < factors[1]:
        verdict += ("; so the size of each op's arithmetic, more than the overhead, decides "
                    "how far a workload sits from its floor")
    return text + verdict


def run(smoke: bool = False) -> Table:
    engines, missing = installed()
    table = Table("profile", "where minigrad's time goes: garbage collector, cProfile self time "
                  "by file, ops per step", COLUMNS, per_engine=False)
    if "minigrad" not in engines:
        table.rows.append(Row("minigrad", "minigrad", reason=missing["minigrad"]))
        return table
    measured = []
    for work in workloads(engines["minigrad"], smoke):
        result = measure(work)
        if isinstance(result, str):
            table.rows.append(Row(work.key, f"{work.name}: {GC_ON}", reason=result,
                                  charted=False))
        else:
            measured.append(result)
            table.rows += rows_of(result)
    table.notes += [summary(m) for m in measured]
    if measured:
        table.notes.append(ratio_note(measured))
    table.notes += notes(measured)
    return table


def notes(measured: list) -> list:
    """How to read the table, with this run's numbers where they matter."""
    slowdowns = ", ".join(f"{m.work.name} {m.slowdown:.1f}×" for m in measured)
    return [
        "self time (cProfile's tottime) summed by the file each function is in: "
        "NumPy kernels = C functions and methods of NumPy that cProfile sees (ndarray.sum, "
        "ufunc.reduce, ...); NumPy's Python wrappers = numpy/**/*.py; recording ops = "
        "minigrad/autograd/function.py and graph.py; backward engine = autograd/engine.py and "
        "autograd/__init__.py; ops' code = minigrad/ops/ and minigrad/nn/; Tensor methods "
        "and creation = tensor.py, creation.py, dtypes.py and the rest of minigrad; other "
        "Python = built-ins such as isinstance and list.append, and the standard library",
        "arithmetic written with operators or by calling a ufunc (a * b, a @ b, np.maximum) "
        "is no call cProfile can see: its time counts as self time of the Python function "
        "that wrote it, mostly ops' forward and backward code; the NumPy floor row measures "
        "that arithmetic on its own",
        "µs per category = its share of the profiled self time × the unprofiled step time "
        "(GC on); cProfile adds a fixed cost to every Python call it sees, so Python-level "
        f"shares are overstated somewhat: profiled runs took {slowdowns} the unprofiled time",
        "GC on vs gc.disable(): medians of runs taken in turns, without the profiler; the "
        "collector's time also falls, unseparated, in the profile's categories",
    ]
