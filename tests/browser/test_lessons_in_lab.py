"""Every lesson in a real JupyterLab: Run All works, and errors appear only where meant.

A learner opens a lesson and runs all its cells. Errors must appear only in cells tagged
``raises-exception`` (those that show an error on purpose), warnings only where the stored
notebook shows one, and every widget must display. A screenshot per lesson goes to
test-output/ (the Chinese edition's as lesson_zh-CN_NAME.png), and one of a Chinese lesson's
check giving its feedback in Chinese.
"""
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT / "test-output"
NOTEBOOKS = PROJECT / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) + sorted(
    (NOTEBOOKS / "zh-CN").glob("[0-9][0-9]_*.ipynb"))
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


def shot_name(path: Path) -> str:
    """lesson_05_zero_grad, or lesson_zh-CN_05_zero_grad for the Chinese edition."""
    edition = "" if path.parent == NOTEBOOKS else f"{path.parent.name}_"
    return f"lesson_{edition}{path.stem}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_lesson_runs_all_in_jupyterlab(chromium, lab, page, path):
    from playwright.sync_api import expect

    panel = lab.open(page, str(path.relative_to(NOTEBOOKS)))
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
    page.screenshot(path=str(ARTIFACTS / f"{shot_name(path)}.png"))
    pictures = panel.locator('.jp-OutputArea-output[data-mime-type="image/svg+xml"]')
    if pictures.count():  # the lesson's first draw() picture, as the browser shows it
        page.set_viewport_size({"width": 1300, "height": 2400})  # room for the whole picture
        pictures.first.scroll_into_view_if_needed()
        pictures.first.screenshot(path=str(ARTIFACTS / f"{shot_name(path)}_graph.png"))


def test_a_chinese_lesson_shows_its_graph_and_chinese_feedback(chromium, lab, page):
    """One Chinese lesson after Run All: its first picture, then a check's Chinese feedback."""
    from playwright.sync_api import expect

    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout \
        if shutil.which("fc-list") else ""
    assert fonts.strip(), "no Chinese font: apt-get install fonts-noto-cjk (.ci/run does)"
    path = NOTEBOOKS / "zh-CN" / "05_zero_grad.ipynb"
    panel = lab.open(page, str(path.relative_to(NOTEBOOKS)))
    lab.run_all(page)
    expect(panel.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute(
        "data-status", "idle")
    page.set_viewport_size({"width": 1300, "height": 2400})
    picture = panel.locator('.jp-OutputArea-output[data-mime-type="image/svg+xml"]').first
    picture.scroll_into_view_if_needed()
    check = panel.locator(".jp-CodeCell").filter(
        has=page.locator(".jp-OutputArea-output", has_text="还不对：")).first
    expect(check).to_contain_text("把 ... 换成你的答案")
    ARTIFACTS.mkdir(exist_ok=True)
    picture.screenshot(path=str(ARTIFACTS / "zh-CN_lesson_graph.png"))
    check.scroll_into_view_if_needed()
    check.screenshot(path=str(ARTIFACTS / "zh-CN_check_feedback.png"))
