"""The next step of a request to a scorer, per state (``rights.cases.scores.next_step``)."""

from __future__ import annotations

import datetime as dt

import pytest

from rights.cases.scores import next_step
from rights.core.case import Case

TODAY = dt.date(2026, 12, 15)


def case(status: str, right: str = "access", **values: object) -> Case:
    return Case(ref="R-TEST", company="chex-systems", company_name="Chex Systems, Inc.",
                right=right, law="fcra", lang="en", via=str(values.pop("via", "pdf")),
                status=status, **values)  # type: ignore[arg-type]  # fmt: skip


@pytest.mark.parametrize(
    ("made", "step"),
    [
        (case("draft"), "send it (pdf), then: rights log R-TEST sent --date YYYY-MM-DD"),
        (case("draft", via="email"), "send it: rights request send R-TEST"),
        (case("sent", due=dt.date(2027, 1, 1)), "wait for the answer (due 2027-01-01)"),
        (case("sent", due=dt.date(2026, 12, 1)), "remind them: rights followup R-TEST"),
        (
            case("sent", due=dt.date(2026, 12, 1), remind_by=dt.date(2026, 12, 14)),
            "complain: rights escalate R-TEST",
        ),
        (case("refused"), "complain: rights escalate R-TEST"),
        (case("fulfilled"), "--company chex-systems --right correction"),
        (case("fulfilled", right="explain"), "--right contest --company chex-systems"),
        (case("escalated"), "wait for the regulator"),
    ],
)
def test_next_step(made, step):
    assert step in next_step(made, TODAY)


def test_nothing_left_to_do():
    assert next_step(case("closed"), TODAY) == ""
    assert next_step(case("fulfilled", right="correction"), TODAY) == ""
