"""Make a lesson's notebook from its text source: lessons/NAME.md -> notebooks/NAME.ipynb.

usage: python tools/build_notebook.py lessons/NAME.md [...]
       (lessons/zh-CN/NAME.md, the Chinese edition, builds notebooks/zh-CN/NAME.ipynb)

Lessons are written as MyST Markdown (read by jupytext): prose is plain Markdown and each code
cell is a ```{code-cell}``` block, so a change to a lesson is a readable diff. The notebook is
written without outputs; `make refresh-notebooks` then runs it and stores them.
"""

import sys
from pathlib import Path

import jupytext
from notebook_files import write_notebook  # tools/notebook_files.py, beside this script

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def notebook_path(source: Path) -> Path:
    edition = NOTEBOOKS / "zh-CN" if source.parent.name == "zh-CN" else NOTEBOOKS
    return edition / f"{source.stem}.ipynb"


def build(source: Path) -> Path:
    notebook = jupytext.read(source)
    out = notebook_path(source)
    out.parent.mkdir(exist_ok=True)
    # jupytext's own metadata stays out (no pairing); a translation keeps what it was made from
    extra = {"minigrad": notebook.metadata["minigrad"]} if "minigrad" in notebook.metadata else {}
    write_notebook(notebook.cells, out, extra)
    return out


if __name__ == "__main__":
    for name in sys.argv[1:]:
        build(Path(name))
