"""What a graph keeps alive: saved arrays are freed by backward unless retain_graph=True.

A node saves what its backward needs (``node._saved``, see ``autograd.graph.SavedTensor``,
and arrays kept as attributes such as indices and masks). After a backward without
``retain_graph`` nothing may hold on to those arrays, or a training loop would leak.
"""
import gc
import tracemalloc
import weakref

import numpy as np

import minigrad


def nodes_of(root):
    """Every node reachable from ``root`` through ``next_functions``."""
    seen, stack = [], [root]
    while stack:
        node = stack.pop()
        if node is None or any(node is s for s in seen):
            continue
        seen.append(node)
        stack.extend(next_node for next_node, _ in node.next_functions)
    return seen


def arrays_in(value):
    """The NumPy arrays inside a saved value (a SavedTensor, a tensor, an array, a tuple)."""
    if value is None:
        return []
    if isinstance(value, np.ndarray):
        return [value]
    if isinstance(value, (tuple, list)):
        return [a for item in value for a in arrays_in(item)]
    if isinstance(value, minigrad.Tensor):
        return [value._data]
    if hasattr(value, "data") and hasattr(value, "tensor"):  # a SavedTensor
        return arrays_in(value.tensor) + arrays_in(value.data)
    return []


def saved_array_refs(root):
    """Weak references to every array the graph below ``root`` saved for backward."""
    refs = []
    for node in nodes_of(root):
        saved = list(getattr(node, "_saved", ()))
        saved += list(node.__dict__.get("_saved_attributes", {}).values())
        refs += [weakref.ref(array) for value in saved for array in arrays_in(value)]
    return refs


def build_loss(x, w):
    """A small graph whose intermediate results the caller never sees."""
    return ((x * w).tanh() * 3).exp().sum()


def test_backward_frees_every_saved_intermediate_array():
    x = minigrad.tensor(np.linspace(-1, 1, 12).reshape(3, 4), requires_grad=True)
    w = minigrad.tensor(np.full((3, 4), 0.5), requires_grad=True)
    loss = build_loss(x, w)
    refs = saved_array_refs(loss.grad_fn)
    leaves = {id(x._data), id(w._data)}
    intermediate = [r for r in refs if id(r()) not in leaves]
    assert len(intermediate) >= 3  # tanh's result, the 3 multiplied by, exp's result
    assert all(r() is not None for r in intermediate)  # alive before backward
    loss.backward()
    gc.collect()
    alive = [r() for r in intermediate if r() is not None]
    assert alive == [], f"{len(alive)} saved arrays outlived backward: {[a.shape for a in alive]}"
    assert loss.grad_fn is not None  # the graph itself still exists; only its saved data is gone


def test_backward_frees_saved_indices_and_masks():
    x = minigrad.tensor([[1.0, 5.0], [3.0, 2.0]], requires_grad=True)
    values = x.max(1).values  # saves the indices of the maxima
    kept = minigrad.where(x > 2, x, minigrad.zeros(2, 2))  # saves the condition
    picked = x[x > 2]  # saves the mask
    gathered = x.gather(1, minigrad.tensor([[1], [0]]))  # saves the index
    loss = values.sum() + kept.sum() + picked.sum() + gathered.sum()
    refs = [r for r in saved_array_refs(loss.grad_fn) if r() is not x._data]
    assert len(refs) >= 4
    del values, kept, picked, gathered
    loss.backward()
    gc.collect()
    assert [r() for r in refs if r() is not None] == []
    assert x.grad.tolist() == [[0.0, 4.0], [4.0, 0.0]]  # each picks 5 and 3: four paths


def test_autograd_grad_frees_saved_arrays_too():
    x = minigrad.tensor(np.linspace(-1, 1, 6), requires_grad=True)
    loss = build_loss(x, x)
    refs = [r for r in saved_array_refs(loss.grad_fn) if r() is not x._data]
    (grad,) = minigrad.autograd.grad(loss, x)
    gc.collect()
    assert refs and all(r() is None for r in refs)
    assert grad.shape == (6,)


def test_retain_graph_keeps_saved_arrays_and_second_backward_works():
    x = minigrad.tensor(np.linspace(-1, 1, 6), requires_grad=True)
    w = minigrad.tensor(np.full(6, 0.5), requires_grad=True)
    loss = build_loss(x, w)
    refs = [r for r in saved_array_refs(loss.grad_fn) if r() is not x._data and r() is not w._data]
    loss.backward(retain_graph=True)
    gc.collect()
    assert refs and all(r() is not None for r in refs)
    first = x.grad.clone()
    loss.backward()
    np.testing.assert_allclose(x.grad.numpy(), 2 * first.numpy())
    gc.collect()
    assert all(r() is None for r in refs)  # the second backward, without retain_graph, frees


def test_dropping_the_output_frees_the_whole_graph():
    x = minigrad.tensor(np.ones(5), requires_grad=True)
    loss = build_loss(x, x)
    node = weakref.ref(loss.grad_fn)
    refs = [r for r in saved_array_refs(loss.grad_fn) if r() is not x._data]
    del loss
    gc.collect()
    assert node() is None
    assert all(r() is None for r in refs)


def test_graph_holds_no_reference_cycles():
    x = minigrad.tensor(np.ones(5), requires_grad=True)
    loss = build_loss(x, x)
    node = weakref.ref(loss.grad_fn)
    gc.disable()  # only reference counting: a cycle would keep the graph alive
    try:
        del loss
        assert node() is None
    finally:
        gc.enable()


def train_steps(w, x, target, steps):
    for _ in range(steps):
        loss = (((x @ w).tanh() - target) ** 2).mean()
        loss.backward()
        with minigrad.no_grad():
            w -= 0.1 * w.grad
        w.grad = None


def test_training_loop_memory_does_not_grow():
    minigrad.manual_seed(0)
    w = minigrad.randn(16, 8, requires_grad=True)
    x, target = minigrad.randn(32, 16), minigrad.randn(32, 8)
    train_steps(w, x, target, 20)  # warm up: caches, first-time allocations
    gc.collect()
    tracemalloc.start()
    try:
        train_steps(w, x, target, 10)
        gc.collect()
        after_10, _ = tracemalloc.get_traced_memory()
        train_steps(w, x, target, 200)
        gc.collect()
        after_210, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # One step's arrays are ~6 KB; a leak of one of them per step would add > 1 MB.
    assert after_210 - after_10 < 64 * 1024, f"grew by {after_210 - after_10} bytes"
