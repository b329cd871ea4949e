"""Normalising names, domains and URLs for matching (pure functions, no IO)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Legal-form words dropped when comparing company names ("Acme Inc." == "ACME, LLC").
LEGAL_WORDS = frozenset(
    [
        "inc",
        "incorporated",
        "llc",
        "l",
        "l",
        "c",
        "lp",
        "llp",
        "ltd",
        "limited",
        "co",
        "corp",
        "corporation",
        "company",
        "plc",
        "pllc",
        "gmbh",
        "mbh",
        "ag",
        "kg",
        "kgaa",
        "se",
        "sa",
        "sas",
        "sarl",
        "sl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "aps",
        "asa",
        "pty",
        "pte",
        "the",
        "und",
        "and",
        "of",
        "holding",
        "holdings",
        "group",
        "dba",
    ]
)
_NON_WORD = re.compile(r"[\W_]+")
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ltd", "plc", "or"})
_SLUG_BAD = re.compile(r"[^a-z0-9]+")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def fold(text: str) -> str:
    """Lower-case form: accents stripped, ``&`` spelled ``and``, ß as ss."""
    text = text.replace("&", " and ")
    if text.isascii():
        return text.lower()
    text = text.replace("ß", "ss").replace("\u00a0", " ")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """The alphanumeric words of ``text`` after folding."""
    return [w for w in _NON_WORD.split(fold(text)) if w]


def name_key(name: str) -> str:
    """The key two names must share to be the same organisation (legal forms dropped)."""
    kept = [w for w in words(name) if w not in LEGAL_WORDS]
    return " ".join(kept) if kept else " ".join(words(name))


def resembles(name: str, domain: str) -> bool:
    """True when a domain looks like it belongs to the named organisation (``acme.com``)."""
    label = domain.split(".")[0].replace("-", "")
    key = name_key(name)
    first = key.split(" ")[0][:4] if key else ""
    return bool(first) and (first in label or label[:4] in key.replace(" ", ""))


def host_of(url_or_host: str) -> str | None:
    """The host of a URL or bare host name, lower-cased, without ``www.``; None if none."""
    value = url_or_host.strip()
    if not value:
        return None
    if "://" in value and not value.lower().startswith(("http://", "https://")):
        return None
    if "://" not in value:
        value = "http://" + value
    try:
        host = urlsplit(value).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.rstrip(".").lower()
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    if not all(_LABEL.match(label) for label in host.split(".")):
        return None
    return host[4:] if host.startswith("www.") else host


def registered_domain(url_or_host: str) -> str | None:
    """The registrable part of a host: ``shop.example.co.uk`` -> ``example.co.uk``.

    A small heuristic (no public-suffix list): two labels, or three when the second-level
    label is a common one under a country code (``co.uk``, ``com.au``).
    """
    host = host_of(url_or_host)
    if host is None:
        return None
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def slugify(name: str) -> str:
    """A slug (``[a-z0-9-]``) made from a name: accents dropped, other letters spelled in
    Latin letters by ``text-unidecode`` (ł -> l, ø -> o, æ -> ae, Кла -> Kla)."""
    folded = fold(name)
    if not folded.isascii():
        from text_unidecode import unidecode

        folded = unidecode(folded).lower()
    slug = _SLUG_BAD.sub("-", folded).strip("-")
    return slug[:60].strip("-") or "company"


_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "llc",
        "lp",
        "llp",
        "ltd",
        "limited",
        "co",
        "corp",
        "corporation",
        "company",
        "plc",
        "pllc",
        "gmbh",
        "ag",
        "sa",
    ]
)


def slug_for(name: str) -> str:
    """A slug for an organisation: its name without a trailing legal form or leading 'The'."""
    parts = words(name)
    while len(parts) > 1 and parts[-1] in _SUFFIXES:
        parts.pop()
    if len(parts) > 1 and parts[0] == "the":
        parts.pop(0)
    return slugify(" ".join(parts))


# Country names as the last line of a postal address (English and the local spelling).
_ADDRESS_COUNTRIES = {
    "united states": "US", "united states of america": "US", "usa": "US", "us": "US",
    "united kingdom": "GB", "uk": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "germany": "DE", "deutschland": "DE", "austria": "AT", "osterreich": "AT",
    "switzerland": "CH", "schweiz": "CH", "suisse": "CH", "svizzera": "CH",
    "france": "FR", "the netherlands": "NL", "netherlands": "NL", "nederland": "NL",
    "ireland": "IE", "belgium": "BE", "belgique": "BE", "belgie": "BE",
    "luxembourg": "LU", "sweden": "SE", "sverige": "SE", "spain": "ES", "espana": "ES",
    "italy": "IT", "italia": "IT", "poland": "PL", "polska": "PL", "denmark": "DK",
    "danmark": "DK", "norway": "NO", "norge": "NO", "finland": "FI", "suomi": "FI",
    "portugal": "PT", "greece": "GR", "czech republic": "CZ", "czechia": "CZ",
    "slovakia": "SK", "hungary": "HU", "romania": "RO", "bulgaria": "BG",
    "croatia": "HR", "hrvatska": "HR", "slovenia": "SI", "estonia": "EE", "latvia": "LV",
    "lithuania": "LT", "cyprus": "CY", "malta": "MT", "iceland": "IS",
    "liechtenstein": "LI", "canada": "CA", "australia": "AU", "new zealand": "NZ",
    "israel": "IL", "singapore": "SG", "republic of singapore": "SG", "hong kong": "HK",
    "india": "IN", "china": "CN", "japan": "JP", "brazil": "BR", "brasil": "BR",
    "united arab emirates": "AE", "isle of man": "IM", "gibraltar": "GI",
}  # fmt: skip
# US state and district postal codes: a registry id starts with one (``ca-2020``), and the
# state registries (data-broker registries) are American.
US_STATES = frozenset([
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga", "hi", "id", "il", "in",
    "ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh",
    "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut",
    "vt", "va", "wa", "wv", "wi", "wy",
])  # fmt: skip


def address_country(address: str) -> str | None:
    """The ISO code of the country named by an address's last line (after its last comma),
    or None when it names none this table knows."""
    lines = [line for line in address.strip().split("\n") if line.strip()]
    if not lines:
        return None
    last = " ".join(words(lines[-1].rsplit(",", 1)[-1]))
    return _ADDRESS_COUNTRIES.get(last)


def registry_country(registry: str) -> str | None:
    """The country of a registry id: ``ca-2025`` (a US state's registry) -> ``US``."""
    return "US" if registry.split("-", 1)[0] in US_STATES else None
