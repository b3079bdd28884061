"""Ops that rearrange elements without changing them: view/reshape, transpose, permute,
squeeze/unsqueeze, expand, repeat, cat, stack.

Their backward only rearranges the gradient the opposite way. Many of them are views:
the result shares memory (and the version counter) with the input, as in PyTorch.
"""
from __future__ import annotations

import numpy as np

from .. import dtypes
from ..autograd.function import Function

T_OF_0_DIM_WARNING = (
    "Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases."
)
T_OF_N_DIM_WARNING = (
    "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated "
    "and it will throw an error in a future release. Consider `x.mT` to transpose batches of "
    "matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a "
    "tensor."
)


def wrap_dim(dim: int, ndim: int) -> int:
    """``dim`` as a non-negative index (-1 is the last dim); a 0-dim tensor takes 0 and -1."""
    rank = max(ndim, 1)
    if not -rank <= dim < rank:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-rank}, {rank - 1}], "
            f"but got {dim})"
        )
    return dim % rank


def infer_shape(a, args, view=False) -> tuple:
    """The target shape of view/reshape, with one -1 worked out from the number of elements."""
    shape = tuple(args[0]) if len(args) == 1 and isinstance(args[0], (tuple, list)) else args
    shape = tuple(int(n) for n in shape)
    known = int(np.prod([n for n in shape if n != -1]))
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    if -1 in shape and known != 0 and a.numel() % known == 0:
        shape = tuple(a.numel() // known if n == -1 else n for n in shape)
    if -1 in shape or int(np.prod(shape)) != a.numel():
        raise RuntimeError(
            f"shape '[{', '.join(map(str, shape))}]' is invalid for input of size {a.numel()}"
        )
    if view and not can_view(a._data, shape):
        raise RuntimeError(
            "view size is not compatible with input tensor's size and stride (at least one "
            "dimension spans across two contiguous subspaces). Use .reshape(...) instead."
        )
    return shape


def can_view(array: np.ndarray, shape: tuple) -> bool:
    """Whether ``array`` can take ``shape`` without copying (its strides allow it)."""
    try:
        np.reshape(array, shape, copy=False)
    except ValueError:
        return False
    return True


class View(Function):
    """out = the same elements in a new shape (reshape, view, flatten)"""

    backward_name = "ViewBackward0"
    saved_names = ("self_sym_sizes",)
    is_view = True

    @staticmethod
    def forward(ctx, a, shape):
        ctx.save_attributes(self_sym_sizes=a._data.shape)
        return a._data.reshape(shape)

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx._saved_self_sym_sizes), None


class ReshapeAlias(View):
    """``reshape`` of a non-contiguous tensor whose strides still allow a view"""

    backward_name = "ReshapeAliasBackward0"


class UnsafeView(View):
    """``reshape`` of a fresh copy (when no view was possible): not a view of the original"""

    backward_name = "UnsafeViewBackward0"
    is_view = False


def flatten(a, start_dim=0, end_dim=-1):
    if a.ndim == 0:
        return a.reshape(1)
    start, end = wrap_dim(start_dim, a.ndim), wrap_dim(end_dim, a.ndim)
    if start == end:
        return a
    shape = a.shape[:start] + (int(np.prod(a.shape[start:end + 1])),) + a.shape[end + 1:]
    return a.reshape(shape)


class Transpose(Function):
    """out = a with two dims swapped"""

    backward_name = "TransposeBackward0"
    saved_names = ("dim0", "dim1")
    is_view = True

    @staticmethod
    def forward(ctx, a, dim0, dim1):
        ctx.save_attributes(dim0=dim0, dim1=dim1)
        return np.swapaxes(a._data, dim0, dim1)

    @staticmethod
    def backward(ctx, grad):
        return grad.transpose(ctx._saved_dim0, ctx._saved_dim1), None, None  # swap back


class T(Function):
    """out = a transposed (a matrix; vectors and scalars are returned as they are)"""

    backward_name = "TBackward0"
    is_view = True

    @staticmethod
    def forward(ctx, a):
        return a._data.T

    @staticmethod
    def backward(ctx, grad):
        return grad.t()


def permutation(dims, ndim: int) -> tuple:
    """The dims given to ``permute``, checked: each of the tensor's dims exactly once."""
    if len(dims) != ndim:
        raise RuntimeError(
            "permute(sparse_coo): number of dimensions in the tensor input does not match the "
            f"length of the desired ordering of dimensions i.e. input.dim() = {ndim} is not "
            f"equal to len(dims) = {len(dims)}"
        )
    dims = tuple(wrap_dim(int(d), ndim) for d in dims)
    if len(set(dims)) != ndim:
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    return dims


class Permute(Function):
    """out = a with its dims reordered"""

    backward_name = "PermuteBackward0"
    saved_names = ("dims",)
    is_view = True

    @staticmethod
    def forward(ctx, a, dims):
        ctx.save_attributes(dims=dims)
        return np.transpose(a._data, dims)

    @staticmethod
    def backward(ctx, grad):
        return grad.permute(tuple(np.argsort(ctx._saved_dims))), None  # the inverse order


class Squeeze(Function):
    """out = a without its size-1 dims"""

    backward_name = "SqueezeBackward0"
    saved_names = ("self_sym_sizes",)
    is_view = True

    @staticmethod
    def forward(ctx, a):
        ctx.save_attributes(self_sym_sizes=a._data.shape)
        return np.squeeze(a._data)

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx._saved_self_sym_sizes)


class SqueezeDim(Function):
    """out = a without dim ``dim`` if its size is 1 (otherwise unchanged)"""

    backward_name = "SqueezeBackward1"
    saved_names = ("dim", "self_sym_sizes")
    is_view = True

    @staticmethod
    def forward(ctx, a, dim):
        ctx.save_attributes(dim=dim, self_sym_sizes=a._data.shape)
        if a.ndim and a.shape[dim] == 1:
            return np.squeeze(a._data, dim)
        return a._data.view()

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx._saved_self_sym_sizes), None


class SqueezeDims(Function):
    """out = a without the size-1 dims listed in ``dims``"""

    backward_name = "SqueezeBackward4"
    saved_names = ("dim", "self_sym_sizes")
    is_view = True

    @staticmethod
    def forward(ctx, a, dims):
        ctx.save_attributes(dim=dims, self_sym_sizes=a._data.shape)
        return np.squeeze(a._data, tuple(d for d in dims if a.shape[d] == 1))

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx._saved_self_sym_sizes), None


class Unsqueeze(Function):
    """out = a with a new size-1 dim at ``dim``"""

    backward_name = "UnsqueezeBackward0"
    saved_names = ("dim",)
    is_view = True

    @staticmethod
    def forward(ctx, a, dim):
        ctx.save_attributes(dim=dim)
        return np.expand_dims(a._data, dim)

    @staticmethod
    def backward(ctx, grad):
        return grad.squeeze(ctx._saved_dim), None


def expand_shape(a, sizes) -> tuple:
    """The target shape of ``expand``: -1 keeps a size; only size-1 dims can grow."""
    sizes = tuple(sizes[0]) if len(sizes) == 1 and isinstance(sizes[0], (tuple, list)) else sizes
    lead = len(sizes) - a.ndim
    if lead < 0:
        raise RuntimeError(
            f"expand({a.type()}{{[{', '.join(map(str, a.shape))}]}}, "
            f"size=[{', '.join(map(str, sizes))}]): "
            "the number of sizes provided "
            f"({len(sizes)}) must be greater or equal to the number of dimensions in the "
            f"tensor ({a.ndim})"
        )
    shape = []
    for i, n in enumerate(sizes):
        old = a.shape[i - lead] if i >= lead else 1
        n = old if n == -1 else int(n)
        if old != 1 and old != n:
            raise RuntimeError(
                f"The expanded size of the tensor ({n}) must match the existing size ({old}) at "
                f"non-singleton dimension {i}.  Target sizes: [{', '.join(map(str, sizes))}].  "
                f"Tensor sizes: [{', '.join(map(str, a.shape))}]"
            )
        shape.append(n)
    return tuple(shape)


class Expand(Function):
    """out = a repeated along its size-1 dims, without copying (a read-only view)"""

    backward_name = "ExpandBackward0"
    saved_names = ("self_sym_sizes",)
    is_view = True

    @staticmethod
    def forward(ctx, a, shape):
        ctx.save_attributes(self_sym_sizes=a._data.shape)
        return np.broadcast_to(a._data, shape)

    @staticmethod
    def backward(ctx, grad):
        return grad, None  # the engine sums it back to a's shape


class Repeat(Function):
    """out = a tiled ``sizes`` times along each dim"""

    backward_name = "RepeatBackward0"
    saved_names = ("repeats",)

    @staticmethod
    def forward(ctx, a, repeats):
        ctx.save_attributes(repeats=repeats)
        data = a._data.reshape((1,) * (len(repeats) - a.ndim) + a.shape)
        return np.tile(data, repeats)

    @staticmethod
    def backward(ctx, grad):
        repeats = ctx._saved_repeats
        split = []  # (copies, size) for every dim: sum over the copies
        for r, n in zip(repeats, grad.shape, strict=True):
            split += [r, n // r]
        summed = grad.reshape(split).sum(tuple(range(0, len(split), 2)))
        return summed, None


class Unbind(Function):
    """outs = the slices of a along ``dim``, one tensor each (views, one node for all)"""

    backward_name = "UnbindBackward0"
    saved_names = ("dim",)
    is_view = True

    @staticmethod
    def forward(ctx, a, dim):
        ctx.save_attributes(dim=dim)
        before = (slice(None),) * dim
        # The trailing ... keeps each slice a view, even a 0-dim one.
        return tuple(a._data[before + (i, Ellipsis)] for i in range(a.shape[dim]))

    @staticmethod
    def backward(ctx, *grads):
        return Stack.apply(ctx._saved_dim, *grads), None  # slices back together


class Cat(Function):
    """out = tensors joined along ``dim``"""

    backward_name = "CatBackward0"
    saved_names = ("dim", "tensors_args_sizes")

    @staticmethod
    def forward(ctx, dim, *tensors):
        first = tensors[0]
        for number, t in enumerate(tensors[1:], start=1):
            if t.ndim != first.ndim:
                raise RuntimeError(
                    f"Tensors must have same number of dimensions: got {first.ndim} and {t.ndim}"
                )
            for d in range(first.ndim):
                if d != dim and t.shape[d] != first.shape[d]:
                    raise RuntimeError(
                        f"Sizes of tensors must match except in dimension {dim}. Expected size "
                        f"{first.shape[d]} but got size {t.shape[d]} for tensor number "
                        f"{number} in the list."
                    )
        # Every input's shape (PyTorch keeps them too, as tensors_args_sizes_symint, without
        # showing them): backward cuts the gradient into pieces of these lengths along dim.
        ctx.save_attributes(dim=dim, tensors_args_sizes=tuple(t._data.shape for t in tensors))
        result = dtypes.result_type(*tensors).numpy_type
        return np.concatenate([t._data for t in tensors], axis=dim).astype(result, copy=False)

    @staticmethod
    def backward(ctx, grad):
        dim, pieces, start = ctx._saved_dim, [], 0
        for sizes in ctx._saved_tensors_args_sizes:  # each input gets its slice of the gradient
            pieces.append(grad.narrow(dim, start, sizes[dim]))
            start += sizes[dim]
        return (None, *pieces)


class Stack(Function):
    """out = tensors stacked along a new dim ``dim``"""

    backward_name = "StackBackward0"
    saved_names = ("dim",)

    @staticmethod
    def forward(ctx, dim, *tensors):
        for number, t in enumerate(tensors):
            if t.shape != tensors[0].shape:
                raise RuntimeError(
                    "stack expects each tensor to be equal size, but got "
                    f"[{', '.join(map(str, tensors[0].shape))}] "
                    f"at entry 0 and [{', '.join(map(str, t.shape))}] at entry {number}"
                )
        ctx.save_attributes(dim=dim)
        result = dtypes.result_type(*tensors).numpy_type
        return np.stack([t._data for t in tensors], axis=dim).astype(result, copy=False)

    @staticmethod
    def backward(ctx, grad):
        dim = ctx._saved_dim
        return (None, *(grad.select(dim, i) for i in range(grad.shape[dim])))
