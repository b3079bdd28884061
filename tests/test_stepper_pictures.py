"""BackwardStepper's pictures: drawn when first asked for, the same as drawing the live graph.

The oracle is what the stepper used to do: an engine observer calling ``draw`` on the live
graph just before each node runs (and once after the last, still lighting the last node; and
once more for the final "done" state, lighting nothing). The stepper now walks the graph once
and draws each step later, from what it noted; every picture must match the live one, DOT text
and text tree, character for character.
"""
import functools

import pytest

pytest.importorskip("ipywidgets", reason="the stepper is an ipywidgets widget")
pytest.importorskip("graphviz", reason="pictures need the graphviz package (the viz extra)")

import minigrad
import minigrad.viz.stepper as stepper_module
from minigrad import nn
from minigrad.autograd import observe_backward
from minigrad.autograd.recording import record_backward
from minigrad.viz import walk as walk_module
from minigrad.viz.drawing import draw, draw_at
from minigrad.viz.stepper import BackwardStepper, fmt


def live_pictures(loss, retain_graph=False, draw=draw, **named):
    """Draw the live graph before each node runs, and after the last: the stepper's old way."""
    pictures = {}
    with record_backward() as steps:
        def picture_now(event, node, grads):
            position = len(steps)
            if event == "node_started" and position not in pictures:
                pictures[position] = picture_at(position)

        def picture_at(position):
            step = steps[position - 1] if position else None
            return draw(loss, highlight=step.node if step else None,
                        edge_labels=labels(steps, position), **named)

        with observe_backward(picture_now):
            loss.backward(retain_graph=retain_graph)
        pictures[len(steps)] = picture_at(len(steps))
        pictures[len(steps) + 1] = draw(loss, edge_labels=labels(steps, len(steps)), **named)
    return [pictures[k] for k in range(len(steps) + 2)]


def labels(steps, position):
    """The gradients sent so far, per edge (what BackwardStepper.edge_labels says)."""
    found = {}
    for step in steps[:position]:
        for sent in step.sent:
            if sent.node is not None and sent.grad is not None:
                key = (step.node, sent.node)
                found[key] = f"{found[key]}, {fmt(sent.grad)}" if key in found else fmt(sent.grad)
    return found


def assert_same_pictures(stepper, live):
    assert stepper.end + 1 == len(live)
    for position, expected in enumerate(live):
        picture = stepper.picture(position)
        assert picture.source == expected.source, f"DOT differs at step {position}"
        assert picture.text() == expected.text(), f"text differs at step {position}"


def product():
    a = minigrad.tensor(2.0, requires_grad=True)
    b = minigrad.tensor(3.0, requires_grad=True)
    d = minigrad.tensor(4.0, requires_grad=True)
    c = a * b
    e = c * d
    return e, {"a": a, "b": b, "c": c, "d": d, "e": e}


def mlp():
    """Linear, relu, Linear, mse: the relu output is kept only by the second Linear's saved
    tensors, so it disappears from the picture once that node ran."""
    minigrad.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
    x, target = minigrad.randn(2, 3), minigrad.randn(2, 1)
    loss = nn.functional.mse_loss(model(x), target)
    return loss, {}


def mlp_named():
    minigrad.manual_seed(1)
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
    x, target = minigrad.randn(2, 3), minigrad.randn(2, 1)
    out = model(x)
    loss = nn.functional.mse_loss(out, target)
    return loss, {"x": x, "out": out, "mse": loss}


def branch():
    """A leaf used twice (x * x), a branch that joins again, a constant saved by a node."""
    x = minigrad.tensor([1.0, -2.0], requires_grad=True)
    k = minigrad.tensor([0.5, 3.0])
    y = x * x
    z = y.exp() * k + y * 3
    return z.sum(), {"x": x, "k": k, "y": y}


def chain(length=4):
    """Each y is kept only by the next MulBackward0's saved self: gone once it ran."""
    x = minigrad.tensor([0.5, -0.2], requires_grad=True)
    w = minigrad.tensor([1.5, 0.5], requires_grad=True)
    y = x
    for _ in range(length):
        y = (y * w).tanh()
    return y.sum(), {"x": x, "w": w}


def retained():
    a = minigrad.tensor([1.0, 2.0], requires_grad=True)
    h = a.exp()
    h.retain_grad()
    return (h * h).sum(), {"a": a, "h": h}


@pytest.mark.parametrize("make", [product, mlp, mlp_named, branch, chain, retained])
@pytest.mark.parametrize("retain_graph", [False, True])
def test_each_picture_is_the_live_graph_at_that_step(make, retain_graph):
    loss, named = make()
    live = live_pictures(loss, retain_graph=retain_graph, **named)
    loss, named = make()
    assert_same_pictures(BackwardStepper(loss, retain_graph=retain_graph, **named), live)


def test_the_oracle_sees_freed_tensors_and_tensors_that_are_gone():
    """The cases above are not all alike: what they compare does change from step to step."""
    loss, _ = mlp()
    live = live_pictures(loss)
    assert "freed" not in live[0].text() and "freed" in live[1].text()
    tensors = [text.count(": intermediate") for text in (p.text() for p in live)]
    assert tensors[0] > tensors[-1]  # intermediate tensors kept only by saved tensors are gone


@pytest.mark.parametrize("second_retains", [True, False])
def test_two_runs_in_a_row_each_picture_their_own_backward(second_retains):
    """The first stepper draws its pictures after the second ran: from its own notes."""
    loss, named = branch()
    live_first = live_pictures(loss, retain_graph=True, **named)
    live_second = live_pictures(loss, retain_graph=second_retains, **named)
    loss, named = branch()
    first = BackwardStepper(loss, retain_graph=True, **named)
    second = BackwardStepper(loss, retain_graph=second_retains, **named)
    assert_same_pictures(second, live_second)
    assert_same_pictures(first, live_first)
    x_grad = [picture.graph.by_name("x").grad for picture in (live_first[-1], live_second[0])]
    assert x_grad[0] == x_grad[1] != "None"  # the second starts from the first's .grad


def test_a_picture_cut_at_max_nodes_counts_only_what_is_left(monkeypatch):
    loss, named = chain(6)
    live = live_pictures(loss, draw=functools.partial(draw, max_nodes=7), **named)
    assert "more nodes not drawn" in live[0].text()
    loss, named = chain(6)
    monkeypatch.setattr(stepper_module, "_find_draw",
                        lambda: functools.partial(draw_at, max_nodes=7))
    assert_same_pictures(BackwardStepper(loss, **named), live)


def test_a_stepper_walks_the_graph_a_fixed_number_of_times_whatever_its_size(monkeypatch):
    walks = []

    class CountingWalker(walk_module._Walker):
        def __init__(self, *args, **kwargs):
            walks.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(walk_module, "_Walker", CountingWalker)
    counts = []
    for length in (2, 40):
        walks.clear()
        loss, named = chain(length)
        stepper = BackwardStepper(loss, **named)
        counts.append(len(walks))
        assert len(stepper.steps) > 2 * length  # a Mul and a tanh per link, and more
    assert counts[0] == counts[1] <= 2  # once to take notes, once for the picture shown
    stepper.picture(5)
    stepper.picture(5)
    stepper.svg(5)
    assert len(walks) == counts[1] + 1  # each step is drawn once, when first asked for


def test_draw_shows_a_learner_only_public_keywords():
    import inspect

    keywords = inspect.signature(draw).parameters
    assert not [name for name in keywords if name.startswith("_")]
    assert list(inspect.signature(draw_at).parameters)[:2] == ["state", "roots"]
    loss, named = product()
    with pytest.raises(TypeError, match="unexpected keyword argument '_state'"):
        draw(loss, _state=None)
    assert draw_at(None, loss, **named).source == draw(loss, **named).source
