"""Where minigrad knowingly differs from PyTorch.

Each test pins what minigrad does and checks that PyTorch still does what the note says, so
that this list stays true: when PyTorch changes, or minigrad catches up, a test here fails.
"""
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

pytestmark = pytest.mark.torch


def node_names(node):
    """``Name(child, ...)`` for a graph, AccumulateGrad shown as ``Leaf``."""
    if node is None:
        return "None"
    if type(node).__name__ == "AccumulateGrad":
        return "Leaf"
    children = ", ".join(node_names(child) for child, _ in node.next_functions)
    return f"{type(node).__name__}({children})"


def test_batched_matmul_is_one_matmul_node():
    """PyTorch reshapes batched products into bmm/mm calls, and its graph shows those views;
    minigrad records the product a learner wrote, as one MatmulBackward0 node. Values and
    gradients agree (test_ops_parity.py checks them)."""
    graphs = {}
    for lib in (torch, minigrad):
        a = lib.ones(2, 2, 3, requires_grad=True)
        b = lib.ones(2, 3, 4, requires_grad=True)
        v = lib.ones(3, requires_grad=True)
        m = lib.ones(3, 4, requires_grad=True)
        graphs[lib.__name__] = [node_names((a @ b).grad_fn), node_names((v @ m).grad_fn)]
    assert graphs["minigrad"] == ["MatmulBackward0(Leaf, Leaf)", "MatmulBackward0(Leaf, Leaf)"]
    assert graphs["torch"] == [
        (
            "UnsafeViewBackward0(BmmBackward0(ViewBackward0(ExpandBackward0(Leaf)), "
            "ViewBackward0(ExpandBackward0(Leaf))))"
        ),
        "SqueezeBackward4(MmBackward0(UnsqueezeBackward0(Leaf), Leaf))",
    ]


def test_graph_of_a_gradient_follows_minigrads_backward_formulas():
    """With create_graph=True a gradient has its own graph. minigrad's is built from the tensor
    ops its backward formulas use; PyTorch uses fused backward kernels (TanhBackwardBackward0)
    and scalar overloads (MulBackward1). The gradient values agree."""
    graphs, values = {}, {}
    for lib in (torch, minigrad):
        x = lib.tensor([0.5, -1.0], requires_grad=True)
        (g,) = lib.autograd.grad(x.tanh().sum(), x, create_graph=True)
        graphs[lib.__name__], values[lib.__name__] = node_names(g.grad_fn), g.tolist()
    assert graphs["torch"] == "TanhBackwardBackward0(None, TanhBackward0(Leaf))"
    assert graphs["minigrad"] == (
        "MulBackward0(None, RsubBackward1(MulBackward0(TanhBackward0(Leaf), TanhBackward0(Leaf))))"
    )
    assert values["torch"] == pytest.approx(values["minigrad"])


def test_in_place_on_a_view_of_a_tensor_requiring_grad_raises():
    """PyTorch rewrites the base's graph (CopySlices) when a view of it changes in place;
    minigrad refuses with a message that says what to write instead."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y[0].mul_(10)
    assert type(y.grad_fn).__name__ == "CopySlices"

    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    with pytest.raises(RuntimeError, match="does not support in-place operations on views"):
        y[0].mul_(10)


def test_random_numbers_differ_but_repeat_for_a_seed():
    """minigrad draws from NumPy's PCG64, not PyTorch's Mersenne Twister: the same seed gives
    other numbers than PyTorch, but always the same ones (shapes and dtypes agree)."""
    minigrad.manual_seed(0)
    first = minigrad.randn(3).tolist()
    minigrad.manual_seed(0)
    assert minigrad.randn(3).tolist() == first
    torch.manual_seed(0)
    assert torch.randn(3).tolist() != pytest.approx(first)


def test_empty_is_filled_with_zeros():
    """PyTorch's ``empty`` leaves memory uninitialised; minigrad gives zeros, so that a lesson
    prints the same thing every time it runs."""
    assert minigrad.empty(2, 3).tolist() == [[0.0] * 3] * 2


def test_saved_dims_and_slice_bounds_are_the_resolved_ones():
    """PyTorch saves dims and slice bounds as written: ``sum(-1)``'s dim shows through an
    unsigned type (18446744073709551615), ``x[1:]``'s end as 9223372036854775807 (no end).
    minigrad saves what it used: dim 1, end 3."""
    saved = {}
    for lib in (torch, minigrad):
        x = lib.ones(3, 3, requires_grad=True)
        saved[lib.__name__] = [x.sum(-1).grad_fn._saved_dim, x[1:].grad_fn._saved_end]
    assert saved == {"torch": [(2**64 - 1,), 2**63 - 1], "minigrad": [(1,), 3]}


def packed_by_hooks(lib, op):
    """Shape and dtype of each tensor ``op`` hands to a saved-tensor pack hook."""
    log = []
    x = lib.tensor([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]], requires_grad=True)

    def pack(t):
        log.append([list(t.shape), str(t.dtype)])
        return t

    with lib.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        op(lib, x)
    return log


def test_indices_and_masks_are_not_handed_to_saved_tensor_hooks():
    """PyTorch saves the index, mask or condition of these ops as saved tensors, so pack hooks
    see them (and gather's input too). minigrad keeps them as plain attributes of the node
    (``grad_fn._saved_<name>`` still shows them), which hooks do not see. Values and gradients
    agree; only what a pack hook is given differs."""
    ops = {
        "where": lambda lib, x: lib.where(x > 0, x, 0.0),
        "masked_fill": lambda lib, x: x.masked_fill(x < 0, 0.0),
        "gather": lambda lib, x: x.gather(1, lib.tensor([[0], [2]])),
        "index": lambda lib, x: x[lib.tensor([1, 0])],
        "max_dim": lambda lib, x: x.max(1).values,
    }
    assert {name: packed_by_hooks(torch, op) for name, op in ops.items()} == {
        "where": [[[2, 3], "torch.bool"]],
        "masked_fill": [[[2, 3], "torch.bool"]],
        "gather": [[[2, 1], "torch.int64"], [[2, 3], "torch.float32"]],
        "index": [[[2], "torch.int64"]],
        "max_dim": [[[2], "torch.int64"]],
    }
    assert {name: packed_by_hooks(minigrad, op) for name, op in ops.items()} == {
        name: [] for name in ops
    }


def test_cross_entropy_saves_fewer_tensors_for_hooks():
    """PyTorch's NllLossBackward0 saves its input, the targets and the total weight; minigrad's
    keeps the log-probabilities only (the targets are a plain attribute), so a pack hook sees
    two tensors instead of four. The loss and its gradient agree (test_nn_parity.py)."""
    def op(lib, x):
        return lib.nn.functional.cross_entropy(x, lib.tensor([2, 0]))

    log_probs = [[2, 3], "torch.float32"]
    assert packed_by_hooks(torch, op) == [
        log_probs, log_probs, [[2], "torch.int64"], [[], "torch.float32"]
    ]
    assert packed_by_hooks(minigrad, op) == [log_probs, log_probs]


def test_pack_hook_of_an_in_place_op_gets_a_new_tensor():
    """``b.exp_()`` saves its result, which is ``b`` itself: PyTorch hands ``b`` to the pack hook,
    so a hook that keeps it sees the later ``b.sigmoid_()`` too (hooks skip the version check)
    and backward uses the changed values. minigrad computes an in-place op out of place and
    copies the result in, so the pack hook gets that result, a tensor with the same values;
    later changes to ``b`` do not reach it, and the gradient is the true one."""
    def run(lib):
        seen = []
        x = lib.tensor([0.5, 1.0], requires_grad=True)
        b = x * 1
        with lib.autograd.graph.saved_tensors_hooks(seen.append, lambda packed: seen[0]):
            b.exp_()  # the pack hook keeps the tensor it is given; unpack returns that
        handed_b = seen[0] is b
        b.sigmoid_()
        b.sum().backward()
        return [handed_b, [round(g, 4) for g in x.grad.tolist()]]

    assert run(torch) == [True, [0.1135, 0.0545]]
    assert run(minigrad) == [False, [0.223, 0.1579]]
