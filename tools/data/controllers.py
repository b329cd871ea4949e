"""Regional controllers: where the entity that controls a person's data depends on where
the person lives (Google LLC for the US, Google Ireland Limited for the EEA and
Switzerland), as the company's own privacy notice says.

Each entry names its source (the company's notice) in the record it adds and in the
``controllers`` entry of the record it points from, so a regeneration of the directory
(``tools.data.refresh``) reproduces both. A record added here carries only contact
details printed on the company's own pages, listed in its source's ``fields``.
"""

from __future__ import annotations

import copy
from typing import Any

DATASET = "company-notice"
"""The source kind of a record or field taken from the company's own privacy notice."""

GOOGLE_POLICY = "https://policies.google.com/privacy"
GOOGLE_IRELAND: dict[str, Any] = {
    "slug": "google-ireland",
    "name": "Google Ireland Limited",
    "aliases": ["Google Ireland"],
    "address": "Gordon House\nBarrow Street\nDublin 4\nD04 E5W5\nIreland",
    "webform": "https://support.google.com/policies/contact/general_privacy_form",
    "download_url": "https://takeout.google.com/",
    "policy_url": GOOGLE_POLICY,
    "web": "https://www.google.com/",
    "countries": ["IE"],
    "quality": "verified",
    "sources": [
        {
            "dataset": DATASET,
            "url": GOOGLE_POLICY,
            "cites": ["https://www.google.ie/contact/impressum.html"],
            "fields": ["name", "address", "webform", "download_url", "policy_url", "web"],
            "other": {
                "reason": "Google's privacy policy: for users in the European Economic Area "
                "or Switzerland, Google Ireland Limited (Gordon House, Barrow Street, Dublin "
                "4) is the controller responsible for their information; its data "
                "protection office is reached through the privacy contact form",
            },
        }
    ],
}
"""Google's controller for the EEA and Switzerland (since 22 January 2019)."""

ADDED: tuple[dict[str, Any], ...] = (GOOGLE_IRELAND,)
"""Records of regional controllers that no data set holds."""

# record slug -> (regions, controller slug, source)
CONTROLLERS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "google": (("EEA", "CH"), "google-ireland", GOOGLE_POLICY),
}
"""Records whose controller for residents of some regions is another record. Meta
Platforms Ireland (``facebook``), Amazon Europe Core (``amazon-de``, ``amazon-gb``),
Microsoft and Apple are already the European entities in the directory."""


def apply(records: list[dict[str, Any]], notes: list[str]) -> None:
    """Add the regional controllers' records and the ``controllers`` entries pointing to
    them (a slug missing from the data sets is noted, never invented)."""
    taken = {r["slug"] for r in records}
    for added in ADDED:
        if added["slug"] in taken:
            notes.append(f"controllers: {added['slug']!r} exists already; not added")
            continue
        records.append(copy.deepcopy(added))
        taken.add(added["slug"])
    by_slug = {r["slug"]: r for r in records}
    for slug, (regions, controller, source) in CONTROLLERS.items():
        record = by_slug.get(slug)
        if record is None or controller not in by_slug:
            notes.append(f"controllers: no record {slug!r} or {controller!r}")
            continue
        entry = {"regions": list(regions), "company": controller, "source": source}
        record["controllers"] = [entry]
