"""The Tensor: a NumPy array plus what autograd needs to know about it.

``x._data`` is the NumPy array behind a tensor. Everything else here is autograd
state (``requires_grad``, ``grad``, ``grad_fn``, the version counter) and the
methods that bind PyTorch's names to minigrad's ops (``x * y`` calls ``Mul.apply``).
"""
from __future__ import annotations

import warnings
import weakref

import numpy as np

from . import dtypes
from ._warnings import warn_once
from .autograd.grad_mode import _state
from .autograd.graph import AccumulateGrad
from .ops import arithmetic, indexing, linalg, reduce, shape, softmax, unary


class VersionCounter:
    """Counts in-place changes to an array; shared by a tensor, its views and ``detach()``."""

    __slots__ = ("version",)

    def __init__(self):
        self.version = 0


class Size(tuple):
    """A tensor's shape: a tuple that prints as ``torch.Size([2, 3])``."""

    def __repr__(self) -> str:
        return f"torch.Size({list(self)})"

    def numel(self) -> int:
        return int(np.prod(self, dtype=np.int64))


class device:  # noqa: N801 - PyTorch's name
    """Where a tensor lives; minigrad runs on the CPU only."""

    def __init__(self, type: str = "cpu", index=None):  # noqa: A002
        if str(type).split(":")[0] != "cpu":
            raise RuntimeError(f"minigrad runs on the CPU only; device '{type}' is not available")
        self.type, self.index = "cpu", None

    def __repr__(self) -> str:
        return "device(type='cpu')"

    def __str__(self) -> str:
        return "cpu"

    def __eq__(self, other) -> bool:
        return str(other) == "cpu"

    def __hash__(self):
        return hash("cpu")


_CPU = device()

_NON_LEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad field "
    "to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you "
    "access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
    "github.com/pytorch/pytorch/pull/30531 for more information."
)

# PyTorch names a wrong gradient dtype by its C++ type in this one message.
_CPP_TYPE_NAMES = {
    "float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int",
    "int32": "int", "int16": "short int", "int8": "signed char", "uint8": "unsigned char",
    "bool": "bool",
}
_GRAD_DTYPE_ADVICE = (
    "The gradient must match the tensor's grad_dtype (defaults to the tensor's dtype). You can set "
    "the tensor's grad_dtype attribute with a specific dtype, or None to allow any dtype. Set "
    "grad_dtype with caution. Diverging the dtypes of a tensor and its gradient may break "
    "downstream systems that assume they match."
)

_T_OF_0_DIM_WARNING = (
    "Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases."
)
_T_OF_N_DIM_WARNING = (
    "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated "
    "and it will throw an error in a future release. Consider `x.mT` to transpose batches of "
    "matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a "
    "tensor."
)

DETACH_VIEW_IN_PLACE = (
    "Can't detach views in-place. Use detach() instead. If you are using "
    "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, "
    "gradients are views of DDP buckets, and hence detach_() cannot be called on these "
    "gradients. To fix this error, please refer to the Optimizer.zero_grad() function in "
    "torch/optim/optimizer.py as the solution."
)


class Tensor:
    """A multi-dimensional array that can record the ops applied to it.

    Leaves are tensors you made (``grad_fn is None``); ops on tensors that require grad
    make non-leaf tensors whose ``grad_fn`` is the node that will compute their gradient.
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
    __array_priority__ = 1000  # make `ndarray * tensor` call Tensor.__rmul__
    _inference = False  # made under inference_mode (set per tensor only then)

    def __init__(self, *args):
        """Legacy constructor: ``Tensor([1, 2])`` (float32 data) or ``Tensor(2, 3)`` (a shape)."""
        if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
            data = args[0]._data if isinstance(args[0], Tensor) else args[0]
            array = np.array(data, dtype=np.float32)
        else:
            array = np.empty(tuple(int(n) for n in args), dtype=np.float32)
        self._init(array, False)

    def _init(self, array, requires_grad):
        self._data = array
        self._requires_grad = requires_grad
        self.grad_fn = None
        self._version_counter = VersionCounter()

    @classmethod
    def _make(cls, array, requires_grad=False):
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
    def grad(self):
        if self.grad_fn is not None and not self.retains_grad and self._grad is None:
            warnings.warn(_NON_LEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value) -> None:
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(
                    "assigned grad expected to be a Tensor or None but got grad of type "
                    f"{type(value).__name__}"
                )
            if value.dtype is not self.dtype:
                given, wanted = _CPP_TYPE_NAMES[value.dtype.name], self.dtype.legacy_name[:-6]
                raise RuntimeError(
                    f"attempting to assign a gradient with dtype '{given}' to a tensor with "
                    f"grad_dtype '{wanted}'. {_GRAD_DTYPE_ADVICE}"  # 'Float' from 'FloatTensor'
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

    def register_hook(self, hook):
        """``hook(grad)`` runs when this tensor's gradient is computed; it may return a new one."""
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        from .autograd.graph import _RemovableHandle

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

    def register_post_accumulate_grad_hook(self, hook):
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
        from .autograd.graph import _RemovableHandle

        if self._post_accumulate_grad_hooks is None:
            self._post_accumulate_grad_hooks = []
        hooks = self._post_accumulate_grad_hooks
        hooks.append(hook)
        return _RemovableHandle(hooks, hook)

    def _gradient_edge(self):
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

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        """Compute this tensor's gradient with respect to the leaves; add it to their ``.grad``."""
        from .autograd import backward

        backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    def detach(self) -> Tensor:
        """The same data (and version counter), cut from the graph: a new leaf."""
        out = Tensor._make(self._data)
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
        return Tensor._make(self._data)

    @data.setter
    def data(self, value: Tensor) -> None:
        self._data = value._data

    # ----- information ----------------------------------------------------------------------

    @property
    def shape(self) -> Size:
        return Size(self._data.shape)

    def size(self, dim=None):
        return self.shape if dim is None else self._data.shape[dim]

    @property
    def dtype(self):
        return dtypes.from_numpy_dtype(self._data.dtype)

    @property
    def device(self):
        return _CPU

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

    def type(self, dtype=None):
        if dtype is None:
            return f"torch.{self.dtype.legacy_name}"
        return self.to(dtype)

    def is_contiguous(self) -> bool:
        return self._data.flags.c_contiguous

    def contiguous(self) -> Tensor:
        return self if self.is_contiguous() else unary.Clone.apply(self)

    def stride(self, dim=None):
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

    def tolist(self):
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

    def __array__(self, dtype=None, copy=None):
        array = self.numpy()
        return array if dtype is None else array.astype(dtype)

    def cpu(self) -> Tensor:
        return self

    def __len__(self) -> int:
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self):
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

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        from .printing import tensor_repr

        return tensor_repr(self)

    def __format__(self, spec: str) -> str:
        if self._data.ndim == 0:
            return self.item().__format__(spec)
        return object.__format__(self, spec)

    # ----- new tensors like this one (same dtype) ------------------------------------------

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
        target = kwargs.get("dtype")
        for arg in args:
            if isinstance(arg, dtypes.dtype):
                target = arg
            elif isinstance(arg, Tensor):
                target = arg.dtype
            elif arg is not None:
                device(str(arg))  # raises for anything but the CPU
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

    # ----- arithmetic: each operator calls one Function ------------------------------------

    def __add__(self, other):
        return arithmetic.Add.apply(self, _operand(other))

    def __radd__(self, other):
        return arithmetic.Add.apply(self, _operand(other))

    def __sub__(self, other):
        return arithmetic.Sub.apply(self, _operand(other))

    def __rsub__(self, other):
        return arithmetic.Rsub.apply(self, other)

    def __mul__(self, other):
        return arithmetic.Mul.apply(self, _operand(other))

    def __rmul__(self, other):
        return arithmetic.Mul.apply(self, _operand(other))

    def __truediv__(self, other):
        return arithmetic.Div.apply(self, _operand(other))

    def __rtruediv__(self, other):
        return unary.Reciprocal.apply(self) * other  # as PyTorch: other * (1 / self)

    def __pow__(self, exponent):
        return pow(self, exponent)

    def __rpow__(self, base):
        return arithmetic.PowScalarBase.apply(base, self)

    def __matmul__(self, other):
        return linalg.matmul(self, other)

    def __rmatmul__(self, other):
        return linalg.matmul(_operand(other), self)

    def __neg__(self):
        return arithmetic.Neg.apply(self)

    def __pos__(self):
        return self

    def __abs__(self):
        return unary.Abs.apply(self)

    def __floordiv__(self, other):
        return _divide_rounding(np.floor_divide, self, _operand(other))

    def __rfloordiv__(self, other):
        return _divide_rounding(np.floor_divide, _operand(other), self)

    def __mod__(self, other):
        return _divide_rounding(_remainder, self, _operand(other))

    def __rmod__(self, other):
        return _divide_rounding(_remainder, _operand(other), self)

    def add(self, other, *, alpha=1):
        """``self + alpha * other`` in one node (AddBackward0, with ``_saved_alpha``)."""
        if alpha == 1:
            return arithmetic.Add.apply(self, _operand(other))
        _check_alpha(self, other, alpha)
        return arithmetic.AddScaled.apply(self, _operand(other), alpha)

    def sub(self, other, *, alpha=1):
        """``self - alpha * other`` in one node (SubBackward0, with ``_saved_alpha``)."""
        if alpha == 1:
            return arithmetic.Sub.apply(self, _operand(other))
        _check_alpha(self, other, alpha)
        return arithmetic.SubScaled.apply(self, _operand(other), alpha)

    subtract = sub
    mul = multiply = __mul__
    div = divide = true_divide = __truediv__
    matmul = __matmul__
    neg = negative = __neg__
    abs = absolute = __abs__

    def pow(self, exponent):
        return pow(self, exponent)

    def rsub(self, other):
        return _operand(other) - self

    def mm(self, other):
        return linalg.mm(self, other)

    def dot(self, other):
        return linalg.dot(self, other)

    def mv(self, other):
        return linalg.mv(self, other)

    # ----- comparisons: results are bool tensors and carry no gradient ----------------------

    def _compare(self, other, numpy_op):
        a, b = arithmetic.binary_arrays(self, _operand(other))
        return Tensor._make(numpy_op(a, b))

    def __eq__(self, other):
        if other is None:
            return False
        return self._compare(other, np.equal)

    def __ne__(self, other):
        if other is None:
            return True
        return self._compare(other, np.not_equal)

    def __lt__(self, other):
        return self._compare(other, np.less)

    def __le__(self, other):
        return self._compare(other, np.less_equal)

    def __gt__(self, other):
        return self._compare(other, np.greater)

    def __ge__(self, other):
        return self._compare(other, np.greater_equal)

    eq, ne, lt, le, gt, ge = __eq__, __ne__, __lt__, __le__, __gt__, __ge__

    def __and__(self, other):
        return self._compare(other, np.logical_and if self.dtype is dtypes.bool else np.bitwise_and)

    def __or__(self, other):
        return self._compare(other, np.logical_or if self.dtype is dtypes.bool else np.bitwise_or)

    def __invert__(self):
        return Tensor._make(~self._data)

    logical_not = __invert__

    def equal(self, other) -> bool:
        return self.shape == other.shape and bool(np.array_equal(self._data, other._data))

    def allclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False) -> bool:
        return bool(np.allclose(self._data, _operand(other)._data, rtol, atol, equal_nan))

    def isclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False) -> Tensor:
        return Tensor._make(np.isclose(self._data, _operand(other)._data, rtol, atol, equal_nan))

    def argmax(self, dim=None, keepdim=False) -> Tensor:
        return reduce.arg_reduce(self, np.argmax, dim, keepdim)

    def argmin(self, dim=None, keepdim=False) -> Tensor:
        return reduce.arg_reduce(self, np.argmin, dim, keepdim)

    def all(self, dim=None) -> Tensor:
        return Tensor._make(np.asarray(np.all(self._data, axis=dim)))

    def any(self, dim=None) -> Tensor:
        return Tensor._make(np.asarray(np.any(self._data, axis=dim)))

    def isnan(self) -> Tensor:
        return Tensor._make(np.isnan(self._data))

    def sign(self) -> Tensor:
        return unary.Sign.apply(self)

    def round(self, decimals: int = 0) -> Tensor:
        if self._data.dtype.kind != "f":  # integers are already whole
            return self.clone()
        if decimals:
            return unary.RoundDecimals.apply(self, decimals)
        return unary.Round.apply(self)

    def floor(self) -> Tensor:
        return unary.Floor.apply(self) if self._data.dtype.kind == "f" else self.clone()

    def ceil(self) -> Tensor:
        return unary.Ceil.apply(self) if self._data.dtype.kind == "f" else self.clone()

    # ----- elementwise functions ------------------------------------------------------------

    def exp(self):
        return unary.Exp.apply(self)

    def log(self):
        return unary.Log.apply(self)

    def sqrt(self):
        return unary.Sqrt.apply(self)

    def sin(self):
        return unary.Sin.apply(self)

    def cos(self):
        return unary.Cos.apply(self)

    def tanh(self):
        return unary.Tanh.apply(self)

    def sigmoid(self):
        return unary.Sigmoid.apply(self)

    def relu(self):
        return unary.Relu.apply(self)

    def reciprocal(self):
        return unary.Reciprocal.apply(self)

    def square(self):
        return arithmetic.Pow.apply(self, 2)

    def clamp(self, min=None, max=None):  # noqa: A002 - PyTorch's argument names
        if min is None and max is None:
            raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
        return unary.Clamp.apply(self, min, max)

    clip = clamp

    def clamp_min(self, min):  # noqa: A002
        if isinstance(min, Tensor):
            return self.clamp(min=min)
        return unary.ClampMin.apply(self, min)

    def clamp_max(self, max):  # noqa: A002
        if isinstance(max, Tensor):
            return self.clamp(max=max)
        return unary.ClampMax.apply(self, max)

    def maximum(self, other):
        _check_tensor_argument("maximum", other)
        return arithmetic.Maximum.apply(self, other)

    def minimum(self, other):
        _check_tensor_argument("minimum", other)
        return arithmetic.Minimum.apply(self, other)

    def clone(self):
        return unary.Clone.apply(self)

    # ----- reductions -----------------------------------------------------------------------

    def sum(self, dim=None, keepdim=False, dtype=None):
        """The sum (over ``dim``); ``dtype`` sums in that dtype, in the same one node."""
        extra = () if dtype is None else (dtypes.to_dtype(dtype).numpy_type,)
        if dim is None:
            return reduce.Sum.apply(self, *extra)
        return reduce.SumDim.apply(self, reduce.normalize_dims(dim, self.ndim), keepdim, *extra)

    def mean(self, dim=None, keepdim=False, dtype=None):
        """The mean (over ``dim``); ``dtype`` averages in that dtype, in the same one node."""
        target = self.dtype if dtype is None else dtypes.to_dtype(dtype)
        if not target.is_floating_point:
            raise RuntimeError(
                "mean(): could not infer output dtype. Input dtype must be either a floating point "
                f"or complex dtype. Got: {target.legacy_name[:-len('Tensor')]}"
            )
        extra = () if dtype is None else (target.numpy_type,)
        if dim is None:
            return reduce.Mean.apply(self, *extra)
        return reduce.MeanDim.apply(self, reduce.normalize_dims(dim, self.ndim), keepdim, *extra)

    def max(self, dim=None, keepdim=False):
        if isinstance(dim, Tensor):
            return self.maximum(dim)
        return reduce.max_or_min(self, dim, keepdim, "max")

    def min(self, dim=None, keepdim=False):
        if isinstance(dim, Tensor):
            return self.minimum(dim)
        return reduce.max_or_min(self, dim, keepdim, "min")

    def var(self, dim=None, unbiased=None, keepdim=False, *, correction=None):
        return reduce.Var.apply(self, *reduce.var_args(self, dim, unbiased, correction), keepdim)

    def std(self, dim=None, unbiased=None, keepdim=False, *, correction=None):
        return reduce.Std.apply(self, *reduce.var_args(self, dim, unbiased, correction), keepdim)

    def softmax(self, dim):
        return softmax.Softmax.apply(self, shape.wrap_dim(dim, self.ndim))

    def log_softmax(self, dim):
        return softmax.LogSoftmax.apply(self, shape.wrap_dim(dim, self.ndim))

    def norm(self, p=2):
        if p != 2:
            return (self.abs() ** p).sum() ** (1.0 / p)
        return linalg.Norm.apply(self)

    # ----- shape ----------------------------------------------------------------------------

    def reshape(self, *shape_args):
        """A view when the elements' layout allows one, else a copy (PyTorch's three nodes)."""
        target = shape.infer_shape(self, shape_args)
        if self._data.flags.c_contiguous:
            return shape.View.apply(self, target)
        if shape.can_view(self._data, target):
            return shape.ReshapeAlias.apply(self, target)
        return shape.UnsafeView.apply(unary.Clone.apply(self), target)

    def view(self, *shape_args):
        if len(shape_args) == 1 and isinstance(shape_args[0], dtypes.dtype):
            raise NotImplementedError("view(dtype) is not supported by minigrad")
        return shape.View.apply(self, shape.infer_shape(self, shape_args, view=True))

    def view_as(self, other):
        return self.view(other.shape)

    def reshape_as(self, other):
        return self.reshape(other.shape)

    def flatten(self, start_dim=0, end_dim=-1):
        return shape.flatten(self, start_dim, end_dim)

    def transpose(self, dim0, dim1):
        dim0, dim1 = shape.wrap_dim(dim0, self.ndim), shape.wrap_dim(dim1, self.ndim)
        return shape.Transpose.apply(self, dim0, dim1)

    def swapaxes(self, dim0, dim1):
        return self.transpose(dim0, dim1)

    def t(self):
        if self.ndim > 2:
            raise RuntimeError(
                f"t() expects a tensor with <= 2 dimensions, but self is {self.ndim}D"
            )
        return shape.T.apply(self)

    @property
    def T(self):  # noqa: N802 - PyTorch's name
        if self.ndim == 0:
            warn_once(_T_OF_0_DIM_WARNING)
        elif self.ndim != 2:
            warn_once(_T_OF_N_DIM_WARNING)
        return shape.Permute.apply(self, tuple(range(self.ndim - 1, -1, -1)))

    @property
    def mT(self):  # noqa: N802
        return self.transpose(-2, -1)

    def permute(self, *dims):
        dims = dims[0] if len(dims) == 1 and isinstance(dims[0], (tuple, list)) else dims
        return shape.Permute.apply(self, shape.permutation(dims, self.ndim))

    def squeeze(self, dim=None):
        if dim is None:
            return shape.Squeeze.apply(self)
        return shape.SqueezeDim.apply(self, shape.wrap_dim(dim, self.ndim))

    def unsqueeze(self, dim):
        return shape.Unsqueeze.apply(self, shape.wrap_dim(dim, self.ndim + 1))

    def expand(self, *sizes):
        return shape.Expand.apply(self, shape.expand_shape(self, sizes))

    def expand_as(self, other):
        return self.expand(other.shape)

    def repeat(self, *sizes):
        sizes = sizes[0] if len(sizes) == 1 and isinstance(sizes[0], (tuple, list)) else sizes
        return shape.Repeat.apply(self, tuple(sizes))

    def __getitem__(self, key):
        return indexing.getitem(self, key)

    def __setitem__(self, key, value):
        indexing.setitem(self, key, value)

    def select(self, dim, index):
        dim = shape.wrap_dim(dim, self.ndim)
        if not -self.shape[dim] <= index < self.shape[dim]:
            raise IndexError(
                f"select(): index {index} out of range for tensor of size "
                f"[{', '.join(map(str, self.shape))}] at dimension {dim}"
            )
        return indexing.Select.apply(self, dim, index)

    def narrow(self, dim, start, length):
        dim = shape.wrap_dim(dim, self.ndim)
        return indexing.Slice.apply(self, dim, start, start + length, 1)

    def unbind(self, dim=0):
        return shape.Unbind.apply(self, shape.wrap_dim(dim, self.ndim))

    def gather(self, dim, index):
        return indexing.Gather.apply(self, shape.wrap_dim(dim, self.ndim), index._data)

    def masked_fill(self, mask, value):
        if isinstance(value, Tensor):
            return indexing.MaskedFillTensor.apply(self, mask._data, value)
        return indexing.MaskedFill.apply(self, mask._data, value)

    # ----- in-place ops: change the data, bump the version ---------------------------------

    def _check_inplace(self):
        """PyTorch refuses in-place changes that would make recorded gradients wrong."""
        if self._inference and not _state.inference:
            raise RuntimeError(
                "Inplace update to inference tensor outside InferenceMode is not allowed.You can "
                "make a clone to get a normal tensor before doing inplace update.See "
                "https://github.com/pytorch/rfcs/pull/17 for more details."
            )
        # Checked only when recording: not under inference_mode, even with enable_grad inside.
        if _state.enabled and self._requires_grad and not _state.inference:
            if self.grad_fn is None:
                raise RuntimeError(
                    "a leaf Variable that requires grad is being used in an in-place operation."
                )
            if self._base is not None:
                raise RuntimeError(
                    "minigrad does not support in-place operations on views of tensors that "
                    "require grad; use the out-of-place op instead (e.g. y = y * 2)."
                )

    def _apply_inplace(self, op, *args):
        """``x.op_(y)``: compute ``op`` out of place, then write the result into ``x``.

        When autograd is watching, ``x`` takes over the new node as its ``grad_fn``. As in
        PyTorch, the node works on a clone of the old ``x`` (what ``cos_`` saves for backward
        stays valid), yet its edge leads straight to the node that made the old ``x``.
        """
        self._check_inplace()
        recording = _state.enabled and not _state.inference and (  # see _check_inplace
            self._requires_grad or any(isinstance(a, Tensor) and a._requires_grad for a in args)
        )
        if recording:
            old_edge, retained = (self.grad_fn, self._output_nr), self.retains_grad
            before = unary.Clone.apply(self)  # CloneBackward0, seen in grad_fn._saved_self
            result = op(before, *args)
        else:
            result = op(Tensor._make(self._data), *args)
        if result._data.dtype != self._data.dtype and not np.can_cast(
            result._data.dtype, self._data.dtype, casting="same_kind"
        ):
            raise RuntimeError(
                f"result type {result.dtype.legacy_name[:-6]} can't be cast to the desired "
                f"output type {self.dtype.legacy_name[:-6]}"  # 'Float' from 'FloatTensor'
            )
        np.copyto(self._data, np.broadcast_to(result._data, self._data.shape), casting="unsafe")
        self._version_counter.version += 1
        if recording:
            self._rebase(result, before, old_edge, retained)
        return self

    def _rebase(self, result, before, old_edge, retained):
        """Make ``x`` the output of the in-place op's node ``result.grad_fn``."""
        node = result.grad_fn
        if before.grad_fn is not None:  # skip the clone in the graph: old node -> new node
            node.next_functions = tuple(old_edge if edge[0] is before.grad_fn else edge
                                        for edge in node.next_functions)
        self.grad_fn, self._requires_grad = node, True
        if result._output_nr or self._output_nr:
            self._output_nr = result._output_nr
        node._output_refs = (weakref.ref(self),)
        for saved in node._saved:  # an op that saved its result (exp_) now saves x:
            if saved is not None and saved.data is result._data:  # later changes to x count
                saved.data, saved.version_counter = self._data, self._version_counter
                saved.saved_version = self._version_counter.version
        if retained:  # retain_grad() follows x: its .grad is the gradient of the new value
            del old_edge[0]._retains_grad[old_edge[1]]
            self.retain_grad()

    def _can_write_in_place(self, other) -> bool:
        """Whether ``x += y`` may let NumPy write straight into ``x`` (an optimizer's step).

        Only when autograd is not watching, for floating ``x`` and a ``y`` that changes neither
        its dtype nor its shape; everything else takes the general path of ``_apply_inplace``.
        """
        if _state.enabled and (self._requires_grad or other._requires_grad):
            return False
        x, y = arithmetic.binary_arrays(self, other)  # in the dtype PyTorch computes in
        return x is self._data and x.dtype.kind == "f" and (y.shape == x.shape or y.ndim == 0)

    @np.errstate(all="ignore")  # inf and nan silently, as in PyTorch
    def _write_in_place(self, ufunc, other, alpha=1):
        """``x = ufunc(x, alpha * y)`` into ``x``'s own memory: no new array, no copy back."""
        self._check_inplace()
        x, y = arithmetic.binary_arrays(self, other)
        ufunc(x, y if alpha == 1 else alpha * y, out=x)
        self._version_counter.version += 1
        return self

    def add_(self, other, *, alpha=1):
        other = _operand(other)
        if self._can_write_in_place(other):
            return self._write_in_place(np.add, other, alpha)
        return self._apply_inplace(lambda before, o: before.add(o, alpha=alpha), other)

    def sub_(self, other, *, alpha=1):
        other = _operand(other)
        if self._can_write_in_place(other):
            return self._write_in_place(np.subtract, other, alpha)
        return self._apply_inplace(lambda before, o: before.sub(o, alpha=alpha), other)

    def mul_(self, other):
        other = _operand(other)
        if self._can_write_in_place(other):
            return self._write_in_place(np.multiply, other)
        return self._apply_inplace(Tensor.__mul__, other)

    def div_(self, other):
        other = _operand(other)
        if self._can_write_in_place(other):
            return self._write_in_place(np.true_divide, other)
        return self._apply_inplace(Tensor.__truediv__, other)

    def pow_(self, exponent):
        return self._apply_inplace(pow, exponent)

    def clamp_(self, min=None, max=None):  # noqa: A002
        return self._apply_inplace(Tensor.clamp, min, max)

    clip_ = clamp_

    def clamp_min_(self, min):  # noqa: A002
        return self._apply_inplace(Tensor.clamp_min, min)

    def clamp_max_(self, max):  # noqa: A002
        return self._apply_inplace(Tensor.clamp_max, max)

    # In-place twins of the elementwise functions: x.exp_() is x.copy_(x.exp()) in one node.
    def exp_(self):
        return self._apply_inplace(Tensor.exp)

    def log_(self):
        return self._apply_inplace(Tensor.log)

    def sqrt_(self):
        return self._apply_inplace(Tensor.sqrt)

    def sin_(self):
        return self._apply_inplace(Tensor.sin)

    def cos_(self):
        return self._apply_inplace(Tensor.cos)

    def tanh_(self):
        return self._apply_inplace(Tensor.tanh)

    def sigmoid_(self):
        return self._apply_inplace(Tensor.sigmoid)

    def relu_(self):
        return self._apply_inplace(Tensor.relu)

    def reciprocal_(self):
        return self._apply_inplace(Tensor.reciprocal)

    def square_(self):
        return self._apply_inplace(Tensor.square)

    def abs_(self):
        return self._apply_inplace(Tensor.abs)

    def neg_(self):
        return self._apply_inplace(Tensor.neg)

    def sign_(self):
        return self._apply_inplace(Tensor.sign)

    def round_(self, decimals: int = 0):
        return self._apply_inplace(Tensor.round, decimals)

    def floor_(self):
        return self._apply_inplace(Tensor.floor)

    def ceil_(self):
        return self._apply_inplace(Tensor.ceil)

    absolute_ = abs_
    negative_ = neg_

    def copy_(self, source):
        return self._apply_inplace(arithmetic.Copy.apply, _operand(source))

    def zero_(self):
        return self._apply_inplace(arithmetic.Zero.apply)

    def fill_(self, value):
        return self._fill(value)

    def _fill(self, value):
        """Filling forgets the old values, so the gradient wrt them is zero (FillBackward)."""
        if isinstance(value, Tensor):
            return self._apply_inplace(arithmetic.FillTensor.apply, value)
        return self._apply_inplace(arithmetic.Fill.apply, value)

    def normal_(self, mean=0.0, std=1.0, generator=None):
        from .random import _generator

        return self._fill_random(_generator(generator).normal(mean, std, self._data.shape))

    def uniform_(self, a=0.0, b=1.0, generator=None):
        from .random import _generator

        return self._fill_random(_generator(generator).uniform(a, b, self._data.shape))

    def _fill_random(self, values):
        self._check_inplace()
        self._data[...] = values
        self._version_counter.version += 1
        return self

    __iadd__ = add_
    __isub__ = sub_
    __imul__ = mul_
    __itruediv__ = div_

    def __ipow__(self, exponent):
        return self.pow_(exponent)


def pow(base, exponent):  # noqa: A001 - PyTorch's name
    """``base ** exponent``: three nodes, depending on which side is a tensor (as PyTorch)."""
    if isinstance(base, Tensor) and isinstance(exponent, Tensor):
        if exponent._wrapped_number:
            return arithmetic.Pow.apply(base, exponent.item())
        return arithmetic.PowTensor.apply(base, exponent)
    if isinstance(base, Tensor):
        return arithmetic.Pow.apply(base, exponent)
    return arithmetic.PowScalarBase.apply(base, exponent)


def _divide_rounding(numpy_op, a, b):
    """``//`` and ``%`` (not differentiable); an integer divided by 0 is an error, as in PyTorch."""
    x, y = arithmetic.binary_arrays(a, b)
    if x.dtype == np.bool_:
        kernel = "div_floor_cpu" if numpy_op is np.floor_divide else "remainder_cpu"
        raise NotImplementedError(f'"{kernel}" not implemented for \'Bool\'')
    if x.dtype.kind in "iu" and not np.all(y):
        raise RuntimeError("ZeroDivisionError")
    with np.errstate(divide="ignore", invalid="ignore"):
        return Tensor._make(numpy_op(x, y))


def _remainder(x, y):
    """Python's ``%`` (the sign of the divisor), with PyTorch's sign of zero: fmod, then shift."""
    if x.dtype.kind != "f":
        return np.remainder(x, y)
    mod = np.fmod(x, y)
    return np.where((mod != 0) & ((y < 0) != (mod < 0)), mod + y, mod).astype(mod.dtype)


def _type_name(value) -> str:
    """How PyTorch names a wrong argument's type: ``int``, ``NoneType``, ``numpy.bool``."""
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def _check_tensor_argument(name, other, position=1):
    if not isinstance(other, Tensor):
        raise TypeError(
            f"{name}(): argument 'other' (position {position}) must be Tensor, not "
            f"{type(other).__name__}"
        )


def _check_alpha(a, b, alpha):
    """A float ``alpha`` would be cut to an integer silently; PyTorch refuses it."""
    integral = not a.dtype.is_floating_point and not _operand(b).dtype.is_floating_point
    if integral and isinstance(alpha, float):
        raise RuntimeError(
            "For integral input tensors, argument alpha must not be a floating point number."
        )


def _operand(value):
    """Python numbers in ops become 0-dim "wrapped number" tensors, as in PyTorch.

    A wrapped number does not decide the result's dtype on its own (``float32_tensor * 2.5``
    stays float32); it shows up as ``(None, 0)`` in ``next_functions``.
    """
    if isinstance(value, Tensor):
        return value
    if isinstance(value, (bool, np.bool_)):
        array = np.asarray(value, dtype=np.bool_)
    elif isinstance(value, (int, np.integer)):
        array = np.asarray(value, dtype=np.int64)
    elif isinstance(value, (float, np.floating)):
        array = np.asarray(value, dtype=np.float64)
    elif isinstance(value, np.ndarray):
        return Tensor._make(value)
    else:
        raise TypeError(f"unsupported operand type: '{type(value).__name__}'")
    tensor = Tensor._make(array)
    tensor._wrapped_number = True
    return tensor
