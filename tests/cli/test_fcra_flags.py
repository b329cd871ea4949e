"""The FCRA disclosure flags of ``rights request new`` (issue 14, "Letters"): --free-annual,
--adverse-action DATE, --with-score. Bad input is refused before anything is stored: a
date in the future or too old for the free disclosure (15 U.S.C. §1681j(b): within 60 days
of the notice), a right other than access, both free disclosures at once; a law that has no
such disclosure (not the FCRA) refuses the letter by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rights.law.load import data_folder, load_law

pytestmark = pytest.mark.usefixtures("passphrase_env")


@pytest.fixture
def berliner(cli):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
            "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE")  # fmt: skip
    assert r.code == 0, r.err
    return cli


def _new(run, *extra: str):
    return run("request", "new", "--company", "schufa", "--via", "text", *extra)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--right", "access", "--adverse-action", "2099-01-01"),
         "--adverse-action 2099-01-01 is in the future"),
        (("--right", "access", "--adverse-action", "2026-02-30"), "not a real calendar date"),
        (("--right", "access", "--adverse-action", "yesterday"), "not a date in the form"),
        (("--right", "access", "--adverse-action", "2026-01-02"), "more than 60 days ago"),
        (("--right", "deletion", "--free-annual"), "--free-annual: only for a file disclosure"),
        (("--right", "correction", "--details", "x", "--with-score"), "only for a file"),
        (("--right", "access", "--free-annual", "--adverse-action", "2026-11-20"),
         "two different free disclosures"),
    ],
)  # fmt: skip
def test_bad_flags_are_refused_before_anything_is_stored(berliner, extra, message):
    r = _new(berliner, *extra)
    assert r.code == 3, (r.code, r.err)
    assert message in r.err
    assert "Traceback" not in r.err
    assert berliner("list", "--json").out.strip() == "[]"


def test_a_flag_under_a_law_without_that_disclosure_is_refused_by_name(berliner):
    """SCHUFA writes under the GDPR: it has no FCRA score disclosure to ask for."""
    r = _new(berliner, "--right", "access", "--with-score", "--json")
    assert r.code != 0
    assert "--with-score: GDPR has no such disclosure" in r.err
    assert "--law fcra" in r.err
    assert json.loads(berliner("list", "--json").out) == []


def test_the_help_names_the_flags_with_an_example(cli):
    r = cli("request", "new", "--help")
    assert r.code == 0
    text = " ".join(r.out.split())
    for flag in ("--free-annual", "--adverse-action", "--with-score"):
        assert flag in text
    assert "§1681j(b)" in text and "§1681g(f)" in text and "annualcreditreport.com" in text
    assert "Example: --company experian-information-solutions --right access --free-" in text


def _fcra_shipped() -> bool:
    try:
        load_law(data_folder(), "fcra")
    except Exception:
        return False
    return True


@pytest.mark.skipif(not _fcra_shipped(), reason="needs the shipped fcra law file (issue 14)")
def test_a_californian_gets_a_free_annual_disclosure_letter_from_experian(cli, tmp_path: Path):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Dana Whitfield", "--email", "dana@example.org",
            "--address", "742 Evergreen Terrace, Sacramento, CA 95814", "--country", "US",
            "--region", "CA")  # fmt: skip
    assert r.code == 0, r.err
    r = cli("request", "new", "--company", "experian-information-solutions", "--right",
            "access", "--law", "fcra", "--free-annual", "--with-score", "--via", "text",
            "--out", str(tmp_path), "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    assert req["law"] == "fcra"
    text = (tmp_path / f"{req['ref']}.txt").read_text(encoding="utf-8")
    assert "§1681j(a)" in text and "centralized source" in text and "§1681g(f)" in text
    assert "annualcreditreport.com" in r.err


def test_discharged_debt_only_on_an_erasure(berliner):
    r = _new(berliner, "--right", "access", "--discharged-debt")
    assert r.code == 3 and "--discharged-debt is for erasure requests" in r.err


def test_an_erasure_at_schufa_about_a_discharged_debt(berliner, tmp_path: Path):
    """With the gdpr law file's ``insolvency-case`` citation the letter argues C-26/22 and
    C-64/22; a law file without it refuses the flag by name (nothing is claimed)."""
    r = _new(berliner, "--right", "deletion", "--discharged-debt", "--lang", "de", "--out",
             str(tmp_path), "--json")  # fmt: skip
    if "insolvency-case" in load_law(data_folder(), "gdpr").letter_citations:
        assert r.code == 0, r.err
        (req,) = json.loads(r.out)
        text = (tmp_path / f"{req['ref']}.txt").read_text(encoding="utf-8")
        assert "C-26/22 und C-64/22" in text and "Restschuldbefreiung" in text
    else:
        assert r.code != 0
        assert "--discharged-debt: GDPR cites no judgment" in r.err
