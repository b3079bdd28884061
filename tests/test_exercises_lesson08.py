"""Lesson 08's checks recognise the right answer and name the typical mistakes."""
import pytest

import minigrad
from minigrad.exercises import PLACEHOLDER, lesson08

try:
    import torch
except ImportError:  # the checks are tested on minigrad tensors alone
    torch = None

LIBRARIES = [minigrad] + ([torch] if torch is not None else [])
LIBRARY_IDS = [lib.__name__ for lib in LIBRARIES]
CHECKS = [lesson08.features_for_training, lesson08.requires_grad_in_four_cases,
          lesson08.running_mean_after_no_grad]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_placeholder_asks_for_an_answer(check):
    feedback = check(...)
    assert not feedback and repr(feedback) == PLACEHOLDER


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_every_check_has_a_docstring(check):
    assert check.__doc__ and check.__doc__.strip()


# -- exercise 1: features made under inference_mode ---------------------------------------------

def inference_features(lib):
    with lib.inference_mode():
        return lib.tensor([[1.0, 2.0], [3.0, 4.0]]) * 2


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_features_accepts_a_clone_from_either_library(lib):
    feats = inference_features(lib)
    assert lesson08.features_for_training(feats.clone())
    assert lesson08.features_for_training(feats.clone().requires_grad_())
    assert lesson08.features_for_training(feats + 0)  # an op outside the mode: a normal tensor


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
@pytest.mark.parametrize("make", [lambda f: f, lambda f: f.detach(), lambda f: f[:]],
                         ids=["itself", "detach", "view"])
def test_features_names_a_tensor_that_is_still_an_inference_tensor(lib, make):
    feedback = lesson08.features_for_training(make(inference_features(lib)))
    assert not feedback and "still an inference tensor" in repr(feedback)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_features_names_changed_values(lib):
    feedback = lesson08.features_for_training(inference_features(lib).clone() * 0)
    assert not feedback and "the values changed" in repr(feedback)


@pytest.mark.parametrize("answer", [[[2.0, 4.0], [6.0, 8.0]], 2.0, None])
def test_features_asks_for_a_tensor(answer):
    feedback = lesson08.features_for_training(answer)
    assert not feedback and "give a tensor" in repr(feedback)


# -- exercise 2: requires_grad in the four cases ----------------------------------------------

@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_four_cases_accepts_what_either_library_computes(lib):
    lin = lib.nn.Linear(2, 1)
    inputs = lib.ones(1, 2)
    answer = []
    for grad in (True, False):
        for mode in ("train", "eval"):
            getattr(lin, mode)()
            with lib.set_grad_enabled(grad):
                answer.append(lin(inputs).requires_grad)
    assert lesson08.requires_grad_in_four_cases(answer)
    assert lesson08.requires_grad_in_four_cases(tuple(answer))


@pytest.mark.parametrize("answer, mistake", [
    ([True, False, False, False], "eval() does not switch autograd off"),
    ([True, False, True, False], "swaps the two switches"),
    ([True, True, True, True], "inside torch.no_grad() no result requires grad"),
    ([True, True, False, True], "inside torch.no_grad() no result requires grad"),
    ([False, False, False, False], "with grad enabled the output requires grad"),
    ([True, True, False], "four booleans"),
    ([1, 1, 0, 0], "four booleans"),
    ("TTFF", "four booleans"),
])
def test_four_cases_names_the_mistake(answer, mistake):
    feedback = lesson08.requires_grad_in_four_cases(answer)
    assert not feedback and mistake in repr(feedback), repr(feedback)


# -- exercise 3: BatchNorm's running mean under no_grad ------------------------------------------

@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_running_mean_accepts_the_buffer_from_either_library(lib):
    bn = lib.nn.BatchNorm1d(2)
    with lib.no_grad():
        bn(lib.tensor([[2.0, 0.0], [4.0, 2.0]]))
    feedback = lesson08.running_mean_after_no_grad(bn.running_mean)
    assert feedback and "no_grad does not stop BatchNorm" in repr(feedback)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_running_mean_names_the_belief_that_no_grad_freezes_statistics(lib):
    feedback = lesson08.running_mean_after_no_grad(lib.nn.BatchNorm1d(2).running_mean)
    assert not feedback and "only eval() stops that" in repr(feedback)


@pytest.mark.parametrize("answer, mistake", [
    ([3.0, 1.0], "the batch mean"),
    ([2.7, 0.9], "the other way round"),
    ([0.5, 0.5], "0.9 · old + 0.1 · batch mean"),
    ([0.3], "two numbers"),
    (0.3, "two numbers"),
])
def test_running_mean_names_the_mistake(answer, mistake):
    feedback = lesson08.running_mean_after_no_grad(answer)
    assert not feedback and mistake in repr(feedback), repr(feedback)
