"""Curation by the rights project: what the data sets do not state, each with its reason.

Everything here names organisations already in the imported data by slug; it never adds
a contact detail. Each curated change is recorded on the record in a source
``rights-curation`` whose ``fields`` lists what it set and whose ``other`` keeps what it
changed and why (``reason``), so its origin stays visible. The reasons rest on the data
sets themselves (two records with the same name, domain and contact), on the issue that
asked for the change, or on the organisations' own public descriptions of themselves.

Order (see ``tools.data.refresh.build``): ``merge_duplicates`` (old slugs become
redirects), ``apply_names`` (renames, aliases, domains), then ``apply`` (categories).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rights.core.company import Company, Pack

CURATION = "rights-curation"
SAME_DATA = "the two records share name, registrable domain and contact: one organisation"
IMPORT_PAIR = "the 2020 registry and The Markup's 2025 rows file the same broker twice"

# (kept slug, merged slug, reason): the merged slug becomes a redirect to the kept one
MERGES: tuple[tuple[str, str, str], ...] = (
    ("dresden-direct", "dresdendirect", IMPORT_PAIR),
    ("pacificeast-research", "pacific-east-research", IMPORT_PAIR),
    ("ncventures", "nc-vnetures", IMPORT_PAIR + " ('Vnetures' is a typo in the 2025 row)"),
    ("peoplefinders", "confi-chek-inc-and-its-subsidiaries-and-affiliates",
     IMPORT_PAIR + ": Confi-Chek runs peoplefinders.com"),
    ("peopleconnect", "intelius", IMPORT_PAIR + ": Intelius is PeopleConnect's brand"),
    ("belardi-wong", "belardi-ostroy", IMPORT_PAIR + ": Belardi Ostroy is the former name"),
    ("book-your-data", "a-direct-marketing", IMPORT_PAIR + ": A Direct Marketing runs it"),
    ("bdo-gci-llc-f-k-a-bdo-usa-p-c-global-corporate-intelligence",
     "bdo-usa-llp-investigative-due-diligence-group", IMPORT_PAIR + " (renamed, f.k.a.)"),
    ("viant-technology", "viant-us", IMPORT_PAIR),
    ("informa-usa", "informa-business-media-inc-informa-business-intelligence-inc",
     IMPORT_PAIR),
    ("swordfish-ai", "swordfish", IMPORT_PAIR + ": swordfishapp.com is Swordfish AI's"),
    ("nextroll", "adroll", "both records name NextRoll Limited; AdRoll is its brand"),
    ("match-group", "mtch-technology", "both records name MTCH Technology Services Ltd."),
    ("sfr", "sfr-fr", SAME_DATA),
    ("bsw-vg", "buendnis-sahra-wagenknecht", SAME_DATA),
    ("medicoreports", "medicoreports-com", SAME_DATA + " (Medqon Ltd.)"),
    ("flashtalking", "simplicity-marketing", SAME_DATA + " (Simplicity Marketing Ltd.)"),
    ("umzugsauktion", "umzugsauktion-de", "both records name Umzugsauktion GmbH & Co. KG"),
    ("deutsche-bank-ag", "deutsche-bank-privat-geschaeftskunden", SAME_DATA),
)  # fmt: skip

ISSUE = "rights issue 13 (directory audit)"
# slug -> (current name, reason, source); the old name is kept as an alias
RENAMES: dict[str, tuple[str, str, str]] = {
    "callcredit-gb": ("TransUnion Information Group Limited",
                      "Callcredit was renamed TransUnion in the UK after TransUnion bought it",
                      "https://www.transunion.co.uk/"),
    "talx": ("Equifax Workforce Solutions LLC",
             "TALX Corporation is now Equifax Workforce Solutions (The Work Number)",
             "https://theworknumber.com/"),
}  # fmt: skip
# slug -> (aliases, domains, reason): names and domains people search for
ALIASES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "facebook": (("Meta", "Facebook", "Meta Platforms", "Instagram", "WhatsApp"),
                 ("meta.com", "fb.com"), "Meta's EU controller for Facebook and Instagram"),
    "instagram": (("Instagram from Meta",), (), "an app of Meta Platforms"),
    "whatsapp": (("WhatsApp",), ("wa.me",), "an app of Meta Platforms"),
    "twitter": (("X", "Twitter", "X Corp."), ("x.com",), "Twitter was renamed X in 2023"),
    "google": (("Alphabet", "Google", "YouTube"), ("youtube.com",),
               "Alphabet is Google LLC's parent"),
    "match-group": (("Match Group", "Tinder", "Hinge", "OkCupid"), ("tinder.com", "hinge.co"),
                    "Match Group's services (mtch.com lists them)"),
    "callcredit-gb": (("TransUnion UK", "TransUnion", "Callcredit"), ("transunion.co.uk",),
                      "TransUnion's UK credit agency"),
    "talx": (("The Work Number", "TALX", "Equifax Workforce Solutions"), (),
             "runs The Work Number (theworknumber.com)"),
    "oracle": (("Oracle Advertising", "Oracle Data Cloud", "Oracle America"), (),
               "Oracle's advertising and data-cloud business"),
    "peopleconnect": (("Intelius", "TruthFinder", "Instant Checkmate", "PeopleConnect"), (),
                      "PeopleConnect runs Intelius, TruthFinder and Instant Checkmate"),
}  # fmt: skip
# slug -> (domains to drop, reason)
DROP_DOMAINS: dict[str, tuple[tuple[str, ...], str]] = {
    "amazon-aws": (("amazon.com",), "amazon.com is Amazon's shop, not Amazon Web Services"),
}
# (slug, category) -> reason
REMOVE_CATEGORIES: dict[tuple[str, str], str] = {
    ("mylife", "credit-agency"): "MyLife is a people-search site, not a credit agency",
    ("datarade", "credit-agency"): "Datarade is a data marketplace, not a credit agency",
    ("neustar", "credit-agency"): "Neustar is an identity/marketing-data firm",
    ("csob", "credit-agency"): "ČSOB is a bank, not a credit agency",
}

PEOPLE_SEARCH = (
    "beenverified-inc-and-its-subsidiaries-and-affiliates",
    "checkpeople",
    "freepeoplesearch-com",
    "information-com",
    "instant-checkmate",
    "mylife",
    "nuwber",
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
    "we-inform",
    "whitepages",
)
CREDIT_AGENCIES = (
    "equifax-information-services",
    "experian-information-solutions",
    "trans-union",
)
# firms that score people: fraud, identity, tenant, employment, insurance, retail returns
SCORING = (
    "cifas",
    "gb-group",
    "hireright",
    "id-analytics",
    "lexisnexis-risk-solutions",
    "riskident",
    "riskified-com",
    "sift-com",
    "talx",
    "transunion-risk-and-alternative-data-solutions",
)
# brokers outside the US registries (they sell address and marketing data)
DATA_BROKERS = ("acxiom", "acxiom-gb", "az-direct", "az-direct-at", "deutsche-post-direkt")
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
    "data-broker": DATA_BROKERS,
    "platform": BIG_PLATFORMS,
}
_REASONS = {
    "people-search": "lets anyone look up a person's address, phone and relatives",
    "credit-agency": "a nationwide credit agency",
    "scoring": "scores people (fraud, identity, employment, tenant, insurance or returns)",
    "data-broker": "sells address and marketing data about people (a data broker)",
    "platform": "a large platform most people hold an account with",
}


def apply(records: list[dict[str, Any]], notes: list[str]) -> None:
    """Add and remove the curated categories of the records they name (missing noted)."""
    by_slug = {r["slug"]: r for r in records}
    for (slug, category), reason in REMOVE_CATEGORIES.items():
        record = by_slug.get(slug)
        if record is None or category not in record.get("categories", []):
            notes.append(f"curation: {slug!r} has no category {category} to remove")
            continue
        record["categories"].remove(category)
        _note(record, "categories", "categories_removed", category, reason)
    for category, slugs in _CATEGORIES.items():
        for slug in slugs:
            record = by_slug.get(slug)
            if record is None:
                notes.append(f"curation: no record {slug!r} for category {category}")
                continue
            if category in record.setdefault("categories", []):
                continue
            record["categories"].append(category)
            _note(record, "categories", "categories_added", category, _REASONS[category])


def _note(record: dict[str, Any], field: str | None, key: str, value: str, reason: str) -> None:
    """Record a curated change in the record's ``rights-curation`` source."""
    source = next((s for s in record["sources"] if s["dataset"] == CURATION), None)
    if source is None:
        source = {"dataset": CURATION, "fields": [], "other": {}}
        record["sources"].append(source)
    if field is not None and field not in source["fields"]:
        source["fields"].append(field)
    other = source.setdefault("other", {})
    other[key] = ",".join(filter(None, [other.get(key, ""), value]))
    if reason not in other.get("reason", "").split("; "):
        other["reason"] = "; ".join(filter(None, [other.get("reason", ""), reason]))


def datasets_of(members: Iterable[Company]) -> list[str]:
    """The data sets the members' records come from (a pack names its sources)."""
    found = {s.dataset for c in members for s in c.sources} - {"rights-curation"}
    return sorted(found)


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
            description="Sites that let anyone look up a person's address, phone and relatives.",
            companies=having(lambda c: "people-search" in c.categories),
            sources=[ours, *datasets_of(c for c in companies if "people-search" in c.categories)],
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
    from tools.data import packbuild

    drafts.append(packbuild.platforms(companies, []))
    found = [p for p in drafts if p is not None]
    return found + packbuild.credit_by_country(companies)


def _pack(**fields: Any) -> Pack | None:
    """A pack, or None when none of its companies is in the data."""
    return Pack(**fields) if fields["companies"] else None
