"""rights profile edit without values on argv: --from-file FILE (JSON or TOML) and stdin."""

from __future__ import annotations

import io
import json

import pytest

EDIT = ["profile", "edit"]


@pytest.fixture
def ready(cli, passphrase_env):
    assert cli("init").code == 0
    return cli


def _show(cli):
    return json.loads(cli("profile", "show", "--json").out)


def test_what_show_prints_edit_reads_back(ready, tmp_path):
    assert ready(*EDIT, "--full-name", "Before", "--phone", "+49 30 1234567").code == 0
    shown = _show(ready)
    shown.update(full_name="Jiří Dvořák", emails=["jiri@example.cz"], country="CZ",
                 birth_date="1985-12-31", accounts={"google": ["jiri@gmail.com"]})  # fmt: skip
    file = tmp_path / "me.json"
    file.write_text(json.dumps(shown))
    r = ready(*EDIT, "--from-file", str(file))
    assert r.code == 0, r.err
    assert _show(ready) == shown


def test_toml_from_a_file_leaves_absent_fields_alone(ready, tmp_path):
    assert ready(*EDIT, "--full-name", "Kept Name", "--phone", "+49 30 1234567").code == 0
    file = tmp_path / "me.toml"
    file.write_text(
        'emails = ["ada@example.org"]\nbirth_date = 1990-05-01\nregion = "BY"\n'
        'country = "DE"\nphones = []\n[accounts]\nacme = ["A-1", "A-2"]\n',
        encoding="utf-8",
    )
    r = ready(*EDIT, "--from-file", str(file))
    assert r.code == 0, r.err
    shown = _show(ready)
    assert shown["full_name"] == "Kept Name" and shown["phones"] == []
    assert (shown["birth_date"], shown["country"], shown["region"]) == ("1990-05-01", "DE", "BY")
    assert shown["accounts"] == {"acme": ["A-1", "A-2"]}


def test_from_stdin(ready, monkeypatch):
    payload = json.dumps({"full_name": "Über Stdin", "emails": ["stdin@example.org"]})
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(payload.encode())))
    r = ready(*EDIT, "--from-file", "-")
    assert r.code == 0, r.err
    assert _show(ready)["full_name"] == "Über Stdin"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"emails": ["not-an-address"]}', "email"),
        ('{"shoe_size": 44}', "unknown field 'shoe_size'"),
        ('{"full_name": 7}', "full_name: expected text"),
        ("full_name = ", "neither JSON nor TOML"),
        ('{"birth_date": "2999-01-01"}', "birth"),
    ],
)
def test_bad_files_are_one_clear_error_and_nothing_is_written(ready, tmp_path, text, message):
    assert ready(*EDIT, "--full-name", "Before Edit").code == 0
    file = tmp_path / "bad.json"
    file.write_text(text)
    r = ready(*EDIT, "--from-file", str(file))
    assert r.code == 3, r.err
    assert message in r.err and r.err.startswith("error: ")
    assert _show(ready)["full_name"] == "Before Edit"


def test_a_file_and_field_options_together_are_refused(ready, tmp_path):
    file = tmp_path / "me.json"
    file.write_text("{}")
    r = ready(*EDIT, "--from-file", str(file), "--full-name", "Both")
    assert r.code == 3 and "not both" in r.err


def test_help_leads_with_the_prompt_and_the_file_and_warns_about_argv(cli):
    text = cli(*EDIT, "--help").out
    assert text.index("--from-file") < text.index("--full-name")
    assert "shell history" in text and "Example: rights profile edit --from-file" in text
