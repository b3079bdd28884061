"""Custom ``autograd.Function``s, and ``gradcheck`` catching a wrong backward.

A learner writes ``forward`` and ``backward`` as two static methods; ``ctx`` carries what
forward saved to backward. ``gradcheck`` compares backward with measured slopes.
Expected behaviour and messages were checked against PyTorch 2.13.
"""
import re

import numpy as np
import pytest

import minigrad
from minigrad.autograd import Function, gradcheck
from minigrad.autograd.gradcheck import GradcheckError


def raises(exception, message):
    """``pytest.raises`` for exactly this message (PyTorch's words)."""
    return pytest.raises(exception, match=f"^{re.escape(message)}$")


def double_leaf(values):
    return minigrad.tensor(values, dtype=minigrad.float64, requires_grad=True)


class Sin(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.sin()

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * x.cos()  # d sin(x) = cos(x)


class WrongSin(Function):
    """The classic slip: the derivative of sin written as sin."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.sin()

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * x.sin()


class Scale(Function):
    """out = x * k for a number k: non-tensor arguments get None as their gradient."""

    @staticmethod
    def forward(ctx, x, k):
        ctx.k = k  # plain attributes on ctx carry non-tensors to backward
        return x * k

    @staticmethod
    def backward(ctx, grad):
        return grad * ctx.k, None


# ----- forward, backward and ctx -------------------------------------------------------------


def test_custom_function_gradient():
    x = double_leaf([0.0, 1.0])
    y = Sin.apply(x)
    np.testing.assert_allclose(y.detach().numpy(), np.sin([0.0, 1.0]))
    y.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), np.cos([0.0, 1.0]))


def test_custom_function_node_is_named_after_the_class():
    y = Sin.apply(double_leaf([1.0]))
    assert y.grad_fn.name() == "SinBackward"
    assert type(y.grad_fn).__name__ == "SinBackward"
    assert repr(y).endswith("grad_fn=<SinBackward>)")


def test_save_for_backward_gives_back_the_same_tensors():
    x = double_leaf([1.0, 2.0])
    y = Sin.apply(x)
    (saved,) = y.grad_fn.saved_tensors
    assert saved is x  # an input is saved as itself


def test_saved_output_comes_back_with_the_node_as_grad_fn():
    class Exp(Function):
        @staticmethod
        def forward(ctx, x):
            out = x.exp()
            ctx.save_for_backward(out)
            return out

        @staticmethod
        def backward(ctx, grad):
            (out,) = ctx.saved_tensors
            return grad * out  # d e^x = e^x

    x = double_leaf([0.0, 1.0])
    y = Exp.apply(x)
    (saved,) = y.grad_fn.saved_tensors
    assert saved.grad_fn is y.grad_fn and saved.tolist() == y.tolist()
    y.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), np.exp([0.0, 1.0]))


def test_saved_tensors_are_freed_after_backward():
    x = double_leaf([1.0])
    y = Sin.apply(x)
    y.sum().backward()
    with pytest.raises(RuntimeError, match="^Trying to backward through the graph a second time"):
        _ = y.grad_fn.saved_tensors


def test_non_tensor_arguments_get_none_gradients():
    x = double_leaf([1.0, 2.0])
    Scale.apply(x, 5.0).sum().backward()
    assert x.grad.tolist() == [5.0, 5.0]


def test_needs_input_grad_tells_which_inputs_want_a_gradient():
    seen = {}

    class Add3(Function):
        @staticmethod
        def forward(ctx, a, b, number):
            seen["forward"] = ctx.needs_input_grad
            return a + b + number

        @staticmethod
        def backward(ctx, grad):
            seen["backward"] = ctx.needs_input_grad
            return grad, (grad if ctx.needs_input_grad[1] else None), None

    a = double_leaf([1.0])
    Add3.apply(a, minigrad.ones(1, dtype=minigrad.float64), 3).sum().backward()
    assert seen == {"forward": (True, False, False), "backward": (True, False, False)}


def test_function_without_inputs_requiring_grad_records_nothing():
    y = Sin.apply(minigrad.tensor([1.0]))
    assert not y.requires_grad and y.grad_fn is None


def test_function_under_no_grad_records_nothing():
    with minigrad.no_grad():
        y = Sin.apply(double_leaf([1.0]))
    assert not y.requires_grad


def test_forward_runs_without_recording():
    modes = []

    class Probe(Function):
        @staticmethod
        def forward(ctx, x):
            modes.append(minigrad.is_grad_enabled())
            return x * 1

        @staticmethod
        def backward(ctx, grad):
            return grad

    y = Probe.apply(double_leaf([1.0]))
    assert modes == [False]
    assert y.grad_fn.name() == "ProbeBackward"  # the inner x * 1 left no node of its own


def test_forward_returning_its_input_gives_a_new_alias():
    class Identity(Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, grad):
            return grad * 2

    x = double_leaf([1.0, 2.0])
    y = Identity.apply(x)
    assert y is not x and y.grad_fn.name() == "IdentityBackward"
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0]


def test_multiple_outputs_share_one_node():
    class TwoAndThree(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2, x * 3

        @staticmethod
        def backward(ctx, grad_two, grad_three):
            return grad_two * 2 + grad_three * 3

    x = double_leaf([1.0])
    two, three = TwoAndThree.apply(x)
    assert two.grad_fn is three.grad_fn
    assert (two.output_nr, three.output_nr) == (0, 1)
    three.sum().backward()  # two's gradient arrives as zeros (materialized)
    assert x.grad.tolist() == [3.0]


def test_set_materialize_grads_false_passes_none():
    received = []

    class TwoOutputs(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.set_materialize_grads(False)
            return x * 2, x * 3

        @staticmethod
        def backward(ctx, grad_two, grad_three):
            received.append(grad_three)
            return grad_two * 2

    x = double_leaf([1.0])
    two, _ = TwoOutputs.apply(x)
    two.sum().backward()
    assert received == [None]
    assert x.grad.tolist() == [2.0]


def test_mark_non_differentiable():
    class MaxWithIndex(Function):
        @staticmethod
        def forward(ctx, x):
            index = x.argmax()
            ctx.mark_non_differentiable(index)
            ctx.save_for_backward(x, index)
            return x.max(), index

        @staticmethod
        def backward(ctx, grad_value, grad_index):
            x, index = ctx.saved_tensors
            grad = minigrad.zeros_like(x)
            grad[index] = grad_value
            return grad

    x = double_leaf([1.0, 5.0, 2.0])
    value, index = MaxWithIndex.apply(x)
    assert value.requires_grad and not index.requires_grad and index.grad_fn is None
    value.backward()
    assert x.grad.tolist() == [0.0, 1.0, 0.0]


def test_non_differentiable_float_output_gets_zero_gradient():
    received = []

    class CopyTwice(Function):
        @staticmethod
        def forward(ctx, x):
            kept = x.clone()
            ctx.mark_non_differentiable(kept)
            return x * 2, kept

        @staticmethod
        def backward(ctx, grad, grad_kept):
            received.append(grad_kept)
            return grad * 2

    x = double_leaf([1.0, 2.0])
    doubled, kept = CopyTwice.apply(x)
    assert doubled.requires_grad and not kept.requires_grad
    doubled.sum().backward()
    assert received[0].tolist() == [0.0, 0.0]


def test_non_tensor_output_is_passed_through():
    class WithCount(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2, 7

        @staticmethod
        def backward(ctx, grad, grad_count):
            return grad * 2

    doubled, count = WithCount.apply(double_leaf([1.0]))
    assert count == 7 and type(count) is int
    assert doubled.grad_fn.name() == "WithCountBackward"


def test_too_many_gradients_raises():
    class TooMany(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad, grad

    with raises(RuntimeError, "function TooManyBackward returned an incorrect number of gradients "
                "(expected 1, got 2)"):
        TooMany.apply(double_leaf([1.0])).sum().backward()


def test_too_few_gradients_raises():
    class TooFew(Function):
        @staticmethod
        def forward(ctx, x, y):
            return x * y

        @staticmethod
        def backward(ctx, grad):
            return grad

    x = double_leaf([1.0])
    with raises(RuntimeError, "function TooFewBackward returned an incorrect number of gradients "
                "(expected 2, got 1)"):
        TooFew.apply(x, x).sum().backward()


def test_gradient_of_wrong_shape_raises():
    class Truncated(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad[:2]

    with raises(RuntimeError, "Function TruncatedBackward returned an invalid gradient at index 0 "
                "- got [2] but expected shape compatible with [3]"):
        Truncated.apply(double_leaf([1.0, 2.0, 3.0])).sum().backward()


def test_missing_backward_raises_when_used():
    class ForwardOnly(Function):
        @staticmethod
        def forward(ctx, x):
            return x * 1

    y = ForwardOnly.apply(double_leaf([1.0]))  # fine until backward needs it
    with raises(NotImplementedError, "You must implement either the backward or vjp method for "
                "your custom autograd.Function to use it with backward mode AD."):
        y.sum().backward()


def test_custom_function_supports_create_graph():
    x = double_leaf([0.5])
    (first,) = minigrad.autograd.grad(Sin.apply(x).sum(), x, create_graph=True)
    (second,) = minigrad.autograd.grad(first.sum(), x)  # backward was written with tensor ops
    np.testing.assert_allclose(second.numpy(), -np.sin([0.5]))


# ----- gradcheck -----------------------------------------------------------------------------


def test_gradcheck_accepts_a_right_backward():
    assert gradcheck(Sin.apply, (double_leaf([0.3, 1.2, -0.7]),))
    assert gradcheck(lambda t: Scale.apply(t, 5.0), (double_leaf([0.3, 1.2]),))


def test_gradcheck_catches_a_wrong_backward():
    x = double_leaf([0.5, 1.0])
    with raises(GradcheckError,
                "Jacobian mismatch for output 0 with respect to input 0,\n"
                "numerical:tensor([[0.8776, 0.0000],\n"
                "        [0.0000, 0.5403]], dtype=torch.float64)\n"
                "analytical:tensor([[0.4794, 0.0000],\n"
                "        [0.0000, 0.8415]], dtype=torch.float64)\n"):
        gradcheck(WrongSin.apply, (x,))


def test_gradcheck_error_is_a_runtime_error():
    assert issubclass(GradcheckError, RuntimeError)


def test_gradcheck_without_raising_returns_false():
    assert gradcheck(WrongSin.apply, (double_leaf([0.5]),), raise_exception=False) is False


def test_gradcheck_names_the_input_with_the_wrong_gradient():
    class MulWrongOther(Function):
        @staticmethod
        def forward(ctx, a, b):
            ctx.save_for_backward(a, b)
            return a * b

        @staticmethod
        def backward(ctx, grad):
            _, b = ctx.saved_tensors
            return grad * b, grad * b  # the second should be grad * a

    a, b = double_leaf([0.3, 1.2]), double_leaf([2.0, 3.0])
    with pytest.raises(GradcheckError, match="^Jacobian mismatch for output 0 with respect to "
                       "input 1,"):
        gradcheck(MulWrongOther.apply, (a, b))


def test_gradcheck_warns_about_single_precision():
    x = minigrad.tensor([0.3], requires_grad=True)
    with pytest.warns(UserWarning, match="^Input #0 requires gradient and is not a double "
                      "precision"):
        gradcheck(Sin.apply, (x,), eps=1e-3, atol=1e-2, raise_exception=False)

