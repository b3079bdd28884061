"""Lesson 09's checks recognise the right answer and name the typical mistakes."""
import pytest

import minigrad
from minigrad.exercises import PLACEHOLDER, lesson09

try:
    import torch
except ImportError:  # the checks are tested on minigrad modules alone
    torch = None

LIBRARIES = [minigrad] + ([torch] if torch is not None else [])
LIBRARY_IDS = [lib.__name__ for lib in LIBRARIES]
CHECKS = [lesson09.parameter_names, lesson09.state_dict_keys, lesson09.registered_stack]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_placeholder_asks_for_an_answer(check):
    feedback = check(...)
    assert not feedback and repr(feedback) == PLACEHOLDER


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_every_check_has_a_docstring(check):
    assert check.__doc__ and check.__doc__.strip()


def tagger(lib):
    """The lesson's Tagger, built with either library."""
    nn = lib.nn

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = nn.Parameter(lib.ones(3, 2))
            self.scale = nn.Parameter(lib.ones(1), requires_grad=False)
            self.heads = [nn.Linear(2, 2)]
            self.out = nn.Linear(2, 1)
            self.register_buffer("count", lib.zeros(1))
            self.last = lib.zeros(2)

    return Tagger()


# -- exercise 1: which names are parameters ------------------------------------------------------

@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_parameter_names_accepts_what_either_library_lists(lib):
    names = [name for name, _ in tagger(lib).named_parameters()]
    assert lesson09.parameter_names(names)
    assert lesson09.parameter_names(tuple(reversed(names)))


@pytest.mark.parametrize("answer, mistake", [
    (["embed", "scale", "out.weight", "out.bias", "count"], "count is a buffer"),
    (["embed", "scale", "out.weight", "out.bias", "heads.0.weight", "heads.0.bias"],
     "heads is a Python list"),
    (["embed", "scale", "out.weight", "out.bias", "last"], "last is a plain tensor"),
    (["embed", "scale", "out"], "out is a sub-module"),
    (["embed", "out.weight", "out.bias"], "frozen, but still a registered parameter"),
    (["embed"], "list every Parameter"),
    ("embed, scale", "give a list of names"),
    ([1, 2], "give a list of names"),
])
def test_parameter_names_names_the_mistake(answer, mistake):
    feedback = lesson09.parameter_names(answer)
    assert not feedback and mistake in repr(feedback), repr(feedback)


# -- exercise 2: what a state_dict holds ---------------------------------------------------------

@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_state_dict_keys_accepts_either_library_state_dict(lib):
    state = tagger(lib).state_dict()
    assert lesson09.state_dict_keys(list(state))
    assert lesson09.state_dict_keys(state)  # the dict itself: its keys are the answer


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_state_dict_keys_names_a_forgotten_buffer(lib):
    names = [name for name, _ in tagger(lib).named_parameters()]
    feedback = lesson09.state_dict_keys(names)
    assert not feedback and "count is missing" in repr(feedback)


@pytest.mark.parametrize("answer, mistake", [
    (["embed", "scale", "out.weight", "out.bias", "count", "last"], "last is a plain tensor"),
    (["embed", "scale", "out.weight", "out.bias", "count", "heads.0.weight"],
     "heads is a Python list"),
    (["embed", "out.weight", "out.bias", "count"], "frozen, but still a registered parameter"),
    (["embed", "scale", "out", "count"], "out is a sub-module"),
    (["embed", "count"], "parameters (frozen too) and the buffers"),
    (None, "give a list of keys"),
])
def test_state_dict_keys_names_the_mistake(answer, mistake):
    feedback = lesson09.state_dict_keys(answer)
    assert not feedback and mistake in repr(feedback), repr(feedback)


# -- exercise 3: a Stack whose layers are registered ---------------------------------------------

def stack(lib, wrap):
    nn = lib.nn

    class Stack(nn.Module):
        def __init__(self, layers):
            super().__init__()
            self.layers = layers

    return Stack(wrap([nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1)]))


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
@pytest.mark.parametrize("wrap", ["ModuleList", "Sequential"])
def test_registered_stack_accepts_a_module_list_or_sequential(lib, wrap):
    container = getattr(lib.nn, wrap)
    model = stack(lib, lambda layers: container(layers) if wrap == "ModuleList"
                  else container(*layers))
    feedback = lesson09.registered_stack(model)
    assert feedback and "layers.0.weight" in repr(feedback), repr(feedback)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_registered_stack_names_a_python_list(lib):
    feedback = lesson09.registered_stack(stack(lib, list))
    assert not feedback and "wrap the list in nn.ModuleList" in repr(feedback)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_registered_stack_counts_a_partly_registered_model(lib):
    model = stack(lib, list)
    model.last = model.layers[2]  # only the last layer registered
    feedback = lesson09.registered_stack(model)
    assert not feedback and "would get 2 tensors" in repr(feedback), repr(feedback)


@pytest.mark.parametrize("answer", [[1, 2, 3], 4, "ModuleList"])
def test_registered_stack_asks_for_a_model(answer):
    feedback = lesson09.registered_stack(answer)
    assert not feedback and "give a model" in repr(feedback)
