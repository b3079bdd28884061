"""Lesson 12's checks name the first bug still in a model class and a training loop.

Each bug is planted alone in otherwise correct code, written as the lesson writes it (with
``torch``, ``nn`` and ``optim`` names bound to minigrad or to PyTorch), and the check must name
it; the bug-free pair must pass.
"""
import textwrap

import pytest

import minigrad
from minigrad.exercises import PLACEHOLDER, lesson12

try:
    import torch
except ImportError:  # the checks are tested on minigrad alone
    torch = None

LIBRARIES = [minigrad] + ([torch] if torch is not None else [])
LIBRARY_IDS = [lib.__name__ for lib in LIBRARIES]
CHECKS = [lesson12.model_bugs, lesson12.training_loop_bugs, lesson12.which_bugs_remain]

MODEL = '''
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(2, 4), nn.Linear(4, 4)])
        self.head = nn.Linear(4, 2)
        self.summary = torch.zeros(4)

    def forward(self, x):
        h = torch.tanh(self.layers[0](x))
        h = torch.tanh(self.layers[1](h))
        self.summary = (0.9 * self.summary + 0.1 * h.mean(0)).detach()
        return self.head(h + self.summary)
'''
TRAIN = '''
def train(model, inputs, labels, steps):
    optimizer = optim.SGD(model.parameters(), lr=0.5)
    losses = []
    for step in range(steps):
        optimizer.zero_grad()
        logits = model(inputs)
        loss = nn.functional.cross_entropy(logits, labels)
        loss.backward()
        optimizer.step()
        losses.append(round(loss.item(), 2))
    return losses
'''
MODEL_BUGS = {  # bug: (the correct line, the buggy line, words the feedback must contain)
    "python-list": ("nn.ModuleList([nn.Linear(2, 4), nn.Linear(4, 4)])",
                    "[nn.Linear(2, 4), nn.Linear(4, 4)]", "Python list"),
    "detach-in-forward": ("h = torch.tanh(self.layers[1](h))",
                          "h = torch.tanh(self.layers[1](h)).detach()", "cuts them off"),
    "carried-graph": ("(0.9 * self.summary + 0.1 * h.mean(0)).detach()",
                      "0.9 * self.summary + 0.1 * h.mean(0)", "graph a second time"),
    "changed-model": ("self.head(h + self.summary)", "self.head(h)", "not as the lesson's"),
}
LOOP_BUGS = {
    "no-grad-forward": ("logits = model(inputs)",
                        "with torch.no_grad():\n            logits = model(inputs)",
                        "runs under torch.no_grad()"),
    "frozen-head": ("losses = []",
                    "model.head.requires_grad_(False)\n    losses = []", "frozen by mistake"),
    "all-frozen": ("losses = []", "model.requires_grad_(False)\n    losses = []",
                   "every parameter is frozen"),
    "no-zero-grad": ("optimizer.zero_grad()", "pass", "never cleared"),
    "other-lr": ("lr=0.5", "lr=0.1", "differ from a correct run"),
}


def define(lib, source, name):
    """``name`` from ``source`` run where torch, nn and optim are ``lib``'s, as in a lesson."""
    namespace = {"torch": lib, "nn": lib.nn, "optim": lib.optim}
    exec(textwrap.dedent(source), namespace)
    return namespace[name]


def model_with(lib, bug=None):
    good, bad, _ = MODEL_BUGS[bug] if bug else ("", "", "")
    return define(lib, MODEL.replace(good, bad), "Classifier")


def train_with(lib, bug=None):
    good, bad, _ = LOOP_BUGS[bug] if bug else ("", "", "")
    return define(lib, TRAIN.replace(good, bad), "train")


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_placeholder_asks_for_an_answer(check):
    feedback = check(...)
    assert not feedback and repr(feedback) == PLACEHOLDER


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_every_check_has_a_docstring(check):
    assert check.__doc__ and check.__doc__.strip()


@pytest.mark.parametrize("bug", [*MODEL_BUGS, *LOOP_BUGS])
def test_every_planted_bug_changes_the_code(bug):
    good, bad, _ = {**MODEL_BUGS, **LOOP_BUGS}[bug]
    assert good in MODEL + TRAIN and bad != good


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_the_bug_free_pair_passes_every_check(lib):
    classifier, train = model_with(lib), train_with(lib)
    assert lesson12.model_bugs(classifier)
    assert lesson12.training_loop_bugs(train)
    feedback = lesson12.which_bugs_remain((classifier, train))
    assert feedback and "8 of 8 points" in repr(feedback), repr(feedback)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
@pytest.mark.parametrize("bug", MODEL_BUGS)
def test_model_bugs_names_each_bug(lib, bug):
    words = MODEL_BUGS[bug][2]
    feedback = lesson12.model_bugs(model_with(lib, bug))
    assert not feedback and words in repr(feedback), repr(feedback)
    feedback = lesson12.which_bugs_remain((model_with(lib, bug), train_with(lib)))
    assert not feedback and words in repr(feedback), repr(feedback)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
@pytest.mark.parametrize("bug", LOOP_BUGS)
def test_training_loop_bugs_names_each_bug(lib, bug):
    words = LOOP_BUGS[bug][2]
    feedback = lesson12.training_loop_bugs(train_with(lib, bug))
    assert not feedback and words in repr(feedback), repr(feedback)
    feedback = lesson12.which_bugs_remain((model_with(lib), train_with(lib, bug)))
    assert not feedback and words in repr(feedback), repr(feedback)


@pytest.mark.parametrize("lib", LIBRARIES, ids=LIBRARY_IDS)
def test_the_lessons_buggy_pair_names_the_list_first_then_no_grad(lib):
    classifier_source = MODEL
    for bug in ("python-list", "detach-in-forward", "carried-graph"):
        good, bad, _ = MODEL_BUGS[bug]
        classifier_source = classifier_source.replace(good, bad)
    classifier = define(lib, classifier_source, "Classifier")
    train_source = TRAIN
    for bug in ("no-grad-forward", "frozen-head", "no-zero-grad"):
        good, bad, _ = LOOP_BUGS[bug]
        train_source = train_source.replace(good, bad)
    train = define(lib, train_source, "train")
    assert "Python list" in repr(lesson12.which_bugs_remain((classifier, train)))
    assert "torch.no_grad()" in repr(lesson12.which_bugs_remain((model_with(lib), train)))


@pytest.mark.parametrize("answer", [None, 3, "Classifier"])
def test_model_bugs_asks_for_the_class(answer):
    feedback = lesson12.model_bugs(answer)
    assert not feedback and "the class itself" in repr(feedback)


def test_model_bugs_refuses_an_instance():
    feedback = lesson12.model_bugs(model_with(minigrad)())
    assert not feedback and "the class itself" in repr(feedback)


@pytest.mark.parametrize("answer", [None, 3, minigrad.nn.Linear])
def test_training_loop_bugs_asks_for_the_function(answer):
    feedback = lesson12.training_loop_bugs(answer)
    assert not feedback and "the training function itself" in repr(feedback)


@pytest.mark.parametrize("answer", [None, (1, 2), [None, None]])
def test_which_bugs_remain_asks_for_the_pair(answer):
    feedback = lesson12.which_bugs_remain(answer)
    assert not feedback and "the pair (Classifier, train)" in repr(feedback)
