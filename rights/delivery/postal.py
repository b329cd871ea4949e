"""Postal addresses as an envelope window shows them.

Company records hold an address as lines (``\\n``); records imported from a registry often
hold one line with commas ("100 Park Avenue, New York, NY 10017, United States"). A letter
needs lines: street, "City, ST ZIP", country. A letter to an address in the sender's own
country leaves the country line out (postal services ask for it only abroad).
"""

from __future__ import annotations

import re

# The country names the shipped directory's addresses end with (English and native), and
# the ISO 3166-1 code each means. A last line not listed here is never dropped.
COUNTRY_NAMES = {
    "australia": "AU", "austria": "AT", "österreich": "AT", "belgium": "BE", "belgique": "BE",
    "belgië": "BE", "bulgaria": "BG", "canada": "CA", "china": "CN", "croatia": "HR",
    "hrvatska": "HR", "cyprus": "CY", "czech republic": "CZ", "czechia": "CZ",
    "denmark": "DK", "danmark": "DK", "estonia": "EE", "finland": "FI", "france": "FR",
    "germany": "DE", "deutschland": "DE", "gibraltar": "GI", "greece": "GR",
    "hong kong": "HK", "hungary": "HU", "iceland": "IS", "india": "IN", "ireland": "IE",
    "isle of man": "IM", "israel": "IL", "italy": "IT", "italia": "IT", "liechtenstein": "LI",
    "lithuania": "LT", "luxembourg": "LU", "malaysia": "MY", "malta": "MT",
    "marshall islands": "MH", "morocco": "MA", "the netherlands": "NL", "netherlands": "NL",
    "nederland": "NL", "new zealand": "NZ", "norway": "NO", "poland": "PL", "polska": "PL",
    "portugal": "PT", "qatar": "QA", "romania": "RO", "russia": "RU", "seychelles": "SC",
    "singapore": "SG", "republic of singapore": "SG", "slovakia": "SK", "slovenia": "SI",
    "spain": "ES", "españa": "ES", "sweden": "SE", "sverige": "SE", "switzerland": "CH",
    "schweiz": "CH", "suisse": "CH", "taiwan": "TW", "united arab emirates": "AE",
    "united kingdom": "GB", "uk": "GB", "great britain": "GB", "united states": "US",
    "united states of america": "US", "usa": "US", "u.s.a.": "US", "us": "US",
}  # fmt: skip

_US_STATE_ZIP = re.compile(r"^[A-Z]{2}\s+\d{5}(?:-\d{4})?$")
_STATE = re.compile(r"^[A-Z]{2}$")
_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")
_CA_PROVINCE_POSTCODE = re.compile(r"^[A-Z]{2}\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d$")
_SUFFIXES = re.compile(r"^(?:LLC|LLP|L\.?P\.?|Inc\.?|Ltd\.?|Corp\.?|Co\.?|PLC|GmbH|S\.?A\.?)\b")


def country_of(line: str) -> str | None:
    """The ISO code a country line names ("United States" -> ``US``), or None."""
    return COUNTRY_NAMES.get(line.strip().rstrip(".").casefold())


def address_lines(address: str | None) -> list[str]:
    """The address as lines: kept as they are when it has several, else split at commas.

    A one-line address is split into its parts; "City, ST ZIP" (US states, Canadian
    provinces) stays one line, and a company-form suffix ("LLP", "Inc.") stays with the name
    before it.
    """
    if not address or not address.strip():
        return []
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    if len(lines) > 1 or "," not in lines[0]:
        return lines
    parts: list[str] = []
    for part in (p.strip() for p in lines[0].split(",")):
        if parts and _ZIP.match(part) and _STATE.match(parts[-1]):
            parts[-1] = f"{parts[-1]} {part}"  # "TX, 77845" is "TX 77845"
        elif part:
            parts.append(part)
    out: list[str] = []
    for part in parts:
        joins_city = bool(_US_STATE_ZIP.match(part) or _CA_PROVINCE_POSTCODE.match(part))
        if out and (joins_city or _SUFFIXES.match(part)):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


_POSTCODE = re.compile(r"^(?=.*\d)[A-Z0-9]{2,4}(?:[ -]?[A-Z0-9]{3,4})?$")


def joined(lines: list[str]) -> list[str] | None:
    """The block with one bare postcode line joined to the line before it ("Cork" +
    "T23AT2P" -> "Cork T23AT2P"), the way most postal services also accept; None when no
    line is a bare postcode. The name (first line) is never joined."""
    for i in range(len(lines) - 1, 1, -1):
        if _POSTCODE.match(lines[i].strip()):
            return [*lines[: i - 1], f"{lines[i - 1]} {lines[i].strip()}", *lines[i + 1 :]]
    return None


def window_lines(name: str, lines: list[str], home_country: str | None) -> list[str]:
    """The recipient block: the name, then the address lines; without the country line
    when it names ``home_country`` (the sender's country, ISO code)."""
    body = list(lines)
    if home_country and len(body) > 1 and country_of(body[-1]) == home_country.split("-")[0]:
        body = body[:-1]
    return [name, *body]
