"""Lesson 03's checks name the typical mistake behind each wrong answer."""
import pytest

import minigrad
from minigrad.exercises import PLACEHOLDER, lesson03

torch = pytest.importorskip("torch", reason="the checks take PyTorch tensors too (CI has torch)")
LIBRARIES = [minigrad, torch]
THIRD = 1 / 3


def says(feedback, *words):
    """The feedback is a 'Not yet' that contains every one of ``words``."""
    text = repr(feedback)
    assert not feedback.correct, text
    assert text.startswith("Not yet: "), text
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"


@pytest.mark.parametrize("check", [lesson03.grad_of_first_row,
                                   lesson03.vector_jacobian_product,
                                   lesson03.gradient_for_mean])
def test_the_placeholder_asks_for_an_answer(check):
    feedback = check(...)
    assert not feedback.correct
    assert repr(feedback) == PLACEHOLDER


def test_the_lesson_module_offers_predict():
    assert "Predict:" in repr(lesson03.predict("q?", "a", "b"))


# grad_of_first_row: w is 2x3, the loss is torch.mean(w[0])

@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_first_row_accepts_the_real_gradient_as_a_tensor(lib):
    w = lib.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
    lib.mean(w[0]).backward()
    feedback = lesson03.grad_of_first_row(w.grad)
    assert feedback.correct, repr(feedback)
    assert repr(feedback).startswith("Correct! ")


def test_first_row_accepts_a_nested_list():
    assert lesson03.grad_of_first_row([[THIRD, THIRD, THIRD], [0, 0, 0]]).correct


@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_first_row_names_swapped_rows(lib):
    swapped = lib.tensor([[0.0, 0.0, 0.0], [THIRD, THIRD, THIRD]])
    says(lesson03.grad_of_first_row(swapped), "w1[1]", "first row")


def test_first_row_names_an_unused_row_that_got_a_gradient():
    says(lesson03.grad_of_first_row([[THIRD] * 3] * 2), "never used", "0")


@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_first_row_names_the_mean_over_all_six(lib):
    says(lesson03.grad_of_first_row(lib.full((2, 3), 1 / 6)), "1/6", "all six")


def test_first_row_names_the_gradient_of_the_row_alone():
    says(lesson03.grad_of_first_row([THIRD, THIRD, THIRD]), "w[0] alone", "2x3")


@pytest.mark.parametrize("answer", [THIRD, 0.0])
def test_first_row_says_a_single_number_is_not_enough(answer):
    says(lesson03.grad_of_first_row(answer), "not one number")


def test_first_row_answers_anything_else_with_the_shape():
    says(lesson03.grad_of_first_row([[1, 1, 1], [0, 0, 0]]), "2x3")


# vector_jacobian_product: y = x[:2] * x[1:] at x = [1, 2, 3], v = [3, 1]

@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_vjp_accepts_the_real_gradient_as_a_tensor(lib):
    x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    (x[:2] * x[1:]).backward(lib.tensor([3.0, 1.0]))
    assert lesson03.vector_jacobian_product(x.grad).correct


def test_vjp_accepts_a_list():
    assert lesson03.vector_jacobian_product([6, 6, 2]).correct


@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_vjp_names_the_sum_of_the_rows(lib):
    says(lesson03.vector_jacobian_product(lib.tensor([2.0, 4.0, 2.0])), "ones_like")


def test_vjp_names_a_forgotten_second_output():
    says(lesson03.vector_jacobian_product([6, 3, 0]), "first row of J only")


@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_vjp_names_v_itself(lib):
    says(lesson03.vector_jacobian_product(lib.tensor([3.0, 1.0])), "v is what you pass in")


def test_vjp_names_y_times_v():
    says(lesson03.vector_jacobian_product([6.0, 6.0]), "y * v")


def test_vjp_names_weights_the_wrong_way_round():
    says(lesson03.vector_jacobian_product([2, 10, 6]), "by 3")


@pytest.mark.parametrize("answer", [[1.0, 2.0, 3.0, 4.0], [0.0]])
def test_vjp_says_x_grad_has_three_numbers(answer):
    says(lesson03.vector_jacobian_product(answer), "three numbers")


def test_vjp_answers_anything_else_with_the_rule():
    says(lesson03.vector_jacobian_product([1, 1, 1]), "v @ J")


# gradient_for_mean: y has four elements

@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_mean_accepts_quarters_as_a_tensor(lib):
    assert lesson03.gradient_for_mean(lib.full((4,), 0.25)).correct


def test_mean_accepts_a_list():
    assert lesson03.gradient_for_mean([0.25, 0.25, 0.25, 0.25]).correct


@pytest.mark.parametrize("lib", LIBRARIES, ids=lambda m: m.__name__)
def test_mean_names_ones_as_the_sum(lib):
    says(lesson03.gradient_for_mean(lib.ones(4)), "y.sum()")


def test_mean_names_multiplying_instead_of_dividing():
    says(lesson03.gradient_for_mean([4, 4, 4, 4]), "1/4, not 4")


@pytest.mark.parametrize("answer", [0.25, "tensor"])
def test_mean_names_a_single_quarter_as_the_wrong_shape(answer):
    if answer == "tensor":
        answer = torch.tensor(0.25)
    says(lesson03.gradient_for_mean(answer), "Mismatch in shape")


def test_mean_says_a_single_other_number_needs_y_shape():
    says(lesson03.gradient_for_mean(1.0), "four numbers")


def test_mean_says_the_length_must_be_four():
    says(lesson03.gradient_for_mean([0.25, 0.25]), "four numbers")


def test_mean_answers_anything_else_with_a_hint():
    says(lesson03.gradient_for_mean([0.1, 0.2, 0.3, 0.4]), "y_i / 4")
