"""The language the lessons' helpers speak: exercise feedback, predict questions, widget labels.

English is the default. A Chinese lesson starts with ``minigrad.exercises.set_language("zh-CN")``;
from then on every :func:`translate`\\ d text comes from that language's catalog, a plain
``{English: translation}`` dict (``translations/zh_CN/``), looked up by the English text itself
so that the English stays the one source of truth. A text with no entry stays English, and
``tests/test_translations.py`` fails for every such text.

Error messages from minigrad itself are never translated: they stay PyTorch's English texts,
which is what a learner will search for.
"""
from __future__ import annotations

import importlib

LANGUAGES = ("en", "zh-CN")

_language = "en"
_catalogs: dict[str, dict[str, str]] = {}


def set_language(language: str) -> None:
    """Speak ``language`` ("en" or "zh-CN") in exercise feedback, predict questions and widgets."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _language = language


def get_language() -> str:
    return _language


def catalog(language: str) -> dict[str, str]:
    """Every translated text of ``language``, keyed by its English original."""
    if language not in _catalogs:
        module = importlib.import_module(f"{__name__}.{language.replace('-', '_')}")
        _catalogs[language] = module.MESSAGES
    return _catalogs[language]


def translatable(text: str) -> str:
    """Mark an English text kept in a table for the catalog; it is translated where it is shown.

    Returns ``text`` unchanged (gettext calls this ``gettext_noop``): the mark lets
    ``tests/test_translation.py`` find every text that needs a catalog entry.
    """
    return text


def translate(text: str, **values) -> str:
    """``text`` in the current language, with its ``{name}`` fields filled from ``values``.

    The fields are filled after the lookup, so a catalog entry is the template itself:
    ``translate("w has {n} elements.", n=4)`` looks up ``"w has {n} elements."``.
    """
    if _language != "en":
        text = catalog(_language).get(text, text)
    return text.format(**values) if values else text
