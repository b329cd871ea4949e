"""A company record as labelled lines for ``rights companies show`` (pure: no IO).

Every field of the record is shown: the known ones under a label that says what they are
(a URL says whether it is a request form, an opt-out form, a self-service tool, a policy
page or the home page), any other field under its own name, so a field added to the model
is never hidden. Sources are listed once per data set.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rights.core.company import Company, RequiredElement, Source

# (field, label), in the order shown; fields the model may not have yet are skipped.
LABELS: tuple[tuple[str, str], ...] = (
    ("slug", "slug"),
    ("name", "name"),
    ("aliases", "aliases"),
    ("runs", "services"),
    ("categories", "categories"),
    ("countries", "countries"),
    ("jurisdictions", "jurisdictions"),
    ("registries", "registries"),
    ("domains", "domains"),
    ("email", "email"),
    ("bounced_emails", "bounced emails"),
    ("webform", "request form"),
    ("opt_out_url", "opt-out form"),
    ("download_url", "self-service download"),
    ("delete_url", "self-service deletion"),
    ("policy_url", "policy page"),
    ("web", "home page"),
    ("phone", "phone"),
    ("fax", "fax"),
    ("address", "address"),
    ("pgp_fingerprint", "PGP fingerprint"),
    ("pgp_url", "PGP key"),
    ("required_elements", "identity asked for"),
    ("needs_id_document", "ID document"),
    ("request_language", "request language"),
    ("custom_access_template", "access template"),
    ("custom_erasure_template", "erasure template"),
    ("custom_rectification_template", "rectification template"),
    ("custom_objection_template", "objection template"),
    ("facet_group", "group"),
    ("nsfw", "adult content"),
    ("comments", "comments"),
)
_SHOWN_ELSEWHERE = frozenset({"channel", "quality", "last_verified", "sources"})


def _element(element: RequiredElement) -> str:
    return element.desc + (" (optional)" if element.optional else "")


def _value(name: str, value: Any) -> str | None:
    """The text of a field's value; None when it is unset or empty."""
    if value is None or value == [] or value == {}:
        return None
    if name == "required_elements":
        return ", ".join(_element(e) for e in value)
    if name == "needs_id_document":
        return "asks for a copy of an ID document" if value else "does not ask for one"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return (
            "; ".join(str(v) for v in value) if name == "comments" else ", ".join(map(str, value))
        )
    return str(value).replace("\n", ", ")


def _sources(sources: list[Source]) -> list[str]:
    """One line per data set: the fields it gave, its licence, address and date."""
    grouped: dict[str, list[Source]] = {}
    for source in sources:
        grouped.setdefault(source.dataset, []).append(source)
    lines = []
    for dataset, group in grouped.items():
        given = list(dict.fromkeys(f for s in group for f in s.fields))
        details = [f"fields: {', '.join(given)}"] if given else []
        details += list(dict.fromkeys(s.licence for s in group if s.licence))
        details += list(dict.fromkeys(s.url for s in group if s.url))
        dates = sorted({s.date for s in group if s.date})
        details += [f"as of {dates[-1].isoformat()}"] if dates else []
        lines.append(dataset + (f" ({'; '.join(details)})" if details else ""))
    return lines


def show_rows(company: Company, bounced: list[str]) -> list[tuple[str, str]]:
    """``(label, value)`` lines for every set field of ``company``; an address in
    ``bounced`` is marked ``(BOUNCED)``."""
    rows: list[tuple[str, str]] = []
    known = {name for name, _ in LABELS} | _SHOWN_ELSEWHERE
    others = [(n, n.replace("_", " ")) for n in type(company).model_fields if n not in known]
    for name, label in (*LABELS, *others):
        text = _value(name, getattr(company, name, None))
        if text is None:
            continue
        value = getattr(company, name)
        suffix = "  (BOUNCED)" if isinstance(value, str) and value in bounced else ""
        rows.append((label, text + suffix))
    if not (company.contact_addresses() or company.address or company.phone):
        rows.append(("contact", "none known: no source gives one"))
    rows.append(("channel", company.effective_channel()))
    rows.append(("quality", company.quality))
    rows.append(("last verified", _value("", company.last_verified) or "not recorded"))
    rows.extend(("source", line) for line in _sources(company.sources))
    return rows
