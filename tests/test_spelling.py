"""The lessons' prose and the README are spelled right, as codespell sees them.

codespell looks words up in lists of common misspellings, so it flags few correct words. Its
settings, with the short list of words it flags wrongly, are in pyproject.toml's
``[tool.codespell]``.
"""
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
PYPROJECT = PROJECT / "pyproject.toml"
CHECKED = sorted((PROJECT / "lessons").glob("*.md")) + [PROJECT / "README.md"]
FOUND = re.compile(r"^(?P<where>.+?:\d+): (?P<word>.+?) ==> (?P<fix>.+)$", re.MULTILINE)

if importlib.util.find_spec("codespell_lib") is None:
    pytest.skip("the spelling check needs codespell: pip install codespell",
                allow_module_level=True)


def codespell(*paths: Path) -> list[str]:
    """What codespell reports for the given files, one 'file:line: word ==> fix' per entry."""
    run = subprocess.run([sys.executable, "-m", "codespell_lib", "--toml", str(PYPROJECT),
                          *(str(p.relative_to(PROJECT) if p.is_relative_to(PROJECT) else p)
                            for p in paths)],
                         capture_output=True, text=True, cwd=PROJECT, timeout=120)
    assert run.returncode in (0, 65), f"codespell failed to run: {run.stderr}"  # 65: found some
    return [m.group() for m in FOUND.finditer(run.stdout)]


def test_lessons_and_readme_have_no_misspellings():
    assert len(CHECKED) > 2, "no lesson sources found in lessons/"
    found = codespell(*CHECKED)
    assert not found, ("misspellings (fix the .md and rebuild its notebook with "
                       "tools/refresh_outputs.sh, or add a wrongly flagged word to "
                       "[tool.codespell] in pyproject.toml):\n" + "\n".join(found))


def test_the_check_catches_a_misspelling_and_spares_the_ignored_words(tmp_path):
    # The settings must leave the check able to fail: a misspelling in a lesson is reported.
    sample = tmp_path / "sample.md"
    sample.write_text("Teh gradient is recieved by the leaf.\nOpen it in Jupyter.\n")
    found = codespell(sample)
    words = [line.split(": ", 1)[1].split(" ==> ")[0] for line in found]
    assert words == ["Teh", "recieved"], found
