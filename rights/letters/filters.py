"""Jinja filters of the letter templates: ``longdate`` (a date in words, per locale) and
``dot`` (end a sentence once)."""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from typing import Any

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
    "listopada grudnia",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
}


def end_sentence(text: str) -> str:
    """``text`` with a full stop, unless it ends with one already (``Equifax Ltd.``)."""
    text = str(text)
    return text if text.endswith((".", "!", "?")) else f"{text}."


def longdate(day: dt.date, locale: str = "en") -> str:
    """A date in words: ``26 November 2026`` (en), ``November 26, 2026`` (en-US, en-CA),
    ``26. November 2026`` (de), ``26 de noviembre de 2026`` (es, pt), ``26 listopada 2026 r.``
    (pl). Unknown locales fall back to ISO ``2026-11-26``."""
    lang, _, region = locale.partition("-")
    if lang not in _MONTHS or not isinstance(day, dt.date):
        return day.isoformat() if isinstance(day, dt.date) else str(day)
    month = _MONTHS[lang].split()[day.month - 1]
    d, y = day.day, day.year
    if lang == "en":
        return f"{month} {d}, {y}" if region in ("US", "CA") else f"{d} {month} {y}"
    if lang == "de":
        return f"{d}. {month} {y}"
    if lang in ("es", "pt"):
        return f"{d} de {month} de {y}"
    if lang == "pl":
        return f"{d} {month} {y} r."
    if lang == "fr":
        return f"{'1er' if d == 1 else d} {month} {y}"
    if lang == "it":
        return f"{'1°' if d == 1 else d} {month} {y}"
    return f"{d} {month} {y}"


def install(filters: MutableMapping[str, Any]) -> None:
    """Add the letter filters to a Jinja environment's ``filters``."""
    filters["longdate"] = longdate
    filters["dot"] = end_sentence
