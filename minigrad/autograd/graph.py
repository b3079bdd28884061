"""The nodes of the backward graph: what ``tensor.grad_fn`` points at.

A forward op that involves a tensor requiring grad leaves behind one ``Node``.
The node remembers where each input's gradient must go next (``next_functions``)
and what it needs to compute those gradients (its saved tensors). ``backward()``
walks these nodes from the output back to the leaves, where ``AccumulateGrad``
nodes add the arriving gradient into ``leaf.grad``.
"""
from __future__ import annotations

import contextlib
import itertools
import re
import weakref

from .anomaly_mode import _anomaly
from .grad_mode import _state
from .results import is_tensor, tensor_of

next_sequence_nr = itertools.count().__next__

# PyTorch's words, so that a learner can search for them.
NON_LEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad field "
    "to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you "
    "access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
    "github.com/pytorch/pytorch/pull/30531 for more information."
)

GRAD_DTYPE_ADVICE = (
    "The gradient must match the tensor's grad_dtype (defaults to the tensor's dtype). You can set "
    "the tensor's grad_dtype attribute with a specific dtype, or None to allow any dtype. Set "
    "grad_dtype with caution. Diverging the dtypes of a tensor and its gradient may break "
    "downstream systems that assume they match."
)
FREED_ERROR = (
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you call "
    ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
    "graph a second time or if you need to access saved tensors after calling backward."
)
REGISTER_AFTER_FREE_ERROR = (
    "Calling register_hooks on a saved tensor after it has been freed. Saved intermediate values "
    "of the graph are freed when you call .backward() or autograd.grad(). Specify "
    "retain_graph=True if you need to backward through the graph a second time or if you need "
    "to access saved variables after calling backward."
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
        hooks = leaf._post_accumulate_grad_hooks
        if hooks:  # tensor.register_post_accumulate_grad_hook: .grad is complete now
            for hook in hooks:
                if hook(leaf) is not None:
                    raise RuntimeError("Tensor post accumulate grad hooks should return None.")
        return ()


class SavedTensor:
    """A tensor kept for backward, with the version it had when it was saved.

    Saving an op's own output would make a cycle (output -> grad_fn -> output), so for
    outputs only the array and the version counter are kept; unpacking rebuilds a
    tensor whose ``grad_fn`` is the saving node, as PyTorch does.

    With saved-tensor hooks (``saved_tensors_hooks``, or ``register_hooks`` on
    ``grad_fn._raw_saved_<name>``) the tensor is not kept at all: ``pack_hook(tensor)``
    returns some object (a copy, a file name...) and ``unpack_hook(that object)`` must give
    the values back each time backward or ``grad_fn._saved_<name>`` reads them.
    """

    __slots__ = ("tensor", "data", "version_counter", "saved_version", "requires_grad", "node",
                 "unpack_hook", "packed", "grad_fn", "output_nr", "grad_accumulator")

    def __init__(self, tensor, node=None):
        self.version_counter = tensor._version_counter
        self.saved_version = tensor._version_counter.version
        if node is None:
            self.tensor, self.data, self.node = tensor, None, None
        else:  # an output of `node`
            self.tensor, self.data, self.node = None, tensor._data, weakref.ref(node)
        self.requires_grad = tensor._requires_grad
        self.unpack_hook = None

    @classmethod
    def of_none(cls):
        """What ``grad_fn._raw_saved_<name>`` shows for an input that was not needed (None)."""
        saved = cls.__new__(cls)
        saved.tensor = saved.data = saved.version_counter = saved.unpack_hook = None
        return saved

    def unpack(self):
        if self.unpack_hook is not None:
            return self._unpack_with_hook()
        if self.tensor is None and self.data is None:  # freed by backward, or a saved None
            if self.version_counter is None:
                return None
            raise RuntimeError(FREED_ERROR)
        if self.version_counter.version != self.saved_version:
            raise RuntimeError(self._modified_message())
        if self.tensor is not None:
            return self.tensor
        out = tensor_of(self.data, requires_grad=self.requires_grad)
        out._version_counter = self.version_counter
        out.grad_fn = self.node() if self.requires_grad else None
        return out

    def rebind(self, tensor) -> None:
        """Save ``tensor``, which an in-place op has just written this output's values into.

        ``x.exp_()`` saves its result, then copies it into ``x``: from now on the node reads
        ``x``'s memory, and a later change to ``x`` must count against it.
        """
        self.data, self.version_counter = tensor._data, tensor._version_counter
        self.saved_version = tensor._version_counter.version

    def release(self) -> None:
        """Drop the saved value (backward has used it): the array, or what pack_hook returned."""
        self.tensor = self.data = self.packed = self.unpack_hook = None

    # ----- saved-tensor hooks -----------------------------------------------------------------

    def register_hooks(self, *hooks) -> None:
        """Pack this saved tensor now with ``pack_hook``; unpack it with ``unpack_hook`` later."""
        if len(hooks) != 2 or not all(callable(hook) for hook in hooks):
            raise TypeError(_incompatible_arguments("register_hooks", "self: SavedTensor, "))
        if self.unpack_hook is not None:
            raise RuntimeError(
                "Calling register_hooks on a saved tensor whose hooks have already been set. "
                "Hint: only one pair of hooks is allowed at a time."
            )
        if self.tensor is None and self.data is None:
            if self.version_counter is None:
                raise RuntimeError(
                    "Calling register_hooks on a saved tensor with value None is forbidden"
                )
            raise RuntimeError(REGISTER_AFTER_FREE_ERROR)
        if self.tensor is not None:
            detached = self.tensor.detach()
        else:  # an output: only its array and version counter were kept
            detached = tensor_of(self.data)
            detached._version_counter = self.version_counter
        self.pack(*hooks, detached)  # here pack_hook sees the values only, cut from the graph

    def pack(self, pack_hook, unpack_hook, tensor) -> None:
        """Hand ``tensor`` to ``pack_hook`` and keep only what it returns (and the graph links)."""
        source = self.tensor
        if source is not None:  # an input: the unpacked tensor takes its place in the graph
            self.grad_fn, self.output_nr = source.grad_fn, source._output_nr
            self.grad_accumulator = source._grad_accumulator
        else:  # an output: its grad_fn is the saving node, held weakly in self.node
            self.grad_fn, self.output_nr, self.grad_accumulator = None, tensor._output_nr, None
        version = tensor._version_counter.version
        recording, _state.enabled = _state.enabled, False  # packing is not part of the graph
        try:
            self.packed = pack_hook(tensor)
        finally:
            _state.enabled = recording
        if tensor._version_counter.version != version:
            raise RuntimeError(
                "A saved tensor pack hook is modifying its input in place. Tensors provided as "
                "input to pack hook cannot be modified by in-place operations as this can lead "
                "to unexpected side-effects. Please open an issue if you need to perform "
                "in-place operations on the input to a pack hook."
            )
        self.unpack_hook = unpack_hook
        self.tensor = self.data = None  # the hooks keep the values now, not us

    def _unpack_with_hook(self):
        """``unpack_hook(packed)``, put back where the saved tensor was in the graph.

        No version check: what the hooks return is the value, whatever happened to the
        original tensor since (PyTorch does the same).
        """
        value = self.unpack_hook(self.packed)
        if not is_tensor(value):
            raise TypeError(
                "Output of saved tensor unpack_hook expected to be a Tensor but got result of "
                f"type {type(value).__name__}"
            )
        out = tensor_of(value._data)  # the same memory, with the saved tensor's autograd links
        out._version_counter = value._version_counter
        grad_fn = self.node() if self.node is not None else self.grad_fn
        if grad_fn is not None and self.requires_grad:
            out._requires_grad, out.grad_fn = True, grad_fn
            if self.output_nr:
                out._output_nr = self.output_nr
        elif self.requires_grad:  # a leaf: its gradient still goes to the original leaf
            if not out.dtype.is_floating_point:
                raise RuntimeError(
                    "Only Tensors of floating point and complex dtype can require gradients"
                )
            out._requires_grad = True
            if self.grad_accumulator is not None:
                out._grad_accumulator = self.grad_accumulator
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


# ----- saved-tensor hooks: how the values kept for backward are stored --------------------------

# The (pack_hook, unpack_hook) pairs of the open ``saved_tensors_hooks`` contexts, innermost
# last: ops recorded now save through the last pair. Empty (the usual case): nothing changes.
_hooks_stack: list = []
# The messages of the open ``disable_saved_tensors_hooks`` contexts, innermost last.
_hooks_disabled: list = []


class saved_tensors_hooks:
    """Within this context, every tensor an op saves for backward goes through ``pack_hook``.

    ``pack_hook(tensor)`` is called once, when the op is recorded, and may return anything (a
    copy elsewhere, a file name); ``unpack_hook(packed)`` is called each time the value is read
    (by backward, or ``grad_fn._saved_<name>``) and must return a tensor with those values.
    Contexts nest: the innermost pair wins. Subclass it to give a pair of hooks a name.
    """

    def __init__(self, pack_hook, unpack_hook):
        self.pack_hook = pack_hook
        self.unpack_hook = unpack_hook

    def __enter__(self) -> None:
        if not (callable(self.pack_hook) and callable(self.unpack_hook)):
            raise TypeError(_incompatible_arguments("_push_saved_tensors_default_hooks"))
        if _hooks_disabled:
            raise RuntimeError(_hooks_disabled[-1])
        _hooks_stack.append((self.pack_hook, self.unpack_hook))

    def __exit__(self, *exc_info) -> None:
        _hooks_stack.pop()


@contextlib.contextmanager
def disable_saved_tensors_hooks(error_message: str):
    """Forbid ``saved_tensors_hooks`` here: entering one raises ``error_message`` (for code whose
    saved tensors must stay as they are)."""
    if _hooks_stack:
        raise RuntimeError(error_message)
    _hooks_disabled.append(error_message)
    try:
        yield
    finally:
        _hooks_disabled.pop()


class save_on_cpu(saved_tensors_hooks):
    """Keep saved tensors on the CPU, moved back to their device when backward reads them.

    minigrad has only the CPU: the values are copied, and come back as they were.
    """

    def __init__(self, pin_memory: bool = False, device_type: str = "cuda"):
        def pack_to_cpu(tensor):
            return (tensor.device, tensor.detach().clone())

        def unpack_from_cpu(packed):
            device, tensor = packed
            return tensor.to(device)

        super().__init__(pack_to_cpu, unpack_from_cpu)


def _incompatible_arguments(function: str, self_argument: str = "") -> str:
    """PyTorch's message when a hook is not callable (its C++ binding checks the types)."""
    return (
        f"{function}(): incompatible function arguments. The following argument types are "
        f"supported:\n    1. ({self_argument}pack_hook: Callable, unpack_hook: Callable) -> None"
    )
