"""drumandbytes/eraser ``data/brokers.yaml`` (MIT; a fork of digisamroc/eraser).

One broker per list item: ``id``, ``name``, ``email``, ``website``, ``opt_out_url``,
``region``, ``category``, ``notes``. The fork blanked 135 emails after its own send run:
an address the notes say bounced goes to ``bounced_emails`` (never a contact), and a
blanked email is recorded in the source's ``other`` (``email_blanked``), not left silent.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tools.data.importers._common import (
    EMAIL_IN_TEXT,
    clean,
    put,
    put_web,
    read_yaml,
    url_or_none,
)

DATASET = "eraser-brokers"
URL = (
    "https://github.com/drumandbytes/eraser/blob/"
    "2283fe28d5f70f9d2012d23ba7444bd7ee641bba/data/brokers.yaml"
)
LICENCE = "MIT (Copyright (c) 2026 digisamroc; Copyright (c) 2026 Maris)"
CATEGORIES = {
    "marketing": ["data-broker"],
    "people-search": ["people-search", "data-broker"],
    "background-check": ["people-search", "data-broker"],
    "device-id-only": ["data-broker", "ad-tech"],
    "financial-b2b": ["data-broker"],
}
COUNTRIES = {"us": ["US"], "global": ["all"], "eu": []}
_BOUNCED = re.compile(r"bounced|hard-bounced", re.IGNORECASE)


def parse(path: Path) -> list[dict[str, Any]]:
    """One record-data dict per broker of ``brokers.yaml``."""
    items = read_yaml(path)["brokers"]
    return [_record(item, f"{path.name}:{item['id']}") for item in items]


def bounced_addresses(notes: str, email: str) -> list[str]:
    """Addresses the notes say bounced (``x@y bounced``, ``Email x@y hard-bounced``),
    except the email the data set still lists."""
    found = []
    for sentence in re.split(r"(?<=[.;])\s+", notes):
        match = EMAIL_IN_TEXT.search(sentence)
        if match and _BOUNCED.search(sentence[match.end() : match.end() + 20]):
            address = match.group(0)
            if address.lower() != email.lower() and address not in found:
                found.append(address)
    return found


def _record(item: dict[str, Any], where: str) -> dict[str, Any]:
    name = clean(item["name"])
    email = clean(item.get("email"))
    notes = clean(item.get("notes"))
    data: dict[str, Any] = {"name": name}
    fields = ["name"]
    other: dict[str, str] = {}
    if email:
        data["email"] = email
        fields.append("email")
    else:
        other["email_blanked"] = "the data set lists no email for this broker"
    put_web(data, fields, url_or_none(item.get("website")))
    put(data, fields, "opt_out_url", url_or_none(item.get("opt_out_url")))
    bounced = bounced_addresses(notes, email)
    if bounced:
        data["bounced_emails"] = bounced
        fields.append("bounced_emails")
    if notes:
        other["notes"] = notes
    other["category"] = str(item.get("category", ""))
    other["region"] = str(item.get("region", ""))
    data.update(
        categories=CATEGORIES.get(str(item.get("category")), ["data-broker"]),
        countries=COUNTRIES.get(str(item.get("region")), []),
        quality="imported",
        sources=[
            {
                "dataset": DATASET,
                "record": str(item["id"]),
                "url": URL,
                "licence": LICENCE,
                "fields": fields,
                "other": {k: v for k, v in other.items() if v},
            }
        ],
        _where=where,
    )
    if not data["countries"]:
        data.pop("countries")
    return data
