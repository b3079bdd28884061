"""How tensors print: ``repr``, ``print``, shapes, dtypes and return types, to the character."""
import contextlib
import io
import math

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
import minigrad

from .harness import Programs, check_parity

pytestmark = pytest.mark.torch
programs = Programs()


def shown(make):
    """A program returning the repr and the print() output of ``make(torch)``."""

    def program(torch):
        t = make(torch)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            print(t)
        return {"repr": repr(t), "print": out.getvalue(), "str": str(t)}

    program.__name__ = make.__name__
    return programs(program)


# ----- ranks and dtypes -----------------------------------------------------------------

@shown
def zero_dim_float(torch):
    return torch.tensor(3.25)


@shown
def zero_dim_int_and_bool(torch):
    return [torch.tensor(7), torch.tensor(True)]


@shown
def one_dim(torch):
    return torch.tensor([1.5, -2.25, 3.0])


@shown
def two_dims(torch):
    return torch.tensor([[1.5, 2.0], [-3.0, 4.125]])


@shown
def three_dims(torch):
    return torch.arange(12.0).reshape(2, 3, 2) / 4


@shown
def integers(torch):
    return torch.tensor([[1, -20, 300], [4, 5, 6]])


@shown
def bools(torch):
    return torch.tensor([[True, False], [False, True]])


@shown
def float64_shows_its_dtype(torch):
    return torch.tensor([1.5, 2.0], dtype=torch.float64)


@shown
def int32_and_0_dim_float64_show_their_dtype(torch):
    return [torch.tensor([1, 2], dtype=torch.int32), torch.tensor(2.0, dtype=torch.float64)]


# ----- autograd suffixes ----------------------------------------------------------------

@shown
def requires_grad_suffix(torch):
    return torch.tensor([1.0, 2.0], requires_grad=True)


@shown
def grad_fn_suffix(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    return [x * 2, (x * 2).sum(), x.exp().mean()]


@shown
def float64_with_grad_fn(torch):
    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    return [x, x * 3]


# ----- number formats -------------------------------------------------------------------

@shown
def integer_valued_floats_print_with_a_dot(torch):
    return [torch.tensor([1.0, 2.0, -30.0]), torch.tensor(5.0), torch.zeros(2, 2)]


@shown
def mixed_floats_print_with_four_decimals(torch):
    return [torch.tensor([1.5, 2.0, 100.25]), torch.tensor([0.1, 0.2, 0.3])]


@shown
def small_values_switch_to_scientific(torch):
    return [torch.tensor([1e-5, 1.0]), torch.tensor([0.00012345]), torch.tensor([1e-5, 2e-5])]


@shown
def large_spreads_switch_to_scientific(torch):
    return [torch.tensor([1e5, 1.0]), torch.tensor([123456.0, 0.5]), torch.tensor([1e9, 2e9]),
            torch.tensor([100000.0, 1.0, 2.0])]


@shown
def large_integer_valued_floats(torch):
    return [torch.tensor([1e8, 1.0]), torch.tensor([12345678.0, 1.0]), torch.tensor([1e10])]


@shown
def nan_and_inf(torch):
    return [torch.tensor([float("nan"), 1.0, float("inf")]),
            torch.tensor([-math.inf, 2.5]), torch.tensor([math.nan])]


@shown
def nan_and_inf_do_not_widen_the_columns(torch):
    return [torch.tensor([0.0, float("inf")]), torch.tensor([1e-5, float("nan")]),
            torch.tensor([0.0, -0.0]), torch.tensor([float("-inf")]),
            torch.tensor([[1.0, float("nan")], [100.0, 2.0]], dtype=torch.float64)]


@shown
def linspace_prints_the_rounding_of_its_middle_value(torch):
    return [torch.linspace(-1, 1, 25), torch.linspace(0, 1, 7), torch.linspace(-3.3, 7.1, 11)]


@shown
def negative_numbers_align(torch):
    return torch.tensor([[-1.0, 2.5], [3.25, -40.0]])


@shown
def empty_tensors(torch):
    return [torch.tensor([]), torch.zeros(0, 3), torch.tensor([], dtype=torch.int64),
            torch.zeros(2, 0, dtype=torch.float64), torch.ones(0, requires_grad=True)]


# ----- long and large tensors -----------------------------------------------------------

@shown
def long_rows_wrap_at_80_columns(torch):
    return [torch.arange(30.0) / 7, torch.arange(40), torch.linspace(-1, 1, 25).reshape(1, 25)]


@shown
def long_rows_with_grad_fn_wrap_the_suffix(torch):
    x = torch.arange(18.0, requires_grad=True)
    return [x * 1.5, torch.ones(16, dtype=torch.float64) / 3]


@shown
def more_than_1000_elements_are_summarized(torch):
    return [torch.arange(2000), torch.arange(1200.0).reshape(40, 30) / 3,
            torch.arange(1001.0).reshape(1001, 1)]


@shown
def summarized_3_dims(torch):
    return torch.arange(1100).reshape(11, 10, 10)


@shown
def summarized_rows_and_columns(torch):
    return [torch.arange(2000.0).reshape(50, 40) - 1000, torch.arange(1500).reshape(3, 500),
            torch.arange(1200).reshape(1200, 1) > 600]


@shown
def four_dims(torch):
    return torch.arange(24).reshape(2, 3, 2, 2) * 0.5


@shown
def thresholds_of_scientific_mode(torch):
    return [torch.tensor([0.0001, 1.0]), torch.tensor([0.00009, 1.0]), torch.tensor([1e8, 1.5]),
            torch.tensor([1.5e8, 1.0]), torch.tensor([999.0, 1.0]), torch.tensor([1001.0, 1.0]),
            torch.tensor([1234.5678, -0.5]), torch.tensor([-1e-5, 1e-6])]


@shown
def float64_and_0_dim_reprs_with_grad(torch):
    x = torch.tensor(2.0, requires_grad=True)
    return [x, x * 2, torch.tensor([0.1], dtype=torch.float64), torch.tensor(1e-7)]


@shown
def wide_integers_and_negative_integers(torch):
    return [torch.tensor([1, -1000000, 5]), torch.arange(-50, 50, 3),
            torch.tensor([[10, -2], [3, 400]])]


@programs
def print_options_change_precision_and_line_width(torch):
    x = torch.tensor([1.123456, 2.5, 1e-3])
    try:
        torch.set_printoptions(precision=2)
        short = repr(x)
        torch.set_printoptions(precision=6, linewidth=40)
        long = repr(torch.arange(20.0) / 3)
        torch.set_printoptions(sci_mode=True)
        sci = repr(torch.tensor([1.5, 2.0]))
    finally:
        torch.set_printoptions(profile="default")
    return [short, long, sci, repr(x)]


# ----- shapes, dtypes and return types -----------------------------------------------------

@programs
def shape_and_dtype_reprs(torch):
    x = torch.zeros(2, 3)
    return [repr(x.shape), str(x.shape), repr(torch.tensor(1).shape), str(x.dtype),
            repr(torch.int64), str(torch.tensor([True]).dtype), repr(torch.zeros(0).size())]


@programs
def max_with_dim_prints_a_return_type(torch):
    x = torch.tensor([[1.0, 5.0, 2.0], [4.0, 0.5, 6.0]], requires_grad=True)
    result = x.max(dim=1)
    values, indices = result
    return [repr(result), repr(values), repr(indices), repr(result.values), repr(result.indices),
            type(result).__name__, repr(x.min(0, keepdim=True))]


@programs
def numpy_scalars_and_arrays_round_trip(torch):
    t = torch.tensor(np.array([[0.5, 1.0]], dtype=np.float64))
    return [repr(t), repr(torch.from_numpy(np.arange(3, dtype=np.int32)))]


@programs
def device_and_grad_fn_reprs(torch):
    x = torch.tensor([1.0], requires_grad=True)
    return [repr(x.device), str(x.device), x.is_cuda, repr((x * 2).grad_fn).split(" object")[0],
            repr(torch.Size([])), repr(torch.Size([2, 3])), str(torch.float16)]


@programs
def format_of_a_0_dim_tensor(torch):
    return [f"{torch.tensor(2.5):.3f}", f"{torch.tensor(3)}", format(torch.tensor(1.5), ".2f")]


@pytest.mark.parametrize("program", programs)
def test_same_as_pytorch(program):
    check_parity(program, torch, minigrad)
