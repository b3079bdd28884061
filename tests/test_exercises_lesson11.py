"""Lesson 11's checks recognise the right answer and name the typical mistakes."""
import pytest

import minigrad
from minigrad.exercises import PLACEHOLDER, lesson11

try:
    import torch
except ImportError:  # the checks are tested on minigrad tensors alone
    torch = None

LIBRARIES = [minigrad] + ([torch] if torch is not None else [])
LIBRARY_IDS = [lib.__name__ for lib in LIBRARIES]
CHECKS = [lesson11.fine_tuning_optimizer, lesson11.frozen_weight_after_weight_decay,
          lesson11.which_layers_get_grads]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_placeholder_asks_for_an_answer(check):
    feedback = check(...)
    assert not feedback and repr(feedback) == PLACEHOLDER


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_every_check_has_a_docstring(check):
    assert check.__doc__ and check.__doc__.strip()


# -- which layers get a .grad when the middle one is frozen ------------------------------------

def deep_after_backward(lib, frozen):
    nn = lib.nn
    deep = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))
    for i in frozen:
        deep[i].requires_grad_(False)
    deep(lib.ones(3, 2)).sum().backward()
    return [deep[i].weight.grad is not None for i in (0, 2, 4)]


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_grads_accepts_what_either_library_computes(lib):
    feedback = lesson11.which_layers_get_grads(deep_after_backward(lib, frozen=[2]))
    assert feedback and "goes through it" in repr(feedback)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_grads_names_a_layer_left_unfrozen(lib):
    feedback = lesson11.which_layers_get_grads(deep_after_backward(lib, frozen=[]))
    assert not feedback and "stays None" in repr(feedback)


@pytest.mark.parametrize("answer, mistake", [
    ([False, False, True], "does not cut the graph"),
    ((False, False, True), "does not cut the graph"),
    ([True, True, True], "stays None"),
    ([False, False, False], "layers 0 and 4 still require grad"),
    ([True, False, False], "layers 0 and 4 still require grad"),
    ([True, False], "three booleans"),
    ([1, 0, 1], "three booleans"),
    ("TFT", "three booleans"),
])
def test_grads_names_the_mistake(answer, mistake):
    feedback = lesson11.which_layers_get_grads(answer)
    assert not feedback and mistake in repr(feedback), repr(feedback)


# -- a frozen weight with a zero grad, stepped with weight decay -------------------------------

@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_weight_decay_accepts_the_stepped_parameter_from_either_library(lib):
    w = lib.nn.Parameter(lib.tensor([1.0, -2.0]))
    w.grad = lib.zeros(2)
    w.requires_grad = False
    lib.optim.SGD([w], lr=0.1, weight_decay=0.5).step()
    feedback = lesson11.frozen_weight_after_weight_decay(w)
    assert feedback and "zero tensor, not None" in repr(feedback)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_weight_decay_names_the_belief_that_frozen_means_untouched(lib):
    w = lib.nn.Parameter(lib.tensor([1.0, -2.0]))
    w.requires_grad = False  # .grad stays None: SGD skips it
    lib.optim.SGD([w], lr=0.1, weight_decay=0.5).step()
    feedback = lesson11.frozen_weight_after_weight_decay(w)
    assert not feedback and "only when its .grad is None" in repr(feedback)


@pytest.mark.parametrize("answer, mistake", [
    ([0.5, -1.0], "scaled by lr = 0.1"),
    ([1.05, -2.1], "the sign is the wrong way round"),
    ([0.9, -1.8], "w - 0.1 · (0 + 0.5 · w)"),
    ([0.95], "two numbers"),
    (0.95, "two numbers"),
])
def test_weight_decay_names_the_mistake(answer, mistake):
    feedback = lesson11.frozen_weight_after_weight_decay(answer)
    assert not feedback and mistake in repr(feedback), repr(feedback)


# -- an optimizer for fine-tuning --------------------------------------------------------------

class Net:
    """The lesson's network in either library: hidden = Linear(1, 10), predict = Linear(10, 1)."""

    def __init__(self, lib, hidden_frozen=False):
        self.hidden, self.predict = lib.nn.Linear(1, 10), lib.nn.Linear(10, 1)
        self.hidden.requires_grad_(not hidden_frozen)
        self.optim = lib.optim


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_fine_tuning_accepts_two_groups_in_either_order_and_add_param_group(lib):
    net = Net(lib)
    opt = net.optim.SGD([{"params": net.hidden.parameters(), "lr": 0.02},
                         {"params": net.predict.parameters()}], lr=0.2)
    assert lesson11.fine_tuning_optimizer(opt)
    net = Net(lib)
    opt = net.optim.SGD(net.predict.parameters(), lr=0.2)
    opt.add_param_group({"params": net.hidden.parameters(), "lr": 0.02})
    assert lesson11.fine_tuning_optimizer(opt)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
@pytest.mark.parametrize("build, frozen, mistake", [
    (lambda n: n.optim.SGD(n.predict.parameters(), lr=0.2), False, "hidden is not in the"),
    (lambda n: n.optim.SGD(n.hidden.parameters(), lr=0.02), False, "predict's parameters"),
    (lambda n: n.optim.SGD([*n.hidden.parameters(), *n.predict.parameters()], lr=0.2), False,
     "share one learning rate"),
    (lambda n: n.optim.SGD([{"params": n.hidden.parameters(), "lr": 0.2},
                            {"params": n.predict.parameters(), "lr": 0.02}], lr=0.2), False,
     "swapped"),
    (lambda n: n.optim.SGD([{"params": n.hidden.parameters(), "lr": 0.02},
                            {"params": n.predict.parameters()}], lr=0.2), True,
     "still frozen"),
    (lambda n: n.optim.SGD([{"params": n.hidden.parameters(), "lr": 0.01},
                            {"params": n.predict.parameters()}], lr=0.2), False,
     "should have lr=0.02"),
], ids=["head-only", "hidden-only", "one-group", "swapped", "still-frozen", "other-lr"])
def test_fine_tuning_names_the_mistake(lib, build, frozen, mistake):
    feedback = lesson11.fine_tuning_optimizer(build(Net(lib, hidden_frozen=frozen)))
    assert not feedback and mistake in repr(feedback), repr(feedback)


@pytest.mark.parametrize("answer", [0.02, [0.02, 0.2], None])
def test_fine_tuning_asks_for_the_optimizer(answer):
    feedback = lesson11.fine_tuning_optimizer(answer)
    assert not feedback and "the optimizer itself" in repr(feedback)
