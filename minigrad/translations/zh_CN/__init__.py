"""Simplified Chinese (简体中文): every text of the lessons' helpers, keyed by its English original.

One module per part: ``common`` (what every exercise says), ``viz`` (widget labels and the
stepper's sentences) and ``lessonNN`` (that lesson's checks and predict questions).
"""
from . import (
    common,
    lesson01,
    lesson02,
    lesson03,
    lesson04,
    lesson05,
    lesson06,
    lesson07,
    lesson08,
    lesson09,
    lesson10,
    lesson11,
    lesson12,
    viz,
)

MESSAGES: dict[str, str] = {}
for _part in (common, viz, lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07,
              lesson08, lesson09, lesson10, lesson11, lesson12):
    MESSAGES.update(_part.MESSAGES)
