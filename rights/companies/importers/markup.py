"""The Markup / CalMatters 2025 check of the opt-out pages filed in the CPPA registry.

Source: github.com/the-markup/investigation-data-broker-opt-out-pages (Apache-2.0; the
licence is kept in ``companies/LICENSES/markup-optout-2025.md``). One row per broker:
its name, host name, the opt-out URL it filed, the URL it resolves to, and flags.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rights.companies.importers.ca_registry import read_csv
from rights.companies.names import registered_domain, resembles
from rights.errors import DataFileError

DATASET = "markup-optout-2025"
URL = "https://github.com/the-markup/investigation-data-broker-opt-out-pages"
LICENCE = "Apache-2.0 (The Markup / CalMatters)"
REGISTRY = "ca-2025"
_NEEDED = ("company_name", "hostname_original", "url_original")
# hosts of privacy-request vendors and form services, shared by unrelated brokers
SHARED_HOSTS = frozenset(
    {"onetrust.com", "privacypillar.com", "google.com", "trustarc.eu", "trustarc.com", "us.com"}
)
_FLAGS = (
    "hiding_found",
    "collects_minors_data",
    "collects_location_data",
    "collects_reproductive_data",
)


def parse(path: Path) -> list[dict[str, Any]]:
    """One record-data dict per row of ``data-broker-opt-out-pages.csv``."""
    headers, rows = read_csv(path)
    missing = [h for h in _NEEDED if h not in headers]
    if missing:
        raise DataFileError(
            f"{path.name}: not The Markup's opt-out CSV: needs {', '.join(missing)}"
        )
    records = []
    for number, row in enumerate(rows, start=2):
        cells = dict(zip(headers, (c.strip() for c in row), strict=False))
        if cells.get("company_name"):
            records.append(_record(cells, f"{path.name}:{number}"))
    return records


def _record(cells: dict[str, str], where: str) -> dict[str, Any]:
    name = " ".join(cells["company_name"].split())
    data: dict[str, Any] = {"name": name}
    fields = ["name"]
    other: dict[str, str] = {}
    filed = cells.get("url_original", "")
    checked = cells.get("url_checked") or filed
    final = cells.get("url_final", "")
    best = final if cells.get("status") == "success" and final else checked
    if best.lower().startswith(("http://", "https://")):
        data["opt_out_url"] = best
        fields.append("opt_out_url")
    if filed and filed != best:
        other["opt_out_url_filed"] = filed
    host = cells.get("hostname_original", "")
    domain = registered_domain(host) if host else None
    if domain and domain not in SHARED_HOSTS:
        if resembles(name, domain):
            data["domains"] = [domain]
            fields.append("domains")
        else:  # a parent's or vendor's host: used to match records, not shown as theirs
            data["_match_domains"] = [domain]
            other["opt_out_host"] = host
    for flag in _FLAGS:
        if cells.get(flag, "").upper() == "TRUE":
            other[flag] = "true"
    shared = cells.get("other_company_names_that_use_url_original", "")
    if shared:
        other["url_shared_with"] = shared
    data.update(
        categories=["data-broker"],
        countries=["US"],
        registries=[REGISTRY],
        quality="imported",
        sources=[
            {
                "dataset": DATASET,
                "record": name,
                "url": URL,
                "licence": LICENCE,
                "fields": fields,
                "other": other,
            }
        ],
        _where=where,
    )
    return data
