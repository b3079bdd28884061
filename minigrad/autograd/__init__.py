"""``minigrad.autograd``: gradients of tensors, as ``torch.autograd``.

``backward`` adds gradients into leaves' ``.grad``; ``grad`` returns them instead.
Both hand the work to the engine (``engine.run_backward``); ``observe_backward`` (minigrad's
own, not PyTorch's) lets you watch it run node by node.
"""
from __future__ import annotations

import numpy as np

from .._warnings import warn_once
from . import anomaly_mode, graph
from .anomaly_mode import detect_anomaly, set_detect_anomaly
from .engine import observe_backward, run_backward
from .function import Function
from .grad_mode import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled
from .gradcheck import gradcheck
from .results import tensor_of
from .variable import Variable

__all__ = [
    "Function", "Variable", "anomaly_mode", "backward", "detect_anomaly", "enable_grad", "grad",
    "gradcheck", "graph", "inference_mode", "is_grad_enabled", "no_grad", "observe_backward",
    "set_detect_anomaly", "set_grad_enabled",
]


_CREATE_GRAPH_CYCLE_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the parameter "
    "and its gradient which can cause a memory leak. We recommend using autograd.grad when "
    "creating the graph to avoid this. If you have to use this function, make sure to reset the "
    ".grad fields of your parameters to None after use to break the cycle and avoid the leak."
)


def _as_tuple(x):
    if x is None:
        return None
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def _initial_grads(outputs, grad_outputs):
    """Check the outputs and build the gradient each one starts with (1 for a scalar)."""
    grad_outputs = _as_tuple(grad_outputs) or (None,) * len(outputs)
    if len(grad_outputs) != len(outputs):
        raise RuntimeError(
            f"grad requires one grad_output per output: got {len(grad_outputs)} grad_outputs "
            f"and {len(outputs)} outputs"
        )
    grads = []
    for i, (out, grad) in enumerate(zip(outputs, grad_outputs, strict=True)):
        if not out._requires_grad:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )
        if grad is None:
            if out._data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            if out._data.dtype.kind != "f":
                raise RuntimeError(
                    "grad can be implicitly created only for real scalar outputs but got "
                    f"{out.dtype}"
                )
            grad = tensor_of(np.ones_like(out._data))  # d out / d out = 1
        elif grad._data.shape != out._data.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of {grad.shape} and output[{i}] "
                f"has a shape of {out.shape}."
            )
        grads.append(grad)
    return grads


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    """Add the gradients of ``tensors`` with respect to the leaves into the leaves' ``.grad``."""
    tensors = _as_tuple(tensors)
    grads = _initial_grads(tensors, grad_tensors)
    if retain_graph is None:
        retain_graph = create_graph  # keep the graph when you will differentiate again
    if create_graph:
        warn_once(_CREATE_GRAPH_CYCLE_WARNING)
    inputs = _as_tuple(inputs)
    if inputs is not None and len(inputs) == 0:
        raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    edges = [t._gradient_edge() for t in tensors]
    input_edges = None
    if inputs is not None:
        for t in inputs:
            if t.grad_fn is not None:
                t.retain_grad()  # a non-leaf input gets its gradient in .grad (from now on)
        input_edges = [t._gradient_edge() for t in inputs]
    run_backward(edges, grads, retain_graph, create_graph, input_edges, accumulate=True)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         only_inputs=True, allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """Return the gradients of ``outputs`` with respect to ``inputs``; ``.grad`` stays untouched."""
    outputs, inputs = _as_tuple(outputs), _as_tuple(inputs)
    if allow_unused is None:
        allow_unused = materialize_grads
    for t in inputs:
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    grads = _initial_grads(outputs, grad_outputs)
    if retain_graph is None:
        retain_graph = create_graph
    edges = [t._gradient_edge() for t in outputs]
    input_edges = [t._gradient_edge() for t in inputs]
    captured = run_backward(edges, grads, retain_graph, create_graph, input_edges, accumulate=False)
    results = []
    for i, (t, g) in enumerate(zip(inputs, captured, strict=True)):
        if g is None:
            if materialize_grads:
                from ..creation import zeros_like

                g = zeros_like(t)
            elif not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in the "
                    "graph. Set allow_unused=True if this is the desired behavior."
                )
        elif not create_graph:
            g = g.detach()
        results.append(g)
    return tuple(results)
