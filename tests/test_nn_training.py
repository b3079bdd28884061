"""End to end: nn.Sequential + optim.SGD learn the two-moons problem."""

import numpy as np

import minigrad
from minigrad import nn, optim


def two_moons(n: int = 100, noise: float = 0.1, seed: int = 0):
    """Two interleaved half circles (labels -1 and +1), made with NumPy alone."""
    rng = np.random.default_rng(seed)
    n_outer = n // 2
    t_outer, t_inner = np.linspace(0, np.pi, n_outer), np.linspace(0, np.pi, n - n_outer)
    outer = np.stack([np.cos(t_outer), np.sin(t_outer)], 1)
    inner = np.stack([1 - np.cos(t_inner), 0.5 - np.sin(t_inner)], 1)
    x = np.concatenate([outer, inner]) + rng.normal(scale=noise, size=(n, 2))
    y = np.concatenate([-np.ones(n_outer), np.ones(n - n_outer)])
    return minigrad.tensor(x.astype(np.float32)), minigrad.tensor(y.astype(np.float32))


def accuracy(model, x, y) -> float:
    with minigrad.no_grad():
        predictions = (model(x).squeeze(1) > 0).float() * 2 - 1
    return (predictions == y).float().mean().item()


def test_mlp_learns_two_moons_to_full_training_accuracy():
    x, y = two_moons()
    minigrad.manual_seed(0)
    model = nn.Sequential(
        nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1)
    )
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    start = accuracy(model, x, y)
    for step in range(1, 301):  # noqa: B007 - read after the loop
        optimizer.zero_grad()
        scores = model(x).squeeze(1)
        margin_loss = nn.functional.relu(1 - y * scores).mean()  # hinge (max-margin) loss
        l2 = 1e-4 * sum((p * p).sum() for p in model.parameters())
        (margin_loss + l2).backward()
        optimizer.step()
        if accuracy(model, x, y) == 1.0:
            break
    assert start < 0.9
    assert accuracy(model, x, y) == 1.0, f"stopped at step {step}"
    assert step < 150


def test_mini_batches_with_gradient_accumulation_equal_one_full_batch():
    """Summing the gradients of 4 quarter batches (each loss / 4) is the full-batch gradient."""
    x, y = two_moons(n=40)
    minigrad.manual_seed(1)
    model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))
    loss_fn = nn.BCEWithLogitsLoss()
    targets = (y + 1) / 2
    loss_fn(model(x).squeeze(1), targets).backward()
    full = [p.grad.clone() for p in model.parameters()]
    model.zero_grad()
    loader = minigrad.utils.data.DataLoader(
        minigrad.utils.data.TensorDataset(x, targets), batch_size=10
    )
    for xb, yb in loader:
        (loss_fn(model(xb).squeeze(1), yb) / len(loader)).backward()
    for a, p in zip(full, model.parameters(), strict=True):
        assert np.allclose(a.numpy(), p.grad.numpy(), atol=1e-6)
