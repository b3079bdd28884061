"""The Tensor itself: what it holds, how it meets NumPy and Python, and the legacy Variable.

Behaviour checked against PyTorch 2.13 (the same statements with ``torch`` for ``minigrad``).
"""
import re

import numpy as np
import pytest

import minigrad


def raises(exception, message):
    """``pytest.raises`` for exactly this message (PyTorch's words)."""
    return pytest.raises(exception, match=f"^{re.escape(message)}$")


# ----- making tensors ------------------------------------------------------------------------


def test_tensor_copies_its_data():
    array = np.array([1.0, 2.0])
    t = minigrad.tensor(array)
    array[0] = 9.0
    assert t.tolist() == [1.0, 2.0]


def test_from_numpy_shares_memory_and_keeps_the_dtype():
    array = np.array([1.0, 2.0])
    t = minigrad.from_numpy(array)
    array[1] = 7.0
    assert t.tolist() == [1.0, 7.0] and t.dtype is minigrad.float64


def test_dtype_inference():
    assert minigrad.tensor([1.0]).dtype is minigrad.float32  # Python floats: the default dtype
    assert minigrad.tensor([1]).dtype is minigrad.int64
    assert minigrad.tensor(True).dtype is minigrad.bool
    assert minigrad.tensor(np.float64(1.0)).dtype is minigrad.float64  # NumPy keeps its own
    assert minigrad.tensor(np.array([1], dtype=np.int32)).dtype is minigrad.int32


def test_only_floating_tensors_can_require_grad():
    with raises(RuntimeError, "Only Tensors of floating point and complex dtype can require "
                "gradients"):
        minigrad.zeros(2, dtype=minigrad.int64, requires_grad=True)


def test_requires_grad_flag_can_be_switched_on_a_leaf():
    x = minigrad.tensor([1.0, 2.0])
    assert x.requires_grad_() is x and x.requires_grad
    x.requires_grad_(False)
    assert not x.requires_grad


# ----- shape and type information ------------------------------------------------------------


def test_shape_information():
    t = minigrad.ones(2, 3)
    assert t.shape == (2, 3) and isinstance(t.shape, tuple)
    assert repr(t.shape) == "torch.Size([2, 3])"
    assert t.size(1) == 3 and t.ndim == t.dim() == 2 and t.numel() == 6 and len(t) == 2


def test_type_names():
    assert minigrad.tensor([1.0]).type() == "torch.FloatTensor"
    assert minigrad.tensor([1]).type() == "torch.LongTensor"


def test_len_of_zero_dim_tensor_raises():
    with raises(TypeError, "len() of a 0-d tensor"):
        len(minigrad.tensor(1.0))


def test_iterating_gives_the_rows():
    rows = list(minigrad.zeros(3, 2))
    assert len(rows) == 3 and all(r.shape == (2,) for r in rows)


def test_transpose_is_not_contiguous():
    assert minigrad.ones(2, 3).is_contiguous()
    assert not minigrad.ones(2, 3).t().is_contiguous()


# ----- NumPy and Python numbers --------------------------------------------------------------


def test_numpy_shares_memory():
    t = minigrad.ones(2)
    t.numpy()[0] = 5.0
    assert t.tolist() == [5.0, 1.0]


def test_numpy_of_tensor_requiring_grad_raises():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    with raises(RuntimeError, "Can't call numpy() on Tensor that requires grad. Use "
                "tensor.detach().numpy() instead."):
        x.numpy()
    assert x.detach().numpy().tolist() == [1.0, 2.0]


def test_python_numbers_from_one_element_tensors():
    assert float(minigrad.tensor(2.5)) == 2.5
    assert int(minigrad.tensor(3)) == 3
    assert minigrad.tensor([[1.0]]).item() == 1.0
    assert bool(minigrad.tensor([0.0])) is False


def test_item_of_many_elements_raises():
    with raises(RuntimeError, "a Tensor with 2 elements cannot be converted to Scalar"):
        minigrad.tensor([1.0, 2.0]).item()


def test_truth_value_of_many_elements_raises():
    with raises(RuntimeError, "Boolean value of Tensor with more than one value is ambiguous"):
        bool(minigrad.tensor([1.0, 2.0]))


def test_integer_tensor_as_an_index():
    assert [10, 20, 30][minigrad.tensor(1)] == 20
    with raises(TypeError, "only integer tensors of a single element can be converted to an "
                "index"):
        [1, 2][minigrad.tensor(1.0)]


def test_tolist():
    assert minigrad.tensor([[1, 2], [3, 4]]).tolist() == [[1, 2], [3, 4]]


# ----- dtypes in arithmetic ------------------------------------------------------------------


def test_type_promotion():
    ints = minigrad.tensor([1, 2])
    assert (ints / 2).dtype is minigrad.float32  # true division gives floats
    assert (ints * 1.5).dtype is minigrad.float32  # a Python float does not force float64
    assert (ints + True).dtype is minigrad.int64
    mixed = minigrad.tensor([1.0]) + minigrad.tensor([1.0], dtype=minigrad.float64)
    assert mixed.dtype is minigrad.float64
    assert (minigrad.tensor([1.0]) * np.float64(2.0)).dtype is minigrad.float32


def test_comparisons_give_bool_tensors_without_grad():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    above = x > 1
    assert above.dtype is minigrad.bool and not above.requires_grad
    assert above.tolist() == [False, True]


def test_gradient_through_a_dtype_conversion_comes_back_in_the_leaf_dtype():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    doubled = x.to(minigrad.float64)
    assert doubled.grad_fn.name() == "ToCopyBackward0" and doubled.dtype is minigrad.float64
    (doubled * 3).sum().backward()
    assert x.grad.dtype is minigrad.float32 and x.grad.tolist() == [3.0, 3.0]


def test_clone_is_differentiable():
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    copy = x.clone()
    assert copy.grad_fn.name() == "CloneBackward0"
    (copy * 3).sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]


def test_setting_data_replaces_the_values_of_a_leaf():
    w = minigrad.tensor([1.0, 2.0], requires_grad=True)
    w.data = minigrad.tensor([5.0, 6.0])
    assert w.tolist() == [5.0, 6.0] and w.requires_grad and w.is_leaf


# ----- the legacy Variable API ---------------------------------------------------------------


def test_variable_returns_a_tensor():
    v = minigrad.autograd.Variable(minigrad.ones(2), requires_grad=True)
    assert type(v) is minigrad.Tensor
    assert v.requires_grad and v.is_leaf
    (v * 2).sum().backward()
    assert v.grad.tolist() == [2.0, 2.0]


def test_every_tensor_is_a_variable():
    assert isinstance(minigrad.ones(1), minigrad.autograd.Variable)
    assert not isinstance([1.0], minigrad.autograd.Variable)


def test_variable_data_and_default_requires_grad():
    v = minigrad.autograd.Variable(minigrad.tensor([1.0, 2.0]))
    assert not v.requires_grad
    assert v.data.tolist() == [1.0, 2.0]


def test_variable_of_non_tensor_raises():
    with raises(TypeError, "Variable data has to be a tensor, but got int"):
        minigrad.autograd.Variable(3)


# ----- gather's index ------------------------------------------------------------------------


def test_gather_index_may_be_smaller_than_the_input():
    x = minigrad.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
    picked = x.gather(0, minigrad.tensor([[1, 0]]))  # rows 1 and 0 of the first two columns
    assert picked.tolist() == [[4.0, 2.0]]
    picked.sum().backward()
    assert x.grad.tolist() == [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]


@pytest.mark.parametrize("dim, index, message", [
    (0, [[0, 1, 0, 1]], ("Size does not match at dimension 1 expected index [1, 4] to be no "
                         "larger than self [2, 3] apart from dimension 0")),
    (1, [[5]], "index 5 is out of bounds for dimension 1 with size 3"),
    (1, [[-1]], "index -1 is out of bounds for dimension 1 with size 3"),
    (0, [0, 1], "Index tensor must have the same number of dimensions as input tensor"),
])
def test_gather_checks_its_index(dim, index, message):
    x = minigrad.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with raises(RuntimeError, message):
        x.gather(dim, minigrad.tensor(index))
