"""``rights scores``: who may score the person (``rights.companies.situations``), with the
law and the rights that apply to each firm and why, and the requests to them.

The law of each right comes from the one law choice (``rights.law.choice.choose_law``): this
module never decides a law itself. Requests go through the batch path
(``rights.actions.batch.run_batch``): one case per company and right, open cases reused.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.errors import InputError, RightsError

if TYPE_CHECKING:
    from rights.actions.workspace import Loaded
    from rights.companies.situations import Scorer
    from rights.core.company import Company
    from rights.core.identity import Identity
    from rights.law.model import Law

SCORE_RIGHTS: tuple[str, ...] = ("access", "explain", "contest", "correction")
"""The rights about a score: see the file, learn how the score was made, contest an
automated decision, correct the data."""


@dataclass(frozen=True)
class Verdict:
    """One right against one firm: the law that gives it, or why none does."""

    right: str
    law: str | None
    reason: str
    citation: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {"citation": self.citation, "law": self.law, "reason": self.reason,
                "right": self.right}  # fmt: skip


@dataclass
class Listed:
    """A firm as ``rights scores`` lists it."""

    scorer: Scorer
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def rights(self) -> list[Verdict]:
        """The rights that apply."""
        return [v for v in self.verdicts if v.law is not None]

    @property
    def law(self) -> str | None:
        """The law of its first right that applies (access first)."""
        return self.rights[0].law if self.rights else None

    def to_json(self) -> dict[str, Any]:
        """One item of ``rights scores --json``."""
        from rights.law.choice import company_home

        company = self.scorer.company
        return {
            "country": company_home(company),
            "law": self.law,
            "name": company.name,
            "reason": "; ".join(self.scorer.reasons),
            "rights": [v.to_json() for v in self.rights],
            "situation": self.scorer.situation,
            "situations": list(self.scorer.situations),
            "slug": company.slug,
            "unavailable": [
                {"reason": v.reason, "right": v.right} for v in self.verdicts if v.law is None
            ],
        }


def where(identity: Identity, country: str | None, region: str | None) -> Identity:
    """The person as the list sees them: ``--country``/``--region`` over the profile's."""
    if country is None and region is None:
        return identity
    code = (country or identity.country or "").strip().upper() or None
    if code is not None:
        from rights.core.countries import COUNTRIES

        if code not in COUNTRIES:
            raise InputError(f"--country: {country!r} is not a country code",
                             hint="an ISO 3166-1 alpha-2 code, e.g. US, DE, GB")  # fmt: skip
    area = region.strip().upper() if region else (identity.region if country is None else None)
    return dataclasses.replace(identity, country=code, region=area or None)


def verdicts(
    scorer: Scorer, identity: Identity, laws: list[Law], today: dt.date,
    rights: tuple[str, ...] = SCORE_RIGHTS,
) -> list[Verdict]:  # fmt: skip
    """Each right against the firm: the law the law choice picks and its reason, or why
    no law gives it (a right not in force yet, a law that does not know it)."""
    from rights.law.choice import assess, choose_law, citation

    by_id = {law.id: law for law in laws}
    found = []
    for right in rights:
        try:
            choice = choose_law(laws, identity, scorer.company, right, None, today)
        except RightsError as exc:  # why each law considered does not give it, if any says
            why = [a.reason for a in assess(laws, identity, scorer.company, right, today)]
            found.append(Verdict(right, None, "; ".join(dict.fromkeys(why)) or exc.message))
            continue
        cited = citation(by_id[choice.value], right)
        found.append(Verdict(right, choice.value, choice.reason, cited))
    return found


def listing(
    scorers: list[Scorer], identity: Identity, laws: list[Law], today: dt.date
) -> list[Listed]:
    """Every firm with its verdicts."""
    return [Listed(s, verdicts(s, identity, laws, today)) for s in scorers]


@contextlib.contextmanager
def open_scores(
    home: Path, profile: str, situations: list[str], country: str | None, region: str | None,
) -> Iterator[tuple[Loaded, list[Scorer]]]:  # fmt: skip
    """Open the profile's store with its identity (``--country``/``--region`` applied), the
    laws and the firms that may score the person (``Loaded.companies``)."""
    from rights.actions.workspace import Loaded
    from rights.companies import index
    from rights.companies.situations import scorers
    from rights.law.load import data_folder, load_laws
    from rights.paths import shipped
    from rights.profile import profiles
    from rights.store import companies_repo, repo

    folder = shipped("companies")
    with profiles.open_store(home, profile) as store:
        identity = where(repo.get_identity(store.conn), country, region)
        if not identity.country:
            raise InputError(
                "the profile has no country of residence, so who scores you is unknown",
                hint="set it with: rights profile edit --country CC (or pass --country CC)",
            )
        mine = companies_repo.list_companies(store.conn)
        directory = index.load(folder).with_user(mine)
        found = scorers(directory, folder, mine, identity.country, situations)
        loaded = Loaded(store, identity, load_laws(data_folder()), [s.company for s in found])
        yield loaded, found


def score_right(value: str) -> str:
    """``--right`` of ``rights scores --request``: a right about a score (aliases
    understood), else InputError naming them."""
    from rights.core.vocabulary import RIGHT_ALIASES

    key = value.strip().lower()
    key = RIGHT_ALIASES.get(key, key)
    if key not in SCORE_RIGHTS:
        raise InputError(
            f"--right {value!r} is not a right about a score",
            hint=f"one of: {', '.join(SCORE_RIGHTS)} (other rights: rights request new)",
        )
    return key


def pick(found: list[Scorer], slugs: list[str]) -> list[Company]:
    """The listed firms to write to: all, or those named (InputError for a slug not
    listed, naming the listed ones)."""
    companies = [s.company for s in found]
    if not slugs:
        if not companies:
            raise InputError("no firm is listed for these situations",
                             hint="try another --situation, or none for all")  # fmt: skip
        return companies
    by_slug = {c.slug: c for c in companies}
    unknown = [s for s in slugs if s not in by_slug]
    if unknown:
        listed = ", ".join(list(by_slug)[:12]) + (", ..." if len(by_slug) > 12 else "")
        raise InputError(f"--company {', '.join(unknown)}: not among the firms listed",
                         hint=f"listed: {listed} (see: rights scores --json)")  # fmt: skip
    return [by_slug[s] for s in dict.fromkeys(slugs)]
