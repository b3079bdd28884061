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

Feedback, questions and buttons speak English unless a lesson calls :func:`set_language`
(``set_language("zh-CN")`` in the Chinese edition); each message is written here in English
and looked up in ``minigrad/translations/``.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..translations import get_language, set_language, translate

__all__ = ["Feedback", "as_list", "as_number", "close", "correct", "get_language",
           "is_placeholder", "not_yet", "placeholder", "predict", "set_language"]

PLACEHOLDER = "Not yet: replace the ... with your answer, then run this cell again."


@dataclass(frozen=True)
class Feedback:
    """The result of a check: right or not, and one sentence saying why."""

    correct: bool
    message: str

    def __repr__(self) -> str:
        return translate("Correct! " if self.correct else "Not yet: ") + self.message

    def _repr_html_(self) -> str:
        colour = "#2b8a3e" if self.correct else "#c92a2a"
        mark = "✔" if self.correct else "✘"
        text = _escape(repr(self))
        return f'<div style="color:{colour};font-weight:600">{mark} {text}</div>'

    def __bool__(self) -> bool:
        return self.correct


def correct(message: str, **values) -> Feedback:
    """A right answer; ``message`` is English, with ``{name}`` fields filled from ``values``."""
    return Feedback(True, translate(message, **values))


def not_yet(message: str, **values) -> Feedback:
    """A wrong answer, and what it got wrong (English, translated as :func:`correct` says)."""
    return Feedback(False, translate(message, **values))


def placeholder() -> Feedback:
    """What every check says while the answer is still ``...``."""
    return Feedback(False, translate(PLACEHOLDER.removeprefix("Not yet: ")))


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
        self.question = translate(question)
        self.choices = [translate(choice) for choice in choices]
        self._widget = None

    @property
    def widget(self):
        if self._widget is None:
            import ipywidgets

            picker = ipywidgets.RadioButtons(options=self.choices, value=None,
                                             layout=ipywidgets.Layout(width="max-content"))
            note = ipywidgets.HTML("")
            picker.observe(lambda change: setattr(note, "value", translate(
                "You predicted <b>{choice}</b>. Now run the next cell and compare.",
                choice=_escape(str(change["new"])))), names="value")
            title = translate("<b>Predict:</b> {question}", question=_escape(self.question))
            self._widget = ipywidgets.VBox([ipywidgets.HTML(title), picker, note])
        return self._widget

    def __repr__(self) -> str:
        letters = "abcdefghij"
        lines = [translate("Predict: {question}", question=self.question)]
        lines += [f"  ({letters[i]}) {choice}" for i, choice in enumerate(self.choices)]
        lines.append(translate("Pick one, then run the next cell to see what really happens."))
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
