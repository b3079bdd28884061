"""How tensors print: PyTorch's format, character for character.

Each expected string below was printed by PyTorch 2.13 for the same expression (with
``torch`` in place of ``minigrad``), so lessons show what learners will see in PyTorch.
"""
import pytest

import minigrad


@pytest.fixture(autouse=True)
def default_print_options():
    minigrad.set_printoptions(profile="default", sci_mode=None)
    yield
    minigrad.set_printoptions(profile="default", sci_mode=None)


CASES = [
    pytest.param(
        lambda: minigrad.tensor([1.0, 2.0, 3.0]),
        "tensor([1., 2., 3.])",
        id="whole floats print with a dot",
    ),
    pytest.param(
        lambda: minigrad.tensor([1.5, -2.25, 3.0]),
        "tensor([ 1.5000, -2.2500,  3.0000])",
        id="four decimals",
    ),
    pytest.param(
        lambda: minigrad.tensor(3.0),
        "tensor(3.)",
        id="zero-dim float",
    ),
    pytest.param(
        lambda: minigrad.tensor(-7),
        "tensor(-7)",
        id="zero-dim int",
    ),
    pytest.param(
        lambda: minigrad.tensor([1, 2, 3]),
        "tensor([1, 2, 3])",
        id="int64 hides its dtype",
    ),
    pytest.param(
        lambda: minigrad.tensor([True, False]),
        "tensor([ True, False])",
        id="bool",
    ),
    pytest.param(
        lambda: minigrad.tensor([1.0, 2.0], dtype=minigrad.float64),
        "tensor([1., 2.], dtype=torch.float64)",
        id="float64 shows its dtype",
    ),
    pytest.param(
        lambda: minigrad.tensor([1, 2], dtype=minigrad.int32),
        "tensor([1, 2], dtype=torch.int32)",
        id="int32 shows its dtype",
    ),
    pytest.param(
        lambda: minigrad.tensor([0.5], dtype=minigrad.float16),
        "tensor([0.5000], dtype=torch.float16)",
        id="float16",
    ),
    pytest.param(
        lambda: minigrad.tensor([1.0, 2.0], requires_grad=True),
        "tensor([1., 2.], requires_grad=True)",
        id="leaf requiring grad",
    ),
    pytest.param(
        lambda: minigrad.tensor(2.5, requires_grad=True),
        "tensor(2.5000, requires_grad=True)",
        id="zero-dim leaf requiring grad",
    ),
    pytest.param(
        lambda: minigrad.tensor([1.0, 2.0], requires_grad=True) * 2,
        "tensor([2., 4.], grad_fn=<MulBackward0>)",
        id="grad_fn of a product",
    ),
    pytest.param(
        lambda: minigrad.tensor([1.0, 2.0], dtype=minigrad.float64, requires_grad=True).exp(),
        "tensor([2.7183, 7.3891], dtype=torch.float64, grad_fn=<ExpBackward0>)",
        id="dtype then grad_fn",
    ),
    pytest.param(
        lambda: minigrad.tensor([1.0, 2.0], requires_grad=True).sum(),
        "tensor(3., grad_fn=<SumBackward0>)",
        id="grad_fn of a sum",
    ),
    pytest.param(
        lambda: minigrad.ones(2, 2, requires_grad=True).mean(),
        "tensor(1., grad_fn=<MeanBackward0>)",
        id="grad_fn of a mean",
    ),
    pytest.param(
        lambda: minigrad.tensor([[1.0, 2.0], [3.0, 4.0]]),
        "tensor([[1., 2.],\n"
        "        [3., 4.]])",
        id="matrix",
    ),
    pytest.param(
        lambda: minigrad.zeros(2, 3, 2),
        "tensor([[[0., 0.],\n"
        "         [0., 0.],\n"
        "         [0., 0.]],\n"
        "\n"
        "        [[0., 0.],\n"
        "         [0., 0.],\n"
        "         [0., 0.]]])",
        id="three dims: blank lines between blocks",
    ),
    pytest.param(
        lambda: minigrad.arange(12.0).reshape(3, 4).t(),
        "tensor([[ 0.,  4.,  8.],\n"
        "        [ 1.,  5.,  9.],\n"
        "        [ 2.,  6., 10.],\n"
        "        [ 3.,  7., 11.]])",
        id="transposed",
    ),
    pytest.param(
        lambda: minigrad.tensor([1e-5, 1.0]),
        "tensor([1.0000e-05, 1.0000e+00])",
        id="small values: scientific",
    ),
    pytest.param(
        lambda: minigrad.tensor([0.1, 100000.0]),
        "tensor([1.0000e-01, 1.0000e+05])",
        id="large spread: scientific",
    ),
    pytest.param(
        lambda: minigrad.tensor([1e10, 1.0]),
        "tensor([1.0000e+10, 1.0000e+00])",
        id="large whole numbers",
    ),
    pytest.param(
        lambda: minigrad.tensor([999.0, 1.0]),
        "tensor([999.,   1.])",
        id="spread of 1000 stays fixed",
    ),
    pytest.param(
        lambda: minigrad.tensor([1001.0, 1.0]),
        "tensor([1.0010e+03, 1.0000e+00])",
        id="spread above 1000 goes scientific",
    ),
    pytest.param(
        lambda: minigrad.tensor([1.0, -1.0]) * 1e-9,
        "tensor([ 1.0000e-09, -1.0000e-09])",
        id="tiny values",
    ),
    pytest.param(
        lambda: minigrad.tensor([float('nan'), 1.0, float('inf'), -float('inf')]),
        "tensor([nan, 1., inf, -inf])",
        id="nan and infinities",
    ),
    pytest.param(
        lambda: minigrad.tensor([float('inf'), 2.5]),
        "tensor([   inf, 2.5000])",
        id="inf beside a fraction",
    ),
    pytest.param(
        lambda: minigrad.tensor([-0.0, 0.0]),
        "tensor([-0., 0.])",
        id="negative zero",
    ),
    pytest.param(
        lambda: minigrad.tensor([[0.1234, 12.5], [-7.0, 1e3]]),
        "tensor([[ 1.2340e-01,  1.2500e+01],\n"
        "        [-7.0000e+00,  1.0000e+03]])",
        id="mixed magnitudes in a matrix",
    ),
    pytest.param(
        lambda: minigrad.tensor([]),
        "tensor([])",
        id="empty",
    ),
    pytest.param(
        lambda: minigrad.zeros(0, 3),
        "tensor([], size=(0, 3))",
        id="empty with a shape",
    ),
    pytest.param(
        lambda: minigrad.tensor([], dtype=minigrad.int64),
        "tensor([], dtype=torch.int64)",
        id="empty int64",
    ),
    pytest.param(
        lambda: minigrad.tensor([], dtype=minigrad.float64),
        "tensor([], dtype=torch.float64)",
        id="empty float64",
    ),
    pytest.param(
        lambda: minigrad.zeros(2, 0, requires_grad=True),
        "tensor([], size=(2, 0), requires_grad=True)",
        id="empty requiring grad",
    ),
    pytest.param(
        lambda: minigrad.arange(2000.0),
        "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
        "        1.9990e+03])",
        id="summarized vector",
    ),
    pytest.param(
        lambda: minigrad.arange(2000.0).reshape(20, 100),
        "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 9.7000e+01, 9.8000e+01,\n"
        "         9.9000e+01],\n"
        "        [1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.9700e+02, 1.9800e+02,\n"
        "         1.9900e+02],\n"
        "        [2.0000e+02, 2.0100e+02, 2.0200e+02,  ..., 2.9700e+02, 2.9800e+02,\n"
        "         2.9900e+02],\n"
        "        ...,\n"
        "        [1.7000e+03, 1.7010e+03, 1.7020e+03,  ..., 1.7970e+03, 1.7980e+03,\n"
        "         1.7990e+03],\n"
        "        [1.8000e+03, 1.8010e+03, 1.8020e+03,  ..., 1.8970e+03, 1.8980e+03,\n"
        "         1.8990e+03],\n"
        "        [1.9000e+03, 1.9010e+03, 1.9020e+03,  ..., 1.9970e+03, 1.9980e+03,\n"
        "         1.9990e+03]])",
        id="summarized matrix",
    ),
    pytest.param(
        lambda: minigrad.arange(5000.0).reshape(10, 10, 50),
        "tensor([[[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 4.7000e+01,\n"
        "          4.8000e+01, 4.9000e+01],\n"
        "         [5.0000e+01, 5.1000e+01, 5.2000e+01,  ..., 9.7000e+01,\n"
        "          9.8000e+01, 9.9000e+01],\n"
        "         [1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.4700e+02,\n"
        "          1.4800e+02, 1.4900e+02],\n"
        "         ...,\n"
        "         [3.5000e+02, 3.5100e+02, 3.5200e+02,  ..., 3.9700e+02,\n"
        "          3.9800e+02, 3.9900e+02],\n"
        "         [4.0000e+02, 4.0100e+02, 4.0200e+02,  ..., 4.4700e+02,\n"
        "          4.4800e+02, 4.4900e+02],\n"
        "         [4.5000e+02, 4.5100e+02, 4.5200e+02,  ..., 4.9700e+02,\n"
        "          4.9800e+02, 4.9900e+02]],\n"
        "\n"
        "        [[5.0000e+02, 5.0100e+02, 5.0200e+02,  ..., 5.4700e+02,\n"
        "          5.4800e+02, 5.4900e+02],\n"
        "         [5.5000e+02, 5.5100e+02, 5.5200e+02,  ..., 5.9700e+02,\n"
        "          5.9800e+02, 5.9900e+02],\n"
        "         [6.0000e+02, 6.0100e+02, 6.0200e+02,  ..., 6.4700e+02,\n"
        "          6.4800e+02, 6.4900e+02],\n"
        "         ...,\n"
        "         [8.5000e+02, 8.5100e+02, 8.5200e+02,  ..., 8.9700e+02,\n"
        "          8.9800e+02, 8.9900e+02],\n"
        "         [9.0000e+02, 9.0100e+02, 9.0200e+02,  ..., 9.4700e+02,\n"
        "          9.4800e+02, 9.4900e+02],\n"
        "         [9.5000e+02, 9.5100e+02, 9.5200e+02,  ..., 9.9700e+02,\n"
        "          9.9800e+02, 9.9900e+02]],\n"
        "\n"
        "        [[1.0000e+03, 1.0010e+03, 1.0020e+03,  ..., 1.0470e+03,\n"
        "          1.0480e+03, 1.0490e+03],\n"
        "         [1.0500e+03, 1.0510e+03, 1.0520e+03,  ..., 1.0970e+03,\n"
        "          1.0980e+03, 1.0990e+03],\n"
        "         [1.1000e+03, 1.1010e+03, 1.1020e+03,  ..., 1.1470e+03,\n"
        "          1.1480e+03, 1.1490e+03],\n"
        "         ...,\n"
        "         [1.3500e+03, 1.3510e+03, 1.3520e+03,  ..., 1.3970e+03,\n"
        "          1.3980e+03, 1.3990e+03],\n"
        "         [1.4000e+03, 1.4010e+03, 1.4020e+03,  ..., 1.4470e+03,\n"
        "          1.4480e+03, 1.4490e+03],\n"
        "         [1.4500e+03, 1.4510e+03, 1.4520e+03,  ..., 1.4970e+03,\n"
        "          1.4980e+03, 1.4990e+03]],\n"
        "\n"
        "        ...,\n"
        "\n"
        "        [[3.5000e+03, 3.5010e+03, 3.5020e+03,  ..., 3.5470e+03,\n"
        "          3.5480e+03, 3.5490e+03],\n"
        "         [3.5500e+03, 3.5510e+03, 3.5520e+03,  ..., 3.5970e+03,\n"
        "          3.5980e+03, 3.5990e+03],\n"
        "         [3.6000e+03, 3.6010e+03, 3.6020e+03,  ..., 3.6470e+03,\n"
        "          3.6480e+03, 3.6490e+03],\n"
        "         ...,\n"
        "         [3.8500e+03, 3.8510e+03, 3.8520e+03,  ..., 3.8970e+03,\n"
        "          3.8980e+03, 3.8990e+03],\n"
        "         [3.9000e+03, 3.9010e+03, 3.9020e+03,  ..., 3.9470e+03,\n"
        "          3.9480e+03, 3.9490e+03],\n"
        "         [3.9500e+03, 3.9510e+03, 3.9520e+03,  ..., 3.9970e+03,\n"
        "          3.9980e+03, 3.9990e+03]],\n"
        "\n"
        "        [[4.0000e+03, 4.0010e+03, 4.0020e+03,  ..., 4.0470e+03,\n"
        "          4.0480e+03, 4.0490e+03],\n"
        "         [4.0500e+03, 4.0510e+03, 4.0520e+03,  ..., 4.0970e+03,\n"
        "          4.0980e+03, 4.0990e+03],\n"
        "         [4.1000e+03, 4.1010e+03, 4.1020e+03,  ..., 4.1470e+03,\n"
        "          4.1480e+03, 4.1490e+03],\n"
        "         ...,\n"
        "         [4.3500e+03, 4.3510e+03, 4.3520e+03,  ..., 4.3970e+03,\n"
        "          4.3980e+03, 4.3990e+03],\n"
        "         [4.4000e+03, 4.4010e+03, 4.4020e+03,  ..., 4.4470e+03,\n"
        "          4.4480e+03, 4.4490e+03],\n"
        "         [4.4500e+03, 4.4510e+03, 4.4520e+03,  ..., 4.4970e+03,\n"
        "          4.4980e+03, 4.4990e+03]],\n"
        "\n"
        "        [[4.5000e+03, 4.5010e+03, 4.5020e+03,  ..., 4.5470e+03,\n"
        "          4.5480e+03, 4.5490e+03],\n"
        "         [4.5500e+03, 4.5510e+03, 4.5520e+03,  ..., 4.5970e+03,\n"
        "          4.5980e+03, 4.5990e+03],\n"
        "         [4.6000e+03, 4.6010e+03, 4.6020e+03,  ..., 4.6470e+03,\n"
        "          4.6480e+03, 4.6490e+03],\n"
        "         ...,\n"
        "         [4.8500e+03, 4.8510e+03, 4.8520e+03,  ..., 4.8970e+03,\n"
        "          4.8980e+03, 4.8990e+03],\n"
        "         [4.9000e+03, 4.9010e+03, 4.9020e+03,  ..., 4.9470e+03,\n"
        "          4.9480e+03, 4.9490e+03],\n"
        "         [4.9500e+03, 4.9510e+03, 4.9520e+03,  ..., 4.9970e+03,\n"
        "          4.9980e+03, 4.9990e+03]]])",
        id="summarized three dims",
    ),
    pytest.param(
        lambda: minigrad.arange(30.0).reshape(5, 6) / 7,
        "tensor([[0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143],\n"
        "        [0.8571, 1.0000, 1.1429, 1.2857, 1.4286, 1.5714],\n"
        "        [1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286],\n"
        "        [2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857],\n"
        "        [3.4286, 3.5714, 3.7143, 3.8571, 4.0000, 4.1429]])",
        id="rows wrap at 80 columns",
    ),
    pytest.param(
        lambda: minigrad.arange(40).reshape(2, 20),
        "tensor([[ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,\n"
        "         18, 19],\n"
        "        [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37,\n"
        "         38, 39]])",
        id="long int rows wrap",
    ),
    pytest.param(
        lambda: minigrad.arange(20.0, requires_grad=True) * 1.1,
        "tensor([ 0.0000,  1.1000,  2.2000,  3.3000,  4.4000,  5.5000,  6.6000,  7.7000,\n"
        "         8.8000,  9.9000, 11.0000, 12.1000, 13.2000, 14.3000, 15.4000, 16.5000,\n"
        "        17.6000, 18.7000, 19.8000, 20.9000], grad_fn=<MulBackward0>)",
        id="grad_fn wraps onto a new line",
    ),
    pytest.param(
        lambda: minigrad.arange(8.0, dtype=minigrad.float64).reshape(2, 4).requires_grad_() * 1.5,
        "tensor([[ 0.0000,  1.5000,  3.0000,  4.5000],\n"
        "        [ 6.0000,  7.5000,  9.0000, 10.5000]], dtype=torch.float64,\n"
        "       grad_fn=<MulBackward0>)",
        id="float64 matrix with grad_fn",
    ),
    pytest.param(
        lambda: minigrad.tensor([1234.5678, -0.001, 3.0], dtype=minigrad.float64,
                                requires_grad=True),
        "tensor([ 1.2346e+03, -1.0000e-03,  3.0000e+00], dtype=torch.float64,\n"
        "       requires_grad=True)",
        id="float64 leaf with a wide spread",
    ),
    pytest.param(
        lambda: minigrad.arange(3, dtype=minigrad.uint8),
        "tensor([0, 1, 2], dtype=torch.uint8)",
        id="uint8",
    ),
    pytest.param(
        lambda: minigrad.tensor([1.0, 2.0], dtype=minigrad.float64) > 1,
        "tensor([False,  True])",
        id="comparison gives bool",
    ),
    pytest.param(
        lambda: minigrad.Size([2, 3]),
        "torch.Size([2, 3])",
        id="size",
    ),
    pytest.param(
        lambda: minigrad.float32,
        "torch.float32",
        id="dtype",
    ),
    pytest.param(
        lambda: minigrad.tensor([1]).dtype,
        "torch.int64",
        id="tensor's dtype",
    ),
    pytest.param(
        lambda: minigrad.tensor([1.0]).device,
        "device(type='cpu')",
        id="device",
    ),
    pytest.param(
        lambda: minigrad.tensor([[1.0, 5.0], [3.0, 2.0]]).max(1),
        "torch.return_types.max(\n"
        "values=tensor([5., 3.]),\n"
        "indices=tensor([1, 0]))",
        id="max with dim: values and indices",
    ),
]


@pytest.mark.parametrize("make, expected", CASES)
def test_repr_matches_pytorch(make, expected):
    assert repr(make()) == expected


def test_str_is_the_repr():
    assert str(minigrad.tensor([1.0, 2.0])) == "tensor([1., 2.])"


def test_zero_dim_tensor_formats_like_its_number():
    assert f"{minigrad.tensor(2.5):.2f}" == "2.50"


def test_print_precision():
    minigrad.set_printoptions(precision=2)
    assert repr(minigrad.tensor([1.23456, 2.0])) == "tensor([1.23, 2.00])"
    minigrad.set_printoptions(precision=6)
    assert repr(minigrad.tensor([1 / 3, 2.0])) == "tensor([0.333333, 2.000000])"


def test_print_profiles():
    minigrad.set_printoptions(profile="short")
    assert repr(minigrad.tensor([1 / 3, 2.0])) == "tensor([0.33, 2.00])"
    minigrad.set_printoptions(profile="default")
    assert repr(minigrad.tensor([1.23456, 2.0])) == "tensor([1.2346, 2.0000])"


def test_forced_scientific_notation():
    minigrad.set_printoptions(sci_mode=True)
    assert repr(minigrad.tensor([1.23456, 2.0])) == "tensor([1.2346e+00, 2.0000e+00])"


def test_scientific_notation_switched_off():
    minigrad.set_printoptions(sci_mode=False)
    assert repr(minigrad.tensor([1e-8, 2.0])) == "tensor([0.0000, 2.0000])"


def test_threshold_summarizes():
    minigrad.set_printoptions(threshold=5)
    assert repr(minigrad.arange(10.0)) == "tensor([0., 1., 2.,  ..., 7., 8., 9.])"


def test_full_profile_never_summarizes():
    minigrad.set_printoptions(profile="full")
    text = repr(minigrad.arange(1001.0, 2201.0))  # 1200 elements: above the threshold of 1000
    assert "..." not in text and text.endswith("2198., 2199., 2200.])")


def test_linewidth():
    minigrad.set_printoptions(linewidth=30)
    assert repr(minigrad.arange(12.0)) == (
        "tensor([ 0.,  1.,  2.,  3.,\n"
        "         4.,  5.,  6.,  7.,\n"
        "         8.,  9., 10., 11.])"
    )
