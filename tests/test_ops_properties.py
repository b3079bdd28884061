"""Every differentiable op, checked on random shapes and values (hypothesis).

One table, ``CASES``: for each op, how to call it (on minigrad or, for comparison, on
PyTorch: ``call(lib, *tensors, **params)``), the same op in NumPy, and how to draw inputs
inside the op's smooth domain (log and sqrt see positive numbers; abs, relu, clamp, max
and maximum never see a kink or a tie). For each case:

* forward matches NumPy;
* backward matches central finite differences of the NumPy forward (a vector-Jacobian
  product with a random upstream gradient, float64);
* second derivatives (``create_graph=True``) match finite differences of the gradient;
* when PyTorch is installed, forward and gradients match PyTorch's.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import minigrad

# Deterministic examples: the suite gives the same verdict on every machine and CI run.
PROPERTY_SETTINGS = settings(
    max_examples=20, deadline=None, database=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
EPS = 1e-6  # finite-difference step: float64 keeps ~10 good digits of the slope


# ----- drawing inputs ------------------------------------------------------------------------


def draw_shape(data, min_dims=0, max_dims=3, min_side=1, max_side=4):
    return data.draw(hnp.array_shapes(min_dims=min_dims, max_dims=max_dims,
                                      min_side=min_side, max_side=max_side))


def draw_floats(data, shape, low=-3.0, high=3.0):
    elements = st.floats(low, high, allow_nan=False, allow_infinity=False)
    return data.draw(hnp.arrays(np.float64, shape, elements=elements))


def draw_positive(data, shape):
    return draw_floats(data, shape, 0.2, 3.0)


def draw_nonzero(data, shape):
    """|x| >= 0.5: safe to divide by."""
    magnitude = draw_floats(data, shape, 0.5, 3.0)
    signs = data.draw(hnp.arrays(np.bool_, shape))
    return np.where(signs, magnitude, -magnitude)


def draw_grid(data, shape, offset=0.0, unique=False):
    """Multiples of 0.1 (plus ``offset``): values stay >= 0.05 away from kinks and each other."""
    bound = 99 if unique else 30  # room for 64 distinct values
    steps = data.draw(hnp.arrays(np.int64, shape, elements=st.integers(-bound, bound),
                                 unique=unique))
    return np.asarray(steps / 10 + offset)  # 0-dim stays an array


def draw_dims(data, ndim):
    """A non-empty set of dims to reduce over, as an int or a tuple, some of them negative."""
    dims = data.draw(st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True))
    dims = [d - ndim if data.draw(st.booleans()) else d for d in dims]
    return dims[0] if len(dims) == 1 and data.draw(st.booleans()) else tuple(dims)


def axes(dims, ndim):
    """NumPy's axis argument for minigrad's dim argument."""
    if dims is None:
        return None
    return tuple(d % ndim for d in ((dims,) if isinstance(dims, int) else dims))


def draw_broadcastable(data, count=2):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=count, max_dims=3, max_side=3))
    return shapes.input_shapes


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(x, dim):
    e = np.exp(x - x.max(axis=dim, keepdims=True))
    return e / e.sum(axis=dim, keepdims=True)


# ----- the table -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One op: ``call(lib, *tensors, **params)`` vs ``reference(*arrays, **params)``."""

    name: str
    call: Callable
    reference: Callable
    draw: Callable  # draw(data) -> (list of float64 arrays, dict of params)

    def __repr__(self) -> str:
        return self.name


def unary(name, call, reference, draw_values=draw_floats):
    def draw(data):
        return [draw_values(data, draw_shape(data))], {}

    return Case(name, call, reference, draw)


def binary(name, call, reference, draw_a=draw_floats, draw_b=draw_floats):
    def draw(data):
        shape_a, shape_b = draw_broadcastable(data)
        return [draw_a(data, shape_a), draw_b(data, shape_b)], {}

    return Case(name, call, reference, draw)


def draw_clamp(data):
    x = draw_grid(data, draw_shape(data), offset=0.05)
    low, high = sorted(data.draw(st.lists(st.integers(-20, 20), min_size=2, max_size=2,
                                          unique=True)))
    which = data.draw(st.sampled_from(["both", "min", "max"]))
    return [x], {"low": low / 10 if which != "max" else None,
                 "high": high / 10 if which != "min" else None}


def draw_pow_scalar(data):
    x = draw_positive(data, draw_shape(data))
    return [x], {"exponent": data.draw(st.sampled_from([2, 3, 0.5, -1.0, 1.5, -2]))}


def draw_where(data):
    shape_c, shape_a, shape_b = draw_broadcastable(data, 3)
    condition = data.draw(hnp.arrays(np.bool_, shape_c))
    return [draw_floats(data, shape_a), draw_floats(data, shape_b)], {"condition": condition}


def draw_reduction(data, min_side=1, unique=False):
    shape = draw_shape(data, min_dims=1, min_side=min_side)
    values = draw_grid(data, shape, unique=True) if unique else draw_floats(data, shape)
    return [values], {"dims": draw_dims(data, len(shape)), "keepdim": data.draw(st.booleans())}


def draw_max_dim(data):
    shape = draw_shape(data, min_dims=1)
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    return [draw_grid(data, shape, unique=True)], {"dim": dim, "keepdim": data.draw(st.booleans())}


def draw_unique_any_shape(data):
    return [draw_grid(data, draw_shape(data), unique=True)], {}


def draw_var(data):
    shape = draw_shape(data, min_dims=1, min_side=2)  # two values at least: N - 1 > 0
    dims = data.draw(st.none() | st.just(draw_dims(data, len(shape))))
    values = draw_grid(data, shape, unique=True)  # never all equal: std is smooth only there
    return [values], {
        "dims": dims, "unbiased": data.draw(st.booleans()), "keepdim": data.draw(st.booleans()),
    }


def var_reference(x, dims, unbiased, keepdim, take_root=False):
    out = np.var(x, axis=axes(dims, x.ndim), ddof=int(unbiased), keepdims=keepdim)
    return np.sqrt(out) if take_root else out


def draw_one_dim(data, min_dims=1):
    shape = draw_shape(data, min_dims=min_dims)
    return [draw_floats(data, shape)], {"dim": data.draw(st.integers(-len(shape), len(shape) - 1))}


def draw_two_dims(data):
    shape = draw_shape(data, min_dims=1)
    dim = st.integers(-len(shape), len(shape) - 1)
    return [draw_floats(data, shape)], {"dim0": data.draw(dim), "dim1": data.draw(dim)}


def draw_permutation(data):
    shape = draw_shape(data, min_dims=1)
    dims = tuple(data.draw(st.permutations(range(len(shape)))))
    return [draw_floats(data, shape)], {"dims": dims}


def draw_with_ones(data, min_dims=0):
    shape = draw_shape(data, min_dims=min_dims, max_side=2)  # many size-1 dims
    return draw_floats(data, shape)


def draw_squeeze_dim(data):
    x = draw_with_ones(data, min_dims=1)
    return [x], {"dim": data.draw(st.integers(-x.ndim, x.ndim - 1))}


def draw_unsqueeze(data):
    x = draw_floats(data, draw_shape(data))
    return [x], {"dim": data.draw(st.integers(-x.ndim - 1, x.ndim))}


def draw_expand(data):
    x = draw_with_ones(data)
    grown = [data.draw(st.integers(1, 3)) if n == 1 else n for n in x.shape]
    grown = [-1 if n == m and data.draw(st.booleans()) else n
             for n, m in zip(grown, x.shape, strict=True)]
    lead = data.draw(st.lists(st.integers(1, 3), max_size=2))
    return [x], {"sizes": tuple(lead + grown)}


def expand_reference(x, sizes):
    lead = len(sizes) - x.ndim
    target = [x.shape[i - lead] if n == -1 else n for i, n in enumerate(sizes)]
    return np.broadcast_to(x, target)


def draw_flatten(data):
    shape = draw_shape(data, min_dims=1)
    start = data.draw(st.integers(0, len(shape) - 1))
    end = data.draw(st.integers(start, len(shape) - 1))
    return [draw_floats(data, shape)], {"start": start, "end": end}


def flatten_reference(x, start, end):
    return x.reshape(x.shape[:start] + (-1,) + x.shape[end + 1:])


def draw_cat(data):
    shape = list(draw_shape(data, min_dims=1))
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    arrays = []
    for _ in range(data.draw(st.integers(1, 3))):
        shape[dim] = data.draw(st.integers(1, 3))
        arrays.append(draw_floats(data, tuple(shape)))
    return arrays, {"dim": dim}


def draw_stack(data):
    shape = draw_shape(data)
    arrays = [draw_floats(data, shape) for _ in range(data.draw(st.integers(1, 3)))]
    return arrays, {"dim": data.draw(st.integers(-len(shape) - 1, len(shape)))}


def draw_matrices(data, a_dims, b_dims):
    n, k, m = (data.draw(st.integers(1, 4)) for _ in range(3))
    a_shape = {1: (k,), 2: (n, k)}[a_dims]
    b_shape = {1: (k,), 2: (k, m)}[b_dims]
    return [draw_floats(data, a_shape), draw_floats(data, b_shape)], {}


def draw_batched_matmul(data):
    n, k, m = (data.draw(st.integers(1, 3)) for _ in range(3))
    kind = data.draw(st.sampled_from(["batch", "vector_left", "vector_right"]))
    batch_a, batch_b = draw_broadcastable(data)
    a_shape = (k,) if kind == "vector_left" else tuple(batch_a) + (n, k)
    b_shape = (k,) if kind == "vector_right" else tuple(batch_b) + (k, m)
    if len(a_shape) <= 2 and len(b_shape) <= 2:  # make sure this is the batched case
        a_shape = (2,) + a_shape if kind != "vector_left" else a_shape
        b_shape = (2,) + b_shape if kind == "vector_left" else b_shape
    return [draw_floats(data, a_shape), draw_floats(data, b_shape)], {}


def draw_int_index(data):
    x = draw_floats(data, draw_shape(data, min_dims=1))
    return [x], {"index": data.draw(st.integers(-x.shape[0], x.shape[0] - 1))}


def draw_slices(data):
    x = draw_floats(data, draw_shape(data, min_dims=1))
    key = []
    for n in x.shape:
        start = data.draw(st.integers(-n, n - 1))
        key.append(slice(start, data.draw(st.integers(-n, n) | st.none()),
                         data.draw(st.integers(1, 3))))
    return [x], {"key": tuple(key)}


def draw_list_index(data):
    x = draw_floats(data, draw_shape(data, min_dims=1))
    n = x.shape[0]  # indices may repeat: their gradients must add up
    return [x], {"indices": data.draw(st.lists(st.integers(-n, n - 1), min_size=1, max_size=5))}


def draw_mask(data):
    x = draw_floats(data, draw_shape(data, min_dims=1))
    return [x], {"mask": data.draw(hnp.arrays(np.bool_, x.shape))}


def draw_gather(data):
    shape = draw_shape(data, min_dims=1)
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    index_shape = tuple(data.draw(st.integers(1, n)) for n in shape)
    index_shape = index_shape[:dim % len(shape)] + (data.draw(st.integers(1, 4)),) + \
        index_shape[dim % len(shape) + 1:]
    index = data.draw(hnp.arrays(np.int64, index_shape,
                                 elements=st.integers(0, shape[dim] - 1)))
    return [draw_floats(data, shape)], {"dim": dim, "index": index}


def gather_reference(a, dim, index):
    """out[i, j] = a[index[i, j], j] for dim 0, one element at a time."""
    out = np.empty(index.shape)
    for position in np.ndindex(index.shape):
        source = list(position)
        source[dim] = index[position]
        out[position] = a[tuple(source)]
    return out


def draw_narrow(data):
    x = draw_floats(data, draw_shape(data, min_dims=1))
    dim = data.draw(st.integers(0, x.ndim - 1))
    start = data.draw(st.integers(0, x.shape[dim] - 1))
    return [x], {"dim": dim, "start": start,
                 "length": data.draw(st.integers(0, x.shape[dim] - start))}


def draw_repeat(data):
    x = draw_floats(data, draw_shape(data, max_dims=2, max_side=3))
    extra = data.draw(st.integers(0 if x.ndim else 1, 1))  # at least one repeat count
    return [x], {"repeats": tuple(data.draw(st.integers(1, 3)) for _ in range(x.ndim + extra))}


def draw_multi_index(data):
    x = draw_floats(data, draw_shape(data, min_dims=2))
    count = data.draw(st.integers(1, 4))
    rows = data.draw(st.lists(st.integers(0, x.shape[0] - 1), min_size=count, max_size=count))
    cols = data.draw(st.lists(st.integers(0, x.shape[1] - 1), min_size=count, max_size=count))
    return [x], {"rows": rows, "cols": cols}


CASES = [
    # elementwise, one input
    unary("neg", lambda lib, a: -a, np.negative),
    unary("abs", lambda lib, a: lib.abs(a), np.abs, lambda d, s: draw_grid(d, s, 0.05)),
    unary("exp", lambda lib, a: lib.exp(a), np.exp),
    unary("log", lambda lib, a: lib.log(a), np.log, draw_positive),
    unary("sqrt", lambda lib, a: lib.sqrt(a), np.sqrt, draw_positive),
    unary("sin", lambda lib, a: lib.sin(a), np.sin),
    unary("cos", lambda lib, a: lib.cos(a), np.cos),
    unary("tanh", lambda lib, a: lib.tanh(a), np.tanh),
    unary("sigmoid", lambda lib, a: lib.sigmoid(a), sigmoid),
    unary("relu", lambda lib, a: lib.relu(a), lambda a: np.maximum(a, 0),
          lambda d, s: draw_grid(d, s, 0.05)),
    unary("reciprocal", lambda lib, a: 1.5 / a, lambda a: 1.5 / a, draw_nonzero),
    unary("scalar_base_pow", lambda lib, a: 2.0 ** a, lambda a: np.power(2.0, a)),
    Case("clamp", lambda lib, a, low, high: lib.clamp(a, low, high),
         lambda a, low, high: np.clip(a, low, high), draw_clamp),
    Case("pow_scalar_exponent", lambda lib, a, exponent: a ** exponent,
         lambda a, exponent: np.power(a, exponent), draw_pow_scalar),
    # elementwise, two inputs (broadcasting)
    binary("add", lambda lib, a, b: a + b, np.add),
    binary("sub", lambda lib, a, b: a - b, np.subtract),
    binary("mul", lambda lib, a, b: a * b, np.multiply),
    binary("div", lambda lib, a, b: a / b, np.divide, draw_b=draw_nonzero),
    binary("pow_tensor_exponent", lambda lib, a, b: a ** b, np.power, draw_a=draw_positive),
    binary("maximum", lambda lib, a, b: lib.maximum(a, b), np.maximum,
           draw_grid, lambda d, s: draw_grid(d, s, 0.05)),
    binary("minimum", lambda lib, a, b: lib.minimum(a, b), np.minimum,
           draw_grid, lambda d, s: draw_grid(d, s, 0.05)),
    unary("add_number", lambda lib, a: a + 2.5, lambda a: a + 2.5),
    unary("number_sub", lambda lib, a: 2.5 - a, lambda a: 2.5 - a),
    unary("mul_number", lambda lib, a: a * -1.5, lambda a: a * -1.5),
    unary("div_number", lambda lib, a: a / 4.0, lambda a: a / 4.0),
    Case("where", lambda lib, a, b, condition: lib.where(lib.tensor(condition), a, b),
         lambda a, b, condition: np.where(condition, a, b), draw_where),
    # reductions
    unary("sum", lambda lib, a: a.sum(), np.sum),
    Case("sum_dim", lambda lib, a, dims, keepdim: a.sum(dim=dims, keepdim=keepdim),
         lambda a, dims, keepdim: np.sum(a, axis=axes(dims, a.ndim), keepdims=keepdim),
         draw_reduction),
    unary("mean", lambda lib, a: a.mean(), np.mean),
    Case("mean_dim", lambda lib, a, dims, keepdim: a.mean(dim=dims, keepdim=keepdim),
         lambda a, dims, keepdim: np.mean(a, axis=axes(dims, a.ndim), keepdims=keepdim),
         draw_reduction),
    Case("max", lambda lib, a: a.max(), np.max, draw_unique_any_shape),
    Case("min", lambda lib, a: a.min(), np.min, draw_unique_any_shape),
    Case("max_dim", lambda lib, a, dim, keepdim: a.max(dim, keepdim)[0],
         lambda a, dim, keepdim: np.max(a, axis=dim, keepdims=keepdim), draw_max_dim),
    Case("min_dim", lambda lib, a, dim, keepdim: a.min(dim=dim, keepdim=keepdim).values,
         lambda a, dim, keepdim: np.min(a, axis=dim, keepdims=keepdim), draw_max_dim),
    Case("var", lambda lib, a, dims, unbiased, keepdim: a.var(dims, unbiased, keepdim),
         var_reference, draw_var),
    Case("std", lambda lib, a, dims, unbiased, keepdim: a.std(dims, unbiased, keepdim),
         lambda a, **params: var_reference(a, take_root=True, **params), draw_var),
    Case("softmax", lambda lib, a, dim: lib.softmax(a, dim), softmax, draw_one_dim),
    Case("log_softmax", lambda lib, a, dim: a.log_softmax(dim),
         lambda a, dim: np.log(softmax(a, dim)), draw_one_dim),
    # shape
    unary("reshape", lambda lib, a: a.reshape(tuple(reversed(a.shape))),
          lambda a: a.reshape(tuple(reversed(a.shape)))),
    unary("view_flat", lambda lib, a: a.view(-1), lambda a: a.reshape(-1)),
    Case("transpose", lambda lib, a, dim0, dim1: a.transpose(dim0, dim1),
         lambda a, dim0, dim1: np.swapaxes(a, dim0, dim1), draw_two_dims),
    Case("permute", lambda lib, a, dims: a.permute(*dims),
         lambda a, dims: np.transpose(a, dims), draw_permutation),
    Case("t", lambda lib, a: a.t(), lambda a: a.T,
         lambda d: ([draw_floats(d, draw_shape(d, max_dims=2))], {})),
    unary("squeeze", lambda lib, a: a.squeeze(), np.squeeze,
          lambda d, s: draw_with_ones(d)),
    Case("squeeze_dim", lambda lib, a, dim: a.squeeze(dim),
         lambda a, dim: np.squeeze(a, dim) if a.shape[dim] == 1 else a, draw_squeeze_dim),
    Case("unsqueeze", lambda lib, a, dim: a.unsqueeze(dim),
         lambda a, dim: np.expand_dims(a, dim % (a.ndim + 1)), draw_unsqueeze),
    Case("expand", lambda lib, a, sizes: a.expand(sizes), expand_reference, draw_expand),
    Case("flatten", lambda lib, a, start, end: a.flatten(start, end), flatten_reference,
         draw_flatten),
    Case("cat", lambda lib, *tensors, dim: lib.cat(list(tensors), dim=dim),
         lambda *arrays, dim: np.concatenate(arrays, axis=dim), draw_cat),
    Case("stack", lambda lib, *tensors, dim: lib.stack(list(tensors), dim=dim),
         lambda *arrays, dim: np.stack(arrays, axis=dim), draw_stack),
    # linear algebra
    Case("mm", lambda lib, a, b: a.mm(b), np.matmul, lambda d: draw_matrices(d, 2, 2)),
    Case("mv", lambda lib, a, b: a.mv(b), np.matmul, lambda d: draw_matrices(d, 2, 1)),
    Case("dot", lambda lib, a, b: a.dot(b), np.dot, lambda d: draw_matrices(d, 1, 1)),
    Case("matmul_2d", lambda lib, a, b: a @ b, np.matmul, lambda d: draw_matrices(d, 2, 2)),
    Case("matmul_batched", lambda lib, a, b: lib.matmul(a, b), np.matmul, draw_batched_matmul),
    # indexing
    Case("index_int", lambda lib, a, index: a[index], lambda a, index: a[index], draw_int_index),
    Case("index_slices", lambda lib, a, key: a[key], lambda a, key: a[key], draw_slices),
    Case("index_list", lambda lib, a, indices: a[indices], lambda a, indices: a[indices],
         draw_list_index),
    Case("index_mask", lambda lib, a, mask: a[lib.tensor(mask)], lambda a, mask: a[mask],
         draw_mask),
    Case("index_rows_and_columns", lambda lib, a, rows, cols: a[rows, cols],
         lambda a, rows, cols: a[rows, cols], draw_multi_index),
    Case("index_newaxis_ellipsis", lambda lib, a: a[None, ..., 0],
         lambda a: a[None, ..., 0], lambda d: ([draw_floats(d, draw_shape(d, min_dims=1))], {})),
    Case("select", lambda lib, a, index: a.select(0, index),
         lambda a, index: a[index], draw_int_index),
    Case("narrow", lambda lib, a, dim, start, length: a.narrow(dim, start, length),
         lambda a, dim, start, length: np.take(a, range(start, start + length), axis=dim),
         draw_narrow),
    Case("gather", lambda lib, a, dim, index: a.gather(dim, lib.tensor(index)),
         gather_reference, draw_gather),
    Case("masked_fill", lambda lib, a, mask: a.masked_fill(lib.tensor(mask), 0.5),
         lambda a, mask: np.where(mask, 0.5, a), draw_mask),
    # more of the same families
    unary("square", lambda lib, a: lib.square(a), np.square),
    unary("sign", lambda lib, a: lib.sign(a), np.sign, lambda d, s: draw_grid(d, s, 0.05)),
    unary("clone", lambda lib, a: a.clone(), np.copy),
    unary("norm", lambda lib, a: a.norm(), lambda a: np.sqrt(np.sum(a * a)), draw_nonzero),
    Case("repeat", lambda lib, a, repeats: a.repeat(*repeats),
         lambda a, repeats: np.tile(a, repeats), draw_repeat),
    Case("mT", lambda lib, a: a.mT, lambda a: np.swapaxes(a, -1, -2),
         lambda d: ([draw_floats(d, draw_shape(d, min_dims=2))], {})),
    Case("view_as", lambda lib, a: a.view(-1).view_as(a), lambda a: a.copy(),
         lambda d: ([draw_floats(d, draw_shape(d))], {})),
    Case("expand_as", lambda lib, a: a.expand_as(lib.zeros(3, *a.shape, dtype=a.dtype)),
         lambda a: np.broadcast_to(a, (3, *a.shape)), lambda d: ([draw_with_ones(d)], {})),
]


# ----- the checks ----------------------------------------------------------------------------


def run_minigrad(case, arrays, params, upstream):
    """Forward and backward in minigrad: (output array, gradient arrays)."""
    leaves = [minigrad.tensor(a, requires_grad=True) for a in arrays]
    out = case.call(minigrad, *leaves, **params)
    out.backward(minigrad.tensor(upstream))
    return out.detach().numpy(), [leaf.grad.numpy() for leaf in leaves]


def finite_difference_vjp(case, arrays, params, upstream):
    """upstream · d reference / d input, measured by nudging each input element by ±EPS."""
    arrays = [a.copy() for a in arrays]
    grads = []
    for x in arrays:
        grad = np.zeros_like(x)
        for index in np.ndindex(x.shape):
            original = x[index]
            x[index] = original + EPS
            plus = np.array(case.reference(*arrays, **params))  # a copy: views would move
            x[index] = original - EPS
            minus = np.array(case.reference(*arrays, **params))
            x[index] = original
            grad[index] = np.sum(upstream * (plus - minus)) / (2 * EPS)
        grads.append(grad)
    return grads


def draw_upstream(data, shape):
    return data.draw(hnp.arrays(np.float64, shape, elements=st.floats(-1.0, 1.0)))


@pytest.mark.parametrize("case", CASES, ids=repr)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_forward_and_backward_match_numpy(case, data):
    arrays, params = case.draw(data)
    expected = np.asarray(case.reference(*arrays, **params))
    upstream = draw_upstream(data, expected.shape)
    out, grads = run_minigrad(case, arrays, params, upstream)
    assert out.shape == expected.shape and out.dtype == np.float64
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)
    measured = finite_difference_vjp(case, arrays, params, upstream)
    for index, (grad, slope) in enumerate(zip(grads, measured, strict=True)):
        assert grad.shape == arrays[index].shape and grad.dtype == np.float64
        np.testing.assert_allclose(grad, slope, rtol=1e-5, atol=1e-6,
                                   err_msg=f"gradient of input {index}")


def first_gradients(case, arrays, params, upstream, create_graph=False):
    """The inputs and their gradients (``upstream`` · d op / d input) from minigrad."""
    leaves = [minigrad.tensor(a, requires_grad=True) for a in arrays]
    out = case.call(minigrad, *leaves, **params)
    grads = minigrad.autograd.grad(out, leaves, minigrad.tensor(upstream),
                                   create_graph=create_graph, allow_unused=True)
    return leaves, grads


@pytest.mark.parametrize("case", CASES, ids=repr)
@settings(PROPERTY_SETTINGS, max_examples=10)
@given(data=st.data())
def test_second_derivatives_match_finite_differences(case, data):
    """create_graph=True differentiates each backward formula: compare with its measured slope."""
    arrays, params = case.draw(data)
    upstream = draw_upstream(data, np.shape(case.reference(*arrays, **params)))
    weights = [draw_upstream(data, a.shape) for a in arrays]
    leaves, grads = first_gradients(case, arrays, params, upstream, create_graph=True)
    total = sum((g * minigrad.tensor(w)).sum()
                for g, w in zip(grads, weights, strict=True) if g is not None)
    if isinstance(total, minigrad.Tensor) and total.requires_grad:
        second = minigrad.autograd.grad(total, leaves, allow_unused=True)
    else:  # the gradient does not depend on the inputs: the op is linear
        second = [None] * len(leaves)

    def weighted_gradient(*nudged):
        _, grads = first_gradients(case, nudged, params, upstream)
        return np.asarray(sum(np.sum(g.numpy() * w) for g, w in zip(grads, weights, strict=True)
                              if g is not None))

    measured = finite_difference_vjp(Case(case.name, None, weighted_gradient, None), arrays, {},
                                     np.ones(()))
    for index, (grad, slope) in enumerate(zip(second, measured, strict=True)):
        grad = np.zeros_like(slope) if grad is None else grad.numpy()
        np.testing.assert_allclose(grad, slope, rtol=1e-4, atol=1e-5,
                                   err_msg=f"second derivative wrt input {index}")


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch", reason="comparing with PyTorch needs torch installed")


@pytest.mark.torch
@pytest.mark.parametrize("case", CASES, ids=repr)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_forward_and_gradients_match_torch(torch, case, data):
    arrays, params = case.draw(data)
    expected = np.asarray(case.reference(*arrays, **params))
    upstream = draw_upstream(data, expected.shape)
    out, grads = run_minigrad(case, arrays, params, upstream)
    leaves = [torch.tensor(a, requires_grad=True) for a in arrays]
    torch_out = case.call(torch, *leaves, **params)
    torch_out.backward(torch.tensor(upstream))
    np.testing.assert_allclose(out, torch_out.detach().numpy(), rtol=1e-12, atol=1e-12)
    for index, (grad, leaf) in enumerate(zip(grads, leaves, strict=True)):
        np.testing.assert_allclose(grad, leaf.grad.numpy(), rtol=1e-10, atol=1e-12,
                                   err_msg=f"gradient of input {index}")


def test_the_table_covers_every_differentiable_op():
    names = {case.name for case in CASES}
    assert len(names) == len(CASES), "case names must be unique"
    required = {
        "add", "sub", "mul", "div", "pow_scalar_exponent", "pow_tensor_exponent", "neg", "abs",
        "exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "relu", "clamp", "maximum",
        "minimum", "where", "sum_dim", "mean_dim", "max_dim", "min_dim", "var", "std", "softmax",
        "log_softmax", "reshape", "transpose", "permute", "t", "squeeze", "unsqueeze", "expand",
        "flatten", "cat", "stack", "mm", "mv", "dot", "matmul_batched", "index_int",
        "index_slices", "index_list", "index_mask",
    }
    assert required <= names, f"missing: {sorted(required - names)}"
