"""Curation by the rights project: categories and packs the data sets do not state.

Everything here names organisations already in the imported data by slug; it never adds
a contact detail. A curated category is recorded on the record with a source
``rights-curation`` whose ``fields`` is ``["categories"]``, so its origin stays visible.
The choices rest on the organisations' public descriptions of themselves (well known);
they are not checked against a registry.
"""

from __future__ import annotations

from typing import Any

from rights.core.company import Company, Pack

CURATION = "rights-curation"

PEOPLE_SEARCH = (
    "beenverified-inc-and-its-subsidiaries-and-affiliates",
    "checkpeople",
    "freepeoplesearch-com",
    "instant-checkmate",
    "intelius",
    "mylife",
    "people-searchers",
    "peopleconnect",
    "peoplefinders",
    "peoplewhiz",
    "search-quarry",
    "searchbug",
    "spokeo",
    "spy-dialer",
    "truthfinder",
    "uspeoplesearch-com",
    "whitepages",
)
CREDIT_AGENCIES = (
    "equifax-information-services",
    "experian-information-solutions",
    "trans-union",
)
SCORING = (
    "id-analytics",
    "lexisnexis-risk-solutions",
    "transunion-risk-and-alternative-data-solutions",
)
BIG_PLATFORMS = (
    "alibaba",
    "amazon-gb",
    "apple",
    "discord",
    "facebook",
    "google",
    "instagram",
    "linkedin",
    "microsoft",
    "netflix",
    "paypal",
    "pinterest",
    "reddit",
    "snapchat",
    "spotify",
    "telegram",
    "tiktok",
    "twitter",
    "uber",
    "whatsapp",
)
_CATEGORIES = {
    "people-search": PEOPLE_SEARCH,
    "credit-agency": CREDIT_AGENCIES,
    "scoring": SCORING,
    "platform": BIG_PLATFORMS,
}


def apply(records: list[dict[str, Any]], notes: list[str]) -> None:
    """Add the curated categories to the records they name (missing slugs are noted)."""
    by_slug = {r["slug"]: r for r in records}
    for category, slugs in _CATEGORIES.items():
        for slug in slugs:
            record = by_slug.get(slug)
            if record is None:
                notes.append(f"curation: no record {slug!r} for category {category}")
                continue
            if category in record.setdefault("categories", []):
                continue
            record["categories"].append(category)
            source = next((s for s in record["sources"] if s["dataset"] == CURATION), None)
            if source is None:
                source = {"dataset": CURATION, "fields": ["categories"], "other": {}}
                record["sources"].append(source)
            added = source["other"].get("categories_added", "")
            source["other"]["categories_added"] = ",".join(filter(None, [added, category]))


def packs(companies: list[Company]) -> list[Pack]:
    """The project's own packs, from registries and categories."""
    ours = "rights project curation"

    def having(test: Any) -> list[str]:
        return [c.slug for c in companies if test(c)]

    slugs = {c.slug for c in companies}
    drafts = [
        _pack(
            name="us-data-brokers",
            title="US data brokers (California registry)",
            description="Every data broker listed in the California data broker registry "
            "(the 2020-2021 export and the brokers in The Markup's 2025 opt-out check).",
            companies=having(lambda c: any(r.startswith("ca-") for r in c.registries)),
            choose=True,
            sources=["California data broker registry", "The Markup / CalMatters (2025)"],
        ),
        _pack(
            name="people-search",
            title="People-search sites",
            description="Sites that let anyone look up a person's address, phone and "
            "relatives; all are registered data brokers.",
            companies=having(lambda c: "people-search" in c.categories),
            sources=[ours, "California data broker registry"],
        ),
        _pack(
            name="credit-and-scoring",
            title="Credit agencies and consumer scoring",
            description="Credit agencies and firms that score people (credit, risk, "
            "identity): the companies whose files decide loans, rents and contracts.",
            companies=having(lambda c: {"credit-agency", "scoring"} & set(c.categories)),
            choose=True,
            sources=["Datenanfragen.de category 'credit agency' (CC0)", ours],
        ),
        _pack(
            name="big-platforms",
            title="Big platforms",
            description="The large platforms most people have an account with.",
            companies=[s for s in BIG_PLATFORMS if s in slugs],
            choose=True,
            sources=[ours],
        ),
        _pack(
            name="ad-tech",
            title="Advertising and ad-tech",
            description="Advertising networks, trackers and audience-data firms "
            "(Datenanfragen.de category 'ads').",
            companies=having(lambda c: "ad-tech" in c.categories),
            choose=True,
            sources=["Datenanfragen.de category 'ads' (CC0)"],
        ),
    ]
    return [p for p in drafts if p is not None]


def _pack(**fields: Any) -> Pack | None:
    """A pack, or None when none of its companies is in the data."""
    return Pack(**fields) if fields["companies"] else None
