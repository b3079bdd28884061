"""Tables, targets, the markdown report and its chart.

A benchmark returns a ``Table``: one ``Row`` per engine (or per notebook, per graph size),
each with its numbers, or with the reason it has none; and the ``Target`` lines it is
judged by, each "met" or "missed" from the numbers of this one run.
"""
from __future__ import annotations

import datetime
import math
import os
import platform
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Column:
    key: str
    header: str
    format: str = "{:.3f}"


@dataclass
class Row:
    """One line of a table. ``reason`` says why a row has no numbers (not installed, ...)."""

    key: str  # the engine key ("floor", "minigrad", ...) or the row's name
    label: str
    values: dict = field(default_factory=dict)
    note: str = ""
    reason: str | None = None
    charted: bool = True  # False for side measurements (one-off runs, variants of a setting)


@dataclass
class Target:
    """A goal from the project's brief, judged on this run's numbers (None: not measured)."""

    goal: str
    measured: str
    met: bool | None

    @property
    def verdict(self) -> str:
        return {True: "met", False: "missed", None: "not measured"}[self.met]


@dataclass
class Table:
    name: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    per_engine: bool = True  # rows are engines (the smoke test checks one per engine)

    def row(self, key: str, label: str | None = None) -> Row | None:
        """The first row of ``key`` (and ``label``, when given)."""
        for row in self.rows:
            if row.key == key and (label is None or row.label == label):
                return row
        return None

    def value(self, key: str, column: str) -> float | None:
        row = self.row(key)
        return None if row is None else row.values.get(column)


def cell(column: Column, value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, str):
        return value
    return column.format.format(value)


def format_text(table: Table) -> str:
    """The table as aligned text for the terminal."""
    header = ["", *(column.header for column in table.columns), "note"]
    lines = [[row.label, *(cell(c, row.values.get(c.key)) for c in table.columns),
              row.reason or row.note] for row in table.rows]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header) - 1)]

    def join(parts):
        first = parts[0].ljust(widths[0])
        middle = [part.rjust(width) for part, width in zip(parts[1:-1], widths[1:], strict=True)]
        return "  ".join([first, *middle, parts[-1]]).rstrip()

    out = [table.title, join(header), *(join(line) for line in lines)]
    out += [f"  * {note}" for note in table.notes]
    out += [f"  target: {t.goal}: {t.measured} -> {t.verdict}" for t in table.targets]
    return "\n".join(out)


def format_markdown(table: Table) -> str:
    """The table as a GitHub markdown section."""
    header = ["engine" if table.per_engine else "", *(c.header for c in table.columns), "note"]
    out = [f"### {table.title}", "", "| " + " | ".join(header) + " |",
           "|" + "|".join(["---"] + ["---:"] * len(table.columns) + ["---"]) + "|"]
    for row in table.rows:
        cells = [row.label, *(cell(c, row.values.get(c.key)) for c in table.columns),
                 (row.reason or row.note).replace("|", "\\|")]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out += [f"- {note}" for note in table.notes]
    if table.targets:
        out += ["", "| target | measured | verdict |", "|---|---|---|"]
        out += [f"| {t.goal} | {t.measured} | **{t.verdict}** |" for t in table.targets]
    return "\n".join(out) + "\n"


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def source_revision() -> str:
    """The commit of the minigrad measured, and whether its files had uncommitted changes."""
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, text=True,
                                capture_output=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "minigrad"], cwd=root,
                                 text=True, capture_output=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"commit {commit}" + (" with uncommitted changes in minigrad/" if changed else "")


def machine() -> dict:
    """What the numbers were measured on."""
    from .engines import package_versions

    info = {
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "CPU": f"{cpu_name()}, {os.cpu_count()} logical cores",
        "OS": platform.platform(),
        "Python": platform.python_version(),
    }
    info.update(package_versions())
    info["minigrad source"] = source_revision()
    if hasattr(os, "getloadavg"):
        info["load average at start (1 min)"] = f"{os.getloadavg()[0]:.2f}"
    return info


RATIO_TABLES = ("two_moons", "mlp", "deep_chain", "tiny_op")


def draw_chart(tables: list, path: Path) -> None:
    """Bars of time relative to the NumPy floor, per benchmark and engine, on a log scale."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chosen = [t for t in tables if t.name in RATIO_TABLES]
    labels = []
    for table in chosen:
        labels += [r.label for r in table.rows
                   if r.charted and r.values.get("vs_floor") and r.label not in labels]
    figure, axes = plt.subplots(figsize=(12, 4.8))
    width = 0.8 / max(len(labels), 1)
    for i, label in enumerate(labels):
        xs, ys = [], []
        for j, table in enumerate(chosen):
            ratio = next((r.values.get("vs_floor") for r in table.rows if r.label == label), None)
            if ratio:
                xs.append(j + (i - (len(labels) - 1) / 2) * width)
                ys.append(ratio)
        axes.bar(xs, ys, width, label=label)
    axes.set_yscale("log")
    axes.axhline(1.0, color="black", linewidth=0.8)
    axes.set_xticks(range(len(chosen)), [t.title.split(":")[0] for t in chosen])
    axes.set_ylabel("time / hand-written NumPy time (log scale)")
    axes.set_title("Time per step or per op, relative to the NumPy floor (lower is faster)")
    axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def write_markdown(tables: list, info: dict, path: Path, chart: Path, seconds: float) -> None:
    lines = [
        "# Benchmarks", "",
        "Written by `python -m bench` (`make bench`); do not edit by hand. Every engine runs",
        "in one process, taking turns, with one BLAS thread (and `torch.set_num_threads(1)`);",
        "times are medians. Ratios compare engines measured in this same run.", "",
        "| machine | |", "|---|---|",
        *(f"| {name} | {value} |" for name, value in info.items()),
        f"| full run time | {seconds:.0f} s |", "",
        f"![time relative to the NumPy floor]({chart.name})", "",
        "## Targets", "", "| benchmark | target | measured | verdict |", "|---|---|---|---|",
    ]
    for table in tables:
        lines += [f"| {table.title.split(':')[0]} | {t.goal} | {t.measured} | **{t.verdict}** |"
                  for t in table.targets]
    lines += ["", "## Tables", ""]
    path.write_text("\n".join(lines) + "\n" + "\n".join(format_markdown(t) for t in tables))


def ratio_target(goal: str, value, reference, limit: float, unit: str,
                 strict: bool = False) -> Target:
    """Met when ``value / reference`` is at most ``limit`` (below it, when ``strict``)."""
    if value is None or reference is None:
        return Target(goal, "not measured in this run", None)
    ratio = value / reference
    met = ratio < limit if strict else ratio <= limit
    return Target(goal, f"{value:.4g} vs {reference:.4g} {unit}: {ratio:.2f}×", met)
