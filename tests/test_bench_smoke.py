"""``python -m bench --smoke``: every benchmark prints its table, with a row per engine.

Speed is measured in ``bench/``, never here: these tests check that the suite itself runs,
reports every installed engine with finite numbers, shows that the engines computed the same
losses and gradients, and that the smoke mode writes no files.
"""
from __future__ import annotations

import contextlib
import io
import math

import pytest

from bench.__main__ import BENCHMARKS, DOCS, main
from bench.engines import ENGINE_KEYS, FLOOR, installed

pytestmark = pytest.mark.slow
WRITTEN = (DOCS / "benchmarks.md", DOCS / "benchmarks.png")
RUNS_EVERYWHERE = ("two_moons", "tiny_op")  # every engine, micrograd too, runs these


def modified_times() -> dict:
    return {path: path.stat().st_mtime_ns if path.exists() else None for path in WRITTEN}


@pytest.fixture(scope="module")
def smoke():
    """One smoke run for the whole module: its tables, printed text and files touched."""
    try:
        import torch

        threads = torch.get_num_threads()
    except ImportError:
        torch = None
    before, printed = modified_times(), io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            tables = main(["--smoke"])
    finally:
        if torch is not None:
            torch.set_num_threads(threads)  # the bench pins one thread; later tests get theirs
    return {"tables": {t.name: t for t in tables}, "printed": printed.getvalue(),
            "before": before, "after": modified_times()}


def numbers(row) -> list:
    return [value for value in row.values.values() if not isinstance(value, str)]


def test_every_benchmark_prints_a_table(smoke):
    assert list(smoke["tables"]) == list(BENCHMARKS)
    for table in smoke["tables"].values():
        assert table.rows, f"{table.name} has no rows"
        assert table.title in smoke["printed"]


def test_smoke_run_writes_no_files(smoke):
    assert smoke["after"] == smoke["before"]


@pytest.mark.parametrize("engine", ENGINE_KEYS)
def test_each_engine_table_has_a_row_for(smoke, engine):
    missing = installed()[1]
    if engine in missing:
        pytest.skip(f"{engine}: {missing[engine]}")
    for table in smoke["tables"].values():
        if table.per_engine:
            rows = [row for row in table.rows if row.key == engine]
            assert rows, f"{table.name} has no row for {engine}"
            if table.name in RUNS_EVERYWHERE:
                assert rows[0].reason is None, f"{table.name}, {engine}: {rows[0].reason}"


def test_rows_have_finite_numbers_or_say_why_not(smoke):
    for table in smoke["tables"].values():
        for row in table.rows:
            if row.reason:
                continue
            assert numbers(row), f"{table.name}, {row.label}: no numbers and no reason"
            for value in numbers(row):
                assert math.isfinite(value), f"{table.name}, {row.label}: {row.values}"


def test_floor_row_comes_first_with_ratio_one(smoke):
    for name in ("two_moons", "mlp", "deep_chain", "tiny_op", "memory"):
        first = smoke["tables"][name].rows[0]
        assert first.key == FLOOR
        assert first.values["vs_floor"] == pytest.approx(1.0)


@pytest.mark.parametrize("name", ["two_moons", "mlp"])
def test_engines_reach_the_floors_loss(smoke, name):
    """Same weights, data and steps: every engine's loss matches the hand-written NumPy one."""
    table = smoke["tables"][name]
    floor = table.value(FLOOR, "final_loss")
    for row in table.rows:
        if row.reason is None and row.key != "micrograd":  # micrograd ran fewer steps
            assert row.values["final_loss"] == pytest.approx(floor, rel=1e-4), row.label


def test_deep_chain_gradients_agree(smoke):
    table = smoke["tables"]["deep_chain"]
    floor = table.value(FLOOR, "grad0")
    measured = [row for row in table.rows if row.reason is None]
    assert len(measured) >= 2
    for row in measured:
        assert row.values["grad0"] == pytest.approx(floor, rel=1e-3), row.label


def test_micrograd_recursion_limit_is_found(smoke):
    if "micrograd" in installed()[1]:
        pytest.skip(f"micrograd: {installed()[1]['micrograd']}")
    row = smoke["tables"]["deep_chain"].row("micrograd")
    assert "RecursionError" in row.reason
    assert 1 < row.values["fails_at"] <= 1000


def test_targets_are_judged(smoke):
    printed = smoke["printed"]
    for name in ("two_moons", "mlp", "deep_chain", "render", "memory"):
        targets = smoke["tables"][name].targets
        assert targets, f"{name} has no targets"
        for target in targets:
            assert f"target: {target.goal}: {target.measured} -> {target.verdict}" in printed


def test_unknown_benchmark_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["--only", "two_moons,nonsense"])
    assert "nonsense" in capsys.readouterr().err


PROFILED = {"two_moons": "two-moons", "mlp": "MLP", "deep_chain": "deep chain"}


def profile_row(smoke, key: str, what: str):
    row = smoke["tables"]["profile"].row(key, f"{PROFILED[key]}: {what}")
    assert row is not None, f"profile table has no row {PROFILED[key]}: {what}"
    assert row.reason is None, f"{row.label}: {row.reason}"
    return row


def test_profile_covers_three_workloads_and_stays_out_of_the_chart(smoke):
    from bench.report import RATIO_TABLES

    table = smoke["tables"]["profile"]
    assert not table.per_engine
    assert {row.key for row in table.rows} == set(PROFILED)
    assert table.name not in RATIO_TABLES and not any(row.charted for row in table.rows)


@pytest.mark.parametrize("key", list(PROFILED))
def test_profile_categories_add_up_to_the_step(smoke, key):
    """Self times by file cover the whole profiled run: shares sum to 100%."""
    from bench.profile import CATEGORIES, GC_ON

    rows = [profile_row(smoke, key, category) for category in CATEGORIES]
    assert all(row.values["share"] >= 0 for row in rows)
    assert sum(row.values["share"] for row in rows) == pytest.approx(100, abs=0.01)
    step = profile_row(smoke, key, GC_ON).values["us"]
    assert sum(row.values["us"] for row in rows) == pytest.approx(step, rel=1e-6)


@pytest.mark.parametrize("key", list(PROFILED))
def test_profile_counts_ops_and_nodes(smoke, key):
    from bench.profile import APPLY_CALLS, NODES_RUN, OVERHEAD

    for what in (APPLY_CALLS, NODES_RUN):
        row = profile_row(smoke, key, what)
        calls, per_step = row.values["calls"], row.values["count"]
        assert isinstance(calls, int) and calls > 0, row.values
        if key != "deep_chain":  # every training step records the same graph
            assert per_step == int(per_step), f"{row.label}: {per_step} per step"
    overhead = profile_row(smoke, key, OVERHEAD).values
    assert math.isfinite(overhead["us_per_op"]) and overhead["us_per_op"] > 0


def test_profile_deep_chain_counts_match_the_chain(smoke):
    """ops recorded ops and a sum; backward: a node per op, the sum's and the leaf's."""
    from bench.profile import NODES_RUN, SMOKE

    row = profile_row(smoke, "deep_chain", NODES_RUN)
    assert row.values["calls"] == SMOKE["ops"] + 2


@pytest.mark.parametrize("key", list(PROFILED))
def test_profile_times_with_and_without_gc(smoke, key):
    from bench.profile import FLOOR_ROW, GC_OFF, GC_ON

    for what in (GC_ON, GC_OFF, FLOOR_ROW):
        us = profile_row(smoke, key, what).values["us"]
        assert math.isfinite(us) and us > 0, f"{what}: {us}"
