"""Every link from one lesson to another leads to a notebook that exists.

The lessons link to each other as ``[lesson 02](02_backward_and_the_chain_rule.ipynb)``,
relative to ``notebooks/`` where the built notebooks live; README.md links relative to the
project's root. A link may end in ``#anchor``: a heading of the target notebook, written the
way JupyterLab names headings (spaces become ``-``) or the way GitHub does (lower case, no
punctuation). The targets are looked up in ``notebooks/`` when the tests run. The Chinese
edition (lessons/zh-CN/, README.zh-CN.md) links the same way to ``notebooks/zh-CN/``.
"""
import re
from pathlib import Path

import nbformat
import pytest

PROJECT = Path(__file__).resolve().parents[1]
NOTEBOOKS = PROJECT / "notebooks"
SOURCES = (sorted((PROJECT / "lessons").glob("*.md")) + [PROJECT / "README.md"]
           + sorted((PROJECT / "lessons" / "zh-CN").glob("*.md")) + [PROJECT / "README.zh-CN.md"])
FENCED = re.compile(r"^(`{3,}).*?^\1\s*$", re.MULTILINE | re.DOTALL)  # code, not prose
LINK = re.compile(r"\[[^\]]*\]\((?P<target>[^)\s#]+\.ipynb)(?:#(?P<anchor>[^)\s]*))?\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)


def links(source: Path) -> list[tuple[str, str | None]]:
    """The (notebook, anchor) of each Markdown link to a notebook in the prose of a file."""
    prose = FENCED.sub("", source.read_text())
    return [(m["target"], m["anchor"]) for m in LINK.finditer(prose)
            if "://" not in m["target"]]


def anchors(notebook: Path) -> set[str]:
    """The names a link can use for the headings of a notebook's Markdown cells."""
    names = set()
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        for heading in HEADING.findall(cell.source):
            text = re.sub(r"[`*_]", "", heading)  # what the rendered heading shows
            names.add(text.replace(" ", "-"))  # JupyterLab
            names.add(re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-"))  # GitHub
    return names


def where(source: Path) -> Path:
    """The folder a file's relative links start from: its notebook's, or the project's root."""
    if source.parent.name == "zh-CN":
        return NOTEBOOKS / "zh-CN"
    return NOTEBOOKS if source.parent.name == "lessons" else PROJECT


ALL_LINKS = list(dict.fromkeys((source, target, anchor) for source in SOURCES
                               for target, anchor in links(source)))


def test_the_lessons_link_to_each_other():
    linking = {source.relative_to(PROJECT) for source, _, _ in ALL_LINKS}
    assert Path("lessons/00_welcome.md") in linking, "no links: the welcome lists every lesson"
    assert Path("lessons/zh-CN/00_welcome.md") in linking, "no links in the Chinese welcome"


def test_anchors_are_the_headings_as_jupyterlab_and_github_name_them(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("## `detach()` and `.data`\n\nText with # inside."),
        nbformat.v4.new_code_cell("# a comment, not a heading")])
    path = tmp_path / "sample.ipynb"
    nbformat.write(notebook, path)
    assert anchors(path) == {"detach()-and-.data", "detach-and-data"}


@pytest.mark.parametrize(
    ("source", "target", "anchor"), ALL_LINKS,
    ids=[f"{s.name}->{t}" + (f"#{a}" if a else "") for s, t, a in ALL_LINKS])
def test_link_leads_to_a_notebook(source, target, anchor):
    notebook = (where(source) / target).resolve()
    link = target + (f"#{anchor}" if anchor else "")
    assert notebook.parent in (NOTEBOOKS, NOTEBOOKS / "zh-CN") and notebook.exists(), (
        f"{source.relative_to(PROJECT)} links to {link}, but notebooks/ has no "
        f"{notebook.name}")
    if anchor:
        assert anchor in anchors(notebook), (
            f"{source.relative_to(PROJECT)} links to {link}, but {notebook.name} has no "
            f"heading '{anchor}'")
