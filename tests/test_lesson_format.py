"""Every lesson follows the chapter's format (see lessons/README.md).

These checks read the stored notebooks: what a learner opens. They check the parts a reader
relies on (what the lesson teaches, its summary, the exercises that check themselves, the
questions to predict), not the wording. Both editions follow it: the English lessons in
notebooks/ and their Chinese translations in notebooks/zh-CN/, each with its own words for the
same parts (WORDS).
"""
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NOT_LESSONS = {"00_welcome", "99_glossary"}  # the table of contents and the glossary
EDITIONS = {"en": NOTEBOOKS, "zh-CN": NOTEBOOKS / "zh-CN"}
LESSONS = sorted(p for folder in EDITIONS.values() for p in folder.glob("[0-9][0-9]_*.ipynb")
                 if p.stem not in NOT_LESSONS)
# The words each edition uses for the parts of a lesson.
WORDS = {
    "en": {"abilities": "After this lesson you can", "summary": "## Summary",
           "old code": "## What to remember when you read old code", "myth": "**Myth:**",
           "fact": "**Fact:**", "predict": "Predict:", "not yet": "Not yet:",
           "correct": "Correct!"},
    "zh-CN": {"abilities": "学完本课，你能够", "summary": "## 小结",
              "old code": "## 读旧代码时要记住的", "myth": "**误区**：", "fact": "**事实**：",
              "predict": "预测：", "not yet": "还不对：", "correct": "正确！"},
}
WIDGETS = re.compile(r"\b(BackwardStepper|AccumulationPanel|FreezingPanel|[A-Z]\w*Panel|"
                     r"[A-Z]\w*Widget|interact)\b")
OLD_IMPORTS = re.compile(r"^\s*(import torch\b|from torch\b)", re.MULTILINE)
MAX_MINIGRAD_ONLY = 0.2  # at most one code cell in five skips the run on PyTorch


def tags(cell) -> list:
    return cell.metadata.get("tags", [])


def code_cells(notebook) -> list:
    return [c for c in notebook.cells if c.cell_type == "code"]


def words(notebook) -> dict:
    return WORDS[notebook.metadata.get("minigrad", {}).get("language", "en")]


def text_of(cell) -> str:
    """What a code cell showed: its text/plain results, printed text and error lines."""
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type == "error":
            parts.append(f"{out.ename}: {out.evalue}")
        else:
            parts.append(out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


@pytest.fixture(params=LESSONS, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def lesson(request):
    notebook = nbformat.read(request.param, as_version=4)
    if request.param.parent.name == "zh-CN":
        notebook.metadata.setdefault("minigrad", {})["language"] = "zh-CN"
    return notebook


def test_there_are_lessons_in_both_editions():
    for folder in EDITIONS.values():
        assert any(p.parent == folder for p in LESSONS), f"no numbered lessons in {folder}"


def test_opens_with_a_title_and_what_the_learner_will_be_able_to_do(lesson):
    first = lesson.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "a title first"
    opening = words(lesson)["abilities"]
    assert opening in first.source, "the opening says what it teaches"
    abilities = re.findall(r"^\s*[-*] ", first.source.split(opening)[1], re.MULTILINE)
    assert 2 <= len(abilities) <= 4, f"2-4 abilities, found {len(abilities)}"


def test_ends_with_a_summary_and_what_to_remember_in_old_code(lesson):
    prose = "\n".join(c.source for c in lesson.cells[-3:] if c.cell_type == "markdown")
    assert words(lesson)["summary"] in prose
    assert words(lesson)["old code"] in prose


def test_has_two_or_more_predict_then_run_questions(lesson):
    cells = lesson.cells
    predicts = [i for i, c in enumerate(cells) if "predict" in tags(c)]
    assert len(predicts) >= 2, f"{len(predicts)} cells tagged predict"
    for i in predicts:
        assert words(lesson)["predict"] in text_of(cells[i]), f"cell {i} shows no question"
        later = [c for c in cells[i + 1:] if c.cell_type == "code"]
        assert later and later[0].outputs, f"the cell after predict {i} must show the answer"


def test_has_two_to_four_exercises_that_check_themselves(lesson):
    cells = lesson.cells
    exercises = [i for i, c in enumerate(cells) if "exercise" in tags(c)]
    assert 2 <= len(exercises) <= 4, f"{len(exercises)} exercises"
    for i in exercises:
        follow = [c for c in cells[i + 1:] if c.cell_type == "code"][:2]
        assert "answer = ..." in cells[i].source, f"exercise {i}: a placeholder to fill in"
        assert len(follow) == 2, f"exercise {i}: a check and a solution follow"
        check, solution = follow
        assert "check" in tags(check), f"exercise {i}: the next code cell is its check"
        assert words(lesson)["not yet"] in text_of(check), (
            f"exercise {i}: the stored check says {words(lesson)['not yet']!r}")
        assert "solution" in tags(solution), f"exercise {i}: then the solution"
        assert solution.metadata.get("jupyter", {}).get("source_hidden"), (
            f"exercise {i}: the solution's code starts collapsed")
        assert words(lesson)["correct"] in text_of(solution), (
            f"exercise {i}: the solution passes its check")


def test_has_a_myth_and_a_fact(lesson):
    prose = [c.source for c in lesson.cells if c.cell_type == "markdown"]
    myth, fact = words(lesson)["myth"], words(lesson)["fact"]
    assert any(myth in p and fact in p for p in prose)


def test_has_a_picture_and_a_widget(lesson):
    code = "\n".join(c.source for c in code_cells(lesson))
    assert "draw(" in code, "at least one graph picture"
    assert WIDGETS.search(code), "at least one widget to act on"


def test_error_cells_are_tagged_and_show_the_error(lesson):
    for i, cell in enumerate(code_cells(lesson)):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert bool(errors) == ("raises-exception" in tags(cell)), f"code cell {i}"


def test_imports_minigrad_under_pytorchs_name(lesson):
    code = "\n".join(c.source for c in code_cells(lesson))
    assert "import minigrad as torch" in code
    old = OLD_IMPORTS.search(code)
    assert not old, f"{old.group().strip()!r}: write minigrad's import (it runs on torch too)"


def test_few_cells_are_about_minigrad_only(lesson):
    cells = code_cells(lesson)
    only = [c for c in cells if "minigrad-only" in tags(c)]
    assert len(only) < MAX_MINIGRAD_ONLY * len(cells), (
        f"{len(only)} of {len(cells)} code cells are tagged minigrad-only")


@pytest.mark.parametrize("folder", EDITIONS.values(), ids=EDITIONS.keys())
def test_welcome_links_every_lesson(folder):
    welcome = nbformat.read(folder / "00_welcome.ipynb", as_version=4)
    prose = "\n".join(c.source for c in welcome.cells if c.cell_type == "markdown")
    lessons = [p for p in LESSONS if p.parent == folder] + sorted(folder.glob("99_glossary.ipynb"))
    missing = [p.name for p in lessons if f"]({p.name})" not in prose]
    assert len(lessons) >= 13 and not missing, f"{folder.name}/00_welcome has no link to {missing}"
