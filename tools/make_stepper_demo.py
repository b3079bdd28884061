"""Write notebooks/stepper_demo.ipynb (without outputs; `make refresh-notebooks` runs it).

The demo shows the backward stepper and the two panels that lessons build on; the browser
test (tests/browser/test_stepper_in_lab.py) opens it in JupyterLab and clicks through it.

usage: python tools/make_stepper_demo.py
"""

from pathlib import Path

from nbformat.v4 import new_code_cell, new_markdown_cell
from notebook_files import write_notebook  # tools/notebook_files.py, beside this script

OUT = Path(__file__).resolve().parent.parent / "notebooks" / "stepper_demo.ipynb"

CELLS = [
    new_markdown_cell(
        "# Step through backward\n"
        "\n"
        "`backward()` is easiest to understand by watching it. The widgets below replay one\n"
        "real backward pass node by node: which node runs next, the gradient that arrives, what\n"
        "it multiplies by (its saved tensors), where it sends the result, and how\n"
        "`AccumulateGrad` adds into `.grad`."
    ),
    new_code_cell(
        "import minigrad as torch\n"
        "from minigrad import nn\n"
        "from minigrad.viz import AccumulationPanel, BackwardStepper, FreezingPanel"
    ),
    new_markdown_cell("A tiny graph: $e = (a \\cdot b) \\cdot d$ with $a = 2$, $b = 3$, $d = 4$."),
    new_code_cell(
        "a = torch.tensor(2.0, requires_grad=True)\n"
        "b = torch.tensor(3.0, requires_grad=True)\n"
        "d = torch.tensor(4.0, requires_grad=True)\n"
        "c = a * b\n"
        "e = c * d"
    ),
    new_markdown_cell(
        "Making the stepper runs `e.backward()` once and records every step the engine takes.\n"
        "Press **step** (or play) to move through them: the node that runs is highlighted\n"
        "(RUNNING), the arrows show the gradients sent so far, and the sentence says what\n"
        "happened; the key under the buttons says what the colours and arrows mean. After the\n"
        "last node comes a final *done* state, where nothing runs and the leaves hold their\n"
        "gradients. `retain_graph=True` keeps the saved tensors, so we can run backward a\n"
        "second time. (The stepper takes PyTorch tensors too, and then records PyTorch's own\n"
        "backward.)"
    ),
    new_code_cell("stepper = BackwardStepper(e, retain_graph=True, a=a, b=b, c=c, d=d, e=e)\n"
                  "stepper"),
    new_markdown_cell(
        "The backward pass really ran: the leaves hold their gradients, "
        "$\\partial e/\\partial a = b d = 12$, $\\partial e/\\partial b = a d = 8$, "
        "$\\partial e/\\partial d = a b = 6$."
    ),
    new_code_cell("a.grad, b.grad, d.grad"),
    new_markdown_cell(
        "A second backward without `zero_grad()`: every `AccumulateGrad` adds into the `.grad`\n"
        "that is already there. Watch step 2 (and 4, 5): the gradients double. This time the\n"
        "saved tensors are freed as each node finishes."
    ),
    new_code_cell("again = BackwardStepper(e, a=a, b=b, c=c, d=d, e=e)\nagain"),
    new_code_cell("a.grad, b.grad, d.grad"),
    new_markdown_cell(
        "## Gradients add up until you reset them\n"
        "\n"
        "Each click on **backward()** builds the loss anew and calls `backward()`. "
        "**zero_grad()** resets `.grad`: to `None` with `set_to_none` ticked (PyTorch's default), "
        "or to zeros in place without it."
    ),
    new_code_cell(
        "w = torch.tensor([1.0, 2.0], requires_grad=True)\n"
        "x = torch.tensor([3.0, 4.0])\n"
        "AccumulationPanel(lambda: (w * x).sum(), params={\"w\": w})"
    ),
    new_markdown_cell(
        "## Freezing layers\n"
        "\n"
        "A small model learns $y = x_1 x_2$. `fresh_model()` builds it with the same starting\n"
        "weights each time, so the panels below start alike."
    ),
    new_code_cell(
        "torch.manual_seed(0)\n"
        "inputs = torch.randn(64, 2)\n"
        "targets = inputs[:, :1] * inputs[:, 1:]\n"
        "\n"
        "\n"
        "def fresh_model():\n"
        "    torch.manual_seed(1)\n"
        "    return nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))"
    ),
    new_markdown_cell(
        "Untick a layer to set `requires_grad=False` on its parameters, then train a few steps:\n"
        "the frozen layer gets no gradient and does not move. Nothing is trained yet: the\n"
        "panel waits for you."
    ),
    new_code_cell(
        "model = fresh_model()\n"
        "freezing = FreezingPanel(model, lambda: nn.functional.mse_loss(model(inputs), targets))\n"
        "freezing"
    ),
    new_markdown_cell(
        "The same training, started from a cell, on a second panel with a fresh model (so the\n"
        "panel above stays as you leave it): the first layer frozen, then 5 steps of training."
    ),
    new_code_cell(
        "frozen_model = fresh_model()\n"
        "trained = FreezingPanel(frozen_model,\n"
        "                        lambda: nn.functional.mse_loss(frozen_model(inputs), targets))\n"
        "trained.checkboxes[\"0\"].value = False\n"
        "trained.train()\n"
        "trained"
    ),
]


def main():
    write_notebook(CELLS, OUT)


if __name__ == "__main__":
    main()
