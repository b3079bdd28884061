"""Watch the backward engine work: a record of every step it takes.

::

    with minigrad.autograd.recording.record_backward() as steps:
        loss.backward()
    for step in steps:
        print(step.name, step.received, [sent.grad for sent in step.sent])

The records come from the real engine running the real backward (through
``engine.observe_backward``), so what they show is what ``backward()`` did: which node ran,
the gradients it received, what it sent along each ``next_functions`` edge, what
``AccumulateGrad`` added into a leaf's ``.grad``, and which saved tensors were freed.
Every tensor in a record is a copy taken at that moment, so later in-place changes (a
second backward adds into ``.grad`` in place) do not rewrite history.

``BackwardRecording.observe`` only reads PyTorch's names (``node.name()``,
``next_functions``, ``variable``, ``_saved_<name>``), so the same record can be filled from
PyTorch's node hooks (``minigrad.viz.gradient_flow.observe_with_hooks``).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from . import engine
from .graph import AccumulateGrad, Node

__all__ = ["BackwardRecording", "BackwardStep", "SentGradient", "record_backward"]


@dataclass(frozen=True)
class SentGradient:
    """The gradient a node sent along one of its ``next_functions`` edges.

    ``node`` is ``None`` when that input needs no gradient (then ``grad`` is ``None`` too).
    """

    node: Node | None
    input_nr: int
    grad: Any  # a Tensor copy, or None

    def __repr__(self) -> str:
        where = "None" if self.node is None else self.node.name()
        return f"{_short(self.grad)} -> {where}"


@dataclass
class BackwardStep:
    """One node run by the engine, in the order the engine ran it."""

    index: int  # 1 for the first node run, as a learner counts
    node: Node
    name: str  # node.name(), e.g. "MulBackward0"
    received: tuple  # gradients that arrived, one per output of the forward op
    sent: tuple = ()  # SentGradient per next_functions edge
    saved: dict = field(default_factory=dict)  # what backward could read: name -> value
    saved_tensor_names: tuple = ()  # which of those are saved tensors (freeing drops them)
    released: tuple = ()  # names of saved tensors freed right after this step
    leaf: Any = None  # AccumulateGrad only: the leaf tensor whose .grad it updates
    grad_before: Any = None  # AccumulateGrad only: copy of leaf.grad before ...
    grad_after: Any = None  # ... and after the step

    @property
    def is_accumulate(self) -> bool:
        return _is_accumulate(self.node)

    def __repr__(self) -> str:
        parts = [str(self.index), self.name, f"received={_tuple(self.received)}"]
        if self.is_accumulate:
            parts.append(f"grad: {_short(self.grad_before)} -> {_short(self.grad_after)}")
        else:
            parts.append(f"sent={_tuple(self.sent, repr)}")
        if self.released:
            parts.append(f"released={self.released!r}")
        return f"BackwardStep({', '.join(parts)})"


class BackwardRecording(list):
    """The list of ``BackwardStep`` records of one or more backward calls.

    ``starts`` has, for each backward call, the initial gradients it handed to the
    outputs' nodes (``SentGradient`` per output), e.g. 1.0 for ``loss.backward()``.
    """

    def __init__(self):
        super().__init__()
        self.starts: list[tuple] = []
        self._running: list[BackwardStep] = []  # a stack: hooks may run a nested backward

    def leaves(self) -> list:
        """The leaf tensors whose ``.grad`` the recorded backward updated, in that order."""
        seen = []
        for step in self:
            if step.is_accumulate and not any(step.leaf is leaf for leaf in seen):
                seen.append(step.leaf)
        return seen

    def grad_as_of(self, leaf, position: int):
        """A copy of ``leaf.grad`` as it was after the first ``position`` steps."""
        value, known = None, False
        for step in self:
            if not (step.is_accumulate and step.leaf is leaf):
                continue
            if step.index <= position:
                value, known = step.grad_after, True
            elif not known:
                return step.grad_before  # not reached yet: what it held before backward
        return value

    def observe(self, event: str, node: Node, grads: tuple) -> None:
        """An ``engine.observe_backward`` callback: turns the engine's events into steps."""
        if isinstance(node, engine.GraphRoot):
            if event == "node_finished":
                self.starts.append(_sent(node, grads))
            return
        if event == "node_started":
            step = BackwardStep(0, node, node.name(), tuple(map(_copy, grads)), saved=_saved(node))
            step.saved_tensor_names = tuple(_tensor_names(node, step.saved))
            if _is_accumulate(node):
                step.leaf = node.variable
                step.grad_before = _copy(node.variable.grad)
            self._running.append(step)
        elif event == "node_finished":
            step = self._running.pop()
            step.sent = _sent(node, grads)
            if step.leaf is not None:
                step.grad_after = _copy(step.leaf.grad)
            step.index = len(self) + 1
            self.append(step)
        elif event == "saved_released":
            for step in reversed(self):
                if step.node is node:
                    step.released = step.saved_tensor_names
                    break


@contextmanager
def record_backward() -> Iterator[BackwardRecording]:
    """Record every step of the backward passes run inside the ``with`` block."""
    steps = BackwardRecording()
    with engine.observe_backward(steps.observe):
        yield steps


def _is_accumulate(node) -> bool:
    """An ``AccumulateGrad`` node, minigrad's or PyTorch's (the only nodes with a ``variable``)."""
    return isinstance(node, AccumulateGrad) or hasattr(node, "variable")


def _copy(value):
    """A detached copy of a tensor (None stays None): a record must not change later."""
    return None if value is None else value.detach().clone()


def _sent(node: Node, grads: tuple) -> tuple:
    return tuple(
        SentGradient(next_node, input_nr, _copy(grad))
        for (next_node, input_nr), grad in zip(node.next_functions, grads, strict=True)
    )


def _saved(node: Node) -> dict:
    """What the node saved for backward, by PyTorch's names (``grad_fn._saved_<name>``)."""
    saved = {}
    names = getattr(node, "saved_names", None)
    if names is None:  # a PyTorch node: its _saved_<name> attributes
        names = [a.removeprefix("_saved_") for a in dir(node) if a.startswith("_saved_")]
    # The op's self first, then the rest by name: the same order for both libraries.
    for name in sorted(names, key=lambda name: (not name.startswith("self"), name)):
        try:
            value = getattr(node, f"_saved_{name}")
        except RuntimeError:  # already freed, or modified in place: backward will say so
            continue
        saved[name] = _copy(value) if hasattr(value, "detach") else value
    return saved


def _tensor_names(node: Node, saved: dict) -> list:
    """Names of the saved *tensors* (not plain numbers like ``alpha``): what freeing drops."""
    attributes = getattr(node, "__dict__", {}).get("_saved_attributes", {})
    return [name for name in saved if name not in attributes and hasattr(saved[name], "detach")]


def _short(value) -> str:
    """``tensor(4.)`` for a tensor, ``None`` for None: what the reprs above show."""
    return "None" if value is None else repr(value)


def _tuple(values: tuple, show=_short) -> str:
    inside = ", ".join(map(show, values))
    return f"({inside},)" if len(values) == 1 else f"({inside})"
