"""Checks for lesson 12 · Capstone: debug a training loop.

The checks run the learner's model class and training function on the lesson's small problem
(eight points, two classes, fixed starting weights) and name the first bug still present:
a Python list of layers, a ``detach()`` that cuts layers off, a summary tensor that carries
the graph from one step to the next, a forward pass under ``no_grad``, a layer frozen by
mistake, a forgotten ``zero_grad()``. They work with minigrad and with PyTorch: the library is
the one the learner's code uses.
"""
from __future__ import annotations

import sys

from ..translations import translate
from . import Feedback, close, correct, is_placeholder, not_yet, placeholder, predict

__all__ = ["model_bugs", "predict", "training_loop_bugs", "which_bugs_remain"]

INPUTS = [[1.0, 2.0], [2.0, 1.0], [1.5, 1.5], [2.0, 2.0],
          [-1.0, -2.0], [-2.0, -1.0], [-1.5, -0.5], [0.5, -1.5]]
LABELS = [0, 0, 0, 0, 1, 1, 1, 1]
STEPS, LR = 20, 0.5
N_PARAMETERS = 6  # layers.0, layers.1 and head: a weight and a bias each


def init_weights(lib, model) -> None:
    """The lesson's starting weights: parameter i is ``linspace(-1, 1)`` times ``(-1) ** i``."""
    with lib.no_grad():
        for i, p in enumerate(model.parameters()):
            p.copy_(lib.linspace(-1.0, 1.0, p.numel()).reshape(p.shape) * (-1) ** i)


def reference_classifier(lib):
    """The bug-free model of the lesson, built from ``lib`` (minigrad or torch)."""
    nn = lib.nn

    class Classifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList([nn.Linear(2, 4), nn.Linear(4, 4)])
            self.head = nn.Linear(4, 2)
            self.summary = lib.zeros(4)

        def forward(self, x):
            h = lib.tanh(self.layers[0](x))
            h = lib.tanh(self.layers[1](h))
            self.summary = (0.9 * self.summary + 0.1 * h.mean(0)).detach()
            return self.head(h + self.summary)

    return Classifier


def reference_train(lib, model, inputs, labels, steps=STEPS, zero_grad=True):
    """The bug-free loop (``zero_grad=False``: the same loop with the forgotten zero_grad)."""
    optimizer = lib.optim.SGD(model.parameters(), lr=LR)
    for _ in range(steps):
        if zero_grad:
            optimizer.zero_grad()
        loss = lib.nn.functional.cross_entropy(model(inputs), labels)
        loss.backward()
        optimizer.step()


def _problem(lib):
    return lib.tensor(INPUTS), lib.tensor(LABELS)


def _library_of_model(model):
    pytorch = any(type(p).__module__.startswith("torch") for p in model.parameters())
    return _torch() if pytorch else _minigrad()


def _library_of_function(fn):
    """The library a function's code calls ``torch``: minigrad in a lesson, or PyTorch."""
    lib = getattr(fn, "__globals__", {}).get("torch")
    return lib if hasattr(lib, "optim") and hasattr(lib, "nn") else _minigrad()


def _minigrad():
    return sys.modules["minigrad"]


def _torch():
    import torch

    return torch


def _weights(model) -> list:
    return [p.detach().tolist() for p in model.parameters()]


def _names(model, which) -> str:
    return ", ".join(name for name, p in model.named_parameters() if which(p))


def _run(fn):
    """``fn()``'s RuntimeError message, or None when it runs."""
    try:
        fn()
    except RuntimeError as error:
        return str(error)
    return None


def _model_problem(classifier):
    """The first bug of a model class (one sentence, translated), or None; also the library
    it uses."""
    model = classifier()
    lib = _library_of_model(model)
    if len(list(model.parameters())) < N_PARAMETERS:
        return lib, translate("model.parameters() sees only {names}: layers kept in a Python "
                              "list are not registered, so no optimizer trains them; use "
                              "nn.ModuleList.", names=_names(model, lambda p: True))
    init_weights(lib, model)
    inputs, labels = _problem(lib)

    def one_step():
        model.zero_grad()
        lib.nn.functional.cross_entropy(model(inputs), labels).backward()

    error = _run(one_step)
    if error is None:
        missing = _names(model, lambda p: p.requires_grad and p.grad is None)
        if missing:
            return lib, translate("{missing} get no gradient: a detach() in forward cuts them "
                                  "off from the loss; detach only what is carried to the next "
                                  "step.", missing=missing)
        error = _run(one_step)
    if error is not None and "second time" in error:
        return lib, translate("the second step raises 'Trying to backward through the graph a "
                              "second time': self.summary carries the first step's graph into "
                              "the next; detach it when you store it.")
    if error is not None:
        return lib, translate("one training step raises: {error}", error=error.splitlines()[0])
    fresh = classifier()
    init_weights(lib, fresh)
    reference = reference_classifier(lib)()
    init_weights(lib, reference)
    reference_train(lib, fresh, inputs, labels)
    reference_train(lib, reference, inputs, labels)
    if not close(_weights(fresh), _weights(reference)):
        return lib, translate("the model trains, but not as the lesson's does: keep its "
                              "computation as it was (tanh, the summary, the head) and change "
                              "only the bugs.")
    return lib, None


def _loop_problem(train, classifier, lib):
    """The first bug of a training function run on ``classifier()`` (one sentence,
    translated), or None."""
    inputs, labels = _problem(lib)
    model = classifier()
    init_weights(lib, model)
    error = _run(lambda: train(model, inputs, labels, STEPS))
    frozen = _names(model, lambda p: not p.requires_grad)
    if error is not None and "does not require grad" in error:
        if not _names(model, lambda p: p.requires_grad):
            return translate("every parameter is frozen, so the loss has no graph to go back "
                             "through.")
        return translate("backward raises 'element 0 of tensors does not require grad': the "
                         "forward pass runs under torch.no_grad(), so the loss has no graph; keep "
                         "no_grad for evaluation only.")
    if error is not None:
        return translate("train raises: {error}", error=error.splitlines()[0])
    if frozen:
        return translate("{frozen} ended with requires_grad=False: a layer frozen by mistake "
                         "never trains; remove the line that freezes it.", frozen=frozen)
    expected, accumulated = classifier(), classifier()
    for other, zero_grad in ((expected, True), (accumulated, False)):
        init_weights(lib, other)
        reference_train(lib, other, inputs, labels, zero_grad=zero_grad)
    if close(_weights(model), _weights(expected)):
        return None
    if close(_weights(model), _weights(accumulated)):
        return translate("the gradients are never cleared: without optimizer.zero_grad() each "
                         "step adds its gradient to all the earlier ones, and the steps grow.")
    return translate("the weights differ from a correct run of {steps} steps of SGD(lr={lr}) on "
                     "cross_entropy: keep the loop's steps, loss and optimizer as they were.",
                     steps=STEPS, lr=LR)


def model_bugs(answer):
    """The model class fixed: its layers registered, no detach() that cuts them off, and a
    summary that does not carry the graph from one step to the next."""
    if is_placeholder(answer):
        return placeholder()
    if not isinstance(answer, type):
        return not_yet("give the class itself (Classifier), not an instance or a function.")
    _, problem = _model_problem(answer)
    if problem is not None:
        return Feedback(False, problem)  # already in the learner's language
    return correct("every layer is registered, gets a gradient, and each step's graph ends "
                   "with the step.")


def training_loop_bugs(answer):
    """The training function fixed: no forward under no_grad, no frozen layer, and the
    gradients cleared every step; it is run on the bug-free model."""
    if is_placeholder(answer):
        return placeholder()
    if not callable(answer) or isinstance(answer, type):
        return not_yet("give the training function itself (train), called as "
                       "train(model, inputs, labels, steps).")
    lib = _library_of_function(answer)
    problem = _loop_problem(answer, reference_classifier(lib), lib)
    if problem is not None:
        return Feedback(False, problem)  # already in the learner's language
    return correct("on the bug-free model the loop gives exactly the weights of a correct "
                   "{steps}-step run.", steps=STEPS)


def which_bugs_remain(answer):
    """``(Classifier, train)``: the first bug still present in the pair, model first; the
    right answer trains to the same weights as the bug-free pair and classifies all 8 points.
    """
    if is_placeholder(answer):
        return placeholder()
    if not (isinstance(answer, tuple) and len(answer) == 2 and isinstance(answer[0], type)
            and callable(answer[1])):
        return not_yet("give the pair (Classifier, train): the class and the function.")
    classifier, train = answer
    lib, problem = _model_problem(classifier)
    if problem is None:
        problem = _loop_problem(train, classifier, lib)
    if problem is not None:
        return Feedback(False, problem)  # already in the learner's language
    model = classifier()
    init_weights(lib, model)
    inputs, labels = _problem(lib)
    train(model, inputs, labels, STEPS)
    with lib.no_grad():
        right = int((model(inputs).argmax(1) == labels).sum().item())
    return correct("no bug left: every layer trains, each step starts from fresh gradients, "
                   "and the model classifies {right} of {total} points.", right=right,
                   total=len(LABELS))
