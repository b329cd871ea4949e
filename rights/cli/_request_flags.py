"""The options of ``rights request new`` for letters about scores and credit files: the FCRA
file-disclosure flags (``--free-annual``, ``--adverse-action``, ``--with-score``) and the
erasure of a discharged debt at a credit agency (``--discharged-debt``), with their checks
and the note a free annual request prints."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rights.actions.request import DisclosureAsk

DischargedDebtOption = Annotated[
    bool,
    typer.Option(
        "--discharged-debt",
        help="Erasure at a credit agency (GDPR): the data are of a discharge of remaining debts "
        "kept longer than the public insolvency register keeps it; the letter adds the "
        "argument of CJEU joined cases C-26/22 and C-64/22. Example: --company schufa "
        "--right deletion --discharged-debt",
    ),
]
FreeAnnualOption = Annotated[
    bool,
    typer.Option(
        "--free-annual",
        help="FCRA file disclosure: ask for the free annual disclosure (15 U.S.C. §1681j(a)). "
        "The nationwide bureaus give it only through the centralized source "
        "(annualcreditreport.com). Example: --company experian-information-solutions "
        "--right access --free-annual",
    ),
]
AdverseActionOption = Annotated[
    str | None,
    typer.Option(
        "--adverse-action",
        metavar="DATE",
        help="FCRA file disclosure: the date (YYYY-MM-DD) of the adverse-action notice you "
        "received; asked within 60 days, the disclosure is free (15 U.S.C. §1681j(b)). "
        "Example: --right access --adverse-action 2026-11-20",
    ),
]
WithScoreOption = Annotated[
    bool,
    typer.Option(
        "--with-score",
        help="FCRA file disclosure: also ask for your credit score and its key factors "
        "(15 U.S.C. §1681g(f)); the agency may charge a fee. Example: --right access "
        "--with-score",
    ),
]


FREE_ANNUAL_NOTE = (
    "note: the three nationwide bureaus (Equifax, Experian, TransUnion) give the free annual "
    "disclosure only through the centralized source, annualcreditreport.com or "
    "1-877-322-8228 (15 U.S.C. §1681j(a)); a letter to them may be answered with a pointer "
    "there. Nationwide specialty agencies (tenant, employment, check, insurance, medical) "
    "take it through their own request process; the letter asks to be told which applies."
)


def disclosure_ask(
    right: str, free_annual: bool, adverse_action: str | None, with_score: bool, today: dt.date
) -> DisclosureAsk:
    """The FCRA disclosure flags, checked (a date in the future, a right other than access)."""
    from rights.actions.request import DisclosureAsk
    from rights.core.values import iso_date

    day = iso_date(adverse_action, "--adverse-action") if adverse_action is not None else None
    ask = DisclosureAsk(free_annual=free_annual, adverse_action=day, with_score=with_score)
    ask.check(right, today)
    return ask
