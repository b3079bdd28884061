"""Remove per-run noise from notebooks' stored outputs, so a refresh changes only what changed.

usage: python tools/normalize_outputs.py [--trim-tracebacks] NOTEBOOK.ipynb [...]

- Widget views are dropped from outputs: their model id is random on every run, and without saved
  widget state JupyterLab would show "Error displaying widget" anyway. The widget's text repr stays
  and is shown until the cell is run again.
- Notebook widget state and per-cell execution timestamps are dropped.
- --trim-tracebacks keeps only the last line of a stored error ("ValueError: ..."): full tracebacks
  embed absolute paths of the machine that refreshed them.
Execution counts are kept: nbval fails on a cell that has outputs but no count.
nbval never compares widget views or tracebacks, so none of this changes what it tests.
"""

import sys

import nbformat

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def normalize(path, trim_tracebacks=False):
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            out.get("data", {}).pop(WIDGET_VIEW, None)
            if trim_tracebacks and out.output_type == "error" and out.traceback:
                out.traceback = out.traceback[-1:]
    nbformat.write(nb, path)


if __name__ == "__main__":
    args = sys.argv[1:]
    for notebook in (a for a in args if not a.startswith("--")):
        normalize(notebook, trim_tracebacks="--trim-tracebacks" in args)
