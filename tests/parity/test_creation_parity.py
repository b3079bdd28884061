"""Making tensors: constructors, dtypes, conversions and type promotion, as in PyTorch."""
import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity, info, meta

pytestmark = pytest.mark.torch
programs = Programs()


# ----- torch.tensor infers the dtype ----------------------------------------------------------

@programs
def tensor_of_python_floats_is_float32(torch):
    return info(torch.tensor([1.5, 2.0, -3.25]))


@programs
def tensor_of_python_ints_is_int64(torch):
    return info(torch.tensor([1, 2, -3]))


@programs
def tensor_of_bools_is_bool(torch):
    return info(torch.tensor([True, False, True]))


@programs
def tensor_of_ints_and_bools_is_int64(torch):
    return info(torch.tensor([True, 2, 3]))


@programs
def tensor_of_nested_lists_mixing_ints_and_floats(torch):
    return info(torch.tensor([[1, 2], [3, 4.5]]))


@programs
def tensor_of_a_number_is_0_dim(torch):
    return [info(torch.tensor(3.5)), info(torch.tensor(7)), info(torch.tensor(False))]


@programs
def tensor_of_numpy_arrays_keeps_their_dtype(torch):
    arrays = [np.array([1.5, 2.5]), np.array([1, 2], dtype=np.int32),
              np.array([1.0], dtype=np.float32), np.array([[True], [False]])]
    return [info(torch.tensor(a)) for a in arrays]


@programs
def tensor_of_a_numpy_array_copies_it(torch):
    array = np.array([1.0, 2.0])
    t = torch.tensor(array)
    array[0] = 100.0
    return info(t)


@programs
def tensor_with_dtype_and_requires_grad_arguments(torch):
    return [info(torch.tensor([1, 2], dtype=torch.float64)),
            info(torch.tensor([1.7, -2.7], dtype=torch.int64)),
            info(torch.tensor([0.5, 1.0], requires_grad=True))]


@programs
def tensor_of_a_tensor_warns_to_use_clone(torch):
    source = torch.tensor([1.0, 2.0])
    return info(torch.tensor(source))


@programs
def empty_list_tensor_is_float32_with_size_0(torch):
    return [info(torch.tensor([])), info(torch.tensor([[]]))]


# ----- legacy constructors ---------------------------------------------------------------

@programs
def capital_tensor_of_a_list_is_float32(torch):
    return [info(torch.Tensor([1, 2, 3])), info(torch.Tensor([[1.5], [2]]))]


@programs
def capital_tensor_of_sizes_has_that_shape(torch):
    return meta(torch.Tensor(2, 3))


@programs
def float_tensor_and_long_tensor(torch):
    return [info(torch.FloatTensor([1, 2])), info(torch.LongTensor([1.7, 2, -3.9])),
            meta(torch.FloatTensor(2, 2)), meta(torch.LongTensor(3))]


# ----- filled tensors -------------------------------------------------------------------

@programs
def zeros_and_ones_take_sizes_or_a_tuple(torch):
    return [info(torch.zeros(2, 3)), info(torch.zeros((2, 3))), info(torch.ones([3])),
            info(torch.ones(2, dtype=torch.int64)), info(torch.zeros(())),
            info(torch.ones(2, 2, dtype=torch.bool))]


@programs
def full_takes_its_dtype_from_the_fill_value(torch):
    return [info(torch.full((2, 2), 7)), info(torch.full((3,), 1.5)),
            info(torch.full((2,), True)), info(torch.full((2,), 3, dtype=torch.float64))]


@programs
def empty_has_shape_and_dtype(torch):
    return [meta(torch.empty(2, 3)), meta(torch.empty((4,), dtype=torch.int64)),
            meta(torch.empty(0))]


@programs
def eye_square_and_rectangular(torch):
    return [info(torch.eye(3)), info(torch.eye(2, 3)), info(torch.eye(2, dtype=torch.int64))]


@programs
def arange_of_ints_is_int64_of_floats_is_float32(torch):
    return [info(torch.arange(5)), info(torch.arange(2, 8, 2)), info(torch.arange(0, 1, 0.25)),
            info(torch.arange(1.0, 4.0)), info(torch.arange(5, dtype=torch.float32)),
            info(torch.arange(3, 0, -1))]


@programs
def linspace_includes_both_ends(torch):
    return [info(torch.linspace(0, 1, 5)), info(torch.linspace(-1, 1, 3, dtype=torch.float64))]


# ----- random tensors: shapes and dtypes (the numbers differ by design) ------------------

@programs
def rand_and_randn_shapes_and_dtypes(torch):
    torch.manual_seed(0)
    u = torch.rand(2, 3)
    return [meta(u), meta(torch.randn(4)), meta(torch.randn((2, 2), dtype=torch.float64)),
            meta(torch.rand(3, requires_grad=True)), bool(((u >= 0) & (u < 1)).all())]


@programs
def randint_is_int64_within_bounds(torch):
    torch.manual_seed(0)
    r = torch.randint(0, 10, (50,))
    s = torch.randint(3, (2, 2))
    return [meta(r), meta(s), bool(((r >= 0) & (r < 10)).all()), bool((s < 3).all())]


@programs
def like_constructors_copy_shape_and_dtype(torch):
    x = torch.tensor([[1.0, 2.0, 3.0]])
    n = torch.tensor([1, 2])
    return [info(torch.zeros_like(x)), info(torch.ones_like(n)),
            info(torch.full_like(x, 2.5)), info(torch.ones_like(x, dtype=torch.float64)),
            meta(torch.empty_like(n)), meta(torch.rand_like(x)), meta(torch.randn_like(x)),
            info(torch.zeros_like(x, requires_grad=True))]


# ----- from_numpy shares memory ---------------------------------------------------------

@programs
def from_numpy_shares_memory_both_ways(torch):
    array = np.array([1.0, 2.0, 3.0])
    t = torch.from_numpy(array)
    array[0] = 10.0
    t[1] = 20.0
    return [info(t), array.tolist()]


@programs
def from_numpy_keeps_int32_and_float32(torch):
    return [info(torch.from_numpy(np.array([1, 2], dtype=np.int32))),
            info(torch.from_numpy(np.zeros((2, 1), dtype=np.float32)))]


@programs.raising
def from_numpy_of_a_list_raises(torch):
    return torch.from_numpy([1, 2])


# ----- dtypes and conversions -----------------------------------------------------------

@programs
def dtype_names_and_aliases(torch):
    return [str(torch.float32), repr(torch.float64), str(torch.int64), str(torch.bool),
            torch.float is torch.float32, torch.double is torch.float64,
            torch.long is torch.int64, str(torch.get_default_dtype()),
            torch.float32.is_floating_point, torch.int64.is_floating_point]


@programs
def float_double_long_and_to_convert(torch):
    x = torch.tensor([1.7, -2.7, 0.0])
    return [info(x.double()), info(x.long()), info(x.to(torch.int64)), info(x.int()),
            info(x.bool()), info(torch.tensor([1, 2]).float()),
            info(x.to(torch.float64).to(torch.float32))]


@programs
def to_the_same_dtype_returns_the_same_tensor(torch):
    x = torch.tensor([1.0, 2.0])
    return [x.to(torch.float32) is x, x.float() is x, x.double() is x, x.type()]


@programs
def conversion_of_a_tensor_requiring_grad_is_recorded(torch):
    x = torch.tensor([1.5, 2.5], requires_grad=True)
    y = x.double()
    (y * y).sum().backward()
    return [info(y), info(x.grad)]


# ----- type promotion -------------------------------------------------------------------

@programs
def int_tensor_times_python_float_is_float32(torch):
    return [info(torch.tensor([1, 2]) * 2.5), info(2.5 * torch.tensor([1, 2]))]


@programs
def float32_tensor_plus_float64_0_dim_tensor_stays_float32(torch):
    x = torch.tensor([1.0, 2.0])
    return [info(x + torch.tensor(0.5, dtype=torch.float64)),
            info(torch.tensor(1.0) + torch.tensor(0.5, dtype=torch.float64)),
            info(x + torch.tensor([0.5, 0.5], dtype=torch.float64))]


@programs
def int_divided_by_int_is_float32(torch):
    return [info(torch.tensor([1, 2, 3]) / torch.tensor([2, 2, 2])),
            info(torch.tensor([7]) / 2)]


@programs
def bool_plus_int_is_int64(torch):
    b = torch.tensor([True, False])
    return [info(b + torch.tensor([1, 1])), info(b + 1), info(b + 1.5), info(b & b)]


@programs
def int_tensor_plus_float_0_dim_tensor_is_float(torch):
    n = torch.tensor([1, 2])
    return [info(n + torch.tensor(0.5)), info(n + torch.tensor(0.5, dtype=torch.float64)),
            info(n * torch.tensor(3))]


@programs
def promote_types_and_result_type(torch):
    return [str(torch.promote_types(torch.int64, torch.float32)),
            str(torch.promote_types(torch.bool, torch.int64)),
            str(torch.result_type(torch.tensor([1, 2]), 1.0)),
            str(torch.result_type(torch.tensor([1.0]), torch.tensor(1, dtype=torch.float64)))]


@programs
def int32_tensors_stay_int32_with_python_ints_and_0_dim_int64(torch):
    n = torch.tensor([1, 2], dtype=torch.int32)
    return [info(n + 1), info(n * torch.tensor(3)), info(n * 2.5), info(n + True),
            info(n + torch.tensor([1, 1])), info(torch.tensor([1], dtype=torch.uint8) + 1)]


@programs
def numpy_scalars_in_tensor_and_in_ops(torch):
    x = torch.tensor([1.0, 2.0])
    return [info(torch.tensor(np.float64(2.5))), info(torch.tensor(np.int32(3))),
            info(torch.tensor(np.float32(3))), info(torch.tensor([np.float64(1.0), 2.0])),
            info(torch.tensor([np.int32(1), 2])), info(torch.tensor([np.int32(1), 2.5])),
            info(torch.tensor([[np.float64(1)], [2.0]])), info(x * np.float64(2.0)),
            info(x + np.int64(1))]


@programs
def tensor_of_a_list_of_tensors_promotes_their_dtypes(torch):
    return [info(torch.tensor([torch.tensor(1.0, dtype=torch.float64)])),
            info(torch.tensor([torch.tensor(1, dtype=torch.int32), 2])),
            info(torch.tensor([torch.tensor(1.5), torch.tensor(2.5, dtype=torch.float64)]))]


@programs
def new_tensor_methods_keep_dtype(torch):
    d = torch.tensor([1.0], dtype=torch.float64)
    return [info(d.new_zeros(2)), info(d.new_ones((1, 2))), info(d.new_full((2,), 3)),
            info(d.new_tensor([1, 2])), info(torch.tensor([1]).new_zeros(2))]


@programs
def floor_division_and_remainder_of_negative_numbers(torch):
    n, f = torch.tensor([7, -7]), torch.tensor([7.5, -7.5])
    return [info(n // 2), info(n % 3), info(f // 2), info(f % 2), info(n % -3)]


@programs
def integer_powers_with_negative_exponent_tensors(torch):
    base = torch.tensor([1, -1, -1, 0, 2, 3])
    return [info(base ** torch.tensor([-1, -1, -2, -1, -2, 2])), info(2 ** torch.tensor([-1, 3])),
            info(torch.tensor([2, 3]) ** torch.tensor([2, 0]))]


@programs
def reflected_floor_division_and_remainder(torch):
    n, f = torch.tensor([3, -2]), torch.tensor([1.5, -2.0])
    return [info(7 // n), info(7 % n), info(2.5 % f), info(2 % f), info(f % 2),
            info(f % torch.tensor([3, 2], dtype=torch.uint8))]


@programs
def division_by_zero_gives_inf_and_nan(torch):
    return [info(torch.tensor([1.0, -1.0, 0.0]) / 0), info(torch.tensor([1, 0]) / 0),
            info(torch.tensor([0.0, 1.0]).log()), info(torch.tensor([-1.0]).sqrt())]


@programs
def comparisons_give_bools(torch):
    x = torch.tensor([1.0, 2.0, 3.0])
    return [info(x > 2), info(x == 2), info(x <= torch.tensor([3.0, 1.0, 3.0])),
            info((x > 1).float()), info(~(x > 1)), info((x > 1) & (x < 3)),
            bool((x > 0).all()), bool((x > 2).any())]


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
