"""Who may score a person: the situations of life in which firms score people (a loan, a
bank account, a flat, a job...) and the directory records that do it there.

Three sources, each giving the reason shown beside a firm: the CFPB list of consumer
reporting companies (its section, for a US resident), the directory's ``credit-agency``
records of the person's country, and a short curated list (``CURATED``) for the scorers
the other two miss or place in the wrong situation. Nothing here is invented: a curated
slug must be a directory record (a test checks every one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rights.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from rights.companies.index import Directory, Entry
    from rights.core.company import Company

SITUATIONS: tuple[str, ...] = ("credit", "banking", "renting", "job", "insurance", "medical",
                               "shopping", "fraud", "telecom", "gambling", "driving")  # fmt: skip
"""The situations a person picks (``--situation``), in the order lists show them."""

CFPB_DATASET = "cfpb-consumer-reporting-companies"

CFPB_SECTIONS: dict[str, str] = {
    "Nationwide": "credit",
    "Low-income & subprime": "credit",
    "Supplementary reports": "credit",
    "Deposit account & payments screening": "banking",
    "Tenant Screening": "renting",
    "Employment Screening": "job",
    "Personal property insurance": "insurance",
    "Medical": "medical",
    "Retail": "shopping",
    "Telecom & utilities": "telecom",
    "Gambling & sports betting": "gambling",
}
"""The sections of the CFPB list (``sources[].other.section``) and their situation."""

NATIONWIDE = "Nationwide"


@dataclass(frozen=True)
class Curated:
    """A scorer the data sets do not place (or place too narrowly), with why it is listed.
    ``countries``: where its people live ("all": everywhere)."""

    slug: str
    situations: tuple[str, ...]
    countries: tuple[str, ...]
    reason: str


CURATED: tuple[Curated, ...] = (
    # Germany
    Curated("schufa", ("credit", "renting", "telecom"), ("DE",),
            "Germany's largest credit bureau: banks, landlords and phone companies ask it "
            "for a score (its scoring: CJEU C-634/21)"),
    Curated("crifbuergel", ("credit",), ("DE",), "credit bureau (CRIF Germany)"),
    Curated("creditreform-verband", ("credit",), ("DE",),
            "Creditreform: credit information on people and firms"),
    Curated("infoscore", ("credit", "shopping"), ("DE",),
            "consumer credit data (infoscore Consumer Data) used for credit checks by "
            "lenders and shops"),
    Curated("arvato-infoscore", ("shopping",), ("DE",),
            "Riverty: invoice and instalment payments in online shops, with a risk check"),
    Curated("regis24", ("credit",), ("DE",), "credit and address checks"),
    Curated("demda", ("renting",), ("DE",), "a tenant database (Deutsche Mieter Datenbank)"),
    Curated("informa-his", ("insurance",), ("DE",),
            "HIS, the German insurers' information and warning system"),
    Curated("bfs-health-finance", ("medical",), ("DE",),
            "billing of medical treatment, with a credit check of the patient"),
    # United Kingdom
    Curated("experian-gb", ("credit",), ("GB",), "UK credit reference agency (Experian)"),
    Curated("equifax-gb", ("credit",), ("GB",), "UK credit reference agency (Equifax)"),
    Curated("callcredit-gb", ("credit",), ("GB",),
            "UK credit reference agency (TransUnion UK, formerly Callcredit)"),
    Curated("cifas", ("fraud",), ("GB",), "the UK fraud prevention database"),
    Curated("gb-group", ("fraud",), ("GB",), "identity verification and fraud checks"),
    # Canada
    Curated("equifax-canada", ("credit",), ("CA",), "Canadian credit bureau (Equifax)"),
    Curated("transunion-canada", ("credit",), ("CA",), "Canadian credit bureau (TransUnion)"),
    # United States, beyond the CFPB sections
    Curated("arity", ("driving",), ("US",), "driving scores from phone and car data (Arity)"),
    Curated("drivers-history", ("driving",), ("US",), "driving history reports"),
    Curated("insurance-information-exchange-iix-also-known-as-transportat", ("driving",),
            ("US",), "motor vehicle records and driver screening (iiX)"),
    Curated("id-analytics", ("fraud",), ("US",), "identity and fraud risk scores"),
    Curated("sentilink", ("fraud",), ("US",), "synthetic-identity fraud scores"),
    Curated("transunion-risk-and-alternative-data-solutions", ("credit", "fraud"), ("US",),
            "risk and alternative-data reports (TransUnion)"),
    # everywhere: fraud, retail and identity scorers
    Curated("lexisnexis-risk-solutions", ("fraud", "insurance", "driving"), ("all",),
            "identity and fraud checks, insurance claims history (C.L.U.E.) and "
            "telematics driving data"),
    Curated("sift-com", ("fraud",), ("all",), "fraud scores for online shops and services"),
    Curated("riskified-com", ("fraud", "shopping"), ("all",),
            "fraud scores that decide whether an online order goes through"),
    Curated("riskident", ("fraud",), ("all",), "fraud-prevention scores for shops and lenders"),
    Curated("theretailequation-com", ("shopping",), ("all",),
            "return-fraud scores that decide whether a shop takes a return"),
)  # fmt: skip


@dataclass
class Scorer:
    """A firm that may score the person: its record, situations and why it is listed."""

    company: Company
    situations: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    rank: int = 2  # 0 a nationwide bureau, 1 a CFPB or curated entry, 2 by category

    @property
    def situation(self) -> str:
        """The situation it is listed under first."""
        return self.situations[0]

    def add(self, situations: tuple[str, ...] | list[str], reason: str, rank: int) -> None:
        """Record another source that lists it."""
        for name in situations:
            if name not in self.situations:
                self.situations.append(name)
        self.situations.sort(key=SITUATIONS.index)
        if reason not in self.reasons:
            self.reasons.append(reason)
        self.rank = min(self.rank, rank)


def parse_situations(text: str | None) -> list[str]:
    """``--situation a,b`` as situations (None or empty: all); InputError naming the valid
    ones for an unknown name."""
    if text is None or not text.strip():
        return list(SITUATIONS)
    wanted = [w.strip().lower() for w in text.split(",") if w.strip()]
    unknown = [w for w in wanted if w not in SITUATIONS]
    if unknown:
        raise InputError(
            f"unknown situation {', '.join(repr(u) for u in unknown)}",
            hint=f"situations: {', '.join(SITUATIONS)} (comma-separated, e.g. credit,renting)",
        )
    return list(dict.fromkeys(wanted))


def cfpb_sections(company: Company) -> list[str]:
    """The CFPB list sections a record's sources name."""
    found = [s.other.get("section", "") for s in company.sources if s.dataset == CFPB_DATASET]
    return [s for s in dict.fromkeys(found) if s]


def scorers(
    directory: Directory, folder: Path, mine: list[Company], country: str,
    situations: list[str],
) -> list[Scorer]:  # fmt: skip
    """The firms that may score a resident of ``country`` in ``situations``, best first:
    by situation, the nationwide bureaus first, then by name."""
    from rights.companies.lookup import find

    code = country.split("-")[0].upper()
    found: dict[str, Scorer] = {}

    def note(slug: str, names: tuple[str, ...] | list[str], reason: str, rank: int) -> None:
        if slug not in found:
            try:
                company = find(slug, folder=folder, directory=directory, mine=mine)
            except NotFoundError:
                return  # a curated slug the user's directory lacks
            found[slug] = Scorer(company)
        found[slug].add(names, reason, rank)

    for entry in directory.entries():
        if code == "US" and CFPB_DATASET in entry.datasets:
            company = find(entry.slug, folder=folder, directory=directory, mine=mine)
            for section in cfpb_sections(company):
                rank = 0 if section == NATIONWIDE else 1
                reason = f"CFPB list of consumer reporting companies: {section}"
                note(entry.slug, [CFPB_SECTIONS.get(section, "credit")], reason, rank)
        elif _credit_agency_of(entry, code):
            note(entry.slug, ["credit"], f"a credit agency in {code} (directory category)", 2)
    for item in CURATED:
        if code in item.countries or "all" in item.countries:
            note(item.slug, item.situations, item.reason, 1)
    chosen = []
    for scorer in found.values():
        curated = _curated(scorer.company.slug)
        if curated is not None:  # its situations replace the category's guess
            cfpb = _cfpb_situations(scorer.company) if code == "US" else set()
            scorer.situations = sorted({*curated.situations, *cfpb}, key=SITUATIONS.index)
            listed = [r for r in scorer.reasons if r.startswith("CFPB")]
            scorer.reasons = [curated.reason, *listed]
        scorer.situations = [s for s in scorer.situations if s in situations]
        if scorer.situations:
            chosen.append(scorer)
    return sorted(chosen, key=lambda s: (SITUATIONS.index(s.situation), s.rank,
                                         s.company.name.lower()))  # fmt: skip


def _credit_agency_of(entry: Entry, code: str) -> bool:
    """A ``credit-agency`` record serving ``code`` by name (``all`` is too broad here)."""
    return "credit-agency" in entry.categories and code in {c.upper() for c in entry.countries}


def _curated(slug: str) -> Curated | None:
    return next((c for c in CURATED if c.slug == slug), None)


def _cfpb_situations(company: Company) -> set[str]:
    """The situations its CFPB sections give (kept beside a curated entry's)."""
    return {CFPB_SECTIONS.get(s, "credit") for s in cfpb_sections(company)}
