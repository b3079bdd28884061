"""round, floor, ceil and sign (and in-place twins): values, nodes and zero gradients."""
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, grad_of, info

pytestmark = pytest.mark.torch
programs = Programs()

VALUES = [0.5, 1.5, 2.5, -0.5, 1.2345, -2.7, 2.35]


@programs
def round_halves_to_even_and_has_zero_gradient(torch):
    x = torch.tensor(VALUES, requires_grad=True)
    y = torch.round(x)
    y.sum().backward()
    return [info(y), grad_of(x), info(x.round())]


@programs
def round_to_decimals_is_another_node(torch):
    x = torch.tensor(VALUES, requires_grad=True)
    y = x.round(decimals=1)
    z = torch.round(x, decimals=2)
    (y + z).sum().backward()
    return [info(y), info(z), grad_of(x)]


@programs
def floor_and_ceil(torch):
    x = torch.tensor(VALUES, requires_grad=True)
    y, z = torch.floor(x), x.ceil()
    (y * z).sum().backward()
    return [info(y), info(z), grad_of(x)]


@programs
def rounding_integers_keeps_them(torch):
    n = torch.tensor([1, -2, 3])
    return [info(torch.round(n)), info(n.floor()), info(n.ceil())]


@programs
def in_place_rounding_on_a_non_leaf(torch):
    x = torch.tensor(VALUES, requires_grad=True)
    y = x * 3
    y.round_()
    z = x * 2
    z.floor_()
    w = x * 1
    w.ceil_()
    (y + z + w).sum().backward()
    return [info(y), info(z), info(w), grad_of(x), y._version]


@programs.raising
def in_place_rounding_on_a_leaf_that_requires_grad(torch):
    x = torch.tensor(VALUES, requires_grad=True)
    x.round_()


@programs
def step_functions_send_plain_zeros_back_even_for_negative_gradients(torch):
    x = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
    weights = torch.tensor([-1.0, -3.0, 2.0])
    (x.sign() * weights + x.floor() * weights).sum().backward()
    return grad_of(x)


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
