"""Remove per-run noise from notebooks' stored outputs, so a refresh changes only what changed.

usage: python tools/normalize_outputs.py [--trim-tracebacks] NOTEBOOK.ipynb [...]

- Widget views are dropped from outputs: their model id is random on every run, and without saved
  widget state JupyterLab would show "Error displaying widget" anyway. The widget's text repr stays
  and is shown until the cell is run again.
- Notebook widget state and per-cell execution timestamps are dropped.
- Memory addresses (``<MulBackward0 object at 0x7f...>``) and the temporary file a warning
  names (``/tmp/ipykernel_<pid>/<n>.py``) change on every run: they are stored as nbval's
  sanitize rules write them (``0xADDR``, ``<cell>``; tests/nbval_sanitize.cfg), so a refresh
  changes only what changed.
- --trim-tracebacks keeps only the last line of a stored error ("ValueError: ..."): full tracebacks
  embed absolute paths of the machine that refreshed them.
Execution counts are kept: nbval fails on a cell that has outputs but no count.
nbval never compares widget views or tracebacks, so none of this changes what it tests.
"""

import re
import sys
from pathlib import Path

import nbformat

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SANITIZE_FILE = Path(__file__).resolve().parent.parent / "tests" / "nbval_sanitize.cfg"
# The same "regex:"/"replace:" pairs nbval reads (--nbval-sanitize-with).
SANITIZE = re.findall(r"^regex: (.*)$\n^replace: (.*)$", SANITIZE_FILE.read_text(), re.MULTILINE)


def sanitize(text: str) -> str:
    for pattern, replacement in SANITIZE:
        text = re.sub(pattern, replacement, text)
    return text


def normalize(path, trim_tracebacks=False):
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            out.get("data", {}).pop(WIDGET_VIEW, None)
            if out.output_type == "stream":
                out.text = sanitize(out.text)
            if "text/plain" in out.get("data", {}):
                out.data["text/plain"] = sanitize(out.data["text/plain"])
            if out.output_type == "error":
                out.evalue = sanitize(out.evalue)
            if trim_tracebacks and out.output_type == "error" and out.traceback:
                out.traceback = out.traceback[-1:]
    nbformat.write(nb, path)


if __name__ == "__main__":
    args = sys.argv[1:]
    for notebook in (a for a in args if not a.startswith("--")):
        normalize(notebook, trim_tracebacks="--trim-tracebacks" in args)
