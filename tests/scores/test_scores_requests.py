"""``rights scores --request`` writes the cases through the batch path into the real store,
a second run reuses them, and ``rights scores status`` shows where they stand."""

from __future__ import annotations

import json

import pytest

from tests.conftest import PASSPHRASE, pdf_text

BANKING = ("certegy-payment-solutions", "chex-systems", "crosscheck", "early-warning-services",
           "global-payments-check-services", "telecheck-services")  # fmt: skip


@pytest.fixture
def californian(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Dana Whitfield", "--email", "dana@example.org",
            "--address", "1 Main St, Sacramento, CA 95814", "--country", "US", "--region", "CA")  # fmt: skip
    assert r.code == 0, r.err
    return cli


def request(cli, out, *extra: str) -> list[dict]:
    r = cli("scores", "--request", "--situation", "banking", "--via", "pdf", "--out", str(out),
            *extra, "--json")  # fmt: skip
    assert r.code == 0, r.err
    return json.loads(r.out)


def stored(cli) -> list[dict]:
    r = cli("list", "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_request_creates_one_case_per_firm_in_the_store(californian, tmp_path):
    made = request(californian, tmp_path / "letters")
    assert sorted(m["company"] for m in made) == sorted(BANKING)
    assert {m["right"] for m in made} == {"access"}
    assert {m["status"] for m in made} == {"draft"}
    assert not any(m["existing"] for m in made)
    cases = stored(californian)  # the store opened again by another command
    assert sorted(c["company"] for c in cases) == sorted(BANKING)
    assert {c["ref"] for c in cases} == {m["ref"] for m in made}
    chex = next(m for m in made if m["company"] == "chex-systems")
    (pdf,) = chex["files"]
    text = pdf_text(tmp_path / "letters" / pdf.rsplit("/", 1)[-1])
    assert "Chex Systems" in text
    assert "Dana Whitfield" in text
    assert chex["law"] == next(c for c in cases if c["ref"] == chex["ref"])["law"]


def test_a_second_run_reuses_the_open_cases(californian, tmp_path, run_rights):
    first = request(californian, tmp_path / "one")
    done = run_rights("scores", "--request", "--situation", "banking", "--via", "pdf", "--out",
                      str(tmp_path / "two"), "--json", env={"RIGHTS_PASSPHRASE": PASSPHRASE},
                      timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    again = json.loads(done.stdout)
    assert all(m["existing"] for m in again)
    assert {m["ref"] for m in again} == {m["ref"] for m in first}
    assert "already open" in done.stderr
    assert len(stored(californian)) == len(BANKING)
    assert not (tmp_path / "two").exists() or not any((tmp_path / "two").iterdir())


def test_request_one_listed_firm_with_a_right(californian, tmp_path):
    made = request(californian, tmp_path, "--company", "chex-systems", "--right", "correction",
                   "--details", "the closed account 1234 was never overdrawn")  # fmt: skip
    assert [(m["company"], m["right"]) for m in made] == [("chex-systems", "correction")]


def test_status_after_a_fulfilled_note(californian, tmp_path, monkeypatch):
    monkeypatch.setenv("RIGHTS_TODAY", "2026-09-01")  # the letters are written before sending
    made = request(californian, tmp_path)
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-26")
    refs = {m["company"]: m["ref"] for m in made}
    chex, ews = refs["chex-systems"], refs["early-warning-services"]
    assert californian("log", chex, "sent", "--date", "2026-10-01").code == 0
    assert californian("log", chex, "fulfilled", "--date", "2026-10-20",
                       "--note", "file: 2 closed accounts; no score").code == 0  # fmt: skip
    assert californian("log", ews, "sent", "--date", "2026-09-01").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-15")
    r = californian("scores", "status", "--json")
    assert r.code == 0, r.err
    firms = {f["slug"]: f for f in json.loads(r.out)}
    assert set(firms) == set(BANKING)
    done = firms["chex-systems"]
    assert done["asked"] == "2026-10-01"
    assert done["answered"] == "2026-10-20"
    assert done["disclosed"] == ["file: 2 closed accounts; no score"]
    assert done["overdue"] == []
    assert "--right correction" in done["next"][0]
    (req,) = done["requests"]
    assert req["status"] == "fulfilled" and req["ref"] == chex
    late = firms["early-warning-services"]
    assert late["answered"] is None
    assert late["overdue"] == [ews]
    assert late["next"] == [f"remind them: rights followup {ews}"]
    draft = firms["crosscheck"]
    assert draft["asked"] is None
    assert "rights log" in draft["next"][0] and "sent" in draft["next"][0]

    monkeypatch.setenv("COLUMNS", "80")
    table = californian("scores", "status")
    assert table.code == 0, table.err
    assert max(len(line) for line in table.out.splitlines()) <= 80
    assert f"{chex} disclosed: file: 2 closed accounts; no score" in table.out
    assert f"{ews} next: remind them: rights followup {ews}" in table.out
    assert "LATE" in next(line for line in table.out.splitlines() if line.startswith(ews))


def test_status_without_requests(californian):
    r = californian("scores", "status", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out) == []
    assert "no request to a scoring firm yet" in californian("scores", "status").err


def test_status_ignores_cases_of_other_firms(californian, tmp_path):
    r = californian("request", "new", "--company", "acxiom", "--right", "access", "--via",
                    "text", "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert json.loads(californian("scores", "status", "--json").out) == []


def test_status_counts_a_scorer_asked_outside_the_list(californian):
    """SCHUFA is not listed for a Californian, but a request to it is about a score (the
    case keeps the firm's credit-agency category)."""
    r = californian("request", "new", "--company", "schufa", "--right", "access", "--via",
                    "text", "--json")  # fmt: skip
    assert r.code == 0, r.err
    (made,) = json.loads(r.out)
    firms = json.loads(californian("scores", "status", "--json").out)
    assert [f["slug"] for f in firms] == ["schufa"]
    assert firms[0]["requests"][0]["ref"] == made["ref"]


def test_the_right_may_be_written_in_capitals(californian, tmp_path):
    made = request(californian, tmp_path, "--company", "crosscheck", "--right", "Access")
    assert [(m["company"], m["right"]) for m in made] == [("crosscheck", "access")]


def test_the_fcra_disclosure_flags_reach_the_letters(californian, tmp_path):
    out = tmp_path / "letters"
    r = californian(
        "scores", "--request", "--situation", "banking", "--company", "chex-systems",
        "--right", "access", "--with-score", "--via", "text", "--out", str(out), "--json",
    )  # fmt: skip
    assert r.code == 0, r.err
    (made,) = json.loads(r.out)
    assert made["law"] == "fcra"
    text = (out / f"{made['ref']}.txt").read_text(encoding="utf-8")
    assert "1681g(f)" in text  # the score and its key factors, asked for expressly
    r = californian("scores", "--with-score")
    assert r.code == 3 and "go with --request" in r.err
    r = californian("scores", "--request", "--right", "correction", "--with-score",
                    "--details", "x")  # fmt: skip
    assert r.code == 3
