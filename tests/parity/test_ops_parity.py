"""Differentiable ops: values, result node, graph and input gradients, as in PyTorch.

Each row of the table below is one program: leaves are made from the listed values, the op
runs, and backward sends a gradient of varied weights (0.5 ... 2.0) through every output that
requires grad, so that each gradient formula is checked, not only its sum.
"""
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, grad_of, graph, info

pytestmark = pytest.mark.torch
programs = Programs()

A = [[0.5, -1.2, 2.0], [1.5, 0.3, -0.7]]
B = [[1.1, 0.4, -2.0], [0.9, -0.6, 1.3]]
ROW = [0.2, -0.5, 1.7]
COLUMN = [[0.8], [-1.4]]
POSITIVE = [[0.5, 1.2, 2.0], [1.5, 0.3, 0.7]]
TIES = [[1.0, 3.0, 3.0], [2.0, 2.0, -1.0]]
TIES_2 = [[1.0, 0.0, 3.0], [2.5, 2.0, -1.0]]
NAN = [[0.5, float("nan"), 2.0], [1.0, 0.3, -0.7]]
VECTOR = [0.3, -1.1, 2.2]


def op(name, fn, *inputs):
    """Add the program ``name``: ``fn(torch, *leaves)`` with one leaf per entry of ``inputs``."""

    def program(torch):
        leaves = [torch.tensor(values, requires_grad=True) for values in inputs]
        out = fn(torch, *leaves)
        outs = list(out) if isinstance(out, tuple) else [out]
        differentiable = [o for o in outs if o.requires_grad]
        if differentiable:
            weights = [torch.linspace(0.5, 2.0, o.numel(), dtype=o.dtype).reshape(o.shape)
                       for o in differentiable]
            sum((o * w).sum() for o, w in zip(differentiable, weights, strict=True)).backward()
        return {
            "outputs": [info(o) for o in outs],
            "graphs": [graph(o.grad_fn) for o in differentiable],
            "grads": [grad_of(x) for x in leaves],
        }

    program.__name__ = name
    programs(program)


# ----- arithmetic, with broadcasting and Python numbers ---------------------------------
op("add", lambda torch, a, b: a + b, A, B)
op("add_broadcast_row", lambda torch, a, r: a + r, A, ROW)
op("add_broadcast_column_and_row", lambda torch, c, r: c + r, COLUMN, ROW)
op("add_python_number_and_reflected", lambda torch, a: (a + 2, 2.5 + a), A)
op("add_function_form_with_alpha", lambda torch, a, b: torch.add(a, b, alpha=2), A, B)
op("add_alpha_method_form", lambda torch, a, b: a.add(b, alpha=0.5), A, B)
op("sub", lambda torch, a, b: a - b, A, B)
op("sub_broadcast_row", lambda torch, a, r: a - r, A, ROW)
op("sub_reflected_number_is_rsub", lambda torch, a: 2 - a, A)
op("sub_function_form", lambda torch, a, b: torch.sub(a, b), A, B)
op("sub_alpha_broadcast_row", lambda torch, a, r: torch.sub(a, r, alpha=3), A, ROW)
op("mul", lambda torch, a, b: a * b, A, B)
op("mul_broadcast_column", lambda torch, a, c: a * c, A, COLUMN)
op("mul_python_number_and_reflected", lambda torch, a: (a * 3, 0.5 * a), A)
op("mul_function_form", lambda torch, a, b: torch.mul(a, b), A, B)
op("mul_same_tensor_twice", lambda torch, a: a * a, A)
op("div", lambda torch, a, b: a / b, A, B)
op("div_broadcast_row", lambda torch, a, r: a / r, A, ROW)
op("div_reflected_number", lambda torch, a: 2 / a, A)
op("div_function_form", lambda torch, a, b: torch.div(a, b), A, B)
op("pow_number_exponent", lambda torch, a: a ** 2, A)
op("pow_fractional_exponent", lambda torch, p: p ** 0.5, POSITIVE)
op("pow_tensor_exponent", lambda torch, p, b: p ** b, POSITIVE, B)
op("pow_number_base", lambda torch, a: 2 ** a, A)
op("pow_function_form", lambda torch, a: torch.pow(a, 3), A)
op("pow_0_dim_tensor_exponent", lambda torch, a: a ** torch.tensor(2.0), A)
op("pow_method_form", lambda torch, a: (a.pow(2), a.pow(torch.tensor([1.0, 2.0, 3.0]))), A)
op("neg", lambda torch, a: (-a, torch.neg(a)), A)

# ----- elementwise functions, as methods and as torch.<name> --------------------------
op("abs", lambda torch, a: (a.abs(), torch.abs(a), abs(a)), A)
op("exp", lambda torch, a: (a.exp(), torch.exp(a)), A)
op("log", lambda torch, p: (p.log(), torch.log(p)), POSITIVE)
op("sqrt", lambda torch, p: (p.sqrt(), torch.sqrt(p)), POSITIVE)
op("sin", lambda torch, a: (a.sin(), torch.sin(a)), A)
op("cos", lambda torch, a: (a.cos(), torch.cos(a)), A)
op("tanh", lambda torch, a: (a.tanh(), torch.tanh(a)), A)
op("sigmoid", lambda torch, a: (a.sigmoid(), torch.sigmoid(a)), A)
op("relu", lambda torch, a: (a.relu(), torch.relu(a)), A)
op("clamp_min_and_max", lambda torch, a: a.clamp(min=-0.5, max=1.0), A)
op("clamp_min_only_function_form", lambda torch, a: torch.clamp(a, min=0.0), A)
op("maximum_and_minimum", lambda torch, a, b: (torch.maximum(a, b), torch.minimum(a, b)), A, B)
op("maximum_with_ties_splits_the_gradient", lambda torch, t, u: torch.maximum(t, u), TIES, TIES_2)
op("minimum_with_ties_splits_the_gradient", lambda torch, t, u: t.minimum(u), TIES, TIES_2)
op("sigmoid_of_large_values", lambda torch, a: (a * 100).sigmoid(), A)
op("clamp_of_an_int_tensor_to_a_float_bound_gives_floats",
   lambda torch, a: (a.long().clamp(min=0.5), a.long().clamp(max=1)), A)
op("where_picks_from_two_tensors", lambda torch, a, b: torch.where(a > 0, a, b), A, B)
op("where_with_a_number", lambda torch, a: torch.where(a > 0, a, 0.0), A)
op("where_with_two_numbers_is_float32",
   lambda torch, a: (torch.where(a > 0, 1.0, 0.0), torch.where(a > 0, 1, 0)), A)


# ----- reductions -------------------------------------------------------------------
op("sum_all", lambda torch, a: a.sum(), A)
op("sum_dim_0", lambda torch, a: a.sum(dim=0), A)
op("sum_dim_1_keepdim", lambda torch, a: a.sum(1, keepdim=True), A)
op("sum_over_a_tuple_of_dims", lambda torch, a: a.sum((0, 1)), A)
op("sum_function_form_negative_dim", lambda torch, a: torch.sum(a, -1), A)
op("mean_all", lambda torch, a: a.mean(), A)
op("mean_and_sum_of_nothing", lambda torch, a: (a[:0].mean(), a[:0].sum()), A)
op("mean_dim_1", lambda torch, a: a.mean(dim=1), A)
op("mean_dim_0_keepdim_function_form", lambda torch, a: torch.mean(a, 0, keepdim=True), A)
op("max_all", lambda torch, a: a.max(), A)
op("max_all_with_ties_shares_the_gradient", lambda torch, t: t.max(), TIES)
op("max_dim_gives_values_and_indices", lambda torch, a: tuple(a.max(dim=1)), A)
op("max_and_maximum_with_a_nan",
   lambda torch, n, b: (n.max(), n.min(), torch.maximum(n, b)), NAN, B)
op("min_dim_keepdim", lambda torch, a: tuple(a.min(0, keepdim=True)), A)
op("min_all_function_form", lambda torch, a: torch.min(a), A)
op("var_all", lambda torch, a: a.var(), A)
op("var_dim_1_biased", lambda torch, a: a.var(dim=1, unbiased=False), A)
op("std_all", lambda torch, a: a.std(), A)
op("std_dim_0_keepdim", lambda torch, a: a.std(0, keepdim=True), A)
op("std_of_equal_values_has_zero_gradient", lambda torch, t: (t[:, 1:2].std(), t.std(1)),
   [[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]])
op("softmax_dim_1", lambda torch, a: a.softmax(dim=1), A)
op("softmax_function_form_dim_0", lambda torch, a: torch.softmax(a, dim=0), A)
op("log_softmax_dim_1", lambda torch, a: a.log_softmax(1), A)
op("log_softmax_function_form_dim_minus_1", lambda torch, a: torch.log_softmax(a, dim=-1), A)

op("sum_with_a_dtype", lambda torch, a: a.sum(dtype=torch.float64), A)
op("argmax_and_comparisons_are_not_differentiable",
   lambda torch, a: (a.argmax(), a.argmax(dim=1), a > 0, a == 0.5), A)
op("sum_of_bools_and_ints_is_int64",
   lambda torch, a: ((a > 0).sum(), (a > 0).long().sum(1), a * 1), A)
op("max_of_two_tensors_via_max", lambda torch, a, b: torch.max(a, b), A, B)
op("norm", lambda torch, a: a.norm(), A)
op("square_and_reciprocal", lambda torch, a: (a.square(), a.reciprocal()), A)
op("masked_fill", lambda torch, a: a.masked_fill(a < 0, 0.0), A)
op("masked_fill_with_a_0_dim_tensor", lambda torch, a, v: a.masked_fill(a > 1, v), A, 5.0)
op("mean_with_a_dtype",
   lambda torch, a: (a.mean(dtype=torch.float64), a.mean(1, dtype=torch.float64)), A)
op("gather_along_dim_1", lambda torch, a: a.gather(1, torch.tensor([[2, 0], [1, 1]])), A)

# ----- shape ops --------------------------------------------------------------------
op("reshape", lambda torch, a: a.reshape(3, 2), A)
op("reshape_function_form_with_minus_one", lambda torch, a: torch.reshape(a, (-1,)), A)
op("view", lambda torch, a: a.view(1, 6), A)
op("transpose", lambda torch, a: a.transpose(0, 1), A)
op("permute", lambda torch, a: a.unsqueeze(0).permute(2, 0, 1), A)
op("t", lambda torch, a: (a.t(), torch.t(a)), A)
op("squeeze_and_unsqueeze", lambda torch, c: (c.squeeze(), c.squeeze(1), c.unsqueeze(0)), COLUMN)
op("expand", lambda torch, c: c.expand(2, 4), COLUMN)
op("expand_with_minus_one_and_new_dims", lambda torch, r: r.expand(2, -1), ROW)
op("flatten", lambda torch, a: (a.flatten(), torch.flatten(a.unsqueeze(2), 1)), A)
op("repeat", lambda torch, r: r.repeat(2, 2), ROW)
op("unbind_and_select", lambda torch, a: (*a.unbind(1), a.select(0, -1)), A)
op("narrow", lambda torch, a: a.narrow(1, 1, 2), A)
op("contiguous_after_transpose", lambda torch, a: a.t().contiguous().view(6), A)
op("view_as_and_expand_as", lambda torch, a, r: (a.view_as(a.t()), r.expand_as(a)), A, ROW)
op("reshape_of_a_non_contiguous_tensor_copies", lambda torch, a: a.t().reshape(6), A)
op("reshape_of_a_non_contiguous_tensor_that_can_stay_a_view",
   lambda torch, a: (a.t().reshape(3, 2), a[:, :2].reshape(2, 2), a[:, 1].reshape(2, 1)), A)
op("reshape_of_an_expanded_tensor", lambda torch, c: (c.expand(2, 3).reshape(6),
                                                      c.expand(2, 3).reshape(2, 3)), COLUMN)
op("flatten_of_a_vector_and_of_a_0_dim_tensor", lambda torch, r: (r.flatten(), r[0].flatten()), ROW)
op("index_with_none_ellipsis_and_steps", lambda torch, a: (a[None], a[..., None], a[:, ::2]), A)
op("mT_and_swapaxes", lambda torch, a: (a.mT, a.swapaxes(0, 1)), A)
op("cat_dim_0_and_1", lambda torch, a, b: (torch.cat([a, b]), torch.cat((a, b), dim=1)), A, B)
op("stack_dim_0_and_1", lambda torch, a, b: (torch.stack([a, b]), torch.stack([a, b], 1)), A, B)

# ----- matrix products --------------------------------------------------------------
op("matmul_matrix_matrix_is_mm", lambda torch, a, b: a @ b.t(), A, B)
op("mm_function_form", lambda torch, a, b: torch.mm(a, b.t()), A, B)
op("matmul_matrix_vector_is_mv", lambda torch, a, v: a @ v, A, VECTOR)
op("matmul_vector_vector_is_dot", lambda torch, r, v: torch.matmul(r, v), ROW, VECTOR)



def batched(program):
    """Batched matmul: PyTorch's graph is a chain of views around BmmBackward0/MmBackward0;
    minigrad records one MatmulBackward0 node (see test_known_differences.py). Values, shapes,
    dtypes and gradients are compared."""

    def compare_values_only(torch):
        a, b, out = program(torch)
        out.backward(torch.linspace(0.5, 2.0, out.numel()).reshape(out.shape))
        return [list(out.shape), str(out.dtype), out.tolist(), a.grad.tolist(), b.grad.tolist()]

    compare_values_only.__name__ = program.__name__
    return programs(compare_values_only)


def leaves(torch, *shapes):
    """Leaves with distinct values: 0.1, 0.2, ... (minus 0.5 to have both signs)."""
    made, start = [], 1
    for shape in shapes:
        n = 1
        for size in shape:
            n *= size
        values = torch.arange(start, start + n).reshape(shape) * 0.1 - 0.5
        made.append(values.float().requires_grad_())
        start += n
    return made


@batched
def matmul_batch_by_batch(torch):
    a, b = leaves(torch, (2, 2, 3), (2, 3, 4))
    return a, b, a @ b


@batched
def matmul_batch_by_matrix_broadcasts(torch):
    a, b = leaves(torch, (2, 2, 3), (3, 4))
    return a, b, torch.matmul(a, b)


@batched
def matmul_matrix_by_batch_broadcasts(torch):
    a, b = leaves(torch, (2, 3), (2, 3, 4))
    return a, b, a @ b


@batched
def matmul_vector_by_matrix(torch):
    a, b = leaves(torch, (3,), (3, 4))
    return a, b, a @ b


@batched
def matmul_batch_by_vector(torch):
    a, b = leaves(torch, (2, 2, 3), (3,))
    return a, b, a @ b


@batched
def matmul_vector_by_batch(torch):
    a, b = leaves(torch, (3,), (2, 3, 4))
    return a, b, a @ b


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
