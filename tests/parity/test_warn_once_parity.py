"""Warnings PyTorch shows once per process, compared in fresh processes (one per library)."""
import json
import pathlib
import subprocess
import sys

import pytest

pytest.importorskip("torch", reason="parity tests need PyTorch 2.13.0 (CI installs it)")

from .harness import assert_same
from .warn_once_programs import programs

pytestmark = pytest.mark.torch
TESTS = pathlib.Path(__file__).resolve().parents[1]

RUN_ALL = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
from parity.harness import run
from parity.warn_once_programs import programs
module = importlib.import_module(sys.argv[2])
print(json.dumps({p.__name__: run(p, module, once_per_process=True) for p in programs}))
"""


def outcomes_in_a_fresh_process(module_name: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", RUN_ALL, str(TESTS), module_name],
        capture_output=True, text=True, check=True, timeout=120,
    )
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def outcomes():
    return {name: outcomes_in_a_fresh_process(name) for name in ("torch", "minigrad")}


@pytest.mark.parametrize("program", [pytest.param(p, id=p.__name__) for p in programs])
def test_same_as_pytorch_in_a_fresh_process(program, outcomes):
    expected = outcomes["torch"][program.__name__]
    assert "error" not in expected, f"PyTorch raised {expected['error']}"
    assert_same(expected, outcomes["minigrad"][program.__name__], "outcome")
