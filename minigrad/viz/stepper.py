"""``BackwardStepper``: replay one real ``backward()`` node by node, as a debugger would.

The stepper runs ``loss.backward()`` once, when it is made, while
``minigrad.autograd.recording`` writes down every step the engine takes and
``minigrad.viz.replay`` notes what changes in the graph (the leaves' ``.grad``, the saved
tensors freed). A step's picture is drawn when it is first shown, as ``minigrad.viz.draw``
would have drawn the live graph at that moment. Then the learner moves through the steps
(play, step, back, a slider, reset) and sees, at each one, that picture with the node that ran
highlighted and the gradients sent so far written on the arrows, and a sentence saying what
the node did.

Outside JupyterLab (a terminal, a notebook converted to HTML) the stepper shows the same story
as a fixed list of sentences: its ``text/plain`` and ``text/html`` forms.
"""
from __future__ import annotations

import html

from ..autograd import engine
from ..autograd.graph import AccumulateGrad
from ..autograd.recording import BackwardRecording, BackwardStep, record_backward
from ..tensor import Tensor
from .replay import GraphHistory
from .values import format_number

__all__ = ["BackwardStepper"]

WIDGETS_MISSING = "BackwardStepper needs ipywidgets: pip install 'minigrad-lab[widgets]'"
WORDS_STYLE = ("background: #fff3bf; padding: 6px 10px; border-radius: 4px; max-width: 60em; "
               "line-height: 1.5")


class BackwardStepper:
    """Step through the backward pass of ``loss``; name tensors by keyword to see their names.

    ``BackwardStepper(e, a=a, b=b, c=c, d=d, e=e)`` runs ``e.backward(retain_graph=...)`` now,
    so the leaves' ``.grad`` hold their final values from here on, exactly as after
    ``e.backward()``; the stepper shows each earlier moment from what it recorded then.
    """

    def __init__(self, loss, retain_graph: bool = False, **named):
        try:
            import ipywidgets as widgets
        except ImportError as error:
            raise ImportError(WIDGETS_MISSING) from error
        for name, value in {"loss": loss, **named}.items():
            if not isinstance(value, Tensor):
                raise TypeError(
                    f"BackwardStepper watches minigrad's engine, so it needs minigrad tensors; "
                    f"{name} is a {type(value).__module__}.{type(value).__name__}")
        self.loss = loss
        self.named = named
        self.names = Names(named)
        self._draw = _find_draw()
        self._pictures: dict = {}  # position -> the graph drawn at that moment, when first asked
        self._svgs: dict = {}  # position -> its SVG text, rendered when first shown
        self._no_picture = "minigrad.viz.draw is not available"  # why, when svg() is None
        self._history: GraphHistory | None = None  # the graph at each step, for the pictures
        with record_backward() as steps:
            self.steps: BackwardRecording = steps
            if self._draw is not None:
                try:
                    self._history = GraphHistory(loss, named, steps)
                except Exception as error:  # a failed picture must not stop backward
                    self._no_picture = f"drawing failed: {type(error).__name__}: {error}"
            observers = [self._history.observe] if self._history else []
            engine._observers.extend(observers)
            try:
                loss.backward(retain_graph=retain_graph)
            finally:
                for observer in observers:
                    engine._observers.remove(observer)
        if self._history is not None:
            self._history.finish()
        self._build(widgets)
        self._show(0)

    # -- moving ------------------------------------------------------------------------------

    @property
    def position(self) -> int:
        """0 before the first node runs, k after the k-th node ran (the slider's value)."""
        return self.slider.value

    @position.setter
    def position(self, value: int) -> None:
        self.slider.value = max(0, min(len(self.steps), value))

    def step(self) -> None:
        """Run the next node (forward in the replay)."""
        self.position += 1

    def back(self) -> None:
        self.position -= 1

    def reset(self) -> None:
        self.play.playing = False
        self.position = 0

    @property
    def current(self) -> BackwardStep | None:
        """The step shown now (``None`` before the first one)."""
        return self.steps[self.position - 1] if self.position else None

    # -- what is shown -----------------------------------------------------------------------

    def sentence(self, position: int | None = None) -> str:
        """What happened at ``position`` (default: now), in plain words."""
        position = self.position if position is None else position
        if position == 0:
            text = describe_start(self.steps.starts[0], self.loss, self.names)
        else:
            text = describe(self.steps[position - 1], self.names)
        if position < len(self.steps):
            return f"{text} Next: {self.names.node(self.steps[position].node)}."
        return f"{text} That was the last node: backward() is done."

    def grads_text(self, position: int | None = None) -> str:
        """The leaves' ``.grad`` at ``position``, e.g. ``a.grad = 12.0, b.grad = 8.0``."""
        position = self.position if position is None else position
        return ", ".join(
            f"{self.names.tensor(leaf, f'leaf {n}')}.grad = "
            f"{fmt(self.steps.grad_as_of(leaf, position))}"
            for n, leaf in enumerate(self.steps.leaves(), start=1)
        )

    def edge_labels(self, position: int | None = None) -> dict:
        """``{(node, next_node): "gradient"}`` for every edge a gradient crossed so far."""
        position = self.position if position is None else position
        labels: dict = {}
        for step in self.steps[:position]:
            for sent in step.sent:
                if sent.node is None or sent.grad is None:
                    continue
                key = (step.node, sent.node)
                text = fmt(sent.grad)
                labels[key] = f"{labels[key]}, {text}" if key in labels else text
        return labels

    def svg(self, position: int | None = None) -> str | None:
        """The graph at ``position`` as SVG text (``None`` when it cannot be drawn here)."""
        position = self.position if position is None else position
        if position not in self._svgs:
            picture = self.picture(position)
            try:
                self._svgs[position] = None if picture is None else picture.svg()
            except (ImportError, RuntimeError) as error:  # no renderer here: the words stay
                self._svgs[position], self._no_picture = None, str(error)
        return self._svgs[position]

    def picture(self, position: int | None = None):
        """The graph at ``position`` as ``minigrad.viz.draw`` draws it (``None`` if it cannot)."""
        position = self.position if position is None else position
        if position not in self._pictures and 0 <= position <= len(self.steps):
            self._pictures[position] = self._draw_picture(position)
        return self._pictures.get(position)

    def _draw_picture(self, position: int):
        """Draw the graph as it was after ``position`` steps, with the node that ran lit."""
        if self._history is None:
            return None
        step = self.steps[position - 1] if position else None
        try:
            return self._draw(self.loss, highlight=step.node if step else None,
                              edge_labels=self.edge_labels(position),
                              _state=self._history.at(position), **self.named)
        except Exception as error:  # no picture: the words stay
            self._no_picture = f"drawing failed: {type(error).__name__}: {error}"
            return None

    # -- widgets -----------------------------------------------------------------------------

    def _build(self, widgets) -> None:
        last = len(self.steps)
        self.play = widgets.Play(min=0, max=last, step=1, interval=1500, description="play")
        self.back_button = widgets.Button(description="back", icon="step-backward",
                                          tooltip="undo the last step")
        self.step_button = widgets.Button(description="step", icon="step-forward",
                                          tooltip="run the next node")
        self.reset_button = widgets.Button(description="reset", icon="undo",
                                           tooltip="back to before backward()")
        self.slider = widgets.IntSlider(min=0, max=last, value=0, description="step",
                                        continuous_update=True)
        widgets.link((self.play, "value"), (self.slider, "value"))
        self.back_button.on_click(lambda _: self.back())
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        self.slider.observe(lambda change: self._show(change["new"]), names="value")
        self.title = widgets.HTML()
        self.words = widgets.HTML()
        self.graph = widgets.HTML()
        self.grads = widgets.HTML()
        controls = widgets.HBox([self.play, self.back_button, self.step_button, self.slider,
                                 self.reset_button])
        self.widget = widgets.VBox([self.title, controls, self.words, self.grads, self.graph])
        self.widget.add_class("minigrad-stepper")

    def _show(self, position: int) -> None:
        step = self.steps[position - 1] if position else None
        where = f"step {position} of {len(self.steps)}"
        node = f": <code>{html.escape(type(step.node).__name__)}</code>" if step else ""
        self.title.value = f"<b>{html.escape(self._call())}</b>, {where}{node}"
        self.words.value = (f"<p class='minigrad-stepper-words' style='{WORDS_STYLE}'>"
                            f"{html.escape(self.sentence())}</p>")
        svg = self.svg(position)
        why = f"<i>(no picture: {html.escape(self._no_picture)})</i>"
        self.graph.value = _inline(svg) if svg else why
        self.grads.value = f"<p class='minigrad-stepper-grads'>{html.escape(self.grads_text())}</p>"

    def _call(self) -> str:
        name = self.names.tensor(self.loss, default="loss")
        return f"{name}.backward()"

    # -- fixed forms: terminals, nbval, HTML export --------------------------------------------

    def listing(self) -> list[str]:
        """Every step's sentence, in order (position 0 = before backward)."""
        return [self.sentence(k) for k in range(len(self.steps) + 1)]

    def __repr__(self) -> str:
        lines = [f"BackwardStepper: {self._call()} in {len(self.steps)} steps"]
        lines += [f"{k:>3}. {text}" for k, text in enumerate(self.listing())]
        lines.append(f"  final: {self.grads_text(len(self.steps))}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{k}</td><td style='text-align:left'>{html.escape(text)}</td></tr>"
            for k, text in enumerate(self.listing())
        )
        return (
            f"<p><b>BackwardStepper</b>: {html.escape(self._call())} in {len(self.steps)} "
            f"steps</p><table><tr><th>step</th><th>what happens</th></tr>{rows}</table>"
            f"<p>final: {html.escape(self.grads_text(len(self.steps)))}</p>"
        )

    def _repr_mimebundle_(self, **kwargs) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = self._repr_html_()
        return bundle


def _find_draw():
    """``minigrad.viz.draw``, or None when it cannot be imported here."""
    try:
        from . import draw
    except ImportError:
        return None
    return draw


def _inline(svg: str) -> str:
    """SVG text ready to sit inside HTML: drop the XML prolog Graphviz writes before ``<svg``."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


# -- the words -------------------------------------------------------------------------------

# What common nodes do with the gradient they received, one clause per next_functions edge.
# {g} is the gradient sent, {dest} where it goes; other fields are the node's saved values.
HOW = {
    "MulBackward0": ("multiplies by the saved other = {other} and sends {g} to {dest}",
                     "multiplies by the saved self = {self} and sends {g} to {dest}"),
    "DivBackward0": ("divides by the saved other = {other} and sends {g} to {dest}",
                     ("multiplies by -self / other² (saved self = {self}, other = {other}) "
                      "and sends {g} to {dest}")),
    "AddBackward0": ("sends {g} unchanged to {dest}", "sends {g} unchanged to {dest}"),
    "SubBackward0": ("sends {g} unchanged to {dest}", "flips the sign and sends {g} to {dest}"),
    "NegBackward0": ("flips the sign and sends {g} to {dest}",),
    "PowBackward0": (("multiplies by exponent · self^(exponent - 1) with the saved "
                      "self = {self} and exponent = {exponent}, and sends {g} to {dest}"),),
    "ExpBackward0": (("multiplies by the saved result = {result} (exp is its own derivative) "
                      "and sends {g} to {dest}"),),
    "LogBackward0": ("divides by the saved self = {self} and sends {g} to {dest}",),
    "TanhBackward0": (("multiplies by 1 - result² with the saved result = {result} "
                       "and sends {g} to {dest}"),),
    "SigmoidBackward0": (("multiplies by result · (1 - result) with the saved "
                          "result = {result} and sends {g} to {dest}"),),
    "ReluBackward0": (("keeps it where the saved result = {result} is positive "
                       "and sends {g} to {dest}"),),
    "SumBackward0": ("copies it to every element and sends {g} to {dest}",),
    "MeanBackward0": (("divides by the number of elements, {self_sym_numel}, copies it to "
                       "every element and sends {g} to {dest}"),),
}


class Names:
    """Say which tensor a node belongs to, with the names given by keyword."""

    def __init__(self, named: dict):
        self._named = named  # keeps the tensors alive, so their ids stay theirs
        self._tensors = {id(t): name for name, t in named.items()}
        self._makers = {id(t.grad_fn): name for name, t in named.items() if t.grad_fn}

    def tensor(self, tensor, default: str = "a leaf") -> str:
        return self._tensors.get(id(tensor), default)

    def node(self, node) -> str:
        """``AccumulateGrad of d``, ``MulBackward0 (the node that made c)``, or the bare name."""
        if isinstance(node, AccumulateGrad):
            return f"AccumulateGrad of {self.tensor(node.variable)}"
        made = self._makers.get(id(node))
        return f"{node.name()} (the node that made {made})" if made else node.name()


def describe_start(starts: tuple, loss, names: Names) -> str:
    """Position 0: where backward() starts and with which gradient."""
    name = names.tensor(loss, default="the output")
    if len(starts) == 1 and name.isidentifier() and fmt(starts[0].grad) == "1.0":
        return (f"backward() starts at {name} with d{name}/d{name} = 1.0, handed to "
                f"{names.node(starts[0].node)}.")
    handed = _and([f"{fmt(s.grad)} to {names.node(s.node)}" for s in starts])
    return f"backward() starts at {name}: it hands the starting gradient {handed}."


def describe(step: BackwardStep, names: Names) -> str:
    """One step in plain words: what arrived, what the node did with it, where it went."""
    who = names.node(step.node)
    if step.is_accumulate:
        return _describe_accumulate(step, names, who)
    if all(g is None for g in step.received):
        return f"{who} received no gradient, so it sends none."
    text = f"{who} received {_and(list(map(fmt, step.received)))}. {_clauses(step, names)}"
    if step.released:
        verb = "is" if len(step.released) == 1 else "are"
        text += f" Its saved {_and(list(step.released))} {verb} freed now."
    elif step.saved_tensor_names:
        text += " Its saved tensors are kept (retain_graph=True)."
    return text


def _describe_accumulate(step: BackwardStep, names: Names, who: str) -> str:
    leaf, got = names.tensor(step.leaf, "the leaf"), fmt(step.received[0])
    before, after = fmt(step.grad_before), fmt(step.grad_after)
    if step.grad_before is None:
        return (f"{who} received {got}; {leaf}.grad was None, so it stores it: "
                f"{leaf}.grad = {after}.")
    return (f"{who} received {got} and adds it to {leaf}.grad: {before} + {got} = {after}. "
            "Gradients add up over backward() calls until zero_grad() resets them.")


def _clauses(step: BackwardStep, names: Names) -> str:
    """``It multiplies by ... and sends 4.0 to ...; it ...``, or a plain ``It sends ...``."""
    values = {name: fmt(value) for name, value in step.saved.items()}
    edges = [
        (i, dict(values, g=fmt(sent.grad), dest=names.node(sent.node)))
        for i, sent in enumerate(step.sent)
        if sent.node is not None and sent.grad is not None  # else: no gradient needed there
    ]
    if not edges:
        return "No input needs a gradient, so it sends nothing."
    known = HOW.get(step.name)
    if step.name in ("AddBackward0", "SubBackward0") and values.get("alpha", "1") != "1":
        known = None  # the recipes above are for alpha = 1
    if known is not None:
        try:
            return "It " + "; it ".join(known[i].format(**fields) for i, fields in edges) + "."
        except (IndexError, KeyError):  # an edge or a saved value the recipe does not know
            pass
    sends = _and([f"{fields['g']} to {fields['dest']}" for _, fields in edges])
    saved = _and([f"{name} = {text}" for name, text in values.items()])
    return f"Using its saved {saved}, it sends {sends}." if saved else f"It sends {sends}."


def _and(items: list) -> str:
    """``x``, ``x and y``, ``x, y and z`` (and "" for nothing)."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def fmt(value) -> str:
    """A gradient in plain numbers: ``4.0``, ``[0.5, -1.0]``; big tensors by their shape."""
    if value is None:
        return "None"
    if not hasattr(value, "tolist"):
        return str(value)
    if value.numel() > 6:
        return f"a tensor of shape [{', '.join(map(str, value.shape))}]"
    return _nested(value.tolist())


def _nested(value) -> str:
    """Numbers written as the graph pictures write them (``values.format_number``)."""
    if isinstance(value, list):
        return "[" + ", ".join(map(_nested, value)) + "]"
    return format_number(value)
