"""rights reply: answers to brush-offs, logged on the case and listed as evidence; every
answer template renders each brush-off."""

from __future__ import annotations

import json

import pytest

from tests.helpers.followup import new_case


def test_reply_to_a_brush_off_is_logged_and_listed_as_evidence(berlin, late, tmp_path):
    r = berlin("reply", late, "--to", "id-copy", "--via", "text", "--out", str(tmp_path),
               "--details", "My customer number is 4711.", "--json")  # fmt: skip
    assert r.code == 0, r.err
    letter = (tmp_path / f"{late}-answer.txt").read_text()
    assert "copy of an identity document" in letter and "4711" in letter
    assert "Art. 12(6)" in letter  # the law file's identity fact
    assert late in letter.splitlines()[0]
    shown = json.loads(berlin("show", late, "--json").out)
    assert shown["events"][-1]["kind"] == "note"
    complaint = berlin("escalate", late, "--via", "text", "--lang", "en", "--preview")
    assert "answer: Re: my request for access" in complaint.out  # listed among the letters


def test_reply_in_german(berlin, monkeypatch):
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    ref = new_case(berlin, "acxiom", "access", "--lang", "de")
    assert berlin("log", ref, "sent").code == 0
    r = berlin("reply", ref, "--to", "web-form", "--preview")
    assert r.code == 0, r.err
    assert "Webformular" in r.out and "Art. 15 DSGVO" in r.out and ref in r.out


@pytest.mark.parametrize(
    ("family", "lang"),
    [("gdpr", "en"), ("gdpr", "de"), ("us-state", "en"), ("lgpd", "en"), ("pipeda", "en")],
)
@pytest.mark.parametrize("brush_off", ["web-form", "id-copy", "device-ids", "more-info"])
def test_every_answer_template_renders_each_brush_off(family, lang, brush_off):
    from rights.letters.render import languages, render
    from tests.helpers.letter_data import context

    assert lang in languages(family, "answer")
    ctx = context(family, lang, "reminder").model_copy(
        update={"right": "answer", "answer": brush_off, "details": "Cookie ID abc-123"}
    )
    letter = render(ctx)
    assert "R-7K3M" in letter.subject and "\n" not in letter.subject
    assert ctx.citations["access"] in letter.body and "Cookie ID abc-123" in letter.body
    assert "{{" not in letter.body and "\n\n\n" not in letter.body
    paragraphs = letter.body.split("\n\n")
    assert len(paragraphs) >= 6  # greeting, intro, the brush-off's paragraph, details, ...


def test_answer_letter_needs_the_brush_off():
    from pydantic import ValidationError

    from tests.helpers.letter_data import context

    with pytest.raises(ValidationError, match="needs `answer`"):
        type(context("gdpr", "en", "reminder"))(
            **{**context("gdpr", "en", "reminder").model_dump(), "right": "answer"}
        )
