"""The law-file facts letters rely on (issue 11): structured appeals, opt-out purposes,
deletion scope and third-party lists, validated by the model."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rights.law.facts import Appeal, OptOutCover
from rights.law.load import data_folder, load_law, load_laws

NA = [law for law in load_laws(data_folder()) if law.jurisdiction.startswith(("US", "CA"))]


@pytest.mark.parametrize("law", NA, ids=lambda law: law.id)
def test_every_north_american_law_says_whether_it_has_an_appeal(law):
    assert law.appeal is not None and isinstance(law.appeal.available, bool)


def test_utah_and_california_have_no_appeal_oregon_has_one():
    """Utah: none (law.md §6.4, Mayer Brown); CCPA: none; ORS 646A.576(6): 45 days."""
    folder = data_folder()
    assert not load_law(folder, "ucpa").appeal.available
    assert not load_law(folder, "ccpa").appeal.available
    assert load_law(folder, "ocpa").appeal.available


def test_quebec_recourse_is_the_cai_within_30_days():
    """P-39.1 ss.42-43 (law.md §9, [K]): an application to the CAI within 30 days."""
    appeal = load_law(data_folder(), "qc-law25").appeal
    assert (appeal.to, appeal.within_days, appeal.citation) == ("regulator", 30, "P-39.1 s.43")


@pytest.mark.parametrize("law", [n for n in NA if "opt-out" in n.rights], ids=lambda n: n.id)
def test_every_us_opt_out_lists_what_it_covers(law):
    assert law.rights["opt-out"].covers


def test_utah_and_iowa_opt_outs():
    """Utah Code §13-61-201(5): targeted advertising and sale; Iowa §715D.3(1)(d): sale."""
    folder = data_folder()
    utah = {c.purpose for c in load_law(folder, "ucpa").rights["opt-out"].covers}
    assert utah == {"targeted-advertising", "sale"}
    iowa = {c.purpose for c in load_law(folder, "icdpa").rights["opt-out"].covers if c.tag != "U"}
    assert iowa == {"sale"}


def test_solely_automated_only_for_profiling():
    with pytest.raises(ValidationError, match="profiling purpose only"):
        OptOutCover(purpose="sale", citation="x", solely_automated=True, tag="V")


def test_appeal_needs_available():
    with pytest.raises(ValidationError, match="available"):
        Appeal(text="No appeal.", tag="V")  # type: ignore[call-arg]
