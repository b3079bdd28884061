"""softmax and log_softmax along one dim, computed the numerically stable way."""
from __future__ import annotations

import numpy as np

from ..autograd.function import Function
from .unary import _float_array, _result


def _shifted(a, dim, name):
    """a minus its max along dim: exp() of it cannot overflow, and softmax is unchanged."""
    if not a.dtype.is_floating_point:  # PyTorch has no integer kernel for these
        last = dim == max(a.ndim - 1, 0)
        kernel = f"{name}_lastdim_kernel_impl" if last else f"{name}_kernel_impl"
        raise NotImplementedError(
            f'"{kernel}" not implemented for \'{a.dtype.legacy_name[:-len("Tensor")]}\''
        )
    x = _float_array(a)
    return x - np.max(x, axis=dim, keepdims=True)


class Softmax(Function):
    """out_i = e^a_i / Σ_j e^a_j along ``dim``"""

    backward_name = "SoftmaxBackward0"
    saved_names = ("dim", "result")

    @staticmethod
    def forward(ctx, a, dim):
        ctx.save_attributes(dim=dim)
        e = np.exp(_shifted(a, dim, "softmax"))
        return _result(ctx, e / e.sum(axis=dim, keepdims=True))

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        dim = ctx._saved_dim
        # d softmax: s * (g - Σ g s)
        return result * (grad - (grad * result).sum(dim, keepdim=True)), None


class LogSoftmax(Function):
    """out_i = a_i - log Σ_j e^a_j along ``dim``"""

    backward_name = "LogSoftmaxBackward0"
    saved_names = ("dim", "result")

    @staticmethod
    def forward(ctx, a, dim):
        ctx.save_attributes(dim=dim)
        shifted = _shifted(a, dim, "log_softmax")
        return _result(ctx, shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True)))

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        # d log_softmax: g - softmax * Σ g
        return grad - result.exp() * grad.sum(ctx._saved_dim, keepdim=True), None
