"""Lesson 06's checks name the typical wrong answers, and accept the right one in any form."""
import numpy as np
import pytest

import minigrad
from minigrad.exercises import lesson06 as exercises

torch = pytest.importorskip("torch", reason="checks must accept PyTorch tensors too")


def said(feedback) -> str:
    return repr(feedback)


@pytest.mark.parametrize("check", [exercises.twice_without_retain_graph,
                                   exercises.w2_grad_after_three, exercises.second_derivative])
def test_the_placeholder_asks_for_an_answer(check):
    feedback = check(...)
    assert not feedback and "replace the ..." in said(feedback)


# twice_without_retain_graph: only (a) w + 1 and (d) mean save no tensor

@pytest.mark.parametrize("answer", ["ad", "da", "a, d", "(a) (d)", "AD", ["a", "d"], {"d", "a"},
                                    ("a", "d")])
def test_twice_without_retain_graph_accepts_the_letters_in_any_form(answer):
    assert exercises.twice_without_retain_graph(answer)


@pytest.mark.parametrize("answer, mistake", [
    ("abd", "saves both factors"),
    ("acd", "saves its result"),
    ("ade", "saves the 3 as a tensor"),
    ("abcde", "saves both factors"),
    ("d", "(a) `w + 1` saves nothing"),
    ("a", "(d) `mean` saves only"),
    ("", "(a) `w + 1` saves nothing"),
    ("xyz", "answer with the letters"),
    (2, "answer with the letters"),
    ([1, 4], "answer with the letters"),
])
def test_twice_without_retain_graph_names_the_mistake(answer, mistake):
    feedback = exercises.twice_without_retain_graph(answer)
    assert not feedback and mistake in said(feedback)


def test_twice_without_retain_graph_says_what_is_freed_or_not():
    assert "The first backward frees it." in said(exercises.twice_without_retain_graph("bd"))
    assert "can run again" in said(exercises.twice_without_retain_graph("a"))


def test_the_five_graphs_do_what_the_check_says_on_pytorch():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    graphs = {"a": lambda: (w + 1).sum(), "b": lambda: (w * w).sum(),
              "c": lambda: w.exp().sum(), "d": lambda: w.mean(), "e": lambda: (w * 3).sum()}
    survivors = ""
    for letter, make in graphs.items():
        out = make()
        out.backward()
        try:
            out.backward()
            survivors += letter
        except RuntimeError:
            pass
    assert exercises.twice_without_retain_graph(survivors)


# w2_grad_after_three: each pass adds w1 / 3, three passes give [1, 2, 3]

@pytest.mark.parametrize("answer", [[1.0, 2.0, 3.0], (1, 2, 3), np.array([1.0, 2.0, 3.0]),
                                    minigrad.tensor([1.0, 2.0, 3.0]),
                                    torch.tensor([1.0, 2.0, 3.0])])
def test_w2_grad_after_three_accepts_the_right_answer(answer):
    assert exercises.w2_grad_after_three(answer)


@pytest.mark.parametrize("answer, mistake", [
    ([1 / 3, 2 / 3, 1.0], "that is one pass"),
    (torch.tensor([0.3333, 0.6667, 1.0]), "that is one pass"),
    (minigrad.tensor([2 / 3, 4 / 3, 2.0]), "that is two passes"),
    ([2.0, 3.0, 4.0], "that is w1.grad"),
    (torch.tensor([2.0, 3.0, 4.0]), "that is w1.grad"),
    (6.0, "three elements"),
    ([1.0, 2.0], "three elements"),
    ([3.0, 3.0, 3.0], "count how many passes"),
])
def test_w2_grad_after_three_names_the_mistake(answer, mistake):
    feedback = exercises.w2_grad_after_three(answer)
    assert not feedback and mistake in said(feedback)


def test_w2_grad_after_three_is_what_pytorch_computes():
    w1 = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    w2 = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    res = torch.mean(w1 * w2 + w1)
    res.backward(retain_graph=True)
    res.backward(retain_graph=True)
    res.backward()
    assert exercises.w2_grad_after_three(w2.grad)


# second_derivative: x**3 + 2x**2 at x = 1 -> 6x + 4 = 10

@pytest.mark.parametrize("answer", [10, 10.0, np.float32(10.0), minigrad.tensor(10.0),
                                    torch.tensor(10.0), torch.tensor([10.0])])
def test_second_derivative_accepts_the_right_answer(answer):
    assert exercises.second_derivative(answer)


@pytest.mark.parametrize("answer, mistake", [
    (7.0, "7 is the first derivative"),
    (torch.tensor(7.0, requires_grad=True), "7 is the first derivative"),
    (minigrad.tensor(3.0), "that is y itself"),
    (6, "only the x³ part"),
    (4.0, "only the 2x² part"),
    ([10.0, 7.0], "a single number"),
    (None, "a single number"),
    (18.0, "differentiate twice"),
])
def test_second_derivative_names_the_mistake(answer, mistake):
    feedback = exercises.second_derivative(answer)
    assert not feedback and mistake in said(feedback)


def test_second_derivative_is_what_pytorch_computes():
    x = torch.tensor(1.0, requires_grad=True)
    (dy_dx,) = torch.autograd.grad(x ** 3 + 2 * x ** 2, x, create_graph=True)
    (d2y_dx2,) = torch.autograd.grad(dy_dx, x)
    assert exercises.second_derivative(d2y_dx2)
    assert not exercises.second_derivative(dy_dx)
