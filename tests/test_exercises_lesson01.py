"""Lesson 01's checks name the mistake behind each typical wrong answer."""
import pytest

import minigrad
from minigrad.exercises import lesson01 as exercises


def says(feedback, *words):
    """The feedback is "Not yet" and mentions every word in ``words``."""
    text = repr(feedback)
    return not feedback.correct and text.startswith("Not yet: ") and all(w in text for w in words)


CHECKS = [exercises.which_require_grad, exercises.leaves, exercises.grads_of_a_and_b]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_placeholder_asks_for_an_answer(check):
    feedback = check(...)
    assert not feedback.correct
    assert "replace the ..." in repr(feedback)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_every_check_has_a_docstring(check):
    assert check.__doc__ and check.__doc__.strip()


# which_require_grad: p = x * 2, q = x * w, r = net(x)

def test_require_grad_right_answer():
    assert exercises.which_require_grad([False, True, True]).correct
    assert exercises.which_require_grad((False, True, True)).correct


@pytest.mark.parametrize("answer, words", [
    ([True, True, True], ("p = x * 2", "neither requires grad")),
    ([False, False, True], ("q = x * w", "one input that requires grad is enough")),
    ([False, True, False], ("r = net(x)", "weight and bias")),
    ([False, False, False], ("q = x * w",)),
    ([False, True], ("three answers",)),
    ("False, True, True", ("three answers",)),
    ([0, 1, 1], ("True or False",)),
])
def test_require_grad_names_the_mistake(answer, words):
    assert says(exercises.which_require_grad(answer), *words)


def test_require_grad_is_not_fooled_by_tensors():
    flags = minigrad.tensor([False, True, True])
    assert says(exercises.which_require_grad(flags), "three answers")


# leaves: A direct, B = randn(...) * 0.01, C = ....to(float64), D = (...).requires_grad_()

@pytest.mark.parametrize("answer", ["AD", "ad", "A, D", ["A", "D"], ("d", "a"), {"A", "D"}])
def test_leaves_right_answer_in_any_spelling(answer):
    assert exercises.leaves(answer).correct


@pytest.mark.parametrize("answer, words", [
    ("ABD", ("* 0.01", "MulBackward0")),
    ("ABCD", ("* 0.01", "MulBackward0")),
    ("ACD", ("to(torch.float64)", "ToCopyBackward0")),
    ("A", ("left out D", "before anything required grad")),
    ("D", ("left out A", "made directly")),
    ("", ("left out A",)),
    ("AE", ("no tensor E",)),
    (3, ("letters",)),
    ([True, False, False, True], ("letters",)),
])
def test_leaves_names_the_mistake(answer, words):
    assert says(exercises.leaves(answer), *words)


# grads_of_a_and_b: c = a * b with a = 2 plain, b = 3 requiring grad

def test_grads_right_answer_as_numbers_and_tensors():
    assert exercises.grads_of_a_and_b((None, 2.0)).correct
    assert exercises.grads_of_a_and_b([None, 2]).correct
    assert exercises.grads_of_a_and_b((None, minigrad.tensor(2.0))).correct


def test_grads_right_answer_as_pytorch_tensors():
    torch = pytest.importorskip("torch", reason="checking torch tensors needs torch installed")
    assert exercises.grads_of_a_and_b((None, torch.tensor(2.0))).correct


@pytest.mark.parametrize("answer, words", [
    ((3.0, 2.0), ("a does not require grad", "stays None")),
    ((0.0, 2.0), ("None, not 0",)),
    ((None, None), ("b requires grad",)),
    ((None, 3.0), ("the other factor (2), not b itself (3)",)),
    ((None, 6.0), ("6 is c",)),
    ((None, 5.0), ("which is 2",)),
    ((None, [2.0, 2.0]), ("single number",)),
    ((2.0, None), ("a does not require grad",)),
    (2.0, ("two values",)),
])
def test_grads_names_the_mistake(answer, words):
    assert says(exercises.grads_of_a_and_b(answer), *words)


def test_grads_names_the_mistake_for_tensors_of_both_libraries():
    torch = pytest.importorskip("torch", reason="checking torch tensors needs torch installed")
    for lib in (minigrad, torch):
        assert says(exercises.grads_of_a_and_b((lib.tensor(3.0), lib.tensor(2.0))), "stays None")
        assert says(exercises.grads_of_a_and_b((lib.tensor(0.0), lib.tensor(2.0))),
                    "None, not 0")
        assert says(exercises.grads_of_a_and_b((None, lib.tensor(3.0))), "the other factor")
