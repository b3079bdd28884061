"""Lesson 02's checks name the mistake behind each typical wrong answer."""
import pytest

import minigrad
from minigrad.exercises import lesson02 as exercises


def says(feedback, *words):
    """The feedback is "Not yet" and mentions every word in ``words``."""
    text = repr(feedback)
    return not feedback.correct and text.startswith("Not yet: ") and all(w in text for w in words)


def libraries():
    """minigrad, and PyTorch when it is installed (a skip says so)."""
    torch = pytest.importorskip("torch", reason="checking torch tensors needs torch installed")
    return [minigrad, torch]


CHECKS = [exercises.chain_rule_grads, exercises.follow_to_the_leaf, exercises.intermediate_grad]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_placeholder_asks_for_an_answer(check):
    feedback = check(...)
    assert not feedback.correct
    assert "replace the ..." in repr(feedback)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_every_check_has_a_docstring(check):
    assert check.__doc__ and check.__doc__.strip()


# chain_rule_grads: f = (x + y) * z at x = 1, y = 2, z = 5

def test_chain_right_answer_as_numbers_lists_and_tensors():
    assert exercises.chain_rule_grads([5, 5, 3]).correct
    assert exercises.chain_rule_grads((5.0, 5.0, 3.0)).correct
    for lib in libraries():
        assert exercises.chain_rule_grads(lib.tensor([5.0, 5.0, 3.0])).correct
        grads = [lib.tensor(5.0), lib.tensor(5.0), lib.tensor(3.0)]
        assert exercises.chain_rule_grads(grads).correct


@pytest.mark.parametrize("answer, words", [
    ([1, 1, 3], ("chain rule", "df/ds = z = 5")),
    ([2, 1, 3], ("added, not multiplied",)),
    ([10, 5, 3], ("added, not multiplied",)),
    ([5, 5, 15], ("not f itself (15)",)),
    ([5, 5, 5], ("not z (5)",)),
    ([5, 5, 1], ("df/dz = s = x + y = 3",)),
    ([3, 3, 3], ("z * 1 = 5",)),
    ([5, 5], ("three numbers",)),
    (5, ("three numbers",)),
    ([5, [5, 5], 3], ("single number",)),
])
def test_chain_names_the_mistake(answer, words):
    assert says(exercises.chain_rule_grads(answer), *words)


def test_chain_names_the_mistake_for_tensors_of_both_libraries():
    for lib in libraries():
        assert says(exercises.chain_rule_grads(lib.tensor([1.0, 1.0, 3.0])), "chain rule")
        assert says(exercises.chain_rule_grads(lib.tensor([5.0, 5.0, 15.0])), "not f itself")


# follow_to_the_leaf: out = (w * x).sum(), w = [1, 2, 3] requires grad, x = [4, 5, 6]

def graph(lib):
    w = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    x = lib.tensor([4.0, 5.0, 6.0])
    out = (w * x).sum()
    return w, x, out


@pytest.mark.parametrize("lib_name", ["minigrad", "torch"])
def test_follow_right_answer_and_every_wrong_stop_on_the_way(lib_name):
    lib = minigrad if lib_name == "minigrad" else pytest.importorskip(
        "torch", reason="checking torch graphs needs torch installed")
    w, x, out = graph(lib)
    mul = out.grad_fn.next_functions[0][0]
    acc = mul.next_functions[0][0]
    assert exercises.follow_to_the_leaf(acc.variable).correct
    assert says(exercises.follow_to_the_leaf(out.grad_fn), "out.grad_fn")
    assert says(exercises.follow_to_the_leaf(mul), "MulBackward0", "one more step")
    assert says(exercises.follow_to_the_leaf(acc), "AccumulateGrad node itself", ".variable")
    assert says(exercises.follow_to_the_leaf(mul.next_functions[1][0]), "entry for x")
    assert says(exercises.follow_to_the_leaf(mul.next_functions[0]), "(node, input_nr) pair")
    assert says(exercises.follow_to_the_leaf(mul.next_functions), "whole next_functions")
    assert says(exercises.follow_to_the_leaf(x), "that is x")
    assert says(exercises.follow_to_the_leaf(w * 1), "not a leaf")
    assert says(exercises.follow_to_the_leaf(lib.tensor([1.0, 2.0, 3.0])), "requires grad")
    assert says(exercises.follow_to_the_leaf(out), "not a leaf")


def test_follow_rejects_numbers():
    assert says(exercises.follow_to_the_leaf(2.0), "tensor")


# intermediate_grad: x = 1, h = x * 3, y = h * h; h.grad = dy/dh = 6

def test_intermediate_right_answer_as_number_and_tensors():
    assert exercises.intermediate_grad(6).correct
    assert exercises.intermediate_grad(6.0).correct
    for lib in libraries():
        assert exercises.intermediate_grad(lib.tensor(6.0)).correct


@pytest.mark.parametrize("answer, words", [
    (None, ("retain_grad()",)),
    (9.0, ("9 is y",)),
    (18.0, ("x.grad",)),
    (3.0, ("3 is h",)),
    (2.0, ("2h, not 2",)),
    (1.0, ("dy/dy",)),
    (7.0, ("dy/dh = 2h",)),
    ([6.0, 6.0], ("single number",)),
])
def test_intermediate_names_the_mistake(answer, words):
    assert says(exercises.intermediate_grad(answer), *words)


def test_intermediate_names_the_mistake_for_tensors_of_both_libraries():
    for lib in libraries():
        assert says(exercises.intermediate_grad(lib.tensor(18.0)), "x.grad")
        assert says(exercises.intermediate_grad(lib.tensor(9.0)), "9 is y")
