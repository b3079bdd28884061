"""The gradient flow of a backward pass: what each edge carried, to write on the picture.

::

    with minigrad.viz.record_gradients() as flow:
        loss.backward()
    minigrad.viz.draw(loss, grad_flow=flow)   # each arrow labelled with its gradient

Without arguments the recording reads minigrad's engine through
``minigrad.autograd.recording.record_backward`` (the same record the backward stepper uses).
Given the tensors whose graph to watch, ``record_gradients(loss)``, it registers hooks on
that graph's nodes instead (``observe_with_hooks``), which also works for PyTorch tensors.
"""
from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from . import values


class GradientFlow:
    """What each node received and sent during the recorded backward passes (the last one wins).

    Values are NumPy copies taken when the node ran, so later changes do not rewrite them.
    Nodes are held weakly where they allow it (minigrad's do), so a recording does not keep
    a graph alive.
    """

    def __init__(self):
        self._received = _NodeMap()  # node -> gradients that arrived, one per forward output
        self._sent = _NodeMap()  # node -> gradients sent, one per next_functions entry
        self.order: list[str] = []  # node names in the order the engine ran them

    def received(self, node) -> tuple | None:
        return self._received.get(node)

    def sent(self, node) -> tuple | None:
        return self._sent.get(node)

    def __len__(self) -> int:
        return len(self.order)

    def __repr__(self) -> str:
        return f"<GradientFlow of {len(self.order)} node runs>"

    def _node_started(self, node, grads) -> None:
        self._received.set(node, tuple(map(_copy, grads)))

    def _node_finished(self, node, grads) -> None:
        self._sent.set(node, tuple(map(_copy, grads)))
        self.order.append(node.name().removeprefix("torch::autograd::"))

    def observe(self, event: str, node, grads) -> None:
        """An ``observe_with_hooks`` callback."""
        if event == "node_started":
            self._node_started(node, grads)
        elif event == "node_finished":
            self._node_finished(node, grads)

    def _add_steps(self, steps) -> None:
        """Take in the steps ``record_backward`` saw, in the order the engine ran them."""
        for step in steps:
            self._node_started(step.node, step.received)
            self._node_finished(step.node, [sent.grad for sent in step.sent])


@contextmanager
def record_gradients(*roots) -> Iterator[GradientFlow]:
    """Record the gradients flowing during the backward passes run in the ``with`` block.

    With no ``roots`` it listens to minigrad's engine (the recording is filled when the block
    ends); with tensors (minigrad or PyTorch) it hooks every node of their graphs, e.g.
    ``with record_gradients(loss) as flow:``.
    """
    recording = GradientFlow()
    if not roots:
        from ..autograd.recording import record_backward

        with record_backward() as steps:
            try:
                yield recording
            finally:
                recording._add_steps(steps)  # copies: the steps, and their nodes, are let go
        return
    with observe_with_hooks(roots, recording.observe):
        yield recording


@contextmanager
def observe_with_hooks(roots, callback, retain_graph: bool = True) -> Iterator:
    """``minigrad.autograd.observe_backward`` for the graph behind ``roots``, PyTorch's too.

    PyTorch's engine takes no observer, but each of its nodes takes hooks: a pre-hook sees
    the gradients a node received (``"node_started"``), a hook what it sends
    (``"node_finished"``). PyTorch frees a node's saved tensors right after its hooks ran,
    unless ``retain_graph`` (reading them then raises), so without ``retain_graph`` a
    ``"saved_released"`` follows each ``"node_finished"``, as minigrad's engine sends it.
    """
    handles = []
    try:
        for node in _nodes_of(roots):
            handles.append(node.register_prehook(_pre_hook(callback, node)))
            handles.append(node.register_hook(_post_hook(callback, node, not retain_graph)))
        yield callback
    finally:
        for handle in handles:
            handle.remove()


def _pre_hook(callback, node):
    def hook(grad_outputs):
        callback("node_started", node, tuple(grad_outputs))
    return hook


def _post_hook(callback, node, frees: bool):
    def hook(grad_inputs, grad_outputs):
        callback("node_finished", node, tuple(grad_inputs))
        if frees:
            callback("saved_released", node, ())
    return hook


def _nodes_of(roots) -> list:
    """Every node reachable from the roots' grad_fn, each once."""
    stack = [t.grad_fn for t in roots if getattr(t, "grad_fn", None) is not None]
    seen, nodes = set(), []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        nodes.append(node)
        stack.extend(child for child, _ in node.next_functions if child is not None)
    return nodes


def _copy(grad):
    return None if grad is None else values.to_numpy(grad).copy()


class _NodeMap:
    """A dict keyed by node identity: weak keys when the node allows it (PyTorch's do not)."""

    def __init__(self):
        self._weak = weakref.WeakKeyDictionary()
        self._strong: dict[int, tuple] = {}  # id(node) -> (node, value); the node keeps id valid

    def set(self, node, value) -> None:
        try:
            self._weak[node] = value
        except TypeError:
            self._strong[id(node)] = (node, value)

    def get(self, node):
        try:
            return self._weak.get(node)
        except TypeError:
            entry = self._strong.get(id(node))
            return None if entry is None else entry[1]
