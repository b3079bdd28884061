"""Every code example of the five blog posts the chapter is built around runs in some lesson.

Learners arrive with code from these posts (the seeds, ``seed 000`` to ``seed 004`` in the
lessons), so each example is run in a lesson's code cells, as PyTorch 2.13 runs it today. Each
example is named below by one distinctive line of it. The line is looked for in the code cells
of ``lessons/*.md`` (the glossary is not a lesson), ignoring whitespace, the kind of quotes and
a trailing comment, so ``w1.data.sub_(lr*w1.grad.data)`` is found as
``w1.data.sub_(lr * w1.grad.data)  # ...``. It must stand as a whole expression in its line:
``a.grad,b.grad`` is not found inside ``a.grad, b.grad, d.grad``.

The seeds:
000: "pytorch反向传播以及参数更新理解" (2020): manual updates, torch.optim, Variable and Parameter.
001: "pytorch学习笔记（二）：gradient" (2017): .grad accumulates, zeroing it, retain_variables.
002: "pytorch的Variable和Parameters的联系和区别" (2021): Variable, Parameter, torch.tensor.
003: "pytorch中的backward" (2021): zero_grad, backward, step, param_groups.
004: requires_grad, no_grad, detach, freezing a layer, the graph of a product (2022).
"""
import re
from pathlib import Path

import pytest

LESSONS = Path(__file__).resolve().parents[1] / "lessons"
NOT_LESSONS = {"99_glossary"}
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
CELL_OPTIONS = re.compile(r"\A---\n.*?^---\n", re.MULTILINE | re.DOTALL)

# (seed, a distinctive line of the example, what the example shows)
SEED_EXAMPLES = [
    ("000", "w1.data.sub_(lr*w1.grad.data)",
     "manual update after w1.data.zero_(), which zeroes the weights"),
    ("000", "optimizer = optim.SGD(net.parameters(), lr = 0.01)",
     "the training loop with torch.optim (steps = 10000)"),
    ("000", "x = Variable(torch.Tensor(array), requires_grad = True)",
     "a Variable around a NumPy array"),
    ("001", "w2 = Variable(torch.Tensor([1.0,2.0,3.0]),requires_grad=True)",
     "two Variables whose .grad prints as zeros (None since 0.2)"),
    ("001", "d = torch.mean(w1)", "d.backward() twice: .grad accumulates"),
    ("001", "w1.grad.data.zero_()", "zeroing the gradient"),
    ("001", "w1.data.sub_(learning_rate*w1.grad.data)", "manual update through .data"),
    ("001", "loss = criterion(output, target)", "the training loop with torch.optim"),
    ("001", "z.backward(gradient=grads)", "the gradient argument of backward()"),
    ("001", "res = torch.mean(z)", "z = w1*w2+w1: the second backward() fails"),
    ("001", "res = torch.mean(w1[1])", "a gradient through one row of a tensor"),
    ("002", "x = Variable(a, requires_grad=True)",
     "z = x + y of two Variables, then z.backward(retain_graph=True)"),
    ("002", "optimizer = torch.optim.SGD(net.parameters(), lr=1e-1)",
     "an optimizer over net.parameters()"),
    ("003", "optimizer.zero_grad()", "zero_grad, backward, step: the three calls of a step"),
    ("003", "p.grad.detach_()", "what zero_grad() did: p.grad.detach_(); p.grad.zero_()"),
    ("003", "optimizer.param_groups",
     "param_groups: six keys per group, params holding Parameter objects"),
    ("004", "a=torch.tensor([1.0,2.0,3.0],requires_grad=False)",
     "net(a) of a Linear layer requires grad"),
    ("004", "for p in sub_module.parameters():", "freezing part of a network"),
    ("004", "for i in net.predict.parameters():",
     "printing a layer's parameters: Parameter containing:"),
    ("004", "i.requires_grad=False", "freezing the hidden layer of the regression net"),
    ("004", "a = torch.tensor(2.0)", "c = a*b with no leaf requiring grad: backward fails"),
    ("004", "a.grad,b.grad", "only a requires grad: (tensor(3.), None)"),
    ("004", "e = c*d", "e = (a*b)*d: a.grad, b.grad, d.grad are 12, 8, 6"),
]


def normalized(line: str) -> str:
    """A line of code without its trailing comment, whitespace, and kinds of quotes."""
    line = re.sub(r"[‘’'“”]", '"', line)
    quotes = 0
    for i, char in enumerate(line):  # a # outside a string starts a comment
        quotes += char == '"'
        if char == "#" and quotes % 2 == 0:
            line = line[:i]
            break
    return re.sub(r"\s+", "", line)


def lesson_lines() -> list[str]:
    """The normalized lines of every code cell of every lesson source."""
    lines = []
    for source in sorted(LESSONS.glob("[0-9][0-9]_*.md")):
        if source.stem in NOT_LESSONS:
            continue
        for cell in CODE_CELL.findall(source.read_text()):
            code = CELL_OPTIONS.sub("", cell)
            lines += [normalized(line) for line in code.splitlines()]
    return lines


def found(example: str, lines: list[str]) -> bool:
    """Whether the example stands as a whole expression in one of the lines."""
    pattern = re.compile(r"(?<![\w.])" + re.escape(normalized(example)) + r"(?![\w.,])")
    return any(pattern.search(line) for line in lines)


def test_the_table_names_each_example_once_from_each_seed():
    assert len({line for _, line, _ in SEED_EXAMPLES}) == len(SEED_EXAMPLES)
    assert {seed for seed, _, _ in SEED_EXAMPLES} == {"000", "001", "002", "003", "004"}


@pytest.mark.parametrize(("example", "line", "expected"), [
    ("w1.data.sub_(lr*w1.grad.data)", "w1.data.sub_(lr * w1.grad.data)  # the post's", True),
    ("a.grad,b.grad", "a.grad, b.grad, d.grad", False),
    ("a.grad,b.grad", "data.grad, b.grad", False),
    ("a.grad,b.grad", "print(a.grad, b.grad)", True),
    ("p.grad.detach_()", "# p.grad.detach_()", False),
    ("optimizer.param_groups", "optimizer.param_groups[0]['params']", True),
])
def test_a_line_is_found_whatever_its_spacing_and_comment(example, line, expected):
    assert found(example, [normalized(line)]) is expected


def test_every_seed_example_runs_in_a_lesson():
    lines = lesson_lines()
    assert lines, "no code cells found in lessons/*.md"
    missing = [f"seed {seed}: {line}   ({what})" for seed, line, what in SEED_EXAMPLES
               if not found(line, lines)]
    assert not missing, ("seed examples that no lesson's code cells run:\n"
                         + "\n".join(missing))
