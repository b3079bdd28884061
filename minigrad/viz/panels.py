"""Small ipywidgets panels that lessons put together.

- ``AccumulationPanel``: buttons for ``backward()`` and ``zero_grad()`` on a live graph, so a
  learner sees ``.grad`` add up over backward calls and go back to zero (or None).
- ``FreezingPanel``: a checkbox per layer for ``requires_grad``; training a few steps shows, per
  layer, how far its parameters moved and its gradient norm, so a frozen layer is seen to stay.

Both work on minigrad and on PyTorch tensors and modules (they only use PyTorch's API; the
optimizer comes from the model's own library), and their ``text/plain`` form is fixed text (no
ids, no addresses), so stored notebooks compare. A notebook whose cells have not run yet shows
that text, which says to run the cell. Labels and messages are written in English and
passed through ``minigrad.translations.translate`` (Chinese after ``set_language("zh-CN")``).
"""
from __future__ import annotations

import html
import io
import math
from collections.abc import Callable

from ..translations import translate

__all__ = ["AccumulationPanel", "FreezingPanel"]

WIDGETS_MISSING = "{} needs ipywidgets and matplotlib: pip install 'minigrad-lab[widgets]'"
SHOWN_HISTORY = 8  # the log keeps the last few actions in view


def _widgets(owner: str):
    try:
        import ipywidgets
    except ImportError as error:
        raise ImportError(WIDGETS_MISSING.format(owner)) from error
    return ipywidgets


class _Panel:
    """Shared display: the root widget with a fixed text form beside it."""

    widget = None
    run_the_cell = ""  # what the text form says a run of the cell brings

    def _repr_mimebundle_(self, **kwargs) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        first, *rest = repr(self).split("\n")
        bundle["text/plain"] = "\n".join([first, translate(self.run_the_cell), *rest])
        return bundle


class AccumulationPanel(_Panel):
    """``backward()`` and ``zero_grad()`` buttons acting on tensors ``params``.

    ``make_loss`` builds the loss anew at each click (a fresh graph, as in a training loop)::

        AccumulationPanel(lambda: (w * x).sum(), params={"w": w})
    """

    run_the_cell = "Run this cell to get the backward() and zero_grad() buttons."

    def __init__(self, make_loss: Callable, params: dict):
        widgets = _widgets("AccumulationPanel")
        self.make_loss, self.params = make_loss, dict(params)
        self.history: list[str] = []
        self.backward_button = widgets.Button(description="backward()",
                                              tooltip="loss = make_loss(); loss.backward()")
        self.zero_grad_button = widgets.Button(description="zero_grad()",
                                               tooltip=translate("reset every .grad"))
        self.set_to_none = widgets.Checkbox(value=True, description="set_to_none", indent=False)
        self.backward_button.on_click(lambda _: self.backward())
        self.zero_grad_button.on_click(lambda _: self.zero_grad())
        self.grads = widgets.HTML()
        self.log = widgets.HTML()
        buttons = widgets.HBox([self.backward_button, self.zero_grad_button, self.set_to_none])
        self.widget = widgets.VBox([buttons, self.grads, self.log])
        self.widget.add_class("minigrad-accumulation")
        self._show()

    def backward(self) -> None:
        """Build the loss and call ``backward()``: gradients add into ``.grad``."""
        loss = self.make_loss()
        loss.backward()
        self.history.append(f"backward() (loss = {_number(loss)}): {self._grads_line()}")
        self._show()

    def zero_grad(self) -> None:
        """Reset the gradients, as ``optimizer.zero_grad(set_to_none=...)`` does."""
        set_to_none = self.set_to_none.value
        for param in self.params.values():
            if param.grad is None:
                continue
            if set_to_none:
                param.grad = None  # the memory goes; the next backward stores a fresh copy
            else:
                grad = param.grad
                if grad.grad_fn is not None:
                    grad.detach_()
                else:
                    grad.requires_grad_(False)
                grad.zero_()  # same tensor, filled with zeros; the next backward adds into it
        self.history.append(f"zero_grad(set_to_none={set_to_none}): {self._grads_line()}")
        self._show()

    def _grads_line(self) -> str:
        return ", ".join(f"{name}.grad = {_grad_repr(p)}" for name, p in self.params.items())

    def _show(self) -> None:
        lines = "<br>".join(
            f"<code>{html.escape(name)}.grad = {html.escape(_grad_repr(p))}</code>"
            for name, p in self.params.items()
        )
        self.grads.value = f"<p class='minigrad-grads'>{lines}</p>"
        shown = self.history[-SHOWN_HISTORY:]
        first = len(self.history) - len(shown) + 1
        items = "".join(f"<li>{html.escape(line)}</li>" for line in shown)
        self.log.value = f"<ol start='{first}'>{items}</ol>" if shown else ""

    def __repr__(self) -> str:
        lines = ["AccumulationPanel: " + translate("backward() adds into .grad; zero_grad() "
                                                   "resets it")]
        lines += [f"  {name}.grad = {_grad_repr(p)}" for name, p in self.params.items()]
        lines += [f"  {n}. {line}" for n, line in enumerate(self.history, start=1)]
        return "\n".join(lines)


class FreezingPanel(_Panel):
    """Freeze layers with checkboxes, train a few steps, and see which layers moved.

    ``model`` is a module whose children are its layers (e.g. ``nn.Sequential``);
    ``make_loss`` computes the loss with it. ``optimizer`` makes an optimizer from a list of
    parameters (default: ``SGD`` with ``lr``, from ``minigrad.optim`` or, for a PyTorch model,
    ``torch.optim``); it gets every parameter, as in ``SGD(model.parameters(), lr)``, and skips
    the frozen ones because their ``.grad`` is None.
    """

    run_the_cell = "Run this cell to get a checkbox per layer and a button that trains."

    def __init__(self, model, make_loss: Callable, steps: int = 5, lr: float = 0.1,
                 optimizer: Callable | None = None):
        widgets = _widgets("FreezingPanel")
        self.model, self.make_loss, self.steps, self.lr = model, make_loss, steps, lr
        self.make_optimizer = optimizer or _sgd_of_the_library_of(model, lr)
        self.layers = [(name, m) for name, m in model.named_children() if _has_parameters(m)]
        if not self.layers:
            self.layers = [("model", model)]
        self.initial = [p.detach().clone() for p in model.parameters()]
        self.results: list[dict] = []  # one row per layer after train()
        self.losses: tuple = ()  # (loss before, loss after) the last training
        self.checkboxes = {}
        for name, layer in self.layers:
            box = widgets.Checkbox(value=all(p.requires_grad for p in layer.parameters()),
                                   description=f"{name} ({type(layer).__name__}) requires_grad",
                                   indent=False,
                                   layout=widgets.Layout(width="auto", margin="0 2em 0 0"))
            box.observe(lambda change, layer=layer: layer.requires_grad_(change["new"]),
                        names="value")
            self.checkboxes[name] = box
        self.train_button = widgets.Button(description=translate("train {n} steps", n=steps))
        self.reset_button = widgets.Button(description=translate("reset weights"))
        self.train_button.on_click(lambda _: self.train())
        self.reset_button.on_click(lambda _: self.reset())
        self.table = widgets.HTML()
        self.chart = widgets.Image(format="png")
        self.widget = widgets.VBox([
            widgets.HBox(list(self.checkboxes.values())),
            widgets.HBox([self.train_button, self.reset_button]),
            self.table, self.chart,
        ])
        self.widget.add_class("minigrad-freezing")
        self._show()

    def train(self) -> None:
        """Run ``steps`` steps of zero_grad / backward / step and measure each layer."""
        before = [[p.detach().clone() for p in layer.parameters()] for _, layer in self.layers]
        if not any(p.requires_grad for p in self.model.parameters()):
            self.results, self.losses = [], ()  # nothing could learn: backward() would raise
            frozen = translate("Every layer is frozen: nothing can be trained.")
            self.table.value = f"<p>{frozen}</p>"
            return
        optimizer = self.make_optimizer(list(self.model.parameters()))
        first = None
        for _ in range(self.steps):
            optimizer.zero_grad()
            loss = self.make_loss()
            first = _number(loss) if first is None else first
            loss.backward()
            optimizer.step()
        self.losses = (first, _number(self.make_loss()))
        self.results = [
            {"layer": name, "type": type(layer).__name__,
             "requires_grad": all(p.requires_grad for p in layer.parameters()),
             "moved": _norm(p.detach() - old
                            for p, old in zip(layer.parameters(), olds, strict=True)),
             "grad_norm": _grad_norm(layer.parameters())}
            for (name, layer), olds in zip(self.layers, before, strict=True)
        ]
        self._show()

    def reset(self) -> None:
        """Put the starting weights back (the checkboxes stay as they are)."""
        for param, value in zip(self.model.parameters(), self.initial, strict=True):
            param.data = value.clone()
            param.grad = None
        self.results, self.losses = [], ()
        self._show()

    def _rows(self) -> list[str]:
        rows = []
        for r in self.results:
            state = translate("trainable" if r["requires_grad"] else "frozen")
            grad = "None" if r["grad_norm"] is None else f"{r['grad_norm']:.4f}"
            rows.append(translate("{layer} ({type}, {state}): moved {moved:.4f}, grad norm {grad}",
                                  layer=r["layer"], type=r["type"], state=state,
                                  moved=r["moved"], grad=grad))
        return rows

    def _show(self) -> None:
        if not self.results:
            hint = translate("Untick a layer to freeze it, then train {n} steps.", n=self.steps)
            self.table.value = f"<p>{hint}</p>"
            self.chart.value = b""
            return
        loss = translate("loss {before} → {after} after {n} steps", before=self.losses[0],
                         after=self.losses[1], n=self.steps)
        items = "".join(f"<li>{html.escape(row)}</li>" for row in self._rows())
        self.table.value = f"<p>{html.escape(loss)}</p><ul>{items}</ul>"
        self.chart.value = _bar_chart(self.results)

    def __repr__(self) -> str:
        lines = ["FreezingPanel: " + translate("{layers} layers, train() runs {n} steps",
                                               layers=len(self.layers), n=self.steps)]
        lines += [f"  {name} ({type(layer).__name__}): requires_grad={self.checkboxes[name].value}"
                  for name, layer in self.layers]
        if self.results:
            lines.append("  " + translate("loss {before} -> {after}", before=self.losses[0],
                                          after=self.losses[1]))
            lines += [f"  {row}" for row in self._rows()]
        return "\n".join(lines)


def _sgd_of_the_library_of(model, lr: float) -> Callable:
    """``SGD(params, lr)`` from the model's library: each library's optimizers take only its
    own tensors (PyTorch's raises "optimizer can only optimize Tensors" on minigrad's)."""
    pytorch = any(type(p).__module__.startswith("torch.") for p in model.parameters())

    def make(params):
        if pytorch:
            import torch

            return torch.optim.SGD(params, lr=lr)
        from ..optim import SGD

        return SGD(params, lr=lr)

    return make


def _has_parameters(module) -> bool:
    return any(True for _ in module.parameters())


def _norm(tensors) -> float:
    """Euclidean norm of all the numbers in ``tensors`` together."""
    return math.sqrt(sum(float((t.detach().numpy().astype(float) ** 2).sum()) for t in tensors))


def _grad_norm(params) -> float | None:
    grads = [p.grad for p in params if p.grad is not None]
    return _norm(grads) if grads else None


def _grad_repr(param) -> str:
    return repr(param.grad)


def _number(loss) -> str:
    return f"{float(loss.item()):.4f}"


def _bar_chart(results: list[dict]) -> bytes:
    """Two bar charts side by side, as PNG: distance moved and grad norm, per layer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels = [f"{r['layer']} {r['type']}" + ("" if r["requires_grad"] else "\n(frozen)")
              for r in results]
    colors = ["#4c72b0" if r["requires_grad"] else "#999999" for r in results]
    figure = Figure(figsize=(7, 2.6), dpi=100)
    FigureCanvasAgg(figure)
    moved, grads = figure.subplots(1, 2)
    bars = moved.bar(labels, [r["moved"] for r in results], color=colors)
    moved.bar_label(bars, fmt="%.3g")
    moved.set_title("how far the parameters moved")
    bars = grads.bar(labels, [r["grad_norm"] or 0.0 for r in results], color=colors)
    grads.bar_label(bars, labels=["None" if r["grad_norm"] is None else f"{r['grad_norm']:.3g}"
                                  for r in results])
    grads.set_title("gradient norm (last step)")
    for axes in (moved, grads):
        axes.margins(y=0.2)  # room for the numbers above the bars
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
