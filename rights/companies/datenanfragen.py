"""Datenanfragen.de records <-> ours, without loss in the import direction.

Their format (CC0, github.com/datenanfragen/data) uses kebab-case keys; see
``tests/data/datenanfragen-schema.json``. Mapping: ``relevant-countries`` -> ``countries``
(upper-cased, ``all`` kept), categories through ``DN_CATEGORIES``, ``sources`` -> the
``cites`` of a ``datenanfragen`` source, ``suggested-transport-medium`` -> ``channel``.
"""

from __future__ import annotations

import re
from typing import Any

from rights.companies.names import registered_domain
from rights.core.categories import DN_CATEGORIES
from rights.core.company import Company, Source

DATASET = "datenanfragen"
LICENCE = "CC0-1.0"
RECORD_URL = "https://github.com/datenanfragen/data/blob/master/companies/{slug}.json"

# their key -> our field, for values copied unchanged
_SAME: dict[str, str] = {
    "slug": "slug",
    "name": "name",
    "runs": "runs",
    "address": "address",
    "phone": "phone",
    "fax": "fax",
    "email": "email",
    "webform": "webform",
    "pgp-fingerprint": "pgp_fingerprint",
    "pgp-url": "pgp_url",
    "web": "web",
    "required-elements": "required_elements",
    "request-language": "request_language",
    "custom-access-template": "custom_access_template",
    "custom-erasure-template": "custom_erasure_template",
    "custom-rectification-template": "custom_rectification_template",
    "custom-objection-template": "custom_objection_template",
    "needs-id-document": "needs_id_document",
    "suggested-transport-medium": "channel",
    "comments": "comments",
    "quality": "quality",
    "facet-group": "facet_group",
    "nsfw": "nsfw",
}
_CONTACT_FIELDS = ("address", "phone", "fax", "email", "webform", "pgp_url", "web")
_DN_COUNTRIES = frozenset(
    [
        "all",
        "at",
        "be",
        "bg",
        "hr",
        "cy",
        "cz",
        "dk",
        "ee",
        "fi",
        "fr",
        "de",
        "gr",
        "hu",
        "ie",
        "it",
        "lv",
        "lt",
        "lu",
        "mt",
        "nl",
        "pl",
        "pt",
        "ro",
        "sk",
        "si",
        "es",
        "se",
        "gb",
        "no",
        "is",
        "li",
        "ch",
    ]
)
_DN_PHONE = re.compile(r"^\+\d+ \d+ (?:\d+ )*\d+(?: ext\. \d+)?$")
_OURS_TO_DN = {ours: theirs for theirs, ours in DN_CATEGORIES.items()}


def to_ours(record: dict[str, Any]) -> dict[str, Any]:
    """A Datenanfragen record as the data of one of our records (validate with Company)."""
    data: dict[str, Any] = {}
    unknown = sorted(set(record) - set(_SAME) - {"relevant-countries", "categories", "sources"})
    if unknown:
        data["_unknown"] = unknown  # makes validation fail, naming the key
    for theirs, ours in _SAME.items():
        if theirs in record:
            data[ours] = record[theirs]
    data["countries"] = [
        c if c == "all" else str(c).upper() for c in record.get("relevant-countries", [])
    ]
    data["categories"] = [DN_CATEGORIES.get(c, c) for c in record.get("categories", [])]
    web = record.get("web")
    domain = registered_domain(web) if isinstance(web, str) else None
    if domain:
        data["domains"] = [domain]
    slug = str(record.get("slug", ""))
    fields = [f for f in _CONTACT_FIELDS if f in data] + (["domains"] if domain else [])
    empty = [k for k, v in record.items() if v == []]
    data["sources"] = [
        {
            "dataset": DATASET,
            "record": slug,
            "url": RECORD_URL.format(slug=slug),
            "cites": list(record.get("sources", [])),
            "licence": LICENCE,
            "fields": fields,
            "other": {"empty": ",".join(empty)} if empty else {},
        }
    ]
    return {k: v for k, v in data.items() if v != [] or k == "sources"}


def to_theirs(company: Company) -> dict[str, Any]:
    """Our record in the Datenanfragen format (fields they have no place for are dropped).

    Raises ValueError when the record lacks something their schema requires (an address).
    """
    if not company.address:
        raise ValueError("has no postal address, which the Datenanfragen format requires")
    data: dict[str, Any] = {}
    dumped = company.model_dump(mode="json", exclude_none=True)
    for theirs, ours in _SAME.items():
        value = dumped.get(ours)
        if value is None or value == []:
            continue
        if ours == "required_elements":
            value = [{k: v for k, v in el.items() if v is not None} for el in value]
        data[theirs] = value
    for key in ("phone", "fax"):
        if key in data and not _DN_PHONE.match(data[key]):
            data.pop(key)
    countries = [c.lower() for c in company.countries if c.lower() in _DN_COUNTRIES]
    data["relevant-countries"] = countries or ["all"]
    categories = [_OURS_TO_DN[c] for c in company.categories if c in _OURS_TO_DN]
    if categories:
        data["categories"] = categories
    for source in company.sources:  # explicit empty lists of an imported record come back
        if source.dataset == DATASET and source.other.get("empty"):
            for key in source.other["empty"].split(","):
                data.setdefault(key, [])
    data["sources"] = _their_sources(company.sources)
    return data


def _their_sources(sources: list[Source]) -> list[str]:
    urls: list[str] = []
    for source in sources:
        if source.dataset == DATASET:
            urls.extend(source.cites)
        else:
            urls.extend(source.cites or ([source.url] if source.url else []))
    unique = list(dict.fromkeys(urls))
    if not unique:
        raise ValueError("has no source URL, which the Datenanfragen format requires")
    return unique
