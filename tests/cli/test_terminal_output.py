"""Terminal output strips control and escape characters from third-party and user text
(issue 10, finding 14, the terminal part); ``--json`` keeps the values exact.

The hostile values: OSC 52 (set the clipboard), ESC[2J (clear the screen), a bare CR
(overwrite the line) and the 8-bit CSI. A company record accepts them in its address and
the 8-bit CSI in its name; a case's company name and a note are written straight into a
real store (as an import from another tool could), past the CLI's own input checks.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

OSC52 = "\x1b]52;c;ZXZpbA==\x07"
CLEAR = "\x1b[2J"
CSI8 = "\x9b2J"
NAME = f"Evil{CSI8} Records"
ADDRESS = f"Street 1{OSC52}\rForged line{CLEAR}\n10115 Berlin"
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> None:
    assert not UNSAFE.search(text), repr(text)


@pytest.fixture
def hostile(cli, passphrase_env, tmp_path):
    """A user company with hostile name and address, and a case for it with a hostile
    company name and note; returns the case reference."""
    from rights.core.case import Event
    from rights.paths import data_home
    from rights.profile import profiles
    from rights.store import cases_repo
    from rights.store.connect import transaction

    assert cli("init").code == 0
    assert cli("profile", "edit", "--full-name", "Zofia Nowak", "--email", "zofia@example.org",
               "--country", "DE").code == 0  # fmt: skip
    r = cli("companies", "add", "--name", NAME, "--slug", "evil-records",
            "--email", "privacy@evil.example", "--address", ADDRESS)  # fmt: skip
    assert r.code == 0, r.err
    r = cli("request", "new", "--company", "evil-records", "--right", "access",
            "--via", "eml", "--out", str(tmp_path), "--json")  # fmt: skip
    assert r.code == 0, r.err
    ref = json.loads(r.out)[0]["ref"]
    with profiles.open_store(data_home(), "default") as store, transaction(store.conn):
        case = cases_repo.get_case(store.conn, ref)
        assert case is not None
        case.company_name = f"Evil{OSC52} Records{CLEAR}\rGood Corp"
        cases_repo.update_case(store.conn, case)
        note = Event(ref, "note", dt.date(2026, 11, 26), note=f"called them{OSC52}\r{CLEAR}done")
        cases_repo.add_event(store.conn, note, dt.datetime(2026, 11, 26, 10, tzinfo=dt.UTC))
    return ref


def test_companies_show_and_search_strip_escapes(cli, hostile):
    r = cli("companies", "show", "evil-records")
    assert r.code == 0, r.err
    _clean(r.out + r.err)
    assert "Evil" in r.out and "Records" in r.out
    assert "Street 1" in r.out and "Forged line" in r.out and "10115 Berlin" in r.out
    r = cli("companies", "search", "evil records")
    assert r.code == 0, r.err
    _clean(r.out + r.err)
    assert "evil-records" in r.out and "Records" in r.out


def test_list_and_show_strip_escapes(cli, hostile):
    r = cli("list")
    assert r.code == 0, r.err
    _clean(r.out + r.err)
    assert hostile in r.out and "Good Corp" in r.out
    r = cli("show", hostile)
    assert r.code == 0, r.err
    _clean(r.out + r.err)
    assert "called them" in r.out and "done" in r.out


def test_json_output_stays_exact(cli, hostile):
    r = cli("companies", "show", "evil-records", "--json")
    assert r.code == 0, r.err
    _clean(r.out)  # JSON escapes every control character, the 8-bit ones too
    shown = json.loads(r.out)
    assert shown["name"] == NAME and shown["address"] == ADDRESS
    r = cli("show", hostile, "--json")
    notes = [e["note"] for e in json.loads(r.out)["events"] if e["kind"] == "note"]
    assert notes == [f"called them{OSC52}\r{CLEAR}done"]


def test_error_lines_strip_escapes(cli, passphrase_env):
    r = cli("companies", "show", f"no-such{CLEAR}")
    assert r.code != 0
    _clean(r.err)


def test_a_table_keeps_our_own_colour_only_on_a_terminal(monkeypatch, capsys):
    from rights.cli import _output

    red = "\x1b[31m-3\x1b[0m"
    _output.table(["name", "days"], [[f"A{CLEAR}B", red]])
    printed = capsys.readouterr().out
    _clean(printed)
    assert "A" in printed and "B" in printed and "-3" in printed
    monkeypatch.setattr(_output, "_colour", lambda stream: True)
    _output.table(["name", "days"], [[f"A{CLEAR}B", red]])
    printed = capsys.readouterr().out
    assert red in printed and CLEAR not in printed


def test_list_json_escapes_c1_controls_but_keeps_the_value(cli, passphrase_env):
    """The fast ``list --json`` (JSON built by SQLite) escapes DEL and C1 like every --json."""
    from rights.core.case import Case
    from rights.paths import data_home
    from rights.profile import profiles
    from rights.store import cases_repo
    from rights.store.connect import transaction

    assert cli("init").code == 0
    name = f"Evil{CSI8} Corp\x7f"
    case = Case(ref="R-C1C1", company="evil", company_name=name, right="access", law="gdpr",
                lang="en", via="email")  # fmt: skip
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    with profiles.open_store(data_home(), "default") as store, transaction(store.conn):
        cases_repo.insert_cases(store.conn, [case], now=now)
    r = cli("list", "--json")
    assert r.code == 0, r.err
    assert "\x9b" not in r.out and "\x7f" not in r.out
    assert "\\u009b" in r.out
    assert json.loads(r.out)[0]["company_name"] == name
