"""A tensor's attributes and in-place methods: data, grad, requires_grad, detach, versions."""
import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, grad_of, graph, info

pytestmark = pytest.mark.torch
programs = Programs()


def leaf(torch, values=(1.0, 2.0, 3.0)):
    return torch.tensor(list(values), requires_grad=True)


# ----- data and grad --------------------------------------------------------------------

@programs
def data_is_a_detached_view_of_the_same_memory(torch):
    x = leaf(torch)
    d = x.data
    d[0] = 10.0
    return [info(d), info(x), x._version, d._version]


@programs
def setting_data_replaces_the_values_and_keeps_requires_grad(torch):
    x = leaf(torch)
    x.data = torch.tensor([5.0, 6.0])
    return info(x)


@programs
def grad_is_none_until_backward_then_can_be_set(torch):
    x = leaf(torch)
    before = x.grad
    x.grad = torch.ones(3)
    (x * 2).sum().backward()
    return [before, grad_of(x)]


@programs.raising
def setting_a_grad_of_another_shape_raises(torch):
    x = leaf(torch)
    x.grad = torch.ones(2)


@programs
def grad_can_be_reset_to_none(torch):
    x = leaf(torch)
    x.sum().backward()
    x.grad = None
    x.sum().backward()
    return grad_of(x)


# ----- requires_grad and is_leaf --------------------------------------------------------

@programs
def requires_grad_is_settable_on_leaves(torch):
    x = torch.tensor([1.0, 2.0])
    flags = [x.requires_grad, x.is_leaf]
    x.requires_grad = True
    flags += [x.requires_grad, x.is_leaf]
    y = x * 2
    flags += [y.requires_grad, y.is_leaf]
    x.requires_grad = False
    return flags + [info(x), info(y)]


@programs
def requires_grad_underscore_returns_the_same_tensor(torch):
    x = torch.tensor([1.0, 2.0])
    y = x.requires_grad_()
    z = x.requires_grad_(False)
    return [y is x, z is x, x.requires_grad]


@programs
def results_of_tensors_without_grad_are_leaves(torch):
    a = torch.tensor([1.0, 2.0])
    b = a * 3
    return [info(b), b.grad_fn is None]


@programs
def retain_grad_keeps_a_non_leaf_gradient(torch):
    x = leaf(torch)
    y = x * x
    flags = [y.retains_grad, x.retains_grad]
    y.retain_grad()
    flags.append(y.retains_grad)
    y.sum().backward()
    return flags + [info(y.grad), grad_of(x)]


@programs
def retain_grad_on_a_leaf_changes_nothing(torch):
    x = leaf(torch)
    x.retain_grad()
    x.sum().backward()
    return [x.retains_grad, grad_of(x)]


# ----- hooks ----------------------------------------------------------------------------

@programs
def hook_on_a_non_leaf_sees_and_changes_its_gradient(torch):
    x = leaf(torch)
    y = x * 2
    seen = []
    y.register_hook(lambda g: seen.append(g.tolist()))
    z = x * 3
    z.register_hook(lambda g: g * 10)
    (y + z).sum().backward()
    return [seen, grad_of(x)]


@programs
def hook_on_a_leaf_changes_what_is_accumulated(torch):
    x = leaf(torch)
    x.register_hook(lambda g: g + 100)
    (x * x).sum().backward()
    return grad_of(x)


@programs
def removed_hook_no_longer_runs(torch):
    x = leaf(torch)
    handle = x.register_hook(lambda g: g * 0)
    handle.remove()
    x.sum().backward()
    return grad_of(x)


# ----- backward arguments ---------------------------------------------------------------

@programs
def backward_with_a_gradient_for_a_vector_output(torch):
    x = leaf(torch)
    y = x * x
    y.backward(gradient=torch.tensor([1.0, 0.1, 0.01]))
    return grad_of(x)


@programs
def backward_retain_graph_allows_a_second_backward(torch):
    x = leaf(torch)
    y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward()
    return grad_of(x)


@programs
def backward_create_graph_gives_a_differentiable_grad(torch):
    x = leaf(torch)
    (x ** 3).sum().backward(create_graph=True)
    first = info(x.grad)
    g = x.grad
    x.grad = None
    g.sum().backward()
    return [first, grad_of(x)]


@programs
def backward_inputs_fills_only_those_leaves(torch):
    a, b = leaf(torch), leaf(torch, (4.0, 5.0, 6.0))
    (a * b).sum().backward(inputs=[a])
    return [grad_of(a), grad_of(b)]


# ----- detach ---------------------------------------------------------------------------

@programs
def detach_shares_storage_and_version_counter(torch):
    x = leaf(torch)
    y = x * 2
    d = y.detach()
    d.add_(1)
    return [info(d), info(y), y._version, d._version, d.is_leaf]


@programs
def detach_underscore_turns_a_non_leaf_into_a_leaf(torch):
    x = leaf(torch)
    y = x * 2
    z = y.detach_()
    return [z is y, info(y)]


# ----- reading values out ---------------------------------------------------------------

@programs
def item_returns_a_python_number(torch):
    return [torch.tensor(2.5).item(), torch.tensor([7]).item(), torch.tensor(True).item(),
            type(torch.tensor([[1.5]]).item()).__name__]


@programs.raising
def item_of_several_elements_raises(torch):
    return torch.tensor([1.0, 2.0]).item()


@programs
def numpy_shares_memory(torch):
    x = torch.tensor([1.0, 2.0])
    a = x.numpy()
    a[0] = 9.0
    x[1] = 8.0
    return [info(x), a.tolist(), str(a.dtype), isinstance(a, np.ndarray)]


@programs
def detach_numpy_works_on_tensors_requiring_grad(torch):
    x = leaf(torch)
    return x.detach().numpy().tolist()


@programs
def tolist_of_0_1_and_2_dims(torch):
    return [torch.tensor(1.5).tolist(), torch.tensor([1, 2]).tolist(),
            torch.tensor([[True], [False]]).tolist()]


# ----- shape information ----------------------------------------------------------------

@programs
def shape_size_dim_ndim_numel(torch):
    x = torch.zeros(2, 3, 4)
    return [repr(x.shape), repr(x.size()), x.size(1), x.size(-1), x.dim(), x.ndim, x.numel(),
            list(x.shape), x.shape == (2, 3, 4), x.shape[0], repr(torch.tensor(1.0).shape),
            len(x), isinstance(x.shape, tuple), x.shape.numel()]


@programs
def capital_t_reverses_the_dims(torch):
    x = torch.arange(6.0).reshape(2, 3).requires_grad_()
    y = x.T
    y.sum().backward()
    return [info(y), graph(y.grad_fn), grad_of(x), info(torch.arange(3.0).T)]


@programs
def clone_copies_and_is_recorded(torch):
    x = leaf(torch)
    y = x.clone()
    y2 = torch.tensor([1.0]).clone()
    y2[0] = 5.0
    (y * y).sum().backward()
    return [info(y), graph(y.grad_fn), grad_of(x), info(y2)]


# ----- in-place ops and the version counter ---------------------------------------------

@programs
def version_counts_in_place_ops(torch):
    x = torch.tensor([1.0, 2.0, 3.0])
    versions = [x._version]
    x.add_(1)
    versions.append(x._version)
    x.mul_(2)
    x.sub_(torch.tensor([1.0, 1.0, 1.0]))
    x.div_(2)
    versions.append(x._version)
    x += 1
    x[0] = 0.0
    versions.append(x._version)
    return [versions, info(x)]


@programs
def zero_and_fill_return_the_tensor(torch):
    x = torch.tensor([1.0, 2.0])
    a = x.fill_(3.5)
    b = torch.tensor([1, 2]).zero_()
    return [a is x, info(x), info(b), x._version]


@programs
def copy_broadcasts_and_casts_into_the_destination(torch):
    x = torch.zeros(2, 3)
    x.copy_(torch.tensor([1, 2, 3]))
    return [info(x), x._version]


@programs
def in_place_add_with_alpha(torch):
    x = torch.tensor([1.0, 2.0])
    x.add_(torch.tensor([1.0, 1.0]), alpha=3)
    x.sub_(1, alpha=2)
    return info(x)


@programs
def in_place_ops_on_a_non_leaf_are_recorded(torch):
    x = leaf(torch)
    y = x * 1
    y.add_(1)
    y.mul_(x)
    y.sum().backward()
    return [info(y), graph(y.grad_fn), y._version, grad_of(x)]


@programs
def fill_zero_and_copy_on_a_non_leaf_are_recorded(torch):
    x = leaf(torch)
    a, b, c = x * 1, x * 1, x * 1
    a.fill_(2.0)
    b.zero_()
    c.copy_(x.exp())
    (a + b + c).sum().backward()
    return [info(a), info(b), info(c), graph(a.grad_fn), graph(b.grad_fn), graph(c.grad_fn),
            grad_of(x)]


@programs
def in_place_functions_on_a_non_leaf(torch):
    x = leaf(torch, (-1.0, 0.5, 2.0))
    y = x * 1
    y.exp_()
    z = x * 1
    z.relu_()
    w = x * 1
    w.clamp_(min=0.0, max=1.0)
    (y + z + w).sum().backward()
    return [info(y), info(z), info(w), graph(y.grad_fn), grad_of(x), y._version]


@programs
def view_shares_the_version_counter(torch):
    x = torch.zeros(2, 3)
    v = x.view(6)
    row = x[0]
    v.add_(1)
    return [x._version, v._version, row._version, info(x)]


# ----- setting items --------------------------------------------------------------------

@programs
def setitem_on_a_leaf_under_no_grad(torch):
    x = leaf(torch)
    with torch.no_grad():
        x[0] = 10.0
        x[1:] = torch.tensor([20.0, 30.0])
    return [info(x), x._version]


@programs
def setitem_on_a_non_leaf_is_copy_slices(torch):
    x = leaf(torch)
    v = torch.tensor([5.0], requires_grad=True)
    y = x * 2
    y[1:2] = v * 3
    y.sum().backward()
    return [info(y), graph(y.grad_fn), grad_of(x), grad_of(v)]


def assigned(torch, key, value):
    """``y[key] = value`` on a non-leaf y; the node it leaves, and gradients of x and value."""
    x = torch.arange(12.0).reshape(3, 4).requires_grad_()
    v = value(torch).requires_grad_()
    y = x * 1
    y[key(torch)] = v
    (y * torch.arange(12.0).reshape(3, 4)).sum().backward()
    return [info(y), graph(y.grad_fn), grad_of(x), grad_of(v)]


@programs
def setitem_with_a_list_is_index_put(torch):
    return assigned(torch, lambda torch: [0, 2], lambda torch: torch.tensor([10.0, 20, 30, 40]))


@programs
def setitem_with_an_index_tensor_on_dim_1_is_index_put(torch):
    return assigned(torch, lambda torch: (slice(None), torch.tensor([3, 1])),
                    lambda torch: torch.tensor([[1.0], [2.0], [3.0]]))


@programs
def setitem_with_a_slice_and_a_list_goes_through_a_view(torch):
    return assigned(torch, lambda torch: (slice(1, None), [0, 2]), lambda torch: torch.tensor(5.0))


@programs
def setitem_of_everything_with_a_0_dim_tensor_is_fill(torch):
    return assigned(torch, lambda torch: Ellipsis, lambda torch: torch.tensor(5.0))


@programs
def setitem_of_everything_with_a_tensor_is_copy(torch):
    return assigned(torch, lambda torch: slice(None), lambda torch: torch.tensor([1.0, 2, 3, 4]))


@programs
def setitem_with_a_mask_on_a_non_leaf_is_index_put(torch):
    x = leaf(torch, (1.0, -2.0, 3.0))
    y = x * 1
    y[y < 0] = 0.0
    y.sum().backward()
    return [info(y), graph(y.grad_fn), grad_of(x)]


@programs
def fill_with_a_0_dim_tensor_sends_it_the_gradient(torch):
    x, v = leaf(torch), torch.tensor(2.0, requires_grad=True)
    y = x * 1
    y.fill_(v)
    (y * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
    return [info(y), graph(y.grad_fn), grad_of(x), grad_of(v)]


@programs
def setitem_with_a_mask_and_a_number(torch):
    x = torch.tensor([[1.0, -2.0], [-3.0, 4.0]])
    x[x < 0] = 0.0
    y = torch.arange(6).reshape(2, 3)
    y[:, 1] = 7
    return [info(x), info(y)]


# ----- getting items, with gradients ----------------------------------------------------

def indexed(torch, key):
    x = torch.arange(12.0).reshape(3, 4).requires_grad_()
    y = x[key(torch)]
    (y * y).sum().backward()
    return [info(y), graph(y.grad_fn), grad_of(x)]


@programs
def getitem_with_an_int(torch):
    return indexed(torch, lambda torch: 1)


@programs
def getitem_with_an_int_and_a_negative_int(torch):
    return indexed(torch, lambda torch: (1, -1))


@programs
def getitem_with_slices(torch):
    return indexed(torch, lambda torch: (slice(0, 2), slice(1, None, 2)))


@programs
def getitem_with_a_list(torch):
    return indexed(torch, lambda torch: [0, 2, 0])


@programs
def getitem_with_a_bool_mask(torch):
    return indexed(torch, lambda torch: torch.arange(12.0).reshape(3, 4) > 6)


@programs
def getitem_with_an_index_tensor(torch):
    return indexed(torch, lambda torch: torch.tensor([2, 1]))


@programs
def getitem_with_a_column_slice_and_an_index_tensor(torch):
    return indexed(torch, lambda torch: (slice(None), torch.tensor([3, 0])))


@programs
def getitem_with_none_and_ellipsis(torch):
    return indexed(torch, lambda torch: (None, Ellipsis, 0))


@programs
def getitem_with_a_lone_full_slice_is_a_slice(torch):
    return indexed(torch, lambda torch: slice(None))


@programs
def getitem_that_keeps_everything_is_an_alias(torch):
    x = torch.arange(6.0).reshape(3, 2).requires_grad_()
    views = [x[...], x[:, :], x[:, 0:2], x[..., :]]
    return [[info(v), graph(v.grad_fn), v._base is x] for v in views]


@programs
def getitem_with_an_int_and_a_list_selects_first(torch):
    return indexed(torch, lambda torch: (2, [0, 3, 3]))


@programs
def getitem_with_a_slice_then_a_list(torch):
    return indexed(torch, lambda torch: (slice(1, None), [0, 2]))


@programs
def getitem_with_two_lists_pairs_them(torch):
    return indexed(torch, lambda torch: ([0, 2], [1, 3]))


@programs
def getitem_with_lists_around_a_slice_in_3_dims(torch):
    z = torch.arange(24.0).reshape(2, 3, 4)
    return [list(z[0, :, [0, 1]].shape), list(z[[0, 1], :, [0, 1]].shape),
            list(z[:, [0, 2], 1].shape), list(z[None, ..., [1]].shape), z[1, [0, 2], 1:3].tolist()]


@programs.raising
def detach_in_place_on_a_view_is_refused(torch):
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    (a * 2)[:2].detach_()


@programs
def detach_in_place_on_a_non_view_cuts_it_from_the_graph(torch):
    a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = a * 2
    out = b.detach_()
    return [out is b, info(b)]


@programs.raising
def an_inference_tensor_has_no_version_counter(torch):
    with torch.inference_mode():
        f = torch.ones(2) * 2
    return f._version


@programs
def variable_with_volatile_warns_that_it_is_gone(torch):
    v = torch.autograd.Variable(torch.ones(2), volatile=True)
    return info(v)


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
