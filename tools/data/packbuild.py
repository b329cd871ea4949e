"""Packs built from the records: specialty consumer reporting companies by CFPB section,
credit and scoring by country, and the big platforms' US and EU/UK entities.

Each pack names its sources. The CFPB section of a record is read from its CFPB source
(``other["section"]``, as the CFPB importer records it); without such records, the CFPB
CSV's names are matched to records by normalised name and registrable domain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rights.companies.names import slugify
from rights.core.company import Company, Pack
from tools.data.curation import datasets_of

CFPB = "CFPB, List of Consumer Reporting Companies (2025)"
CFPB_URL = (
    "https://www.consumerfinance.gov/consumer-tools/credit-reports-and-scores/"
    "consumer-reporting-companies/companies-list/"
)
OURS = "rights project curation"
# the platforms' US entities, then their EU/UK controllers (slugs; missing ones are noted)
PLATFORMS_US = ("amazon", "meta-platforms", "apple-inc", "microsoft-corporation", "google")
PLATFORMS_EU_UK = (
    "amazon-de", "amazon-gb", "apple", "facebook", "instagram", "whatsapp", "microsoft",
    "twitter", "linkedin", "tiktok", "snapchat", "spotify",
)  # fmt: skip


def sections(companies: list[Company], cfpb_csv: Path | None) -> dict[str, list[str]]:
    """CFPB section -> slugs, from the records' CFPB sources, else from the CSV by name."""
    found: dict[str, list[str]] = {}
    for company in companies:
        for source in company.sources:
            section = source.other.get("section") if "cfpb" in source.dataset else None
            if section and company.slug not in found.setdefault(section, []):
                found[section].append(company.slug)
    if found or cfpb_csv is None:
        return found
    return _sections_from_csv(companies, cfpb_csv)


def _sections_from_csv(companies: list[Company], cfpb_csv: Path) -> dict[str, list[str]]:
    import csv

    from rights.companies.importers.merge import Matcher
    from rights.companies.names import registered_domain

    records: list[dict[str, Any]] = [
        {"name": c.name, "aliases": list(c.aliases), "domains": list(c.domains)} for c in companies
    ]
    matcher = Matcher(records)
    found: dict[str, list[str]] = {}
    with cfpb_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            domain = registered_domain(row.get("website") or "")
            hit = matcher.find({"name": row["name"], "domains": [domain] if domain else []})
            if hit is not None:
                slugs = found.setdefault(row["section"], [])
                if companies[hit].slug not in slugs:
                    slugs.append(companies[hit].slug)
    return found


def specialty_packs(
    companies: list[Company], cfpb_csv: Path | None, notes: list[str]
) -> list[Pack]:
    """``specialty-consumer-reporting`` (all, in CFPB section order) and one per section."""
    by_section = sections(companies, cfpb_csv)
    if not by_section:
        notes.append("packs: no CFPB records or CSV: no specialty-consumer-reporting pack")
        return []
    every = list(dict.fromkeys(s for slugs in by_section.values() for s in slugs))
    packs = [
        Pack(
            name="specialty-consumer-reporting",
            title="Specialty consumer reporting companies (US, CFPB list)",
            description="The companies the CFPB lists as consumer reporting companies, "
            "section by section: " + ", ".join(by_section) + ".",
            companies=every,
            choose=True,
            sources=[CFPB, CFPB_URL],
        )
    ]
    for section, slugs in by_section.items():
        packs.append(
            Pack(
                name=f"specialty-consumer-reporting-{slugify(section)}",
                title=f"Consumer reporting: {section} (US, CFPB list)",
                description=f"The CFPB list's section '{section}'.",
                companies=slugs,
                choose=True,
                sources=[CFPB, CFPB_URL],
            )
        )
    return packs


def credit_by_country(companies: list[Company]) -> list[Pack]:
    """``credit-and-scoring-<cc>``: credit agencies and scorers serving one country."""
    scored = [c for c in companies if {"credit-agency", "scoring"} & set(c.categories)]
    countries = sorted({n for c in scored for n in c.countries if n != "all"})
    packs = []
    for country in countries:
        members = [c.slug for c in scored if country in c.countries]
        packs.append(
            Pack(
                name=f"credit-and-scoring-{country.lower()}",
                title=f"Credit agencies and consumer scoring ({country})",
                description=f"Credit agencies and firms that score people, serving {country}.",
                companies=members,
                choose=True,
                sources=[OURS, *datasets_of(c for c in scored if country in c.countries)],
            )
        )
    return packs


def platforms(companies: list[Company], notes: list[str]) -> Pack | None:
    """``platforms``: the big platforms' US entities, then their EU/UK controllers."""
    slugs = {c.slug for c in companies}
    wanted = [*PLATFORMS_US, *PLATFORMS_EU_UK]
    missing = [s for s in wanted if s not in slugs]
    if missing:
        notes.append(f"packs: platforms: no record {', '.join(missing)}")
    members = [s for s in wanted if s in slugs]
    if not members:
        return None
    return Pack(
        name="platforms",
        title="Big platforms (US entities and EU/UK controllers)",
        description="The large platforms: the US companies (Amazon.com, Meta Platforms "
        "Inc., Apple, Microsoft, Google LLC) where the directory has them, and the "
        "entities that control EU and UK users' data.",
        companies=members,
        choose=True,
        sources=[OURS, *datasets_of(c for c in companies if c.slug in members)],
    )
