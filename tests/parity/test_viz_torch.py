"""The same program under PyTorch and minigrad draws the same picture: boxes, words, arrows.

``minigrad.viz.draw`` reads PyTorch's graph through its public attributes (``grad_fn``,
``next_functions``, ``variable``, ``_saved_*``) without importing torch. PyTorch's nodes do
not know their output tensors, so only tensors passed by name appear as intermediates
there; minigrad's unnamed intermediates still alive are left out of the comparison.
"""
import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
pytest.importorskip("graphviz", reason="minigrad.viz needs the graphviz package (extra 'viz')")
import minigrad
import minigrad.nn
import minigrad.nn.functional
from minigrad.viz import draw, record_gradients
from minigrad.viz.graph import GRAD_FN, NO_GRAD, FunctionBox, NoneBox, SummaryBox, TensorBox

from .harness import assert_same

pytestmark = pytest.mark.torch
TENSOR_FIELDS = ("kind", "word", "shape", "dtype", "data", "grad", "grad_fn", "is_leaf",
                 "requires_grad", "retains_grad", "note", "group", "highlighted")


def values(*shape, seed=0):
    return np.random.default_rng(seed).uniform(-1, 1, shape).astype(np.float32).tolist()


# ----- programs: each takes the library and returns (roots, draw keyword arguments) -----------

def chain_rule(lib, backward=True):
    a = lib.tensor(2.0, requires_grad=True)
    b = lib.tensor(3.0, requires_grad=True)
    d = lib.tensor(4.0, requires_grad=True)
    c = a * b
    e = c * d
    if backward:
        e.backward()
    return [e], {"a": a, "b": b, "c": c, "d": d, "e": e}


def chain_rule_before_backward(lib):
    return chain_rule(lib, backward=False)


def frozen_detached_no_grad_retain_grad(lib):
    w = lib.tensor([1.0, 2.0], requires_grad=True)
    frozen = lib.nn.Parameter(lib.tensor([0.5, -1.0]), requires_grad=False)
    h = w * 2
    z = h.detach()
    with lib.no_grad():
        k = w * 3
    h.retain_grad()
    out = (z * w).sum() + (h * k * frozen).sum()
    out.backward()
    return [out], {"w": w, "frozen": frozen, "h": h, "z": z, "k": k, "out": out, "show_none": True}


def mlp(lib, frozen=False):
    nn = lib.nn
    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    with lib.no_grad():
        for i, p in enumerate(model.parameters()):
            p.copy_(lib.tensor(values(*p.shape, seed=i)))
    model[0].weight.requires_grad_(not frozen)
    x, y = lib.tensor(values(4, 2, seed=10)), lib.tensor(values(4, 1, seed=11))
    loss = lib.nn.functional.mse_loss(model(x), y)
    return model, x, y, loss


def mlp_grouped_by_module(lib):
    model, x, y, loss = mlp(lib)
    loss.backward()
    return [loss], {"group_by": model, "x": x, "y": y, "loss": loss}


def mlp_with_a_frozen_layer(lib):
    # No backward here: PyTorch saves nothing for the frozen layer's product (no gradient
    # needs it) while minigrad saves its inputs anyway, so only PyTorch's would show "freed".
    model, x, y, loss = mlp(lib, frozen=True)
    return [loss], {"group_by": model, "x": x, "y": y, "loss": loss, "legend": True}


def custom_function(lib):
    class Square(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return grad * 2 * x

    a = lib.tensor([1.0, -2.0], requires_grad=True)
    y = Square.apply(a).sum()
    return [y], {"a": a, "y": y}


def shared_input_broadcast_and_reductions(lib):
    x = lib.tensor(values(2, 3), requires_grad=True)
    b = lib.tensor(values(3, seed=1), requires_grad=True)
    m = lib.tensor(values(3, 2, seed=2), requires_grad=True)
    s = (x * x + b).exp()
    out = (s @ m).mean() + x.sum()
    out.backward(retain_graph=True)
    return [out], {"x": x, "b": b, "m": m, "s": s, "out": out}


def two_roots_and_collapse(lib):
    x = lib.tensor(0.5, requires_grad=True)
    y = x
    for _ in range(30):
        y = lib.neg(y + 1.0)
    z = x * 3
    return [y, z], {"x": x, "max_nodes": 20}


def unnamed_roots(lib):
    a = lib.tensor([1.0, -2.0], requires_grad=True)
    return [(a * 3).sum(), a.exp()], {}


PROGRAMS = [chain_rule, unnamed_roots, chain_rule_before_backward,
            frozen_detached_no_grad_retain_grad, mlp_grouped_by_module,
            mlp_with_a_frozen_layer, custom_function, shared_input_broadcast_and_reductions,
            two_roots_and_collapse]


# ----- what is compared ----------------------------------------------------------------------

def picture(view):
    """Boxes and arrows, with tensors known by name (or by the node they hang off)."""
    graph = view.graph
    labels = {}
    for edge in graph.edges:  # an unnamed leaf is known by its AccumulateGrad
        if edge.kind == "variable" and graph.node(edge.head).name is None:
            labels[edge.head] = f"leaf of {edge.tail}"
    for number, root in enumerate(graph.roots):
        labels.setdefault(root, graph.node(root).name or f"root {number}")
    boxes, kept = {}, set()
    for box in graph.nodes:
        if isinstance(box, TensorBox):
            label = box.name or labels.get(box.id)
            if label is None:
                continue  # an unnamed intermediate: only minigrad can find those
            boxes[label] = {field: getattr(box, field) for field in TENSOR_FIELDS}
        elif isinstance(box, FunctionBox):
            label = box.id
            boxes[label] = {"name": box.name, "freed": box.freed, "group": box.group,
                            "accumulate": box.is_accumulate}
        elif isinstance(box, SummaryBox):
            label = "summary"
            boxes[label] = {"count": box.count}
        else:
            assert isinstance(box, NoneBox)
            label = box.id
            boxes[label] = {}
        labels[box.id] = label
        kept.add(box.id)
    arrows = sorted(
        (edge.kind, labels[edge.tail], labels[edge.head], edge.index, edge.label)
        for edge in graph.edges
        if edge.tail in kept and edge.head in kept and edge.kind != NO_GRAD
    )
    return {"boxes": boxes, "arrows": arrows, "groups": graph.groups}


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.__name__ for p in PROGRAMS])
def test_torch_and_minigrad_draw_the_same_picture(program):
    pictures = {}
    for lib in (torch, minigrad):
        lib.manual_seed(0)
        roots, kwargs = program(lib)
        pictures[lib.__name__] = picture(draw(*roots, **kwargs))
    # Values in the boxes may differ by float32 rounding in sums, as in the other parity tests.
    assert_same(pictures["torch"], pictures["minigrad"], "picture")


def test_torch_picture_of_the_chain_rule_has_the_hand_worked_gradients():
    roots, kwargs = chain_rule(torch)
    view = draw(*roots, **kwargs)
    assert {name: view.graph.by_name(name).grad for name in "abd"} == {
        "a": "12.0", "b": "8.0", "d": "6.0"}
    assert all(box.freed for box in view.graph.nodes
               if isinstance(box, FunctionBox) and not box.is_accumulate)
    assert [(e.tail, e.head) for e in view.graph.edges if e.kind == GRAD_FN] == [
        ("t1", "f1"), ("t2", "f2")]  # e and the named intermediate c, matched to grad_fns


def test_gradient_flow_labels_agree():
    labels = {}
    for lib in (torch, minigrad):
        roots, kwargs = chain_rule(lib, backward=False)
        with record_gradients(*roots) as flow:
            roots[0].backward()
        view = draw(*roots, grad_flow=flow, **kwargs)
        labels[lib.__name__] = [(e.kind, e.tail, e.head, e.label) for e in view.graph.edges]
    assert labels["minigrad"] == labels["torch"]
    assert ("next", "f2", "f3", "12.0") in labels["torch"]


def test_saved_tensors_of_the_same_op_have_the_same_names_and_values():
    saved = {}
    for lib in (torch, minigrad):
        roots, kwargs = chain_rule(lib, backward=False)
        view = draw(*roots, **kwargs)
        saved[lib.__name__] = [(s.name, s.text, view.graph.title(s.tensor_id))
                               for s in view.graph.node("f2").saved]
    assert saved["minigrad"] == saved["torch"] == [("_saved_self", "2.0", "a"),
                                                   ("_saved_other", "3.0", "b")]


def test_unnamed_roots_are_called_output_in_both():
    texts = {}
    for lib in (torch, minigrad):
        roots, kwargs = unnamed_roots(lib)
        view = draw(*roots, **kwargs)
        assert [view.graph.node(i).name for i in view.graph.roots] == ["output", "output2"]
        texts[lib.__name__] = [line for line in view.text().splitlines() if "output" in line]
    assert texts["minigrad"] == texts["torch"]
    assert texts["torch"][0].startswith("t1 output: intermediate, shape [], float32")


def test_inputs_needing_no_grad_enter_at_the_same_nodes():
    entries = {}
    for lib in (torch, minigrad):
        model, x, y, loss = mlp(lib)
        loss.backward(retain_graph=True)  # the saved tensors are what link x and y
        view = draw(loss, group_by=model, x=x, y=y, loss=loss)
        graph = view.graph
        entries[lib.__name__] = sorted(
            (graph.node(e.head).name, graph.node(e.tail).name, graph.node(e.tail).group)
            for e in graph.edges if e.kind == NO_GRAD)
    assert entries["minigrad"] == entries["torch"] == [
        ("x", "AddmmBackward0", "0"), ("y", "MseLossBackward0", None)]
