"""The agent is the sender on an agent case (issue 17 points 1-3): letter head, return
line, signature, From and Reply-To are the agent's; the client's signed authorisation is
really enclosed (a PDF part of the .eml, pages appended to the PDF letter as images), or the letter
says it is to follow; reminders and complaints come from the agent too."""

from __future__ import annotations

import email
import json
import subprocess
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.helpers.pdfa import assert_pdfa_2b, brightness_grid, images_on_page, rendered_page

CLINIC = "Privacy Law Clinic"
CLIENT = "Jiří Dvořák"


def pdf_text(data: bytes) -> str:
    """The text of PDF bytes, read back by pdftotext (poppler) from stdin."""
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                          check=True, timeout=60)  # fmt: skip
    return done.stdout.decode()


def pdf_pages(data: bytes) -> int:
    done = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, timeout=60)
    line = next(x for x in done.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


@pytest.fixture
def clinic(cli, passphrase_env):
    """A clinic profile (the agent) and a client living in Berlin."""
    assert cli("init", "--profile", "clinic").code == 0
    r = cli("profile", "edit", "--profile", "clinic", "--full-name", CLINIC, "--address",
            "1 Campus Way, Oakland, CA 94601", "--email", "clinic@example.org", "--phone",
            "+1 510 555 0100")  # fmt: skip
    assert r.code == 0, r.err
    assert cli("profile", "new", "client-1").code == 0
    r = cli("profile", "edit", "--profile", "client-1", "--full-name", CLIENT, "--email",
            "jiri@example.org", "--address", "Musterstraße 1, 10115 Berlin", "--country",
            "DE")  # fmt: skip
    assert r.code == 0, r.err
    return cli


def _sign(cli, tmp_path: Path, *companies: str) -> Path:
    """Write the form for ``companies`` and keep it as the signed copy (a digitally
    signed PDF reads back as text)."""
    form = tmp_path / "form.pdf"
    args = [a for c in companies for a in ("--company", c)]
    r = cli("request", "authorization", "--profile", "clinic", "--client", "client-1", *args,
            "--out", str(form))  # fmt: skip
    assert r.code == 0, r.err
    r = cli("request", "authorization", "--profile", "clinic", "--client", "client-1",
            "--signed", str(form))  # fmt: skip
    assert r.code == 0, r.err
    return form


def _request(cli, tmp_path: Path, via: str, company: str = "schufa") -> dict:
    out = tmp_path / via
    r = cli("request", "new", "--profile", "clinic", "--client", "client-1", "--company",
            company, "--right", "access", "--via", via, "--out", str(out), "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    return req


def _message(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_the_agents_eml_is_from_the_agent_with_the_signed_authorisation(clinic, tmp_path):
    _sign(clinic, tmp_path, "schufa")
    req = _request(clinic, tmp_path, "eml")
    message = _message(Path(req["files"][0]))
    assert message["From"].addresses[0].addr_spec == "clinic@example.org"
    assert message["From"].addresses[0].display_name == CLINIC
    assert message["Reply-To"].addresses[0].addr_spec == "clinic@example.org"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert CLIENT in body and "Ich vertrete" in body and "Vollmacht liegt bei" in body
    assert "noch nicht" not in body
    assert "jiri@example.org" in body  # the client's details identify the data subject
    (part,) = list(message.iter_attachments())
    assert part.get_content_type() == "application/pdf"
    assert part.get_filename() == "authorisation.pdf"
    text = pdf_text(part.get_content())
    assert CLIENT in text and "SCHUFA" in text and CLINIC in text


def test_the_agents_pdf_has_the_agents_return_line_and_the_authorisation_page(clinic, tmp_path):
    form = _sign(clinic, tmp_path, "schufa")
    req = _request(clinic, tmp_path, "pdf")
    assert_pdfa_2b(form.read_bytes(), tmp_path)  # the authorisation form itself
    data = Path(req["files"][0]).read_bytes()
    assert_pdfa_2b(data, tmp_path)
    text = pdf_text(data)
    first = text.split("\f")[0]
    assert f"{CLINIC} · 1 Campus Way" in first  # the return line in the envelope window
    assert "Musterstraße 1 ·" not in first  # the client's address is not the sender's
    assert "in Vollmacht für " + CLIENT in text
    assert pdf_pages(data) >= 2
    # The last page is the signed form, as an image (PDF/A cannot embed another PDF): the
    # form's page at 200 ppi, looking as the form itself does.
    letter, pages = Path(req["files"][0]), pdf_pages(data)
    (image,) = images_on_page(letter, pages, tmp_path)
    width, height, pixels = image
    assert (width, height) == (1654, 2339)  # A4 at 200 ppi
    ours = brightness_grid(pixels)
    theirs = brightness_grid(rendered_page(form, 1, 200, tmp_path))
    assert min(theirs) < 240  # the form has ink to compare
    diff = max(abs(a - b) for a, b in zip(ours, theirs, strict=True))
    assert diff < 8


def test_without_a_signed_copy_the_letter_says_it_follows_and_encloses_nothing(clinic, tmp_path):
    req = _request(clinic, tmp_path, "eml")
    message = _message(Path(req["files"][0]))
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "noch nicht bei" in body and "liegt bei." not in body
    assert list(message.iter_attachments()) == []
    assert message["From"].addresses[0].addr_spec == "clinic@example.org"


def test_a_signed_copy_that_is_not_a_pdf_or_image_is_refused(clinic, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("not a scan")
    r = clinic("request", "authorization", "--profile", "clinic", "--client", "client-1",
               "--signed", str(bad))  # fmt: skip
    assert r.code != 0 and "PDF, PNG or JPEG" in r.err
    r = clinic("request", "authorization", "--profile", "clinic", "--client", "client-1")
    assert r.code != 0 and "--out FILE" in r.err


def test_the_agents_reminder_and_complaint_are_written_and_signed_by_the_agent(
    clinic, tmp_path, monkeypatch
):
    _sign(clinic, tmp_path, "schufa")
    monkeypatch.setenv("RIGHTS_TODAY", "2026-09-01")
    ref = _request(clinic, tmp_path, "text")["ref"]
    assert clinic("log", ref, "sent", "--date", "2026-09-01", "--profile", "client-1").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-26")
    r = clinic("followup", ref, "--profile", "client-1", "--via", "eml", "--out",
               str(tmp_path / "f"))  # fmt: skip
    assert r.code == 0, r.err
    (eml,) = (tmp_path / "f").glob("*.eml")
    message = _message(eml)
    assert message["From"].addresses[0].addr_spec == "clinic@example.org"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.rstrip().splitlines()[-4:-2] == [CLINIC, f"in Vollmacht für {CLIENT}"]
    assert len(list(message.iter_attachments())) == 1
    monkeypatch.setenv("RIGHTS_TODAY", "2027-01-15")
    r = clinic("escalate", ref, "--profile", "client-1", "--via", "pdf", "--out",
               str(tmp_path / "c"), "--now")  # fmt: skip
    assert r.code == 0, r.err
    (letter,) = (tmp_path / "c").glob(f"{ref}-complaint.pdf")
    text = pdf_text(letter.read_bytes())
    assert f"{CLINIC} · 1 Campus Way" in text
    assert f"in Vollmacht für {CLIENT}" in text and "Ich vertrete" in text


def test_an_agent_case_rendered_again_still_comes_from_the_agent(clinic, tmp_path):
    _sign(clinic, tmp_path, "schufa")
    ref = _request(clinic, tmp_path, "text")["ref"]
    r = clinic("request", "render", ref, "--via", "eml", "--out", str(tmp_path / "again"),
               "--profile", "client-1")  # fmt: skip
    assert r.code == 0, r.err
    (eml,) = (tmp_path / "again").glob("*.eml")
    message = _message(eml)
    assert message["From"].addresses[0].addr_spec == "clinic@example.org"
    assert message["Reply-To"].addresses[0].addr_spec == "clinic@example.org"
    assert [p.get_filename() for p in message.iter_attachments()] == ["authorisation.pdf"]


def test_a_us_clients_agent_letter_cites_the_ccpa_agent_rule(cli, passphrase_env, tmp_path):
    assert cli("init", "--profile", "clinic").code == 0
    assert cli("profile", "edit", "--profile", "clinic", "--full-name", CLINIC, "--email",
               "clinic@example.org").code == 0  # fmt: skip
    assert cli("profile", "new", "client-2").code == 0
    assert cli("profile", "edit", "--profile", "client-2", "--full-name", "Dana Whitfield",
               "--email", "dana@example.org", "--country", "US", "--region", "CA").code == 0  # fmt: skip
    r = cli("request", "new", "--profile", "clinic", "--client", "client-2", "--company",
            "spokeo", "--right", "deletion", "--via", "eml", "--out", str(tmp_path), "--json")  # fmt: skip
    assert r.code == 0, r.err
    message = _message(Path(json.loads(r.out)[0]["files"][0]))
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "authorised agent of my client, Dana Whitfield" in body and "§7063" in body
    assert "not enclosed with this letter" in body and "authorisation is enclosed" not in body
    assert message["From"].addresses[0].display_name == CLINIC


def test_a_web_form_or_text_agent_request_says_to_upload_the_signed_copy(clinic, tmp_path):
    form = _sign(clinic, tmp_path, "schufa")
    out = tmp_path / "text"
    r = clinic("request", "new", "--profile", "clinic", "--client", "client-1", "--company",
               "schufa", "--right", "access", "--via", "text", "--out", str(out))  # fmt: skip
    assert r.code == 0, r.err
    assert "carries no enclosure" in r.err and "--copy-signed" in r.err
    copy = tmp_path / "copy.pdf"
    r = clinic("request", "authorization", "--profile", "clinic", "--client", "client-1",
               "--copy-signed", str(copy))  # fmt: skip
    assert r.code == 0, r.err
    assert copy.read_bytes() == form.read_bytes() and (copy.stat().st_mode & 0o777) == 0o600
    again = clinic("request", "authorization", "--profile", "clinic", "--client", "client-1",
                   "--copy-signed", str(copy))  # fmt: skip
    assert again.code == 8  # never overwritten without --force
