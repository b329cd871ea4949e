"""rights request new, GDPR family: the erasure ground (GDPR Art. 17(1)(a)-(f), Art. 19), the
pairing with an Art. 21(1) objection, and the objection's particular situation (Art. 21(1);
direct marketing needs none, Art. 21(2)-(3)). Source of the articles: Regulation (EU)
2016/679, https://eur-lex.europa.eu/eli/reg/2016/679/oj. Real store, templates and PDFs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.conftest import pdf_text
from tests.exports.lines import parse_export


@pytest.fixture
def berlin(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli(
        "profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
        "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE",
    )  # fmt: skip
    assert r.code == 0, r.err
    return cli


def _stored(cli, ref: str, tmp_path: Path) -> dict:
    out = tmp_path / "export.json"
    assert cli("export", "--format", "json", "--out", str(out), "--ref", ref).code == 0
    doc, _ = parse_export(out.read_text())
    (case,) = doc["cases"]
    return dict(case["data"])


def _request(cli, tmp_path: Path, *extra: str) -> tuple[str, str]:
    out = tmp_path / "letters"
    r = cli("request", "new", "--company", "acxiom", "--via", "pdf", "--out", str(out),
            "--json", *extra)  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    (pdf,) = req["files"]
    return req["ref"], " ".join(pdf_text(Path(pdf)).split())


def test_erasure_names_ground_d_by_default_and_asks_to_tell_recipients(berlin, tmp_path):
    """Art. 17(1)(d): unlawfully processed; Art. 19: tell each recipient, and name them."""
    ref, text = _request(berlin, tmp_path, "--right", "deletion", "--lang", "en")
    assert "the processing is therefore unlawful (Art. 17(1)(d) GDPR)" in text
    assert "tell me who those recipients are (Art. 19 GDPR)" in text
    assert _stored(berlin, ref, tmp_path)["ground"] == "d"


def test_erasure_with_objection_names_ground_c_in_german(berlin, tmp_path):
    """Art. 17(1)(c) with an Art. 21(1) objection where the company relies on legitimate
    interests."""
    ref, text = _request(berlin, tmp_path, "--right", "deletion", "--lang", "de",
                         "--with-objection")  # fmt: skip
    assert "Art. 17 Abs. 1 lit. c DSGVO" in text  # German citation style (letters/native)
    assert "besonderen Situation ergeben (Art. 21 Abs. 1 DSGVO)" in text
    assert "Art. 19 DSGVO" in text
    stored = _stored(berlin, ref, tmp_path)
    assert stored["ground"] == "c" and stored["with_objection"] is True


def test_erasure_ground_chosen(berlin, tmp_path):
    """Art. 17(1)(a): no longer necessary for the purposes."""
    _, text = _request(berlin, tmp_path, "--right", "deletion", "--lang", "en",
                       "--ground", "A")  # fmt: skip
    assert "no longer necessary" in text and "(Art. 17(1)(a) GDPR)" in text


def test_ground_errors_are_usage_errors(berlin, tmp_path):
    bad = berlin("request", "new", "--company", "acxiom", "--right", "deletion",
                 "--ground", "g", "--via", "text")  # fmt: skip
    assert bad.code == 3
    assert "error: unknown erasure ground 'g'" in bad.err and "hint: one of: a, b, c" in bad.err
    other = berlin("request", "new", "--company", "acxiom", "--right", "access",
                   "--ground", "d", "--via", "text")  # fmt: skip
    assert other.code == 3 and "are for erasure requests" in other.err


def test_objection_without_details_is_direct_marketing_only_and_hints(berlin, tmp_path):
    """Art. 21(2)-(3): an objection to direct marketing needs no reasons; Art. 21(1) needs
    grounds relating to the person's particular situation."""
    out = tmp_path / "letters"
    r = berlin("request", "new", "--company", "acxiom", "--right", "objection", "--lang", "en",
               "--via", "pdf", "--out", str(out), "--json")  # fmt: skip
    assert r.code == 0, r.err
    text = " ".join(pdf_text(Path(json.loads(r.out)[0]["files"][0])).split())
    assert "needs no reasons (Art. 21(2) GDPR)" in text
    assert "particular situation" not in text
    assert "hint:" in r.err and "particular situation (Art. 21(1) GDPR) with --details" in r.err


def test_objection_with_details_states_the_particular_situation(berlin, tmp_path):
    out = tmp_path / "letters"
    r = berlin("request", "new", "--company", "acxiom", "--right", "objection", "--lang", "de",
               "--via", "pdf", "--out", str(out), "--details", "Ich bin Opfer von Stalking.",
               "--json")  # fmt: skip
    assert r.code == 0, r.err
    text = " ".join(pdf_text(Path(json.loads(r.out)[0]["files"][0])).split())
    assert "besonderen Situation" in text and "(Art. 21 Abs. 1 DSGVO)" in text
    assert "Ich bin Opfer von Stalking." in text
    assert "hint:" not in r.err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_objection_on_a_terminal_asks_for_the_particular_situation(berlin, tmp_path,
                                                                   monkeypatch):  # fmt: skip
    monkeypatch.setattr("sys.stdin", _Terminal("Ich bin Zeugin in einem Strafverfahren.\n"))
    out = tmp_path / "letters"
    r = berlin("request", "new", "--company", "acxiom", "--right", "objection", "--lang", "de",
               "--via", "pdf", "--out", str(out))  # fmt: skip
    assert r.code == 0, r.err
    (pdf,) = out.glob("*.pdf")
    text = " ".join(pdf_text(pdf).split())
    assert "Zu meiner besonderen Situation: Ich bin Zeugin in einem Strafverfahren." in text
    assert "hint:" not in r.err
