"""A new law needs only a jurisdiction file: a fictional law in the user's data folder
(``<RIGHTS_HOME>/jurisdictions``) is validated, listed, and serves letters, deadlines, agents,
the stop-the-clock rule and complaints without any change to the code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from rights.cases import lifecycle
from rights.core.case import Event
from rights.errors import DataFileError
from rights.law import load as j
from rights.law import regulators
from rights.letters.agents import agent_rule

PERIOD = {"from": "receipt", "roll": "none", "holidays": None, "tag": "K"}


def fictional_law() -> dict[str, Any]:
    """Ficticia's Data Act: 20 days, a pause for information, letters of the gdpr family."""
    fact = {"text": "A fictional fact, for tests.", "tag": "K"}
    return {
        "id": "ficticia",
        "name": "Ficticia Personal Data Act",
        "short_name": "FPDA",
        "citation": "Fict. Stat. 1/2026",
        "jurisdiction": "JP",
        "effective": "2026-01-01",
        "scope": {
            "residents_of": ["JP"],
            "any_person": False,
            "by_controller_location": False,
            "note": fact,
        },
        "rights": {
            "access": {
                "citation": "FPDA §7",
                "summary": "A copy of your data.",
                "response": {"length": 20, "unit": "calendar_days", **PERIOD},
            }
        },
        "fees": fact,
        "identity": fact,
        "agents": fact,
        "stop_the_clock": {"text": "Asking for information pauses the clock.", "tag": "K"},
        "regulators": ["fict-dpa"],
        "complaint_authority": {"choice": "listed"},
        "letter_citations": {"automated": "FPDA §7(2)", "complaint": "FPDA §30"},
        "letters": {"family": "gdpr", "agent_rule": "FPDA §12 (agents)"},
        "sources": ["https://example.org/fpda"],
        "last_reviewed": "2026-11-01",
    }


def fictional_regulator() -> dict[str, Any]:
    return {
        "id": "fict-dpa",
        "name": "Ficticia Data Office",
        "kind": "national-dpa",
        "covers": ["JP"],
        "email": "complaints@fict-dpa.example",
        "sources": ["https://example.org/fict-dpa"],
        "last_reviewed": "2026-11-01",
    }


@pytest.fixture
def user_law(home: Path) -> Path:
    """Write the fictional law and its regulator into the user's jurisdictions folder."""
    folder = home / "jurisdictions"
    (folder / "regulators").mkdir(parents=True)
    (folder / "ficticia.json").write_text(json.dumps(fictional_law()), encoding="utf-8")
    (folder / "regulators" / "fict-dpa.json").write_text(
        json.dumps(fictional_regulator()), encoding="utf-8"
    )
    return folder


def test_user_law_is_listed_beside_the_shipped_ones(user_law: Path, cli) -> None:
    ids = [law.id for law in j.load_laws(j.data_folder())]
    assert "ficticia" in ids and "gdpr" in ids
    r = cli("laws", "which", "--country", "JP", "--json")
    assert r.code == 0, r.err
    assert [law["id"] for law in json.loads(r.out)["laws"]] == ["ficticia"]


def test_user_law_gives_its_own_deadline(user_law: Path, cli) -> None:
    r = cli("deadline", "--law", "ficticia", "--right", "access", "--received", "2026-11-02",
            "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert json.loads(r.out)["due"] == "2026-11-22"


def test_user_law_renders_a_letter_from_the_cli(user_law: Path, cli, passphrase_env, tmp_path):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Aiko Tanaka", "--email", "aiko@example.org",
            "--address", "1-1 Chiyoda, Tokyo", "--country", "JP")  # fmt: skip
    assert r.code == 0, r.err
    out = tmp_path / "letters"
    # a company that serves everyone (a German-only one is out of a Japanese law's reach)
    r = cli("request", "new", "--company", "google", "--right", "access", "--law", "ficticia",
            "--via", "text", "--lang", "en", "--out", str(out), "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    assert req["law"] == "ficticia"
    body = Path(req["files"][0]).read_text(encoding="utf-8")
    assert "FPDA §7" in body and "FPDA §7(2)" in body
    assert "Aiko Tanaka" in body


def test_user_law_facts_reach_agents_clock_and_complaints(user_law: Path) -> None:
    root = j.data_folder()
    law = j.load_law(root, "ficticia")
    assert agent_rule(law) == "FPDA §12 (agents)"
    rule = law.deadline_rule("access")
    assert lifecycle.pauses_clock(rule)
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    case = lifecycle.new_case(ref="R-FICT", company="acme", company_name="Acme", right="access",
                          law="ficticia", lang="en", via="email", now=now)  # fmt: skip
    today = dt.date(2026, 11, 26)
    case = lifecycle.apply_event(
        case, Event("R-FICT", "sent", dt.date(2026, 11, 2)), rule, None, today
    )
    asked = lifecycle.apply_event(case, Event("R-FICT", "needs-info", dt.date(2026, 11, 5)), rule,
                              None, today)  # fmt: skip
    given = lifecycle.apply_event(asked, Event("R-FICT", "info-given", dt.date(2026, 11, 10)), rule,
                              None, today)  # fmt: skip
    assert not asked.notes.due_contested
    assert given.due == dt.date(2026, 11, 30)
    (found,) = regulators.competent_regulators(law, root, residence="JP")
    assert (found.regulator.id, found.basis, found.web_form_only) == ("fict-dpa", "law", False)


def test_user_file_replaces_the_shipped_one_with_the_same_id(home: Path) -> None:
    folder = home / "jurisdictions"
    folder.mkdir(parents=True)
    shipped = json.loads((j.data_folder() / "uk-gdpr.json").read_text(encoding="utf-8"))
    shipped["short_name"] = "UK GDPR (mine)"
    (folder / "uk-gdpr.json").write_text(json.dumps(shipped), encoding="utf-8")
    assert j.load_law(j.data_folder(), "uk-gdpr").short_name == "UK GDPR (mine)"


def test_a_broken_user_law_is_reported_like_a_shipped_one(home: Path) -> None:
    folder = home / "jurisdictions"
    folder.mkdir(parents=True)
    bad = fictional_law()
    del bad["letters"]
    bad["colour"] = "blue"
    (folder / "ficticia.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        j.load_laws(j.data_folder())
    problems = caught.value.problems  # type: ignore[attr-defined]
    assert "ficticia.json: letters: Field required" in problems
    assert "ficticia.json: colour: Extra inputs are not permitted" in problems
