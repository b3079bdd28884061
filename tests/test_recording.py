"""minigrad.autograd.recording: the engine's own account of a backward pass.

The expected numbers for e = (a*b)*d with a=2, b=3, d=4 follow from the chain rule:
de/dc = d = 4, de/dd = c = 6, de/da = de/dc * b = 12, de/db = de/dc * a = 8.
"""
from types import SimpleNamespace

import numpy as np
import pytest

import minigrad
from minigrad.autograd import engine
from minigrad.autograd.graph import FREED_ERROR, AccumulateGrad
from minigrad.autograd.recording import BackwardStep, record_backward


def example():
    a = minigrad.tensor(2.0, requires_grad=True)
    b = minigrad.tensor(3.0, requires_grad=True)
    d = minigrad.tensor(4.0, requires_grad=True)
    c = a * b
    e = c * d
    return SimpleNamespace(a=a, b=b, c=c, d=d, e=e)


def value(t):
    return None if t is None else t.tolist()


def test_records_each_node_in_the_order_the_engine_runs_them():
    t = example()
    with record_backward() as steps:
        t.e.backward()
    assert [s.name for s in steps] == [
        "MulBackward0", "torch::autograd::AccumulateGrad", "MulBackward0",
        "torch::autograd::AccumulateGrad", "torch::autograd::AccumulateGrad",
    ]
    accumulate = [s.node for s in steps if isinstance(s.node, AccumulateGrad)]
    assert [n.variable for n in accumulate] == [t.d, t.a, t.b]
    assert steps[0].node is t.e.grad_fn and steps[2].node is t.c.grad_fn
    assert [s.index for s in steps] == [1, 2, 3, 4, 5]


def test_received_and_sent_gradients_follow_the_chain_rule():
    t = example()
    with record_backward() as steps:
        t.e.backward()
    mul_e, acc_d, mul_c, acc_a, acc_b = steps
    assert [value(g) for g in mul_e.received] == [1.0]
    assert [(s.node, s.input_nr, value(s.grad)) for s in mul_e.sent] == [
        (t.c.grad_fn, 0, 4.0), (acc_d.node, 0, 6.0)]
    assert [value(g) for g in mul_c.received] == [4.0]
    assert [(s.node, value(s.grad)) for s in mul_c.sent] == [(acc_a.node, 12.0), (acc_b.node, 8.0)]
    assert acc_d.sent == () and [value(g) for g in acc_d.received] == [6.0]
    assert [value(s.grad) for s in steps.starts[0]] == [1.0]
    assert steps.starts[0][0].node is t.e.grad_fn


def test_accumulate_steps_show_grad_before_and_after():
    t = example()
    with record_backward() as steps:
        t.e.backward()
    assert [(s.leaf, s.grad_before, value(s.grad_after)) for s in steps if s.is_accumulate] == [
        (t.d, None, 6.0), (t.a, None, 12.0), (t.b, None, 8.0)]
    assert [s.leaf for s in steps if not s.is_accumulate] == [None, None]


def test_second_backward_adds_and_the_records_stay_as_they_were():
    t = example()
    with record_backward() as first:
        t.e.backward(retain_graph=True)
    with record_backward() as second:
        t.e.backward()
    # the second backward adds into the same .grad tensors in place; the first record is a copy
    assert [(value(s.grad_before), value(s.grad_after)) for s in first if s.is_accumulate] == [
        (None, 6.0), (None, 12.0), (None, 8.0)]
    assert [(value(s.grad_before), value(s.grad_after)) for s in second if s.is_accumulate] == [
        (6.0, 12.0), (12.0, 24.0), (8.0, 16.0)]
    assert (value(t.a.grad), value(t.b.grad), value(t.d.grad)) == (24.0, 16.0, 12.0)


def test_saved_tensors_are_recorded_and_their_freeing_too():
    t = example()
    with record_backward() as kept:
        t.e.backward(retain_graph=True)
    assert {k: value(v) for k, v in kept[0].saved.items()} == {"self": 6.0, "other": 4.0}
    assert kept[0].saved_tensor_names == ("self", "other")  # self first, as for PyTorch nodes
    assert [s.released for s in kept] == [()] * 5  # retain_graph=True frees nothing
    with record_backward() as freed:
        t.e.backward()
    assert [s.released for s in freed] == [("self", "other"), (), ("self", "other"), (), ()]
    with pytest.raises(RuntimeError, match="second time"):
        _ = t.e.grad_fn._saved_self


def test_plain_saved_values_are_not_reported_as_freed_tensors():
    x = minigrad.tensor([1.0, -2.0], requires_grad=True)
    with record_backward() as steps:
        (x + x.exp()).sum().backward()
    by_name = {s.name: s for s in steps}
    assert by_name["AddBackward0"].saved == {"alpha": 1}
    assert by_name["AddBackward0"].released == ()
    assert by_name["ExpBackward0"].released == ("result",)
    assert value(by_name["ExpBackward0"].saved["result"]) == pytest.approx(np.exp([1.0, -2.0]))


def test_an_input_without_grad_gets_a_none_edge():
    a = minigrad.tensor(2.0, requires_grad=True)
    with record_backward() as steps:
        (a * 5.0).backward()
    (to_a, to_number) = steps[0].sent
    assert isinstance(to_a.node, AccumulateGrad) and value(to_a.grad) == 5.0
    assert (to_number.node, to_number.grad) == (None, None)


def test_recording_changes_no_gradient():
    def run(record):
        minigrad.manual_seed(0)
        w = minigrad.randn(3, 4, requires_grad=True)
        x = minigrad.randn(5, 3)
        loss = (x @ w).tanh().sum() + (w * w).mean()
        if record:
            with record_backward():
                loss.backward()
        else:
            loss.backward()
        return w.grad.numpy()

    np.testing.assert_array_equal(run(record=True), run(record=False))


def test_tensor_hooks_show_in_what_the_leaf_received():
    t = example()
    t.a.register_hook(lambda grad: grad * 10)
    with record_backward() as steps:
        t.e.backward()
    acc_a = next(s for s in steps if s.leaf is t.a)
    assert value(acc_a.received[0]) == 120.0 and value(acc_a.grad_after) == 120.0
    assert value(t.a.grad) == 120.0


def test_grad_as_of_replays_a_leaf_grad_at_each_position():
    t = example()
    t.e.backward(retain_graph=True)
    with record_backward() as steps:
        t.e.backward()
    assert [value(steps.grad_as_of(t.a, k)) for k in range(6)] == [12.0] * 4 + [24.0] * 2
    assert [value(steps.grad_as_of(t.d, k)) for k in range(6)] == [6.0] * 2 + [12.0] * 4
    assert steps.leaves() == [t.d, t.a, t.b]


def test_the_observer_is_removed_even_when_backward_fails():
    t = example()
    t.e.backward()
    assert engine._observers == []
    with pytest.raises(RuntimeError) as error, record_backward():
        t.e.backward()
    assert str(error.value) == FREED_ERROR
    assert engine._observers == []


def test_reprs_are_fixed_text():
    t = example()
    with record_backward() as steps:
        t.e.backward()
    assert repr(steps[0]) == (
        "BackwardStep(1, MulBackward0, received=(tensor(1.),), "
        "sent=(tensor(4.) -> MulBackward0, tensor(6.) -> torch::autograd::AccumulateGrad), "
        "released=('self', 'other'))"
    )
    assert repr(steps[1]) == (
        "BackwardStep(2, torch::autograd::AccumulateGrad, received=(tensor(6.),), "
        "grad: None -> tensor(6.))"
    )
    assert isinstance(steps[0], BackwardStep)


@pytest.mark.torch
def test_node_order_matches_pytorch():
    torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")

    def program(lib):
        x = lib.tensor([0.5, -1.0, 2.0], requires_grad=True)
        w = lib.tensor([1.5, 0.25, -0.5], requires_grad=True)
        h = (x * w).tanh()
        y = h.exp() * x - (h / 3.0).sum() + w.sum()
        return x, w, y.sum()

    x, w, loss = program(torch)
    order = []
    stack, seen = [loss.grad_fn], set()
    while stack:  # hook every node of PyTorch's graph to hear when it runs
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        node.register_prehook(lambda grads, node=node: order.append(node.name()))
        stack.extend(n for n, _ in node.next_functions if n is not None)
    loss.backward()

    mx, mw, mloss = program(minigrad)
    with record_backward() as steps:
        mloss.backward()
    assert [s.name for s in steps] == order
    np.testing.assert_allclose(mx.grad.numpy(), x.grad.numpy(), rtol=1e-6)
    np.testing.assert_allclose(mw.grad.numpy(), w.grad.numpy(), rtol=1e-6)


def test_observe_backward_hears_every_step_in_order():
    t = example()
    heard = []
    with minigrad.autograd.observe_backward(
            lambda event, node, grads: heard.append((event, node.name(), value(grads[0])
                                                     if grads else None))):
        t.e.backward()
    assert heard == [
        ("node_started", "GraphRoot", None),
        ("node_finished", "GraphRoot", 1.0),
        ("saved_released", "GraphRoot", None),
        ("node_started", "MulBackward0", 1.0),
        ("node_finished", "MulBackward0", 4.0),  # then 6.0, to d
        ("saved_released", "MulBackward0", None),
        ("node_started", "torch::autograd::AccumulateGrad", 6.0),
        ("node_finished", "torch::autograd::AccumulateGrad", None),
        ("saved_released", "torch::autograd::AccumulateGrad", None),
        ("node_started", "MulBackward0", 4.0),
        ("node_finished", "MulBackward0", 12.0),
        ("saved_released", "MulBackward0", None),
        ("node_started", "torch::autograd::AccumulateGrad", 12.0),
        ("node_finished", "torch::autograd::AccumulateGrad", None),
        ("saved_released", "torch::autograd::AccumulateGrad", None),
        ("node_started", "torch::autograd::AccumulateGrad", 8.0),
        ("node_finished", "torch::autograd::AccumulateGrad", None),
        ("saved_released", "torch::autograd::AccumulateGrad", None),
    ]


def test_observe_backward_is_found_in_minigrad_autograd_and_nests():
    assert minigrad.autograd.observe_backward is engine.observe_backward
    t = example()
    outer, inner = [], []
    with engine.observe_backward(lambda *event: outer.append(event[0])):
        with engine.observe_backward(lambda *event: inner.append(event[0])):
            t.e.backward(retain_graph=True)
        assert len(engine._observers) == 1
        t.e.backward()
    assert engine._observers == []
    assert inner.count("node_finished") == 6  # GraphRoot and the five nodes
    assert outer.count("node_finished") == 12  # both backward calls
    assert "saved_released" not in inner  # retain_graph=True keeps the saved tensors


def test_observe_backward_lets_go_of_its_callback_when_backward_fails():
    t = example()
    t.e.backward()
    with pytest.raises(RuntimeError, match="second time"):
        with engine.observe_backward(lambda *event: None):
            t.e.backward()
    assert engine._observers == []


@pytest.mark.torch
def test_a_recording_filled_from_pytorchs_hooks_reads_like_minigrads():
    torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
    from minigrad.autograd.recording import BackwardRecording
    from minigrad.viz.gradient_flow import observe_with_hooks

    def program(lib):
        a = lib.tensor(2.0, requires_grad=True)
        b = lib.tensor(3.0, requires_grad=True)
        return a, b, (a * b).exp()

    *_, loss = program(minigrad)
    with record_backward() as ours:
        loss.backward()
    *_, loss = program(torch)
    theirs = BackwardRecording()
    with observe_with_hooks([loss], theirs.observe, retain_graph=False):
        loss.backward()
    assert [(s.name, s.is_accumulate, s.released) for s in theirs] == [
        (s.name, s.is_accumulate, s.released) for s in ours]
    assert [list(s.saved) for s in theirs] == [list(s.saved) for s in ours] == [
        ["result"], ["self", "other"], [], []]
    for mine, pytorchs in zip(ours, theirs, strict=True):
        assert [value(g) for g in pytorchs.received] == pytest.approx(
            [value(g) for g in mine.received])
        assert value(pytorchs.grad_after) == pytest.approx(value(mine.grad_after))
