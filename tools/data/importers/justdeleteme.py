"""JustDeleteMe (jdm-contrib/jdm, MIT): 2,591 online services and their account-deletion page.

Each service's ``url`` is its self-service deletion page (or the help page that explains
it): it becomes ``delete_url``, a link shown beside the legal request, never the request
channel. ``email`` (473 services) is the address to write to for deletion: kept as the
record's email only for a service that is new to the directory (no privacy contact is
known), else in the source's ``other`` as ``deletion_email``. ``domains`` keeps the
listed hosts that are registrable domains (a bare subdomain such as ``aws.amazon.com`` is
no claim on ``amazon.com``); the difficulty rating and English notes stay in ``other``.
Malformed URLs (two, as published) are kept in ``other`` only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rights.companies.importers.merge import Matcher, merge, unique_slug
from rights.companies.names import host_of, registered_domain
from rights.errors import DataFileError

DATASET = "justdeleteme"
URL = "https://github.com/jdm-contrib/jdm"
LICENCE = "MIT (Robb Lewis, The JDM Contrib Team, & various contributors)"
SHOWN_DOMAINS = 10  # more are used to match, not listed (Google lists 330 country domains)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+$")
_NAME_BAD = re.compile(r"[<>@\x00-\x1f]")


def read_sites(path: Path) -> list[dict[str, Any]]:
    """The services of ``sites.json`` (DataFileError when it is not that file)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"{path}: not readable as JSON: {exc}") from None
    if not isinstance(data, list) or not all(isinstance(s, dict) and "name" in s for s in data):
        raise DataFileError(f"{path}: not JustDeleteMe's sites.json (a list of services)")
    return data


def record_of(site: dict[str, Any]) -> dict[str, Any] | None:
    """The record data of one service; None for a name a record cannot carry."""
    name = " ".join(str(site["name"]).split())
    if not name or _NAME_BAD.search(name) or "=?" in name:
        return None
    fields = ["name"]
    other: dict[str, str] = {"difficulty": str(site.get("difficulty", ""))}
    data: dict[str, Any] = {"name": name}
    url = str(site.get("url", "")).strip()
    if _URL.match(url):
        data["delete_url"] = url
        fields.append("delete_url")
    elif url:
        other["url_malformed"] = url
    domains = _own_domains(site.get("domains", []))
    if domains:
        data["domains"] = domains[:SHOWN_DOMAINS]
        data["_match_domains"] = domains[SHOWN_DOMAINS:]
        fields.append("domains")
    email = str(site.get("email", "")).strip()
    if email and _EMAIL.match(email):
        other["deletion_email"] = email
    if site.get("notes"):
        other["notes"] = " ".join(str(site["notes"]).split())
    data.update(
        quality="imported",
        sources=[
            {
                "dataset": DATASET,
                "record": name,
                "url": URL,
                "licence": LICENCE,
                "fields": fields,
                "other": {k: v for k, v in other.items() if v},
            }
        ],
    )
    return data


def _own_domains(hosts: list[str]) -> list[str]:
    """The registrable domains the service names as itself: a host that is only a
    subdomain (``aws.amazon.com``) says nothing about who owns ``amazon.com``."""
    found = []
    for host in hosts:
        domain = registered_domain(host)
        if domain and host_of(host) in (domain, f"www.{domain}"):
            found.append(domain)
    return list(dict.fromkeys(found))


def import_into(records: list[dict[str, Any]], sites_json: Path, notes: list[str]) -> None:
    """Merge every service into the record it matches (name or registrable domain, see
    ``Matcher``), else add it as a new record; in place. Counts go to ``notes``."""
    matcher = Matcher(records)
    taken = {r["slug"] for r in records}
    merged = added = skipped = 0
    for site in read_sites(sites_json):
        data = record_of(site)
        if data is None:
            skipped += 1
            continue
        hit = matcher.find(data)
        if hit is not None:
            merge(records[hit], data)
            merged += 1
            continue
        _use_email(data)
        data["slug"] = unique_slug(data["name"], taken)
        records.append(data)
        matcher.add(len(records) - 1, data)
        added += 1
    notes.append(f"justdeleteme: {merged} merged, {added} added, {skipped} skipped")


def _use_email(data: dict[str, Any]) -> None:
    """A new record takes the deletion email as its email (the only contact known)."""
    source = data["sources"][0]
    email = source["other"].pop("deletion_email", None)
    if email:
        data["email"] = email
        source["fields"].append("email")
