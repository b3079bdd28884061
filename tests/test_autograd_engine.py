"""The backward engine: what ``backward()`` and ``autograd.grad`` compute, keep and free.

Expected values come from the math (stated beside each) and were checked against PyTorch 2.13.
"""
import re
import subprocess
import sys
import warnings

import numpy as np
import pytest

import minigrad
from minigrad import autograd

FREED = "Trying to backward through the graph a second time"


def raises(exception, message):
    """``pytest.raises`` for exactly this message (PyTorch's words)."""
    return pytest.raises(exception, match=f"^{re.escape(message)}$")


def leaf(values, dtype=minigrad.float32):
    return minigrad.tensor(values, dtype=dtype, requires_grad=True)


# ----- one backward --------------------------------------------------------------------------


def test_backward_of_sum_of_squares_gives_twice_the_input():
    x = leaf([1.0, -2.0, 3.0])
    (x * x).sum().backward()  # d(Σx²)/dx = 2x
    assert x.grad.tolist() == [2.0, -4.0, 6.0]


def test_backward_with_gradient_argument_is_a_vector_jacobian_product():
    x = leaf([1.0, 2.0])
    y = x * x
    y.backward(minigrad.tensor([10.0, 100.0]))  # v * dy/dx = v * 2x
    assert x.grad.tolist() == [20.0, 400.0]


def test_backward_on_non_scalar_without_gradient_raises():
    x = leaf([1.0, 2.0])
    with raises(RuntimeError, "grad can be implicitly created only for scalar outputs"):
        (x * 2).backward()


def test_backward_gradient_of_wrong_shape_raises():
    x = leaf([1.0, 2.0])
    with pytest.raises(RuntimeError) as error:
        (x * 2).backward(minigrad.ones(3))
    assert str(error.value) == (
        "Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a "
        "shape of torch.Size([2])."
    )


def test_backward_on_tensor_without_grad_raises():
    with pytest.raises(RuntimeError) as error:
        minigrad.tensor(1.0).backward()
    assert str(error.value) == (
        "element 0 of tensors does not require grad and does not have a grad_fn"
    )


def test_shared_subexpression_gradients_add_up():
    x = leaf([3.0])
    y = x * x
    (y + y).sum().backward()  # d(2x²)/dx = 4x: both paths through y deliver 2x
    assert x.grad.tolist() == [12.0]


def test_node_runs_once_after_all_its_gradients_arrived():
    x = leaf([1.0, 2.0])
    y = x * 3
    received = []
    y.grad_fn.register_prehook(lambda grad_outputs: received.append(grad_outputs[0].clone()))
    (y.exp() + y.sin() + y).sum().backward()
    assert len(received) == 1  # one call, with the three paths already summed
    expected = np.exp([3.0, 6.0]) + np.cos([3.0, 6.0]) + 1  # d(e^y + sin y + y)/dy
    np.testing.assert_allclose(received[0].numpy(), expected, rtol=1e-6)


def test_backward_of_several_outputs_at_once():
    a, b = leaf(1.0), leaf(2.0)
    autograd.backward([a * 2, b * a], [minigrad.tensor(1.0), minigrad.tensor(10.0)])
    assert a.grad.item() == 22.0  # 1 * 2 + 10 * b
    assert b.grad.item() == 10.0  # 10 * a


def test_error_inside_backward_restores_grad_mode():
    x = leaf([1.0])
    x.register_hook(lambda grad: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        (x * 2).sum().backward(create_graph=False)
    assert minigrad.is_grad_enabled()
    y = (x * 2).sum()
    with minigrad.no_grad():
        with pytest.raises(ZeroDivisionError):
            autograd.grad(y, x, create_graph=True)  # the engine switched recording on
        assert not minigrad.is_grad_enabled()  # and back to what it found


# ----- a second backward ---------------------------------------------------------------------


def test_second_backward_without_retain_graph_raises():
    x = leaf([1.0, 2.0])
    y = (x * x).sum()
    y.backward()
    with pytest.raises(RuntimeError) as error:
        y.backward()
    assert str(error.value) == (
        "Trying to backward through the graph a second time (or directly access saved tensors "
        "after they have already been freed). Saved intermediate values of the graph are freed "
        "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
        "backward through the graph a second time or if you need to access saved tensors after "
        "calling backward."
    )


def test_second_backward_through_graph_without_saved_tensors_works():
    x = leaf([1.0, 2.0])
    y = (x + 1).sum()  # AddBackward0 and SumBackward0 save no tensors: nothing to free
    y.backward()
    y.backward()
    assert x.grad.tolist() == [2.0, 2.0]


def test_retain_graph_allows_second_backward():
    x = leaf([0.0, 1.0])
    y = x.exp().sum()
    y.backward(retain_graph=True)
    y.backward()
    np.testing.assert_allclose(x.grad.numpy(), 2 * np.exp([0.0, 1.0]), rtol=1e-6)


def test_gradients_accumulate_over_two_backwards():
    x = leaf([1.0, 2.0])
    (x * x).sum().backward()
    (x * x).sum().backward()
    assert x.grad.tolist() == [4.0, 8.0]  # 2x + 2x


def test_accumulation_writes_into_the_same_grad_tensor():
    x = leaf([1.0, 2.0])
    (x * 3).sum().backward()
    first = x.grad
    (x * 3).sum().backward()
    assert x.grad is first  # added in place, as PyTorch does
    assert first.tolist() == [6.0, 6.0]


def test_grad_set_to_none_starts_fresh():
    x = leaf([1.0, 2.0])
    (x * 3).sum().backward()
    x.grad = None
    (x * 5).sum().backward()
    assert x.grad.tolist() == [5.0, 5.0]


def test_assigning_grad_of_wrong_size_raises():
    x = leaf([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with pytest.raises(RuntimeError) as error:
        x.grad = minigrad.zeros(3)
    assert str(error.value) == (
        "attempting to assign a gradient of size '[3]' to a tensor of size '[2, 3]'. Please "
        "ensure that the gradient and the tensor are the same size"
    )


def test_assigning_grad_of_wrong_dtype_raises():
    x = leaf([1.0, 2.0])
    with pytest.raises(RuntimeError, match="^attempting to assign a gradient with dtype 'double' "
                       "to a tensor with grad_dtype 'Float'. The gradient must match"):
        x.grad = minigrad.zeros(2, dtype=minigrad.float64)


def test_assigning_non_tensor_grad_raises():
    x = leaf([1.0, 2.0])
    with raises(TypeError,
                "assigned grad expected to be a Tensor or None but got grad of type int"):
        x.grad = 3


# ----- higher derivatives --------------------------------------------------------------------


def test_create_graph_gives_second_derivative():
    x = leaf(2.0)
    (first,) = autograd.grad(x ** 3, x, create_graph=True)  # 3x² = 12
    assert first.item() == 12.0
    assert first.requires_grad and first.grad_fn is not None
    (second,) = autograd.grad(first, x)  # 6x = 12
    assert second.item() == 12.0


@pytest.mark.filterwarnings("ignore:Using backward\\(\\) with create_graph=True")
def test_create_graph_backward_makes_grad_differentiable():
    x = leaf(3.0)
    (x ** 3).backward(create_graph=True)  # x.grad = 3x² = 27, with a graph
    assert x.grad.item() == 27.0 and x.grad.grad_fn is not None
    grad = x.grad
    x.grad = None
    grad.backward()  # d(3x²)/dx = 6x = 18
    assert x.grad.item() == 18.0


@pytest.mark.filterwarnings("ignore:Using backward\\(\\) with create_graph=True")
def test_create_graph_keeps_the_graph_for_another_backward():
    x = leaf(2.0)
    y = x.exp() * x
    y.backward(create_graph=True)  # retain_graph defaults to create_graph
    y.backward()
    expected = 2 * (np.exp(2.0) * 2.0 + np.exp(2.0))  # twice d(x e^x)/dx = e^x (x + 1)
    assert x.grad.item() == pytest.approx(expected, rel=1e-6)


def test_third_derivative_of_sin():
    x = leaf(0.5, dtype=minigrad.float64)
    (g1,) = autograd.grad(x.sin(), x, create_graph=True)
    (g2,) = autograd.grad(g1, x, create_graph=True)
    (g3,) = autograd.grad(g2, x)
    assert g3.item() == pytest.approx(-np.cos(0.5))  # sin''' = -cos


# ----- the graph's objects -------------------------------------------------------------------


def test_next_functions_has_none_for_inputs_without_grad():
    a = leaf(2.0)
    b = minigrad.tensor(3.0)
    z = a * b
    (edge_a, edge_b) = z.grad_fn.next_functions
    assert type(edge_a[0]).__name__ == "AccumulateGrad" and edge_a[1] == 0
    assert edge_b == (None, 0)


def test_next_functions_has_none_for_python_numbers():
    a = leaf(2.0)
    z = a * 2
    assert z.grad_fn.next_functions[1] == (None, 0)


def test_next_functions_point_at_the_producing_nodes():
    a = leaf([1.0, 2.0])
    hidden = a.exp()
    z = hidden * hidden
    assert z.grad_fn.name() == "MulBackward0"
    assert z.grad_fn.next_functions == ((hidden.grad_fn, 0), (hidden.grad_fn, 0))
    assert hidden.grad_fn.name() == "ExpBackward0"


def test_accumulate_grad_variable_is_the_leaf():
    a = leaf([1.0, 2.0])
    node = (a * 2).grad_fn.next_functions[0][0]
    assert node.variable is a


def test_one_accumulate_grad_node_per_leaf():
    a, b = leaf([1.0]), leaf([2.0])
    product, total = a * b, a + b
    assert product.grad_fn.next_functions[0][0] is total.grad_fn.next_functions[0][0]


def test_leaves_and_non_leaves():
    a = leaf([1.0])
    assert a.is_leaf and a.grad_fn is None
    y = a * 2
    assert not y.is_leaf and y.requires_grad
    plain = minigrad.tensor([1.0]) * 2
    assert plain.is_leaf and not plain.requires_grad  # nothing to record


def test_requires_grad_of_non_leaf_cannot_be_changed():
    y = leaf([1.0]) * 2
    with raises(RuntimeError, "you can only change requires_grad flags of leaf variables. If you "
                "want to use a computed variable in a subgraph that doesn't require "
                "differentiation use var_no_grad = var.detach()."):
        y.requires_grad = False


def test_integer_tensor_cannot_require_grad():
    # Three ways to ask, three wordings, as in PyTorch 2.13.
    with raises(RuntimeError, "only Tensors of floating point dtype can require gradients"):
        minigrad.tensor([1, 2]).requires_grad_()
    with raises(RuntimeError,
                "only Tensors of floating point and complex dtype can require gradients"):
        minigrad.tensor([1, 2]).requires_grad = True
    with raises(RuntimeError,
                "Only Tensors of floating point and complex dtype can require gradients"):
        minigrad.tensor([1, 2], requires_grad=True)


def test_requires_grad_takes_only_a_bool():
    t = minigrad.tensor([1.0])
    with raises(RuntimeError, "requires_grad must be a bool"):
        t.requires_grad = 1
    with raises(TypeError,
                "requires_grad_(): argument 'requires_grad' (position 1) must be bool, not int"):
        t.requires_grad_(1)
    assert not t.requires_grad


# ----- hooks and retain_grad -----------------------------------------------------------------


def test_hooks_can_replace_gradient():
    x = leaf([1.0, 2.0])
    x.register_hook(lambda grad: grad * 10)
    (x * 3).sum().backward()
    assert x.grad.tolist() == [30.0, 30.0]


def test_removed_hook_no_longer_runs():
    x = leaf([1.0, 2.0])
    handle = x.register_hook(lambda grad: grad * 10)
    handle.remove()
    (x * 3).sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]


def test_hook_on_non_leaf_changes_what_flows_back():
    x = leaf([1.0, 2.0])
    y = x * 2
    y.register_hook(lambda grad: grad + 1)
    (y * 3).sum().backward()  # y's gradient 3 becomes 4; x gets 4 * 2
    assert x.grad.tolist() == [8.0, 8.0]


def test_hook_returning_none_keeps_gradient():
    x = leaf([1.0, 2.0])
    seen = []
    x.register_hook(seen.append)
    (x * 3).sum().backward()
    assert seen[0].tolist() == [3.0, 3.0] and x.grad.tolist() == [3.0, 3.0]


def test_register_hook_on_tensor_without_grad_raises():
    with raises(RuntimeError,
                "cannot register a hook on a tensor that doesn't require gradient"):
        minigrad.tensor([1.0]).register_hook(lambda grad: grad)


def test_node_hook_can_replace_input_gradients():
    x = leaf([1.0, 2.0])
    y = x * 2
    y.grad_fn.register_hook(lambda grad_inputs, grad_outputs: (grad_inputs[0] * 10, grad_inputs[1]))
    y.sum().backward()
    assert x.grad.tolist() == [20.0, 20.0]


def test_node_prehook_can_replace_output_gradients():
    x = leaf([1.0, 2.0])
    y = x * 2
    y.grad_fn.register_prehook(lambda grad_outputs: (grad_outputs[0] * 0,))
    y.sum().backward()
    assert x.grad.tolist() == [0.0, 0.0]


def test_retain_grad_on_non_leaf():
    x = leaf([1.0, 2.0])
    y = x * 2
    y.retain_grad()
    assert y.retains_grad
    (y * y).sum().backward()  # d(y²)/dy = 2y
    assert y.grad.tolist() == [4.0, 8.0]
    assert x.grad.tolist() == [8.0, 16.0]


def test_retain_grad_sees_the_hooked_gradient():
    x = leaf([1.0, 2.0])
    y = x * 2
    y.retain_grad()
    y.register_hook(lambda grad: grad + 1)
    (y * 3).sum().backward()
    assert y.grad.tolist() == [4.0, 4.0]


def test_retain_grad_without_requires_grad_raises():
    with raises(RuntimeError, "can't retain_grad on Tensor that has requires_grad=False"):
        minigrad.tensor([1.0]).retain_grad()


def test_grad_of_non_leaf_is_none_and_warns():
    y = leaf([1.0]) * 2
    (y * 1).sum().backward()
    with pytest.warns(UserWarning, match="The .grad attribute of a Tensor that is not a leaf "
                      "Tensor is being accessed"):
        assert y.grad is None


def test_grad_of_leaf_does_not_warn():
    x = leaf([1.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert x.grad is None


# ----- backward(inputs=...) and autograd.grad ------------------------------------------------


def test_backward_inputs_restricts_accumulation():
    a, b = leaf([1.0, 2.0]), leaf([3.0, 4.0])
    (a * b).sum().backward(inputs=[a])
    assert a.grad.tolist() == [3.0, 4.0]
    assert b.grad is None


def test_backward_inputs_accepts_a_non_leaf():
    a = leaf([1.0, 2.0])
    h = a * 2
    (h * 3).sum().backward(inputs=[h])
    assert h.grad.tolist() == [3.0, 3.0]
    assert a.grad is None


def test_backward_with_empty_inputs_raises():
    a = leaf([1.0])
    with raises(RuntimeError, "`inputs` argument to `backward()` cannot be empty."):
        (a * 2).sum().backward(inputs=[])


def test_autograd_grad_leaves_grad_untouched():
    a, b = leaf([1.0, 2.0]), leaf([3.0, 4.0])
    grad_a, grad_b = autograd.grad((a * b).sum(), [a, b])
    assert grad_a.tolist() == [3.0, 4.0] and grad_b.tolist() == [1.0, 2.0]
    assert a.grad is None and b.grad is None


def test_autograd_grad_without_create_graph_returns_plain_tensors():
    a = leaf([1.0, 2.0])
    (grad,) = autograd.grad((a * a).sum(), a)
    assert not grad.requires_grad and grad.grad_fn is None


def test_autograd_grad_unused_input_raises():
    a, b = leaf([1.0, 2.0]), leaf([3.0, 4.0])
    with raises(RuntimeError, "The differentiated Tensor at index 1 appears to not have been "
                "used in the graph. Set allow_unused=True if this is the desired behavior."):
        autograd.grad((a * 2).sum(), [a, b])


def test_autograd_grad_allow_unused_gives_none():
    a, b = leaf([1.0, 2.0]), leaf([3.0, 4.0])
    grad_a, grad_b = autograd.grad((a * 2).sum(), [a, b], allow_unused=True)
    assert grad_a.tolist() == [2.0, 2.0] and grad_b is None


def test_autograd_grad_materialize_grads_gives_zeros():
    a, b = leaf([1.0, 2.0]), leaf([3.0, 4.0])
    _, grad_b = autograd.grad((a * 2).sum(), [a, b], materialize_grads=True)
    assert grad_b.tolist() == [0.0, 0.0]


def test_autograd_grad_of_input_without_grad_raises():
    a = leaf([1.0])
    with raises(RuntimeError, "One of the differentiated Tensors does not require grad"):
        autograd.grad((a * 2).sum(), [minigrad.tensor([1.0])])


def test_autograd_grad_with_grad_outputs():
    a = leaf([1.0, 2.0])
    (grad,) = autograd.grad(a * a, a, grad_outputs=minigrad.tensor([1.0, 0.5]))
    assert grad.tolist() == [2.0, 2.0]  # [1, 0.5] * 2a


# ----- long graphs ---------------------------------------------------------------------------


@pytest.mark.slow
def test_backward_through_a_million_ops_needs_no_recursion():
    limit = sys.getrecursionlimit()
    x = leaf([2.0])
    y = x * 3.0
    for _ in range(999_999):  # with the multiplication: 1,000,000 ops in one chain
        y = -y
    assert y.item() == -6.0  # an odd number of negations
    y.sum().backward()
    assert x.grad.tolist() == [-3.0]
    assert sys.getrecursionlimit() == limit  # minigrad did not raise the limit to get there
    del y  # freeing the chain must not recurse either


def test_minigrad_leaves_the_recursion_limit_alone():
    program = (
        "import sys; before = sys.getrecursionlimit()\n"
        "import minigrad\n"
        "x = minigrad.tensor([1.0], requires_grad=True)\n"
        "y = x\n"
        "for _ in range(5000): y = y * 1.0\n"
        "y.sum().backward()\n"
        "assert x.grad.item() == 1.0\n"
        "print(sys.getrecursionlimit() == before)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
