"""Free text off the command line: ``@FILE`` and ``-`` for --details, one helper for all."""

from __future__ import annotations

import io

import pytest

from rights.cli._common import text_value
from rights.errors import InputError
from tests.helpers.followup import new_case


def _stdin(monkeypatch, text):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))


def test_text_value_reads_files_and_stdin(tmp_path, monkeypatch):
    file = tmp_path / "note.txt"
    file.write_text("Kundennummer 4711\nzweite Zeile\n", encoding="utf-8")
    assert text_value(f"@{file}", "--note") == "Kundennummer 4711\nzweite Zeile"
    assert text_value("plain words", "--note") == "plain words"
    assert text_value("@@handle", "--note") == "@handle"  # a literal leading @
    _stdin(monkeypatch, "from stdin\n")
    assert text_value("-", "--note") == "from stdin"
    with pytest.raises(InputError, match="--note: cannot read"):
        text_value(f"@{tmp_path / 'missing'}", "--note")
    file.write_bytes(b"\xff\xfe")
    with pytest.raises(InputError, match="not UTF-8"):
        text_value(f"@{file}", "--note")


def _berlin_late(cli, monkeypatch):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
            "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE")  # fmt: skip
    assert r.code == 0, r.err
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    ref = new_case(cli, "acxiom", "access", "--lang", "en")
    assert cli("log", ref, "sent", "--date", "2026-10-01").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-20")
    return ref


def test_reply_and_followup_take_details_from_a_file_or_stdin(
    cli, passphrase_env, monkeypatch, tmp_path
):
    ref = _berlin_late(cli, monkeypatch)
    details = tmp_path / "details.txt"
    details.write_text("My customer number is 4711.\n")
    r = cli("reply", ref, "--to", "id-copy", "--preview", "--details", f"@{details}")
    assert r.code == 0, r.err
    assert "4711" in r.out and "@" + str(details) not in r.out
    _stdin(monkeypatch, "Order 0815 was mine.\n")
    r = cli("followup", ref, "--preview", "--details", "-")
    assert r.code == 0, r.err
    assert "Order 0815 was mine." in r.out


def test_request_new_takes_details_from_a_file(cli, passphrase_env, tmp_path):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
            "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE")  # fmt: skip
    assert r.code == 0, r.err
    details = tmp_path / "details.txt"
    details.write_text("My surname is spelt Łukasiewicz, not Lukasiewicz.\n")
    out = tmp_path / "letters"
    r = cli("request", "new", "--company", "acxiom", "--right", "correction", "--via", "text",
            "--out", str(out), "--details", f"@{details}")  # fmt: skip
    assert r.code == 0, r.err
    (letter,) = out.glob("*.txt")
    assert "spelt Łukasiewicz, not Lukasiewicz" in letter.read_text()


def test_log_note_from_a_file_and_from_stdin(cli, passphrase_env, monkeypatch, tmp_path):
    """``rights log --note @FILE`` and ``--note -`` read the note, so it stays off argv."""
    import json

    ref = _berlin_late(cli, monkeypatch)
    note = tmp_path / "note.txt"
    note.write_text("called them: case number 4711\n", encoding="utf-8")
    r = cli("log", ref, "acknowledged", "--note", f"@{note}")
    assert r.code == 0, r.err
    _stdin(monkeypatch, "reply came by post\n")
    r = cli("log", ref, "note", "--note", "-")
    assert r.code == 0, r.err
    shown = json.loads(cli("show", ref, "--json").out)
    notes = [e["note"] for e in shown["events"]]
    assert "called them: case number 4711" in notes and "reply came by post" in notes
    assert not any(str(note) in n for n in notes)
