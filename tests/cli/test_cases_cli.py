"""rights list | due | show | log | drop | attachment: contracts, real store, bad input."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rights.cases import lifecycle
from rights.core.case import CaseNotes
from rights.profile import profiles
from rights.store import cases_repo
from rights.store.connect import transaction

NOW = dt.datetime(2026, 1, 2, 9, 30, tzinfo=dt.UTC)  # before every sent date the tests log


def add_case(home: Path, ref: str, **kw: Any) -> None:
    """Store a draft the way request creation does (``data``: its notes, as stored)."""
    fields: dict[str, Any] = {
        "company": "acme",
        "company_name": "Acme [EU] GmbH",
        "right": "access",
        "law": "gdpr",
        "lang": "en",
        "via": "email",
        "recipient": "privacy@acme.example",
        "subject": f"Access request [{ref}]",
        "body": "Dear Acme,\nplease send my data.",
    }
    fields.update(kw)
    fields["notes"] = CaseNotes.from_dict(fields.pop("data", {}))
    with profiles.open_store(home, "default") as store, transaction(store.conn):
        cases_repo.insert_cases(store.conn, [lifecycle.new_case(ref=ref, now=NOW, **fields)])


@pytest.fixture
def profile(cli: Callable[..., Any], home: Path) -> Path:
    r = cli("init")
    assert r.code == 0, r.err
    return home


def test_log_sent_then_show_json_is_the_contract(cli: Callable[..., Any], profile: Path) -> None:
    add_case(profile, "R-AAAA")
    r = cli("log", "R-AAAA", "sent", "--date", "2026-10-01")
    assert r.code == 0, r.err
    assert "R-AAAA: sent logged on 2026-10-01; now sent" in r.err
    assert "due 2026-11-02" in r.err
    r = cli("log", "r-aaaa", "acknowledged", "--date", "2026-10-03", "--note", "ticket 123")
    assert r.code == 0, r.err
    r = cli("show", "R-AAAA", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data == {
        "acknowledge_by": None,
        "allowed_events": [
            "delivered",
            "extended",
            "needs-info",
            "replied",
            "reminder",
            "fulfilled",
            "partial",
            "refused",
            "complaint",
            "closed",
            "abandoned",
            "note",
        ],
        "attachments": [],
        "body": "Dear Acme,\nplease send my data.",
        "company": "acme",
        "company_name": "Acme [EU] GmbH",
        "contested": False,
        "created_at": "2026-01-02T09:30:00+00:00",
        "days_left": -24,
        "due": "2026-11-02",
        "events": [
            {"data": {}, "date": "2026-10-01", "id": 1, "kind": "sent", "note": ""},
            {
                "data": {},
                "date": "2026-10-03",
                "id": 2,
                "kind": "acknowledged",
                "note": "ticket 123",
            },
        ],
        "extended_due": "2027-01-01",
        "lang": "en",
        "law": "gdpr",
        "messages": [],
        "overdue": True,
        "received": "2026-10-01",
        "received_estimated": False,
        "recheck_on": None,
        "recipient": "privacy@acme.example",
        "ref": "R-AAAA",
        "remind_by": None,
        "right": "access",
        "sent": "2026-10-01",
        "status": "acknowledged",
        "subject": "Access request [R-AAAA]",
        "version": 2,
        "via": "email",
    }
    assert list(data) == sorted(data)
    r = cli("show", "R-AAAA")
    assert "company:      Acme [EU] GmbH\n" in r.out
    assert "overdue:      24 days\n" in r.out
    assert "2026-10-03  acknowledged ticket 123" in r.out


def test_list_json_and_filters(cli: Callable[..., Any], profile: Path) -> None:
    add_case(profile, "R-AAAA")
    add_case(profile, "R-BBBB", company="zeta", company_name="Zeta", law="ccpa", right="deletion")
    add_case(profile, "R-CCCC")
    assert cli("log", "R-AAAA", "sent", "--date", "2026-10-01").code == 0
    assert cli("log", "R-BBBB", "sent", "--date", "2026-11-20").code == 0
    r = cli("list", "--json")
    assert r.code == 0, r.err
    listed = json.loads(r.out)
    assert [c["ref"] for c in listed] == ["R-AAAA", "R-BBBB", "R-CCCC"]
    assert [c["overdue"] for c in listed] == [True, False, False]
    # 10 business days, skipping Thanksgiving and the day after (California holidays)
    assert listed[1]["due"] == "2027-01-04" and listed[1]["acknowledge_by"] == "2026-12-08"
    assert listed[2]["due"] is None and listed[2]["days_left"] is None
    assert listed[0]["events"][0]["kind"] == "sent"
    assert set(listed[0]) == {
        "acknowledge_by",
        "company",
        "company_name",
        "contested",
        "created_at",
        "days_left",
        "due",
        "events",
        "extended_due",
        "lang",
        "law",
        "overdue",
        "received",
        "received_estimated",
        "recheck_on",
        "recipient",
        "ref",
        "remind_by",
        "right",
        "sent",
        "status",
        "subject",
        "version",
        "via",
    }
    r = cli("list", "--overdue", "--json")
    assert [c["ref"] for c in json.loads(r.out)] == ["R-AAAA"]
    r = cli("list", "--company", "zeta", "--json")
    assert [c["ref"] for c in json.loads(r.out)] == ["R-BBBB"]
    r = cli("list", "--status", "draft", "--json")
    assert [c["ref"] for c in json.loads(r.out)] == ["R-CCCC"]
    r = cli("list")
    lines = r.out.splitlines()
    assert lines[0].split() == ["REF", "COMPANY", "RIGHT", "LAW", "STATUS", "SENT", "DUE", "DAYS"]
    assert "R-AAAA  Acme [EU] GmbH" in lines[1] and lines[1].split()[-2:] == ["-24", "OVERDUE"]
    assert "\x1b" not in r.out  # plain when not a terminal
    r = cli("list", "--status", "done")
    assert r.code == 3 and "unknown status 'done'" in r.err


def test_due_orders_overdue_first(
    cli: Callable[..., Any], profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_case(profile, "R-AAAA")
    add_case(profile, "R-BBBB", law="ccpa", right="deletion")
    add_case(profile, "R-CCCC", right="deletion", data={"categories": ["people-search"]})
    add_case(profile, "R-DDDD")
    assert cli("log", "R-AAAA", "sent", "--date", "2026-10-20").code == 0
    assert cli("log", "R-BBBB", "sent", "--date", "2026-11-20").code == 0
    assert cli("log", "R-CCCC", "sent", "--date", "2026-06-01").code == 0
    assert cli("log", "R-CCCC", "fulfilled", "--date", "2026-09-01").code == 0
    assert cli("log", "R-DDDD", "sent", "--date", "2026-11-25").code == 0
    assert cli("log", "R-AAAA", "reminder", "--date", "2026-11-21").code == 0
    r = cli("due", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["today"] == "2026-11-26" and data["within_days"] == 14
    got = [(i["kind"], i["ref"], i["date"], i["days_left"]) for i in data["items"]]
    assert got == [  # R-AAAA once: its reminder's deadline, not also the late answer
        ("acknowledge", "R-BBBB", "2026-12-08", 12),
        ("recheck", "R-CCCC", "2026-11-30", 4),
        ("reminder", "R-AAAA", "2026-12-05", 9),
    ]
    assert data["items"][-1] == {
        "company": "acme",
        "company_name": "Acme [EU] GmbH",
        "date": "2026-12-05",
        "days_left": 9,
        "kind": "reminder",
        "law": "gdpr",
        "next_command": "rights escalate R-AAAA",
        "reason": "reminder sent; the company has until 2026-12-05, then escalate",
        "ref": "R-AAAA",
        "right": "access",
        "status": "sent",
    }
    r = cli("due", "--within", "5w", "--json")
    kinds = [(i["kind"], i["ref"]) for i in json.loads(r.out)["items"]]
    assert ("answer", "R-DDDD") in kinds and ("answer", "R-BBBB") not in kinds
    assert cli("log", "R-DDDD", "partial", "--date", "2026-11-25").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2027-01-10")
    r = cli("due")
    line = next(x for x in r.out.splitlines() if x.startswith("R-DDDD"))
    assert line.split()[:6] == ["R-DDDD", "answered", "only", "in", "part", "2026-12-25"]
    assert cli("due", "--within", "soon").code == 3


def test_unknown_reference_names_the_closest(cli: Callable[..., Any], profile: Path) -> None:
    add_case(profile, "R-7K3M")
    add_case(profile, "R-7K3N")
    add_case(profile, "R-ZZZZ")
    for args in (("show", "R-7K3X"), ("log", "R-7K3X", "note"), ("attachment", "list", "R-7K3X")):
        r = cli(*args)
        assert r.code == 4
        assert "error: no case 'R-7K3X'" in r.err
        assert "hint: did you mean: R-7K3M, R-7K3N?" in r.err


def test_log_refuses_bad_dates_and_transitions(cli: Callable[..., Any], profile: Path) -> None:
    add_case(profile, "R-AAAA")
    r = cli("log", "R-AAAA", "sent", "--date", "2026-11-27")
    assert r.code == 3 and "2026-11-27 is in the future (today is 2026-11-26)" in r.err
    r = cli("log", "R-AAAA", "fulfilled")
    assert r.code == 3
    assert "R-AAAA is draft: cannot log 'fulfilled'" in r.err
    assert "hint: allowed now: sent, abandoned, note" in r.err
    assert cli("log", "R-AAAA", "sent", "--date", "2026-11-10").code == 0
    r = cli("log", "R-AAAA", "replied", "--date", "2026-11-09")
    assert r.code == 3 and "before R-AAAA was sent (2026-11-10)" in r.err
    r = cli("log", "R-AAAA", "replied", "--date", "2026-02-30")
    assert r.code == 3
    with profiles.open_store(profile, "default") as store:
        assert [e.kind for e in cases_repo.events_for(store.conn, "R-AAAA")] == ["sent"]


def test_postal_request_then_delivered(cli: Callable[..., Any], profile: Path) -> None:
    add_case(profile, "R-AAAA", via="pdf")
    r = cli("log", "R-AAAA", "sent", "--date", "2026-11-02")
    assert "due 2026-12-07 (estimated: log 'delivered' when you know)" in r.err
    assert cli("log", "R-AAAA", "delivered", "--date", "2026-11-04").code == 0
    data = json.loads(cli("show", "R-AAAA", "--json").out)
    assert (data["received"], data["received_estimated"], data["due"]) == (
        "2026-11-04",
        False,
        "2026-12-04",
    )


def test_bounce_returns_to_draft_and_records_the_contact(
    cli: Callable[..., Any], profile: Path
) -> None:
    add_case(profile, "R-AAAA")
    assert cli("log", "R-AAAA", "sent", "--date", "2026-11-02").code == 0
    r = cli("log", "R-AAAA", "bounced", "--date", "2026-11-02")
    assert r.code == 0, r.err
    assert "the address privacy@acme.example bounced" in r.err
    data = json.loads(cli("show", "R-AAAA", "--json").out)
    assert data["status"] == "draft" and data["due"] is None
    assert data["events"][-1]["data"] == {
        "contact_suspect": True,
        "recipient": "privacy@acme.example",
    }


def californian(cli: Callable[..., Any]) -> None:
    r = cli("profile", "edit", "--full-name", "Dana Whitfield", "--country", "US", "--region", "CA")
    assert r.code == 0, r.err


def test_drop_records_a_sent_case(cli: Callable[..., Any], profile: Path) -> None:
    californian(cli)
    r = cli("drop", "--date", "2026-09-01", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert (data["company"], data["via"], data["status"], data["due"]) == (
        "drop",
        "drop",
        "sent",
        "2026-11-30",
    )
    assert [e["kind"] for e in data["events"]] == ["sent"]
    assert data["existing"] is False
    assert cli("drop", "--date", "2026-12-01").code == 3


def test_drop_is_for_california_residents_only(cli: Callable[..., Any], profile: Path) -> None:
    """DROP verifies California residency before it takes a request (Cal. Civ. Code
    §1798.99.86; https://privacy.ca.gov/drop/): no case for anyone else."""
    r = cli("profile", "edit", "--country", "DE", "--region", "BE")
    assert r.code == 0, r.err
    r = cli("drop", "--date", "2026-09-01")
    assert r.code == 3
    assert "error: DROP is for California residents only (your profile: DE/BE)" in r.err
    assert "hint: if you live in California" in r.err
    assert json.loads(cli("list", "--json").out) == []


def test_drop_reuses_the_open_case_unless_again(cli: Callable[..., Any], profile: Path) -> None:
    californian(cli)
    first = json.loads(cli("drop", "--date", "2026-09-01", "--json").out)
    r = cli("drop", "--date", "2026-09-05", "--json")
    again = json.loads(r.out)
    assert (again["ref"], again["existing"], again["sent"]) == (first["ref"], True, "2026-09-01")
    r = cli("drop")
    assert r.out.strip() == first["ref"]
    assert "already open" in r.err
    assert len(json.loads(cli("list", "--json").out)) == 1
    forced = json.loads(cli("drop", "--again", "--json").out)
    assert forced["ref"] != first["ref"] and forced["existing"] is False
    assert len(json.loads(cli("list", "--json").out)) == 2


# --- attachments --------------------------------------------------------------------------


def test_attachment_round_trip(cli: Callable[..., Any], profile: Path, tmp_path: Path) -> None:
    add_case(profile, "R-AAAA")
    assert cli("log", "R-AAAA", "sent", "--date", "2026-11-02").code == 0
    reply = tmp_path / "reply.pdf"
    reply.write_bytes(b"%PDF-1.4 reply" * 1000)
    export = tmp_path / "export.zip"
    export.write_bytes(os.urandom(3 * 1024 * 1024 + 17))  # spans four chunks
    r = cli("log", "R-AAAA", "replied", "--attach", str(reply), "--attach", str(export))
    assert r.code == 0, r.err
    assert "attached export.zip (3145745 bytes)" in r.err
    r = cli("attachment", "list", "R-AAAA", "--json")
    listed = json.loads(r.out)
    assert [(a["n"], a["name"], a["size"], a["event_id"]) for a in listed] == [
        (1, "reply.pdf", 14000, 2),
        (2, "export.zip", 3145745, 2),
    ]
    out = tmp_path / "got.zip"
    r = cli("attachment", "get", "R-AAAA", "2", "--out", str(out))
    assert r.code == 0, r.err
    assert out.read_bytes() == export.read_bytes()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    r = cli("attachment", "get", "R-AAAA", "1", "--out", str(out))
    assert r.code == 8 and "exists already" in r.err
    assert out.read_bytes() == export.read_bytes()
    assert cli("attachment", "get", "R-AAAA", "1", "--out", str(out), "--force").code == 0
    assert out.read_bytes() == reply.read_bytes()
    r = cli("attachment", "get", "R-AAAA", "3", "--out", str(tmp_path / "x"))
    assert r.code == 4 and "R-AAAA has no attachment #3" in r.err
    shown = json.loads(cli("show", "R-AAAA", "--json").out)
    assert [a["name"] for a in shown["attachments"]] == ["reply.pdf", "export.zip"]


@pytest.mark.parametrize("bad", ["missing.pdf", "folder"])
def test_bad_attachment_path_writes_nothing(
    cli: Callable[..., Any], profile: Path, tmp_path: Path, bad: str
) -> None:
    add_case(profile, "R-AAAA")
    assert cli("log", "R-AAAA", "sent", "--date", "2026-11-02").code == 0
    (tmp_path / "folder").mkdir()
    good = tmp_path / "good.txt"
    good.write_text("fine")
    r = cli("log", "R-AAAA", "replied", "--attach", str(good), "--attach", str(tmp_path / bad))
    assert r.code == 3
    assert ("no such file" if bad == "missing.pdf" else "is a folder") in r.err
    with profiles.open_store(profile, "default") as store:
        assert store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0] == 0
        assert [e.kind for e in cases_repo.events_for(store.conn, "R-AAAA")] == ["sent"]


def test_invalid_transition_with_attachment_writes_nothing(
    cli: Callable[..., Any], profile: Path, tmp_path: Path
) -> None:
    add_case(profile, "R-AAAA")
    good = tmp_path / "good.txt"
    good.write_text("fine")
    assert cli("log", "R-AAAA", "replied", "--attach", str(good)).code == 3
    with profiles.open_store(profile, "default") as store:
        assert store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0


def test_interrupted_attachment_is_hidden_then_cleaned(
    cli: Callable[..., Any], profile: Path, tmp_path: Path
) -> None:
    add_case(profile, "R-AAAA")
    assert cli("log", "R-AAAA", "sent", "--date", "2026-11-02").code == 0
    with profiles.open_store(profile, "default") as store:  # a writer killed half-way
        store.conn.execute(
            "INSERT INTO attachments (ref, name, sha256, complete, created_at) "
            "VALUES ('R-AAAA', 'half.zip', 'pid:999999999', 0, '2026-11-02T00:00:00+00:00')"
        )
        store.conn.execute(
            "INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (1, 0, x'00')"
        )
    assert json.loads(cli("attachment", "list", "R-AAAA", "--json").out) == []
    note = tmp_path / "n.txt"
    note.write_text("x")
    assert cli("log", "R-AAAA", "replied", "--attach", str(note)).code == 0
    with profiles.open_store(profile, "default") as store:
        rows = store.conn.execute("SELECT name, complete FROM attachments").fetchall()
        assert rows == [("n.txt", 1)]
        assert store.conn.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0] == 1


def test_list_json_agrees_with_show_in_every_state(cli: Callable[..., Any], profile: Path) -> None:
    """list --json is built in SQL, show --json in Python: the same contract."""
    steps = {
        "R-0001": [],
        "R-0002": [("sent", "2026-10-01")],
        "R-0003": [("sent", "2026-11-20"), ("needs-info", "2026-11-21")],
        "R-0004": [("sent", "2026-09-01"), ("fulfilled", "2026-09-20")],
        "R-0005": [("sent", "2026-11-02"), ("extended", "2026-11-10"), ("reminder", "2026-11-20")],
        "R-0006": [("sent", "2026-10-01"), ("refused", "2026-10-02"), ("complaint", "2026-10-03")],
        "R-0007": [("sent", "2026-11-20"), ("abandoned", "2026-11-21")],
    }
    for ref, events in steps.items():
        add_case(
            profile,
            ref,
            via="pdf" if ref == "R-0002" else "email",
            company_name='Quote " back\\ slash é',
            data={"categories": ["data-broker"]},
        )
        for kind, day in events:
            assert cli("log", ref, kind, "--date", day, "--note", f"{kind} ✓").code == 0
    listed = json.loads(cli("list", "--json").out)
    assert len(listed) == len(steps)
    for item in listed:
        shown = json.loads(cli("show", item["ref"], "--json").out)
        assert item == {k: shown[k] for k in item}
        assert set(shown) - set(item) == {"allowed_events", "attachments", "body", "messages"}
    assert json.loads(cli("list", "--status", "refused", "--json").out) == []
    assert cli("list", "--company", "nobody", "--json").out == "[]\n"
