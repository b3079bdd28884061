"""The Chinese edition (lessons/zh-CN/, notebooks/zh-CN/) stays in step with the English one.

- Each Chinese lesson has the English lesson's cells in order: code cells identical, Markdown
  cells translated from the English prose as it is now (a hash of each English Markdown cell is
  recorded when it is translated; ``tools/translation.py`` recomputes them).
- No English sentence is left in the Chinese prose.
- Every English text the helpers show (exercise feedback, predict questions, widget labels,
  the stepper's sentences) has a Chinese entry, with the same ``{fields}``, and no entry is left
  over from a text that no longer exists.
"""
import ast
import re
import shutil
import string
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tools"))
jupytext = pytest.importorskip("jupytext", reason="reading lesson sources needs jupytext")
import translation  # noqa: E402  (tools/translation.py, importable once tools/ is on the path)

from minigrad import translations  # noqa: E402
from minigrad.exercises import PLACEHOLDER  # noqa: E402
from minigrad.viz import panels, stepper  # noqa: E402

ENGLISH_LESSONS = sorted(p for p in translation.ENGLISH.glob("[0-9][0-9]_*.md"))
CHINESE_LESSONS = sorted(translation.CHINESE.glob("*.md"))
# Calls whose first argument is an English text to translate, looked up in the catalog.
# ``translatable`` marks a text kept in a table, translated where it is shown.
TRANSLATING_CALLS = {"translate", "translatable", "not_yet", "correct"}
# In a catalog entry, quoted text and calls may stay English: error messages, code.
QUOTED_OR_CODE = re.compile(r"'[^']*'|`[^`]*`|\"[^\"]*\"|\w+\([^()]*\)")


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    translations.set_language("en")


def test_every_lesson_and_the_glossary_has_a_chinese_edition():
    missing = [p.name for p in ENGLISH_LESSONS if not (translation.CHINESE / p.name).exists()]
    assert not missing, f"no lessons/zh-CN/ translation of {missing}"
    built = [p.stem for p in (PROJECT / "notebooks" / "zh-CN").glob("*.ipynb")]
    assert sorted(built) == sorted(p.stem for p in CHINESE_LESSONS)


@pytest.mark.parametrize("path", CHINESE_LESSONS, ids=lambda p: p.stem)
def test_translation_is_in_step_with_the_english_lesson(path):
    problems = translation.problems(path)
    assert not problems, "\n".join(problems) + (
        "\nTranslate the changed cells again, then `python tools/translation.py accept "
        f"lessons/zh-CN/{path.name}`")


@pytest.mark.parametrize("path", CHINESE_LESSONS, ids=lambda p: p.stem)
def test_no_english_sentence_is_left_untranslated(path):
    left = translation.untranslated(path)
    assert not left, "\n".join(left)


@pytest.mark.parametrize("path", CHINESE_LESSONS, ids=lambda p: p.stem)
def test_the_chinese_markdown_shows_as_written(path):
    wrong = translation.badly_shown(path)
    assert not wrong, "\n".join(wrong)


def test_the_markdown_check_finds_stars_and_stray_spaces(tmp_path):
    path = tmp_path / "sample.md"
    path.write_text("**事实：**它没有。\n\n第一行\n第二行\n\n**误区**：好的。\n")
    wrong = translation.badly_shown(path)
    assert len(wrong) == 2 and "bold" in wrong[0] and "space" in wrong[1]


def test_a_changed_english_cell_names_the_lesson_and_the_cell(tmp_path, monkeypatch):
    path = CHINESE_LESSONS[1] if len(CHINESE_LESSONS) > 1 else CHINESE_LESSONS[0]
    english = tmp_path / "lessons"
    (english / "zh-CN").mkdir(parents=True)
    shutil.copy(path, english / "zh-CN" / path.name)
    notebook = jupytext.read(translation.ENGLISH / path.name)
    markdown = [c for c in notebook.cells if c.cell_type == "markdown"]
    markdown[2].source += "\n\nOne more English sentence that nobody has translated yet."
    jupytext.write(notebook, english / path.name, fmt="md:myst")
    monkeypatch.setattr(translation, "ENGLISH", english)
    assert translation.problems(english / "zh-CN" / path.name) == [
        f"{path.name}: English Markdown cell 3 changed since the translation: "
        f"{translation.heading(markdown[2])!r}"]


def test_a_changed_code_cell_is_found(tmp_path):
    path = CHINESE_LESSONS[0]
    (tmp_path / "zh-CN").mkdir()
    chinese = jupytext.read(path)
    code = next(c for c in chinese.cells if c.cell_type == "code"
                and not translation.is_language_cell(c))
    code.source += "\nprint('only in the translation')"
    jupytext.write(chinese, tmp_path / "zh-CN" / path.name, fmt="md:myst")
    problems = translation.problems(tmp_path / "zh-CN" / path.name)
    assert len(problems) == 1 and "code cell" in problems[0] and path.name in problems[0]


def test_the_check_for_english_finds_a_sentence_and_spares_terms_and_code():
    term_and_code = "梯度会累加（gradient accumulation），见 `w.grad.zero_()`。"
    assert translation.english_left(term_and_code) == []
    assert translation.english_left("运行 ```python\nprint('a b c d e')\n``` 之后") == []
    assert translation.english_left("这里 backward() adds into the gradient 了。") == [
        "backward() adds into the gradient"[len("backward() "):]]
    assert translation.english_left("Summary of it") != []  # English and no Chinese at all


def literal_texts(tree) -> tuple[list[str], list[str]]:
    """The literal first arguments of translating calls; and the f-strings passed instead."""
    texts, fstrings = [], []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", None))
        if name not in TRANSLATING_CALLS:
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            texts.append(first.value)
        elif isinstance(first, ast.JoinedStr):
            fstrings.append(f"line {node.lineno}")
        elif isinstance(first, ast.IfExp):
            texts += [b.value for b in (first.body, first.orelse) if isinstance(b, ast.Constant)]
    return texts, fstrings


def predict_texts() -> list[str]:
    """Every question and choice that the English lessons pass to ``exercises.predict``."""
    texts = []
    for path in ENGLISH_LESSONS:
        for cell in jupytext.read(path).cells:
            if cell.cell_type != "code" or "predict(" not in cell.source:
                continue
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "predict":
                    texts += [a.value for a in node.args if isinstance(a, ast.Constant)]
    return texts


def shown_texts() -> set[str]:
    """Every English text the lessons' helpers may show."""
    texts, fstrings = set(predict_texts()), []
    for path in sorted((PROJECT / "minigrad").rglob("*.py")):
        if "translations" in path.parts:
            continue
        found, bad = literal_texts(ast.parse(path.read_text(encoding="utf-8")))
        texts.update(found)
        fstrings += [f"{path.relative_to(PROJECT)} {where}" for where in bad]
    assert not fstrings, f"an f-string cannot be looked up in a catalog: {fstrings}"
    # Texts held in tables and constants, translated where they are shown.
    texts.add(PLACEHOLDER.removeprefix("Not yet: "))
    texts.update({stepper.RUN_THE_CELL, stepper.PYTORCH_NOTE,
                  panels.AccumulationPanel.run_the_cell, panels.FreezingPanel.run_the_cell})
    texts.update(text for name, _, _, means in stepper.KEY for text in (name, means))
    texts.update(clause for clauses in stepper.HOW.values() for clause in clauses)
    return texts


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_shown_text_has_a_chinese_entry_with_the_same_fields():
    catalog = translations.catalog("zh-CN")
    texts = shown_texts()
    missing = sorted(texts - catalog.keys())
    assert not missing, "no Chinese for:\n" + "\n".join(missing)
    wrong = [key for key in texts if fields(key) != fields(catalog[key])]
    assert not wrong, f"the Chinese has other {{fields}} than the English: {wrong}"
    english = {key: catalog[key] for key in texts
               if translation.ENGLISH_RUN.search(QUOTED_OR_CODE.sub(" ", catalog[key]))
               and translation.ENGLISH_RUN.search(QUOTED_OR_CODE.sub(" ", key))}
    assert not english, f"English left in the Chinese entries: {english}"


def test_no_chinese_entry_is_left_from_a_text_that_is_gone():
    stale = sorted(translations.catalog("zh-CN").keys() - shown_texts())
    assert not stale, "entries for texts nothing shows any more (remove them):\n" + "\n".join(stale)


def test_the_switch_changes_the_feedback_and_nothing_else():
    from minigrad.exercises import lesson05, set_language

    english = repr(lesson05.w_without_zero_grad(2.75))
    set_language("zh-CN")
    chinese = repr(lesson05.w_without_zero_grad(2.75))
    assert chinese.startswith("还不对：") and chinese != english
    import minigrad as torch
    with pytest.raises(RuntimeError, match="element 0 of tensors does not require grad"):
        torch.tensor(1.0).backward()  # minigrad's own errors stay PyTorch's English texts
    set_language("en")
    assert repr(lesson05.w_without_zero_grad(2.75)) == english


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        translations.set_language("fr")
    assert translations.get_language() == "en"
