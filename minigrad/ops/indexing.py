"""Reading and writing parts of a tensor: ``x[0]``, ``x[1:3]``, ``x[[0, 2]]``, ``x[mask]``,
``x[i] = v``.

Like PyTorch, a basic index is taken one dim at a time (``x[0, 1:]`` is a select then a
slice, two views); an index with lists, tensors or masks is one gather (``IndexBackward0``).
Every backward places the gradient back into a zero tensor of the input's shape.
"""
from __future__ import annotations

import numpy as np

from ..autograd.function import Function
from ..autograd.grad_mode import _state
from ..autograd.inplace import apply_inplace
from ..autograd.results import operand, tensor_of
from .arithmetic import Copy, FillTensor
from .shape import expand_shape


class PlaceInZeros(Function):
    """out = zeros of ``shape`` with ``values`` added at ``key`` (the backward of every index op)"""

    backward_name = "IndexPutBackward0"
    saved_names = ("accumulate", "indices")

    @staticmethod
    def forward(ctx, values, shape, key):
        ctx.save_attributes(accumulate=True, indices=key)
        out = np.zeros(shape, dtype=values._data.dtype)
        np.add.at(out, key, values._data)  # repeated indices add up
        return out

    @staticmethod
    def backward(ctx, grad):
        return Index.apply(grad, ctx._saved_indices), None, None


class Select(Function):
    """out = a[..., index, ...] at dim ``dim`` (a view, one dim fewer)"""

    backward_name = "SelectBackward0"
    saved_names = ("dim", "index", "self_sym_sizes")
    is_view = True

    @staticmethod
    def forward(ctx, a, dim, index):
        size = a.shape[dim]
        if not -size <= index < size:
            raise IndexError(f"index {index} is out of bounds for dimension {dim} with size {size}")
        ctx.save_attributes(dim=dim, index=index, self_sym_sizes=a._data.shape)
        # The trailing ... keeps a 0-dim result a view (a bare x[0] on a vector is a copied scalar).
        return a._data[(slice(None),) * dim + (index, Ellipsis)]

    @staticmethod
    def backward(ctx, grad):
        key = (slice(None),) * ctx._saved_dim + (ctx._saved_index,)
        return PlaceInZeros.apply(grad, ctx._saved_self_sym_sizes, key), None, None


class Slice(Function):
    """out = a[start:end:step] along dim ``dim`` (a view)"""

    backward_name = "SliceBackward0"
    saved_names = ("dim", "end", "self_sym_sizes", "start", "step")
    is_view = True

    @staticmethod
    def forward(ctx, a, dim, start, end, step):
        if step <= 0:
            raise ValueError("step must be greater than zero")
        ctx.save_attributes(dim=dim, start=start, end=end, step=step, self_sym_sizes=a._data.shape)
        return a._data[(slice(None),) * dim + (slice(start, end, step),)]

    @staticmethod
    def backward(ctx, grad):
        part = slice(ctx._saved_start, ctx._saved_end, ctx._saved_step)
        key = (slice(None),) * ctx._saved_dim + (part,)
        return PlaceInZeros.apply(grad, ctx._saved_self_sym_sizes, key), None, None, None, None


class Alias(Function):
    """out = a, as a new tensor viewing the same data (``a[...]``)"""

    backward_name = "AliasBackward0"
    is_view = True

    @staticmethod
    def forward(ctx, a):
        return a._data.view()

    @staticmethod
    def backward(ctx, grad):
        return grad


class Index(Function):
    """out = a[indices] with lists, integer tensors or boolean masks (a copy)"""

    backward_name = "IndexBackward0"
    saved_names = ("indices", "self_sym_sizes")

    @staticmethod
    def forward(ctx, a, key):
        ctx.save_attributes(indices=key, self_sym_sizes=a._data.shape)
        _check_masks(a._data.shape, key)
        try:
            return a._data[key]
        except IndexError as error:
            raise IndexError(str(error).replace("axis", "dimension")) from None

    @staticmethod
    def backward(ctx, grad):
        return PlaceInZeros.apply(grad, ctx._saved_self_sym_sizes, ctx._saved_indices), None


class Gather(Function):
    """out[i][j] = a[index[i][j]][j] for dim 0 (``torch.gather``)"""

    backward_name = "GatherBackward0"
    saved_names = ("dim", "index", "self_sym_sizes")

    @staticmethod
    def forward(ctx, a, dim, index):
        _check_gather_index(a._data.shape, dim, index)
        ctx.save_attributes(dim=dim, index=index, self_sym_sizes=a._data.shape)
        return a._data[_gather_key(index, dim)]

    @staticmethod
    def backward(ctx, grad):
        key = _gather_key(ctx._saved_index, ctx._saved_dim)
        return PlaceInZeros.apply(grad, ctx._saved_self_sym_sizes, key), None, None


def _check_gather_index(shape, dim, index) -> None:
    """PyTorch's checks: same rank, no larger than the input except along dim, in range."""
    if index.ndim != len(shape):
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    for d, (n, size) in enumerate(zip(index.shape, shape, strict=True)):
        if d != dim and n > size:
            raise RuntimeError(
                f"Size does not match at dimension {d} expected index {list(index.shape)} to be "
                f"no larger than self {list(shape)} apart from dimension {dim}"
            )
    size = shape[dim] if shape else 1
    outside = index[(index < 0) | (index >= size)]
    if outside.size:
        raise RuntimeError(
            f"index {outside.flat[0]} is out of bounds for dimension {dim} with size {size}"
        )


def _gather_key(index, dim) -> tuple:
    """The NumPy index for gather: ``index`` along ``dim``, position i in every other dim.

    The index may be smaller than the input in the other dims (unlike take_along_axis).
    """
    if index.ndim == 0:
        return ()  # a 0-dim input has one element, and the checked index is 0
    key = list(np.indices(index.shape, sparse=True))
    key[dim] = index
    return tuple(key)


class MaskedFill(Function):
    """out = a with ``value`` where ``mask`` is True (a number): those slots get no gradient"""

    backward_name = "MaskedFillBackward0"
    saved_names = ("mask",)

    @staticmethod
    def forward(ctx, a, mask, value):
        ctx.save_attributes(mask=tensor_of(mask))
        return np.where(mask, value, a._data).astype(a._data.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        return MaskedFill.apply(grad, ctx._saved_mask._data, 0), None, None  # 1 where kept


class MaskedFillTensor(Function):
    """out = a with a 0-dim tensor ``value`` where ``mask`` is True; value gets their gradients"""

    backward_name = "MaskedFillBackward1"
    saved_names = ("mask",)

    @staticmethod
    def forward(ctx, a, mask, value):
        if value.ndim != 0:
            raise RuntimeError(
                "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                f"{value.ndim} dimension(s)."
            )
        ctx.save_attributes(mask=tensor_of(mask))
        return np.where(mask, value._data, a._data).astype(a._data.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        mask = ctx._saved_mask._data
        kept = MaskedFill.apply(grad, mask, 0)
        grad_value = (grad - kept).sum() if ctx.needs_input_grad[2] else None  # Σ filled slots
        return kept, None, grad_value


class CopySlices(Function):
    """``a[key] = value`` on a tensor in the graph: out = a with the slots at ``key`` replaced"""

    backward_name = "torch::autograd::CopySlices"
    saved_names = ("indices",)  # PyTorch shows none: its CopySlices wraps the view's node

    @staticmethod
    def forward(ctx, a, value, key):
        ctx.save_attributes(indices=key)
        out = a._data.copy()
        expand_shape(value, out[key].shape)  # PyTorch's error when value does not fit
        out[key] = value._data
        return out

    @staticmethod
    def backward(ctx, grad):
        keep = np.ones(grad.shape, dtype=bool)
        key = ctx._saved_indices
        keep[key] = False  # the overwritten slots get no gradient
        return grad * grad.new_tensor(keep), Index.apply(grad, key), None


class IndexPut(CopySlices):
    """``a[indices] = value`` with lists, integer tensors or masks, written into a itself"""

    backward_name = "IndexPutBackward0"
    saved_names = ("accumulate", "indices")

    @staticmethod
    def forward(ctx, a, value, key):
        ctx.save_attributes(accumulate=False)  # written over, not added to (index_put_)
        return CopySlices.forward(ctx, a, value, key)


def _numpy_key(item):
    """Tensors in an index become NumPy arrays (integers or bools)."""
    if hasattr(item, "_data"):
        if item._data.dtype.kind not in "iub":
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
        return item._data if item.ndim else item._data.item()
    if isinstance(item, list):
        return np.asarray([_numpy_key(i) for i in item])
    if isinstance(item, (float, np.floating)):
        raise IndexError(
            "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are "
            f"valid indices (got {type(item).__name__})"
        )
    return item


def _check_masks(shape, key):
    """A boolean mask must have the shape of the dims it selects from (PyTorch's message)."""
    if any(k is Ellipsis for k in key):  # (`in` would compare arrays elementwise)
        return
    dim = 0
    for k in key:
        if isinstance(k, np.ndarray) and k.dtype == np.bool_:
            for i, size in enumerate(k.shape):
                if dim + i >= len(shape) or shape[dim + i] != size:
                    raise IndexError(
                        f"The shape of the mask [{', '.join(map(str, k.shape))}] at index {i} does "
                        f"not match the shape of the indexed tensor [{', '.join(map(str, shape))}] "
                        f"at index {dim + i}"
                    )
            dim += k.ndim
        elif k is not None:
            dim += 1


def _is_advanced(item) -> bool:
    return isinstance(item, (np.ndarray, list, bool, np.bool_))


def _dims_taken(k) -> int:
    """How many of the tensor's dims one part of an index uses up."""
    if k is None or k is Ellipsis or isinstance(k, (bool, np.bool_)):
        return 0
    if isinstance(k, np.ndarray) and k.dtype == np.bool_:
        return k.ndim  # a mask covers as many dims as it has
    return 1


def _basic_then_advanced(a, key):
    """Apply the basic parts of ``key`` (ints, slices, None) as views, as PyTorch does first.

    Returns the view and what is left for one advanced ``Index``: full slices for the dims
    kept, the lists / integer arrays / masks for the others (empty when there are none).
    """
    taken = sum(_dims_taken(k) for k in key)
    if taken > a.ndim:
        raise IndexError(f"too many indices for tensor of dimension {a.ndim}")
    out, dim, advanced = a, 0, []
    for k in key:
        if k is Ellipsis:  # as many full slices as the other parts leave
            advanced += [slice(None)] * (a.ndim - taken)
            dim += a.ndim - taken
        elif k is None:
            out = out.unsqueeze(dim)
            advanced.append(slice(None))
            dim += 1
        elif isinstance(k, slice):
            start, stop, step = k.indices(out.shape[dim])
            if (start, stop, step) != (0, out.shape[dim], 1):  # a full slice is no op at all
                out = Slice.apply(out, dim, start, stop, step)
            advanced.append(slice(None))
            dim += 1
        elif _is_advanced(k):
            advanced.append(k)
            dim += _dims_taken(k)
        else:
            out = Select.apply(out, dim, int(k))
    if not any(_is_advanced(k) for k in advanced):
        advanced = []
    return out, tuple(advanced)


def getitem(a, key):
    """``a[key]``: basic parts one dim at a time (views), then advanced parts in one Index op."""
    if isinstance(key, slice) and a.ndim:  # a lone slice is applied even when it cuts nothing
        return Slice.apply(a, 0, *key.indices(a.shape[0]))
    key = tuple(_numpy_key(k) for k in (key if isinstance(key, tuple) else (key,)))
    out, advanced = _basic_then_advanced(a, key)
    if advanced:
        return Index.apply(out, advanced)
    if out is a:  # a[...] or a[:, :]: still a new tensor viewing the same data
        out = Alias.apply(a)
    return out


def setitem(a, key, value):
    """``a[key] = value``, in place, with the node PyTorch records for this kind of key.

    Through a view (ints, partial slices): CopySlices. Lists, index tensors or masks alone:
    IndexPutBackward0. The whole tensor: a fill (0-dim value) or a copy.
    """
    key = tuple(_numpy_key(k) for k in (key if isinstance(key, tuple) else (key,)))
    value = operand(value)
    through_view = _reaches_through_view(key, a.shape)
    if through_view and a.is_leaf and a.requires_grad and _state.enabled:
        raise RuntimeError(
            "a view of a leaf Variable that requires grad is being used in an in-place operation."
        )
    advanced = any(_is_advanced(k) for k in key)
    if through_view:
        value = _fitted(value, a._data[key].shape)
        apply_inplace(a, lambda before, v: CopySlices.apply(before, v, key), value)
    elif advanced:  # a[[0, 2]] = v, a[mask] = v: one index_put_ on a itself
        apply_inplace(a, lambda before, v: IndexPut.apply(before, v, key), value)
    elif value.ndim == 0:  # a[:] = 5: every element
        apply_inplace(a, FillTensor.apply, value)
    else:  # a[:] = t
        apply_inplace(a, Copy.apply, _fitted(value, a.shape))


def _fitted(value, shape):
    """The value as PyTorch writes it: leading 1-dims viewed away, then expanded to ``shape``."""
    if value.ndim == 0 or value.shape == shape:
        return value
    sizes = tuple(value.shape)
    while sizes and sizes[0] == 1:
        sizes = sizes[1:]
    return value.view(sizes).expand(shape)


def _reaches_through_view(key, shape) -> bool:
    """Whether PyTorch writes ``a[key] = v`` through a view (ints, None, partial slices)."""
    taken = sum(_dims_taken(k) for k in key)
    dim = 0
    for k in key:
        if k is Ellipsis:
            dim += len(shape) - taken
        elif _is_advanced(k):
            dim += _dims_taken(k)
        elif k is None or not isinstance(k, slice):
            return True
        else:
            if dim < len(shape) and k.indices(shape[dim]) != (0, shape[dim], 1):
                return True  # a full slice is skipped, any other one is a view
            dim += 1
    return False
