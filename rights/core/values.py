"""Checks for values typed by a user: emails, dates, country and region codes, phones.

Each function returns the normalised value or raises InputError with one clear line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from rights.core.countries import COMMON_MISTAKES, COUNTRIES
from rights.errors import InputError

if TYPE_CHECKING:
    from email_validator import ValidatedEmail

_REGION = re.compile(r"^[A-Z0-9]{1,3}$")
_PHONE = re.compile(r"^\+?[0-9 ()./-]+$")
_ENCODED_WORD = re.compile(r"=\?.*\?=", re.DOTALL)
MAX_TEXT = 300
ENCODED_WORD_REFUSED = (
    "'=?...?=' (an encoded word) is not allowed: mail programs decode it into header lines"
)


def has_encoded_word(value: str) -> bool:
    """True when ``value`` holds ``=?`` followed later by ``?=`` (an RFC 2047 encoded word,
    or anything a mail library might take for one)."""
    return _ENCODED_WORD.search(value) is not None


def text(value: str, field: str, *, multiline: bool = False) -> str:
    """A free-text value: trimmed, not empty, no control characters (CR/LF refused)."""
    value = value.strip()
    if not value:
        raise InputError(f"{field}: must not be empty")
    allowed = {"\n"} if multiline else set()
    bad = [c for c in value if (ord(c) < 32 or ord(c) == 127) and c not in allowed]
    if bad:
        raise InputError(f"{field}: control characters (such as a line break) are not allowed")
    if len(value) > MAX_TEXT * (3 if multiline else 1):
        raise InputError(f"{field}: too long ({len(value)} characters)")
    return value


def header_text(value: str, field: str) -> str:
    """A one-line value bound for an email header (a name): :func:`text`, and no encoded
    word (``=?utf-8?b?...?=`` decodes into header lines in some Python releases)."""
    value = text(value, field)
    if has_encoded_word(value):
        raise InputError(f"{field}: {ENCODED_WORD_REFUSED}", hint="remove the '=?' or '?='")
    return value


def email(value: str) -> str:
    """An email address (RFC 5322 syntax; an internationalised one, RFC 6531, allowed):
    the domain lower-cased and in its Unicode form, the local part in NFC. An encoded word
    (``=?...?=``) is refused: the address goes into a header. The syntax check is the
    ``email-validator`` package's (no DNS lookup)."""
    return email_info(value).normalized


def email_info(value: str) -> ValidatedEmail:
    """:func:`email` with what a mail writer needs: ``ascii_email`` (the domain as
    punycode; None when the local part is not ASCII and so needs SMTPUTF8) and
    ``ascii_domain``."""
    from email_validator import EmailNotValidError, validate_email

    value = header_text(value, "email")
    try:
        return validate_email(value, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as exc:
        raise InputError(f"email: {value!r} is not a valid email address ({exc})") from None


def iso_date(value: str, field: str = "date") -> dt.date:
    """A calendar date written YYYY-MM-DD."""
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise InputError(f"{field}: {value!r} is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{field}: {value!r} is not a real calendar date") from None


def birth_date(value: str, today: dt.date) -> dt.date:
    """A date of birth: an ISO date, not in the future, not before 1900."""
    day = iso_date(value, "birth date")
    if day > today or day.year < 1900:
        raise InputError(f"birth date: {value!r} is not a plausible date of birth")
    return day


def country(value: str) -> str:
    """An ISO 3166-1 alpha-2 country code, upper-cased (``de`` -> ``DE``)."""
    code = value.strip().upper()
    if code in COUNTRIES:
        return code
    hint = f"did you mean {COMMON_MISTAKES[code]}?" if code in COMMON_MISTAKES else None
    raise InputError(
        f"country: {value!r} is not an ISO 3166-1 alpha-2 code (like DE, FR, GB, US)", hint=hint
    )


def region(value: str, country_code: str | None) -> str:
    """An ISO 3166-2 subdivision code (the part after the dash: ``CA`` in ``US-CA``).

    Checked against the subdivisions the ``holidays`` package knows for that country (its
    table shipped as ``rights.core.holiday_regions``).
    """
    code = value.strip().upper()
    if country_code and code.startswith(f"{country_code}-"):
        code = code[len(country_code) + 1 :]
    if not _REGION.match(code):
        raise InputError(f"region: {value!r} is not a subdivision code (like CA, TX, BY, ENG)")
    if country_code:
        known = _subdivisions(country_code)
        if known and code not in known:
            listing = ", ".join(sorted(known))
            raise InputError(
                f"region: {code!r} is not a subdivision of {country_code}",
                hint=f"one of: {listing}" if len(known) <= 80 else None,
            )
    return code


def _subdivisions(country_code: str) -> set[str]:
    from rights.core.holiday_regions import TABLES

    entry = TABLES.get(country_code)
    return {c for c in entry[2] if _REGION.match(c)} if entry else set()


def phone(value: str) -> str:
    """A phone number: digits with optional +, spaces, dots, dashes, slashes, brackets."""
    value = text(value, "phone")
    digits = sum(c.isdigit() for c in value)
    if not _PHONE.match(value) or not 5 <= digits <= 20:
        raise InputError(f"phone: {value!r} is not a phone number (like +49 30 1234567)")
    return value
