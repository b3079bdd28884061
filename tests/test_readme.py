"""The README's first example prints what its comments say, on minigrad and on PyTorch.

Each line of the example that ends in a comment is an expression whose repr (or whose error)
the comment shows; ``...`` in a comment stands for any text (memory addresses, long messages).
"""
import re
from pathlib import Path

import pytest

import minigrad

README = Path(__file__).resolve().parents[1] / "README.md"


def first_example() -> list[str]:
    """The lines of the README's first python code block."""
    block = re.search(r"```python\n(.*?)```", README.read_text(), re.DOTALL)
    return block.group(1).splitlines()


def shown(line: str, namespace: dict) -> str | None:
    """Run one line as a REPL would; return what it shows (repr or error), or None."""
    code = line.split("#")[0].strip()
    if not code:
        return None
    try:
        try:
            return repr(eval(code, namespace))
        except SyntaxError:
            exec(code, namespace)  # a statement: shows nothing
            return None
    except Exception as error:
        return f"{type(error).__name__}: {error}"


def matches(comment: str, text: str) -> bool:
    pattern = ".*".join(re.escape(part) for part in comment.split("..."))
    return re.fullmatch(pattern, text, re.DOTALL) is not None


@pytest.mark.parametrize("library", ["minigrad", "torch"])
def test_first_example_prints_what_its_comments_say(library):
    module = minigrad if library == "minigrad" else pytest.importorskip(
        "torch", reason="comparing with PyTorch needs torch 2.13.0 (CI installs it)")
    lines = [line.replace("import minigrad as torch", f"import {library} as torch")
             for line in first_example()]
    namespace = {"torch": module}
    checked = 0
    for line in lines:
        text = shown(line, namespace)
        if "#" in line:
            comment = line.split("#", 1)[1].strip()
            assert text is not None and matches(comment, text), (
                f"{line.strip()!r} shows {text!r} on {library}")
            checked += 1
    assert checked >= 4, "the example lost its commented lines"


def test_the_chinese_readme_is_linked_from_the_top_and_gives_the_same_start():
    chinese_readme = README.with_name("README.zh-CN.md")
    english, chinese = README.read_text(), chinese_readme.read_text()
    assert "](README.zh-CN.md)" in english.split("\n## ")[0], "linked before the first section"
    assert "](README.md)" in chinese, "README.zh-CN.md links back to the English README"
    commands = re.search(r"```bash\n(.*?)```", english, re.DOTALL).group(1)
    for line in commands.splitlines():
        assert line.split("#")[0].strip() in chinese, f"the Chinese README lacks {line!r}"
    lessons = sorted(README.parent.glob("notebooks/zh-CN/[0-9][0-9]_*.ipynb"))
    missing = [p.name for p in lessons if f"(notebooks/zh-CN/{p.name})" not in chinese]
    assert lessons and not missing, f"the Chinese README's table lacks {missing}"
