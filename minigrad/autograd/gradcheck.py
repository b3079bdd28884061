"""``gradcheck``: compare backward's gradients with finite differences.

The derivative is the slope, and the slope can be measured: nudge one input element by
±eps and see how the output moves. If backward agrees everywhere, it is right.
"""
from __future__ import annotations

import numpy as np

from .results import tensor_of


class GradcheckError(RuntimeError):
    """Backward's gradient and the measured slope disagree."""


def _as_tuple(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def _flat_outputs(fn, inputs) -> np.ndarray:
    """All of fn's outputs as one float64 vector."""
    return np.concatenate([o._data.ravel() for o in _as_tuple(fn(*inputs))]).astype(np.float64)


def numerical_jacobian(fn, inputs, eps=1e-6):
    """One matrix per input: d(flattened outputs) / d(flattened input), by central differences."""
    from .grad_mode import no_grad

    jacobians = []
    with no_grad():
        for x in inputs:
            if not getattr(x, "requires_grad", False):
                jacobians.append(None)
                continue
            flat = x._data.reshape(-1)  # a view: writing to it nudges x
            columns = []
            for i in range(flat.size):
                original = flat[i]
                flat[i] = original + eps
                plus = _flat_outputs(fn, inputs)
                flat[i] = original - eps
                minus = _flat_outputs(fn, inputs)
                flat[i] = original
                columns.append((plus - minus) / (2 * eps))
            jacobians.append(np.stack(columns, axis=1) if columns else np.zeros((0, 0)))
    return jacobians


def analytical_jacobian(fn, inputs):
    """The same matrices from backward: one backward per output element."""
    from ..creation import zeros_like
    from . import grad as autograd_grad

    outputs = _as_tuple(fn(*inputs))
    differentiable = [x for x in inputs if getattr(x, "requires_grad", False)]
    rows = []
    for out in outputs:
        for j in range(out.numel()):
            seed = zeros_like(out)
            seed._data.reshape(-1)[j] = 1
            grads = autograd_grad(out, differentiable, seed, retain_graph=True, allow_unused=True)
            rows.append([
                np.zeros(x.numel()) if g is None else g._data.ravel().astype(np.float64)
                for x, g in zip(differentiable, grads, strict=True)
            ])
    jacobians, k = [], 0
    for x in inputs:
        if not getattr(x, "requires_grad", False):
            jacobians.append(None)
            continue
        jacobians.append(np.stack([row[k] for row in rows]) if rows else np.zeros((0, x.numel())))
        k += 1
    return jacobians


def gradcheck(
    fn, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, **unused
) -> bool:
    """True when backward matches finite differences for every input that requires grad.

    Use float64 inputs: float32 rounding is larger than the differences being measured.
    """
    inputs = _as_tuple(inputs)
    for x in inputs:
        if getattr(x, "requires_grad", False) and x.dtype.name != "float64":
            import warnings

            warnings.warn(
                "Input #0 requires gradient and is not a double precision floating point or "
                "complex. This check will likely fail if all the inputs are not of double "
                "precision floating "
                "point or complex. ", UserWarning, stacklevel=2,
            )
            break
    numerical = numerical_jacobian(fn, inputs, eps)
    analytical = analytical_jacobian(fn, inputs)
    for index, (n, a) in enumerate(zip(numerical, analytical, strict=True)):
        if n is None:
            continue
        if not np.allclose(a, n, rtol=rtol, atol=atol):
            if raise_exception:
                raise GradcheckError(
                    f"Jacobian mismatch for output 0 with respect to input {index},\n"
                    f"numerical:{tensor_of(n)!r}\nanalytical:{tensor_of(a)!r}\n"
                )
            return False
    return True
