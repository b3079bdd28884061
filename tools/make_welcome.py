"""Write notebooks/00_welcome.ipynb (without outputs; `make refresh-notebooks` runs it).

usage: python tools/make_welcome.py
"""

from pathlib import Path

from nbformat.v4 import new_code_cell, new_markdown_cell
from notebook_files import write_notebook  # tools/notebook_files.py, beside this script

OUT = Path(__file__).resolve().parent.parent / "notebooks" / "00_welcome.ipynb"

CELLS = [
    new_markdown_cell(
        "# 00 · Welcome: your first gradient\n"
        "\n"
        "These notebooks teach how PyTorch computes gradients, by running PyTorch-style code on\n"
        "**minigrad**: a small autograd written in NumPy whose source you can open and read.\n"
        "Everything here is written as `import minigrad as torch`, so the same lines also run on\n"
        "real PyTorch.\n"
        "\n"
        "**How to run this notebook.** Click a code cell and press **Shift+Enter** to run it "
        "and move\n"
        "to the next one, or use **Run › Run All Cells**. Cells share one Python process (the\n"
        "kernel), so run them from top to bottom; **Kernel › Restart Kernel and Run All Cells**\n"
        "starts over from a clean state."
    ),
    new_markdown_cell(
        "minigrad uses PyTorch's names for everything, so we import it under PyTorch's name."
    ),
    new_code_cell("import minigrad as torch"),
    new_markdown_cell(
        "Fixing the random seed makes every run of a notebook produce the same numbers, "
        "just as `torch.manual_seed` does in PyTorch."
    ),
    new_code_cell(
        "_ = torch.manual_seed(0)  # manual_seed returns the generator; we only need the seed"
    ),
    new_markdown_cell(
        "A tensor made with `requires_grad=True` asks autograd to record every operation that "
        "uses it, so that gradients can flow back to it later."
    ),
    new_code_cell("a = torch.tensor(2.0, requires_grad=True)"),
    new_markdown_cell("A second such tensor:"),
    new_code_cell("b = torch.tensor(3.0, requires_grad=True)"),
    new_markdown_cell(
        "Multiplying them computes the value *and* records how it was made: "
        "a node in the autograd graph."
    ),
    new_code_cell("c = a * b"),
    new_markdown_cell(
        "Displaying `c` shows its value, 6, and its `grad_fn`: the graph node that knows how to "
        "send gradients back through the multiplication. PyTorch calls it `MulBackward0`."
    ),
    new_code_cell("c"),
    new_markdown_cell(
        "`backward()` walks the graph from `c` back to the tensors that asked for gradients "
        "and stores each gradient in that tensor's `.grad`."
    ),
    new_code_cell("c.backward()"),
    new_markdown_cell(
        "For $c = a \\cdot b$ the rules are $\\partial c / \\partial a = b = 3$ and "
        "$\\partial c / \\partial b = a = 2$. Autograd agrees:"
    ),
    new_code_cell("a.grad, b.grad"),
]


def main():
    write_notebook(CELLS, OUT)


if __name__ == "__main__":
    main()
