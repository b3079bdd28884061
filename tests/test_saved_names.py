"""``grad_fn._saved_<name>`` finds a saved tensor by its position in the op's ``saved_names``.

Nothing but the order links a name to a tensor, so this file checks it over every op that saves
tensors: the tensor minigrad shows as ``_saved_self`` (``_saved_other``, ``_saved_result``, ...)
must be the one PyTorch shows under that name, on inputs whose values tell them apart.
"""
from __future__ import annotations

import inspect

import numpy as np
import pytest

import minigrad
import minigrad.nn.functional
from minigrad.autograd.function import Function

torch = pytest.importorskip("torch", reason="the saved tensors are compared with PyTorch's")


def _inputs(m):
    a = m.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
    b = m.tensor([[0.5, 0.25, 2.0], [3.0, -1.0, 0.75]], requires_grad=True)
    return a, b


def _double_backward(m, make):
    """The node of a gradient computed with ``create_graph=True`` (a backward op's node)."""
    a, b = _inputs(m)
    out = make(m, a)
    (grad,) = m.autograd.grad(out, a, grad_outputs=b * 1, create_graph=True)
    return grad


# op class -> a program whose graph holds that op's node (found by its PyTorch name).
CASES = {
    "Mul": lambda m, a, b: a * b,
    "Div": lambda m, a, b: a / b,
    "Pow": lambda m, a, b: a ** 3,
    "PowTensor": lambda m, a, b: a ** b,
    "PowScalarBase": lambda m, a, b: 2.0 ** b,
    "Maximum": lambda m, a, b: a.maximum(b),
    "Minimum": lambda m, a, b: a.minimum(b),
    "Mm": lambda m, a, b: a.mm(b.t()),
    "Mv": lambda m, a, b: a.mv(b[0]),
    "Dot": lambda m, a, b: a[0].dot(b[1]),
    "Norm": lambda m, a, b: a.norm(),
    "Max": lambda m, a, b: b.max(),
    "Min": lambda m, a, b: b.min(),
    "Var": lambda m, a, b: b.var(),
    "Std": lambda m, a, b: b.std(),
    "Exp": lambda m, a, b: b.exp(),
    "Log": lambda m, a, b: a.log(),
    "Sqrt": lambda m, a, b: a.sqrt(),
    "Sin": lambda m, a, b: b.sin(),
    "Cos": lambda m, a, b: b.cos(),
    "Tanh": lambda m, a, b: b.tanh(),
    "Sigmoid": lambda m, a, b: b.sigmoid(),
    "Relu": lambda m, a, b: b.relu(),
    "Abs": lambda m, a, b: b.abs(),
    "Reciprocal": lambda m, a, b: b.reciprocal(),
    "Clamp": lambda m, a, b: b.clamp(0.0, 1.0),
    "ClampMin": lambda m, a, b: b.clamp_min(0.3),
    "ClampMax": lambda m, a, b: b.clamp_max(0.3),
    "Softmax": lambda m, a, b: b.softmax(1),
    "LogSoftmax": lambda m, a, b: b.log_softmax(1),
    "ThresholdBackward": lambda m, a, b: _double_backward(m, lambda m, x: (x - 3).relu()),
    "SoftmaxBackwardData": lambda m, a, b: _double_backward(m, lambda m, x: x.softmax(1)),
    "LogSoftmaxBackwardData": lambda m, a, b: _double_backward(m, lambda m, x: x.log_softmax(1)),
    "Addmm": lambda m, a, b: m.nn.functional.linear(a, b, b[0, :2]),
    "NativeBatchNorm": lambda m, a, b: m.nn.functional.batch_norm(
        b, m.zeros(3), m.ones(3), a[0], a[1], training=True),
    "NllLoss": lambda m, a, b: m.nn.functional.nll_loss(b, m.tensor([2, 0])),
    "NllLoss2d": lambda m, a, b: m.nn.functional.nll_loss(
        b.reshape(1, 3, 2, 1), m.tensor([[[2], [0]]])),
    "MseLoss": lambda m, a, b: m.nn.functional.mse_loss(a, b),
    "BinaryCrossEntropy": lambda m, a, b: m.nn.functional.binary_cross_entropy(
        b.sigmoid(), a.detach() / 10, weight=a.detach()),
    "BinaryCrossEntropyWithLogits": lambda m, a, b: (
        m.nn.functional.binary_cross_entropy_with_logits(
            b, a.detach() / 10, weight=a.detach(), pos_weight=a[0].detach())),
}
# Known differences: the name holds another tensor than PyTorch's, on purpose.
DIFFERENT = {
    # minigrad computes the 2-D loss on the input seen as (N*H*W, C) rows, and saves those.
    ("NllLoss2d", "self"): lambda a, b: b.reshape(1, 3, 2).permute(0, 2, 1).reshape(-1, 3),
}
# The node each program's graph is searched for, when it is not the output's own grad_fn.
NODE = {"Pow": "PowBackward0", "PowTensor": "PowBackward1", "PowScalarBase": "PowBackward2",
        "Mv": "MvBackward0", "Dot": "DotBackward0", "Addmm": "AddmmBackward0",
        "ThresholdBackward": "ThresholdBackwardBackward0",
        "SoftmaxBackwardData": "SoftmaxBackwardDataBackward0",
        "LogSoftmaxBackwardData": "LogSoftmaxBackwardDataBackward0",
        "NllLoss2d": "NllLoss2DBackward0", "Mm": "MmBackward0"}


def _find(node, name):
    """The first node called ``name`` in the graph below ``node`` (breadth first)."""
    queue, seen = [node], set()
    while queue:
        node = queue.pop(0)
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if node.name() == name:
            return node
        queue.extend(n for n, _ in node.next_functions)
    raise AssertionError(f"no {name} in the graph")


def _saving_ops() -> list:
    """minigrad's op classes that save tensors for backward (their source says so)."""
    found, todo = [], list(Function.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if not cls.__module__.startswith(("minigrad.ops", "minigrad.nn")):
            continue
        if cls.__name__.startswith("_"):  # a base class shared by ops (Max, Min)
            continue
        source = inspect.getsource(cls)
        if "save_for_backward" in source or "_result(ctx" in source or "_save_the_other" in source:
            found.append(cls.__name__)
    return sorted(found)


def test_every_op_that_saves_tensors_has_a_case():
    missing = [name for name in _saving_ops() if name not in CASES and name != "Matmul"]
    assert not missing, f"add a program to CASES for {missing}"


def _values(value):
    return None if value is None else np.asarray(value.detach().numpy(), dtype=float)


@pytest.mark.parametrize("op", sorted(CASES))
def test_saved_tensors_are_the_ones_pytorch_names(op):
    nodes = {}
    for m in (minigrad, torch):
        out = CASES[op](m, *_inputs(m))
        nodes[m] = _find(out.grad_fn, NODE.get(op, out.grad_fn.name()))
    node, reference = nodes[minigrad], nodes[torch]
    assert node._function.__name__ == op
    attributes = node._saved_attributes or {}
    tensor_names = [n for n in node.saved_names if n not in attributes]
    assert tensor_names, f"{op} saved no tensor"
    for name in tensor_names:
        ours = _values(getattr(node, f"_saved_{name}"))
        if (op, name) in DIFFERENT:
            theirs = _values(DIFFERENT[op, name](*_inputs(minigrad)))
        else:
            theirs = _values(getattr(reference, f"_saved_{name}"))
        same = (ours is None and theirs is None) or (
            ours is not None and theirs is not None and ours.shape == theirs.shape
            and np.allclose(ours, theirs, rtol=1e-5, atol=1e-6)
        )
        assert same, f"{node.name()}._saved_{name}: minigrad {ours}, PyTorch {theirs}"


def test_matmul_saves_self_then_other():
    """PyTorch has no MatmulBackward0 (its matmul is made of other ops): checked by hand."""
    a, b = _inputs(minigrad)
    node = (b[0] @ a.t()).grad_fn
    assert node.name() == "MatmulBackward0"
    assert node._saved_self.tolist() == b[0].tolist()
    assert node._saved_other.tolist() == a.t().tolist()
    assert (node._saved_self_sym_sizes, node._saved_other_sym_sizes) == ((3,), (3, 2))
