"""environment.yml (conda) and the ``lab`` extra (pip) install the same packages.

The README promises that both ways give the same environment; this test keeps the two lists
from drifting apart when a dependency is added to one of them.
"""
import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11+")

PROJECT = Path(__file__).resolve().parents[1]
# conda-forge names that differ from PyPI's.
CONDA_TO_PYPI = {"python-graphviz": "graphviz"}
# In environment.yml but not Python packages: the interpreter, pip, and Graphviz's dot program.
NOT_FROM_PYPI = {"python", "pip", "graphviz"}
CONDA_SPEC = re.compile(r"([A-Za-z0-9_.-]+)\s*(.*)")


def lab_extra() -> dict[str, str]:
    """The ``lab`` extra with the extras it includes, resolved: PyPI name -> version specifier."""
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]
    wanted, todo = {}, list(project["dependencies"]) + [f"{project['name']}[lab]"]
    while todo:
        requirement = Requirement(todo.pop())
        if requirement.name == project["name"]:
            for extra in requirement.extras:
                todo += project["optional-dependencies"][extra]
        else:
            wanted[canonicalize_name(requirement.name)] = str(requirement.specifier)
    return wanted


def environment_file() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """environment.yml's conda packages, its pip packages, and its other pip lines."""
    conda, pip, other = {}, {}, []
    section = None
    for line in (PROJECT / "environment.yml").read_text().splitlines():
        entry = line.split("#")[0].rstrip()
        stripped = entry.strip()
        if stripped.endswith(":") and stripped.startswith("- "):
            section = stripped[2:-1]  # "- pip:" opens the pip list
            continue
        if not stripped.startswith("- "):
            if stripped.endswith(":"):
                section = stripped[:-1]
            continue
        item = stripped[2:].strip().strip("\"'")
        if section == "dependencies":
            name, spec = CONDA_SPEC.fullmatch(item).groups()  # "numpy>=1.24", "python=3.11"
            conda[name] = spec
        elif section == "pip":
            if item.startswith("-"):
                other.append(item)
            else:
                requirement = Requirement(item)
                pip[canonicalize_name(requirement.name)] = str(requirement.specifier)
    return conda, pip, other


def test_environment_file_installs_the_lab_extra():
    conda, pip, other = environment_file()
    from_conda = {CONDA_TO_PYPI.get(name, name): spec for name, spec in conda.items()
                  if name not in NOT_FROM_PYPI}
    both = set(from_conda) & set(pip)
    assert not both, f"listed for both conda and pip: {sorted(both)}"
    assert {**from_conda, **pip} == lab_extra()
    assert other == ["-e ."], "minigrad itself, editable, without extras (listed above)"


def test_environment_file_brings_graphviz_dot_and_python():
    conda, _, _ = environment_file()
    assert "graphviz" in conda, "the dot program, which pip cannot install"
    assert conda["python"].startswith("=3.1")

