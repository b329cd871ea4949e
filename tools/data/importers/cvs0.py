"""cvs0/data-brokers-list ``opt-outs.csv``: opt-out and privacy-request URLs, per-row sources.

Columns: ``name``, ``category``, ``url``, ``notes``, ``domain``, ``http_status``, ``sources``
(``markup``, ``persprotect``, ``cppa``, ``manual``; several joined by ``;``). The licence of
a row follows its sources (MIT for the list; CC BY 4.0 for PersProtect rows; Apache-2.0 for
The Markup's rows). The URL's kind follows the notes: a privacy-policy page is kept in the
source's ``other`` (``privacy_policy_url``), a site root becomes ``web``, the rest
``opt_out_url``. An ``Email:`` named in the notes becomes the email.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tools.data.importers._common import csv_rows, domain_of, url_or_none

DATASET = "cvs0-data-brokers"
URL = "https://github.com/cvs0/data-brokers-list/blob/c06729741d49a545611947c3f61d7a7f9e640301/opt-outs.csv"
LICENCES = {
    "persprotect": "CC BY 4.0 (PersProtect Data Broker Opt-Out List, Copyright (c) 2026 "
    "PersProtect; adapted by cvs0)",
    "markup": "Apache-2.0 (The Markup / CalMatters; adapted by cvs0)",
    "cppa": "public record (California data broker registry; via cvs0)",
    "manual": "MIT (Copyright (c) 2026 cvs0)",
}
CATEGORIES = {
    "people-search": ["people-search", "data-broker"],
    "public-records": ["people-search", "data-broker"],
    "background-checks": ["people-search", "data-broker"],
    "marketing": ["data-broker"],
    "credit-financial": ["credit-agency"],
}
# rows from the registry lists are registered data brokers whatever their category
REGISTRY_ORIGINS = frozenset({"markup", "cppa"})
_EMAIL = re.compile(r"\bEmail:\s*([^\s,;]+@[^\s,;]+?)\.?(?=\s|$)")
_NEEDED = ("name", "category", "url", "notes", "domain", "sources")


def parse(path: Path) -> list[dict[str, Any]]:
    """One record-data dict per row of ``opt-outs.csv``."""
    return [
        _record(cells, where) for cells, where in csv_rows(path, _NEEDED, "cvs0's opt-outs CSV")
    ]


def url_kind(notes: str) -> str:
    """Which field the row's URL belongs in, from what its notes say it is."""
    if notes.startswith("Privacy notice or privacy-policy page"):
        return "privacy_policy_url"
    if notes.startswith(("Published privacy-request URL is the site root", "Published opt-out")):
        return "web"
    return "opt_out_url"


def _categories(category: str, origins: list[str]) -> list[str]:
    found = list(CATEGORIES.get(category, []))
    if REGISTRY_ORIGINS & set(origins) and "data-broker" not in found:
        found.append("data-broker")
    return found


def _record(cells: dict[str, str], where: str) -> dict[str, Any]:
    name = cells["name"]
    notes = cells.get("notes", "")
    data: dict[str, Any] = {"name": name}
    fields = ["name"]
    other: dict[str, str] = {"notes": notes, "http_status": cells.get("http_status", "")}
    url = url_or_none(cells.get("url"))
    if url:
        kind = url_kind(notes)
        if kind == "privacy_policy_url":
            other[kind] = url
        else:
            data[kind] = url
            fields.append(kind)
    domain = domain_of(cells.get("domain", "")) if cells.get("domain") else None
    if domain:
        data["domains"] = [domain]
        fields.append("domains")
    email = _EMAIL.search(notes)
    if email:
        data["email"] = email.group(1)
        fields.append("email")
    origins = [s for s in cells.get("sources", "").split(";") if s]
    other["row_sources"] = ";".join(origins)
    licence = "; ".join(LICENCES.get(s, s) for s in origins) or LICENCES["manual"]
    data.update(
        categories=_categories(cells.get("category", ""), origins),
        quality="imported",
        sources=[
            {
                "dataset": DATASET,
                "record": name,
                "url": URL,
                "licence": licence,
                "fields": fields,
                "other": {k: v for k, v in other.items() if v},
            }
        ],
        _where=where,
    )
    return data
