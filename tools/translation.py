"""Keep the Chinese edition (lessons/zh-CN/) in step with the English lessons (lessons/).

usage: python tools/translation.py                       # what changed since each translation
       python tools/translation.py english                 # English left, Markdown shown wrongly
       python tools/translation.py new lessons/NAME.md   # start lessons/zh-CN/NAME.md
       python tools/translation.py accept lessons/zh-CN/NAME.md   # after bringing it up to date

A translation has the English lesson's cells in the same order: each Markdown cell translated,
each code cell copied unchanged, plus one code cell tagged ``language`` before them all that
switches the exercises and widgets to Chinese (LANGUAGE_CELL). Its front matter records a short
hash of every English Markdown cell it was translated from, so a change to the English prose
shows up here (and in tests/test_translation.py) as the cells to translate again.
"""

import difflib
import hashlib
import re
import sys
from pathlib import Path

import jupytext

PROJECT = Path(__file__).resolve().parent.parent
ENGLISH = PROJECT / "lessons"
CHINESE = ENGLISH / "zh-CN"
LANGUAGE_CELL = ('import minigrad.exercises\n'
                 'minigrad.exercises.set_language("zh-CN")  # 练习反馈、预测题和小部件都用中文')


# Four or more English words in a row is a sentence left untranslated; a term in parentheses
# (梯度累加（gradient accumulation）) is shorter.
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){3,}")
# What may stay English inside Chinese prose: code, math, link targets and HTML tags.
NOT_PROSE = re.compile(r"```.*?```|~~~.*?~~~|`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|\]\([^)]*\)|<[^>]*>",
                       re.DOTALL)
CJK = re.compile(r"[\u4e00-\u9fff]")


def english_left(text: str) -> list[str]:
    """The runs of English words in ``text`` outside code, math, link targets and tags."""
    prose = NOT_PROSE.sub(" ", text)
    runs = ENGLISH_RUN.findall(prose)
    if not runs and not CJK.search(prose) and re.search(r"[A-Za-z]{3,}", prose):
        runs = [prose.strip()[:60]]  # English words and no Chinese at all
    return runs


def untranslated(path: Path) -> list[str]:
    """Every English sentence left in the Markdown cells of lessons/zh-CN/NAME.md."""
    cells = [c for c in jupytext.read(path).cells if c.cell_type == "markdown"]
    return [f"{path.name}: Markdown cell {n}: {run!r}"
            for n, cell in enumerate(cells, start=1) for run in english_left(cell.source)]


# Two ways Markdown shows Chinese wrongly: a bold label closed after full-width punctuation
# and followed by a letter (**事实：**它) shows its asterisks; a line break inside a Chinese
# sentence shows as a space. Write **事实**：它, and one line per paragraph.
STARS_SHOWN = re.compile(r"[：:，。！？]\*\*(?=[^\s*])")
SPACE_SHOWN = re.compile(r"[\u4e00-\u9fff，。：；！？、）”]\n(?=[\u4e00-\u9fff（“])")
FENCES = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.MULTILINE | re.DOTALL)


def badly_shown(path: Path) -> list[str]:
    """Markdown in lessons/zh-CN/NAME.md that would not show as written (see STARS_SHOWN)."""
    found = []
    cells = [c for c in jupytext.read(path).cells if c.cell_type == "markdown"]
    for n, cell in enumerate(cells, start=1):
        prose = FENCES.sub("", cell.source)
        found += [f"{path.name}: Markdown cell {n}: bold shows its ** here: "
                  f"{prose[max(0, m.start() - 12):m.end() + 4]!r}"
                  for m in STARS_SHOWN.finditer(prose)
                  if prose[:m.start() + 1].count("**") % 2]  # a closing **, not an opening one
        found += [f"{path.name}: Markdown cell {n}: a line break inside a Chinese sentence "
                  f"shows as a space: {prose[max(0, m.start() - 12):m.end() + 6]!r}"
                  for m in SPACE_SHOWN.finditer(prose)]
    return found


def english_of(translation: Path) -> Path:
    return ENGLISH / translation.name


def markdown_hash(source: str) -> str:
    return hashlib.sha256(source.strip().encode()).hexdigest()[:12]


def is_language_cell(cell) -> bool:
    return cell.cell_type == "code" and "language" in cell.metadata.get("tags", [])


def heading(cell) -> str:
    """A cell named for a reader: its first line, shortened."""
    first = cell.source.strip().splitlines()[0] if cell.source.strip() else "(empty)"
    return first if len(first) <= 60 else first[:57] + "..."


def code_cell(cell) -> tuple:
    """What must be the same in both editions: the code, its tags, whether it is collapsed."""
    return cell.source.strip(), tuple(cell.metadata.get("tags", [])), cell.metadata.get("jupyter")


def recorded_hashes(translation) -> list[str]:
    return list(translation.metadata.get("minigrad", {}).get("english_markdown", []))


def problems(path: Path) -> list[str]:
    """Every way lessons/zh-CN/NAME.md is out of step with lessons/NAME.md, one line each."""
    english_path = english_of(path)
    if not english_path.exists():
        return [f"{path.name}: no English lesson lessons/{path.name}"]
    english, chinese = jupytext.read(english_path), jupytext.read(path)
    found = []
    language_cells = [c for c in chinese.cells if is_language_cell(c)]
    if len(language_cells) != 1 or language_cells[0].source.strip() != LANGUAGE_CELL:
        found.append(f"{path.name}: needs exactly one code cell tagged language:\n{LANGUAGE_CELL}")
    cells = [c for c in chinese.cells if not is_language_cell(c)]
    kinds = [c.cell_type for c in english.cells], [c.cell_type for c in cells]
    if kinds[0] != kinds[1]:
        found.append(f"{path.name}: the cells are not the English lesson's, in order "
                     f"(English: {len(english.cells)} cells, Chinese: {len(cells)} besides the "
                     "language cell)")
    else:
        for n, (en, zh) in enumerate(zip(english.cells, cells, strict=True), start=1):
            if en.cell_type == "code" and code_cell(en) != code_cell(zh):
                found.append(f"{path.name}: code cell {n} differs from the English lesson's: "
                             f"{heading(en)!r}")
    english_markdown = [c for c in english.cells if c.cell_type == "markdown"]
    now = [markdown_hash(c.source) for c in english_markdown]
    then = recorded_hashes(chinese)
    matcher = difflib.SequenceMatcher(a=then, b=now, autojunk=False)
    for op, _, _, first, last in matcher.get_opcodes():
        if op == "equal":
            continue
        if first == last:
            found.append(f"{path.name}: English Markdown cells were removed after position "
                         f"{first}; remove their translation and accept")
        for i in range(first, last):
            found.append(f"{path.name}: English Markdown cell {i + 1} changed since the "
                         f"translation: {heading(english_markdown[i])!r}")
    return found


def new(english_path: Path) -> Path:
    """A translation to start from: the English cells, the language cell and the hashes."""
    notebook = jupytext.read(english_path)
    cell = jupytext.reads(f"```{{code-cell}} ipython3\n---\ntags: [language]\n---\n"
                          f"{LANGUAGE_CELL}\n```\n", fmt="md:myst").cells[0]
    first_code = next(i for i, c in enumerate(notebook.cells) if c.cell_type == "code")
    notebook.cells.insert(first_code, cell)
    CHINESE.mkdir(exist_ok=True)
    out = CHINESE / english_path.name
    _record_hashes(notebook, english_path)
    jupytext.write(notebook, out, fmt="md:myst")
    return out


def accept(path: Path) -> None:
    """Record that ``path`` now translates the English lesson as it is."""
    chinese = jupytext.read(path)
    _record_hashes(chinese, english_of(path))
    jupytext.write(chinese, path, fmt="md:myst")


def _record_hashes(translation, english_path: Path) -> None:
    english = jupytext.read(english_path)
    # jupytext writes only the notebook metadata its filter lets through
    translation.metadata.setdefault("jupytext", {})["notebook_metadata_filter"] = "minigrad"
    translation.metadata["minigrad"] = {
        "translation_of": f"lessons/{english_path.name}",
        "english_markdown": [markdown_hash(c.source) for c in english.cells
                             if c.cell_type == "markdown"],
    }


if __name__ == "__main__":
    command, *paths = sys.argv[1:] or ["status"]
    if command == "new":
        for name in paths:
            print("wrote", new(Path(name)))
    elif command == "accept":
        for name in paths:
            accept(Path(name))
    else:
        checks = (untranslated, badly_shown) if command == "english" else (problems,)
        lines = [line for p in sorted(CHINESE.glob("*.md")) for check in checks
                 for line in check(p)]
        print("\n".join(lines) or "every translation is up to date and in Chinese")
        sys.exit(1 if lines else 0)
