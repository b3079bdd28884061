"""The Tensor: PyTorch's names bound to minigrad's ops (``x * y`` calls ``Mul.apply``).

What a tensor is (``x._data``, the NumPy array behind it, and the autograd state:
``requires_grad``, ``grad``, ``grad_fn``, the version counter) lives in ``TensorBase``
(``_tensor_base.py``); ``Tensor`` adds the operations: arithmetic, comparisons, elementwise
functions, reductions, shape, indexing and the in-place ops.
"""
from __future__ import annotations

import numpy as np

from . import autograd, dtypes
from ._tensor_base import TensorBase
from ._warnings import warn_once
from .autograd.grad_mode import _state
from .autograd.inplace import apply_inplace, check_inplace
from .ops import arithmetic, indexing, linalg, reduce, shape, softmax, unary
from .random import _generator


class Tensor(TensorBase):
    """A multi-dimensional array that can record the ops applied to it.

    Leaves are tensors you made (``grad_fn is None``); ops on tensors that require grad
    make non-leaf tensors whose ``grad_fn`` is the node that will compute their gradient.
    """

    __slots__ = ()  # TensorBase's slots (and its __dict__) are all a tensor needs
    __array_priority__ = 1000  # make `ndarray * tensor` call Tensor.__rmul__

    # PyTorch defines backward in Python on torch.Tensor itself, so its signature shows no
    # return annotation and a wrong keyword says "Tensor.backward() got an unexpected ...".
    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        """Compute this tensor's gradient with respect to the leaves; add it to their ``.grad``."""
        autograd.backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    # ----- arithmetic: each operator calls one Function ------------------------------------

    def __add__(self, other) -> Tensor:
        return arithmetic.Add.apply(self, _operand(other))

    def __radd__(self, other) -> Tensor:
        return arithmetic.Add.apply(self, _operand(other))

    def __sub__(self, other) -> Tensor:
        return arithmetic.Sub.apply(self, _operand(other))

    def __rsub__(self, other) -> Tensor:
        return arithmetic.Rsub.apply(self, other)

    def __mul__(self, other) -> Tensor:
        return arithmetic.Mul.apply(self, _operand(other))

    def __rmul__(self, other) -> Tensor:
        return arithmetic.Mul.apply(self, _operand(other))

    def __truediv__(self, other) -> Tensor:
        return arithmetic.Div.apply(self, _operand(other))

    def __rtruediv__(self, other) -> Tensor:
        return unary.Reciprocal.apply(self) * other  # as PyTorch: other * (1 / self)

    def __pow__(self, exponent) -> Tensor:
        return pow(self, exponent)

    def __rpow__(self, base) -> Tensor:
        return arithmetic.PowScalarBase.apply(base, self)

    def __matmul__(self, other) -> Tensor:
        return linalg.matmul(self, other)

    def __rmatmul__(self, other) -> Tensor:
        return linalg.matmul(_operand(other), self)

    def __neg__(self) -> Tensor:
        return arithmetic.Neg.apply(self)

    def __pos__(self) -> Tensor:
        return self

    def __abs__(self) -> Tensor:
        return unary.Abs.apply(self)

    def __floordiv__(self, other) -> Tensor:
        return arithmetic.divide_rounding(np.floor_divide, self, _operand(other))

    def __rfloordiv__(self, other) -> Tensor:
        return arithmetic.divide_rounding(np.floor_divide, _operand(other), self)

    def __mod__(self, other) -> Tensor:
        return arithmetic.divide_rounding(arithmetic.remainder, self, _operand(other))

    def __rmod__(self, other) -> Tensor:
        return arithmetic.divide_rounding(arithmetic.remainder, _operand(other), self)

    def add(self, other, *, alpha=1) -> Tensor:
        """``self + alpha * other`` in one node (AddBackward0, with ``_saved_alpha``)."""
        if alpha == 1:
            return arithmetic.Add.apply(self, _operand(other))
        _check_alpha(self, other, alpha)
        return arithmetic.AddScaled.apply(self, _operand(other), alpha)

    def sub(self, other, *, alpha=1) -> Tensor:
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

    def pow(self, exponent) -> Tensor:
        return pow(self, exponent)

    def rsub(self, other) -> Tensor:
        return _operand(other) - self

    def mm(self, other) -> Tensor:
        return linalg.mm(self, other)

    def dot(self, other) -> Tensor:
        return linalg.dot(self, other)

    def mv(self, other) -> Tensor:
        return linalg.mv(self, other)

    # ----- comparisons: results are bool tensors and carry no gradient ----------------------

    def _compare(self, other, numpy_op) -> Tensor:
        a, b = arithmetic.binary_arrays(self, _operand(other))
        return Tensor._make(numpy_op(a, b))

    def __eq__(self, other) -> Tensor | bool:
        if other is None:
            return False
        return self._compare(other, np.equal)

    def __ne__(self, other) -> Tensor | bool:
        if other is None:
            return True
        return self._compare(other, np.not_equal)

    def __lt__(self, other) -> Tensor:
        return self._compare(other, np.less)

    def __le__(self, other) -> Tensor:
        return self._compare(other, np.less_equal)

    def __gt__(self, other) -> Tensor:
        return self._compare(other, np.greater)

    def __ge__(self, other) -> Tensor:
        return self._compare(other, np.greater_equal)

    eq, ne, lt, le, gt, ge = __eq__, __ne__, __lt__, __le__, __gt__, __ge__
    __hash__ = object.__hash__  # defining __eq__ sets __hash__ to None: tensors stay hashable

    def __and__(self, other) -> Tensor:
        return self._compare(other, np.logical_and if self.dtype is dtypes.bool else np.bitwise_and)

    def __or__(self, other) -> Tensor:
        return self._compare(other, np.logical_or if self.dtype is dtypes.bool else np.bitwise_or)

    def __invert__(self) -> Tensor:
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

    def exp(self) -> Tensor:
        return unary.Exp.apply(self)

    def log(self) -> Tensor:
        return unary.Log.apply(self)

    def sqrt(self) -> Tensor:
        return unary.Sqrt.apply(self)

    def sin(self) -> Tensor:
        return unary.Sin.apply(self)

    def cos(self) -> Tensor:
        return unary.Cos.apply(self)

    def tanh(self) -> Tensor:
        return unary.Tanh.apply(self)

    def sigmoid(self) -> Tensor:
        return unary.Sigmoid.apply(self)

    def relu(self) -> Tensor:
        return unary.Relu.apply(self)

    def reciprocal(self) -> Tensor:
        return unary.Reciprocal.apply(self)

    def square(self) -> Tensor:
        return arithmetic.Pow.apply(self, 2)

    def clamp(self, min=None, max=None) -> Tensor:
        if min is None and max is None:
            raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
        return unary.Clamp.apply(self, min, max)

    clip = clamp

    def clamp_min(self, min) -> Tensor:
        if isinstance(min, Tensor):
            return self.clamp(min=min)
        return unary.ClampMin.apply(self, min)

    def clamp_max(self, max) -> Tensor:
        if isinstance(max, Tensor):
            return self.clamp(max=max)
        return unary.ClampMax.apply(self, max)

    def maximum(self, other) -> Tensor:
        _check_tensor_argument("maximum", other)
        return arithmetic.Maximum.apply(self, other)

    def minimum(self, other) -> Tensor:
        _check_tensor_argument("minimum", other)
        return arithmetic.Minimum.apply(self, other)

    def clone(self) -> Tensor:
        return unary.Clone.apply(self)

    # ----- reductions -----------------------------------------------------------------------

    def sum(self, dim=None, keepdim=False, dtype=None) -> Tensor:
        """The sum (over ``dim``); ``dtype`` sums in that dtype, in the same one node."""
        extra = () if dtype is None else (dtypes.to_dtype(dtype).numpy_type,)
        if dim is None:
            return reduce.Sum.apply(self, *extra)
        return reduce.SumDim.apply(self, reduce.normalize_dims(dim, self.ndim), keepdim, *extra)

    def mean(self, dim=None, keepdim=False, dtype=None) -> Tensor:
        """The mean (over ``dim``); ``dtype`` averages in that dtype, in the same one node."""
        target = self.dtype if dtype is None else dtypes.to_dtype(dtype)
        if not target.is_floating_point:
            raise RuntimeError(
                "mean(): could not infer output dtype. Input dtype must be either a floating point "
                f"or complex dtype. Got: {target.scalar_name}"
            )
        extra = () if dtype is None else (target.numpy_type,)
        if dim is None:
            return reduce.Mean.apply(self, *extra)
        return reduce.MeanDim.apply(self, reduce.normalize_dims(dim, self.ndim), keepdim, *extra)

    def max(self, dim=None, keepdim=False) -> Tensor | tuple:
        if isinstance(dim, Tensor):
            return self.maximum(dim)
        return reduce.max_or_min(self, dim, keepdim, "max")

    def min(self, dim=None, keepdim=False) -> Tensor | tuple:
        if isinstance(dim, Tensor):
            return self.minimum(dim)
        return reduce.max_or_min(self, dim, keepdim, "min")

    def var(self, dim=None, unbiased=None, keepdim=False, *, correction=None) -> Tensor:
        return reduce.Var.apply(self, *reduce.var_args(self, dim, unbiased, correction), keepdim)

    def std(self, dim=None, unbiased=None, keepdim=False, *, correction=None) -> Tensor:
        return reduce.Std.apply(self, *reduce.var_args(self, dim, unbiased, correction), keepdim)

    def softmax(self, dim) -> Tensor:
        return softmax.Softmax.apply(self, shape.wrap_dim(dim, self.ndim))

    def log_softmax(self, dim) -> Tensor:
        return softmax.LogSoftmax.apply(self, shape.wrap_dim(dim, self.ndim))

    def norm(self, p=2) -> Tensor:
        if p != 2:
            return (self.abs() ** p).sum() ** (1.0 / p)
        return linalg.Norm.apply(self)

    # ----- shape ----------------------------------------------------------------------------

    def reshape(self, *shape_args) -> Tensor:
        """A view when the elements' layout allows one, else a copy (PyTorch's three nodes)."""
        target = shape.infer_shape(self, shape_args)
        if self._data.flags.c_contiguous:
            return shape.View.apply(self, target)
        if shape.can_view(self._data, target):
            return shape.ReshapeAlias.apply(self, target)
        return shape.UnsafeView.apply(unary.Clone.apply(self), target)

    def view(self, *shape_args) -> Tensor:
        if len(shape_args) == 1 and isinstance(shape_args[0], dtypes.dtype):
            raise NotImplementedError("view(dtype) is not supported by minigrad")
        return shape.View.apply(self, shape.infer_shape(self, shape_args, view=True))

    def view_as(self, other) -> Tensor:
        return self.view(other.shape)

    def reshape_as(self, other) -> Tensor:
        return self.reshape(other.shape)

    def flatten(self, start_dim=0, end_dim=-1) -> Tensor:
        return shape.flatten(self, start_dim, end_dim)

    def transpose(self, dim0, dim1) -> Tensor:
        dim0, dim1 = shape.wrap_dim(dim0, self.ndim), shape.wrap_dim(dim1, self.ndim)
        return shape.Transpose.apply(self, dim0, dim1)

    def swapaxes(self, dim0, dim1) -> Tensor:
        return self.transpose(dim0, dim1)

    def t(self) -> Tensor:
        if self.ndim > 2:
            raise RuntimeError(
                f"t() expects a tensor with <= 2 dimensions, but self is {self.ndim}D"
            )
        return shape.T.apply(self)

    @property
    def T(self) -> Tensor:
        if self.ndim == 0:
            warn_once(shape.T_OF_0_DIM_WARNING)
        elif self.ndim != 2:
            warn_once(shape.T_OF_N_DIM_WARNING)
        return shape.Permute.apply(self, tuple(range(self.ndim - 1, -1, -1)))

    @property
    def mT(self) -> Tensor:
        return self.transpose(-2, -1)

    def permute(self, *dims) -> Tensor:
        dims = dims[0] if len(dims) == 1 and isinstance(dims[0], (tuple, list)) else dims
        return shape.Permute.apply(self, shape.permutation(dims, self.ndim))

    def squeeze(self, dim=None) -> Tensor:
        if dim is None:
            return shape.Squeeze.apply(self)
        return shape.SqueezeDim.apply(self, shape.wrap_dim(dim, self.ndim))

    def unsqueeze(self, dim) -> Tensor:
        return shape.Unsqueeze.apply(self, shape.wrap_dim(dim, self.ndim + 1))

    def expand(self, *sizes) -> Tensor:
        return shape.Expand.apply(self, shape.expand_shape(self, sizes))

    def expand_as(self, other) -> Tensor:
        return self.expand(other.shape)

    def repeat(self, *sizes) -> Tensor:
        sizes = sizes[0] if len(sizes) == 1 and isinstance(sizes[0], (tuple, list)) else sizes
        return shape.Repeat.apply(self, tuple(sizes))

    def __getitem__(self, key) -> Tensor:
        return indexing.getitem(self, key)

    def __setitem__(self, key, value) -> None:
        indexing.setitem(self, key, value)

    def select(self, dim, index) -> Tensor:
        dim = shape.wrap_dim(dim, self.ndim)
        if not -self.shape[dim] <= index < self.shape[dim]:
            raise IndexError(
                f"select(): index {index} out of range for tensor of size "
                f"[{', '.join(map(str, self.shape))}] at dimension {dim}"
            )
        return indexing.Select.apply(self, dim, index)

    def narrow(self, dim, start, length) -> Tensor:
        dim = shape.wrap_dim(dim, self.ndim)
        return indexing.Slice.apply(self, dim, start, start + length, 1)

    def unbind(self, dim=0) -> tuple:
        return shape.Unbind.apply(self, shape.wrap_dim(dim, self.ndim))

    def gather(self, dim, index) -> Tensor:
        return indexing.Gather.apply(self, shape.wrap_dim(dim, self.ndim), index._data)

    def masked_fill(self, mask, value) -> Tensor:
        if isinstance(value, Tensor):
            return indexing.MaskedFillTensor.apply(self, mask._data, value)
        return indexing.MaskedFill.apply(self, mask._data, value)

    # ----- in-place ops: change the data, bump the version ---------------------------------

    def _can_write_in_place(self, other) -> bool:
        """Whether ``x += y`` may let NumPy write straight into ``x`` (an optimizer's step).

        Only when autograd is not watching, for floating ``x`` and a ``y`` that changes neither
        its dtype nor its shape; everything else takes the general path of ``apply_inplace``.
        """
        if _state.enabled and (self._requires_grad or other._requires_grad):
            return False
        x, y = arithmetic.binary_arrays(self, other)  # in the dtype PyTorch computes in
        return x is self._data and x.dtype.kind == "f" and (y.shape == x.shape or y.ndim == 0)

    @np.errstate(all="ignore")  # inf and nan silently, as in PyTorch
    def _write_in_place(self, ufunc, other, alpha=1) -> Tensor:
        """``x = ufunc(x, alpha * y)`` into ``x``'s own memory: no new array, no copy back."""
        check_inplace(self)
        x, y = arithmetic.binary_arrays(self, other)
        ufunc(x, y if alpha == 1 else alpha * y, out=x)
        self._version_counter.version += 1
        return self

    def add_(self, other, *, alpha=1) -> Tensor:
        other = _operand(other)
        if self._can_write_in_place(other):
            return self._write_in_place(np.add, other, alpha)
        return apply_inplace(self, lambda before, o: before.add(o, alpha=alpha), other)

    def sub_(self, other, *, alpha=1) -> Tensor:
        other = _operand(other)
        if self._can_write_in_place(other):
            return self._write_in_place(np.subtract, other, alpha)
        return apply_inplace(self, lambda before, o: before.sub(o, alpha=alpha), other)

    def mul_(self, other) -> Tensor:
        other = _operand(other)
        if self._can_write_in_place(other):
            return self._write_in_place(np.multiply, other)
        return apply_inplace(self, Tensor.__mul__, other)

    def div_(self, other) -> Tensor:
        other = _operand(other)
        if self._can_write_in_place(other):
            return self._write_in_place(np.true_divide, other)
        return apply_inplace(self, Tensor.__truediv__, other)

    def pow_(self, exponent) -> Tensor:
        return apply_inplace(self, pow, exponent)

    def clamp_(self, min=None, max=None) -> Tensor:
        return apply_inplace(self, Tensor.clamp, min, max)

    clip_ = clamp_

    def clamp_min_(self, min) -> Tensor:
        return apply_inplace(self, Tensor.clamp_min, min)

    def clamp_max_(self, max) -> Tensor:
        return apply_inplace(self, Tensor.clamp_max, max)

    # In-place twins of the elementwise functions: x.exp_() is x.copy_(x.exp()) in one node.
    def exp_(self) -> Tensor:
        return apply_inplace(self, Tensor.exp)

    def log_(self) -> Tensor:
        return apply_inplace(self, Tensor.log)

    def sqrt_(self) -> Tensor:
        return apply_inplace(self, Tensor.sqrt)

    def sin_(self) -> Tensor:
        return apply_inplace(self, Tensor.sin)

    def cos_(self) -> Tensor:
        return apply_inplace(self, Tensor.cos)

    def tanh_(self) -> Tensor:
        return apply_inplace(self, Tensor.tanh)

    def sigmoid_(self) -> Tensor:
        return apply_inplace(self, Tensor.sigmoid)

    def relu_(self) -> Tensor:
        return apply_inplace(self, Tensor.relu)

    def reciprocal_(self) -> Tensor:
        return apply_inplace(self, Tensor.reciprocal)

    def square_(self) -> Tensor:
        return apply_inplace(self, Tensor.square)

    def abs_(self) -> Tensor:
        return apply_inplace(self, Tensor.abs)

    def neg_(self) -> Tensor:
        return apply_inplace(self, Tensor.neg)

    def sign_(self) -> Tensor:
        return apply_inplace(self, Tensor.sign)

    def round_(self, decimals: int = 0) -> Tensor:
        return apply_inplace(self, Tensor.round, decimals)

    def floor_(self) -> Tensor:
        return apply_inplace(self, Tensor.floor)

    def ceil_(self) -> Tensor:
        return apply_inplace(self, Tensor.ceil)

    absolute_ = abs_
    negative_ = neg_

    def copy_(self, source) -> Tensor:
        return apply_inplace(self, arithmetic.Copy.apply, _operand(source))

    def zero_(self) -> Tensor:
        return apply_inplace(self, arithmetic.Zero.apply)

    def fill_(self, value) -> Tensor:
        return self._fill(value)

    def _fill(self, value) -> Tensor:
        """Filling forgets the old values, so the gradient wrt them is zero (FillBackward)."""
        if isinstance(value, Tensor):
            return apply_inplace(self, arithmetic.FillTensor.apply, value)
        return apply_inplace(self, arithmetic.Fill.apply, value)

    def normal_(self, mean=0.0, std=1.0, generator=None) -> Tensor:
        return self._fill_random(_generator(generator).normal(mean, std, self._data.shape))

    def uniform_(self, a=0.0, b=1.0, generator=None) -> Tensor:
        return self._fill_random(_generator(generator).uniform(a, b, self._data.shape))

    def _fill_random(self, values) -> Tensor:
        check_inplace(self)
        self._data[...] = values
        self._version_counter.version += 1
        return self

    __iadd__ = add_
    __isub__ = sub_
    __imul__ = mul_
    __itruediv__ = div_

    def __ipow__(self, exponent) -> Tensor:
        return self.pow_(exponent)


def pow(base, exponent):
    """``base ** exponent``: three nodes, depending on which side is a tensor (as PyTorch)."""
    if isinstance(base, Tensor) and isinstance(exponent, Tensor):
        if exponent._wrapped_number:
            return arithmetic.Pow.apply(base, exponent.item())
        return arithmetic.PowTensor.apply(base, exponent)
    if isinstance(base, Tensor):
        return arithmetic.Pow.apply(base, exponent)
    return arithmetic.PowScalarBase.apply(base, exponent)



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
