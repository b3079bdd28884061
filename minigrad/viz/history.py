"""One graph as it was at every step of a backward pass, from a single walk.

``BackwardStepper`` shows a picture per step. Walking the graph before every step would cost
steps x size; but backward changes only three things a walk reads (``walk.LiveState``):

* the ``.grad`` of leaves (and of tensors that called ``retain_grad()``),
* what each node saved: freed right after the node runs (unless ``retain_graph=True``),
* which intermediate tensors exist: one kept alive only by a node's saved tensors is
  garbage-collected when they are freed, and leaves the picture.

So ``GraphHistory`` walks the graph once, before backward, and keeps what the walk read: each
tensor's box, each node's saved values. An intermediate tensor is kept as a *stand-in*, a second
tensor object with the same data and ``grad_fn``, so that the original can still be freed when
backward frees it (a weak reference's callback notes the step). During backward it notes when
each node's saved tensors are freed and when a retained ``.grad`` changes; the leaves' ``.grad``
come from the recording. ``at(position)`` then gives a walk what it would have read at that step.
"""
from __future__ import annotations

import dataclasses
import functools
import sys
import weakref

from ..autograd.recording import BackwardRecording
from .graph import TensorBox
from .walk import LiveState, build_graph, grad_text, read_saved_values

NEVER = sys.maxsize  # a step number later than any step


class GraphHistory:
    """Made just before ``loss.backward()``; ``observe`` watches the backward pass.

    ``observe`` takes the events of ``minigrad.autograd.observe_backward`` (or of
    ``record.observe_with_hooks``, for a PyTorch graph).
    """

    def __init__(self, loss, named: dict, steps: BackwardRecording):
        self.steps = steps  # the recording: how many steps ran, and the leaves' .grad
        self.kept = {id(loss)} | {id(tensor) for tensor in named.values()}  # alive anyway
        self.boxes: dict[int, TensorBox] = {}  # id(tensor) -> its box before backward
        self.nodes: dict[int, object] = {}  # id(node) -> node
        self.saved_before: dict[int, list] = {}  # id(node) -> (SavedValue, value) pairs
        self.saved_after: dict[int, list] = {}  # ... once backward freed them
        self.freed_at: dict[int, int] = {}  # id(node) -> the step after which they were freed
        self.outputs: dict[int, list] = {}  # id(node) -> its outputs (stand-ins)
        self.gone_at: dict[int, int] = {}  # id(stand-in) -> the step that freed its original
        self.retained: dict[int, list] = {}  # id(tensor) -> [(position, .grad copy)]
        self.stand_in_for: dict[int, object] = {}  # id(original) -> stand-in, during backward
        self.watching: list = []  # weak references to the originals, during backward
        self.accumulated: dict[int, list] = {}  # id(leaf) -> its AccumulateGrad steps
        self.retaining: dict[int, list] = {}  # id(node) -> named tensors it made that retain grad
        for tensor in named.values():
            if getattr(tensor, "retains_grad", False) and tensor.grad_fn is not None:
                self.retaining.setdefault(id(tensor.grad_fn), []).append(tensor)
        build_graph([loss], list(named.items()), max_nodes=NEVER, state=_Capture(self))
        for node_id, pairs in self.saved_before.items():  # hold stand-ins, not the originals
            self.saved_before[node_id] = [(saved, self._swap(value)) for saved, value in pairs]

    def stand_in(self, tensor):
        """A tensor sharing ``tensor``'s data, ``grad_fn`` and state, but not keeping it alive."""
        if id(tensor) in self.kept:
            return tensor
        copy = type(tensor)._make(tensor._data, tensor._requires_grad)
        copy.grad_fn, copy._version_counter = tensor.grad_fn, tensor._version_counter
        copy.__dict__.update(tensor.__dict__)  # _output_nr, _base, _grad, ...
        self.stand_in_for[id(tensor)] = copy
        self.watching.append(weakref.ref(tensor, functools.partial(self._gone, id(copy))))
        return copy

    def _swap(self, value):
        """A saved value with each original tensor replaced by its stand-in."""
        if isinstance(value, (tuple, list)):
            return type(value)(self.stand_in_for.get(id(v), v) for v in value)
        return self.stand_in_for.get(id(value), value)

    def _gone(self, key: int, _original) -> None:
        """Weak reference callback: the original was just freed."""
        self.gone_at.setdefault(key, len(self.steps))

    def observe(self, event: str, node, grads) -> None:
        """Engine observer: the position is the number of steps recorded so far."""
        position = len(self.steps)
        if event == "saved_released" and id(node) in self.nodes:
            self.freed_at.setdefault(id(node), position)
        elif event == "node_started":  # the engine just wrote its outputs' retained .grad
            for tensor in self._retaining(node):
                if tensor.grad is not None:
                    key = id(self.stand_in_for.get(id(tensor), tensor))
                    grad = tensor.grad.detach().clone()  # later steps add to it in place
                    self.retained.setdefault(key, []).append((position, grad))

    def _retaining(self, node) -> list:
        """The tensors made by ``node`` that keep their ``.grad`` (``retain_grad()``)."""
        refs = getattr(node, "_retains_grad", None)
        if refs is not None:  # minigrad's nodes know them
            return [tensor for tensor in (ref() for ref in refs.values()) if tensor is not None]
        return self.retaining.get(id(node), [])  # PyTorch's do not: the named ones

    def finish(self) -> None:
        """After backward: read what the freed nodes show now; stop watching the originals."""
        for node_id in self.freed_at:
            self.saved_after[node_id] = read_saved_values(self.nodes[node_id])
        self.watching.clear()  # a tensor deleted later is no step of this backward
        self.stand_in_for.clear()
        for step in self.steps:
            if step.is_accumulate:
                self.accumulated.setdefault(id(step.leaf), []).append(step)

    def at(self, position: int) -> _StateAt:
        return _StateAt(self, position)

    def grad_at(self, key: int, position: int, before: str) -> str:
        """A tensor's ``grad`` text after ``position`` steps (``before``: before backward)."""
        changes = [(step.index, step.grad_after) for step in self.accumulated.get(key, ())]
        changes += self.retained.get(key, [])
        text = before
        for when, grad in sorted(changes, key=lambda change: change[0]):
            if when <= position:
                text = grad_text(grad)
        return text


class _Capture(LiveState):
    """The walk before backward: reads the live graph, and the history keeps what it read."""

    def __init__(self, history: GraphHistory):
        self.history = history

    def tensor_box(self, box_id: str, tensor) -> TensorBox:
        box = super().tensor_box(box_id, tensor)
        self.history.boxes[id(tensor)] = dataclasses.replace(box)  # the walk changes its own
        return box

    def saved_values(self, node) -> list:
        pairs = super().saved_values(node)
        self.history.nodes[id(node)] = node
        self.history.saved_before[id(node)] = [(dataclasses.replace(s), v) for s, v in pairs]
        return pairs

    def outputs(self, node) -> list:
        outputs = [self.history.stand_in(tensor) for tensor in super().outputs(node)]
        self.history.outputs[id(node)] = outputs
        return outputs


class _StateAt(LiveState):
    """What the walk would have read after ``position`` steps of the recorded backward."""

    def __init__(self, history: GraphHistory, position: int):
        self.history, self.position = history, position

    def tensor_box(self, box_id: str, tensor) -> TensorBox:
        box = self.history.boxes[id(tensor)]
        grad = self.history.grad_at(id(tensor), self.position, box.grad)
        return dataclasses.replace(box, id=box_id, grad=grad)

    def saved_values(self, node) -> list:
        freed = self.history.freed_at.get(id(node), NEVER) <= self.position
        pairs = (self.history.saved_after if freed else self.history.saved_before)[id(node)]
        return [(dataclasses.replace(saved), value) for saved, value in pairs]

    def outputs(self, node) -> list:
        return [tensor for tensor in self.history.outputs.get(id(node), ())
                if self.position < self.history.gone_at.get(id(tensor), NEVER)]
