"""Matrix products: mm (matrix @ matrix), mv (matrix @ vector), dot, and batched matmul."""
from __future__ import annotations

import numpy as np

from ..autograd.function import Function
from ..autograd.results import tensor_of


def _check_same_dtype(a, b):
    if a._data.dtype != b._data.dtype:
        raise RuntimeError(
            "expected m1 and m2 to have the same dtype, but got: "
            f"{a.dtype.cpp_name} != {b.dtype.cpp_name}"
        )


def _save_the_other(ctx, a, b):
    """A product's gradient for one input uses the other: keep only what backward will read."""
    a_needs_grad, b_needs_grad = ctx.needs_input_grad
    ctx.save_for_backward(a if b_needs_grad else None, b if a_needs_grad else None)


class Mm(Function):
    """out = a @ b for matrices: out_ij = Σ_k a_ik b_kj"""

    backward_name = "MmBackward0"
    saved_names = ("mat2", "self")  # PyTorch's order: saved-tensor hooks see `mat2` first

    @staticmethod
    def forward(ctx, a, b):
        if a._data.shape[1] != b._data.shape[0]:
            raise RuntimeError(
                f"mat1 and mat2 shapes cannot be multiplied ({a.shape[0]}x{a.shape[1]} and "
                f"{b.shape[0]}x{b.shape[1]})"
            )
        _check_same_dtype(a, b)
        a_needs_grad, b_needs_grad = ctx.needs_input_grad
        ctx.save_for_backward(b if a_needs_grad else None, a if b_needs_grad else None)
        return a._data @ b._data

    @staticmethod
    def backward(ctx, grad):
        b, a = ctx.saved_tensors
        return (
            grad.mm(b.t()) if ctx.needs_input_grad[0] else None,  # dL/da = g bᵀ
            a.t().mm(grad) if ctx.needs_input_grad[1] else None,  # dL/db = aᵀ g
        )


class Mv(Function):
    """out = a @ v for a matrix and a vector"""

    backward_name = "MvBackward0"
    saved_names = ("self", "vec")

    @staticmethod
    def forward(ctx, a, v):
        if a.shape[1] != v.shape[0]:
            raise RuntimeError(
                f"size mismatch, got input ({a.shape[0]}), mat ({a.shape[0]}x{a.shape[1]}), "
                f"vec ({v.shape[0]})"
            )
        _check_same_dtype(a, v)
        _save_the_other(ctx, a, v)
        return a._data @ v._data

    @staticmethod
    def backward(ctx, grad):
        a, v = ctx.saved_tensors
        return (
            grad.unsqueeze(1) * v if ctx.needs_input_grad[0] else None,  # outer product g vᵀ
            a.t().mv(grad) if ctx.needs_input_grad[1] else None,  # aᵀ g
        )


class Dot(Function):
    """out = Σ_i a_i b_i for two vectors"""

    backward_name = "DotBackward0"
    saved_names = ("self", "tensor")

    @staticmethod
    def forward(ctx, a, b):
        if a.shape != b.shape:
            raise RuntimeError(
                f"inconsistent tensor size, expected tensor [{a.shape[0]}] and src "
                f"[{b.shape[0]}] to have the same number of elements, but got {a.shape[0]} "
                f"and {b.shape[0]} elements respectively"
            )
        _check_same_dtype(a, b)
        _save_the_other(ctx, a, b)
        return np.asarray(a._data @ b._data)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (
            grad * b if ctx.needs_input_grad[0] else None,  # d(a·b)/da = b
            grad * a if ctx.needs_input_grad[1] else None,  # d(a·b)/db = a
        )


class Matmul(Function):
    """out = a @ b with batch dims (they broadcast, as in NumPy)"""

    backward_name = "MatmulBackward0"
    saved_names = ("self", "other", "other_sym_sizes", "self_sym_sizes")

    @staticmethod
    def forward(ctx, a, b):
        _check_same_dtype(a, b)
        _save_the_other(ctx, a, b)
        # Backward needs the inputs' ranks even when it saved neither input.
        ctx.save_attributes(other_sym_sizes=b._data.shape, self_sym_sizes=a._data.shape)
        try:
            return np.matmul(a._data, b._data)
        except ValueError:
            raise RuntimeError(
                f"Expected size for first two dimensions of batch2 tensor to be: "
                f"[{', '.join(map(str, a.shape[:-1]))}] but got: [{', '.join(map(str, b.shape))}]."
            ) from None

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        a_ndim, b_ndim = len(ctx._saved_self_sym_sizes), len(ctx._saved_other_sym_sizes)
        if a_ndim == 1:  # vectors act as 1-row / 1-column matrices
            grad = grad.unsqueeze(-2)
        if b_ndim == 1:
            grad = grad.unsqueeze(-1)
        grad_a = grad_b = None
        if ctx.needs_input_grad[0]:
            b2 = b.unsqueeze(-1) if b_ndim == 1 else b
            grad_a = matmul(grad, b2.transpose(-1, -2))
            if a_ndim == 1:
                grad_a = grad_a.squeeze(-2)  # drop the row dim the vector was given
        if ctx.needs_input_grad[1]:
            a2 = a.unsqueeze(0) if a_ndim == 1 else a
            grad_b = matmul(a2.transpose(-1, -2), grad)
            if b_ndim == 1:
                grad_b = grad_b.squeeze(-1)  # drop the column dim the vector was given
        return grad_a, grad_b  # the engine sums batch dims back to each input's shape


class Norm(Function):
    """out = √(Σ a²), the Euclidean norm"""

    backward_name = "LinalgVectorNormBackward0"
    saved_names = ("self", "result")

    @staticmethod
    def forward(ctx, a):
        result = tensor_of(np.asarray(np.linalg.norm(a._data.ravel()), dtype=a._data.dtype))
        ctx.save_for_backward(a, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        return grad * a / result  # d‖a‖/da = a / ‖a‖


def matmul(a, b):
    """``a @ b``: the node PyTorch would make for these shapes (Mm, Mv, Dot, else batched)."""
    if a.ndim == 0 or b.ndim == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {a.ndim}D and {b.ndim}D"
        )
    if a.ndim == 2 and b.ndim == 2:
        return Mm.apply(a, b)
    if a.ndim == 2 and b.ndim == 1:
        return Mv.apply(a, b)
    if a.ndim == 1 and b.ndim == 1:
        return Dot.apply(a, b)
    return Matmul.apply(a, b)


def mm(a, b):
    if a.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if b.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    return Mm.apply(a, b)


def mv(a, v):
    if a.ndim != 2 or v.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got {v.ndim}, {a.ndim}, {v.ndim}")
    return Mv.apply(a, v)


def dot(a, b):
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    return Dot.apply(a, b)


