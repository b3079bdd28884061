"""In-place ops and version counters: how autograd notices that saved values changed.

Every in-place change bumps the tensor's version; a saved tensor remembers the version it
was saved at, and backward refuses to use it if the version moved on. Views and
``detach()`` share the counter (they share the memory); ``.data`` does not.
Expected messages and values were checked against PyTorch 2.13.
"""
import re

import numpy as np
import pytest

import minigrad


def raises(exception, message):
    """``pytest.raises`` for exactly this message (PyTorch's words)."""
    return pytest.raises(exception, match=f"^{re.escape(message)}$")


def modified_message(what, version, expected):
    return (
        "one of the variables needed for gradient computation has been modified by an inplace "
        f"operation: {what} is at version {version}; expected version {expected} instead. Hint: "
        "enable anomaly detection to find the operation that failed to compute its gradient, "
        "with torch.autograd.set_detect_anomaly(True, check_nan=False)."
    )


LEAF_INPLACE = "a leaf Variable that requires grad is being used in an in-place operation."


def leaf(values):
    return minigrad.tensor(values, requires_grad=True)


# ----- version counters ----------------------------------------------------------------------


def test_every_inplace_op_bumps_the_version():
    x = minigrad.ones(3)
    assert x._version == 0
    x.add_(1)
    x.mul_(2)
    x += 1
    x -= 1
    x *= 2
    x /= 2
    assert x._version == 6
    assert x.tolist() == [4.0, 4.0, 4.0]


def test_setitem_bumps_the_version():
    x = minigrad.ones(3)
    x[0] = 2.0
    x[1:] = minigrad.tensor([5.0, 6.0])
    assert x._version == 2
    assert x.tolist() == [2.0, 5.0, 6.0]


def test_out_of_place_ops_leave_the_version_alone():
    x = minigrad.ones(3)
    _ = x + 1, x * 2, x.exp()
    assert x._version == 0


def test_views_share_the_version_counter():
    x = minigrad.ones(2, 3)
    reshaped, transposed, row = x.view(3, 2), x.t(), x[0]
    reshaped.mul_(2)
    assert x._version == transposed._version == row._version == 1
    assert x.tolist() == [[2.0] * 3] * 2  # and the memory


def test_selecting_one_element_gives_a_view():
    x = minigrad.zeros(3)
    x[0].add_(1)  # x[0] is a 0-dim view, not a copy
    assert x.tolist() == [1.0, 0.0, 0.0] and x._version == 1
    m = minigrad.zeros(2, 2)
    m[0, 1].add_(1)
    m[1][0].add_(2)
    assert m.tolist() == [[0.0, 1.0], [2.0, 0.0]]


def test_detach_shares_storage_and_version_counter():
    a = leaf([1.0, 2.0])
    d = a.detach()
    assert not d.requires_grad and d.is_leaf and d.grad_fn is None
    d.add_(1)  # allowed: d does not require grad
    assert a.tolist() == [2.0, 3.0]  # same memory
    assert a._version == d._version == 1  # same counter


def test_data_bypasses_version_counter():
    a = leaf([1.0, 2.0])
    raw = a.data
    assert not raw.requires_grad
    raw.add_(1)
    assert a.tolist() == [2.0, 3.0]  # same memory ...
    assert raw._version == 1 and a._version == 0  # ... but autograd is not told


def test_change_through_data_goes_unnoticed_by_backward():
    b = leaf([1.0, 2.0])
    h = b * 1
    y = h * h  # saves h
    h.data.add_(1)  # h is now [2, 3], and no version moved
    y.sum().backward()
    assert b.grad.tolist() == [4.0, 6.0]  # 2h with the changed h: silently different


# ----- what autograd refuses -----------------------------------------------------------------


def test_inplace_on_saved_tensor_raises_at_backward():
    b = leaf([1.0, 2.0])
    h = b * 1
    y = h * h  # MulBackward0 saves h at version 0
    h.add_(1)  # fine so far: the error comes when backward needs h
    with raises(RuntimeError, modified_message(
            "[torch.FloatTensor [2]], which is output 0 of Add,", 1, 0)):
        y.sum().backward()


def test_inplace_on_saved_result_raises_at_backward():
    x = leaf([1.0, 2.0])
    e = x.exp()  # ExpBackward0 saves its result
    e.detach().zero_()  # through a detached alias: same counter, so still noticed
    with raises(RuntimeError, modified_message(
            "[torch.FloatTensor [2]], which is output 0 of Exp,", 1, 0)):
        e.sum().backward()


def test_inplace_op_that_saves_its_result_watches_later_changes():
    a = leaf([0.0, 1.0])
    y = a * 1
    y.exp_()  # y takes over ExpBackward0, which saved y at version 1
    assert y.grad_fn.name() == "ExpBackward0" and y._version == 1
    y.sum().backward(retain_graph=True)
    np.testing.assert_allclose(a.grad.numpy(), np.exp([0.0, 1.0]), rtol=1e-6)
    y.mul_(2)
    with raises(RuntimeError, modified_message(
            "[torch.FloatTensor [2]], which is output 0 of Exp,", 2, 1)):
        y.sum().backward()


def test_inplace_on_leaf_requiring_grad_raises():
    b = leaf([1.0, 2.0])
    with raises(RuntimeError, LEAF_INPLACE):
        b.add_(1)
    with raises(RuntimeError, LEAF_INPLACE):
        b.zero_()
    with raises(RuntimeError, LEAF_INPLACE):
        b[[0]] = 5.0  # an index list writes into b itself
    with raises(RuntimeError, "a view of " + LEAF_INPLACE):
        b[0] = 5.0  # an int index writes through a view of b
    assert b.tolist() == [1.0, 2.0] and b._version == 0  # nothing was written


def test_inplace_on_leaf_under_no_grad_is_allowed():
    b = leaf([1.0, 2.0])
    with minigrad.no_grad():
        b.add_(1)  # how optimizers update parameters
    assert b.tolist() == [2.0, 3.0] and b._version == 1
    assert b.requires_grad and b.is_leaf


# ----- in-place ops that autograd records ----------------------------------------------------


def test_inplace_on_non_leaf_takes_over_the_new_node():
    b = leaf([1.0, 2.0])
    h = b * 2
    h.add_(1)
    assert h.grad_fn.name() == "AddBackward0" and h._version == 1
    (h * 3).sum().backward()
    assert b.grad.tolist() == [6.0, 6.0]  # d(3 (2b + 1))/db


def test_inplace_sigmoid_gradient():
    a = leaf([0.0, 1.0])
    y = a * 1
    y.sigmoid_()
    y.sum().backward()
    s = 1 / (1 + np.exp(-np.array([0.0, 1.0])))
    np.testing.assert_allclose(a.grad.numpy(), s * (1 - s), rtol=1e-6)  # σ' = σ(1 - σ)


UNARY_INPLACE = ["exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "relu", "reciprocal",
                 "square", "abs", "neg", "sign"]


@pytest.mark.parametrize("name", UNARY_INPLACE)
def test_inplace_twin_gives_the_values_node_and_gradient_of_the_op(name):
    a, b = leaf([0.5, 1.0, 2.0]), leaf([0.5, 1.0, 2.0])
    expected = getattr(a * 1.5, name)()
    y = b * 1.5
    assert getattr(y, name + "_")() is y and y._version == 1
    assert y.tolist() == expected.tolist()
    assert y.grad_fn.name() == expected.grad_fn.name()
    (expected * expected).sum().backward()
    (y * y).sum().backward()
    np.testing.assert_allclose(b.grad.numpy(), a.grad.numpy(), rtol=1e-6)


def test_inplace_node_links_to_the_old_node_and_saves_a_clone():
    b = leaf([0.5, 1.0])
    y = b * 2
    old = y.grad_fn
    y.cos_()
    assert y.grad_fn.next_functions == ((old, 0),)  # the clone is not in the graph
    saved = y.grad_fn._saved_self
    assert saved.tolist() == [1.0, 2.0] and saved._version == 0
    assert saved.grad_fn.name() == "CloneBackward0"
    assert saved.grad_fn.next_functions == ((old, 0),)


def test_retain_grad_moves_to_the_node_an_inplace_op_makes():
    b = leaf([0.5, 1.0])
    y = b * 2
    y.retain_grad()
    y.exp_()
    (y * 3).sum().backward()
    assert y.retains_grad and y.grad.tolist() == [3.0, 3.0]  # the gradient of the new value


def test_sign_of_nan_is_zero():
    assert minigrad.tensor([float("nan"), -2.0, 0.0, 3.0]).sign_().tolist() == [0, -1, 0, 1]


def test_setitem_on_non_leaf_records_copy_slices():
    x = leaf([1.0, 2.0, 3.0])
    y = x * 1
    y[0] = 0.0
    assert y.grad_fn.name().endswith("CopySlices")
    y.sum().backward()
    assert x.grad.tolist() == [0.0, 1.0, 1.0]  # the overwritten slot gets no gradient


def test_setitem_value_receives_gradient():
    x = leaf([1.0, 2.0, 3.0])
    v = leaf(5.0)
    y = x * 1
    y[1] = v * 2
    (y * minigrad.tensor([1.0, 10.0, 100.0])).sum().backward()
    assert x.grad.tolist() == [1.0, 0.0, 100.0]
    assert v.grad.item() == 20.0  # 10 * d(2v)/dv


def test_fill_forgets_the_old_values():
    x = leaf([1.0, 2.0])
    y = x * 3
    y.fill_(7.0)
    assert y.tolist() == [7.0, 7.0]
    y.sum().backward()
    assert x.grad.tolist() == [0.0, 0.0]


def test_inplace_cannot_change_dtype_to_an_integer():
    x = minigrad.tensor([1, 2])
    with raises(RuntimeError, "result type Float can't be cast to the desired output type Long"):
        x.mul_(1.5)
