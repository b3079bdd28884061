"""How long each lesson takes to run top to bottom, as a learner's "Run All" would.

Each notebook in ``notebooks/`` runs in a fresh kernel through nbclient (what nbval and
JupyterLab use). Starting the kernel is timed apart: it is the same for every notebook and
says nothing about minigrad.
"""
from __future__ import annotations

import time
from pathlib import Path

from .report import Column, Row, Table, Target

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SMOKE_CELLS = 1  # the smoke run executes the first code cell of the first notebook only
COLUMNS = [
    Column("cells", "code cells run", "{:d}"),
    Column("kernel_s", "kernel start s", "{:.2f}"),
    Column("run_s", "run s", "{:.2f}"),
]


def run_notebook(path: Path, max_cells: int | None = None) -> Row:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    code = [(index, cell) for index, cell in enumerate(notebook.cells)
            if cell.cell_type == "code"][:max_cells]
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    row = Row(path.name, path.name)
    start = time.perf_counter()
    with client.setup_kernel():
        started = time.perf_counter()
        for index, cell in code:
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                row.reason = f"failed in cell {index}: {str(error).strip().splitlines()[-1]}"
                return row
        finished = time.perf_counter()
    row.values = {"cells": len(code), "kernel_s": started - start, "run_s": finished - started}
    return row


def run(smoke: bool = False) -> Table:
    table = Table("lessons", "lessons: each notebook run top to bottom in a fresh kernel",
                  COLUMNS, per_engine=False)
    if smoke:
        table.title += f" (smoke: first notebook, first {SMOKE_CELLS} code cell)"
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))[:1 if smoke else None]
    try:
        import ipykernel  # noqa: F401
        import nbclient  # noqa: F401 - checking it is there
    except ImportError as error:
        reason = f"skipped: {error} (pip install nbclient ipykernel)"
        table.rows.append(Row("lessons", "notebooks", reason=reason))
        return table
    if not paths:
        table.rows.append(Row("lessons", "notebooks", reason=f"no notebooks in {NOTEBOOKS}"))
    for path in paths:
        table.rows.append(run_notebook(path, SMOKE_CELLS if smoke else None))
    measured = [row for row in table.rows if row.values]
    if measured:
        total = sum(row.values["run_s"] for row in measured)
        table.notes.append(f"all {len(measured)} notebook(s): {total:.2f} s of cells, plus "
                           f"{sum(row.values['kernel_s'] for row in measured):.2f} s of "
                           "kernel starts")
    failed = [row.label for row in table.rows if row.reason and row.reason.startswith("failed")]
    if failed:
        table.targets.append(Target("every lesson runs without error", ", ".join(failed), False))
    return table
