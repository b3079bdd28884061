"""minigrad.viz: what the picture of an autograd graph says (boxes, arrows, words, text tree).

The numbers checked here are worked out by hand from the programs (the chain rule), and the
behaviour they picture (freed saved tensors, detach, no_grad, retain_grad) is checked
against minigrad itself in each test, so a picture cannot drift from what autograd does.
"""
import gc
import re
import subprocess
import sys
import weakref

import pytest

pytest.importorskip("graphviz", reason="minigrad.viz needs the graphviz package (extra 'viz')")

import minigrad as torch
from minigrad.viz import draw, record_gradients
from minigrad.viz.dot import tensor_label
from minigrad.viz.graph import (
    DETACH,
    GRAD_FN,
    MORE,
    NEXT,
    NO_GRAD,
    NONE,
    VARIABLE,
    FunctionBox,
    NoneBox,
    SummaryBox,
    TensorBox,
)


def chain_rule():
    """e = (a*b)*d with a=2, b=3, d=4: de/da = b*d = 12, de/db = a*d = 8, de/dd = a*b = 6."""
    a = torch.tensor(2.0, requires_grad=True)
    b = torch.tensor(3.0, requires_grad=True)
    d = torch.tensor(4.0, requires_grad=True)
    c = a * b
    e = c * d
    return a, b, c, d, e


def edges(view, kinds=(NEXT, VARIABLE, GRAD_FN)):
    """Edges as (kind, tail title, head title) with titles like 'a' or 'MulBackward0#f2'."""
    graph = view.graph

    def title(box_id):
        box = graph.node(box_id)
        if isinstance(box, TensorBox) and box.name:
            return box.name
        return f"{graph.title(box_id)}#{box_id}"

    return sorted((e.kind, title(e.tail), title(e.head)) for e in graph.edges if e.kind in kinds)


def functions(view):
    return sorted(box.name for box in view.graph.nodes if isinstance(box, FunctionBox))


# ----- the chain rule picture, before and after backward -------------------------------------

def test_chain_rule_nodes_and_edges_before_backward():
    a, b, c, d, e = chain_rule()
    view = draw(e, a=a, b=b, c=c, d=d, e=e)
    assert functions(view) == ["AccumulateGrad"] * 3 + ["MulBackward0"] * 2
    assert [box.id for box in view.graph.nodes] == ["t1", "f1", "f2", "t2", "f3", "t3", "f4",
                                                     "t4", "f5", "t5"]  # walk order
    assert edges(view) == sorted([
        (GRAD_FN, "e", "MulBackward0#f1"),
        (NEXT, "MulBackward0#f1", "MulBackward0#f2"),
        (NEXT, "MulBackward0#f1", "AccumulateGrad#f5"),
        (GRAD_FN, "c", "MulBackward0#f2"),
        (NEXT, "MulBackward0#f2", "AccumulateGrad#f3"),
        (NEXT, "MulBackward0#f2", "AccumulateGrad#f4"),
        (VARIABLE, "AccumulateGrad#f3", "a"),
        (VARIABLE, "AccumulateGrad#f4", "b"),
        (VARIABLE, "AccumulateGrad#f5", "d"),
    ])
    for name in "abd":
        leaf = view.graph.by_name(name)
        assert (leaf.kind, leaf.grad, leaf.is_leaf, leaf.requires_grad) == (
            "trainable", "None", True, True)
    assert view.graph.by_name("c").kind == "intermediate"
    assert view.graph.by_name("e").grad_fn == "MulBackward0"
    saved = {s.name: (s.text, view.graph.title(s.tensor_id)) for s in view.graph.node("f2").saved}
    assert saved == {"_saved_self": ("2.0", "a"), "_saved_other": ("3.0", "b")}
    assert "_saved_self = 6.0 (c)" in view.source and "_saved_other = 4.0 (d)" in view.source


def test_chain_rule_after_backward_shows_grads_and_freed_saved_tensors():
    a, b, c, d, e = chain_rule()
    e.backward()
    view = draw(e, a=a, b=b, c=c, d=d, e=e)
    grads = {name: view.graph.by_name(name).grad for name in "abd"}
    assert grads == {"a": "12.0", "b": "8.0", "d": "6.0"}
    assert [a.grad.item(), b.grad.item(), d.grad.item()] == [12.0, 8.0, 6.0]
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        _ = e.grad_fn._saved_self  # what "freed" in the picture stands for
    for node in ("f1", "f2"):
        box = view.graph.node(node)
        assert box.freed and {s.state for s in box.saved} == {"freed"}
    assert "MulBackward0 (saved tensors freed)" in view.source
    assert "_saved_self: freed" in view.text()
    assert view.graph.by_name("c").grad == "None"  # not retained: a non-leaf keeps no grad


def test_retain_graph_keeps_saved_tensors():
    _, _, _, _, e = chain_rule()
    e.backward(retain_graph=True)
    view = draw(e)
    assert not any(box.freed for box in view.graph.nodes if isinstance(box, FunctionBox))
    assert e.grad_fn._saved_other.item() == 4.0


def test_text_tree_of_the_chain_rule():
    a, b, c, d, e = chain_rule()
    e.backward()
    expected = (
        "t1 e: intermediate, shape [], float32, data = 24.0, grad = None, grad_fn = MulBackward0,"
        " is_leaf = False, requires_grad = True\n"
        "  f1 MulBackward0 (grad_fn of t1): _saved_self: freed, _saved_other: freed\n"
        "    f2 MulBackward0 (next of f1): _saved_self: freed, _saved_other: freed\n"
        "      t2 c (output of f2): intermediate, shape [], float32, data = 6.0, grad = None,"
        " grad_fn = MulBackward0, is_leaf = False, requires_grad = True\n"
        "      f3 AccumulateGrad (next of f2)\n"
        "        t3 a (variable of f3): trainable leaf, shape [], float32, data = 2.0, grad = 12.0,"
        " grad_fn = None, is_leaf = True, requires_grad = True\n"
        "      f4 AccumulateGrad (next of f2)\n"
        "        t4 b (variable of f4): trainable leaf, shape [], float32, data = 3.0, grad = 8.0,"
        " grad_fn = None, is_leaf = True, requires_grad = True\n"
        "    f5 AccumulateGrad (next of f1)\n"
        "      t5 d (variable of f5): trainable leaf, shape [], float32, data = 4.0, grad = 6.0,"
        " grad_fn = None, is_leaf = True, requires_grad = True\n"
    )
    view = draw(e, a=a, b=b, c=c, d=d, e=e)
    assert view.text() == expected
    assert repr(view) == expected.rstrip("\n")
    assert view._repr_mimebundle_()["text/plain"] == expected


def test_an_unnamed_root_is_called_output_in_the_picture_and_the_text():
    a, _, _, _, e = chain_rule()
    view = draw(e, a=a)
    root = view.graph.node(view.graph.roots[0])
    assert (root.id, root.name) == ("t1", "output") and view.graph.by_name("output") is root
    assert view.text().startswith("t1 output: intermediate, shape [], float32, data = 24.0")
    assert "{output: intermediate|" in view.source and "{t1: " not in view.source
    assert "_saved_self = 6.0 (t2)" in view.text()  # unnamed intermediates keep their ids
    assert draw(e, e=e).graph.node("t1").name == "e"  # a name given wins


def test_more_unnamed_roots_are_numbered_and_never_take_a_given_name():
    a, _, c, _, e = chain_rule()
    view = draw(e, c * 2, output=a)
    names = [view.graph.node(box_id).name for box_id in view.graph.roots]
    assert names == ["output2", "output3"] and view.graph.by_name("output").data == "2.0"
    assert "_saved_self = 6.0 (t2), _saved_other = 4.0 (t5)" in view.text()


def test_a_shared_node_is_written_once_then_referred_to():
    x = torch.tensor(3.0, requires_grad=True)
    y = x * x  # both inputs of the product are x: two arrows into one AccumulateGrad
    view = draw(y, x=x)
    next_edges = [e for e in view.graph.edges if e.kind == NEXT]
    assert [(e.tail, e.head, e.index) for e in next_edges] == [("f1", "f2", 0), ("f1", "f2", 1)]
    assert "f2 AccumulateGrad (next of f1, see above)" in view.text()
    assert view.source.count("f1 -> f2") == 2


# ----- kinds of tensors: told apart by a word, not colour alone ------------------------------

def test_frozen_parameter_is_drawn_as_frozen():
    nn = pytest.importorskip("minigrad.nn", reason="needs minigrad.nn")
    weight = nn.Parameter(torch.tensor([1.0, 2.0]), requires_grad=False)
    x = torch.tensor([3.0, 4.0], requires_grad=True)
    y = (weight * x).sum()
    view = draw(y, weight=weight, x=x)
    box = view.graph.by_name("weight")
    assert (box.kind, box.word, box.requires_grad, box.is_leaf) == (
        "frozen", "frozen parameter", False, True)
    assert "weight: frozen parameter" in view.source
    assert "weight (saved by f2, no grad): frozen parameter" in view.text()
    # used by the product, which saved it, but no gradient goes back to it
    assert (NO_GRAD, "MulBackward0#f2", "weight") in edges(view, kinds=(NO_GRAD,))
    assert y.grad_fn.next_functions[0][0].next_functions[0] == (None, 0)


def test_detached_tensor_is_drawn_as_detached_from_its_source():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    h = w * 2
    z = h.detach()
    out = (z * w).sum()
    view = draw(out, w=w, h=h, z=z)
    box = view.graph.by_name("z")
    assert (box.kind, box.word, box.note) == ("detached", "detached", "shares data with h")
    assert (box.grad_fn, box.is_leaf, box.requires_grad) == (None, True, False)
    assert edges(view, kinds=(DETACH,)) == [(DETACH, "h", "z")]
    assert "z: detached" in view.source and 'dir=none' in view.source


def test_tensor_made_under_no_grad_is_a_constant_outside_the_graph():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    with torch.no_grad():
        k = w * 3
    out = (w * k).sum()
    assert (k.grad_fn, k.requires_grad, k.is_leaf) == (None, False, True)
    view = draw(out, w=w, k=k, show_none=True)
    box = view.graph.by_name("k")
    assert (box.kind, box.grad_fn, box.requires_grad, box.is_leaf) == (
        "constant", None, False, True)
    nones = [e for e in view.graph.edges if e.kind == NONE]
    assert [(e.tail, e.index) for e in nones] == [("f2", 1)]  # k's slot of MulBackward0
    assert isinstance(view.graph.node(nones[0].head), NoneBox)
    assert "None (next of f2)" in view.text()
    assert not any(isinstance(box, NoneBox) for box in draw(out, k=k).graph.nodes)


def test_retain_grad_tensor_shows_retains_grad_and_its_grad():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    h = w * 2
    h.retain_grad()
    out = (h * h).sum()  # d out/dh = 2h = [4, 8]
    out.backward()
    view = draw(out, w=w, h=h)
    box = view.graph.by_name("h")
    assert (box.retains_grad, box.word, box.grad) == (True, "intermediate, retains grad",
                                                      "[4.0, 8.0]")
    assert h.grad.tolist() == [4.0, 8.0]
    assert "retains_grad = True" in view.source


def test_legend_names_every_kind():
    _, _, _, _, e = chain_rule()
    source = draw(e, legend=True).source
    assert "cluster_legend" in source
    for word in ("trainable leaf", "constant", "intermediate", "frozen parameter", "detached",
                 "AccumulateGrad"):
        assert word in source
    assert "cluster_legend" not in draw(e).source


def test_version_shows_when_a_saved_tensor_was_changed_in_place():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = (y * y).sum()
    with torch.no_grad():
        y.add_(1)
    view = draw(z, y=y)
    assert [s.state for s in view.graph.node("f2").saved] == ["modified", "modified"]
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        z.backward()
    assert view.graph.by_name("y").version_matters and "_version = 1" in view.text()


# ----- what is drawn, and what is not kept alive ---------------------------------------------

def test_intermediates_are_drawn_while_alive_and_never_kept_alive():
    a = torch.tensor(2.0, requires_grad=True)
    c = a * 3
    e = c + 1  # AddBackward0 saves no tensor: only the name c keeps c alive
    ref = weakref.ref(c)
    view = draw(e, a=a)
    assert view.graph.node("t2").data == "6.0"  # c, found through MulBackward0's _output_refs
    del c
    gc.collect()
    assert ref() is None  # neither the view nor the graph model kept it
    assert [box.id for box in draw(e).graph.nodes if isinstance(box, TensorBox)] == [
        "t1", "t2"]  # e and the leaf a: c is gone


def test_custom_function_node_shows_its_saved_tensors():
    class Square(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return grad * 2 * x

    a = torch.tensor(3.0, requires_grad=True)
    y = Square.apply(a)
    view = draw(y, a=a)
    assert "f1 SquareBackward (grad_fn of t1): saved_tensors[0] = 3.0 (a)" in view.text()
    y.backward()
    assert "f1 SquareBackward (grad_fn of t1): saved_tensors: freed" in draw(y, a=a).text()


def test_big_tensors_are_abbreviated_numpy_style():
    x = torch.arange(100.0, requires_grad=True)
    view = draw((x * 2).sum(), x=x)
    assert view.graph.by_name("x").data == "[0.0, 1.0, ..., 98.0, 99.0]"


def test_max_nodes_collapses_the_rest_into_a_summary():
    x = torch.tensor(0.5, requires_grad=True)
    y = x
    for _ in range(200):
        y = torch.neg(y + 1.0)  # neither op saves a tensor: no intermediate stays alive
    full = draw(y, max_nodes=10_000)
    total = len(full.graph.nodes)
    assert total == 1 + 2 * 200 + 2  # y, 200 x (AddBackward0, NegBackward0), AccumulateGrad, x
    view = draw(y, max_nodes=50)
    summary = view.graph.nodes[-1]
    assert isinstance(summary, SummaryBox) and len(view.graph.nodes) == 51
    assert summary.count == total - 50
    assert [e.kind for e in view.graph.edges if e.head == summary.id] == [MORE]
    assert f"{total - 50} more nodes not drawn" in view.source
    assert f"{total - 50} more nodes not drawn (max_nodes=50)" in view.text()


def test_deep_graphs_are_walked_without_recursion():
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(3000):
        y = y + 1.0
    view = draw(y, max_nodes=10_000)
    assert len(view.graph.nodes) == 1 + 3000 + 2
    assert max(len(line) - len(line.lstrip()) for line in view.text().splitlines()) == 40


# ----- options ---------------------------------------------------------------------------------

def test_highlight_marks_nodes_and_tensors_with_a_word():
    a, _, _, _, e = chain_rule()
    view = draw(e, highlight=[e.grad_fn, a], a=a)
    assert view.graph.node("f1").highlighted and view.graph.by_name("a").highlighted
    assert "{RUNNING|MulBackward0" in view.source
    assert "{HIGHLIGHTED|a: trainable leaf" in view.source
    assert view.source.count("penwidth=3.5") == 2
    assert "[running] f1 MulBackward0" in view.text()
    one = draw(e, highlight=e.grad_fn)
    assert [box.id for box in one.graph.nodes if getattr(box, "highlighted", False)] == ["f1"]


def test_edge_labels_label_gradient_flow_arrows():
    _, _, c, _, e = chain_rule()
    mul = e.grad_fn
    acc_d = mul.next_functions[1][0]
    view = draw(e, edge_labels={(mul, acc_d): "to d", (mul, c.grad_fn): "to c"})
    labels = {(edge.tail, edge.head): edge.label for edge in view.graph.edges if edge.label}
    assert labels == {("f1", "f5"): "to d", ("f1", "f2"): "to c"}
    assert 'f1 -> f5 [label=" to d"' in view.source


@pytest.mark.parametrize("hooks", [False, True], ids=["engine_observer", "node_hooks"])
def test_grad_flow_labels_arrows_with_the_gradients_sent(hooks):
    a, b, c, d, e = chain_rule()
    with (record_gradients(e) if hooks else record_gradients()) as flow:
        e.backward()
    view = draw(e, a=a, b=b, c=c, d=d, grad_flow=flow)
    labels = {(edge.kind, edge.tail, edge.head): edge.label for edge in view.graph.edges}
    assert labels == {
        (GRAD_FN, "t1", "f1"): "1.0",  # de/de
        (NEXT, "f1", "f2"): "4.0",  # de/dc = d
        (NEXT, "f1", "f5"): "6.0",  # de/dd = c
        (GRAD_FN, "t2", "f2"): "4.0",  # c's own gradient
        (NEXT, "f2", "f3"): "12.0",  # de/da = d * b
        (NEXT, "f2", "f4"): "8.0",  # de/db = d * a
        (VARIABLE, "f3", "t3"): "12.0",
        (VARIABLE, "f4", "t4"): "8.0",
        (VARIABLE, "f5", "t5"): "6.0",
    }
    # AccumulateGrad runs as soon as its gradient is complete (as in PyTorch): d's comes first
    assert flow.order == ["MulBackward0", "AccumulateGrad", "MulBackward0", "AccumulateGrad",
                          "AccumulateGrad"]
    assert "(next of f1, grad 4.0)" in view.text()


def test_recording_leaves_no_observer_or_hook_behind():
    from minigrad.autograd import engine

    _, _, _, _, e = chain_rule()
    before = list(engine._observers)
    with record_gradients():
        pass
    assert engine._observers == before
    with record_gradients(e):
        pass
    assert "_hooks" not in e.grad_fn.__dict__ or e.grad_fn._hooks == []


def test_forward_direction_reverses_the_arrows():
    _, _, _, _, e = chain_rule()
    backward, forward = draw(e).source, draw(e, direction="forward").source
    assert "f1 -> f2" in backward and "f2 -> f1" in forward
    assert "t1 -> f1" in backward and "f1 -> t1" in forward
    assert "f3 -> t3" in backward and "t3 -> f3" in forward


def test_show_options_leave_out_values():
    a, _, _, _, e = chain_rule()
    view = draw(e, show_data=False, show_grad=False, show_saved=False, a=a)
    assert "data =" not in view.source and "|grad =" not in view.source
    assert "_saved_" not in view.source and "_saved_" not in view.text()
    assert "grad_fn = None" in view.source


def test_group_by_model_clusters_each_linear_layer():
    nn = pytest.importorskip("minigrad.nn", reason="needs minigrad.nn")
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    x = torch.randn(4, 2)
    loss = model(x).pow(2).mean()
    view = draw(loss, group_by=model, x=x)
    groups = {}
    for box in view.graph.nodes:
        if box.name is not None:  # unnamed intermediates go with the op that made them
            groups.setdefault(box.group, []).append(box.name)
    assert sorted(groups["0"]) == sorted(["AddmmBackward0", "AccumulateGrad", "0.bias",
                                          "TBackward0", "AccumulateGrad", "0.weight"])
    assert sorted(groups["2"]) == sorted(["AddmmBackward0", "AccumulateGrad", "2.bias",
                                          "TBackward0", "AccumulateGrad", "2.weight"])
    assert "ReluBackward0" in groups[None] and "x" in groups[None]
    assert view.graph.groups == {"0": "0: Linear(in_features=2, out_features=3, bias=True)",
                                 "2": "2: Linear(in_features=3, out_features=1, bias=True)"}
    assert view.source.count("subgraph cluster_") == 2


def mlp_loss(backward):
    """mse_loss(model(x), target) for a Linear-Tanh-Linear model; x and target need no grad."""
    nn = pytest.importorskip("minigrad.nn", reason="needs minigrad.nn")
    import minigrad.nn.functional  # noqa: F401
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
    x, target = torch.randn(8, 2), torch.randn(8, 1)
    loss = nn.functional.mse_loss(model(x), target)
    if backward:
        loss.backward(retain_graph=True)
    return model, x, target, loss


def row_labels(label: str) -> list[str]:
    """``shape``, ``data``, ``grad``, ... : the rows of a tensor box, below its title."""
    fields = re.split(r"(?<!\\)\|", label.strip("{}"))[1:]
    lines = [line for field in fields for line in field.split("\\l")]
    return [match[1] for line in lines if (match := re.match(r"(\w+)(?: = | \[)", line))]


@pytest.mark.parametrize("backward", [False, True], ids=["before_backward", "retain_graph"])
def test_grouped_mlp_inputs_are_drawn_where_they_enter(backward):
    model, x, target, loss = mlp_loss(backward)
    view = draw(loss, group_by=model, x=x, target=target, loss=loss)
    graph = view.graph
    entered = {graph.node(edge.head).name: graph.node(edge.tail)
               for edge in graph.edges if edge.kind == NO_GRAD}
    assert {name: (node.name, node.group) for name, node in entered.items()} == {
        "x": ("AddmmBackward0", "0"),  # the first Linear layer's product x @ W.T + b
        "target": ("MseLossBackward0", None),
    }
    assert loss.grad_fn.next_functions[1] == (None, 0)  # target's slot: no gradient goes back
    assert "x (saved by f" in view.text() and "target (saved by f1, no grad)" in view.text()


def test_every_tensor_box_has_the_same_rows_the_loss_too():
    model, x, target, loss = mlp_loss(backward=True)
    view = draw(loss, group_by=model, x=x, target=target, loss=loss)
    boxes = [box for box in view.graph.nodes if isinstance(box, TensorBox)]
    assert len(boxes) >= 7  # loss, x, target, four parameters (and live intermediates)
    rows = {box.name or box.id: row_labels(tensor_label(box, view.graph, True, True))
            for box in boxes}
    assert set(map(tuple, rows.values())) == {
        ("shape", "data", "grad", "grad_fn", "is_leaf", "requires_grad")}
    assert view.graph.by_name("loss").data == f"{loss.item():.4g}"
    assert f"data = {loss.item():.4g}" in view.source


# ----- determinism and errors ------------------------------------------------------------------

PROGRAM = """
import minigrad as torch
from minigrad.viz import draw
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
junk = [object() for _ in range({n})]  # shifts every id() in this process
c = (a * b).exp().sum()
c.backward(retain_graph=True)
print(draw(c, a=a, b=b, legend=True).source)
"""


def test_dot_source_is_the_same_in_every_run():
    sources = [
        subprocess.run([sys.executable, "-c", PROGRAM.format(n=n)], capture_output=True,
                       text=True, check=True).stdout
        for n in (0, 1000)
    ]
    assert sources[0] == sources[1] and "digraph autograd" in sources[0]
    assert "0x" not in sources[0]  # no memory addresses


def test_bad_arguments_give_clear_errors():
    a, _, _, _, e = chain_rule()
    with pytest.raises(TypeError, match=r"draw\(\) expects tensors to draw; got int at position 0"):
        draw(3)
    with pytest.raises(TypeError, match="keyword arguments name tensors"):
        draw(e, colour="red")
    with pytest.raises(ValueError, match="direction must be 'backward' or 'forward'"):
        draw(e, direction="sideways")
    with pytest.raises(ValueError, match="max_nodes must be a positive int"):
        draw(e, max_nodes=0)
    with pytest.raises(TypeError, match="params must map names to tensors"):
        draw(e, params=[1, 2])
    with pytest.raises(TypeError, match="group_by must be a model"):
        draw(e, group_by={"a": a})
    with pytest.raises(TypeError, match="grad_flow takes a recording of a backward pass"):
        draw(e, grad_flow=True)


def test_params_name_tensors_from_a_dict_pairs_or_a_model():
    nn = pytest.importorskip("minigrad.nn", reason="needs minigrad.nn")
    layer = nn.Linear(2, 1)
    out = layer(torch.ones(1, 2)).sum()
    names = {"weight", "bias", "output"}  # the root, unnamed, is called output
    for params in (dict(layer.named_parameters()), layer.named_parameters(), layer):
        view = draw(out, params=params)
        drawn = {box.name for box in view.graph.nodes if isinstance(box, TensorBox)}
        assert drawn - {None} == names
    view = draw(out, params=layer, w=layer.weight)  # a keyword name wins
    assert view.graph.by_name("w").is_parameter and "weight" not in view.text()
