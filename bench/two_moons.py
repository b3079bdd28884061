"""micrograd's demo task on every engine: an MLP 2-16-16-1 learns two moons.

Full batch of 100 points, max-margin loss ``mean(relu(1 - y * score))`` plus ``1e-4 * Σ p²``,
plain SGD with micrograd's learning-rate schedule. Every engine starts from the same weights,
so their losses must agree: the table shows the final loss next to the time per step.
"""
from __future__ import annotations

import time

import numpy as np

from .data import init_mlp, make_moons

SIZES = (2, 16, 16, 1)
ALPHA = 1e-4


def learning_rate(step: int, steps: int) -> float:
    return 1.0 - 0.9 * step / steps


def numpy_floor(X, y, params, steps):
    """The same training written by hand in NumPy: the floor no autograd can beat."""
    params = [p.copy() for p in params]
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
        d_score = -(y * (margin > 0)) / len(y)
        d_out = d_score[:, None]
        grads = [None] * 6
        grads[4] = h2.T @ d_out
        grads[5] = d_out.sum(0)
        d_h2 = (d_out @ w3.T) * (h2_pre > 0)
        grads[2] = h1.T @ d_h2
        grads[3] = d_h2.sum(0)
        d_h1 = (d_h2 @ w2.T) * (h1_pre > 0)
        grads[0] = X.T @ d_h1
        grads[1] = d_h1.sum(0)
        lr = learning_rate(step, steps)
        for p, g in zip(params, grads):
            p -= lr * (g + 2 * ALPHA * p)
    return float(loss)


def tensor_library(lib):
    """Training written once for any library with PyTorch's API (minigrad, torch)."""

    def train(X, y, params, steps):
        X_t, y_t = lib.tensor(X), lib.tensor(y)
        params = [lib.tensor(p, requires_grad=True) for p in params]
        loss = None
        for step in range(steps):
            w1, b1, w2, b2, w3, b3 = params
            h = (X_t @ w1 + b1).relu()
            h = (h @ w2 + b2).relu()
            score = (h @ w3 + b3).squeeze(1)
            loss = (1 - y_t * score).relu().mean() + ALPHA * sum((p * p).sum() for p in params)
            for p in params:
                p.grad = None
            loss.backward()
            lr = learning_rate(step, steps)
            with lib.no_grad():
                for p in params:
                    p -= lr * p.grad
        return float(loss.item())

    return train


def engines() -> dict:
    """Every engine installed here, by name."""
    import minigrad

    found = {"numpy (floor)": numpy_floor, "minigrad": tensor_library(minigrad)}
    try:
        import torch

        torch.set_num_threads(1)
        found["torch " + torch.__version__.split("+")[0]] = tensor_library(torch)
    except ImportError:
        pass
    return found


def run(steps: int = 100, repeats: int = 5) -> list:
    """Median milliseconds per step and final loss for each engine."""
    X, y = make_moons()
    params = init_mlp(SIZES)
    rows = []
    for name, train in engines().items():
        train(X, y, params, 3)  # warm up
        times, loss = [], None
        for _ in range(repeats):
            start = time.perf_counter()
            loss = train(X, y, params, steps)
            times.append((time.perf_counter() - start) / steps * 1000)
        rows.append({"engine": name, "ms_per_step": float(np.median(times)), "final_loss": loss})
    floor = rows[0]["ms_per_step"]
    for row in rows:
        row["vs_floor"] = row["ms_per_step"] / floor
    return rows


def main(steps: int = 100, repeats: int = 5) -> None:
    rows = run(steps, repeats)
    print(f"two-moons MLP 2-16-16-1, 100 points, {steps} SGD steps, median of {repeats} runs")
    print(f"{'engine':<16} {'ms/step':>9} {'× floor':>8} {'final loss':>11}")
    for row in rows:
        print(f"{row['engine']:<16} {row['ms_per_step']:>9.3f} {row['vs_floor']:>8.2f} {row['final_loss']:>11.5f}")
    by_name = {row["engine"].split()[0]: row for row in rows}
    if "torch" in by_name:
        ratio = by_name["minigrad"]["ms_per_step"] / by_name["torch"]["ms_per_step"]
        print(f"minigrad / torch time per step: {ratio:.2f}")


if __name__ == "__main__":
    main()
