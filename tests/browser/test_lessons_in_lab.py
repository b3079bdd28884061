"""Every lesson in a real JupyterLab: Run All works, and errors appear only where meant.

A learner opens a lesson and runs all its cells. Errors must appear only in cells tagged
``raises-exception`` (those that show an error on purpose), warnings only where the stored
notebook shows one, and every widget must display. A screenshot per lesson goes to
test-output/.
"""
import re
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT / "test-output"
LESSONS = sorted((PROJECT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]'


def cells_expected_to_show_stderr(path: Path) -> list[int]:
    """Code cells (numbered from 0) that show an error or a warning on purpose."""
    cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    return [n for n, cell in enumerate(cells)
            if "raises-exception" in cell.metadata.get("tags", [])
            or any(o.output_type == "stream" and o.name == "stderr" for o in cell.outputs)]


@pytest.fixture
def page(chromium):
    page = chromium.new_page(viewport={"width": 1300, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_runs_all_in_jupyterlab(chromium, lab, page, path):
    from playwright.sync_api import expect

    panel = lab.open(page, path.name)
    lab.run_all(page)
    expect(panel.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute(
        "data-status", "idle")
    expect(panel.get_by_text(re.compile("Error displaying widget"))).to_have_count(0)
    code_cells = panel.locator(".jp-CodeCell")
    showing_stderr = [n for n in range(code_cells.count())
                      if code_cells.nth(n).locator(STDERR).count()]
    assert showing_stderr == cells_expected_to_show_stderr(path), (
        "code cells showing an error or warning (numbered from 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"lesson_{path.stem}.png"))
    pictures = panel.locator('.jp-OutputArea-output[data-mime-type="image/svg+xml"]')
    if pictures.count():  # the lesson's first draw() picture, as the browser shows it
        page.set_viewport_size({"width": 1300, "height": 2400})  # room for the whole picture
        pictures.first.scroll_into_view_if_needed()
        pictures.first.screenshot(path=str(ARTIFACTS / f"lesson_{path.stem}_graph.png"))
