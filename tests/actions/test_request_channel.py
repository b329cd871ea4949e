"""The default channel always yields something to send (issue 12, point 7): without SMTP an
email request writes the .eml with --out, else prints the text and the address; web forms
write the text to paste (one file per company) and print the URL; a mailto link too long
falls back to .eml and stores one case."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

import pytest


@pytest.fixture
def berliner(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
            "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE")  # fmt: skip
    assert r.code == 0, r.err
    return cli


def test_email_without_smtp_and_out_writes_the_eml_and_says_so(berliner, tmp_path):
    r = berliner("request", "new", "--company", "schufa", "--right", "access", "--out",
                 str(tmp_path), "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    assert req["via"] == "email" and req["status"] == "draft"
    (path,) = req["files"]
    message = email.message_from_bytes(Path(path).read_bytes(), policy=policy.default)
    assert message["To"].addresses[0].addr_spec == "datenschutz@schufa.de"
    assert req["ref"] in message["Subject"]
    assert ".eml" in r.err and "mail client" in r.err
    (case,) = json.loads(berliner("list", "--json").out)
    assert case["ref"] == req["ref"]


def test_email_without_smtp_or_out_prints_the_text_and_the_address(berliner):
    r = berliner("request", "new", "--company", "schufa", "--right", "access", "--lang", "en")
    assert r.code == 0, r.err
    assert "datenschutz@schufa.de" in r.out
    assert "Art. 15 GDPR" in r.out  # the letter itself, to copy
    assert "nothing delivered" not in r.err
    (case,) = json.loads(berliner("list", "--json").out)
    assert case["status"] == "draft"


def test_webforms_in_a_batch_write_the_text_per_company_and_print_the_url(berliner, tmp_path):
    """Acxiom's record has a request form (webform): its text goes to <ref>.txt."""
    r = berliner("request", "new", "--company", "acxiom", "--company", "schufa", "--right",
                 "access", "--via", "webform", "--out", str(tmp_path), "--json")  # fmt: skip
    assert "skipped schufa" in r.err  # no form on record
    (req,) = json.loads(r.out)
    assert req["url"] == "https://www.acxiom.de/datenschutzanfragen/"
    (path,) = req["files"]
    assert Path(path).name == f"{req['ref']}.txt"
    assert req["ref"] in Path(path).read_text()
    table = berliner("request", "new", "--company", "acxiom", "--right", "deletion",
                     "--via", "webform", "--out", str(tmp_path / "t"))  # fmt: skip
    assert table.code == 0, table.err
    assert "https://www.acxiom.de/datenschutzanfragen/" in table.out + table.err


def test_mailto_too_long_without_out_stores_nothing(berliner):
    r = berliner("request", "new", "--company", "schufa", "--right", "access", "--via", "mailto")
    assert r.code == 3, r.err
    assert "too long for a mailto" in r.err and "--out" in r.err
    assert json.loads(berliner("list", "--json").out) == []


def test_mailto_too_long_falls_back_to_eml_one_case(berliner, tmp_path):
    r = berliner("request", "new", "--company", "schufa", "--right", "access", "--via",
                 "mailto", "--out", str(tmp_path), "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    assert req["via"] == "eml" and req["url"] is None
    assert [Path(f).suffix for f in req["files"]] == [".eml"]
    (case,) = json.loads(berliner("list", "--json").out)
    assert case["ref"] == req["ref"] and case["via"] == "eml"
