"""Saved-tensor hooks and post-accumulate-grad hooks: what minigrad keeps, frees and routes.

The calls themselves (when, how often, with what, and the errors) are checked against PyTorch in
tests/parity/test_saved_tensor_hooks_parity.py; these tests pin minigrad's own storage.
"""
import gc
import re
import weakref

import numpy as np
import pytest

import minigrad
from minigrad.autograd.graph import FREED_ERROR, SavedTensor, _hooks_disabled, _hooks_stack

hooks_context = minigrad.autograd.graph.saved_tensors_hooks


def leaf(values=(0.5, 1.0, 2.0)):
    return minigrad.tensor(list(values), requires_grad=True)


def copying_hooks():
    """Hooks that keep a private copy of each saved array, as an offloading hook would."""
    return (lambda t: t.detach().clone()), (lambda copy: copy)


def test_without_hooks_an_input_is_kept_as_itself():
    x = leaf()
    y = x * x
    assert y.grad_fn._saved_self is x
    assert all(s.unpack_hook is None for s in y.grad_fn._saved)


def test_with_hooks_only_the_packed_object_is_kept():
    x = leaf()
    with hooks_context(lambda t: ("box", t.detach().clone()), lambda box: box[1]):
        y = x.exp()
    (saved,) = y.grad_fn._saved
    assert saved.tensor is None and saved.data is None  # not the output's array any more
    assert saved.packed[0] == "box"
    assert y.grad_fn._saved_result.tolist() == pytest.approx(np.exp([0.5, 1.0, 2.0]).tolist())


def test_backward_drops_the_packed_objects_and_a_kept_raw_handle_sees_it():
    x = leaf()
    with hooks_context(*copying_hooks()):
        y = x.sin()
    raw = y.grad_fn._raw_saved_self
    packed = weakref.ref(raw.packed)
    y.sum().backward()
    gc.collect()
    assert packed() is None
    assert raw.packed is None and raw.unpack_hook is None
    with pytest.raises(RuntimeError, match=f"^{re.escape(FREED_ERROR)}$"):
        raw.unpack()
    assert y.grad_fn._raw_saved_self is raw  # still there after backward, emptied


def test_retain_graph_keeps_the_packed_objects():
    x = leaf()
    with hooks_context(*copying_hooks()):
        y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward()
    assert x.grad.tolist() == [2.0, 4.0, 8.0]


def test_the_hooks_stack_is_empty_after_a_context_that_raised():
    with pytest.raises(ZeroDivisionError):
        with hooks_context(lambda t: 1 / 0, lambda t: t):
            leaf() * leaf()
    assert _hooks_stack == []
    with pytest.raises(RuntimeError, match="^no hooks$"):
        with minigrad.autograd.graph.disable_saved_tensors_hooks("no hooks"):
            with hooks_context(lambda t: t, lambda t: t):
                pass
    assert _hooks_disabled == [] and _hooks_stack == []


def test_an_unpacked_leaf_still_sends_its_gradient_to_the_original_leaf():
    """With create_graph=True the backward formula uses the unpacked x: differentiating the
    gradient again must reach the original leaf (d/dx of 2x is 2)."""
    x = leaf()
    with hooks_context(*copying_hooks()):
        y = (x * x).sum()
    (g,) = minigrad.autograd.grad(y, x, create_graph=True)
    g.sum().backward()
    assert g.tolist() == [1.0, 2.0, 4.0]
    assert x.grad.tolist() == [2.0, 2.0, 2.0]


def test_pack_sees_numbers_written_in_the_code_never():
    packed = []
    x = leaf()
    with hooks_context(lambda t: packed.append(t) or t, lambda t: t):
        y = x * 3.0
        z = x / 2
    assert packed == []
    assert y.grad_fn._saved_other.item() == 3.0 and z.grad_fn._saved_other.item() == 2.0


def test_raw_saved_names_are_the_saved_tensors_not_the_numbers():
    y = leaf().pow(2)
    assert "_raw_saved_self" in dir(y.grad_fn)
    assert "_raw_saved_exponent" not in dir(y.grad_fn)
    assert isinstance(y.grad_fn._raw_saved_self, SavedTensor)
    with pytest.raises(AttributeError, match="'PowBackward0' object has no attribute"):
        y.grad_fn._raw_saved_nothing  # noqa: B018


@pytest.mark.parametrize(("make", "names"), [
    (lambda x: x * x, ("other", "self")),
    (lambda x: x / (x + 1), ("other", "self")),
    (lambda x: x ** x, ("exponent", "self", "result")),
    (lambda x: x.reshape(3, 1).mm(x.reshape(1, 3)), ("mat2", "self")),
    (lambda x: minigrad.maximum(x, x * 2), ("other", "self")),
])
def test_binary_ops_save_in_pytorchs_order(make, names):
    """Hooks see the tensors in the order a node keeps them: PyTorch keeps `other` first."""
    seen = []
    x = leaf()
    y = make(x)
    for name in names:
        getattr(y.grad_fn, f"_raw_saved_{name}").register_hooks(
            lambda t, name=name: seen.append(name) or t, lambda t: t
        )
    assert seen == list(names)
    assert list(y.grad_fn.saved_names)[:len(names)] == list(names)


def test_post_accumulate_hooks_live_on_the_leaf_across_graphs():
    calls = []
    x = leaf()
    handle = x.register_post_accumulate_grad_hook(lambda p: calls.append(p.grad.tolist()))
    (x * 2).sum().backward()
    (x * x).sum().backward()
    handle.remove()
    x.sum().backward()
    assert calls == [[2.0, 2.0, 2.0], [3.0, 4.0, 6.0]]
    assert x.grad.tolist() == [4.0, 5.0, 7.0]
