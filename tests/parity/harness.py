"""Run one small program under PyTorch and under minigrad, and compare what a learner sees.

A *program* is a function that takes the module (``torch`` or ``minigrad``) and returns a
JSON-able description of what it made: values, dtypes, shapes, reprs, graph structure.
It may also raise: then the exception's type and the first line of its message are what
must match. Warnings raised while it runs are compared too (category and first line).
"""
from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest

# PyTorch appends where in its C++ source a warning came from; minigrad has no such place.
TRIGGERED_INTERNALLY = " (Triggered internally at"

# Warnings PyTorch gives only once per process: which program sees them depends on the order the
# tests run in, so `run` leaves them out; test_warn_once_parity.py checks them in fresh processes.
ONCE_PER_PROCESS = (
    "Using backward() with create_graph=True",
    "The use of `x.T` on tensors of dimension other than 2",
    "Tensor.T is deprecated on 0-D tensors",
)


class Programs(list):
    """A table of programs: ``@programs`` adds one, ``@programs.raising`` one that must raise."""

    def __call__(self, program):
        program.must_raise = False
        self.append(pytest.param(program, id=program.__name__))
        return program

    def raising(self, program):
        """A misuse program: PyTorch raises, and minigrad must raise the same error."""
        program.must_raise = True
        self.append(pytest.param(program, id=program.__name__))
        return program


# ----- descriptions of what a program made ---------------------------------------------------

def info(t) -> dict:
    """Everything a learner sees of a tensor: repr, shape, dtype, autograd flags, values."""
    return {
        "repr": repr(t),
        "shape": list(t.shape),
        "dtype": str(t.dtype),
        "requires_grad": t.requires_grad,
        "is_leaf": t.is_leaf,
        "grad_fn": None if t.grad_fn is None else t.grad_fn.name(),
        "values": t.detach().tolist(),
    }


def meta(t) -> dict:
    """What can be compared of a random tensor: everything but the values."""
    return {
        "shape": list(t.shape),
        "dtype": str(t.dtype),
        "requires_grad": t.requires_grad,
        "is_leaf": t.is_leaf,
        "repr_of_shape": repr(t.shape),
    }


def grad_of(t):
    """A leaf's ``.grad`` (None or its info)."""
    return None if t.grad is None else info(t.grad)


def graph(node, depth: int = 12):
    """A node and, recursively, its ``next_functions``: ``[type name, [[child, input_nr], ...]]``.

    ``(None, 0)`` entries stay ``None``; an ``AccumulateGrad`` shows its leaf's shape.
    """
    if node is None:
        return None
    name = type(node).__name__  # name() differs for PyTorch's C++ nodes (AccumulateGrad)
    if name == "AccumulateGrad":
        return [name, list(node.variable.shape)]
    if depth == 0:
        return [name, "..."]
    return [name, [[graph(child, depth - 1), nr] for child, nr in node.next_functions]]


def first_line(message: str) -> str:
    line = str(message).strip().split("\n")[0]
    return line.split(TRIGGERED_INTERNALLY)[0]


# ----- running and comparing -----------------------------------------------------------------

def run(program, module, once_per_process: bool = False) -> dict:
    """The outcome of ``program(module)``: its result or its error, and the warnings it raised.

    Warnings shown once per process are left out unless ``once_per_process`` asks for them.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            outcome = {"result": program(module)}
        except Exception as error:  # the error is what we compare
            outcome = {"error": [type(error).__name__, first_line(str(error))]}
    shown = [[w.category.__name__, first_line(w.message)] for w in caught]
    outcome["warnings"] = [
        w for w in shown if once_per_process or not w[1].startswith(ONCE_PER_PROCESS)
    ]
    return outcome


# A float as PyTorch prints it inside a repr or message: "447.9983", "-0.5000", "3.", "1.0000e-09".
# Digits inside names ("float32", "MulBackward0") and integers ("Size([2, 3])") are not matched:
# they are compared as text.
PRINTED_FLOAT = re.compile(r"(?<![\w.])-?\d+(?:\.\d*(?:e[-+]?\d+)?|e[-+]?\d+)(?![\w.])")

# How far apart two float32 results of the same reduction may be, in units in the last place:
# the order of additions differs between NumPy and PyTorch, and between CPUs (SIMD width).
REDUCTION_ULPS = 4


def last_digit_unit(printed: str) -> float:
    """The value of one unit in the last printed digit: "447.9983" -> 1e-4, "1.50e-03" -> 1e-5."""
    mantissa, _, exponent = printed.partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (int(exponent or 0) - decimals)


def same_up_to_rounding(expected: str, actual: str) -> bool:
    """The same text, except that printed floats may differ by float32 rounding.

    Two float32 values ``REDUCTION_ULPS`` apart can round, when printed, to neighbouring last
    digits, so a printed float may be off by one unit in its last digit plus that tolerance;
    everything else (names, shapes, dtypes, flags, integers) must be identical.
    """
    expected_numbers = PRINTED_FLOAT.findall(expected)
    actual_numbers = PRINTED_FLOAT.findall(actual)
    if PRINTED_FLOAT.split(expected) != PRINTED_FLOAT.split(actual):
        return False  # the text around the numbers differs, or their count does
    for e, a in zip(expected_numbers, actual_numbers, strict=True):
        if e == a:
            continue
        if e.startswith("-") != a.startswith("-"):
            return False
        allowed = max(last_digit_unit(e), last_digit_unit(a))
        allowed += REDUCTION_ULPS * float(np.spacing(np.float32(abs(float(e)))))
        if abs(float(e) - float(a)) > allowed:
            return False
    return True


def assert_same(expected, actual, path: str = "result") -> None:
    """Equal structures; floats equal within float32 tolerance (nan equals nan).

    Strings are compared exactly, except for the floats printed in them (see
    ``same_up_to_rounding``).
    """
    if isinstance(expected, str) and isinstance(actual, str) and expected != actual:
        assert same_up_to_rounding(expected, actual), (
            f"{path}:\n  PyTorch:  {expected!r}\n  minigrad: {actual!r}"
        )
        return
    if isinstance(expected, float) and isinstance(actual, float):
        same = (math.isnan(expected) and math.isnan(actual)) or math.isclose(
            expected, actual, rel_tol=1e-5, abs_tol=1e-6
        )
        assert same, f"{path}: PyTorch {expected!r}, minigrad {actual!r}"
        return
    assert type(expected) is type(actual), (
        f"{path}: PyTorch gives {type(expected).__name__} {expected!r}, "
        f"minigrad {type(actual).__name__} {actual!r}"
    )
    if isinstance(expected, dict):
        assert list(expected) == list(actual), (
            f"{path}:\n  PyTorch:  {expected}\n  minigrad: {actual}"
        )
        for key in expected:
            assert_same(expected[key], actual[key], f"{path}[{key!r}]")
    elif isinstance(expected, (list, tuple)):
        assert len(expected) == len(actual), f"{path}: PyTorch {expected!r}, minigrad {actual!r}"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            assert_same(e, a, f"{path}[{i}]")
    else:
        assert expected == actual, f"{path}:\n  PyTorch:  {expected!r}\n  minigrad: {actual!r}"


def check_parity(program, torch, minigrad) -> None:
    """Run ``program`` under both modules; what each shows must be the same."""
    expected = run(program, torch)
    if program.must_raise:
        assert "error" in expected, f"the program should make PyTorch raise, got {expected}"
    else:
        assert "error" not in expected, f"PyTorch raised {expected['error']}"
    actual = run(program, minigrad)
    assert_same(expected, actual, "outcome")
