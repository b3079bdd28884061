"""The notebooks are stored the way `make refresh-notebooks` leaves them.

nbval (`make test`) re-runs every notebook and compares each cell with its stored output, so the
stored outputs are the reference. These checks keep that reference complete and free of per-run
noise, and keep what a learner sees when opening a notebook the same as what they get by running it.
"""

import re
from pathlib import Path

import nbformat
import pytest

PROJECT = Path(__file__).parent.parent
# Both editions: notebooks/NAME.ipynb and the Chinese notebooks/zh-CN/NAME.ipynb.
NOTEBOOKS = sorted((PROJECT / "notebooks").glob("*.ipynb")) + sorted(
    (PROJECT / "notebooks" / "zh-CN").glob("*.ipynb"))
SOURCES = PROJECT / "lessons"  # each notebook's text source: lessons/[zh-CN/]NAME.md
REFRESH = "run `make refresh-notebooks`"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
RANDOM_CALL = re.compile(r"\b(rand|randn|randint|randperm|rand_like|randn_like|random)\b")
SEED_CALL = re.compile(r"\bmanual_seed\s*\(")

pytestmark = pytest.mark.parametrize(
    "path", NOTEBOOKS, ids=lambda p: str(p.relative_to(PROJECT / "notebooks")))


def code_cells(path):
    """(number, cell) for each non-empty code cell, numbered from 1 as a reader counts them."""
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    return list(enumerate(cells, start=1))


def test_is_valid_and_uses_the_python3_kernel(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


def test_is_stored_executed(path):
    # nbval compares nothing in a cell that was never run, so an unexecuted notebook tests nothing.
    cells = code_cells(path)
    unrun = [n for n, cell in cells if cell.execution_count is None]
    assert not unrun, f"code cells {unrun} have not been run: {REFRESH}"
    assert not cells or any(cell.outputs for _, cell in cells), f"no stored outputs: {REFRESH}"


def test_execution_counts_run_from_one_without_gaps(path):
    # Gaps or repeats mean cells were run out of order, so the stored outputs may not be what a
    # learner gets from Run All.
    counts = [cell.execution_count for _, cell in code_cells(path)]
    assert counts == list(range(1, len(counts) + 1)), f"{counts}: {REFRESH}"


def test_has_no_widget_state(path):
    # Widget state and widget views carry random model ids that change on every run.
    nb = nbformat.read(path, as_version=4)
    assert "widgets" not in nb.metadata, REFRESH
    for n, cell in code_cells(path):
        for out in cell.outputs:
            assert WIDGET_VIEW not in out.get("data", {}), f"cell {n}: widget model id: {REFRESH}"


def test_has_no_timing_metadata(path):
    for n, cell in code_cells(path):
        assert "execution" not in cell.metadata, f"cell {n}: execution timestamps: {REFRESH}"


def test_errors_only_where_tagged_raises_exception(path):
    # An error anywhere else stops Run All in JupyterLab for the learner.
    for n, cell in code_cells(path):
        tagged = "raises-exception" in cell.metadata.get("tags", [])
        errors = [out.ename for out in cell.outputs if out.output_type == "error"]
        if tagged:
            assert errors, f"cell {n} is tagged raises-exception but stores no error"
        else:
            assert not errors, f"cell {n} raised {errors[0]}; tag it raises-exception if meant"


def test_random_numbers_come_after_a_seed(path):
    # Unseeded random numbers differ on every run, and nbval would fail on them.
    seeded = False
    for n, cell in code_cells(path):
        use, seed = RANDOM_CALL.search(cell.source), SEED_CALL.search(cell.source)
        if use and not seeded:
            assert seed and seed.start() < use.start(), (
                f"cell {n} uses `{use.group()}` before any torch.manual_seed(...)"
            )
        seeded = seeded or seed is not None


def what_a_source_says(cell) -> tuple:
    """A cell as its text source defines it: type, source, tags, whether its code is hidden."""
    hidden = cell.metadata.get("jupyter", {}).get("source_hidden", False)
    return cell.cell_type, cell.source.strip(), tuple(cell.metadata.get("tags", [])), hidden


def test_is_built_from_its_text_source(path):
    # Lessons are edited as lessons/NAME.md; the notebook must be what that source builds.
    jupytext = pytest.importorskip("jupytext", reason="reading lesson sources needs jupytext")
    edition = SOURCES / "zh-CN" if path.parent.name == "zh-CN" else SOURCES
    source = edition / f"{path.stem}.md"
    assert source.exists(), f"{path.name} has no source {source.relative_to(PROJECT)}"
    built = [what_a_source_says(c) for c in jupytext.read(source).cells]
    stored = [what_a_source_says(c) for c in nbformat.read(path, as_version=4).cells]
    pairs = zip(built, stored, strict=False)  # a count mismatch is reported below
    changed = [n for n, (a, b) in enumerate(pairs, start=1) if a != b]
    assert len(built) == len(stored) and not changed, (
        f"{path.name} differs from {source.name} (cells {changed or 'count'}): {REFRESH}")
    assert "jupytext" not in nbformat.read(path, as_version=4).metadata, (
        "a notebook paired with its source would be rewritten by JupyterLab's jupytext")


def test_stored_outputs_hold_no_per_run_text(path):
    # Memory addresses and a warning's temporary file name change on every run; they are stored
    # as nbval's sanitize rules write them, so a refresh changes only what really changed.
    per_run = re.compile(r"\b0x(?!ADDR)[0-9a-fA-F]{6,16}\b|/ipykernel_\d+/")
    for n, cell in code_cells(path):
        for out in cell.outputs:
            text = out.get("text", "") + out.get("data", {}).get("text/plain", "")
            found = per_run.search(text + out.get("evalue", ""))
            assert not found, f"cell {n} stores {found.group()!r}: {REFRESH}"
