"""The source stays ruff-clean, lines within 100 columns (STYLE.md; rules in pyproject.toml)."""
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ruff", reason="the style check needs ruff (pip install -e '.[test]')")

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("minigrad", "tests", "bench", "tools")


def test_source_is_ruff_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise",
         *CHECKED],
        cwd=ROOT, capture_output=True, text=True,
    )
    findings = result.stdout + result.stderr
    if result.returncode != 0:
        print(findings)
    assert result.returncode == 0, f"ruff check {' '.join(CHECKED)} found:\n{findings}"
