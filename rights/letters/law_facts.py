"""The law facts that shape a letter's wording, taken from the law file (never from the
template family or the law's id): what an opt-out covers, which data a deletion reaches, what
an access request may ask about recipients, whether the company may take more time, whether
silence counts as a refusal, and whether there is an appeal.

A template reads them as ``facts`` (see docs/letters.md). Only what the law file does not tag
U is claimed as a right; a U opt-out purpose is listed in ``opt_out`` with ``claimed`` false,
so the letter may ask for it without claiming a right.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from rights.law.model import Law, Right

__all__ = ["LetterFacts", "OptOutItem", "Recourse", "letter_facts", "letter_facts_for"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OptOutItem(_Model):
    """One purpose of an opt-out: ``claimed`` false when the law file tags it U."""

    purpose: Literal["sale", "sharing", "targeted-advertising", "profiling"]
    solely_automated: bool = False
    claimed: bool = True


class Recourse(_Model):
    """The route after a refusal: to the ``controller`` (an appeal) or the ``regulator``
    (Quebec: an application to the CAI), the person's time to take it and its citation."""

    to: Literal["controller", "regulator"]
    name: str | None = Field(default=None, description="the regulator's name")
    within_days: int | None = None
    citation: str | None = None


class LetterFacts(_Model):
    """What the law file says that changes a letter's wording. The defaults change nothing
    (a law file without these facts keeps the family's general wording)."""

    opt_out: list[OptOutItem] = Field(default_factory=list)
    deletion: Literal["provided", "all"] | None = None
    deletion_citation: str | None = None
    third_parties: Literal["specific", "categories"] | None = None
    third_parties_sold: bool = False
    third_parties_citation: str | None = None
    sale_opt_out: str | None = Field(
        default=None, description="the citation of the law's opt-out of sale, if it has one"
    )
    extension: bool = True
    deemed_refusal: str | None = None
    appeal: Recourse | None = None


def _cite(citation: str | None, forms: dict[str, str], lang: str) -> str | None:
    return forms.get(lang, citation) if citation else None


def _appeal(law: Law, lang: str, regulator: str | None) -> Recourse | None:
    appeal = law.appeal
    if appeal is None or not appeal.available or appeal.tag == "U":
        return None
    return Recourse(
        to=appeal.to,
        name=regulator if appeal.to == "regulator" else None,
        within_days=appeal.within_days,
        citation=_cite(appeal.citation, appeal.citation_forms, lang),
    )


def _sale(law: Law) -> str | None:
    opt_out = law.rights.get("opt-out")
    covers = opt_out.covers if opt_out else []
    return next((c.citation for c in covers if c.purpose == "sale" and c.tag != "U"), None)


def letter_facts(
    law: Law, right: Right, lang: str, today: dt.date, *, regulator: str | None = None
) -> LetterFacts:
    """The facts of ``right`` under ``law`` for a letter in ``lang`` written ``today``;
    ``regulator``: the name of the authority an application to the regulator goes to."""
    items = [
        OptOutItem(purpose=c.purpose, solely_automated=c.solely_automated, claimed=c.tag != "U")
        for c in right.covers
    ]
    scope = right.data_scope if right.data_scope and right.data_scope.tag != "U" else None
    third = right.third_parties
    if third is not None and (third.tag == "U" or (third.since and third.since > today)):
        third = None
    refusal = right.deemed_refusal
    return LetterFacts(
        opt_out=items,
        deletion=scope.data if scope else None,
        deletion_citation=_cite(scope.citation, scope.citation_forms, lang) if scope else None,
        third_parties=third.detail if third else None,
        third_parties_sold=bool(third and third.recipients == "sold"),
        third_parties_citation=_cite(third.citation, third.citation_forms, lang) if third else None,
        sale_opt_out=_sale(law),
        extension=right.extension is not None,
        deemed_refusal=_cite(refusal.citation, refusal.citation_forms, lang)
        if refusal and refusal.tag != "U"
        else None,
        appeal=_appeal(law, lang, regulator),
    )


def letter_facts_for(law_id: str, right: str, lang: str, today: dt.date) -> LetterFacts:
    """The facts for the law with this id (shipped or the user's) and a right or letter kind;
    the defaults when no such law or right exists (a template test with a made-up law)."""
    from rights.errors import InputError, NotFoundError
    from rights.law.load import data_folder, load_law, load_regulator

    try:
        law = load_law(data_folder(), law_id)
        granted = law.right(right)
        regulator = load_regulator(data_folder(), law.regulators[0]).name
    except (InputError, NotFoundError):
        return LetterFacts()
    return letter_facts(law, granted, lang, today, regulator=regulator)
