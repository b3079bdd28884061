"""A classifier's training step: MLP 784-256-10 on batches of 128, cross-entropy, SGD.

Here the matrix products dominate, so an autograd's bookkeeping should vanish beside them:
minigrad's target is 1.10× the hand-written NumPy step. minigrad and PyTorch call
``nn.functional.cross_entropy``; MyGrad and HIPS autograd use their own log-softmax; the floor
writes softmax-cross-entropy and its gradient ``(softmax - one_hot) / batch`` by hand.
"""
from __future__ import annotations

import itertools
from functools import partial

import numpy as np

from . import training
from .data import init_mlp, make_classification
from .engines import installed, label_of, sequential_mlp, sgd
from .report import Table, ratio_target

LR = 0.1
FULL = {"sizes": (784, 256, 10), "batch": 128, "batches": 10, "steps": 50, "repeats": 5}
SMOKE = {"sizes": (784, 32, 10), "batch": 16, "batches": 2, "steps": 3, "repeats": 1}


def batches_of(size: dict) -> list:
    X, labels = make_classification(size["batch"] * size["batches"], size["sizes"][0],
                                    size["sizes"][-1])
    return [(X[i:i + size["batch"]], labels[i:i + size["batch"]])
            for i in range(0, len(labels), size["batch"])]


def numpy_floor(batches, params, steps):
    """Forward, softmax-cross-entropy and backward written by hand."""
    params = [p.copy() for p in params]

    def run() -> float:
        loss = None
        for step in range(steps):
            X, labels = batches[step % len(batches)]
            w1, b1, w2, b2 = params
            h_pre = X @ w1 + b1
            h = np.maximum(h_pre, 0)
            logits = h @ w2 + b2
            shifted = logits - logits.max(axis=1, keepdims=True)
            log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
            rows = np.arange(len(labels))
            loss = -log_probs[rows, labels].mean()
            # backward by hand: d loss / d logits = (softmax - one_hot) / batch
            d_logits = np.exp(log_probs)
            d_logits[rows, labels] -= 1
            d_logits /= len(labels)
            d_h = (d_logits @ w2.T) * (h_pre > 0)
            grads = [X.T @ d_h, d_h.sum(0), h.T @ d_logits, d_logits.sum(0)]
            for p, g in zip(params, grads, strict=True):
                p -= LR * g
        return float(loss)

    return run


def cross_entropy_loss(engine, params, batch):
    """The model and loss, written once for every engine."""
    X, labels = batch
    w1, b1, w2, b2 = params
    h = engine.relu(X @ w1 + b1)
    return engine.cross_entropy(h @ w2 + b2, labels)


def engine_case(engine, batches, params, steps):
    batch = itertools.cycle([(engine.constant(X), engine.constant(y)) for X, y in batches])
    leaves = [engine.leaf(p) for p in params]

    def loss_fn(params):
        return cross_entropy_loss(engine, params, next(batch))

    return partial(training.loop, engine, loss_fn, leaves, steps, lambda step: LR)


def layers_case(engine, batches, params, steps):
    """``nn.Sequential(nn.Linear, nn.ReLU, nn.Linear)``, ``F.cross_entropy``, ``optim.SGD``."""
    model = sequential_mlp(engine, params)
    batch = itertools.cycle([(engine.constant(X), engine.constant(y)) for X, y in batches])

    def loss_fn(model):
        X, labels = next(batch)
        return engine.lib.nn.functional.cross_entropy(model(X), labels)

    optimizer = sgd(engine, model.parameters(), lr=LR)
    return partial(training.layers_loop, model, optimizer, loss_fn, steps, lambda step: LR)


BYTES_PER_VALUE = 700  # a micrograd Value made by an op, measured with tracemalloc


def micrograd_reason(size: dict) -> str:
    """Why micrograd sits this one out: one Python object per multiply and per add."""
    sizes, batch = size["sizes"], size["batch"]
    nodes = 2 * batch * sum(a * b for a, b in itertools.pairwise(sizes))
    return (f"not run: micrograd builds one Value per scalar multiply and add: "
            f"{nodes / 1e6:.1f} million per step, a graph of about "
            f"{nodes * BYTES_PER_VALUE / 1e9:.1f} GB")


def run(smoke: bool = False) -> Table:
    size = SMOKE if smoke else FULL
    steps = size["steps"]
    batches = batches_of(size)
    params = init_mlp(size["sizes"])
    engines, missing = installed()
    micrograd = training.Entry("micrograd", engines["micrograd"].label if "micrograd" in engines
                               else label_of("micrograd"), None, steps,
                               reason=micrograd_reason(size))
    found = training.entries(
        engines, missing, steps, partial(numpy_floor, batches, params, steps),
        lambda e: partial(engine_case, e, batches, params, steps),
        lambda e: partial(layers_case, e, batches, params, steps), micrograd)
    sizes = "-".join(map(str, size["sizes"]))
    table = Table(
        "mlp",
        f"MLP: {sizes}, batch {size['batch']}, cross-entropy, {steps} SGD steps, "
        f"median of {size['repeats']}",
        training.COLUMNS, training.measure(found, size["repeats"]))
    table.notes.append(f"{size['batches']} batches in turn; same initial weights everywhere")
    table.targets = [ratio_target(
        "minigrad ≤ 1.10× the NumPy floor per step", table.value("minigrad", "ms_per_step"),
        table.value("floor", "ms_per_step"), 1.10, "ms")]
    return table
