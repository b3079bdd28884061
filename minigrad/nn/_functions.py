"""The ops behind ``F.linear`` and ``F.batch_norm``, each one node as in PyTorch.

``F.linear(x, w, b)`` on a matrix is ``addmm(b, x, w.t())``: one ``AddmmBackward0`` node with
a ``TBackward0`` on the weight, exactly the graph PyTorch draws. Batch normalisation is one
``NativeBatchNormBackward0`` node whose inputs are the input, the weight and the bias.
"""

from __future__ import annotations

import numpy as np

from ..autograd.function import Function
from ..tensor import Tensor


class Addmm(Function):
    """out = bias + mat1 @ mat2  (``F.linear``: mat2 is the transposed weight)"""

    backward_name = "AddmmBackward0"
    saved_names = (
        "alpha", "beta", "mat1", "mat1_sym_sizes", "mat1_sym_strides", "mat2", "mat2_sym_sizes",
        "mat2_sym_strides",
    )

    @staticmethod
    def forward(ctx, bias, mat1, mat2):
        if mat1.shape[1] != mat2.shape[0]:
            raise RuntimeError(
                f"mat1 and mat2 shapes cannot be multiplied ({mat1.shape[0]}x{mat1.shape[1]} "
                f"and {mat2.shape[0]}x{mat2.shape[1]})"
            )
        if mat1.dtype is not mat2.dtype:
            raise RuntimeError(
                "mat1 and mat2 must have the same dtype, but got "
                f"{mat1.dtype.scalar_name} and {mat2.dtype.scalar_name}"
            )
        _, mat1_needs_grad, mat2_needs_grad = ctx.needs_input_grad
        # A factor's strides are kept only when its own gradient will be made (laid out as it).
        ctx.save_attributes(alpha=1, beta=1, mat1_sym_sizes=tuple(mat1.shape),
                            mat1_sym_strides=mat1.stride() if mat1_needs_grad else (),
                            mat2_sym_sizes=tuple(mat2.shape),
                            mat2_sym_strides=mat2.stride() if mat2_needs_grad else ())
        # Each product's gradient uses the other factor: keep only what backward reads, so a
        # frozen layer does not hold on to its input (as PyTorch).
        ctx.save_for_backward(mat1 if mat2_needs_grad else None, mat2 if mat1_needs_grad else None)
        out = mat1._data @ mat2._data
        out += bias._data  # in place into the fresh product: no extra copy
        return out

    @staticmethod
    def backward(ctx, grad):
        mat1, mat2 = ctx.saved_tensors
        return (
            grad if ctx.needs_input_grad[0] else None,  # d/dbias = 1 (summed over the batch)
            grad.mm(mat2.t()) if ctx.needs_input_grad[1] else None,  # d/dmat1 = g mat2ᵀ
            _mat2_grad(ctx, mat1, grad) if ctx.needs_input_grad[2] else None,  # mat1ᵀ g
        )


def _mat2_grad(ctx, mat1, grad):
    """d/dmat2 = mat1ᵀ g, laid out as mat2 was (as PyTorch's ``mm_mat2_backward``).

    In ``F.linear`` mat2 is the transposed weight (column-major). Computing (gᵀ mat1)ᵀ instead
    gives the same numbers in that layout, so the weight's own gradient comes out contiguous
    and its ``.grad`` needs no transposing copy.
    """
    rows = ctx._saved_mat2_sym_sizes[0]
    if ctx._saved_mat2_sym_strides == (1, rows):  # column-major
        return grad.t().mm(mat1).t()
    return mat1.t().mm(grad)


def _channel_shape(x) -> tuple:
    """(1, C) for (N, C) input, (1, C, 1) for (N, C, L): per-channel values broadcast over x."""
    return (1, x.shape[1]) + (1,) * (x.ndim - 2)


class NativeBatchNorm(Function):
    """out = (x - mean) / √(var + eps) * weight + bias, per channel (dim 1)

    In training the batch's mean and biased variance are used, and the running statistics
    move towards them (with the unbiased variance). In evaluation the running statistics
    are used. ``running`` is a pair of buffers (or None): not inputs of the node.
    """

    backward_name = "NativeBatchNormBackward0"
    saved_names = (
        "eps",
        "input",
        "result1",
        "result2",
        "running_mean",
        "running_var",
        "training",
        "weight",
    )

    @staticmethod
    def forward(ctx, x, weight, bias, running, training, momentum, eps):
        axes = (0,) + tuple(range(2, x.ndim))
        shape = _channel_shape(x)
        running_mean, running_var = running
        data = x._data
        if training:
            wide = data.astype(np.float64)  # statistics accumulated in double, as PyTorch does
            mean = wide.mean(axis=axes)
            var = wide.var(axis=axes)
            invstd = 1.0 / np.sqrt(var + eps)
            if running_mean is not None:
                count = data.size // data.shape[1]
                unbiased = var * count / (count - 1)
                _move(running_mean, momentum * mean + (1 - momentum) * _wide(running_mean))
                _move(running_var, momentum * unbiased + (1 - momentum) * _wide(running_var))
        else:
            mean = running_mean._data
            invstd = 1.0 / np.sqrt(running_var._data.astype(np.float64) + eps)
        mean = mean.astype(data.dtype)
        invstd = invstd.astype(data.dtype)
        alpha = invstd if weight is None else invstd * weight._data
        beta = -mean * alpha if bias is None else bias._data - mean * alpha
        out = data * alpha.reshape(shape) + beta.reshape(shape)
        ctx.save_attributes(
            eps=eps, training=training, running_mean=running_mean, running_var=running_var
        )
        ctx.save_for_backward(x, Tensor._make(mean), Tensor._make(invstd), weight)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, mean, invstd, weight = ctx.saved_tensors
        shape, axes = _channel_shape(x), (0,) + tuple(range(2, x.ndim))
        mean, invstd = mean.reshape(shape), invstd.reshape(shape)
        xhat = (x - mean) * invstd
        scale = invstd if weight is None else invstd * weight.reshape(shape)
        grad_input = None
        if ctx.needs_input_grad[0]:
            if ctx._saved_training:  # the batch statistics depend on x too
                grad_input = (
                    grad
                    - grad.mean(axes, keepdim=True)
                    - xhat * (grad * xhat).mean(axes, keepdim=True)
                ) * scale
            else:
                grad_input = grad * scale
        grad_weight = (grad * xhat).sum(axes) if ctx.needs_input_grad[1] else None
        grad_bias = grad.sum(axes) if ctx.needs_input_grad[2] else None
        return grad_input, grad_weight, grad_bias, None, None, None, None


def _wide(buffer) -> np.ndarray:
    return buffer._data.astype(np.float64)


def _move(buffer, new_values) -> None:
    """Write new running statistics into a buffer in place (it is state, not a graph value)."""
    buffer._data[...] = new_values
    buffer._version_counter.version += 1
