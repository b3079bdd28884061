"""Turn a ``graph.Graph`` into Graphviz DOT (built with the ``graphviz`` package).

Boxes are Graphviz *record* shapes, not HTML-like tables: the in-process WebAssembly
Graphviz is built without the library that HTML labels need, and one DOT text should look
the same with either renderer. Every kind of box differs by a word and an outline style,
not by colour alone (colour-blind readers, black-and-white printouts).
"""
from __future__ import annotations

import itertools

from .graph import (
    DETACH,
    GRAD_FN,
    KIND_WORDS,
    MORE,
    NEXT,
    NO_GRAD,
    NONE,
    VARIABLE,
    FunctionBox,
    Graph,
    NoneBox,
    SummaryBox,
    TensorBox,
)

# Verdana: wide and clear on screen. Boxes are sized for it; where it is missing, a browser
# takes the next font of FONT_FAMILIES (DejaVu Sans is about as wide), never a serif face.
FONT = "Verdana"
FONT_FAMILIES = "Verdana, DejaVu Sans, Arial, Helvetica, sans-serif"
# kind -> (fill colour, outline style, outline width)
TENSOR_STYLES = {
    "trainable": ("#cfe2ff", "filled", "2"),
    "constant": ("#eeeeee", "filled,dashed", "1"),
    "intermediate": ("#fff3bf", "filled", "1"),
    "frozen": ("#e5dbff", "filled,dashed", "2"),
    "detached": ("#ffdeeb", "filled,dotted", "1.5"),
}
FUNCTION_FILL, ACCUMULATE_FILL, HIGHLIGHT_FILL = "#ffffff", "#d3f9d8", "#ffd43b"
# edge kind -> attributes (drawn the way gradients flow; reversed for direction="forward")
EDGE_STYLES = {
    NEXT: {"color": "#212529", "penwidth": "1.4"},
    VARIABLE: {"color": "#212529", "penwidth": "1.4"},
    GRAD_FN: {"color": "#868e96", "style": "dashed", "arrowhead": "empty"},
    NONE: {"color": "#adb5bd", "style": "dotted"},
    NO_GRAD: {"color": "#868e96", "style": "dashed", "arrowhead": "tee",
              "label": "saved, no grad"},
    DETACH: {"color": "#c2255c", "style": "dotted", "dir": "none", "label": "shares data"},
    MORE: {"color": "#868e96", "style": "dotted"},
}
LEGEND_EDGES = (
    ("solid arrow", "a gradient flows (next_functions; AccumulateGrad -> its leaf)"),
    ("dashed, open head", "a tensor and its grad_fn"),
    ("dashed, bar head", "a tensor used by a node that sends it no gradient"),
    ("dotted, no head", "two tensors sharing data (detach(), .data)"),
    ("blue text on an arrow", "the gradient that flowed along it"),
)


def escape(text: str) -> str:
    """Escape the characters that structure a record label (``{ } | < >``, backslash)."""
    for char in "\\{}|<>":
        text = text.replace(char, "\\" + char)
    return text


def lines(text: str) -> str:
    """Left-aligned lines in a record field (``\\l`` ends a left-justified line)."""
    return "".join(escape(line) + "\\l" for line in text.split("\n"))


def tensor_label(box: TensorBox, graph: Graph, show_data: bool, show_grad: bool) -> str:
    title = f"{box.name or box.id}: {box.word}"  # unnamed: its id, as saved values refer to it
    fields = ["HIGHLIGHTED"] if box.highlighted else []
    fields += [escape(title), escape(f"shape {box.shape}, {box.dtype}")]
    if show_data:
        fields.append(lines(f"data = {box.data}"))
    if show_grad:
        fields.append(lines(f"grad = {box.grad}"))
    state = [f"grad_fn = {box.grad_fn}", f"is_leaf = {box.is_leaf}",
             f"requires_grad = {box.requires_grad}"]
    if box.retains_grad:
        state.append("retains_grad = True")
    if box.version_matters:
        state.append(f"_version = {box.version}")
    if box.note:
        state.append(box.note)
    fields.append(lines("\n".join(state)))
    return "{" + "|".join(fields) + "}"


def function_label(box: FunctionBox, graph: Graph, show_saved: bool) -> str:
    fields = ["RUNNING"] if box.highlighted else []
    fields.append(escape(box.name + (" (saved tensors freed)" if box.freed else "")))
    if show_saved and box.saved:
        fields.append(lines("\n".join(saved.shown(graph) for saved in box.saved)))
    return "{" + "|".join(fields) + "}"


def node_attributes(box, graph: Graph, options: dict) -> dict:
    if isinstance(box, TensorBox):
        fill, style, width = TENSOR_STYLES[box.kind]
        label = tensor_label(box, graph, options["show_data"], options["show_grad"])
        attributes = {"shape": "record", "label": label, "style": style,
                      "fillcolor": fill, "penwidth": width}
    elif isinstance(box, FunctionBox):
        fill = ACCUMULATE_FILL if box.is_accumulate else FUNCTION_FILL
        style = "filled,dashed" if box.freed else "filled"
        label = function_label(box, graph, options["show_saved"])
        attributes = {"shape": "Mrecord", "label": label, "style": style, "fillcolor": fill}
    elif isinstance(box, NoneBox):
        attributes = {"shape": "plaintext", "label": "None", "fontcolor": "#868e96"}
    else:
        assert isinstance(box, SummaryBox), f"unknown box {box!r}"
        label = f"{box.count} more nodes not drawn\\n(max_nodes={box.max_nodes})"
        attributes = {"shape": "note", "label": label, "style": "filled,dashed",
                      "fillcolor": "#f8f9fa"}
    if getattr(box, "highlighted", False):
        attributes.update(fillcolor=HIGHLIGHT_FILL, penwidth="3.5")
    return attributes


def build_dot(graph: Graph, *, direction: str = "backward", legend: bool = False,
              show_data: bool = True, show_grad: bool = True, show_saved: bool = True):
    """A ``graphviz.Digraph`` of the graph (``.source`` is the DOT text)."""
    graphviz = require_graphviz()
    options = {"show_data": show_data, "show_grad": show_grad, "show_saved": show_saved}
    dot = graphviz.Digraph(
        "autograd",
        graph_attr={"rankdir": "TB", "nodesep": "0.3", "ranksep": "0.45", "bgcolor": "white",
                    "fontname": FONT, "newrank": "true", **_layout_settings(graph)},
        # Some side margin: a viewer's font may still be a little wider than the measured one.
        node_attr={"fontname": FONT, "fontsize": "11", "margin": "0.12,0.04"},
        edge_attr={"fontname": FONT, "fontsize": "10", "fontcolor": "#1864ab",
                   "arrowsize": "0.8"},
    )
    _add_nodes(dot, graph, options, graphviz)
    for edge in graph.edges:
        attributes = dict(EDGE_STYLES[edge.kind])
        if edge.label is not None:
            attributes["label"] = " " + edge.label.replace("\n", "\\l") + (
                "\\l" if "\n" in edge.label else "")
        tail, head = edge.tail, edge.head
        if direction == "forward" and edge.kind != DETACH:
            tail, head = head, tail  # the way data flows: from the leaves to the output
        dot.edge(tail, head, **attributes)
    if legend:
        add_legend(dot, graphviz, graph, direction)
    return dot


def _layout_settings(graph: Graph) -> dict:
    """Pictures to read: inputs in order. Big graphs: fewer layout iterations, to stay fast.

    ``ordering=out`` puts a node's next_functions left to right in their order (self, then
    other), but it slows the layout. In big graphs placing boxes side by side (network
    simplex, bounded by ``nslimit``) is what grows fastest with size; ``mclimit`` halves the
    passes spent reducing edge crossings.
    """
    if len(graph.nodes) < 400:
        return {"ordering": "out"}
    return {"nslimit": "0.2", "mclimit": "0.5"}


def _add_nodes(dot, graph: Graph, options: dict, graphviz) -> None:
    """Nodes go in nested clusters (``group_by=model``), in walk order within each."""
    clusters: dict[str, object] = {}
    members: dict[str | None, list] = {}
    for box in graph.nodes:
        members.setdefault(_cluster_of(getattr(box, "group", None), graph), []).append(box)
    for box in members.pop(None, []):
        dot.node(box.id, **node_attributes(box, graph, options))
    for number, qualname in enumerate(sorted(graph.groups, key=_depth_then_name), start=1):
        clusters[qualname] = graphviz.Digraph(
            f"cluster_{number}",
            graph_attr={"label": escape_plain(graph.groups[qualname]), "style": "rounded,filled",
                        "fillcolor": "#f8f9fa", "color": "#adb5bd", "fontsize": "11",
                        "labeljust": "l"},
        )
        for box in members.get(qualname, []):
            clusters[qualname].node(box.id, **node_attributes(box, graph, options))
    for qualname in sorted(clusters, key=_depth_then_name, reverse=True):  # innermost first
        parent = _parent_cluster(qualname, graph)
        (clusters[parent] if parent is not None else dot).subgraph(clusters[qualname])


def _cluster_of(group: str | None, graph: Graph) -> str | None:
    while group is not None and group not in graph.groups:
        group = _parent(group)
    return group


def _parent(qualname: str) -> str | None:
    return qualname.rsplit(".", 1)[0] if "." in qualname else None


def _parent_cluster(qualname: str, graph: Graph) -> str | None:
    return _cluster_of(_parent(qualname), graph)


def _depth_then_name(qualname: str) -> tuple:
    return (qualname.count("."), qualname)


def escape_plain(text: str) -> str:
    return text.replace("\\", "\\\\")


def add_legend(dot, graphviz, graph: Graph, direction: str) -> None:
    """A small key under the picture: sample boxes in two short rows, then what arrows mean.

    A row of all seven samples beside the graph would be wider than most graphs; two rows
    under it (invisible arrows from the lowest boxes keep the key below them) add height,
    not width.
    """
    legend = graphviz.Digraph(
        "cluster_legend",
        graph_attr={"label": "Legend", "style": "rounded", "color": "#adb5bd", "fontsize": "11"},
        node_attr={"fontsize": "10", "height": "0.3"},
    )
    samples = [(f"legend_{kind}", KIND_WORDS[kind], style, fill, width)
               for kind, (fill, style, width) in TENSOR_STYLES.items()]
    samples += [("legend_function", "grad_fn node", "filled,rounded", FUNCTION_FILL, "1"),
                ("legend_accumulate", "AccumulateGrad", "filled,rounded", ACCUMULATE_FILL, "1")]
    rows = [samples[:4], samples[4:]]
    for number, row in enumerate(rows):
        same_rank = graphviz.Digraph(f"legend_row_{number}", graph_attr={"rank": "same"})
        for name, label, style, fill, width in row:  # boxes: records cannot sit side by side
            same_rank.node(name, shape="box", label=label, style=style, fillcolor=fill,
                           penwidth=width)
        for (left, *_), (right, *_) in itertools.pairwise(row):
            same_rank.edge(left, right, style="invis")  # keeps the samples in this order
        legend.subgraph(same_rank)
    text = "".join(f"{escape(what)}: {escape(means)}\\l" for what, means in LEGEND_EDGES)
    legend.node("legend_edges", label=text, shape="plaintext")
    legend.edge(rows[0][0][0], rows[1][0][0], style="invis")  # second row under the first
    legend.edge(rows[1][0][0], "legend_edges", style="invis")  # the arrows' key under both
    dot.subgraph(legend)
    for box_id in _lowest_boxes(graph, direction):
        dot.edge(box_id, rows[0][0][0], style="invis", weight="0")


def _lowest_boxes(graph: Graph, direction: str) -> list[str]:
    """The boxes no arrow leaves (in the drawn direction): the key goes under all of them."""
    leaves = {edge.head if direction == "forward" else edge.tail
              for edge in graph.edges if edge.kind != DETACH}
    return [box.id for box in graph.nodes if box.id not in leaves]


def require_graphviz():
    """The ``graphviz`` package, or an error that says how to install it."""
    try:
        import graphviz
    except ImportError as error:
        raise ImportError(
            "Drawing graphs needs the 'graphviz' Python package: "
            "pip install 'minigrad-lab[viz]'"
        ) from error
    return graphviz
