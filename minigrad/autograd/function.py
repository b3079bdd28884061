"""``Function``: an op with its forward and its backward side by side.

Every differentiable op in minigrad is a ``Function`` subclass, and so is every op
a learner writes (PyTorch's ``torch.autograd.Function`` API). ``Function.apply``
runs ``forward`` and, when an input requires grad, leaves a node in the graph. That
node is also the ``ctx`` both methods see, so what forward saves is what backward gets.
"""
from __future__ import annotations

import inspect
import warnings
import weakref

import numpy as np

from ..dtypes import from_numpy_dtype
from .anomaly_mode import _anomaly, forward_stack
from .grad_mode import _state
from .graph import FREED_ERROR, Node, SavedTensor, _hooks_stack, next_sequence_nr
from .results import tensor_class


class BackwardFunction(Node):
    """The node a ``Function`` leaves in the graph; forward and backward get it as ``ctx``.

    ``saved_names`` lists what ``grad_fn._saved_<name>`` shows, by PyTorch's names. Each name is
    either a value forward gave to ``save_attributes`` (found by its name) or a tensor it gave
    to ``save_for_backward``, found by *position*: the tensor names, read in order and skipping
    the attribute names, must follow the order of ``save_for_backward``'s arguments. Nothing
    else links a name to its tensor, so ``_connect`` checks the counts the first time each op
    is recorded, and ``tests/test_saved_names.py`` checks the order over every op.
    """

    _function = None  # the Function subclass this node belongs to
    saved_names: tuple = ()  # names for ``grad_fn._saved_<name>``, e.g. ("other", "self")
    _names_checked = False  # set on the class once _check_saved_names has passed
    _materialize_grads = True
    _released = False
    _saved = ()
    _to_save = ()
    # Rarely set, so defaults live on the class. Reading them as attributes (not through
    # ``self.__dict__``) keeps Python from building a dict object for every node.
    _saved_attributes = None  # what save_attributes kept: {"dim": 1, ...}
    _dirty = ()  # tensors marked with mark_dirty
    _non_differentiable = ()  # tensors marked with mark_non_differentiable

    def save_for_backward(self, *tensors) -> None:
        """Keep tensors for backward; backward reads them back from ``ctx.saved_tensors``."""
        self._to_save = tensors

    @property
    def saved_tensors(self) -> tuple:
        if self._released:
            raise RuntimeError(FREED_ERROR)
        return tuple(None if s is None else s.unpack() for s in self._saved)

    def mark_non_differentiable(self, *tensors) -> None:
        self._non_differentiable = tensors

    def mark_dirty(self, *tensors) -> None:
        self._dirty = tensors

    def set_materialize_grads(self, value: bool) -> None:
        """With True (the default), missing output gradients arrive as zeros instead of None."""
        self._materialize_grads = value

    def apply(self, *grad_outputs):
        """Run the Function's backward; return one gradient per input tensor, in input order."""
        if self._materialize_grads and _any_none(grad_outputs):
            from ..creation import zeros

            grad_outputs = tuple(
                zeros(shape, dtype=dtype) if g is None else g
                for g, (shape, dtype) in zip(grad_outputs, self._output_meta, strict=True)
            )
        grads = self._function.backward(self, *grad_outputs)
        if not isinstance(grads, tuple):
            grads = (grads,)
        expected = self._num_args  # one gradient per forward argument (None for non-tensors)
        if len(grads) != expected and (  # more is fine if the extra gradients are None
            len(grads) < expected or any(g is not None for g in grads[expected:])
        ):
            raise RuntimeError(
                f"function {self.name()} returned an incorrect number of gradients "
                f"(expected {expected}, got {len(grads)})"
            )
        grad_inputs = []
        edges = zip(self._tensor_positions, self.next_functions, strict=True)
        for i, (position, (next_node, nr)) in enumerate(edges):
            grad = grads[position]
            if next_node is None or grad is None:  # nobody receives it, or there is none
                grad_inputs.append(None)
                continue
            # The input's shape and dtype, as the node that made it recorded them.
            shape, dtype = next_node._output_meta[nr]
            data = grad._data
            if data.shape != shape or (data.dtype != dtype and dtype.kind == "f"):
                grad = _match_input(self, i, grad, shape, dtype)
            grad_inputs.append(grad)
        return grad_inputs

    @property
    def _raw_saved_tensors(self) -> tuple:
        """The ``SavedTensor`` objects behind ``saved_tensors`` (to ``register_hooks`` on them)."""
        if self._released:
            raise RuntimeError(FREED_ERROR)
        return tuple(SavedTensor.of_none() if s is None else s for s in self._saved)

    def _release_saved(self) -> None:
        """Free saved tensors and arrays kept as attributes (indices, masks); numbers stay."""
        saved = self._saved
        if saved:
            for entry in saved:  # emptied, not just dropped: a user may hold a _raw_saved_ handle
                if entry is not None:
                    entry.release()
            self._released = True
        attributes = self._saved_attributes
        if attributes:
            for key, value in attributes.items():
                if _holds_array(value):
                    attributes[key] = _FREED

    def __getattr__(self, name: str):
        # grad_fn._saved_self, grad_fn._saved_dim, ...: what this node keeps for backward.
        if name.startswith("_raw_saved_"):
            return self._raw_saved(name[len("_raw_saved_"):])
        if name.startswith("_saved_"):
            key = name[len("_saved_"):]
            if key in self.saved_names:
                attributes = self._saved_attributes or {}
                if key in attributes:
                    if attributes[key] is _FREED:
                        raise RuntimeError(FREED_ERROR)
                    return attributes[key]
                saved = self._entry_saved_as(key)
                if saved is None:  # not needed, never kept: None, before and after backward
                    return None
                if self._released:
                    raise RuntimeError(FREED_ERROR)
                return saved.unpack()
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def _raw_saved(self, key: str):
        """``grad_fn._raw_saved_<key>``: the ``SavedTensor`` itself, for ``register_hooks``."""
        attributes = self._saved_attributes or {}
        if key not in self.saved_names or key in attributes:  # numbers have no raw form
            raise AttributeError(
                f"'{type(self).__name__}' object has no attribute '_raw_saved_{key}'"
            )
        saved = self._entry_saved_as(key)
        return SavedTensor.of_none() if saved is None else saved  # freed ones stay, emptied

    def _entry_saved_as(self, key: str):
        """The ``SavedTensor`` saved under ``key`` (None if none was kept).

        ``save_for_backward``'s tensors are stored in order, and ``saved_names`` names them in
        the same order, skipping the names kept by ``save_attributes``.
        """
        attributes = self._saved_attributes or {}
        index = [n for n in self.saved_names if n not in attributes].index(key)
        return self._saved[index] if index < len(self._saved) else None

    def __dir__(self):
        # What dir(grad_fn) shows a learner: PyTorch's _saved_<name>, not minigrad's own storage.
        own = [n for n in super().__dir__() if n not in ("_saved", "_saved_attributes")]
        attributes = self._saved_attributes or {}
        return own + [f"_saved_{n}" for n in self.saved_names] + [
            f"_raw_saved_{n}" for n in self.saved_names if n not in attributes
        ]

    def save_attributes(self, /, **values) -> None:
        """Keep non-tensor values (a dim, an exponent) visible as ``grad_fn._saved_<name>``."""
        attributes = self._saved_attributes
        if attributes is None:
            self._saved_attributes = values
        else:
            attributes.update(values)


_FREED = object()  # stands in for a saved attribute after backward freed it


def _holds_array(value) -> bool:
    """Whether a saved attribute keeps array memory alive (a tensor, an array, a tuple of them)."""
    if isinstance(value, (tuple, list)):
        return any(_holds_array(v) for v in value)
    return isinstance(value, np.ndarray) or hasattr(value, "_version_counter")


def _any_none(values) -> bool:
    """``None in values``, by identity (``in`` would compare tensors elementwise)."""
    for value in values:
        if value is None:
            return True
    return False


def _match_input(node, index, grad, shape, dtype):
    """Undo broadcasting once, for every op: sum a gradient back to its input's shape and dtype."""
    if grad._data.shape != shape:
        grad = sum_to_shape(grad, shape, node, index)
    if grad._data.dtype != dtype and dtype.kind == "f":
        grad = grad.to(from_numpy_dtype(dtype))
    return grad


def sum_to_shape(grad, shape, node=None, index=0):
    """Sum ``grad`` over the dimensions that broadcasting added or stretched."""
    lead = grad.ndim - len(shape)
    stretched = tuple(
        i + lead for i, n in enumerate(shape) if n == 1 and grad.shape[i + lead] != 1
    )
    if lead < 0 or any(n != 1 and grad.shape[i + lead] != n for i, n in enumerate(shape)):
        where = node.name() if node is not None else "backward"
        raise RuntimeError(
            f"Function {where} returned an invalid gradient at index {index} - got "
            f"[{', '.join(map(str, grad.shape))}] but expected shape compatible with "
            f"[{', '.join(map(str, shape))}]"
        )
    dims = tuple(range(lead)) + stretched
    if dims:
        grad = grad.sum(dims)
    if grad._data.shape != shape:
        grad = grad.reshape(shape)  # put back the size-1 dims the sum removed
    return grad


class Function:
    """Base class for ops with a custom backward, as ``torch.autograd.Function``.

    Write two static methods::

        class Square(Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x * x
            @staticmethod
            def backward(ctx, grad):
                x, = ctx.saved_tensors
                return grad * 2 * x          # d(x*x)/dx = 2x

    and call ``Square.apply(x)``. Its node in the graph is named ``SquareBackward``.
    """

    backward_name: str | None = None  # minigrad's own ops give PyTorch's node names here
    saved_names: tuple = ()
    is_view = False  # True for ops whose result shares memory with their first input

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("backward_name") or f"{cls.__name__}Backward"
        attributes = {
            "_function": cls, "saved_names": cls.saved_names, "__module__": cls.__module__,
        }
        if "::" in name:  # "torch::autograd::CopySlices": name() says this, the type is CopySlices
            attributes["_qualified_name"] = name
        cls._backward_cls = type(name.split("::")[-1], (BackwardFunction,), attributes)
        cls._uses_setup_context = cls.setup_context is not Function.setup_context

    @staticmethod
    def forward(ctx, *args):
        raise NotImplementedError(
            "You must implement the forward function for custom autograd.Function."
        )

    @staticmethod
    def setup_context(ctx, inputs, output):
        """PyTorch 2 style: ``forward(*args)`` computes, ``setup_context`` saves for backward."""
        raise NotImplementedError("setup_context is not implemented.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError(
            "You must implement either the backward or vjp method for your custom "
            "autograd.Function to use it with backward mode AD."
        )

    def __init__(self, *args, **kwargs):
        warnings.warn(
            f"{type(self)} should not be instantiated. Methods on autograd functions are all "
            "static, so you should invoke them on the class itself. Instantiating an autograd "
            "function will raise an error in a future version of PyTorch.",
            DeprecationWarning, stacklevel=2,
        )

    def __call__(self, *args, **kwargs):
        raise RuntimeError(
            "Legacy autograd function with non-static forward method is deprecated. Please use "
            "new-style autograd function with static forward method. (Example: "
            "https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)"
        )

    @classmethod
    def apply(cls, *args, **kwargs):
        """Run forward; if an input requires grad, leave this op's node in the graph."""
        if kwargs:  # keyword arguments count as inputs too, in forward's order
            args, kwargs = _positional(cls, args, kwargs)
        Tensor = tensor_class()
        ctx = cls._backward_cls()
        ctx.needs_input_grad = needs = tuple([isinstance(a, Tensor) and a._requires_grad
                                              for a in args])
        recording = _state.enabled
        # Forward itself is not recorded. The switch is per thread and each access to it costs
        # a lookup, so it is set only when it changes.
        if recording:
            _state.enabled = False
        try:
            if cls._uses_setup_context:
                result = cls.forward(*args, **kwargs)
                cls.setup_context(ctx, args, result)
            else:
                result = cls.forward(ctx, *args, **kwargs)
        finally:
            if recording:
                _state.enabled = True
        if type(result) is np.ndarray:  # the common case: one output, a fresh array
            outputs = (Tensor._make(result),)
        else:
            dirty = ctx._dirty
            outputs = tuple(
                _as_output(o, args, dirty) for o in (result if type(result) is tuple else (result,))
            )
        if cls.is_view:
            # A view shares memory with its input, so it shares the count of in-place changes.
            source = args[0]
            for out in outputs:
                if out._data.base is not None:
                    out._version_counter = source._version_counter
                    out._base = source if source._base is None else source._base
                    out._inference = source._inference
        if _state.inference:  # made under inference_mode: autograd will refuse to save them
            for out in outputs:
                out._inference = True
            # minigrad's own ops record nothing there, even under enable_grad (as PyTorch's
            # built-in ops); a learner's Function still does, as in PyTorch.
            recording = recording and cls.backward_name is None
        if recording and True in needs:
            _connect(ctx, args, outputs)
        return outputs if type(result) is tuple else outputs[0]


def _positional(cls, args, kwargs) -> tuple:
    """``apply(x, k=3)`` as ``apply(x, 3)``: the inputs in forward's order, and what is left.

    As PyTorch: defaults are filled in only for the ``setup_context`` style.
    """
    leading = () if cls._uses_setup_context else (None,)  # the ctx slot
    bound = inspect.signature(cls.forward).bind(*leading, *args, **kwargs)
    if cls._uses_setup_context:
        bound.apply_defaults()
    return bound.args[len(leading):], bound.kwargs


def _as_output(value, args, dirty=()):
    """Wrap what forward returned as a fresh Tensor (NumPy arrays for minigrad's own ops)."""
    Tensor = tensor_class()
    if isinstance(value, Tensor):
        if _is_one_of(value, dirty):  # changed in place (ctx.mark_dirty): the same tensor
            value._version_counter.version += 1
            return value
        if _is_one_of(value, args):  # forward returned an input: the output is a new alias
            alias = Tensor._make(value._data)
            alias._version_counter = value._version_counter
            return alias
        return value
    if not isinstance(value, (np.ndarray, np.generic)):
        return value  # None, or a plain Python value from a custom forward: passed through
    return Tensor._make(np.asarray(value))


def _is_one_of(tensor, tensors) -> bool:
    """``tensor in tensors`` by identity (``in`` would compare tensors elementwise)."""
    for t in tensors:
        if t is tensor:
            return True
    return False


INFERENCE_SAVED_ERROR = (
    "Inference tensors cannot be saved for backward. Please do not use Tensors created in "
    "inference mode in computation tracked by autograd. To work around this, you can make a "
    "clone to get a normal tensor and use it in autograd, or use `torch.no_grad()` instead of "
    "`torch.inference_mode()`."
)


def _connect(ctx, args, outputs):
    """Record the op in the graph: edges to the inputs' nodes, outputs pointing at ctx."""
    Tensor = tensor_class()
    if _anomaly.enabled:  # anomaly detection: remember which line of the program made this node
        ctx.metadata["traceback_"] = forward_stack()
    ctx._sequence_nr = next_sequence_nr()
    ctx._num_args = len(args)
    positions, edges = [], []
    for i, a in enumerate(args):
        if isinstance(a, Tensor):
            positions.append(i)
            edges.append((a.grad_fn, a._output_nr) if a.grad_fn is not None
                         else a._gradient_edge())
    ctx._tensor_positions, ctx.next_functions = tuple(positions), tuple(edges)
    non_differentiable = ctx._non_differentiable
    meta, refs = [], []
    for nr, out in enumerate(outputs):
        if not isinstance(out, Tensor):  # None or a plain value: no gradient flows through it
            meta.append(((), _FLOAT32))
            continue
        data = out._data
        meta.append((data.shape, data.dtype))
        if data.dtype.kind != "f" or (
            non_differentiable and _is_one_of(out, non_differentiable)
        ):
            continue
        out._requires_grad = True
        out.grad_fn = ctx
        if nr:
            out._output_nr = nr
        refs.append(weakref.ref(out))
    ctx._output_meta, ctx._output_refs = tuple(meta), tuple(refs)
    ctx._num_outputs = len(meta)
    if not ctx._names_checked:
        _check_saved_names(ctx)
    if ctx._to_save:
        hooks = _hooks_stack[-1] if _hooks_stack else None  # inside saved_tensors_hooks
        saved = []
        for t in ctx._to_save:
            if t is None:
                saved.append(None)
                continue
            if t._inference:
                raise RuntimeError(INFERENCE_SAVED_ERROR)
            # An output is saved without itself (it would be a cycle), see SavedTensor.
            entry = SavedTensor(t, ctx if _is_one_of(t, outputs) else None)
            if hooks is not None and not t._wrapped_number:  # `x * 2`: the 2 is not packed
                entry.pack(*hooks, t)
            saved.append(entry)
        ctx._saved = tuple(saved)
        ctx._to_save = ()


def _check_saved_names(ctx) -> None:
    """Once per op: every saved value has a name in ``saved_names`` (see BackwardFunction)."""
    names = type(ctx).saved_names
    if names:  # a learner's Function names nothing: there is nothing to check
        attributes = ctx._saved_attributes or {}
        unnamed = [key for key in attributes if key not in names]
        tensor_names = [n for n in names if n not in attributes]
        assert not unnamed, f"{ctx.name()} saved {unnamed} without listing them in saved_names"
        assert len(tensor_names) == len(ctx._to_save), (
            f"{ctx.name()} saved {len(ctx._to_save)} tensors for the {len(tensor_names)} names "
            f"{tensor_names} in saved_names"
        )
    type(ctx)._names_checked = True


_FLOAT32 = np.dtype(np.float32)

