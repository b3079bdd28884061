"""Gradient clipping: rescale gradients that got too large before the optimizer step."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ...autograd.grad_mode import no_grad
from ...tensor import Tensor


def _grads(parameters) -> list:
    if isinstance(parameters, Tensor):
        parameters = [parameters]
    return [p.grad for p in parameters if p.grad is not None]


def clip_grad_norm_(
    parameters: Iterable[Tensor] | Tensor,
    max_norm: float,
    norm_type: float = 2.0,
    error_if_nonfinite: bool = False,
    foreach=None,
) -> Tensor:
    """Scale all gradients together so that their joint norm is at most ``max_norm``.

    The norm is taken over all gradients as if they were one vector; the direction of the
    update is kept. Returns that total norm (before clipping).
    """
    grads = _grads(parameters)
    max_norm, norm_type = float(max_norm), float(norm_type)
    if not grads:
        return Tensor._make(np.asarray(0.0, dtype=np.float32))
    with no_grad():
        if norm_type == np.inf:
            norms = [np.abs(g._data).max() for g in grads]
            total = np.max(np.stack(norms))
        else:
            norms = [np.sum(np.abs(g._data) ** norm_type) ** (1.0 / norm_type) for g in grads]
            total = np.sum(np.abs(np.stack(norms)) ** norm_type) ** (1.0 / norm_type)
        total = np.asarray(total, dtype=grads[0]._data.dtype)
        if error_if_nonfinite and not np.isfinite(total):
            raise RuntimeError(
                f"The total norm of order {norm_type} for gradients from `parameters` is "
                "non-finite, so it cannot be clipped. To disable this error and scale the "
                "gradients by the non-finite norm anyway, set `error_if_nonfinite=False`"
            )
        clip_coef = min(max_norm / (float(total) + 1e-6), 1.0)  # never scale up
        for g in grads:
            g.mul_(clip_coef)
    return Tensor._make(total)


def clip_grad_value_(
    parameters: Iterable[Tensor] | Tensor, clip_value: float, foreach=None
) -> None:
    """Clamp every gradient element into [-clip_value, clip_value]."""
    clip_value = float(clip_value)
    with no_grad():
        for g in _grads(parameters):
            g.clamp_(-clip_value, clip_value)
