"""Data sets for the benchmarks, generated with NumPy so that every engine sees the same numbers."""
from __future__ import annotations

import itertools

import numpy as np


def make_moons(n_samples: int = 100, noise: float = 0.1, seed: int = 1):
    """Two interleaving half circles (as scikit-learn's make_moons); labels are -1 and +1."""
    rng = np.random.default_rng(seed)
    n_outer = n_samples // 2
    n_inner = n_samples - n_outer
    outer = np.linspace(0, np.pi, n_outer)
    inner = np.linspace(0, np.pi, n_inner)
    X = np.concatenate([
        np.stack([np.cos(outer), np.sin(outer)], axis=1),
        np.stack([1 - np.cos(inner), 1 - np.sin(inner) - 0.5], axis=1),
    ])
    X += rng.normal(scale=noise, size=X.shape)
    y = np.concatenate([-np.ones(n_outer), np.ones(n_inner)])
    return X.astype(np.float32), y.astype(np.float32)


def init_mlp(sizes, seed: int = 0):
    """Weights (in, out) and biases for an MLP, uniform in ±1/√fan_in, as float32 arrays."""
    rng = np.random.default_rng(seed)
    params = []
    for fan_in, fan_out in itertools.pairwise(sizes):
        bound = 1 / np.sqrt(fan_in)
        params.append(rng.uniform(-bound, bound, (fan_in, fan_out)).astype(np.float32))
        params.append(rng.uniform(-bound, bound, (fan_out,)).astype(np.float32))
    return params


def make_classification(n_samples: int = 1280, n_features: int = 784, n_classes: int = 10,
                        seed: int = 2):
    """Points scattered around one random centre per class: a stand-in for flattened images.

    Features are roughly standard normal, as for normalised MNIST pixels; labels are int64.
    """
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_classes, n_features))
    labels = rng.integers(0, n_classes, n_samples)
    X = 0.5 * centres[labels] + rng.normal(size=(n_samples, n_features))
    return X.astype(np.float32), labels.astype(np.int64)
