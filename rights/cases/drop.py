"""Recording a DROP submission (California's Delete Act platform) as one case.

DROP takes requests from California residents only (Cal. Civ. Code §1798.99.86; the site
verifies residency before a request is accepted), and one submission reaches every
registered broker: a second open DROP case would track the same request twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rights.cases import lifecycle
from rights.cases.reuse import open_case_for
from rights.core.case import Case
from rights.errors import InputError
from rights.store.connect import Connection


@dataclass(frozen=True)
class Recorded:
    """What ``record_drop`` did: the DROP case, and whether it was already there."""

    case: Case
    existing: bool


def is_california_resident(country: str | None, region: str | None) -> bool:
    """True for a profile whose country is US and region CA."""
    return (country or "").upper() == "US" and (region or "").upper() == "CA"


def check_resident(country: str | None, region: str | None) -> None:
    """InputError unless the profile says California: DROP serves no one else."""
    if is_california_resident(country, region):
        return
    where = "/".join(v for v in (country, region) if v) or "not set"
    raise InputError(
        f"DROP is for California residents only (your profile: {where})",
        hint="if you live in California: rights profile edit --country US --region CA",
    )


def record_drop(
    conn: Connection,
    *,
    country: str | None,
    region: str | None,
    submitted: dt.date,
    today: dt.date,
    now: dt.datetime,
    again: bool = False,
) -> Recorded:
    """The DROP case for a submission on ``submitted``: the open one if there is one
    (unless ``again``), else a new case, sent on ``submitted``."""
    from rights.cases.log import create_drop_case

    check_resident(country, region)
    lifecycle.check_date(lifecycle.drop_case("R-0000", now), submitted, today, "sent")
    if not again:
        found = open_case_for(conn, lifecycle.DROP_COMPANY, "deletion")
        if found is not None and found.via == lifecycle.DROP_VIA:
            return Recorded(found, existing=True)
    made = create_drop_case(conn, submitted=submitted, today=today, now=now)
    return Recorded(made, existing=False)


def pointer_line(pointer: dict[str, object]) -> str:
    """The one line that points a California resident to DROP: its name, its address from
    the law file and the source (``log.drop_pointer``'s dict)."""
    return (
        f"California residents can ask every registered data broker at once: {pointer['name']}"
        f", {pointer['url']} (source: {pointer['source']}). Record it as a case with: "
        f"{pointer['record_with']}"
    )
