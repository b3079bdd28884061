"""Extras on a walked graph: module clusters, highlighted boxes, labels on the arrows.

Each needs the real tensors and nodes (to match them by identity), so it runs right after
the walk, while ``walk._Walker`` still holds them.
"""
from __future__ import annotations

from . import values
from .graph import GRAD_FN, NEXT, VARIABLE, FunctionBox, Graph, TensorBox


def highlight(graph: Graph, walker, targets) -> None:
    """Mark the boxes of these nodes / tensors (a list, or one of them) as highlighted."""
    if targets is None:
        return
    if not isinstance(targets, (list, tuple, set)):
        targets = [targets]
    for target in targets:
        box_id = walker.box_of.get(id(target))
        if box_id is not None:
            graph.node(box_id).highlighted = True


def label_edges(graph: Graph, walker, edge_labels) -> None:
    """``edge_labels[(node, next_node)]`` becomes the label of that gradient-flow arrow."""
    if not edge_labels:
        return
    wanted = {(id(tail), id(head)): str(label) for (tail, head), label in edge_labels.items()}
    for edge in graph.edges:
        if edge.kind == NEXT:
            tail, head = walker.object_for(edge.tail), walker.object_for(edge.head)
            label = wanted.get((id(tail), id(head)))
            if label is not None:
                edge.label = label


def label_gradients(graph: Graph, walker, recording) -> None:
    """Write on each arrow the gradient that flowed along it (from ``record_gradients``).

    A grad_fn's arrows get what it sent to each of its next_functions; an AccumulateGrad's
    arrow to its leaf gets what it added into ``.grad``; a tensor's arrow to its grad_fn gets
    the tensor's own gradient (what arrived at that output of the node).
    """
    if recording is None:
        return
    for edge in graph.edges:
        tail = walker.object_for(edge.tail)
        if edge.kind == NEXT:
            grads = recording.sent(tail)
            grad = grads[edge.index] if grads is not None and edge.index < len(grads) else None
        elif edge.kind == VARIABLE:
            grads = recording.received(tail)
            grad = grads[0] if grads else None
        elif edge.kind == GRAD_FN and edge.head in walker.object_of:
            grads = recording.received(walker.object_for(edge.head))
            nr = tail.output_nr
            grad = grads[nr] if grads is not None and nr < len(grads) else None
        else:
            continue
        if grad is not None:
            edge.label = values.format_array(grad, threshold=6)


def group_by_module(graph: Graph, walker, model) -> None:
    """Put each module's parameters, and the ops that use them, in a cluster of its own.

    An op belongs to module M when its inputs come only from M's parameters (``TBackward0``
    of a weight), or when it takes some of them and nothing from another module's (the
    ``AddmmBackward0`` of a Linear layer also takes the layer's input).
    """
    owner, titles = _module_of_parameters(model)
    pure = _pure_modules(walker, owner)
    for box in graph.nodes:
        obj = walker.object_for(box.id)
        if isinstance(box, TensorBox):
            box.group = owner.get(id(obj))
        elif isinstance(box, FunctionBox):
            box.group = _group_of_node(obj, pure)
    for box in graph.nodes:  # intermediates go with the op that made them
        if isinstance(box, TensorBox) and box.group is None and box.grad_fn_id is not None:
            box.group = graph.node(box.grad_fn_id).group
    used = {box.group for box in graph.nodes if getattr(box, "group", None) is not None}
    for qualname in sorted(used):
        parts = qualname.split(".")
        for depth in range(1, len(parts) + 1):  # the enclosing modules get clusters too
            prefix = ".".join(parts[:depth])
            if prefix in titles:
                graph.groups.setdefault(prefix, titles[prefix])


def _module_of_parameters(model) -> tuple[dict, dict]:
    owner, titles = {}, {}
    for qualname, module in model.named_modules():
        title = f"{type(module).__name__}"
        extra = module.extra_repr() if hasattr(module, "extra_repr") else ""
        title += f"({extra})" if extra else ""
        titles[qualname] = f"{qualname}: {title}" if qualname else title
        for _, parameter in _own_parameters(module):
            owner.setdefault(id(parameter), qualname)
    return owner, titles


def _own_parameters(module):
    try:
        return list(module.named_parameters(recurse=False))
    except TypeError:  # a module API without recurse=: read its own table
        return list(getattr(module, "_parameters", {}).items())


def _pure_modules(walker, owner: dict) -> dict:
    """id(node) -> the module all its inputs come from, for nodes fed only by parameters."""
    pure: dict[int, str | None] = {}
    for root in [walker.object_for(box_id) for box_id in walker.object_of]:
        if not hasattr(root, "next_functions"):
            continue
        stack = [(root, False)]
        while stack:  # post-order without recursion: children first
            node, expanded = stack.pop()
            if id(node) in pure:
                continue
            children = [c for c, _ in node.next_functions if c is not None]
            if hasattr(node, "variable"):
                pure[id(node)] = owner.get(id(node.variable))
            elif len(children) < len(node.next_functions):
                pure[id(node)] = None  # also takes an input needing no grad: not parameters only
            elif not expanded:
                stack.append((node, True))
                stack.extend((c, False) for c in children if id(c) not in pure)
            else:
                found = {pure.get(id(c)) for c in children}
                pure[id(node)] = found.pop() if len(found) == 1 else None
    return pure


def _group_of_node(node, pure: dict) -> str | None:
    if pure.get(id(node)) is not None:
        return pure[id(node)]
    found = {pure.get(id(c)) for c, _ in node.next_functions if c is not None}
    found.discard(None)
    return found.pop() if len(found) == 1 else None
