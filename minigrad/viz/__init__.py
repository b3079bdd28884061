"""``minigrad.viz``: pictures of autograd graphs, for minigrad and PyTorch tensors alike.

::

    from minigrad.viz import draw
    draw(e, a=a, b=b, d=d)            # boxes: tensors and grad_fn nodes; arrows: next_functions
    with record_gradients() as flow:
        e.backward()
    draw(e, grad_flow=flow)           # ... with the gradient that flowed along each arrow

Needs the ``viz`` extra (``pip install 'minigrad-lab[viz]'``). Pictures render with
Graphviz's ``dot`` where installed, else with Graphviz compiled to WebAssembly (SVG only).
"""
from .drawing import GraphView, draw
from .gradient_flow import GradientFlow, record_gradients
from .render import get_renderer, set_renderer

__all__ = [
    "GradientFlow", "GraphView", "draw", "get_renderer", "record_gradients", "set_renderer",
]

# Widgets for lessons (they import ipywidgets only when made).
from .panels import AccumulationPanel, FreezingPanel
from .stepper import BackwardStepper

__all__ += ["AccumulationPanel", "BackwardStepper", "FreezingPanel"]
