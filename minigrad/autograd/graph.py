"""The nodes of the backward graph: what ``tensor.grad_fn`` points at.

A forward op that involves a tensor requiring grad leaves behind one ``Node``.
The node remembers where each input's gradient must go next (``next_functions``)
and what it needs to compute those gradients (its saved tensors). ``backward()``
walks these nodes from the output back to the leaves, where ``AccumulateGrad``
nodes add the arriving gradient into ``leaf.grad``.
"""
from __future__ import annotations

import itertools
import re
import weakref

from .anomaly_mode import _anomaly
from .grad_mode import _state

next_sequence_nr = itertools.count().__next__

# PyTorch's words, so that a learner can search for them.
FREED_ERROR = (
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you call "
    ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
    "graph a second time or if you need to access saved tensors after calling backward."
)


class Node:
    """A step of the backward pass (PyTorch's ``grad_fn`` objects).

    ``next_functions`` has one ``(node, input_nr)`` pair per input of the forward op:
    the node that receives this input's gradient, or ``(None, 0)`` when the input
    needs no gradient.
    """

    # Hooks are rare: they live on the class as empty defaults until one is registered.
    _hooks: list = []
    _pre_hooks: list = []
    _tensor_pre_hooks: dict = {}  # output_nr -> hooks registered with tensor.register_hook
    _retains_grad: dict = {}  # output_nr -> weakref to a tensor that called retain_grad()
    _metadata = None

    next_functions: tuple = ()
    _output_meta: tuple = ()  # (shape, dtype) of each output, to make zero gradients
    _num_outputs = 0  # how many gradients the node receives: one per output of the forward op
    _output_refs: tuple = ()  # weakrefs to the outputs (for drawing; never keeps them alive)
    # Numbered as they join a graph (``next_sequence_nr``): nodes made later run earlier,
    # so backward visits ops in reverse order of creation.
    _sequence_nr = 0

    # PyTorch's hand-written C++ nodes have a qualified name(), e.g.
    # "torch::autograd::AccumulateGrad", while their type is plain AccumulateGrad.
    _qualified_name = None

    def name(self) -> str:
        return self._qualified_name or type(self).__name__

    def apply(self, *grad_outputs):
        """Gradients of the inputs, given the gradients of the outputs."""
        raise NotImplementedError

    def __call__(self, *grad_outputs):
        return self.apply(*grad_outputs)

    def register_hook(self, hook):
        """``hook(grad_inputs, grad_outputs)`` runs after this node; it may return new ones."""
        if "_hooks" not in self.__dict__:
            self._hooks = []
        self._hooks.append(hook)
        return _RemovableHandle(self._hooks, hook)

    def register_prehook(self, hook):
        """``hook(grad_outputs)`` runs before this node; it may return new grad_outputs."""
        if "_pre_hooks" not in self.__dict__:
            self._pre_hooks = []
        self._pre_hooks.append(hook)
        return _RemovableHandle(self._pre_hooks, hook)

    @property
    def metadata(self) -> dict:
        if self._metadata is None:
            self._metadata = {}
        return self._metadata

    def _release_saved(self):
        """Drop what was saved for backward (called after a backward without retain_graph)."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {hex(id(self))}>"

    def _repr_pretty_(self, printer, cycle) -> None:
        """Jupyter and IPython show PyTorch's nodes as ``<MulBackward0 at 0x...>``: so do we."""
        printer.text(f"<{type(self).__name__} at {hex(id(self))}>")


class AccumulateGrad(Node):
    """The last stop of a gradient: adds it into the leaf tensor's ``.grad``."""

    _qualified_name = "torch::autograd::AccumulateGrad"
    _num_outputs = 1

    # Run as soon as their gradient is complete, before any other ready node (as PyTorch does).
    _sequence_nr = float("inf")

    def __init__(self, variable):
        self.variable = variable

    @property
    def _output_meta(self) -> tuple:
        """The leaf's shape and dtype now (``leaf.data = ...`` may have changed them)."""
        return ((self.variable._data.shape, self.variable._data.dtype),)

    @property
    def _tensor_pre_hooks(self) -> dict:
        """A leaf's hooks live on the leaf itself (they outlive any one graph)."""
        hooks = self.variable._backward_hooks
        return {0: hooks} if hooks else {}

    def apply(self, grad):
        leaf = self.variable
        if leaf._grad is None:
            # A fresh copy: the same gradient object may also have gone to another leaf.
            if _state.enabled:  # create_graph=True: a recorded copy, CopyBackwards in PyTorch
                from ..ops.arithmetic import Copy

                leaf._grad = Copy.apply(grad.detach(), grad)
            else:
                leaf._grad = type(grad)._make(grad._data.copy())
        elif _state.enabled:  # create_graph=True: keep the sum differentiable
            leaf._grad = leaf._grad + grad
        else:
            leaf._grad._data += grad._data  # in place, like PyTorch
        return ()


class SavedTensor:
    """A tensor kept for backward, with the version it had when it was saved.

    Saving an op's own output would make a cycle (output -> grad_fn -> output), so for
    outputs only the array and the version counter are kept; unpacking rebuilds a
    tensor whose ``grad_fn`` is the saving node, as PyTorch does.
    """

    __slots__ = ("tensor", "data", "version_counter", "saved_version", "requires_grad", "node")

    def __init__(self, tensor, node=None):
        self.version_counter = tensor._version_counter
        self.saved_version = tensor._version_counter.version
        if node is None:
            self.tensor, self.data, self.node = tensor, None, None
        else:  # an output of `node`
            self.tensor, self.data, self.node = None, tensor._data, weakref.ref(node)
        self.requires_grad = tensor._requires_grad

    def unpack(self):
        if self.version_counter.version != self.saved_version:
            raise RuntimeError(self._modified_message())
        if self.tensor is not None:
            return self.tensor
        from ..tensor import Tensor

        out = Tensor._make(self.data, requires_grad=self.requires_grad)
        out._version_counter = self.version_counter
        out.grad_fn = self.node() if self.requires_grad else None
        return out

    def _modified_message(self) -> str:
        if self.tensor is not None:
            shape, dtype, grad_fn = self.tensor.shape, self.tensor.dtype, self.tensor.grad_fn
        else:
            shape, dtype, grad_fn = self.data.shape, None, self.node()
            from ..dtypes import from_numpy_dtype

            dtype = from_numpy_dtype(self.data.dtype)
        what = f"[torch.{dtype.legacy_name} [{', '.join(map(str, shape))}]]"
        if grad_fn is not None:
            op_name = re.sub(r"Backward\d*$", "", grad_fn.name())  # MulBackward0 -> Mul
            what += f", which is output 0 of {op_name},"
        if _anomaly.enabled:  # the warning before this error shows where the node was made
            hint = (
                "Hint: the backtrace further above shows the operation that failed to compute its "
                "gradient. The variable in question was changed in there or anywhere later. Good "
                "luck!"
            )
        else:
            hint = (
                "Hint: enable anomaly detection to find the operation that failed to compute its "
                "gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
            )
        return (
            "one of the variables needed for gradient computation has been modified by an "
            f"inplace operation: {what} is at version {self.version_counter.version}; expected "
            f"version {self.saved_version} instead. {hint}"
        )


class _RemovableHandle:
    """What ``register_hook`` returns: ``handle.remove()`` unregisters the hook."""

    def __init__(self, hooks: list, hook):
        self._hooks, self._hook = hooks, hook

    def remove(self):
        if self._hook in self._hooks:
            self._hooks.remove(self._hook)
