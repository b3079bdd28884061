"""BackwardStepper on real PyTorch: PyTorch's own backward, recorded through its node hooks.

Each program is run twice, once with minigrad and once with PyTorch: the stepper must tell the
same story (the same nodes, in the same order, with the same numbers) and end with the same
``.grad`` as a plain ``loss.backward()``. Its pictures must be what ``draw`` shows of the live
PyTorch graph at each step, with hooks drawing it as the nodes run.
"""
import pytest

import minigrad
from minigrad.viz.drawing import draw
from minigrad.viz.gradient_flow import observe_with_hooks
from minigrad.viz.stepper import BackwardStepper, fmt

pytest.importorskip("ipywidgets", reason="the stepper is an ipywidgets widget")
torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
pytestmark = pytest.mark.torch


def product(lib):
    a = lib.tensor(2.0, requires_grad=True)
    b = lib.tensor(3.0, requires_grad=True)
    d = lib.tensor(4.0, requires_grad=True)
    c = a * b
    e = c * d
    return e, {"a": a, "b": b, "c": c, "d": d, "e": e}


def vectors(lib):
    """A constant saved by a node, an input that needs no gradient, a sum."""
    x = lib.tensor([1.0, -2.0], requires_grad=True)
    y = (x * 3.0).sum()
    return y, {"x": x, "y": y}


def branch(lib):
    """A leaf used twice, a branch that joins again, exp/tanh/div saving their results."""
    x = lib.tensor([0.5, -1.0], requires_grad=True)
    w = lib.tensor([1.5, 0.25], requires_grad=True)
    h = (x * w).tanh()
    loss = (h.exp() * x - h / 3.0).sum()
    return loss, {"x": x, "w": w, "h": h, "out": loss}


def retained(lib):
    a = lib.tensor([1.0, 2.0], requires_grad=True)
    h = a.exp()
    h.retain_grad()
    return (h * h).sum(), {"a": a, "h": h}


PROGRAMS = [product, vectors, branch, retained]


def live_pictures(loss, retain_graph=False, **named):
    """PyTorch's live graph drawn from hooks, before each node runs, after the last, and done."""
    pictures, ran = {}, []

    def picture_at(position, running=True):
        node = ran[position - 1][0] if position and running else None
        return draw(loss, highlight=node, edge_labels=labels(ran[:position]), **named)

    def observe(event, node, grads):
        if event == "node_started" and len(ran) not in pictures:
            pictures[len(ran)] = picture_at(len(ran))
        elif event == "node_finished":
            ran.append((node, grads))

    with observe_with_hooks([loss], observe, retain_graph=retain_graph):
        loss.backward(retain_graph=retain_graph)
    pictures[len(ran)] = picture_at(len(ran))
    pictures[len(ran) + 1] = picture_at(len(ran), running=False)
    return [pictures[k] for k in range(len(ran) + 2)]


def labels(ran):
    found = {}
    for node, grads in ran:
        for (child, _), grad in zip(node.next_functions, grads, strict=True):
            if child is not None and grad is not None:
                key = (node, child)
                found[key] = f"{found[key]}, {fmt(grad)}" if key in found else fmt(grad)
    return found


@pytest.mark.parametrize("retain_graph", [False, True])
@pytest.mark.parametrize("make", PROGRAMS)
def test_the_story_of_pytorchs_backward_is_minigrads(make, retain_graph):
    ours = stepper_for(*make(minigrad), retain_graph=retain_graph)
    theirs = stepper_for(*make(torch), retain_graph=retain_graph)
    assert theirs.listing() == ours.listing()
    assert repr(theirs) == repr(ours)
    assert [theirs.grads_text(k) for k in range(theirs.end + 1)] == [
        ours.grads_text(k) for k in range(ours.end + 1)]


def stepper_for(loss, named, retain_graph=False):
    return BackwardStepper(loss, retain_graph=retain_graph, **named)


@pytest.mark.parametrize("make", PROGRAMS)
def test_the_leaves_end_with_the_grads_of_a_plain_backward(make):
    loss, named = make(torch)
    stepper_for(loss, named)
    plain_loss, plain = make(torch)
    plain_loss.backward()
    for name, tensor in named.items():
        if tensor.is_leaf:
            assert torch.equal(tensor.grad, plain[name].grad), name


@pytest.mark.parametrize("retain_graph", [False, True])
@pytest.mark.parametrize("make", PROGRAMS)
def test_each_picture_is_pytorchs_live_graph_at_that_step(make, retain_graph):
    loss, named = make(torch)
    live = live_pictures(loss, retain_graph=retain_graph, **named)
    loss, named = make(torch)
    stepper = stepper_for(loss, named, retain_graph=retain_graph)
    assert stepper.end + 1 == len(live)
    for position, expected in enumerate(live):
        picture = stepper.picture(position)
        assert picture.source == expected.source, f"DOT differs at step {position}"
        assert picture.text() == expected.text(), f"text differs at step {position}"


def test_saved_tensors_pytorch_freed_are_drawn_as_freed_in_words():
    loss, named = product(torch)
    stepper = stepper_for(loss, named)
    with pytest.raises(RuntimeError, match="after they have already been freed"):
        _ = loss.grad_fn._saved_self  # PyTorch hides them now
    before, done = stepper.picture(0).text(), stepper.picture(stepper.end).text()
    assert "freed" not in before and "_saved_self = 6.0 (c)" in before
    assert done.count("_saved_self: freed") == 2
    assert "Its saved self and other are freed now." in stepper.sentence(1)
    assert "PyTorch" in stepper.key.value and "only the tensors named" in stepper.key.value


def test_the_widget_steps_through_pytorchs_backward_to_the_done_state():
    loss, named = product(torch)
    stepper = stepper_for(loss, named)
    stepper.step_button.click()
    assert "step 1 of 5" in stepper.title.value and "MulBackward0" in stepper.title.value
    stepper.position = stepper.end
    assert stepper.title.value == "<b>e.backward()</b>, done: all 5 steps ran"
    assert stepper.current is None
    assert "a.grad = 12.0, b.grad = 8.0, d.grad = 6.0" in stepper.grads.value


def test_the_hooks_are_removed_after_backward():
    loss, named = product(torch)
    stepper_for(loss, named, retain_graph=True)
    heard = []
    named["a"].grad = None
    with observe_with_hooks([loss], lambda *event: heard.append(event)):
        pass
    loss.backward()
    assert heard == []  # the stepper's hooks, and these, are gone
    assert named["a"].grad.item() == 12.0
