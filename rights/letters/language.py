"""The one language chooser for every letter (requests, reminders, answers, complaints).

The language is ``--lang`` when given (refused when no such letter exists); else the first
of the caller's preferred languages that has a template; else the first available one.
Requests prefer the company's request language, then the language of the person's
country, then English; follow-ups prefer the language of the request (a complaint: the
regulator's language first). :data:`COUNTRY_LANG` maps a residence country to its language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rights.errors import InputError

if TYPE_CHECKING:
    from rights.core.company import Company
    from rights.core.identity import Identity

# Default letter language by residence country (when the company names none).
COUNTRY_LANG = {
    "DE": "de", "AT": "de", "LI": "de", "FR": "fr", "LU": "fr", "BE": "fr", "ES": "es",
    "IT": "it", "NL": "nl", "PL": "pl", "BR": "pt", "PT": "pt", "MX": "es",
}  # fmt: skip


@dataclass
class Language:
    """The chosen language: its code, the reason, the languages available, and (for a
    follow-up letter) a note for the user when its preferred language has no such letter."""

    value: str
    reason: str
    options: list[str] = field(default_factory=list)
    note: str | None = None


def choose_language(
    family: str,
    wanted: Sequence[tuple[str | None, str]],
    *,
    explicit: str | None = None,
    kind: str | None = None,
    home: Path | None = None,
) -> Language:
    """The letter's language for ``family``.

    ``wanted``: the preferred languages with the reason for each, best first (``None``
    entries are skipped). ``kind``: the letter kind that must exist in the language (a
    reminder, complaint, ...); ``None`` for a request, where any letter of the family
    counts. ``home``: the user's data folder (its templates count too).
    """
    from rights.letters.render import languages

    available = languages(family, kind, home=home)
    what = f"{family} {kind} letter" if kind else f"{family} letters"
    if not available:
        raise InputError(f"no {family} {kind + ' ' if kind else ''}letters in any language")
    if explicit:
        if explicit not in available:
            raise InputError(
                f"no {what} in language {explicit!r}",
                hint=f"languages: {', '.join(available)}",
            )
        return Language(explicit, "chosen with --lang", available)
    first = next((value for value, _ in wanted if value), None)
    for value, reason in wanted:
        if value and value in available:
            note = None if value == first else _fallback_note(kind, first, value)
            return Language(value, reason, available, note)
    value = available[0]
    return Language(value, "the only one available", available, _fallback_note(kind, first, value))


def _fallback_note(kind: str | None, first: str | None, used: str) -> str | None:
    """For a follow-up: the note that its preferred language has no such letter (none
    when no language was preferred)."""
    return f"no {kind} letter in {first}: using {used}" if kind and first else None


def for_request(
    family: str, company: Company, identity: Identity, explicit: str | None, home: Path | None
) -> Language:
    """A request's language: ``--lang``; the company's request language; the language of
    the person's country; English."""
    return choose_language(
        family,
        [
            (company.request_language, f"{company.name} asks for requests in it"),
            (COUNTRY_LANG.get(identity.country or ""), "the language of your country"),
            ("en", "the default"),
        ],
        explicit=explicit,
        home=home,
    )


def for_follow_up(
    family: str, kind: str, explicit: str | None, wanted: list[str | None], home: Path | None
) -> Language:
    """A reminder's, answer's or complaint's language: ``--lang``; else the first of
    ``wanted`` that has a ``kind`` letter, with a note when it is not the first."""
    return choose_language(
        family, [(lang, "the language of the request") for lang in wanted],
        explicit=explicit, kind=kind, home=home,
    )  # fmt: skip
