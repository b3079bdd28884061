"""The graph as an indented text tree: for terminals, screen readers and notebook tests.

::

    t1 e: intermediate, shape [], float32, data = 24.0, grad = None, grad_fn = MulBackward0, ...
    f1 MulBackward0 (grad_fn of t1): _saved_self = 6.0 (c), _saved_other = 4.0 (d)
      t2 c (output of f1): intermediate, ...
      f2 MulBackward0 (next of f1): ...

Read it top-down, as ``backward()`` walks: one line per box, saying how it hangs off the
box it is listed under (``next of f1``), so the tree still reads right where deep graphs
stop indenting. A box seen before is written ``(... see above)``. Same graph, same text.
"""
from __future__ import annotations

from .graph import (
    DETACH,
    GRAD_FN,
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

INDENT = "  "
MAX_DEPTH = 20  # deeper boxes stay at this indentation (their lines name their parent)
OUTPUT = "output"
# How a box hangs off the box it is listed under.
RELATIONS = {
    NEXT: "next of {}", VARIABLE: "variable of {}", NONE: "next of {}", MORE: "next of {}",
    NO_GRAD: "saved by {}, no grad", DETACH: "shares data with {}", GRAD_FN: "grad_fn of {}",
    OUTPUT: "output of {}",
}


def describe(box, graph: Graph, show_data=True, show_grad=True, show_saved=True) -> str:
    """What a box says, after its id and title."""
    if isinstance(box, TensorBox):
        parts = [box.word, f"shape {box.shape}", box.dtype]
        if show_data:
            parts.append(f"data = {_flat(box.data)}")
        if show_grad:
            parts.append(f"grad = {_flat(box.grad)}")
        parts += [f"grad_fn = {box.grad_fn}", f"is_leaf = {box.is_leaf}",
                  f"requires_grad = {box.requires_grad}"]
        if box.retains_grad:
            parts.append("retains_grad = True")
        if box.version_matters:
            parts.append(f"_version = {box.version}")
        if box.note:
            parts.append(box.note)
        return ", ".join(parts)
    if isinstance(box, FunctionBox):
        if show_saved and box.saved:
            return ", ".join(_flat(saved.shown(graph)) for saved in box.saved)
        return ""
    if isinstance(box, NoneBox):
        return "an input that needs no gradient"
    assert isinstance(box, SummaryBox), f"unknown box {box!r}"
    return f"{box.count} more nodes not drawn (max_nodes={box.max_nodes})"


def _flat(text: str) -> str:
    """Multi-line array text on one line."""
    return " ".join(part.strip() for part in text.split("\n"))


def _heading(box, graph: Graph) -> str:
    if isinstance(box, TensorBox):
        heading = f"{box.id} {box.name}" if box.name else box.id
    elif isinstance(box, FunctionBox):
        heading = f"{box.id} {box.name}"
    elif isinstance(box, NoneBox):
        heading = "None"
    else:
        heading = "..."
    return ("[running] " if getattr(box, "highlighted", False) else "") + heading


def to_text(graph: Graph, **options) -> str:
    """The text tree of the whole graph: roots first, then any box not reached from them."""
    children: dict[str, list] = {}  # box id -> [(relation, child id, label)]
    for edge in graph.edges:
        children.setdefault(edge.tail, []).append((edge.kind, edge.head, edge.label))
        if edge.kind == GRAD_FN:  # also listed under the node: "t3 c (output of f2)"
            children.setdefault(edge.head, []).append((OUTPUT, edge.tail, edge.label))
    out, written = [], set()
    starts = graph.roots + [box.id for box in graph.nodes if box.id not in graph.roots]
    for start in starts:
        if start in written:
            continue
        stack = [(start, 0, None)]
        while stack:  # depth-first, with a stack: graphs can be thousands of nodes deep
            box_id, depth, via = stack.pop()
            box = graph.node(box_id)
            line = INDENT * min(depth, MAX_DEPTH) + _heading(box, graph)
            if via is not None:
                relation, parent, label = via
                grad = f", grad {_flat(label)}" if label else ""
                line += f" ({RELATIONS[relation].format(parent)}{grad})"
            if box_id in written:
                out.append(line[:-1] + ", see above)" if via else line + " (see above)")
                continue
            written.add(box_id)
            text = describe(box, graph, **options)
            out.append(f"{line}: {text}" if text else line)
            parent = via[1] if via else None
            below = [c for c in children.get(box_id, ()) if c[1] != parent]  # not back up
            for relation, child, label in reversed(below):
                stack.append((child, depth + 1, (relation, box_id, label)))
    return "\n".join(out) + "\n"
