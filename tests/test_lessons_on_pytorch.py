"""Every lesson, run again on real PyTorch, shows what its stored minigrad outputs show.

The lessons are written with ``import minigrad as torch`` and ``from minigrad import nn,
optim``; here those lines become ``import torch`` and ``from torch import nn, optim`` and the
notebook runs in a fresh kernel (``minigrad.viz`` and ``minigrad.exercises`` work on PyTorch
tensors too). Each code cell's text (results, printed text, errors) must equal the stored
one, with the parity harness's allowance for float32 rounding in printed numbers. Cells about
minigrad itself (its source, freed saved tensors that PyTorch hides) are tagged
``minigrad-only`` and not run.
"""
import re
from pathlib import Path

import nbformat
import pytest
from parity.harness import TRIGGERED_INTERNALLY, same_up_to_rounding

pytest.importorskip("torch", reason="the lessons' PyTorch twin run needs torch 2.13.0 (CI has it)")
pytest.importorskip("nbclient", reason="running notebooks needs nbclient: pip install nbclient")

pytestmark = [pytest.mark.torch, pytest.mark.slow]

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
# Both editions: the Chinese lessons run the same code, and show their feedback in Chinese
# on PyTorch too (the checks and widgets come from minigrad in both runs).
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) + sorted(
    (NOTEBOOKS / "zh-CN").glob("[0-9][0-9]_*.ipynb"))
# The same clean-ups nbval applies (memory addresses, the temporary file a warning names).
SANITIZE = re.findall(r"^regex: (.*)$\n^replace: (.*)$",
                      (Path(__file__).parent / "nbval_sanitize.cfg").read_text(), re.MULTILINE)
ON_TORCH = [
    (re.compile(r"^import minigrad as torch$", re.MULTILINE), "import torch"),
    (re.compile(r"^from minigrad import ((?:nn|optim|autograd)(?:, (?:nn|optim|autograd))*)$",
                re.MULTILINE), r"from torch import \1"),
]


def on_torch(source: str) -> str:
    """The same cell written for PyTorch."""
    for pattern, replacement in ON_TORCH:
        source = pattern.sub(replacement, source)
    return source


def shown(cell) -> list[str]:
    """What a code cell shows, as text: results, printed text, error type and message."""
    texts, stream = [], None
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            text = out.text
            if out.name == "stderr":  # PyTorch's warnings name the C++ file that raised them
                text = re.sub(re.escape(TRIGGERED_INTERNALLY) + r"[^)]*\)\.?", "", text)
            if stream == out.name:  # a busy kernel may split one print in two: join, as nbval
                texts[-1] += text
            else:
                texts.append(text)
            stream = out.name
            continue
        stream = None
        if out.output_type == "error":
            texts.append(f"{out.ename}: {out.evalue.split(TRIGGERED_INTERNALLY)[0]}")
        elif "text/plain" in out.get("data", {}):
            texts.append(out.data["text/plain"])
    for pattern, replacement in SANITIZE:
        texts = [re.sub(pattern, replacement, t) for t in texts]
    return [t.rstrip() for t in texts]


def test_lessons_exist():
    assert LESSONS, "no lessons in notebooks/"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_lesson_shows_the_same_on_pytorch(path):
    from nbclient import NotebookClient

    stored = nbformat.read(path, as_version=4)
    twin = nbformat.read(path, as_version=4)
    compared = []
    for number, cell in enumerate(twin.cells):
        if cell.cell_type != "code":
            continue
        if "minigrad-only" in cell.metadata.get("tags", []):
            cell.source = ""  # not run: what it shows is minigrad's own
            continue
        cell.source = on_torch(cell.source)
        compared.append(number)
    NotebookClient(twin, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    assert compared, "no cell was compared"
    for number in compared:
        expected, actual = shown(stored.cells[number]), shown(twin.cells[number])
        same = len(expected) == len(actual) and all(
            e == a or same_up_to_rounding(e, a) for e, a in zip(expected, actual, strict=True))
        source = stored.cells[number].source
        assert same, (f"cell {number} of {path.name}:\n{source}\n"
                      f"minigrad (stored): {expected}\nPyTorch: {actual}")
