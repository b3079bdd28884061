"""Write a notebook made of cells, the same way every time (used by the make_*.py scripts).

Stable cell ids and fixed metadata mean that regenerating a notebook gives the same file,
so git shows only the cells that really changed.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_notebook


def write_notebook(cells: list, out: Path, metadata: dict | None = None) -> None:
    """Check the notebook made of ``cells`` and write it to ``out``, without outputs."""
    nb = new_notebook(cells=cells)
    nb.metadata.update(metadata or {})
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:02d}"  # stable ids: regenerating gives the same file
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    nbformat.write(nb, out)
    print(f"wrote {out}")
