"""What a tensor *is*: a NumPy array, the autograd state around it, and what it can tell.

``TensorBase`` holds the constructor, autograd state (``requires_grad``, ``grad``, hooks, the
version counter, ``backward``, ``detach``), information (``shape``, ``dtype``, ``item``,
``__repr__``...), ``new_*`` tensors and dtype conversions. ``Tensor`` in ``tensor.py``
subclasses it and adds the operations, as ``torch.Tensor`` subclasses ``torch._C.TensorBase``.
"""
from __future__ import annotations

import warnings
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from . import dtypes
from .autograd.grad_mode import _state
from .autograd.graph import (
    GRAD_DTYPE_ADVICE,
    NON_LEAF_GRAD_WARNING,
    AccumulateGrad,
    _RemovableHandle,
)
from .autograd.inplace import DETACH_VIEW_IN_PLACE
from .autograd.results import tensor_of
from .ops import unary
from .printing import tensor_repr
from .types import CPU, Size, device, to_arguments

if TYPE_CHECKING:
    from .tensor import Tensor


class VersionCounter:
    """Counts in-place changes to an array; shared by a tensor, its views and ``detach()``."""

    __slots__ = ("version",)

    def __init__(self) -> None:
        self.version = 0


class TensorBase:
    """The data and autograd state of a tensor; ``Tensor`` adds the operations.

    Tensors are made as ``Tensor`` (``_make`` builds one of the class it is called on), so
    every ``TensorBase`` in use is a ``Tensor``.
    """

    __slots__ = (
        "_data", "_requires_grad", "grad_fn", "_version_counter", "__dict__", "__weakref__",
    )
    # Rarely set: these defaults live on the class until a tensor sets its own.
    _grad = None
    _output_nr = 0  # which output of grad_fn this tensor is
    _grad_accumulator = None  # weak reference to the leaf's AccumulateGrad node
    _backward_hooks = None  # hooks of a leaf
    _post_accumulate_grad_hooks = None  # hooks of a leaf, run once its .grad is written
    _base = None  # the tensor this one is a view of
    _wrapped_number = False  # a Python number turned into a tensor for an op
    _inference = False  # made under inference_mode (set per tensor only then)

    def __init__(self, *args) -> None:
        """Legacy constructor: ``Tensor([1, 2])`` (float32 data) or ``Tensor(2, 3)`` (a shape)."""
        if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
            data = args[0]._data if isinstance(args[0], TensorBase) else args[0]
            array = np.array(data, dtype=np.float32)
        else:
            array = np.empty(tuple(int(n) for n in args), dtype=np.float32)
        self._init(array, False)

    def _init(self, array, requires_grad) -> None:
        self._data = array
        self._requires_grad = requires_grad
        self.grad_fn = None
        self._version_counter = VersionCounter()

    @classmethod
    def _make(cls, array, requires_grad=False) -> Tensor:
        """Wrap a NumPy array without copying (what every op uses to build its result)."""
        tensor = object.__new__(cls)
        tensor._init(array, requires_grad)
        return tensor

    # ----- autograd state -------------------------------------------------------------------

    @property
    def requires_grad(self) -> bool:
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        if type(value) is not bool:  # 1, None or numpy's True are refused, as in PyTorch
            raise RuntimeError("requires_grad must be a bool")
        if self.grad_fn is not None:
            if value:  # PyTorch's shorter message for `non_leaf.requires_grad = True`
                raise RuntimeError("you can only change requires_grad flags of leaf variables.")
            raise RuntimeError(
                "you can only change requires_grad flags of leaf variables. If you want to use a "
                "computed variable in a subgraph that doesn't require differentiation use "
                "var_no_grad = var.detach()."
            )
        if value and not self.dtype.is_floating_point:  # requires_grad_() words it differently
            raise RuntimeError(
                "only Tensors of floating point and complex dtype can require gradients"
            )
        if value and self._inference and not _state.inference:
            raise RuntimeError(
                "Setting requires_grad=True on inference tensor outside InferenceMode is not "
                "allowed."
            )
        self._requires_grad = value

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        if type(requires_grad) is not bool:
            raise TypeError(
                "requires_grad_(): argument 'requires_grad' (position 1) must be bool, not "
                f"{_type_name(requires_grad)}"
            )
        if requires_grad and self.grad_fn is not None:
            return self  # a non-leaf requires grad already: nothing to change
        if requires_grad and not self.dtype.is_floating_point:
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        self.requires_grad = requires_grad
        return self

    def is_inference(self) -> bool:
        """Whether this tensor was made under ``inference_mode`` (autograd will not save it)."""
        return self._inference

    @property
    def is_leaf(self) -> bool:
        """Leaves are where gradients are stored: tensors not produced by a recorded op."""
        return self.grad_fn is None

    @property
    def grad(self) -> Tensor | None:
        if self.grad_fn is not None and not self.retains_grad and self._grad is None:
            warnings.warn(NON_LEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value) -> None:
        if value is not None:
            if not isinstance(value, TensorBase):
                raise TypeError(
                    "assigned grad expected to be a Tensor or None but got grad of type "
                    f"{type(value).__name__}"
                )
            if value.dtype is not self.dtype:
                given, wanted = value.dtype.cpp_name, self.dtype.scalar_name
                raise RuntimeError(
                    f"attempting to assign a gradient with dtype '{given}' to a tensor with "
                    f"grad_dtype '{wanted}'. {GRAD_DTYPE_ADVICE}"  # 'Float' from 'FloatTensor'
                )
            if value.shape != self.shape:
                raise RuntimeError(
                    f"attempting to assign a gradient of size '{list(value.shape)}' to a tensor "
                    f"of size '{list(self.shape)}'. Please ensure that the gradient and the tensor "
                    "are the same size"
                )
        self._grad = value

    @property
    def retains_grad(self) -> bool:
        node = self.grad_fn
        return node is not None and self._output_nr in node._retains_grad

    def retain_grad(self) -> None:
        """Ask backward to also store this non-leaf tensor's gradient in ``.grad``."""
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self.grad_fn is None:
            return  # leaves keep their gradient anyway
        if "_retains_grad" not in self.grad_fn.__dict__:
            self.grad_fn._retains_grad = {}
        self.grad_fn._retains_grad[self._output_nr] = weakref.ref(self)

    def register_hook(self, hook) -> _RemovableHandle:
        """``hook(grad)`` runs when this tensor's gradient is computed; it may return a new one."""
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self.grad_fn is None:
            if self._backward_hooks is None:
                self._backward_hooks = []
            hooks = self._backward_hooks
        else:
            node = self.grad_fn
            if "_tensor_pre_hooks" not in node.__dict__:
                node._tensor_pre_hooks = {}
            hooks = node._tensor_pre_hooks.setdefault(self._output_nr, [])
        hooks.append(hook)
        return _RemovableHandle(hooks, hook)

    def register_post_accumulate_grad_hook(self, hook) -> _RemovableHandle:
        """``hook(leaf)`` runs each time backward has added into this leaf's ``.grad``.

        The place for per-parameter work as soon as its gradient is complete, e.g. an optimizer
        step inside backward. Not called by ``autograd.grad``, which writes no ``.grad``.
        """
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self.grad_fn is not None:
            raise RuntimeError(
                "post accumulate grad hooks cannot be registered on non-leaf tensors"
            )
        if self._post_accumulate_grad_hooks is None:
            self._post_accumulate_grad_hooks = []
        hooks = self._post_accumulate_grad_hooks
        hooks.append(hook)
        return _RemovableHandle(hooks, hook)

    def _gradient_edge(self) -> tuple:
        """Where this tensor's gradient goes: ``(grad_fn, output_nr)``, its AccumulateGrad, or
        nowhere."""
        if self.grad_fn is not None:
            return (self.grad_fn, self._output_nr)
        if not self._requires_grad:
            return (None, 0)
        # One AccumulateGrad per leaf, held weakly here and strongly by the graph that uses it.
        node = self._grad_accumulator() if self._grad_accumulator is not None else None
        if node is None:
            node = AccumulateGrad(self)
            self._grad_accumulator = weakref.ref(node)
        return (node, 0)

    @property
    def output_nr(self) -> int:
        return self._output_nr

    @property
    def _version(self) -> int:
        if self._inference:  # inference_mode skips the bookkeeping: there is no counter to read
            raise RuntimeError("Inference tensors do not track version counter.")
        return self._version_counter.version

    def detach(self) -> Tensor:
        """The same data (and version counter), cut from the graph: a new leaf."""
        out = tensor_of(self._data)
        out._version_counter = self._version_counter
        out._inference = self._inference
        return out

    def detach_(self) -> Tensor:
        """Cut this tensor itself from the graph. A view shares its base's graph: refused."""
        if self._base is not None:
            raise RuntimeError(DETACH_VIEW_IN_PLACE)
        self.grad_fn = None
        self._requires_grad = False
        return self

    @property
    def data(self) -> Tensor:
        """The same data as a tensor that autograd does not watch: in-place changes go unnoticed."""
        return tensor_of(self._data)

    @data.setter
    def data(self, value: Tensor) -> None:
        self._data = value._data

    # ----- information ----------------------------------------------------------------------

    @property
    def shape(self) -> Size:
        return Size(self._data.shape)

    def size(self, dim=None) -> Size | int:
        return self.shape if dim is None else self._data.shape[dim]

    @property
    def dtype(self) -> dtypes.dtype:
        return dtypes.from_numpy_dtype(self._data.dtype)

    @property
    def device(self) -> device:
        return CPU

    is_cuda = False

    @property
    def ndim(self) -> int:
        return self._data.ndim

    def dim(self) -> int:
        return self._data.ndim

    def ndimension(self) -> int:
        return self._data.ndim

    def numel(self) -> int:
        return self._data.size

    nelement = numel

    def element_size(self) -> int:
        return self._data.itemsize

    def is_floating_point(self) -> bool:
        return self.dtype.is_floating_point

    def type(self, dtype=None) -> str | Tensor:
        if dtype is None:
            return f"torch.{self.dtype.legacy_name}"
        return self.to(dtype)

    def is_contiguous(self) -> bool:
        return self._data.flags.c_contiguous

    def contiguous(self) -> Tensor:
        return self if self.is_contiguous() else unary.Clone.apply(self)

    def stride(self, dim=None) -> tuple | int:
        strides = tuple(s // self._data.itemsize for s in self._data.strides)
        return strides if dim is None else strides[dim]

    def data_ptr(self) -> int:
        return self._data.ctypes.data

    def item(self):
        if self._data.size != 1:
            raise RuntimeError(
                f"a Tensor with {self._data.size} elements cannot be converted to Scalar"
            )
        return self._data.item()

    def tolist(self) -> list:
        return self._data.tolist()

    def numpy(self, force: bool = False) -> np.ndarray:
        """The array behind this tensor, shared, not copied: writing to it changes the tensor.

        While grad mode is on, a tensor that requires grad is refused (changes made through
        the array would go unseen by autograd); under ``no_grad`` it is handed out, as PyTorch.
        """
        if self._requires_grad and _state.enabled and not force:
            raise RuntimeError(
                "Can't call numpy() on Tensor that requires grad. "
                "Use tensor.detach().numpy() instead."
            )
        return self._data

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        array = self.numpy()
        return array if dtype is None else array.astype(dtype)

    def cpu(self) -> Tensor:
        return self

    def __len__(self) -> int:
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self) -> Iterator[Tensor]:
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._data.shape[0]))

    def __bool__(self) -> bool:
        if self._data.size != 1:
            raise RuntimeError(
                "Boolean value of Tensor with more than one value is ambiguous"
            )
        return bool(self._data)

    def __float__(self) -> float:
        return float(self._scalar())

    def __int__(self) -> int:
        return int(self._scalar())

    def _scalar(self):
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self._data.item()

    def __index__(self) -> int:
        if self.dtype.is_floating_point or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self._data)

    def __repr__(self) -> str:
        return tensor_repr(self)

    def __format__(self, spec: str) -> str:
        if self._data.ndim == 0:
            return self.item().__format__(spec)
        return object.__format__(self, spec)

    # ----- new tensors like this one (same dtype) ------------------------------------------
    # `creation` imports `tensor`, which imports this module: its functions are imported
    # when called, once every module is loaded.

    def new_tensor(self, data, dtype=None, requires_grad=False) -> Tensor:
        from .creation import tensor

        return tensor(data, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_zeros(self, *size, dtype=None, requires_grad=False) -> Tensor:
        from .creation import zeros

        return zeros(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_ones(self, *size, dtype=None, requires_grad=False) -> Tensor:
        from .creation import ones

        return ones(*size, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_full(self, size, fill_value, dtype=None, requires_grad=False) -> Tensor:
        from .creation import full

        return full(size, fill_value, dtype=dtype or self.dtype, requires_grad=requires_grad)

    def new_empty(self, *size, dtype=None, requires_grad=False) -> Tensor:
        return self.new_zeros(*size, dtype=dtype, requires_grad=requires_grad)

    # ----- dtype conversions ----------------------------------------------------------------

    def to(self, *args, **kwargs) -> Tensor:
        """``to(dtype)``; devices other than the CPU are refused, ``to('cpu')`` is a no-op."""
        target = to_arguments(args, kwargs)
        if target is None or target is self.dtype:
            return self
        return unary.ToCopy.apply(self, target)

    def float(self) -> Tensor:
        return self.to(dtypes.float32)

    def double(self) -> Tensor:
        return self.to(dtypes.float64)

    def half(self) -> Tensor:
        return self.to(dtypes.float16)

    def long(self) -> Tensor:
        return self.to(dtypes.int64)

    def int(self) -> Tensor:
        return self.to(dtypes.int32)

    def bool(self) -> Tensor:
        return self.to(dtypes.bool)


def _type_name(value) -> str:
    """How PyTorch names a wrong argument's type: ``int``, ``NoneType``, ``numpy.bool``."""
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"

