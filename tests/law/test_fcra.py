"""The FCRA as law data (issue 14, points 1 and acceptance 1): its rights with citations and
deadlines, counted as the statute words them. Facts from the law-fcra reference sheet,
sections 2-4 and 10 (worked example: a dispute delivered Mon 2 Nov 2026)."""

from __future__ import annotations

import json

import pytest

from rights.law import load as j


def deadline(cli, right: str, received: str, *more: str):
    return cli("deadline", "--law", "fcra", "--right", right, "--received", received, *more)


def test_fcra_grants_access_correction_explain_with_their_citations() -> None:
    """§1681g(a) file disclosure, §1681i(a) dispute, §1681g(f) score [V]."""
    law = j.load_law(j.data_folder(), "fcra")
    assert {n: r.citation for n, r in law.rights.items()} == {
        "access": "15 U.S.C. §1681g(a)",
        "correction": "15 U.S.C. §1681i(a)",
        "explain": "15 U.S.C. §1681g(f)",
    }
    assert law.letters.family == "fcra"
    assert law.regulators == ["cfpb"]
    assert law.rights["correction"].response.unit == "calendar_days_beginning_on"


def test_fcra_letter_citations_are_the_contract_keys() -> None:
    law = j.load_law(j.data_folder(), "fcra")
    cites = law.letter_citations
    assert cites["identification"] == "15 U.S.C. §1681h(a)(1)"
    assert cites["free-annual"] == "15 U.S.C. §1681j(a)"
    assert cites["adverse-action"] == "15 U.S.C. §1681j(b)"
    assert cites["dispute-extension"] == "15 U.S.C. §1681i(a)(1)(B)"
    assert cites["procedure"] == "15 U.S.C. §1681i(a)(7)"
    assert {"sources", "recipients", "score", "dispute-results", "complaint"} <= set(cites)


def test_laws_show_fcra_lists_rights_citations_and_deadlines(cli) -> None:
    r = cli("laws", "show", "fcra")
    assert r.code == 0, r.err
    assert "right: access — 15 U.S.C. §1681g(a)" in r.out
    assert "right: correction — 15 U.S.C. §1681i(a)" in r.out
    assert "right: explain — 15 U.S.C. §1681g(f)" in r.out
    assert "response:    15 calendar days [V]" in r.out
    assert "30 calendar days (the receipt day counts as day 1) [U]" in r.out
    assert "UNCERTAIN" in r.out
    assert "Consumer Financial Protection Bureau (CFPB) [US]" in r.out
    assert "Security freeze (15 U.S.C. §1681c-1(i))" in r.out
    assert "§1681p" in r.out  # the limitation period is shown
    assert "variant:     a dispute made after a free annual report: 45 calendar days [V]" in r.out
    data = json.loads(cli("laws", "show", "fcra", "--json").out)
    assert list(data["law"]["rights"]) == ["access", "correction", "explain"]
    assert data["regulators"][0]["id"] == "cfpb"


def test_access_is_due_15_days_after_receipt(cli) -> None:
    """§1681j(a)(2): "not later than 15 days after the date on which the request is
    received" -> receipt + 15 [V]."""
    r = deadline(cli, "access", "2026-11-02", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["due"] == "2026-11-17"
    assert data["extended_due"] is None
    assert any("no statutory deadline" in n for n in data["notes"])


def test_access_15_days_do_not_roll_over_a_weekend(cli) -> None:
    """No weekend or holiday roll-forward in the FCRA for calendar-day periods [K]: received
    Sat 12 Dec 2026 -> Sun 27 Dec 2026 stands."""
    data = json.loads(deadline(cli, "access", "2026-12-12", "--json").out)
    assert data["due"] == "2026-12-27"
    assert any("no roll" in n for n in data["notes"])


def test_correction_counts_the_period_beginning_on_receipt(cli) -> None:
    """§1681i(a)(1)(A): "the 30-day period beginning on the date" of receipt -> receipt + 29
    (Tue 1 Dec 2026); extended to 45 days -> Wed 16 Dec; after a free annual report 45 days
    after receipt (§1681j(a)(3)) -> Thu 17 Dec (law-fcra section 10, worked example)."""
    r = deadline(cli, "correction", "2026-11-02", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert (data["due"], data["extended_due"]) == ("2026-12-01", "2026-12-16")
    assert data["variants"] == [
        {"label": "a dispute made after a free annual report (15 U.S.C. §1681j(a)(3))",
         "due": "2026-12-17"},
    ]  # fmt: skip
    notes = "\n".join(data["notes"])
    assert "a dispute made after a free annual report" in notes and "Thu 2026-12-17" in notes
    assert "extension: Not more than 15 days more (45 in all)" in notes
    assert "uncertain (response)" in notes and "receipt + 31" in notes
    assert "5 business days after the reinvestigation is completed" in notes
    assert "within 15 days of your asking for it (§1681i(a)(7))" in notes


def test_correction_text_output_shows_the_variant(cli) -> None:
    r = deadline(cli, "correction", "2026-11-02")
    assert r.code == 0, r.err
    assert "due" in r.out and "2026-12-01" in r.out and "2026-12-16" in r.out
    assert "after a free annual report (15 U.S.C. §1681j(a)(3)): due Thu 2026-12-17" in r.out


def test_explain_has_no_statutory_deadline_and_says_so(cli) -> None:
    """§1681g(f) sets no time limit [K]: the date is a reminder, marked uncertain."""
    data = json.loads(deadline(cli, "explain", "2026-11-02", "--json").out)
    assert data["due"] == "2026-12-02"
    assert any("sets no time limit" in n for n in data["notes"])


def test_fcra_has_no_deletion_right(cli) -> None:
    r = deadline(cli, "deletion", "2026-11-02")
    assert r.code == 3
    assert "does not grant the right 'deletion'" in r.err
    assert "hint: it grants: access, correction, explain" in r.err


@pytest.mark.parametrize("mechanism", ["security-freeze", "fraud-alert", "prescreen-opt-out"])
def test_guidance_facts_are_mechanisms_not_letters(mechanism: str) -> None:
    law = j.load_law(j.data_folder(), "fcra")
    found = law.mechanism(mechanism)
    assert found is not None and found.facts
    assert mechanism not in law.rights


def test_shipped_law_folder_validates() -> None:
    """`rights laws validate` over the shipped folder: every file, regulator and family."""
    from rights.law.check import validate_folder
    from rights.letters.families import family_ids

    families = family_ids()
    if "fcra" not in families:
        pytest.skip("templates/fcra (the FCRA letter family) comes with the letters part")
    report = validate_folder(j.data_folder(), [], families)
    assert report.problems == []
    assert "fcra" in report.laws and "cfpb" in report.regulators


def test_validate_checks_the_complaint_order_and_variant_rolls(tmp_path) -> None:
    """A complaint order naming a regulator the law does not list, and a variant naming a
    roll rule no file defines, are problems `rights laws validate` reports."""
    from rights.law.check import validate_folder

    law = json.loads((j.data_folder() / "fcra.json").read_text(encoding="utf-8"))
    law["complaint_order"]["regulators"] = ["nobody"]
    law["rights"]["correction"]["variants"][0]["period"]["roll"] = "no-such-roll"
    (tmp_path / "fcra.json").write_text(json.dumps(law), encoding="utf-8")
    report = validate_folder(tmp_path, ["cfpb"], ["fcra"])
    assert report.problems == [
        "fcra.json: complaint_order.regulators: not among the law's regulators: nobody",
        "fcra.json: rights.correction.variants.0.period.roll: no roll rule 'no-such-roll' "
        "(rolls/no-such-roll.json)",
    ]
