"""Self-checking exercises and "predict, then run" questions for the lessons in ``notebooks/``.

Each lesson has a module here (``lesson01`` ...) with one check per exercise. A check takes
the learner's answer and returns a :class:`Feedback`: one sentence that says what is right, or
what the answer got wrong ("Not yet: ..."), never just "wrong". Checks accept minigrad and
PyTorch tensors alike, so a lesson runs unchanged with ``import torch``.

In a lesson::

    from minigrad.exercises import lesson04 as exercises
    answer = ...                      # the learner replaces ... with an answer
    exercises.grad_after_two_backwards(answer)

:func:`predict` shows a multiple-choice question to answer before running the next cell.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

PLACEHOLDER = "Not yet: replace the ... with your answer, then run this cell again."


@dataclass(frozen=True)
class Feedback:
    """The result of a check: right or not, and one sentence saying why."""

    correct: bool
    message: str

    def __repr__(self) -> str:
        return ("Correct! " if self.correct else "Not yet: ") + self.message

    def _repr_html_(self) -> str:
        colour = "#2b8a3e" if self.correct else "#c92a2a"
        mark = "✔" if self.correct else "✘"
        text = _escape(repr(self))
        return f'<div style="color:{colour};font-weight:600">{mark} {text}</div>'

    def __bool__(self) -> bool:
        return self.correct


def correct(message: str) -> Feedback:
    return Feedback(True, message)


def not_yet(message: str) -> Feedback:
    return Feedback(False, message)


def placeholder() -> Feedback:
    """What every check says while the answer is still ``...``."""
    return Feedback(False, PLACEHOLDER.removeprefix("Not yet: "))


def is_placeholder(answer) -> bool:
    return answer is Ellipsis


def as_number(value):
    """A Python number from a number, a one-element tensor (minigrad or PyTorch) or array.

    Returns None when ``value`` is not a single number (a checker then says so).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if hasattr(value, "numel") and hasattr(value, "item"):  # a tensor, from either library
        return value.item() if value.numel() == 1 else None
    if hasattr(value, "item") and getattr(value, "size", None) == 1:  # a NumPy scalar or array
        return value.item()
    return None


def as_list(value):
    """Nested Python lists from a tensor (either library), an array, a list or a tuple."""
    if hasattr(value, "tolist"):
        value = value.tolist() if not hasattr(value, "detach") else value.detach().tolist()
    if isinstance(value, tuple):
        value = list(value)
    if isinstance(value, list):
        return [as_list(v) if isinstance(v, (list, tuple)) or hasattr(v, "tolist") else v
                for v in value]
    return value


def close(a, b, tol: float = 1e-4) -> bool:
    """Numbers, or equally nested lists of numbers, equal within ``tol``."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close(x, y, tol) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return not isinstance(a, bool) and math.isclose(a, b, rel_tol=tol, abs_tol=tol)
    return False


class Prediction:
    """A question to answer before running the next cell, with its choices as buttons.

    Choosing does not reveal the answer: the next cell does, by running the code. The text
    form (what a notebook shows before it is run, and what nbval compares) lists the choices.
    """

    def __init__(self, question: str, choices: Sequence[str]):
        self.question, self.choices = question, list(choices)
        self._widget = None

    @property
    def widget(self):
        if self._widget is None:
            import ipywidgets

            picker = ipywidgets.RadioButtons(options=self.choices, value=None,
                                             layout=ipywidgets.Layout(width="max-content"))
            note = ipywidgets.HTML("")
            picker.observe(lambda change: setattr(
                note, "value", f"You predicted <b>{_escape(str(change['new']))}</b>. "
                               "Now run the next cell and compare."), names="value")
            self._widget = ipywidgets.VBox([ipywidgets.HTML(f"<b>Predict:</b> "
                                                            f"{_escape(self.question)}"),
                                            picker, note])
        return self._widget

    def __repr__(self) -> str:
        letters = "abcdefghij"
        lines = [f"Predict: {self.question}"]
        lines += [f"  ({letters[i]}) {choice}" for i, choice in enumerate(self.choices)]
        lines.append("Pick one, then run the next cell to see what really happens.")
        return "\n".join(lines)

    def _repr_mimebundle_(self, **kwargs) -> dict:
        try:
            bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        except ImportError:  # no ipywidgets: the text form is the whole question
            bundle = {}
        bundle["text/plain"] = repr(self)
        return bundle


def predict(question: str, *choices: str) -> Prediction:
    """Ask the learner to predict what the next cell prints before running it."""
    if len(choices) < 2:
        raise ValueError("predict() needs at least two choices")
    return Prediction(question, choices)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
