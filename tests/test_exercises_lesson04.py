"""Lesson 04's checks name the typical mistake behind each wrong answer."""
import pytest

import minigrad
from minigrad.exercises import PLACEHOLDER, lesson04

torch = pytest.importorskip("torch", reason="the checks take PyTorch tensors too (CI has torch)")
LIBRARIES = [minigrad, torch]


def says(feedback, *words):
    """The feedback is a 'Not yet' that contains every one of ``words``."""
    text = repr(feedback)
    assert not feedback.correct, text
    assert text.startswith("Not yet: "), text
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"


@pytest.mark.parametrize("check", [lesson04.grad_after_two_backwards,
                                   lesson04.grad_of_reused_weight,
                                   lesson04.microbatch_divisor])
def test_the_placeholder_asks_for_an_answer(check):
    feedback = check(...)
    assert not feedback.correct
    assert repr(feedback) == PLACEHOLDER


def test_the_lesson_module_offers_predict():
    assert "Predict:" in repr(lesson04.predict("q?", "a", "b"))


# grad_after_two_backwards: w has four elements, d = torch.mean(w), d.backward() twice

@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_two_backwards_accepts_the_real_gradient(lib):
    w = lib.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    d = lib.mean(w)
    d.backward()
    d.backward()
    feedback = lesson04.grad_after_two_backwards(w.grad)
    assert feedback.correct, repr(feedback)
    assert repr(feedback).startswith("Correct! ")


@pytest.mark.parametrize("answer", [0.5, [0.5, 0.5, 0.5, 0.5], (0.5, 0.5, 0.5, 0.5)])
def test_two_backwards_accepts_a_number_or_a_list(answer):
    assert lesson04.grad_after_two_backwards(answer).correct


@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_two_backwards_names_one_backward(lib):
    says(lesson04.grad_after_two_backwards(lib.full((4,), 0.25)), "one backward()", "adds")


@pytest.mark.parametrize("answer", [2 / 3, [1 / 3] * 4])
def test_two_backwards_names_the_posts_numbers(answer):
    says(lesson04.grad_after_two_backwards(answer), "post's numbers", "1/4")


def test_two_backwards_names_expecting_a_reset():
    says(lesson04.grad_after_two_backwards([0, 0, 0, 0]), "nothing reset")


def test_two_backwards_names_expecting_an_error():
    says(lesson04.grad_after_two_backwards(None), "saved no tensors")


def test_two_backwards_names_forgetting_the_division():
    says(lesson04.grad_after_two_backwards(2.0), "1/4 per entry")


def test_two_backwards_says_there_are_four_entries():
    says(lesson04.grad_after_two_backwards([0.5, 0.5, 0.5]), "four entries, not 3")


def test_two_backwards_says_all_entries_are_the_same():
    says(lesson04.grad_after_two_backwards([0.1, 0.2, 0.3, 0.4]), "same number")


def test_two_backwards_answers_anything_else_with_the_rule():
    says(lesson04.grad_after_two_backwards(0.3), "add up")


# grad_of_reused_weight: y = w * w + 3 * w at w = 2

@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_reused_weight_accepts_the_real_gradient(lib):
    w = lib.tensor(2.0, requires_grad=True)
    (w * w + 3 * w).backward()
    assert lesson04.grad_of_reused_weight(w.grad).correct


def test_reused_weight_accepts_a_number():
    assert lesson04.grad_of_reused_weight(7).correct


@pytest.mark.parametrize("answer, words", [
    (4, ("w * w part alone",)),
    (3, ("3 * w part alone",)),
    (5, ("uses w twice",)),
    (2, ("one factor",)),
    (10, ("y itself",)),
    (14, ("two backward passes",)),
    (1, ("w * w sends w twice",)),
])
def test_reused_weight_names_the_mistake(answer, words):
    says(lesson04.grad_of_reused_weight(answer), *words)


@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_reused_weight_names_a_path_left_out_in_a_tensor(lib):
    says(lesson04.grad_of_reused_weight(lib.tensor(4.0)), "w * w part alone")


def test_reused_weight_says_it_is_one_number():
    says(lesson04.grad_of_reused_weight([4, 3]), "one number")


# microbatch_divisor: 8 samples, 4 micro-batches of 2, each loss a mean

@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_divisor_accepts_four_as_a_number_or_a_tensor(lib):
    assert lesson04.microbatch_divisor(4).correct
    assert lesson04.microbatch_divisor(lib.tensor(4.0)).correct


@pytest.mark.parametrize("answer, words", [
    (1, ("4 times",)),
    (8, ("already a mean", "half")),
    (2, ("micro-batch size", "twice")),
    (0.25, ("16 times",)),
    (3, ("number of micro-batches",)),
])
def test_divisor_names_the_mistake(answer, words):
    says(lesson04.microbatch_divisor(answer), *words)


def test_divisor_says_it_is_one_number():
    says(lesson04.microbatch_divisor([4, 4]), "one number")
