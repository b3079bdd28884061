"""Code from PyTorch's own tutorials, run unchanged: a learner following them sees the same.

The tutorials draw their starting values with torch.rand/randn; here fixed values stand in
for those draws (minigrad's random numbers differ from PyTorch's by design).
"""
import math

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, graph, info

pytestmark = pytest.mark.torch
programs = Programs()


@programs
def tensors_tutorial_initializing_and_attributes(torch):
    data = [[1, 2], [3, 4]]
    x_data = torch.tensor(data)
    x_np = torch.from_numpy(np.array(data))
    x_ones = torch.ones_like(x_data)
    shape = (2, 3,)
    tensor = torch.ones(4, 4)
    return [info(x_data), info(x_np), info(x_ones), info(torch.ones(shape)),
            info(torch.zeros(shape)), str(tensor.shape), str(tensor.dtype), str(tensor.device)]


@programs
def tensors_tutorial_operations(torch):
    tensor = torch.ones(4, 4)
    out = [info(tensor[0]), info(tensor[:, 0]), info(tensor[..., -1])]
    tensor[:, 1] = 0
    out += [info(tensor), info(torch.cat([tensor, tensor, tensor], dim=1))]
    y1 = tensor @ tensor.T
    y2 = tensor.matmul(tensor.T)
    y3 = torch.zeros_like(y1)
    torch.matmul(tensor, tensor.T, out=y3)
    z1 = tensor * tensor
    z2 = tensor.mul(tensor)
    z3 = torch.zeros_like(tensor)
    torch.mul(tensor, tensor, out=z3)
    agg = tensor.sum()
    agg_item = agg.item()
    tensor.add_(5)
    return out + [info(y1), info(y2), info(y3), info(z1), info(z2), info(z3), agg_item,
                  type(agg_item).__name__, info(tensor)]


@programs
def tensors_tutorial_bridge_with_numpy(torch):
    t = torch.ones(5)
    n = t.numpy()
    t.add_(1)
    first = [info(t), n.tolist()]
    n = np.ones(5)
    t = torch.from_numpy(n)
    np.add(n, 1, out=n)
    return first + [info(t), n.tolist()]


@programs
def autograd_gentle_introduction(torch):
    a = torch.tensor([2., 3.], requires_grad=True)
    b = torch.tensor([6., 4.], requires_grad=True)
    Q = 3*a**3 - b**2
    external_grad = torch.tensor([1., 1.])
    Q.backward(gradient=external_grad)
    return [info(Q), graph(Q.grad_fn), info(9*a**2 == a.grad), info(-2*b == b.grad)]


@programs
def autograd_gentle_introduction_exclusion_from_the_dag(torch):
    x = torch.full((5, 5), 0.5)
    y = torch.full((5, 5), 0.25)
    z = torch.full((5, 5), 0.75, requires_grad=True)
    a = x + y
    b = x + z
    return [a.requires_grad, b.requires_grad]


@programs
def autograd_mechanics_saved_tensors(torch):
    x = torch.tensor([0.5, -1.0, 2.0, 0.1, -0.3], requires_grad=True)
    y = x.pow(2)
    same = [x.equal(y.grad_fn._saved_self), x is y.grad_fn._saved_self]
    y = x.exp()
    return same + [y.equal(y.grad_fn._saved_result), y is y.grad_fn._saved_result]


@programs
def polynomial_fit_with_tensors_and_autograd(torch):
    dtype = torch.float
    x = torch.linspace(-math.pi, math.pi, 2000, dtype=dtype)
    y = torch.sin(x)
    a = torch.tensor(0.1, dtype=dtype, requires_grad=True)
    b = torch.tensor(-0.2, dtype=dtype, requires_grad=True)
    c = torch.tensor(0.3, dtype=dtype, requires_grad=True)
    d = torch.tensor(0.05, dtype=dtype, requires_grad=True)
    learning_rate = 1e-6
    losses = []
    for t in range(30):
        y_pred = a + b * x + c * x ** 2 + d * x ** 3
        loss = (y_pred - y).pow(2).sum()
        if t % 10 == 9:
            losses.append((t, loss.item()))
        loss.backward()
        with torch.no_grad():
            a -= learning_rate * a.grad
            b -= learning_rate * b.grad
            c -= learning_rate * c.grad
            d -= learning_rate * d.grad
            a.grad = None
            b.grad = None
            c.grad = None
            d.grad = None
    return [losses, info(a), info(b), info(c), info(d), repr(x), repr(y_pred), graph(loss.grad_fn)]


@programs
def polynomial_fit_with_a_custom_legendre_function(torch):
    class LegendrePolynomial3(torch.autograd.Function):
        @staticmethod
        def forward(ctx, input):
            ctx.save_for_backward(input)
            return 0.5 * (5 * input ** 3 - 3 * input)

        @staticmethod
        def backward(ctx, grad_output):
            input, = ctx.saved_tensors
            return grad_output * 1.5 * (5 * input ** 2 - 1)

    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    a = torch.full((), 0.1, requires_grad=True)
    b = torch.full((), -1.0, requires_grad=True)
    c = torch.full((), 0.2, requires_grad=True)
    d = torch.full((), 0.3, requires_grad=True)
    P3 = LegendrePolynomial3.apply
    for _ in range(5):
        y_pred = a + b * P3(c + d * x)
        loss = (y_pred - y).pow(2).sum()
        loss.backward()
        with torch.no_grad():
            for p in (a, b, c, d):
                p -= 5e-6 * p.grad
                p.grad = None
    return [info(loss), graph(loss.grad_fn), info(a), info(b), info(c), info(d)]


# ----- out= (used by the tensors tutorial) ------------------------------------------------

@programs
def out_argument_writes_into_the_given_tensor(torch):
    a = torch.tensor([1.0, 2.0])
    o = torch.zeros(2)
    r = torch.add(a, a, out=o)
    d = torch.zeros(2, dtype=torch.float64)
    torch.exp(a, out=d)
    return [r is o, info(o), o._version, info(d)]


@programs
def out_argument_of_another_shape_is_resized_with_a_warning(torch):
    a = torch.tensor([1.0, 2.0, 3.0])
    o, empty = torch.zeros(2), torch.zeros(0)
    torch.mul(a, a, out=o)
    torch.mul(a, a, out=empty)
    return [info(o), info(empty)]


@programs.raising
def out_argument_with_inputs_requiring_grad_raises(torch):
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    torch.mul(a, a, out=torch.zeros(2))


@programs.raising
def out_argument_of_an_integer_dtype_for_a_float_result_raises(torch):
    torch.sqrt(torch.tensor([1.0, 2.0]), out=torch.zeros(2, dtype=torch.int64))


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
