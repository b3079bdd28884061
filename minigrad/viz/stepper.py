"""``BackwardStepper``: replay one real ``backward()`` node by node, as a debugger would.

The stepper runs ``loss.backward()`` once, when it is made, while the engine is observed
(``minigrad.autograd.observe_backward``; for PyTorch tensors, hooks on every node of the
graph do the same) and ``minigrad.autograd.recording`` writes down every step it takes;
``minigrad.viz.history`` notes what changes in the graph (the leaves' ``.grad``, the saved
tensors freed). A step's picture is drawn when it is first shown, as ``minigrad.viz.draw``
would have drawn the live graph at that moment. Then the learner moves through the steps
(play, step, back, a slider, reset) and sees, at each one, that picture with the node that ran
highlighted and the gradients sent so far written on the arrows, and a sentence saying what
the node did; after the last node, a final "done" state where nothing runs.

Outside JupyterLab (a terminal, a notebook converted to HTML, a notebook not run yet) the
stepper shows the same story as a fixed list of sentences: its ``text/plain`` and
``text/html`` forms.

Every sentence and label is written here in English and passed through
``minigrad.translations.translate``, so a lesson that calls
``minigrad.exercises.set_language("zh-CN")`` gets them in Chinese.
"""
from __future__ import annotations

import html

from ..autograd.engine import observe_backward
from ..autograd.recording import BackwardRecording, BackwardStep, SentGradient
from ..tensor import Tensor
from ..translations import translate
from . import values
from .dot import ACCUMULATE_FILL, HIGHLIGHT_FILL
from .gradient_flow import observe_with_hooks
from .history import GraphHistory
from .values import format_number
from .walk import node_name

__all__ = ["BackwardStepper"]

WIDGETS_MISSING = "BackwardStepper needs ipywidgets: pip install 'minigrad-lab[widgets]'"
WORDS_STYLE = ("background: #fff3bf; padding: 6px 10px; border-radius: 4px; max-width: 60em; "
               "line-height: 1.5")
# What a notebook shows before its cells are run (no live widget yet): the words, and this.
RUN_THE_CELL = ("Run this cell to step through it: play, step and back buttons, and the graph "
                "at each step. Until then, every step in words:")
SWATCH = ("display: inline-block; width: 2.2em; height: 1em; vertical-align: middle; "
          "border: {border}; background: {fill}; margin-right: 0.4em")
# The key under the buttons: how the pictures show where backward is.
KEY = (
    ("RUNNING", HIGHLIGHT_FILL, "3px solid #212529",
     "the node running at this step: it received its gradient and sent the results"),
    ("done", "#ffffff", "1px dashed #212529",
     "ran already: numbers on the arrows leaving it (an AccumulateGrad: its leaf's grad is "
     "updated); without retain_graph its box also says \"saved tensors freed\", dashed"),
    ("waiting", "#ffffff", "1px solid #212529",
     "not run yet: no numbers on the arrows leaving it; it runs once every gradient it waits "
     "for has arrived"),
    ("AccumulateGrad", ACCUMULATE_FILL, "1px solid #212529",
     "adds the gradient it receives into its leaf's .grad"),
    ("solid arrow, blue number", None, None,
     "where a gradient goes (next_functions), and the gradient sent along it so far"),
    ("dashed arrow, open head", None, None, "a tensor and the node that made it (grad_fn)"),
)
PYTORCH_NOTE = ("PyTorch's nodes keep no reference to the tensors they made, so only the "
                "tensors named in the call are drawn; a saved tensor PyTorch has freed cannot "
                "be read any more, so its box says \"freed\".")


class BackwardStepper:
    """Step through the backward pass of ``loss``; name tensors by keyword to see their names.

    ``BackwardStepper(e, a=a, b=b, c=c, d=d, e=e)`` runs ``e.backward(retain_graph=...)`` now,
    so the leaves' ``.grad`` hold their final values from here on, exactly as after
    ``e.backward()``; the stepper shows each earlier moment from what it recorded then.
    ``loss`` may be a minigrad or a PyTorch tensor (the named ones from the same library).
    ``legend=False`` leaves out the key to the picture's colours and arrows.
    """

    def __init__(self, loss, retain_graph: bool = False, legend: bool = True, **named):
        try:
            import ipywidgets as widgets
        except ImportError as error:
            raise ImportError(WIDGETS_MISSING) from error
        self.is_minigrad = isinstance(loss, Tensor)
        for name, value in {"loss": loss, **named}.items():
            if not values.is_tensor(value) or isinstance(value, Tensor) != self.is_minigrad:
                library = "minigrad" if self.is_minigrad else "PyTorch"
                raise TypeError(
                    f"BackwardStepper steps through one library's backward, so it needs "
                    f"{library} tensors, as the loss is; {name} is a "
                    f"{type(value).__module__}.{type(value).__name__}")
        self.loss, self.named = loss, named
        self.retain_graph, self.legend = retain_graph, legend
        self.names = Names(named)
        self._draw = _find_draw()
        self._pictures: dict = {}  # position -> the graph drawn at that moment, when first asked
        self._svgs: dict = {}  # position -> its SVG text, rendered when first shown
        self._no_picture = "minigrad.viz.draw is not available"  # why, when svg() is None
        self._history: GraphHistory | None = None  # the graph at each step, for the pictures
        self.steps = BackwardRecording()
        if self._draw is not None:
            try:
                self._history = GraphHistory(loss, named, self.steps)
            except Exception as error:  # a failed picture must not stop backward
                self._no_picture = f"drawing failed: {type(error).__name__}: {error}"
        self._run_backward()
        if self._history is not None:
            self._history.finish()
        self._build(widgets)
        self._show(0)

    def _run_backward(self) -> None:
        """``loss.backward()``, with every step written down (and noted for the pictures)."""
        watchers = [self.steps.observe] + ([self._history.observe] if self._history else [])

        def observe(event, node, grads):
            for watch in watchers:
                watch(event, node, grads)

        if self.is_minigrad:
            with observe_backward(observe):
                self.loss.backward(retain_graph=self.retain_graph)
            return
        loss = self.loss  # PyTorch: the gradient it starts from is 1, as minigrad's GraphRoot's
        if loss.grad_fn is not None:
            self.steps.starts.append(
                (SentGradient(loss.grad_fn, loss.output_nr, loss.detach().new_ones(loss.shape)),))
        with observe_with_hooks([loss], observe, retain_graph=self.retain_graph):
            loss.backward(retain_graph=self.retain_graph)

    # -- moving ------------------------------------------------------------------------------

    @property
    def end(self) -> int:
        """The last position: backward is done and no node is running."""
        return len(self.steps) + 1

    @property
    def position(self) -> int:
        """0 before the first node runs, k while the k-th runs, ``end`` once all have run."""
        return self.slider.value

    @position.setter
    def position(self, value: int) -> None:
        self.slider.value = max(0, min(self.end, value))

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
        """The node running now (``None`` before the first one and once all have run)."""
        return self._running(self.position)

    def _running(self, position: int) -> BackwardStep | None:
        return self.steps[position - 1] if 0 < position <= len(self.steps) else None

    # -- what is shown -----------------------------------------------------------------------

    def sentence(self, position: int | None = None) -> str:
        """What happened at ``position`` (default: now), in plain words."""
        position = self.position if position is None else position
        last = len(self.steps)
        if position >= self.end:
            return describe_end(self.steps, self.retain_graph)
        if position == 0:
            text, named = describe_start(self.steps.starts[0], self.loss, self.names)
            if last and named == [self.steps[0].node]:  # the start already says who runs
                return text + translate(" It runs first.")
        else:
            text = describe(self.steps[position - 1], self.names)
        if position < last:
            following = self.names.node(self.steps[position].node)
            return text + translate(" Next: {node}.", node=following)
        return text + translate(" That was the last node.")

    def grads_text(self, position: int | None = None) -> str:
        """The leaves' ``.grad`` at ``position``, e.g. ``a.grad = 12.0, b.grad = 8.0``.

        Leaves named in the call come first, in the order they were named; others follow in
        the order backward reached them.
        """
        position = self.position if position is None else position
        leaves = self.steps.leaves()
        named = [t for t in self.named.values() if any(t is leaf for leaf in leaves)]
        named = [t for n, t in enumerate(named) if not any(t is o for o in named[:n])]
        unnamed = [leaf for leaf in leaves if not any(leaf is t for t in named)]
        return ", ".join(
            f"{self.names.tensor(leaf, translate('leaf {n}', n=n))}.grad = "
            f"{fmt(self.steps.grad_as_of(leaf, position))}"
            for n, leaf in enumerate(named + unnamed, start=1)
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
        if position not in self._pictures and 0 <= position <= self.end:
            self._pictures[position] = self._draw_picture(position)
        return self._pictures.get(position)

    def _draw_picture(self, position: int):
        """Draw the graph as it was after ``position`` steps, with the node that ran lit."""
        if self._history is None:
            return None
        step = self._running(position)
        try:
            return self._draw(self._history.at(position), self.loss,
                              highlight=step.node if step else None,
                              edge_labels=self.edge_labels(position), **self.named)
        except Exception as error:  # no picture: the words stay
            self._no_picture = f"drawing failed: {type(error).__name__}: {error}"
            return None

    # -- widgets -----------------------------------------------------------------------------

    def _build(self, widgets) -> None:
        # No repeat button: a replay that starts over by itself would hide the "done" state.
        self.play = widgets.Play(min=0, max=self.end, step=1, interval=1500,
                                 description=translate("play"), show_repeat=False)
        self.back_button = widgets.Button(description=translate("back"), icon="step-backward",
                                          tooltip=translate("undo the last step"))
        self.step_button = widgets.Button(description=translate("step"), icon="step-forward",
                                          tooltip=translate("run the next node"))
        self.reset_button = widgets.Button(description=translate("reset"), icon="undo",
                                           tooltip=translate("back to before backward()"))
        self.slider = widgets.IntSlider(min=0, max=self.end, value=0,
                                        description=translate("step"), continuous_update=True)
        widgets.link((self.play, "value"), (self.slider, "value"))
        self.back_button.on_click(lambda _: self.back())
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        self.slider.observe(lambda change: self._show(change["new"]), names="value")
        self.title = widgets.HTML()
        self.words = widgets.HTML()
        self.graph = widgets.HTML()
        self.grads = widgets.HTML()
        self.key = widgets.HTML(key_html(self.is_minigrad) if self.legend else "")
        controls = widgets.HBox([self.play, self.back_button, self.step_button, self.slider,
                                 self.reset_button])
        self.widget = widgets.VBox([self.title, controls, self.words, self.grads, self.key,
                                    self.graph])
        self.widget.add_class("minigrad-stepper")

    def _show(self, position: int) -> None:
        step = self._running(position)
        if position >= self.end:
            where = translate("done: all {n} steps ran", n=len(self.steps))
        else:
            where = translate("step {k} of {n}", k=position, n=len(self.steps))
        node = f": <code>{html.escape(node_name(step.node))}</code>" if step else ""
        self.title.value = f"<b>{html.escape(self._call())}</b>, {where}{node}"
        self.words.value = (f"<p class='minigrad-stepper-words' style='{WORDS_STYLE}'>"
                            f"{html.escape(self.sentence())}</p>")
        svg = self.svg(position)
        why = f"<i>({html.escape(translate('no picture: {why}', why=self._no_picture))})</i>"
        self.graph.value = _inline(svg) if svg else why
        self.grads.value = f"<p class='minigrad-stepper-grads'>{html.escape(self.grads_text())}</p>"

    def _call(self) -> str:
        name = self.names.tensor(self.loss, default="loss")
        return f"{name}.backward()"

    # -- fixed forms: terminals, nbval, HTML export --------------------------------------------

    def listing(self) -> list[str]:
        """Every step's sentence, in order (position 0 = before backward, the last = done)."""
        return [self.sentence(k) for k in range(self.end + 1)]

    def __repr__(self) -> str:
        lines = ["BackwardStepper: " + self._in_steps()]
        lines += [f"{k:>3}. {text}" for k, text in enumerate(self.listing())]
        lines.append("  " + translate("final: {grads}", grads=self.grads_text(self.end)))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{k}</td><td style='text-align:left'>{html.escape(text)}</td></tr>"
            for k, text in enumerate(self.listing())
        )
        final = translate("final: {grads}", grads=self.grads_text(self.end))
        return (
            f"<p><b>BackwardStepper</b>: {html.escape(self._in_steps())}</p><table><tr>"
            f"<th>{translate('step')}</th><th>{translate('what happens')}</th></tr>{rows}</table>"
            f"<p>{html.escape(final)}</p>"
        )

    def _in_steps(self) -> str:
        return translate("{call} in {n} steps", call=self._call(), n=len(self.steps))

    def _repr_mimebundle_(self, **kwargs) -> dict:
        """The live widget; and, for a notebook whose cells have not run yet, the words."""
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        first, rest = repr(self).split("\n", 1)
        run_the_cell = translate(RUN_THE_CELL)
        bundle["text/plain"] = f"{first}\n{run_the_cell}\n{rest}"
        bundle["text/html"] = f"<p><i>{html.escape(run_the_cell)}</i></p>{self._repr_html_()}"
        return bundle


def key_html(is_minigrad: bool = True) -> str:
    """The key to the stepper's pictures: a swatch or a name, and what it means."""
    rows = []
    for name, fill, border, means in KEY:
        swatch = (f"<span style='{SWATCH.format(fill=fill, border=border)}'></span>"
                  if fill else "")
        rows.append(f"<li>{swatch}<b>{html.escape(translate(name))}</b>: "
                    f"{html.escape(translate(means))}</li>")
    if not is_minigrad:
        rows.append(f"<li><b>PyTorch</b>: {html.escape(translate(PYTORCH_NOTE))}</li>")
    return ("<ul class='minigrad-stepper-key' style='list-style: none; padding-left: 0; "
            f"margin: 0; font-size: 90%; line-height: 1.6'>{''.join(rows)}</ul>")


def _find_draw():
    """``drawing.draw_at`` (``draw`` at one step), or None when it cannot be imported here."""
    try:
        from .drawing import draw_at
    except ImportError:
        return None
    return draw_at


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

    def tensor(self, tensor, default: str | None = None) -> str:
        """The name given to ``tensor``, or ``default`` (by default: "a leaf")."""
        return self._tensors.get(id(tensor)) or default or translate("a leaf")

    def is_named(self, tensor) -> bool:
        return id(tensor) in self._tensors

    def node(self, node) -> str:
        """``AccumulateGrad of d``, ``MulBackward0 (the node that made c)``, or the bare name."""
        if hasattr(node, "variable"):  # AccumulateGrad, minigrad's or PyTorch's
            return translate("AccumulateGrad of {leaf}", leaf=self.tensor(node.variable))
        made = self._makers.get(id(node))
        if made:
            return translate("{node} (the node that made {made})", node=node_name(node), made=made)
        return node_name(node)


def describe_start(starts: tuple, loss, names: Names) -> tuple[str, list]:
    """Position 0: where backward() starts and with which gradient; and the nodes it named."""
    name = names.tensor(loss, default=translate("the output"))
    nodes = [s.node for s in starts]
    if (len(starts) == 1 and names.is_named(loss) and name.isidentifier()
            and fmt(starts[0].grad) == "1.0"):
        return translate("backward() starts at {name} with d{name}/d{name} = 1.0, handed to "
                         "{node}.", name=name, node=names.node(starts[0].node)), nodes
    handed = _and([_sent_to(fmt(s.grad), names.node(s.node)) for s in starts])
    return translate("backward() starts at {name}: it hands the starting gradient {handed}.",
                     name=name, handed=handed), nodes


def describe_end(steps: BackwardRecording, retain_graph: bool) -> str:
    """The final state: nothing runs any more; what is left of the graph."""
    text = translate("backward() is done: all {n} nodes ran, none is running now.", n=len(steps))
    if any(step.released for step in steps):
        return text + translate(" Their saved tensors were freed, so a second backward() "
                                "through this graph raises an error (unless retain_graph=True).")
    if retain_graph and any(step.saved_tensor_names for step in steps):
        return text + translate(" retain_graph=True kept their saved tensors: backward() can "
                                "run again.")
    return text


def describe(step: BackwardStep, names: Names) -> str:
    """One step in plain words: what arrived, what the node did with it, where it went."""
    who = names.node(step.node)
    if step.is_accumulate:
        return _describe_accumulate(step, names, who)
    if all(g is None for g in step.received):
        return translate("{node} received no gradient, so it sends none.", node=who)
    text = translate("{node} received {grads}. {what_it_did}", node=who,
                     grads=_and(list(map(fmt, step.received))), what_it_did=_clauses(step, names))
    if step.released:
        released = _and(list(step.released))
        if len(step.released) == 1:
            text += translate(" Its saved {names} is freed now.", names=released)
        else:
            text += translate(" Its saved {names} are freed now.", names=released)
    elif step.saved_tensor_names:
        text += translate(" Its saved tensors are kept (retain_graph=True).")
    return text


def _describe_accumulate(step: BackwardStep, names: Names, who: str) -> str:
    leaf, got = names.tensor(step.leaf, translate("the leaf")), fmt(step.received[0])
    before, after = fmt(step.grad_before), fmt(step.grad_after)
    if step.grad_before is None:
        return translate("{node} received {got}; {leaf}.grad was None, so it stores it: "
                         "{leaf}.grad = {after}.", node=who, got=got, leaf=leaf, after=after)
    return translate("{node} received {got} and adds it to {leaf}.grad: {before} + {got} = "
                     "{after}. Gradients add up over backward() calls until zero_grad() resets "
                     "them.", node=who, got=got, leaf=leaf, before=before, after=after)


def _clauses(step: BackwardStep, names: Names) -> str:
    """``It multiplies by ... and sends 4.0 to ...; it ...``, or a plain ``It sends ...``."""
    values = {name: fmt(value) for name, value in step.saved.items()}
    edges = [
        (i, dict(values, g=fmt(sent.grad), dest=names.node(sent.node)))
        for i, sent in enumerate(step.sent)
        if sent.node is not None and sent.grad is not None  # else: no gradient needed there
    ]
    if not edges:
        return translate("No input needs a gradient, so it sends nothing.")
    known = HOW.get(node_name(step.node))
    if node_name(step.node) in ("AddBackward0", "SubBackward0") and values.get("alpha", "1") != "1":
        known = None  # the recipes above are for alpha = 1
    if known is not None:
        try:
            clauses = [translate(known[i], **fields) for i, fields in edges]
            return translate("It {clauses}.", clauses=translate("; it ").join(clauses))
        except (IndexError, KeyError):  # an edge or a saved value the recipe does not know
            pass
    sends = _and([_sent_to(fields["g"], fields["dest"]) for _, fields in edges])
    saved = _and([f"{name} = {text}" for name, text in values.items()])
    if saved:
        return translate("Using its saved {saved}, it sends {sends}.", saved=saved, sends=sends)
    return translate("It sends {sends}.", sends=sends)


def _sent_to(gradient: str, destination: str) -> str:
    """``4.0 to MulBackward0``: one gradient (as ``fmt`` writes it) and where it goes."""
    return translate("{g} to {dest}", g=gradient, dest=destination)


def _and(items: list) -> str:
    """``x``, ``x and y``, ``x, y and z`` (and "" for nothing)."""
    if len(items) < 2:
        return "".join(items)
    return translate("{some} and {last}", some=translate(", ").join(items[:-1]), last=items[-1])


def fmt(value) -> str:
    """A gradient in plain numbers: ``4.0``, ``[0.5, -1.0]``; big tensors by their shape."""
    if value is None:
        return "None"
    if not hasattr(value, "tolist"):
        return str(value)
    if value.numel() > 6:
        return translate("a tensor of shape [{shape}]", shape=", ".join(map(str, value.shape)))
    return _nested(value.tolist())


def _nested(value) -> str:
    """Numbers written as the graph pictures write them (``values.format_number``)."""
    if isinstance(value, list):
        return "[" + ", ".join(map(_nested, value)) + "]"
    return format_number(value)
