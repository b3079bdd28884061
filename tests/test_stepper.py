"""BackwardStepper, driven as a learner drives it: clicks, the slider, the play widget.

Expected numbers for e = (a*b)*d with a=2, b=3, d=4 come from the chain rule:
de/dc = d = 4, de/dd = c = 6, de/da = de/dc * b = 12, de/db = de/dc * a = 8;
a second backward without zero_grad adds the same again: 24, 16, 12.
Positions: 0 before backward, 1..5 while the k-th node runs, 6 once backward is done.
"""
from types import SimpleNamespace

import pytest

pytest.importorskip("ipywidgets", reason="the stepper is an ipywidgets widget")

import minigrad
from minigrad.autograd.graph import FREED_ERROR
from minigrad.viz.stepper import RUN_THE_CELL, BackwardStepper, fmt

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def example():
    a = minigrad.tensor(2.0, requires_grad=True)
    b = minigrad.tensor(3.0, requires_grad=True)
    d = minigrad.tensor(4.0, requires_grad=True)
    c = a * b
    e = c * d
    return SimpleNamespace(a=a, b=b, c=c, d=d, e=e)


def stepper(t, **options):
    return BackwardStepper(t.e, a=t.a, b=t.b, c=t.c, d=t.d, e=t.e, **options)


def grads(t):
    return t.a.grad.item(), t.b.grad.item(), t.d.grad.item()


def accumulate_node(tensor_made_by, index):
    return tensor_made_by.grad_fn.next_functions[index][0]


def test_five_steps_end_with_the_grads_of_a_plain_backward():
    t = example()
    s = stepper(t)
    assert len(s.steps) == 5
    for _ in range(6):
        s.step_button.click()
    assert s.position == s.end == 6
    assert s.grads_text() == "a.grad = 12.0, b.grad = 8.0, d.grad = 6.0"
    plain = example()
    plain.e.backward()
    assert grads(t) == grads(plain) == (12.0, 8.0, 6.0)


def test_buttons_and_slider_move_through_the_steps():
    s = stepper(example())
    s.step_button.click()
    s.step_button.click()
    assert s.position == 2
    assert "step 2 of 5" in s.title.value and "AccumulateGrad" in s.title.value
    assert "AccumulateGrad of d received 6.0" in s.words.value
    s.back_button.click()
    assert s.position == 1 and "MulBackward0 (the node that made e) received" in s.words.value
    s.slider.value = 4
    assert "AccumulateGrad of a received 12.0" in s.words.value
    assert s.grads.value == (
        "<p class='minigrad-stepper-grads'>a.grad = 12.0, b.grad = None, d.grad = 6.0</p>")
    for _ in range(4):
        s.step_button.click()
    assert s.position == 6  # stops at the done state
    s.reset_button.click()
    assert s.position == 0 and s.play.playing is False
    s.back_button.click()
    assert s.position == 0
    assert s.current is None


def test_play_moves_the_slider():
    s = stepper(example())
    s.play.value = 3  # what the front end does on each tick
    assert s.slider.value == 3 and s.position == 3
    assert "MulBackward0 (the node that made c) received 4.0" in s.words.value
    s.slider.value = 1
    assert s.play.value == 1


def test_leaf_grads_as_accumulated_up_to_each_step():
    s = stepper(example())
    assert [s.grads_text(k) for k in range(6)] == [
        "a.grad = None, b.grad = None, d.grad = None",
        "a.grad = None, b.grad = None, d.grad = None",
        "a.grad = None, b.grad = None, d.grad = 6.0",
        "a.grad = None, b.grad = None, d.grad = 6.0",
        "a.grad = 12.0, b.grad = None, d.grad = 6.0",
        "a.grad = 12.0, b.grad = 8.0, d.grad = 6.0",
    ]


def test_a_second_run_without_zero_grad_adds_up():
    t = example()
    first = stepper(t, retain_graph=True)
    second = stepper(t)
    assert first.grads_text(5) == "a.grad = 12.0, b.grad = 8.0, d.grad = 6.0"
    assert second.grads_text(0) == "a.grad = 12.0, b.grad = 8.0, d.grad = 6.0"
    assert second.grads_text(5) == "a.grad = 24.0, b.grad = 16.0, d.grad = 12.0"
    assert grads(t) == (24.0, 16.0, 12.0)
    assert second.sentence(4) == (
        "AccumulateGrad of a received 12.0 and adds it to a.grad: 12.0 + 12.0 = 24.0. "
        "Gradients add up over backward() calls until zero_grad() resets them. "
        "Next: AccumulateGrad of b.")
    assert second.sentence(6) == (
        "backward() is done: all 5 nodes ran, none is running now. Their saved tensors were "
        "freed, so a second backward() through this graph raises an error (unless "
        "retain_graph=True).")
    assert first.sentence(6) == (
        "backward() is done: all 5 nodes ran, none is running now. retain_graph=True kept "
        "their saved tensors: backward() can run again.")
    assert "Its saved tensors are kept (retain_graph=True)." in first.sentence(1)
    assert "Its saved self and other are freed now." in second.sentence(1)


def test_a_second_run_after_the_graph_was_freed_fails_as_in_pytorch():
    t = example()
    stepper(t)
    with pytest.raises(RuntimeError) as error:
        stepper(t)
    assert str(error.value) == FREED_ERROR


def test_one_sentence_per_step():
    s = stepper(example())
    assert s.listing() == [
        ("backward() starts at e with de/de = 1.0, handed to MulBackward0 (the node that made "
        "e). It runs first."),
        ("MulBackward0 (the node that made e) received 1.0. It multiplies by the saved other = "
        "4.0 and sends 4.0 to MulBackward0 (the node that made c); it multiplies by the saved "
        "self = 6.0 and sends 6.0 to AccumulateGrad of d. Its saved self and other are freed "
        "now. Next: AccumulateGrad of d."),
        ("AccumulateGrad of d received 6.0; d.grad was None, so it stores it: d.grad = 6.0. "
        "Next: MulBackward0 (the node that made c)."),
        ("MulBackward0 (the node that made c) received 4.0. It multiplies by the saved other = "
        "3.0 and sends 12.0 to AccumulateGrad of a; it multiplies by the saved self = 2.0 and "
        "sends 8.0 to AccumulateGrad of b. Its saved self and other are freed now. "
        "Next: AccumulateGrad of a."),
        ("AccumulateGrad of a received 12.0; a.grad was None, so it stores it: a.grad = 12.0. "
        "Next: AccumulateGrad of b."),
        ("AccumulateGrad of b received 8.0; b.grad was None, so it stores it: b.grad = 8.0. "
        "That was the last node."),
        ("backward() is done: all 5 nodes ran, none is running now. Their saved tensors were "
        "freed, so a second backward() through this graph raises an error (unless "
        "retain_graph=True)."),
    ]


def test_each_line_of_the_listing_says_something_new():
    listing = stepper(example()).listing()
    for text in listing:
        clauses = [c.strip() for c in text.replace(";", ".").split(". ") if c.strip()]
        assert len(clauses) == len(set(clauses)), text
        assert text.count("MulBackward0 (the node that made e)") <= 1, text


def test_unnamed_tensors_are_described_by_their_nodes():
    t = example()
    s = BackwardStepper(t.e)
    assert s.sentence(0).startswith("backward() starts at the output: it hands the starting "
                                    "gradient 1.0 to MulBackward0.")
    assert s.sentence(2).startswith("AccumulateGrad of a leaf received 6.0;")
    assert s.title.value.startswith("<b>loss.backward()</b>")


def test_nodes_without_a_recipe_say_what_they_used_and_sent():
    x = minigrad.tensor(0.5, requires_grad=True)
    y = x.sin()
    s = BackwardStepper(y, x=x, y=y)
    # d sin(x)/dx = cos(0.5) = 0.87758...
    assert s.sentence(1) == (
        "SinBackward0 (the node that made y) received 1.0. Using its saved self = 0.5, it "
        "sends 0.8776 to AccumulateGrad of x. Its saved self is freed now. "
        "Next: AccumulateGrad of x.")


def test_a_node_that_saved_nothing_just_passes_gradients_on():
    m = minigrad.tensor([[1.0, 2.0, 3.0]], requires_grad=True)
    out = (m.t() * minigrad.tensor([[1.0], [10.0], [100.0]])).sum()
    s = BackwardStepper(out, m=m, out=out)
    assert s.sentence(3) == (
        "TBackward0 received [[1.0], [10.0], [100.0]]. It sends [[1.0, 10.0, 100.0]] to "
        "AccumulateGrad of m. Next: AccumulateGrad of m.")


def test_vectors_and_inputs_without_grad():
    x = minigrad.tensor([1.0, -2.0], requires_grad=True)
    y = (x * 3.0).sum()
    s = BackwardStepper(y, x=x, y=y)
    assert s.sentence(1).startswith(
        "SumBackward0 (the node that made y) received 1.0. It copies it to every element and "
        "sends [1.0, 1.0] to MulBackward0.")
    # the number 3.0 needs no gradient: only one clause, to x
    assert s.sentence(2).startswith(
        "MulBackward0 received [1.0, 1.0]. It multiplies by the saved other = 3.0 and sends "
        "[3.0, 3.0] to AccumulateGrad of x.")


def test_edge_labels_collect_the_gradients_sent_so_far():
    t = example()
    s = stepper(t)
    to_c, to_d = t.e.grad_fn, t.c.grad_fn
    acc_d = accumulate_node(t.e, 1)
    acc_a, acc_b = accumulate_node(t.c, 0), accumulate_node(t.c, 1)
    assert s.edge_labels(0) == {}
    assert s.edge_labels(1) == {(to_c, to_d): "4.0", (to_c, acc_d): "6.0"}
    assert s.edge_labels(5) == {(to_c, to_d): "4.0", (to_c, acc_d): "6.0",
                                (to_d, acc_a): "12.0", (to_d, acc_b): "8.0"}


def test_the_same_node_reached_twice_gets_both_gradients():
    x = minigrad.tensor(3.0, requires_grad=True)
    y = x * x
    s = BackwardStepper(y, x=x, y=y)
    acc = y.grad_fn.next_functions[0][0]
    assert s.edge_labels(1) == {(y.grad_fn, acc): "3.0, 3.0"}
    assert s.grads_text() == "x.grad = None"
    assert s.grads_text(2) == "x.grad = 6.0"  # d(x*x)/dx = 2x


def test_text_forms_are_fixed_and_list_every_step():
    t = example()
    s = stepper(t)
    text = repr(s)
    assert text.splitlines()[0] == "BackwardStepper: e.backward() in 5 steps"
    assert text.splitlines()[-1] == "  final: a.grad = 12.0, b.grad = 8.0, d.grad = 6.0"
    assert len(text.splitlines()) == 9 and "0x" not in text
    assert repr(stepper(example())) == text  # a second identical stepper prints the same
    bundle = s._repr_mimebundle_()
    assert WIDGET_VIEW in bundle  # JupyterLab shows the live widget
    assert bundle["text/html"].count("<tr>") == 8  # header + positions 0..6
    assert "model_id" not in bundle["text/plain"] + bundle["text/html"]


def test_numbers_read_plainly():
    assert fmt(None) == "None"
    assert fmt(minigrad.tensor(4.0)) == "4.0"
    assert fmt(minigrad.tensor(1.0) / 3) == "0.3333"
    assert fmt(minigrad.tensor(1e-6)) == "1e-06"
    assert fmt(minigrad.tensor(12345.0)) == "12345.0"
    assert fmt(minigrad.tensor([[1.0, 2.5]])) == "[[1.0, 2.5]]"
    assert fmt(minigrad.zeros(3, 4)) == "a tensor of shape [3, 4]"
    assert fmt(minigrad.tensor(3)) == "3"


def picture_facts(view):
    """From a drawn graph: leaf grads by name, the highlighted box, nodes with freed saves."""
    boxes = view.graph.nodes
    leaf_grads = {b.name: b.grad for b in boxes if getattr(b, "is_leaf", False) and b.name}
    highlighted = [getattr(b, "name", None) for b in boxes if getattr(b, "highlighted", False)]
    freed = sum(1 for b in boxes if getattr(b, "freed", False))
    labels = sorted(edge.label for edge in view.graph.edges if edge.label)
    return leaf_grads, highlighted, freed, labels


def test_each_picture_shows_the_graph_as_it_was_at_that_step():
    pytest.importorskip("minigrad.viz.drawing", reason="needs minigrad.viz.draw")
    t = example()
    s = stepper(t)
    facts = [picture_facts(s.picture(k)) for k in range(6)]
    assert facts[0] == ({"a": "None", "b": "None", "d": "None"}, [], 0, [])
    assert facts[1] == ({"a": "None", "b": "None", "d": "None"}, ["MulBackward0"], 1,
                        ["4.0", "6.0"])
    assert facts[2][0] == {"a": "None", "b": "None", "d": "6.0"}
    assert [name.split("::")[-1] for name in facts[2][1]] == ["AccumulateGrad"]
    assert facts[3][1:] == (["MulBackward0"], 2, ["12.0", "4.0", "6.0", "8.0"])
    assert facts[5][0] == {"a": "12.0", "b": "8.0", "d": "6.0"}
    assert grads(t) == (12.0, 8.0, 6.0)  # drawing changed nothing


def test_pictures_of_a_second_run_start_from_the_first_runs_grads():
    pytest.importorskip("minigrad.viz.drawing", reason="needs minigrad.viz.draw")
    t = example()
    stepper(t, retain_graph=True)
    second = stepper(t)
    assert picture_facts(second.picture(0))[0] == {"a": "12.0", "b": "8.0", "d": "6.0"}
    assert picture_facts(second.picture(5))[0] == {"a": "24.0", "b": "16.0", "d": "12.0"}


def test_the_widget_shows_the_svg_with_the_running_node():
    viz = pytest.importorskip("minigrad.viz.render", reason="needs minigrad.viz")
    try:
        viz.resolve("svg")
    except RuntimeError as error:
        pytest.skip(f"no Graphviz renderer here: {error}")
    s = stepper(example())
    s.step_button.click()
    assert s.graph.value.startswith("<svg") and "RUNNING" in s.graph.value
    s.reset_button.click()
    assert "RUNNING" not in s.graph.value
    s.position = s.end  # done: nothing runs any more
    assert s.graph.value.startswith("<svg") and "RUNNING" not in s.graph.value


def test_only_minigrad_tensors_can_be_stepped():
    t = example()
    with pytest.raises(TypeError, match="b is a builtins.float"):
        BackwardStepper(t.e, a=t.a, b=3.0)
    assert t.a.grad is None  # checked before backward ran


def test_tensors_of_two_libraries_are_refused_before_backward():
    torch = pytest.importorskip("torch", reason="needs PyTorch 2.13.0 (CI installs it)")
    t = example()
    with pytest.raises(TypeError, match="needs minigrad tensors, as the loss is; b is a torch"):
        BackwardStepper(t.e, a=t.a, b=torch.tensor(3.0))
    assert t.a.grad is None


def test_without_pictures_the_backward_and_the_words_are_unchanged(monkeypatch):
    import minigrad.viz.stepper as stepper_module

    def broken_draw(*args, **kwargs):
        raise ValueError("no layout")

    for draw, why in [(broken_draw, "drawing failed: ValueError: no layout"),
                      (None, "minigrad.viz.draw is not available")]:
        monkeypatch.setattr(stepper_module, "_find_draw", lambda draw=draw: draw)
        t = example()
        s = stepper(t)
        assert grads(t) == (12.0, 8.0, 6.0)
        assert s.svg(2) is None and s.graph.value == f"<i>(no picture: {why})</i>"
        assert s.listing() == stepper(example()).listing()


def test_the_end_state_shows_no_running_node_and_the_final_grads():
    s = stepper(example())
    s.position = 5
    assert s.current is not None and s.current.index == 5  # the last node is still shown running
    s.step_button.click()
    assert s.position == s.end and s.current is None
    assert s.title.value == "<b>e.backward()</b>, done: all 5 steps ran"
    assert "backward() is done" in s.words.value
    assert s.grads.value == (
        "<p class='minigrad-stepper-grads'>a.grad = 12.0, b.grad = 8.0, d.grad = 6.0</p>")
    assert s.slider.max == s.play.max == 6


def test_the_end_picture_highlights_nothing():
    pytest.importorskip("graphviz", reason="pictures need the graphviz package (the viz extra)")
    s = stepper(example())
    last, done = s.picture(5), s.picture(6)
    assert [b for b in last.graph.nodes if getattr(b, "highlighted", False)]
    assert not [b for b in done.graph.nodes if getattr(b, "highlighted", False)]
    assert "RUNNING" in last.source and "RUNNING" not in done.source
    assert picture_facts(done)[0] == {"a": "12.0", "b": "8.0", "d": "6.0"}


def test_grads_are_listed_in_the_order_the_tensors_were_named():
    t = example()
    s = BackwardStepper(t.e, b=t.b, e=t.e, d=t.d)  # a is not named
    assert s.grads_text(6) == "b.grad = 8.0, d.grad = 6.0, leaf 3.grad = 12.0"
    assert s.grads_text(0) == "b.grad = None, d.grad = None, leaf 3.grad = None"


def test_the_play_control_has_no_loop_button():
    s = stepper(example())
    assert s.play.show_repeat is False and s.play.repeat is False


def test_a_key_explains_the_colours_and_arrows():
    s = stepper(example())
    assert s.key in s.widget.children
    for words in ("RUNNING", "done", "waiting", "AccumulateGrad", "solid arrow", "dashed arrow"):
        assert f"<b>{words}" in s.key.value
    assert "PyTorch" not in s.key.value
    t = example()
    assert BackwardStepper(t.e, legend=False, a=t.a).key.value == ""


def test_a_notebook_not_run_yet_says_to_run_the_cell():
    s = stepper(example())
    bundle = s._repr_mimebundle_()
    lines = bundle["text/plain"].splitlines()
    assert lines[0] == "BackwardStepper: e.backward() in 5 steps"
    assert lines[1] == RUN_THE_CELL and "Run this cell" in RUN_THE_CELL
    assert lines[2:] == repr(s).splitlines()[1:]
    assert RUN_THE_CELL in bundle["text/html"]
    assert "press" not in (bundle["text/plain"] + bundle["text/html"]).lower()
    assert stepper(example())._repr_mimebundle_()["text/plain"] == bundle["text/plain"]


# One op per sentence in stepper.HOW, made for real: the table is checked against the ops.
HOW_MAKERS = {
    "MulBackward0": lambda a, b: a * b,
    "DivBackward0": lambda a, b: a / b,
    "AddBackward0": lambda a, b: a + b,
    "SubBackward0": lambda a, b: a - b,
    "NegBackward0": lambda a, b: -a,
    "PowBackward0": lambda a, b: a ** 3,
    "ExpBackward0": lambda a, b: a.exp(),
    "LogBackward0": lambda a, b: a.log(),
    "TanhBackward0": lambda a, b: a.tanh(),
    "SigmoidBackward0": lambda a, b: a.sigmoid(),
    "ReluBackward0": lambda a, b: a.relu(),
    "SumBackward0": lambda a, b: a.sum(),
    "MeanBackward0": lambda a, b: a.mean(),
}


@pytest.mark.parametrize("name", sorted(HOW_MAKERS))
def test_each_sentence_of_the_stepper_fits_its_op(name):
    import string

    from minigrad.viz.stepper import HOW

    a = minigrad.tensor([0.5, 2.0], requires_grad=True)
    b = minigrad.tensor([1.5, 3.0], requires_grad=True)
    node = HOW_MAKERS[name](a, b).grad_fn
    assert node.name() == name
    assert len(HOW[name]) == len(node.next_functions), "one clause per next_functions edge"
    for clause in HOW[name]:
        fields = {f for _, f, _, _ in string.Formatter().parse(clause) if f} - {"g", "dest"}
        for field in fields:  # every value a sentence names is one the node saved
            assert hasattr(node, f"_saved_{field}"), f"{name} saves no {field}"


def test_every_sentence_of_the_stepper_is_checked_against_an_op():
    from minigrad.viz.stepper import HOW

    assert set(HOW) == set(HOW_MAKERS)
