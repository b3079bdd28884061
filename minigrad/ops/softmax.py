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
            f'"{kernel}" not implemented for \'{a.dtype.scalar_name}\''
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
        return SoftmaxBackwardData.apply(grad, result, ctx._saved_dim), None


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
        return LogSoftmaxBackwardData.apply(grad, result, ctx._saved_dim), None


# The two backwards are ops of their own, as in PyTorch (``_softmax_backward_data``,
# ``_log_softmax_backward_data``): one node computes them in NumPy, and they can be
# differentiated again when ``create_graph=True``.


class SoftmaxBackwardData(Function):
    """out = s * (g - Σ g s) along ``dim``, where s = softmax(a) and g its incoming gradient"""

    backward_name = "SoftmaxBackwardDataBackward0"
    saved_names = ("dim", "grad_output", "output")

    @staticmethod
    def forward(ctx, grad, output, dim):
        ctx.save_attributes(dim=dim)
        ctx.save_for_backward(grad, output)
        g, s = grad._data, output._data
        return s * (g - (g * s).sum(axis=dim, keepdims=True))

    @staticmethod
    def backward(ctx, grad_grad):
        grad, output = ctx.saved_tensors
        dim = ctx._saved_dim
        needs_grad, needs_output = ctx.needs_input_grad[:2]
        return (
            # out is linear in g, and its Jacobian is symmetric: the same formula again
            SoftmaxBackwardData.apply(grad_grad, output, dim) if needs_grad else None,
            # d out_i / d s_k = δ_ik (g_i - Σ g s) - s_i g_k
            grad_grad * (grad - (grad * output).sum(dim, keepdim=True))
            - grad * (grad_grad * output).sum(dim, keepdim=True) if needs_output else None,
            None,
        )


class LogSoftmaxBackwardData(Function):
    """out = g - e^y Σ g along ``dim``, where y = log_softmax(a) and g its incoming gradient"""

    backward_name = "LogSoftmaxBackwardDataBackward0"
    saved_names = ("dim", "grad_output", "output")

    @staticmethod
    def forward(ctx, grad, output, dim):
        ctx.save_attributes(dim=dim)
        ctx.save_for_backward(grad, output)
        g = grad._data
        return g - np.exp(output._data) * g.sum(axis=dim, keepdims=True)

    @staticmethod
    def backward(ctx, grad_grad):
        grad, output = ctx.saved_tensors
        dim = ctx._saved_dim
        needs_grad, needs_output = ctx.needs_input_grad[:2]
        softmax = output.exp()
        return (
            # d out_i / d g_j = δ_ij - e^y_i
            grad_grad - (grad_grad * softmax).sum(dim, keepdim=True) if needs_grad else None,
            # d out_i / d y_i = -e^y_i Σ g
            -grad_grad * softmax * grad.sum(dim, keepdim=True) if needs_output else None,
            None,
        )
