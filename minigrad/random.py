"""Random numbers: one global generator, seeded by ``manual_seed`` (NumPy's PCG64 underneath).

The numbers differ from PyTorch's for the same seed (a different algorithm), but the
distributions are the same, and the same seed always gives the same numbers here.
"""
from __future__ import annotations

import numpy as np


class Generator:
    """A source of random numbers; pass one as ``generator=`` to keep a stream separate."""

    def __init__(self, device="cpu"):
        self._seed = 67280421310721  # PyTorch's default seed
        self._rng = np.random.Generator(np.random.PCG64(self._seed))

    def manual_seed(self, seed: int) -> Generator:
        self._seed = int(seed)
        self._rng = np.random.Generator(np.random.PCG64(self._seed))
        return self

    def seed(self) -> int:
        return self.manual_seed(np.random.SeedSequence().entropy % 2**63)._seed

    def initial_seed(self) -> int:
        return self._seed

    def get_state(self):
        return self._rng.bit_generator.state

    def set_state(self, state) -> None:
        self._rng.bit_generator.state = state

    # The samplers the rest of minigrad uses.
    def normal(self, mean, std, shape):
        return self._rng.normal(mean, std, shape)

    def uniform(self, low, high, shape):
        return self._rng.uniform(low, high, shape)

    def integers(self, low, high, shape):
        return self._rng.integers(low, high, shape)

    def permutation(self, n):
        return self._rng.permutation(n)


default_generator = Generator()


def manual_seed(seed: int) -> Generator:
    """Seed the global generator: the same seed gives the same numbers every run."""
    return default_generator.manual_seed(seed)


def seed() -> int:
    return default_generator.seed()


def initial_seed() -> int:
    return default_generator.initial_seed()


def get_rng_state():
    return default_generator.get_state()


def set_rng_state(state) -> None:
    default_generator.set_state(state)


def _generator(generator=None) -> Generator:
    return default_generator if generator is None else generator
