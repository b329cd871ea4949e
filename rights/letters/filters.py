"""Jinja filters of the letter templates: ``longdate`` (a date in words, per locale) and
``dot`` (end a sentence once)."""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from typing import Any


def end_sentence(text: str) -> str:
    """``text`` with a full stop, unless it ends with one already (``Equifax Ltd.``)."""
    text = str(text)
    return text if text.endswith((".", "!", "?")) else f"{text}."


def longdate(day: dt.date, locale: str = "en") -> str:
    """A date in words: ``26 November 2026`` (en), ``November 26, 2026`` (en-US, en-CA),
    ``26. November 2026`` (de), ``26 de noviembre de 2026`` (es, pt), ``26 listopada 2026 r.``
    (pl). The words come from ``templates/_lang/<lang>.json``; unknown locales fall back to
    ISO ``2026-11-26``."""
    from rights.letters.families import load_language

    if not isinstance(day, dt.date):
        return str(day)
    lang, _, region = locale.partition("-")
    words = load_language(lang)
    if words is None:
        return day.isoformat()
    return words.longdate(day.day, day.month, day.year, region)


def install(filters: MutableMapping[str, Any]) -> None:
    """Add the letter filters to a Jinja environment's ``filters``."""
    filters["longdate"] = longdate
    filters["dot"] = end_sentence
