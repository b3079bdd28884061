"""micrograd's demo task on every engine: an MLP 2-16-16-1 learns two moons.

Full batch of 100 points, max-margin loss ``mean(relu(1 - y * score))`` plus ``1e-4 * Σ p²``,
plain SGD with micrograd's learning-rate schedule. Every engine starts from the same weights,
so their losses must agree: the table shows the final loss next to the time per step.
"""
from __future__ import annotations

from functools import partial

import numpy as np

from . import training
from .data import init_mlp, make_moons
from .engines import installed, sequential_mlp, sgd
from .report import Table, ratio_target

SIZES = (2, 16, 16, 1)
ALPHA = 1e-4
FULL = {"points": 100, "steps": 500, "repeats": 5, "micrograd_steps": 2}
SMOKE = {"points": 20, "steps": 3, "repeats": 1, "micrograd_steps": 1}


def learning_rate(step: int, steps: int) -> float:
    return 1.0 - 0.9 * step / steps


def numpy_floor(X, y, params, steps, total_steps):
    """The same training written by hand in NumPy: the floor no autograd can beat."""
    params = [p.copy() for p in params]

    def run() -> float:
        loss = None
        for step in range(steps):
            w1, b1, w2, b2, w3, b3 = params
            h1_pre = X @ w1 + b1
            h1 = np.maximum(h1_pre, 0)
            h2_pre = h1 @ w2 + b2
            h2 = np.maximum(h2_pre, 0)
            score = (h2 @ w3 + b3)[:, 0]
            margin = 1 - y * score
            hinge = np.maximum(margin, 0)
            loss = hinge.mean() + ALPHA * sum((p * p).sum() for p in params)
            # backward by hand
            d_out = (-(y * (margin > 0)) / len(y))[:, None]
            grads = [None] * 6
            grads[4] = h2.T @ d_out
            grads[5] = d_out.sum(0)
            d_h2 = (d_out @ w3.T) * (h2_pre > 0)
            grads[2] = h1.T @ d_h2
            grads[3] = d_h2.sum(0)
            d_h1 = (d_h2 @ w2.T) * (h1_pre > 0)
            grads[0] = X.T @ d_h1
            grads[1] = d_h1.sum(0)
            lr = learning_rate(step, total_steps)
            for p, g in zip(params, grads, strict=True):
                p -= lr * (g + 2 * ALPHA * p)
        return float(loss)

    return run


def hinge_loss(engine, params, X, y):
    """The model and loss, written once for every engine."""
    w1, b1, w2, b2, w3, b3 = params
    h = engine.relu(X @ w1 + b1)
    h = engine.relu(h @ w2 + b2)
    score = (h @ w3 + b3)[:, 0]
    return engine.relu(1 - y * score).mean() + ALPHA * sum((p * p).sum() for p in params)


def engine_case(engine, X, y, params, steps):
    X_e, y_e = engine.constant(X), engine.constant(y)
    leaves = [engine.leaf(p) for p in params]
    loss_fn = partial(hinge_loss, engine, X=X_e, y=y_e)
    schedule = partial(learning_rate, steps=steps)
    return partial(training.loop, engine, loss_fn, leaves, steps, schedule)


def layers_case(engine, X, y, params, steps):
    """``nn.Sequential(nn.Linear, nn.ReLU, ...)`` and ``optim.SGD``: a tutorial's code."""
    model = sequential_mlp(engine, params)
    X_e, y_e = engine.constant(X), engine.constant(y)

    def loss_fn(model):
        score = model(X_e)[:, 0]
        l2 = sum((p * p).sum() for p in model.parameters())
        return (1 - y_e * score).relu().mean() + ALPHA * l2

    optimizer = sgd(engine, model.parameters(), lr=1.0)
    schedule = partial(learning_rate, steps=steps)
    return partial(training.layers_loop, model, optimizer, loss_fn, steps, schedule)


def micrograd_case(engine, X, y, params, steps, total_steps):
    """micrograd's own demo loop: one ``Value`` per number, weights copied in."""
    model = engine.nn.MLP(2, [16, 16, 1])
    for layer, weight, bias in zip(model.layers, params[::2], params[1::2], strict=True):
        for j, neuron in enumerate(layer.neurons):
            for i, w in enumerate(neuron.w):
                w.data = float(weight[i, j])
            neuron.b.data = float(bias[j])
    points, labels = X.tolist(), y.tolist()

    def run() -> float:
        for step in range(steps):
            inputs = [list(map(engine.Value, point)) for point in points]
            scores = list(map(model, inputs))
            pairs = zip(labels, scores, strict=True)
            losses = [(1 + -label * score).relu() for label, score in pairs]
            data_loss = sum(losses) * (1.0 / len(losses))
            loss = data_loss + ALPHA * sum(p * p for p in model.parameters())
            model.zero_grad()
            loss.backward()
            lr = learning_rate(step, total_steps)
            for p in model.parameters():
                p.data -= lr * p.grad
        return loss.data

    return run


def run(smoke: bool = False) -> Table:
    size = SMOKE if smoke else FULL
    steps, few = size["steps"], size["micrograd_steps"]
    X, y = make_moons(size["points"])
    params = init_mlp(SIZES)
    engines, missing = installed()
    micrograd = None
    if "micrograd" in engines:
        floor_after_few = numpy_floor(X, y, params, few, steps)()
        micrograd = training.Entry(
            "micrograd", engines["micrograd"].label,
            partial(micrograd_case, engines["micrograd"], X, y, params, few, steps), few,
            note=f"{few} step(s) only, time per step extrapolated; loss after {few} "
                 f"(floor after {few}: {floor_after_few:.5f})")
    found = training.entries(
        engines, missing, steps, partial(numpy_floor, X, y, params, steps, steps),
        lambda e: partial(engine_case, e, X, y, params, steps),
        lambda e: partial(layers_case, e, X, y, params, steps), micrograd)
    table = Table(
        "two_moons",
        f"two-moons: MLP 2-16-16-1, {len(y)} points, {steps} SGD steps, "
        f"median of {size['repeats']}",
        training.COLUMNS, training.measure(found, size["repeats"]))
    table.notes.append("same initial weights and data for every engine: final losses agree "
                       "(micrograd computes in float64, the others in float32)")
    ms = {key: table.value(key, "ms_per_step") for key in ("floor", "minigrad", "torch",
                                                           "mygrad", "autograd", "micrograd")}
    if ms["micrograd"] and ms["minigrad"]:
        table.notes.append(
            f"micrograd: {ms['micrograd'] / ms['minigrad']:.0f}× minigrad's time per step; "
            f"{steps} steps would take about {ms['micrograd'] * steps / 1000:.0f} s")
    table.targets = [
        ratio_target("minigrad ≤ 3× the NumPy floor per step", ms["minigrad"], ms["floor"],
                     3.0, "ms"),
        *(ratio_target(f"minigrad faster than {name}", ms["minigrad"], ms[key], 1.0, "ms",
                       strict=True)
          for key, name in (("torch", "PyTorch"), ("mygrad", "MyGrad"),
                            ("autograd", "HIPS autograd"))),
    ]
    return table
