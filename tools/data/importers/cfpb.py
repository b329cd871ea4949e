"""CFPB, List of Consumer Reporting Companies (2025 edition), as ``companies.csv``.

A US government work (public domain; credited anyway). Columns: ``name``, ``section``
(11 sections, kept in the source's ``other`` as ``section``), ``website`` (often the page
to request one's own file), ``phone``, ``mailing_address``, ``source_url``. No emails.
The three nationwide agencies list the shared AnnualCreditReport.com site and Central
Source address: those go to ``other`` (they are not the agency's own contact).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tools.data.importers._common import csv_rows, domain_of, url_or_none

DATASET = "cfpb-consumer-reporting-companies"
URL = (
    "https://www.consumerfinance.gov/consumer-tools/credit-reports-and-scores/"
    "consumer-reporting-companies/companies-list/"
)
LICENCE = "US government work, public domain (Consumer Financial Protection Bureau, 2025)"
NATIONWIDE = "Nationwide"
# sections whose companies report on people's credit; every section is a specialty CRA
CREDIT_SECTIONS = frozenset({NATIONWIDE, "Low-income & subprime", "Supplementary reports"})
# the nationwide three, by the slug of the record they are (matching hints, not contacts)
NATIONWIDE_SLUGS = {
    "Equifax": "equifax-information-services",
    "Experian": "experian-information-solutions",
    "TransUnion": "trans-union",
}
_NEEDED = ("name", "section", "website", "phone", "mailing_address")


def parse(path: Path) -> list[dict[str, Any]]:
    """One record-data dict per company of the CFPB list."""
    return [
        _record(cells, where) for cells, where in csv_rows(path, _NEEDED, "the CFPB companies CSV")
    ]


def _record(cells: dict[str, str], where: str) -> dict[str, Any]:
    name = cells["name"]
    section = cells["section"]
    data: dict[str, Any] = {"name": name}
    fields = ["name"]
    other = {"section": section, "free_annual_report": cells.get("free_annual_report", "")}
    url = url_or_none(cells.get("website"))
    if section == NATIONWIDE:
        other["annual_report_site"] = cells.get("website", "")
        other["annual_report_address"] = cells.get("mailing_address", "")
        data["_slug_hint"] = NATIONWIDE_SLUGS.get(name)
    else:
        if url:
            kind = "webform" if urlsplit(url).path.strip("/") else "web"
            data[kind] = url
            fields.append(kind)
            domain = domain_of(url)
            if domain:
                data["domains"] = [domain]
                fields.append("domains")
        if cells.get("mailing_address"):
            data["address"] = cells["mailing_address"]
            fields.append("address")
    if cells.get("phone"):
        data["phone"] = cells["phone"]
        fields.append("phone")
    categories = ["credit-agency", "scoring"] if section in CREDIT_SECTIONS else ["scoring"]
    data.update(
        categories=categories,
        countries=["US"],
        quality="imported",
        sources=[
            {
                "dataset": DATASET,
                "record": name,
                "url": cells.get("source_url") or URL,
                "cites": [URL],
                "licence": LICENCE,
                "fields": fields,
                "other": {k: v for k, v in other.items() if v},
            }
        ],
        _where=where,
    )
    return data
