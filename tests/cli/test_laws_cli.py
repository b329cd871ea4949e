"""rights laws list|show|which and rights deadline, through the real CLI boundary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rights.law import load as jurisdictions

GDPR_31_JAN = {
    "acknowledge_by": None,
    "due": "2026-03-02",
    "extended_due": "2026-04-30",
    "law": "gdpr",
    "notes": [
        "the period ends on Sat 2026-02-28 (Saturday): moved to the next working day, "
        "Mon 2026-03-02",
        "no controller country given: only Saturdays and Sundays count as non-working days; "
        "add --country (e.g. DE, FR, GB-ENG, GB-SCT) to include public holidays",
        "uncertain (response): whose public holidays count is not settled for the GDPR "
        "(Reg. 1182/71 Art. 2(1)); the controller's country is assumed",
        "uncertain (extension): that the extension runs from receipt (3 months in all) rather "
        "than from the end of the rolled first month is the conservative reading, not settled "
        "for the EU",
        "extension: By two further months where necessary, taking into account the complexity "
        "and number of requests; the controller must tell you within one month of receipt, "
        "with reasons (Art. 12(3)). [V]",
    ],
    "received": "2026-01-31",
    "right": "access",
    "variants": [],
    "version": 2,
    "rule": "GDPR Art. 12(3): 1 month from receipt (same date, or the month's last day if that "
    "date does not exist), moved to the next working day if it falls on a weekend or public "
    "holiday; extendable to 3 months from receipt.",
}


def test_deadline_json_is_exact(cli):
    r = cli("deadline", "--law", "gdpr", "--right", "access", "--received", "2026-01-31", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out) == GDPR_31_JAN
    assert r.out == json.dumps(GDPR_31_JAN, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_deadline_ccpa_json(cli):
    r = cli(
        "deadline", "--law", "ccpa", "--right", "deletion", "--received", "2026-01-31", "--json"
    )
    data = json.loads(r.out)
    assert sorted(data) == [
        "acknowledge_by", "due", "extended_due", "law", "notes", "received", "right", "rule",
        "variants", "version",
    ]  # fmt: skip
    assert (data["due"], data["extended_due"], data["acknowledge_by"]) == (
        "2026-03-17",
        "2026-05-01",
        "2026-02-13",
    )
    assert any("'Business day' is not defined" in n for n in data["notes"])


def test_deadline_uk_with_region(cli):
    args = ("deadline", "--law", "uk-gdpr", "--right", "access", "--received", "2026-03-06")
    eng = json.loads(cli(*args, "--country", "GB-ENG", "--json").out)
    sct = json.loads(cli(*args, "--country", "gb-sct", "--json").out)
    assert (eng["due"], sct["due"]) == ("2026-04-07", "2026-04-06")
    assert "public holidays: those of GB-SCT (the controller's)" in sct["notes"]


def test_deadline_uk_bare_gb_is_england_and_wales(cli):
    """law.md §1.2 (ICO time limits: an end date on a bank holiday moves to the next working
    day). Mon 30 Aug 2027 is the Summer bank holiday in England and Wales
    (https://www.gov.uk/bank-holidays), missing from the bare GB table: a bare GB is taken as
    England & Wales and the output says so."""
    args = ("deadline", "--law", "uk-gdpr", "--right", "access", "--received", "2027-07-30")
    data = json.loads(cli(*args, "--country", "GB", "--json").out)
    assert data["due"] == "2027-08-31"
    assert (
        "GB taken as England & Wales: give --country GB-SCT or GB-NIR for Scotland or "
        "Northern Ireland"
    ) in data["notes"]
    text = cli(*args, "--country", "GB")
    assert text.code == 0, text.err
    assert "GB taken as England & Wales" in text.out
    assert "Late Summer Bank Holiday" in text.out


def test_deadline_text_output(cli):
    r = cli("deadline", "--law", "ccpa", "--right", "opt-out", "--received", "2026-01-31")
    assert r.code == 0
    assert "due:            2026-02-23" in r.out
    assert "extended due:   -" in r.out


def test_deadline_postal_estimate(cli):
    r = cli("deadline", "--law", "pipeda", "--right", "access", "--posted", "2026-05-04", "--json")
    data = json.loads(r.out)
    assert data["received"] == "2026-05-07"
    assert data["due"] == "2026-06-06" and data["extended_due"] == "2026-07-06"
    assert data["notes"][0].startswith("ESTIMATE: posted Mon 2026-05-04")
    r = cli(
        "deadline", "--law", "pipeda", "--right", "access", "--delivered", "2026-05-04", "--json"
    )
    assert json.loads(r.out)["received"] == "2026-05-04"


def test_deadline_unknown_law_lists_ids(cli):
    r = cli("deadline", "--law", "nope", "--right", "access", "--received", "2026-01-31")
    assert r.code == 4 and r.out == ""
    assert r.err.startswith("error: no law 'nope'\nhint: laws: apdpa, ccpa, ch-fadp,")


def test_deadline_right_not_granted(cli):
    r = cli("deadline", "--law", "icdpa", "--right", "correction", "--received", "2026-01-31")
    assert r.code == 3
    assert r.err == (
        "error: ICDPA (icdpa) does not grant the right 'correction'\n"
        "hint: it grants: access, portability, deletion, opt-out\n"
    )


def test_deadline_unknown_right(cli):
    r = cli("deadline", "--law", "gdpr", "--right", "forgetfulness", "--received", "2026-01-31")
    assert r.code == 3 and "unknown right 'forgetfulness'" in r.err
    assert "hint: one of: access, correction, deletion" in r.err


@pytest.mark.parametrize(
    ("law", "asked", "granted"),
    [
        ("gdpr", "erasure", "deletion"),  # an alias
        ("ccpa", "objection", "opt-out"),  # the equivalent right, as request new accepts it
        ("gdpr", "opt-out", "objection"),
        ("ccpa", "know", "access"),
    ],
)
def test_deadline_accepts_what_requests_accept(cli, law, asked, granted):
    aliased = cli("deadline", "--law", law, "--right", asked, "--received", "2026-01-31", "--json")
    direct = cli("deadline", "--law", law, "--right", granted, "--received", "2026-01-31", "--json")
    assert aliased.code == 0, aliased.err
    assert aliased.out == direct.out
    assert json.loads(aliased.out)["right"] == granted


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-30", "error: received: '2026-02-30' is not a real calendar date\n"),
        ("31/01/2026", "error: received: '31/01/2026' is not a date in the form YYYY-MM-DD\n"),
    ],
)
def test_deadline_bad_dates(cli, value, message):
    r = cli("deadline", "--law", "gdpr", "--right", "access", "--received", value)
    assert (r.code, r.err) == (3, message)


def test_deadline_needs_one_start_date(cli):
    r = cli("deadline", "--law", "gdpr", "--right", "access")
    assert r.code == 3 and "exactly one of --received, --delivered or --posted" in r.err
    r = cli("deadline", "--law", "gdpr", "--right", "access", "--received", "2026-01-01",
            "--posted", "2026-01-01")  # fmt: skip
    assert r.code == 3


def test_deadline_bad_country(cli):
    r = cli("deadline", "--law", "gdpr", "--right", "access", "--received", "2026-01-31",
            "--country", "UK")  # fmt: skip
    assert r.code == 3 and "hint: did you mean GB?" in r.err


def test_malformed_jurisdiction_file(cli, tmp_path: Path, monkeypatch):
    root = tmp_path / "j"
    root.mkdir()
    (root / "broken.json").write_text('{"id": "broken", "rights": {}}', encoding="utf-8")
    monkeypatch.setattr(jurisdictions, "data_folder", lambda: root)
    r = cli("laws", "list")
    assert r.code == 9
    lines = r.err.splitlines()
    assert lines[0].startswith("error: jurisdiction data is not valid (")
    assert "broken.json: name: Field required" in lines
    assert (
        "broken.json: rights: Dictionary should have at least 1 item after validation, not 0"
        in lines
    )
    assert lines[-1] == "hint: fix the file(s) named above"


def test_laws_list_json(cli):
    r = cli("laws", "list", "--json")
    data = json.loads(r.out)
    ids = [d["id"] for d in data]
    assert ids == sorted(ids) and "gdpr" in ids and len(ids) >= 25
    icdpa = next(d for d in data if d["id"] == "icdpa")
    assert icdpa == {
        "citation": "Iowa Code ch. 715D",
        "effective": "2025-01-01",
        "id": "icdpa",
        "jurisdiction": "US-IA",
        "name": "Iowa Consumer Data Protection Act",
        "rights": ["access", "portability", "deletion", "opt-out"],
        "short_name": "ICDPA",
        "version": 2,
    }


def test_laws_show_text_has_uncertain_flags_and_sources(cli):
    r = cli("laws", "show", "ccpa")
    assert r.code == 0
    assert "right: limit — Civ. Code §1798.121; 11 CCR §7027" in r.out
    assert "UNCERTAIN: 'Business day' is not defined" in r.out
    assert "Delete Request and Opt-out Platform" in r.out
    assert "California Privacy Protection Agency [US-CA]: https://cppa.ca.gov/" in r.out
    assert "sources:" in r.out and "last reviewed: 2026-11-26" in r.out


def test_laws_show_json(cli):
    data = json.loads(cli("laws", "show", "uk-gdpr", "--json").out)
    assert sorted(data) == ["law", "regulators", "version"]
    assert data["law"]["rights"]["access"]["response"]["from"] == "receipt"
    assert data["regulators"][0]["id"] == "gbico"


def test_laws_show_unknown(cli):
    r = cli("laws", "show", "../etc")
    assert r.code == 4


def test_laws_which_by_option(cli):
    r = cli("laws", "which", "--country", "us", "--region", "ca", "--json")
    data = json.loads(r.out)
    assert (data["country"], data["region"]) == ("US", "CA")
    assert [d["id"] for d in data["laws"]] == ["ccpa", "fcra"]  # the sector law last
    assert data["laws"][0]["in_force"] is True
    assert [d["only"] for d in data["laws"]] == [None, "a consumer reporting agency"]
    assert "gdpr" in {d["id"] for d in data["by_controller_location"]}
    assert "also protect you" in data["note"]


def test_laws_which_future_law_is_flagged(cli):
    data = json.loads(cli("laws", "which", "--country", "US", "--region", "OK", "--json").out)
    assert data["laws"][0]["id"] == "okdpa" and data["laws"][0]["in_force"] is False


def test_laws_which_without_profile_or_country(cli):
    r = cli("laws", "which")
    assert r.code == 3
    assert "no --country given and no profile" in r.err
    assert "hint: use --country CC" in r.err


def test_laws_which_reads_the_profile(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("laws", "which")
    assert r.code == 3 and "has no country of residence" in r.err
    assert cli("profile", "edit", "--country", "CA", "--region", "QC").code == 0
    data = json.loads(cli("laws", "which", "--json").out)
    assert {d["id"] for d in data["laws"]} == {"pipeda", "qc-law25"}
    r = cli("laws", "which")
    assert r.code == 0 and "qc-law25" in r.out and "Such laws:" in r.err


def test_laws_validate_a_good_folder(cli, home: Path) -> None:
    from tests.law.test_user_laws import fictional_law, fictional_regulator

    folder = home / "jurisdictions"
    (folder / "regulators").mkdir(parents=True)
    (folder / "ficticia.json").write_text(json.dumps(fictional_law()), encoding="utf-8")
    (folder / "regulators" / "fict-dpa.json").write_text(
        json.dumps(fictional_regulator()), encoding="utf-8"
    )
    r = cli("laws", "validate")
    assert r.code == 0, r.err
    assert r.out == ""
    assert "valid (1 laws, 1 regulators)" in r.err
    r = cli("laws", "validate", "--json")
    assert json.loads(r.out) == {
        "folder": str(folder),
        "laws": ["ficticia"],
        "problems": [],
        "regulators": ["fict-dpa"],
        "valid": True,
        "version": 2,
    }


def test_laws_validate_reports_every_problem_one_per_line(cli, tmp_path: Path) -> None:
    from tests.law.test_user_laws import fictional_law

    folder = tmp_path / "mine"
    folder.mkdir()
    broken = fictional_law() | {"colour": "blue"}
    (folder / "ficticia.json").write_text(json.dumps(broken), encoding="utf-8")
    unknown = fictional_law() | {"id": "other", "regulators": ["gbico", "no-such"]}
    unknown["letters"] = {"family": "nope", "agent_rule": "x"}
    (folder / "other.json").write_text(json.dumps(unknown), encoding="utf-8")
    r = cli("laws", "validate", str(folder))
    assert r.code == 9
    assert r.out.splitlines() == [
        "ficticia.json: colour: Extra inputs are not permitted",
        "other.json: regulators: no regulator file for no-such",
        "other.json: letters.family: no letter family 'nope' "
        "(families: fcra, gdpr, lgpd, pipeda, us-state)",
    ]
    assert "error: 3 problems in" in r.err
    r = cli("laws", "validate", str(folder), "--json")
    assert r.code == 9
    data = json.loads(r.out)
    assert data["valid"] is False and data["laws"] == ["other"] and len(data["problems"]) == 3


def test_laws_validate_without_a_folder(cli, tmp_path: Path) -> None:
    r = cli("laws", "validate", str(tmp_path / "missing"))
    assert r.code == 9 and "no folder" in r.err


def test_laws_validate_with_no_law_files_of_ones_own(cli, home: Path) -> None:
    """No <RIGHTS_HOME>/jurisdictions: nothing to check is not an error (as letters check)."""
    assert not (home / "jurisdictions").exists()
    r = cli("laws", "validate")
    assert r.code == 0, r.err
    assert "no law files of yours to check" in r.err
