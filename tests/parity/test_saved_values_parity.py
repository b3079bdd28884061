"""Values nodes keep for backward outside ``save_for_backward``: an index, a dim. They show as
``grad_fn._saved_<name>`` and are freed by backward like saved tensors (numbers stay)."""
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, info

pytestmark = pytest.mark.torch
programs = Programs()


def _index_put(torch):
    x = torch.arange(12.0).reshape(3, 4).requires_grad_()
    z = x * 1
    z[[0, 2]] = 5.0
    return x, z


@programs
def index_put_saves_its_indices_and_accumulate(torch):
    _, z = _index_put(torch)
    node = z.grad_fn
    return [node.name(), [i.tolist() for i in node._saved_indices], node._saved_accumulate]


@programs
def index_put_keeps_accumulate_after_backward(torch):
    x, z = _index_put(torch)
    z.sum().backward()
    return [z.grad_fn._saved_accumulate, info(x.grad)]


@programs.raising
def index_put_indices_are_freed_by_backward(torch):
    _, z = _index_put(torch)
    z.sum().backward()
    return z.grad_fn._saved_indices


@programs
def cat_keeps_its_dim_after_backward(torch):
    a = torch.ones(2, 3, requires_grad=True)
    b = torch.arange(3.0).reshape(1, 3).requires_grad_()
    out = torch.cat([a, b * 2], 0)
    before = out.grad_fn._saved_dim
    (out * torch.arange(9.0).reshape(3, 3)).sum().backward()
    return [before, out.grad_fn._saved_dim, info(a.grad), info(b.grad)]


@programs.raising
def second_backward_through_index_put_raises(torch):
    x, z = _index_put(torch)
    loss = (z * z).sum()
    loss.backward()
    loss.backward()


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
