"""The parity harness itself: float32 rounding in a reduction passes, anything else fails.

A float32 sum of many numbers rounds differently depending on the order of its additions,
which differs between NumPy and PyTorch and between CPUs. The harness lets printed floats
differ by that much and compares all other text exactly.
"""
import numpy as np
import pytest

from minigrad.ops.reduce import Sum

from .harness import REDUCTION_ULPS, assert_same, check_parity, same_up_to_rounding

LOSS = "tensor(447.9983, grad_fn=<SumBackward0>)"


@pytest.mark.parametrize("actual", [
    "tensor(447.9982, grad_fn=<SumBackward0>)",   # 2 ulp below PyTorch's value
    "tensor(447.9984, grad_fn=<SumBackward0>)",
    LOSS,
])
def test_a_printed_float_may_differ_in_its_last_digit(actual):
    assert same_up_to_rounding(LOSS, actual)
    assert_same({"repr": LOSS}, {"repr": actual})


@pytest.mark.parametrize(("expected", "actual"), [
    (LOSS, "tensor(447.9979, grad_fn=<SumBackward0>)"),   # 4 units off: more than rounding
    (LOSS, "tensor(447.9983, grad_fn=<MeanBackward0>)"),  # another node
    (LOSS, "tensor(447.9983, grad_fn=<SumBackward1>)"),   # a digit in a name is text
    (LOSS, "tensor(-447.9983, grad_fn=<SumBackward0>)"),  # the sign
    (LOSS, "tensor(447.9983, requires_grad=True)"),
    ("tensor([1.5000, 2.2500])", "tensor([1.5000, 2.2500, 0.0000])"),  # one number more
    ("tensor([1.5000, 2.2500])", "tensor([1.5000, 2.2500], dtype=torch.float64)"),
    ("torch.Size([2, 3])", "torch.Size([2, 4])"),  # integers are exact
    ("tensor(3)", "tensor(4)"),
    ("tensor(1.0000e-09)", "tensor(1.0010e-09)"),
    ("expected 2 but got 3", "expected 2 but got 4"),
])
def test_a_wrong_digit_elsewhere_fails(expected, actual):
    assert not same_up_to_rounding(expected, actual)
    with pytest.raises(AssertionError, match="minigrad"):
        assert_same({"repr": expected}, {"repr": actual})


def test_floats_outside_strings_keep_their_own_tolerance():
    assert_same([1.0, float("nan")], [1.0 + 1e-7, float("nan")])
    with pytest.raises(AssertionError):
        assert_same([1.0], [1.001])


def reduction_of_2000_numbers(torch):
    """The loss of PyTorch's custom-Function tutorial: a float32 sum of 2,000 squares."""
    x = torch.linspace(-3.0, 3.0, 2000)
    w = torch.tensor(0.7, requires_grad=True)
    loss = (w * x - torch.sin(x)).pow(2).sum()
    loss.backward()
    return [repr(loss), loss.item(), repr(w.grad)]


reduction_of_2000_numbers.must_raise = False


def sum_returning(value: float, ulps: int):
    """A Sum.forward that returns PyTorch's ``value`` moved ``ulps`` float32 steps.

    That is what another order of additions gives: the same sum, off in its last bits.
    """

    def forward(ctx, a, dtype=None):
        ctx.save_attributes(self_sym_sizes=a._data.shape)
        out = np.float32(value)
        for _ in range(abs(ulps)):
            out = np.nextafter(out, np.float32(np.inf if ulps > 0 else -np.inf))
        return np.asarray(out)

    return staticmethod(forward)


@pytest.fixture
def torch_and_minigrad():
    torch = pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")
    import minigrad

    return torch, minigrad


@pytest.mark.torch
def test_a_reduction_off_by_a_few_ulp_still_matches_pytorch(torch_and_minigrad, monkeypatch):
    torch, minigrad = torch_and_minigrad
    pytorch_sum = reduction_of_2000_numbers(torch)[1]
    printed = set()
    for ulps in range(-REDUCTION_ULPS, REDUCTION_ULPS + 1):
        monkeypatch.setattr(Sum, "forward", sum_returning(pytorch_sum, ulps))
        check_parity(reduction_of_2000_numbers, torch, minigrad)
        printed.add(reduction_of_2000_numbers(minigrad)[0])
    assert len(printed) > 1, "the nudges never changed the printed digits: the test shows nothing"


@pytest.mark.torch
def test_a_reduction_off_by_more_than_rounding_fails(torch_and_minigrad, monkeypatch):
    torch, minigrad = torch_and_minigrad
    pytorch_sum = reduction_of_2000_numbers(torch)[1]
    monkeypatch.setattr(Sum, "forward", sum_returning(pytorch_sum, 5 * REDUCTION_ULPS))
    with pytest.raises(AssertionError, match="PyTorch"):
        check_parity(reduction_of_2000_numbers, torch, minigrad)
