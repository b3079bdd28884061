"""Elementwise arithmetic between two tensors: + - * / **, maximum, minimum, where.

Each forward computes with NumPy; each backward is written with tensor ops, so that
``create_graph=True`` can differentiate it again. Inputs may broadcast: the engine sums
every gradient back to its input's shape (``autograd.function.sum_to_shape``), so the
formulas below are the plain math.
"""
from __future__ import annotations

import numpy as np

from .. import dtypes
from ..autograd.function import Function
from ..autograd.results import operand, tensor_of


def binary_arrays(a, b):
    """The two arrays to compute with, cast to the dtype PyTorch gives the result."""
    x, y = a._data, b._data
    if x.dtype is y.dtype:
        return x, y
    # The frequent case, settled without the general rule: a Python number (real) never
    # changes a floating tensor's dtype (float32_tensor * 2.5 stays float32).
    if b._wrapped_number and not a._wrapped_number and x.dtype.kind == "f" and y.dtype.kind != "c":
        return x, y.astype(x.dtype)
    if a._wrapped_number and not b._wrapped_number and y.dtype.kind == "f" and x.dtype.kind != "c":
        return x.astype(y.dtype), y
    target = dtypes.result_type(a, b).numpy_type
    return x.astype(target, copy=False), y.astype(target, copy=False)


def broadcast_error(shape_a, shape_b) -> str:
    """PyTorch's message for shapes that do not broadcast, naming the first clash from the right."""
    ndim = max(len(shape_a), len(shape_b))
    for i in range(1, ndim + 1):
        size_a = shape_a[-i] if i <= len(shape_a) else 1
        size_b = shape_b[-i] if i <= len(shape_b) else 1
        if size_a != size_b and size_a != 1 and size_b != 1:
            return (
                f"The size of tensor a ({size_a}) must match the size of tensor b ({size_b}) "
                f"at non-singleton dimension {ndim - i}"
            )
    return f"shapes {tuple(shape_a)} and {tuple(shape_b)} cannot be broadcast together"


# 1/0 = inf and 0/0 = nan, silently, as in PyTorch. (As a decorator, np.errstate costs about
# a third less per call than a `with` block: this runs for every +, -, *, / in a program.)
@np.errstate(all="ignore")
def elementwise(numpy_op, a, b):
    """Apply a NumPy binary op with PyTorch's dtype promotion and broadcasting errors."""
    x, y = binary_arrays(a, b)
    try:
        return numpy_op(x, y)
    except ValueError:
        if _broadcastable(x.shape, y.shape):
            raise  # some other complaint: not ours to reword
        raise RuntimeError(broadcast_error(x.shape, y.shape)) from None


def _broadcastable(shape_a, shape_b) -> bool:
    try:
        np.broadcast_shapes(shape_a, shape_b)
    except ValueError:
        return False
    return True


def power(x, y):
    """``x ** y`` elementwise; for integers, PyTorch's answer to negative exponents:
    1 / x**n truncated, so 0 unless x is 1 or -1."""
    if x.dtype == np.bool_ and y.dtype == np.bool_:
        raise NotImplementedError('"pow" not implemented for \'Bool\'')
    if x.dtype.kind not in "iu" or y.dtype.kind not in "iu" or not (y < 0).any():
        return np.power(x, y)
    out = np.power(x, np.abs(y))
    plus_or_minus_one = np.where(y % 2 == 0, 1, x)  # (±1)^n
    return np.where(y < 0, np.where(np.abs(x) == 1, plus_or_minus_one, 0), out).astype(out.dtype)


def refuse_bool_subtraction(a, b) -> None:
    """PyTorch refuses ``-`` on bool tensors: for masks, ``~`` or ``^`` say what is meant."""
    a_bool, b_bool = a._data.dtype == np.bool_, b._data.dtype == np.bool_
    if a_bool and b_bool:
        raise RuntimeError(
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` "
            "or `logical_xor()` operator instead."
        )
    if a_bool or b_bool:
        raise RuntimeError(
            "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying "
            "to invert a mask, use the `~` or `logical_not()` operator instead."
        )


class Add(Function):
    """out = a + b"""

    backward_name = "AddBackward0"
    saved_names = ("alpha",)

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_attributes(alpha=1)
        return elementwise(np.add, a, b)

    @staticmethod
    def backward(ctx, grad):
        return grad, grad  # d(a+b)/da = 1, d(a+b)/db = 1


class AddScaled(Function):
    """out = a + alpha * b  (``torch.add(a, b, alpha=2)``: still one AddBackward0 node)"""

    backward_name = "AddBackward0"
    saved_names = ("alpha",)

    @staticmethod
    def forward(ctx, a, b, alpha):
        ctx.save_attributes(alpha=alpha)
        return elementwise(lambda x, y: x + alpha * y, a, b)

    @staticmethod
    def backward(ctx, grad):
        return grad, grad * ctx._saved_alpha, None  # d(a+αb)/db = α


class Sub(Function):
    """out = a - b"""

    backward_name = "SubBackward0"
    saved_names = ("alpha",)

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_attributes(alpha=1)
        refuse_bool_subtraction(a, b)
        return elementwise(np.subtract, a, b)

    @staticmethod
    def backward(ctx, grad):
        return grad, (-grad if ctx.needs_input_grad[1] else None)  # d(a-b)/db = -1


class SubScaled(Function):
    """out = a - alpha * b  (``torch.sub(a, b, alpha=2)``: still one SubBackward0 node)"""

    backward_name = "SubBackward0"
    saved_names = ("alpha",)

    @staticmethod
    def forward(ctx, a, b, alpha):
        ctx.save_attributes(alpha=alpha)
        refuse_bool_subtraction(a, b)
        return elementwise(lambda x, y: x - alpha * y, a, b)

    @staticmethod
    def backward(ctx, grad):
        return grad, -grad * ctx._saved_alpha, None  # d(a-αb)/db = -α


class Rsub(Function):
    """out = number - a  (``2 - a``: the number is not an input of the node)"""

    backward_name = "RsubBackward1"
    saved_names = ("alpha",)

    @staticmethod
    def forward(ctx, a, number):
        ctx.save_attributes(alpha=1)
        number = operand(number)
        refuse_bool_subtraction(number, a)
        return elementwise(np.subtract, number, a)

    @staticmethod
    def backward(ctx, grad):
        return -grad, None  # d(n-a)/da = -1


class Mul(Function):
    """out = a * b"""

    backward_name = "MulBackward0"
    saved_names = ("other", "self")  # PyTorch's order: saved-tensor hooks see `other` first

    @staticmethod
    def forward(ctx, a, b):
        a_needs_grad, b_needs_grad = ctx.needs_input_grad
        # Each gradient uses the *other* input: keep only what backward will read, as PyTorch.
        ctx.save_for_backward(b if a_needs_grad else None, a if b_needs_grad else None)
        return elementwise(np.multiply, a, b)

    @staticmethod
    def backward(ctx, grad):
        b, a = ctx.saved_tensors
        return (
            grad * b if ctx.needs_input_grad[0] else None,  # d(a*b)/da = b
            grad * a if ctx.needs_input_grad[1] else None,  # d(a*b)/db = a
        )


class Div(Function):
    """out = a / b  (true division: integers give floats)"""

    backward_name = "DivBackward0"
    saved_names = ("other", "self")  # PyTorch's order: saved-tensor hooks see `other` first

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(b, a if ctx.needs_input_grad[1] else None)  # a only for d/db
        out = elementwise(np.true_divide, a, b)
        if dtypes.result_type(a, b).category != dtypes.FLOATING:
            out = out.astype(dtypes.get_default_dtype().numpy_type)
        return out

    @staticmethod
    def backward(ctx, grad):
        b, a = ctx.saved_tensors
        return (
            grad / b if ctx.needs_input_grad[0] else None,  # d(a/b)/da = 1/b
            -grad * a / (b * b) if ctx.needs_input_grad[1] else None,  # d(a/b)/db = -a/b²
        )


class ScalarMul(Function):
    """out = a * number (PyTorch's node for C++ code multiplying by a Scalar)"""

    backward_name = "MulBackward1"
    saved_names = ("other",)

    @staticmethod
    def forward(ctx, a, number):
        ctx.save_attributes(other=number)
        return a._data * a._data.dtype.type(number)

    @staticmethod
    def backward(ctx, grad):
        return grad * ctx._saved_other, None


class ScalarDiv(Function):
    """out = a / number (PyTorch's node for C++ code dividing by a Scalar)"""

    backward_name = "DivBackward1"
    saved_names = ("other",)

    @staticmethod
    def forward(ctx, a, number):
        ctx.save_attributes(other=number)
        return a._data / a._data.dtype.type(number)

    @staticmethod
    def backward(ctx, grad):
        return grad / ctx._saved_other, None


class Neg(Function):
    """out = -a"""

    backward_name = "NegBackward0"

    @staticmethod
    def forward(ctx, a):
        if a._data.dtype == np.bool_:
            raise RuntimeError(
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying "
                "to invert a mask, use the `~` or `logical_not()` operator instead."
            )
        return np.negative(a._data)

    @staticmethod
    def backward(ctx, grad):
        return -grad


class Pow(Function):
    """out = a ** exponent, for a number exponent"""

    backward_name = "PowBackward0"
    saved_names = ("self", "exponent")

    @staticmethod
    def forward(ctx, a, exponent):
        ctx.save_for_backward(a)
        ctx.save_attributes(exponent=exponent)
        if isinstance(exponent, int) and exponent < 0 and not a.dtype.is_floating_point:
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        out = np.power(a._data, exponent)
        if a.dtype.is_floating_point:
            return out.astype(a._data.dtype, copy=False)
        if isinstance(exponent, float):
            return out.astype(dtypes.get_default_dtype().numpy_type)
        return out

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        exponent = ctx._saved_exponent
        if exponent == 0:
            return grad * 0, None
        return grad * exponent * a ** (exponent - 1), None  # d(a^n)/da = n a^(n-1)


class PowTensor(Function):
    """out = a ** b, both tensors"""

    backward_name = "PowBackward1"
    saved_names = ("exponent", "self", "result")  # PyTorch's order (saved-tensor hooks see it)

    @staticmethod
    def forward(ctx, a, b):
        result = tensor_of(elementwise(power, a, b))
        ctx.save_for_backward(b, a, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        b, a, result = ctx.saved_tensors
        grad_a = grad * b * a ** (b - 1) if ctx.needs_input_grad[0] else None  # b a^(b-1)
        grad_b = None
        if ctx.needs_input_grad[1]:  # d(a^b)/db = a^b log a  (0 where a == 0 and b >= 0)
            zero_there = ((a == 0) & (b >= 0))._data
            grad_b = Where.apply(zero_there, operand(0.0), grad * result * a.log())
        return grad_a, grad_b


class PowScalarBase(Function):
    """out = number ** b  (``2 ** x``)"""

    backward_name = "PowBackward2"
    saved_names = ("self", "exponent", "result")

    @staticmethod
    def forward(ctx, number, b):
        result = tensor_of(elementwise(power, operand(number), b))
        if not result.dtype.is_floating_point and isinstance(number, float):
            result = tensor_of(result._data.astype(dtypes.get_default_dtype().numpy_type))
        ctx.save_attributes(self=number)
        ctx.save_for_backward(b, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        _, result = ctx.saved_tensors
        return None, grad * result * float(np.log(ctx._saved_self))  # d(n^b)/db = n^b log n


class Maximum(Function):
    """out = max(a, b) elementwise; a tie sends half the gradient each way"""

    backward_name = "MaximumBackward0"
    saved_names = ("other", "self")  # PyTorch's order (saved-tensor hooks see it)

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(b, a)
        return elementwise(np.maximum, a, b)

    @staticmethod
    def backward(ctx, grad):
        b, a = ctx.saved_tensors
        shared = Where.apply((a == b)._data, grad / 2, grad)  # a tie: half each
        return shared.masked_fill(a < b, 0), shared.masked_fill(a > b, 0)  # the loser gets 0


class Minimum(Function):
    """out = min(a, b) elementwise; a tie sends half the gradient each way"""

    backward_name = "MinimumBackward0"
    saved_names = ("other", "self")  # PyTorch's order (saved-tensor hooks see it)

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(b, a)
        return elementwise(np.minimum, a, b)

    @staticmethod
    def backward(ctx, grad):
        b, a = ctx.saved_tensors
        shared = Where.apply((a == b)._data, grad / 2, grad)  # a tie: half each
        return shared.masked_fill(a > b, 0), shared.masked_fill(a < b, 0)  # the loser gets 0


class Where(Function):
    """out = a where condition else b  (the condition is a bool array: it gets no gradient)"""

    backward_name = "WhereBackward0"
    saved_names = ("condition",)

    @staticmethod
    def forward(ctx, condition, a, b):
        ctx.save_attributes(condition=tensor_of(condition))
        x, y = binary_arrays(a, b)
        if a._wrapped_number and b._wrapped_number:  # where(c, 1.0, 0.0) is float32, as tensor(1.0)
            target = dtypes.result_type(a, b).numpy_type
            x, y = x.astype(target), y.astype(target)
        try:
            return np.where(condition, x, y)
        except ValueError:
            raise RuntimeError(broadcast_error(x.shape, y.shape)) from None

    @staticmethod
    def backward(ctx, grad):
        condition = ctx._saved_condition._data
        zero = grad.new_zeros(())
        return (
            None,
            Where.apply(condition, grad, zero) if ctx.needs_input_grad[1] else None,
            Where.apply(condition, zero, grad) if ctx.needs_input_grad[2] else None,
        )


class Copy(Function):
    """``dst.copy_(src)``: dst's old values are gone, src's arrive (broadcast, cast to dst)"""

    backward_name = "torch::autograd::CopyBackwards"

    @staticmethod
    def forward(ctx, dst, src):
        try:
            values = np.broadcast_to(src._data, dst._data.shape)
        except ValueError:
            raise RuntimeError(broadcast_error(dst.shape, src.shape)) from None
        return values.astype(dst._data.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad.new_zeros(grad.shape), grad  # only src reaches the result: dst gets zeros


class Fill(Function):
    """``x.fill_(v)``: the result no longer depends on x"""

    backward_name = "FillBackward2"

    @staticmethod
    def forward(ctx, a, value):
        return np.full(a._data.shape, value, dtype=a._data.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad.new_zeros(grad.shape), None  # d(v)/da = 0: zeros, not None, as PyTorch


class FillTensor(Function):
    """``x.fill_(t)`` for a 0-dim tensor t: every slot becomes t, so t gets the whole gradient"""

    backward_name = "FillBackward3"

    @staticmethod
    def forward(ctx, a, value):
        if value.ndim != 0:
            raise RuntimeError(
                "fill_ only supports 0-dimension value tensor but got tensor with "
                f"{value.ndim} dimensions."
            )
        return np.full(a._data.shape, value._data, dtype=a._data.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad.new_zeros(grad.shape), grad.sum()  # d/da = 0, d/dt = Σ grad


class Zero(Function):
    """``x.zero_()``: the result no longer depends on x"""

    backward_name = "ZeroBackward0"

    @staticmethod
    def forward(ctx, a):
        return np.zeros_like(a._data)

    @staticmethod
    def backward(ctx, grad):
        return grad.new_zeros(grad.shape)  # d(0)/da = 0


def divide_rounding(numpy_op, a, b):
    """``//`` and ``%`` (not differentiable); an integer divided by 0 is an error, as in PyTorch."""
    x, y = binary_arrays(a, b)
    if x.dtype == np.bool_:
        kernel = "div_floor_cpu" if numpy_op is np.floor_divide else "remainder_cpu"
        raise NotImplementedError(f'"{kernel}" not implemented for \'Bool\'')
    if x.dtype.kind in "iu" and not np.all(y):
        raise RuntimeError("ZeroDivisionError")
    with np.errstate(divide="ignore", invalid="ignore"):
        return tensor_of(numpy_op(x, y))


def remainder(x, y):
    """Python's ``%`` (the sign of the divisor), with PyTorch's sign of zero: fmod, then shift."""
    if x.dtype.kind != "f":
        return np.remainder(x, y)
    mod = np.fmod(x, y)
    return np.where((mod != 0) & ((y < 0) != (mod < 0)), mod + y, mod).astype(mod.dtype)
