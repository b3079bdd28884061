"""Misuse: PyTorch's exception type and the first line of its message, and its warnings.

Every program here makes PyTorch raise (or warn); minigrad must say the same thing, so that
a learner can search for the message and find PyTorch's documentation and forum answers.
"""
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, info

pytestmark = pytest.mark.torch
programs = Programs()
raising = programs.raising


def leaf(torch, values=(1.0, 2.0, 3.0)):
    return torch.tensor(list(values), requires_grad=True)


# ----- backward and grad ----------------------------------------------------------------

@raising
def backward_on_a_non_scalar_without_gradient(torch):
    (leaf(torch) * 2).backward()


@raising
def backward_on_a_tensor_that_does_not_require_grad(torch):
    torch.tensor([1.0, 2.0]).sum().backward()


@raising
def backward_with_a_gradient_of_the_wrong_shape(torch):
    (leaf(torch) * 2).backward(torch.ones(2))


@raising
def backward_inputs_empty(torch):
    (leaf(torch) * 2).sum().backward(inputs=[])


@raising
def autograd_grad_wrt_a_tensor_without_grad(torch):
    x = leaf(torch)
    torch.autograd.grad((x * 2).sum(), torch.tensor([1.0]))


@raising
def autograd_grad_of_a_non_scalar_without_grad_outputs(torch):
    x = leaf(torch)
    torch.autograd.grad(x * 2, x)


@raising
def backward_of_an_integer_tensor_result(torch):
    leaf(torch).argmax().backward()


# ----- requires_grad, retain_grad, hooks, numpy -----------------------------------------

@raising
def numpy_of_a_tensor_requiring_grad(torch):
    leaf(torch).numpy()


@raising
def setting_requires_grad_on_a_non_leaf(torch):
    y = leaf(torch) * 2
    y.requires_grad = False


@raising
def tensor_of_ints_requiring_grad(torch):
    torch.tensor([1, 2], requires_grad=True)


@raising
def requires_grad_underscore_on_an_int_tensor(torch):
    torch.tensor([1, 2]).requires_grad_()


@raising
def retain_grad_on_a_tensor_without_grad(torch):
    torch.tensor([1.0]).retain_grad()


@raising
def register_hook_on_a_tensor_without_grad(torch):
    torch.tensor([1.0]).register_hook(lambda g: g)


@programs
def reading_grad_of_a_non_leaf_warns(torch):
    y = leaf(torch) * 2
    return [y.grad, y.is_leaf]


@programs
def reading_grad_of_a_non_leaf_that_retains_grad_does_not_warn(torch):
    y = leaf(torch) * 2
    y.retain_grad()
    return y.grad


@raising
def assigning_a_list_as_grad(torch):
    leaf(torch).grad = [1.0, 2.0, 3.0]


@raising
def assigning_a_grad_of_another_dtype(torch):
    leaf(torch).grad = torch.ones(3, dtype=torch.float64)


# ----- shapes ---------------------------------------------------------------------------

@raising
def adding_shapes_that_do_not_broadcast(torch):
    return torch.ones(2, 3) + torch.ones(2)


@raising
def multiplying_shapes_that_do_not_broadcast_in_a_middle_dim(torch):
    return torch.ones(4, 3, 2) * torch.ones(5, 1)


@raising
def mm_of_incompatible_shapes(torch):
    return torch.ones(2, 3) @ torch.ones(2, 3)


@raising
def mm_function_of_a_vector(torch):
    return torch.mm(torch.ones(2, 3), torch.ones(3))


@raising
def matmul_of_a_0_dim_tensor(torch):
    return torch.matmul(torch.tensor(1.0), torch.ones(2))


@raising
def matmul_of_mixed_dtypes(torch):
    return torch.ones(2, 2) @ torch.ones(2, 2, dtype=torch.float64)


@raising
def dot_of_vectors_of_different_lengths(torch):
    return torch.dot(torch.ones(2), torch.ones(3))


@raising
def view_of_a_non_contiguous_tensor(torch):
    return torch.ones(2, 3).t().view(6)


@raising
def reshape_to_a_size_with_another_number_of_elements(torch):
    return torch.ones(2, 3).reshape(4)


@raising
def view_with_two_minus_ones(torch):
    return torch.ones(2, 3).view(-1, -1)


@raising
def cat_of_sizes_that_differ_outside_the_dim(torch):
    return torch.cat([torch.ones(2, 3), torch.ones(2, 2)])


@raising
def cat_of_tensors_with_different_numbers_of_dims(torch):
    return torch.cat([torch.ones(2, 3), torch.ones(3)])


@raising
def cat_of_an_empty_list(torch):
    return torch.cat([])


@raising
def stack_of_different_shapes(torch):
    return torch.stack([torch.ones(2), torch.ones(3)])


@raising
def expand_of_a_non_singleton_dim(torch):
    return torch.ones(2, 3).expand(4, 3)


@raising
def expand_to_fewer_dims(torch):
    return torch.ones(2, 3).expand(3)


@raising
def t_of_a_3_dim_tensor(torch):
    return torch.ones(2, 3, 4).t()


@raising
def sum_over_a_dim_out_of_range(torch):
    return torch.ones(2, 3).sum(dim=2)


@raising
def softmax_over_a_dim_out_of_range(torch):
    return torch.ones(2, 3).softmax(dim=-3)


@raising
def transpose_of_a_dim_out_of_range(torch):
    return torch.ones(2, 3).transpose(0, 2)


@raising
def unsqueeze_at_a_dim_out_of_range(torch):
    return torch.ones(2, 3).unsqueeze(3)


@raising
def permute_with_the_wrong_number_of_dims(torch):
    return torch.ones(2, 3).permute(1, 0, 2)


@raising
def permute_with_a_repeated_dim(torch):
    return torch.ones(2, 3).permute(0, 0)


@raising
def squeeze_of_a_dim_out_of_range(torch):
    return torch.ones(2, 3).squeeze(2)


@raising
def cat_along_a_dim_out_of_range(torch):
    return torch.cat([torch.ones(2), torch.ones(2)], dim=1)


@raising
def flatten_from_a_dim_out_of_range(torch):
    return torch.ones(2, 3).flatten(2)


@raising
def transpose_of_a_0_dim_tensor(torch):
    return torch.tensor(1.0).transpose(0, 1)


# ----- indexing -------------------------------------------------------------------------

@raising
def index_out_of_range(torch):
    return torch.ones(3)[5]


@raising
def negative_index_out_of_range(torch):
    return torch.ones(2, 3)[:, -4]


@raising
def index_list_out_of_range(torch):
    return torch.ones(3)[[0, 3]]


@raising
def too_many_indices(torch):
    return torch.ones(3)[0, 0]


@raising
def float_index(torch):
    return torch.ones(3)[1.5]


@raising
def mask_of_the_wrong_shape(torch):
    return torch.ones(3)[torch.tensor([True, False])]


@raising
def index_with_a_float_tensor(torch):
    return torch.ones(3)[torch.tensor([1.0])]


@raising
def select_out_of_range(torch):
    return torch.ones(2, 3).select(1, 5)


@raising
def mask_of_the_wrong_shape_on_a_later_dim(torch):
    return torch.ones(2, 3)[:, torch.tensor([True, False])]


# ----- values and dtypes ----------------------------------------------------------------

@raising
def item_of_a_tensor_with_several_elements(torch):
    return torch.ones(2).item()


@raising
def truth_value_of_a_tensor_with_several_elements(torch):
    return bool(torch.tensor([1.0, 2.0]))


@raising
def len_of_a_0_dim_tensor(torch):
    return len(torch.tensor(1.0))


@raising
def iterating_over_a_0_dim_tensor(torch):
    return list(torch.tensor(1.0))


@raising
def mean_of_an_integer_tensor(torch):
    return torch.tensor([1, 2]).mean()


@raising
def var_of_an_integer_tensor(torch):
    return torch.tensor([1, 2]).var()


@raising
def in_place_add_of_a_float_into_an_int_tensor(torch):
    return torch.tensor([1, 2]).add_(0.5)


@raising
def float_alpha_with_integer_tensors(torch):
    n = torch.tensor([1, 2])
    return torch.add(n, n, alpha=2.5)


@raising
def clamp_without_min_or_max(torch):
    return torch.ones(2).clamp()


@raising
def max_of_an_empty_tensor(torch):
    return torch.tensor([]).max()


@raising
def tensor_of_a_string(torch):
    return torch.tensor("abc")


@raising
def tensor_of_a_list_of_strings(torch):
    return torch.tensor(["a", "b"])


@raising
def tensor_of_a_number_and_a_string(torch):
    return torch.tensor([1, "a"])


@raising
def tensor_of_none(torch):
    return torch.tensor(None)


@raising
def zeros_of_integers_requiring_grad(torch):
    return torch.zeros(2, dtype=torch.int64, requires_grad=True)


@raising
def tensor_of_ragged_lists(torch):
    return torch.tensor([[1, 2], [3]])


@raising
def tensor_of_a_list_mixing_lists_and_numbers(torch):
    return torch.tensor([[1, 2], 3])


@raising
def tensor_of_a_list_with_a_list_where_a_number_belongs(torch):
    return torch.tensor([1, [2, 3]])


@raising
def setting_requires_grad_true_on_a_non_leaf(torch):
    y = leaf(torch) * 2
    y.requires_grad = True


@raising
def requires_grad_underscore_false_on_a_non_leaf(torch):
    (leaf(torch) * 2).requires_grad_(False)


@raising
def float_of_a_tensor_with_several_elements(torch):
    return float(torch.ones(2))


@raising
def int_of_a_tensor_with_several_elements(torch):
    return int(torch.ones(2))


@raising
def slice_with_a_negative_step(torch):
    return torch.ones(3)[::-1]


@raising
def setitem_with_a_value_of_the_wrong_shape(torch):
    x = torch.ones(2, 3)
    x[0] = torch.ones(2)


@programs
def std_of_one_element_warns_and_gives_nan(torch):
    return [info(torch.tensor([1.0]).std()), info(torch.tensor([2.0]).var())]


@programs
def requires_grad_underscore_on_a_non_leaf(torch):
    y = leaf(torch) * 2
    y.requires_grad_()
    return info(y)


@raising
def hook_returning_a_gradient_of_another_shape(torch):
    def sum_it(g):
        return g.sum()

    y = leaf(torch) * 2
    y.register_hook(sum_it)
    y.sum().backward()


@raising
def hook_returning_a_gradient_of_another_dtype(torch):
    x = leaf(torch)
    x.register_hook(lambda g: g.double())
    (x * 2).sum().backward()


@raising
def one_minus_a_mask_suggests_logical_not(torch):
    return 1 - torch.tensor([True, False])


@raising
def subtracting_two_masks_suggests_xor(torch):
    mask = torch.tensor([True, False])
    return mask - mask


@raising
def negating_a_mask(torch):
    return -torch.tensor([True, False])


@raising
def maximum_with_a_python_number(torch):
    return torch.maximum(torch.tensor([1.0, 2.0]), 1.5)


@raising
def integer_floor_division_by_zero(torch):
    return torch.tensor([3, 4]) // torch.tensor([1, 0])


@raising
def remainder_of_two_masks(torch):
    return torch.tensor([True]) % torch.tensor([True])


@raising
def integer_to_a_negative_integer_power(torch):
    return torch.tensor([2, 3]) ** -1


@raising
def softmax_of_an_integer_tensor(torch):
    return torch.tensor([1, 2, 3]).softmax(0)


@raising
def log_softmax_of_integers_over_the_first_of_two_dims(torch):
    return torch.tensor([[1, 2], [3, 4]]).log_softmax(0)


@programs
def tensor_of_a_tensor_warns(torch):
    return info(torch.tensor(torch.ones(2)))


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
