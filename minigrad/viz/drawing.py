"""``draw``: the picture of the autograd graph behind one or more tensors, and the
``GraphView`` it returns (shows itself in Jupyter, saves to files)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import annotate, render, values
from .dot import FONT, FONT_FAMILIES, build_dot
from .graph import Graph
from .text import to_text
from .walk import build_graph

DIRECTIONS = ("backward", "forward")


def draw(
    *roots: Any,
    params: Any = None,
    show_data: bool = True,
    show_grad: bool = True,
    show_saved: bool = True,
    show_none: bool = False,
    direction: str = "backward",
    max_nodes: int = 300,
    group_by: Any = None,
    highlight: Any = None,
    edge_labels: Mapping | None = None,
    legend: bool = False,
    grad_flow: Any = None,
    **named: Any,
) -> GraphView:
    """Draw the graph ``backward()`` would walk from ``roots`` (minigrad or PyTorch tensors).

    Args:
        roots: the tensors to start from, e.g. the loss.
        params: names for tensors: a dict ``{name: tensor}``, pairs like
            ``model.named_parameters()``, or a model (its named parameters are used).
        show_data / show_grad / show_saved: print values, ``.grad`` and saved tensors.
        show_none: draw the ``None`` entries of ``next_functions`` (inputs needing no grad).
        direction: ``"backward"`` (arrows the way gradients flow) or ``"forward"``.
        max_nodes: boxes past this many are left out, counted in one summary box.
        group_by: a model: each sub-module with parameters becomes a framed cluster.
        highlight: nodes or tensors (one, or a list) to emphasise.
        edge_labels: ``{(node, next_node): "text"}`` labels for gradient-flow arrows.
        legend: add a key explaining colours, words and arrows.
        grad_flow: a ``record_gradients()`` recording: label arrows with their gradients.
        named: tensors by name, as in ``draw(e, a=a, b=b)``.

    The first root, if unnamed, is called ``output``. An input that needs no gradient (``x``,
    a target) is drawn with an arrow from the node that saved it ("saved, no grad"): the
    saved tensor is the only trace such an input leaves (``next_functions`` holds ``None`` in
    its place). A backward without ``retain_graph=True`` frees saved tensors, and that link
    with them: draw before it, or keep the graph, to see where the inputs enter.
    """
    return draw_at(
        None, *roots, params=params, show_data=show_data, show_grad=show_grad,
        show_saved=show_saved, show_none=show_none, direction=direction, max_nodes=max_nodes,
        group_by=group_by, highlight=highlight, edge_labels=edge_labels, legend=legend,
        grad_flow=grad_flow, **named)


def draw_at(
    state: Any,
    /,
    *roots: Any,
    params: Any = None,
    show_data: bool = True,
    show_grad: bool = True,
    show_saved: bool = True,
    show_none: bool = False,
    direction: str = "backward",
    max_nodes: int = 300,
    group_by: Any = None,
    highlight: Any = None,
    edge_labels: Mapping | None = None,
    legend: bool = False,
    grad_flow: Any = None,
    **named: Any,
) -> GraphView:
    """``draw``, reading what backward changes through ``state`` (None: the live objects).

    ``BackwardStepper`` passes a ``replay.GraphHistory`` state: the graph as it was at one
    step of a recorded backward, instead of as it is now.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be 'backward' or 'forward', got {direction!r}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes must be a positive int, got {max_nodes!r}")
    for position, root in enumerate(roots):
        if not values.is_tensor(root):
            raise TypeError(
                f"draw() expects tensors to draw; got {type(root).__name__} at position {position}"
            )
    for name, tensor in named.items():
        if not values.is_tensor(tensor):
            raise TypeError(
                f"draw() got an unexpected keyword argument {name!r} (a "
                f"{type(tensor).__name__}): keyword arguments name tensors, as in "
                "draw(e, a=a, b=b)"
            )
    recording = hasattr(grad_flow, "sent") and hasattr(grad_flow, "received")
    if grad_flow is not None and not recording:
        raise TypeError(
            "grad_flow takes a recording of a backward pass: `with minigrad.viz.record_gradients()"
            " as flow: loss.backward()`, then draw(loss, grad_flow=flow)"
        )
    names = list(named.items()) + _names_from(params) + _names_from(group_by)
    graph, walker = build_graph(roots, names, show_none=show_none, max_nodes=max_nodes,
                                 state=state)
    if group_by is not None:
        if not hasattr(group_by, "named_modules"):
            raise TypeError(
                f"group_by must be a model (an nn.Module), got {type(group_by).__name__}")
        annotate.group_by_module(graph, walker, group_by)
    annotate.highlight(graph, walker, highlight)
    annotate.label_gradients(graph, walker, grad_flow)
    annotate.label_edges(graph, walker, edge_labels)
    del walker  # the graph keeps only text: nothing drawn stays alive because of it
    options = {"show_data": show_data, "show_grad": show_grad, "show_saved": show_saved}
    source = build_dot(graph, direction=direction, legend=legend, **options).source
    return GraphView(graph, source, to_text(graph, **options))


def _names_from(params) -> list:
    """``(name, tensor)`` pairs from a dict, an iterable of pairs, or a model."""
    if params is None:
        return []
    if hasattr(params, "named_parameters"):
        params = params.named_parameters()
    items = params.items() if isinstance(params, Mapping) else params
    pairs = []
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2 and values.is_tensor(item[1])):
            raise TypeError(
                "params must map names to tensors: a dict {name: tensor}, pairs such as "
                f"model.named_parameters(), or a model; got an entry {item!r:.60}"
            )
        pairs.append((str(item[0]), item[1]))
    return pairs


FILE_FORMATS = {".svg": "svg", ".dot": "dot", ".gv": "dot", ".png": "png", ".pdf": "pdf"}


class GraphView:
    """A drawn autograd graph: DOT text (``.source``), a text tree (``.text()``), pictures.

    In Jupyter it displays as SVG, with the text tree as its plain-text form (what
    terminals, screen readers and notebook tests see). It holds only text, never tensors.
    """

    def __init__(self, graph: Graph, source: str, text: str):
        self.graph = graph  # the boxes and arrows, as plain data (see graph.py)
        self.source = source
        self._text = text
        self._svg: dict[str, str] = {}  # renderer -> SVG text, rendered once

    def text(self) -> str:
        """The indented text tree: the same graph, one line per box."""
        return self._text

    def svg(self) -> str:
        """The picture as SVG text."""
        renderer = render.resolve("svg")
        if renderer not in self._svg:
            svg = render.render(self.source, "svg").decode("utf-8")
            self._svg[renderer] = with_font_fallbacks(svg)
        return self._svg[renderer]

    def pipe(self, format: str = "svg") -> bytes:
        """The picture as file bytes: ``"svg"``, ``"png"`` or ``"pdf"``."""
        if format == "svg":
            return self.svg().encode("utf-8")
        return render.render(self.source, format)

    def save(self, path) -> Path:
        """Write ``.svg``, ``.dot``/``.gv`` (DOT text), or ``.png``/``.pdf`` (need Graphviz)."""
        path = Path(path)
        format = FILE_FORMATS.get(path.suffix.lower())
        if format is None:
            raise ValueError(
                f"cannot save a graph as {path.suffix or 'a file without suffix'!r}: use one of "
                + ", ".join(FILE_FORMATS)
            )
        if format == "dot":
            path.write_text(self.source, encoding="utf-8")
        else:
            path.write_bytes(self.pipe(format))
        return path

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {"text/plain": self._text}
        try:
            bundle["image/svg+xml"] = self.svg()
        except (ImportError, RuntimeError) as error:  # no renderer: say why, keep the text
            bundle["text/plain"] = f"{self._text}\n(no picture: {error})\n"
        return bundle

    def __repr__(self) -> str:
        return self._text.rstrip("\n")


def with_font_fallbacks(svg: str) -> str:
    """The SVG with ``font-family="Verdana"`` made a list ending in ``sans-serif``.

    Graphviz copies a fontname list into the SVG as it is, but the WebAssembly build then
    measures text as Times (it knows the widths of single fonts only), so boxes come out too
    narrow: DOT names one font, and the browser gets the fallbacks here.
    """
    return svg.replace(f'font-family="{FONT}"', f'font-family="{FONT_FAMILIES}"')
