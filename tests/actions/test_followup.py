"""rights followup / escalate / reply: what they refuse, and bounces that new requests avoid."""

from __future__ import annotations

import json

from tests.helpers.followup import new_case


def test_bad_inputs_are_refused_clearly(berlin, late, monkeypatch, tmp_path):
    unknown = berlin("followup", late[:-1] + ("A" if late[-1] != "A" else "B"))
    assert unknown.code == 4 and "did you mean" in unknown.err and late in unknown.err
    draft = new_case(berlin, "acxiom", "deletion", "--lang", "en")
    r = berlin("followup", draft, "--via", "text")
    assert r.code == 3 and f"{draft} is a draft: it was never sent" in r.err
    assert f"rights log {draft} sent" in r.err
    r = berlin("escalate", late, "--regulator", "nope", "--preview")
    assert r.code == 3 and "unknown regulator 'nope'" in r.err
    assert "competent: deberlbdi = Berliner Beauftragte" in r.err and "frcnil" in r.err
    assert "(residence)" in r.err  # the hint names each competent authority by id and name
    r = berlin("followup", late)  # by email, without --send
    assert r.code == 3 and "add --send" in r.err
    r = berlin("followup", late, "--via", "pdf")
    assert r.code == 3 and "--out DIR" in r.err
    r = berlin("reply", late, "--to", "go-away")
    assert r.code == 3 and "web-form, id-copy, device-ids, more-info" in r.err
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-20")
    r = berlin("followup", late, "--via", "text")
    assert r.code == 3 and "is not late" in r.err and "2026-11-02" in r.err
    assert [e["kind"] for e in json.loads(berlin("show", late, "--json").out)["events"]] == ["sent"]


def test_bounce_marks_the_address_and_new_requests_avoid_it(berlin, monkeypatch, tmp_path):
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    ref = new_case(berlin, "acxiom", "access", "--lang", "en")
    assert berlin("log", ref, "sent").code == 0
    r = berlin("log", ref, "bounced", "--note", "550 no such user")
    assert r.code == 0, r.err
    shown = berlin("companies", "show", "acxiom", "--json")
    assert json.loads(shown.out)["bounced"] == ["datenschutz@acxiom.com"]
    assert "warning: acxiom: datenschutz@acxiom.com bounced" in shown.err
    reused = berlin("request", "new", "--company", "acxiom", "--right", "access", "--json")
    assert json.loads(reused.out)[0]["existing"] is True  # the bounced case is a draft again
    assert f"rights request render {ref} --via pdf" in reused.err
    again = berlin("request", "new", "--company", "acxiom", "--right", "access", "--again",
                   "--json")  # fmt: skip
    assert again.code == 0, again.err
    (req,) = json.loads(again.out)
    assert req["via"] == "webform" and req["url"].startswith("https://www.acxiom.de/")
    refused = berlin("request", "new", "--company", "acxiom", "--right", "access", "--via",
                     "email", "--again")  # fmt: skip
    assert refused.code == 3 and "datenschutz@acxiom.com of Acxiom Deutschland GmbH bounced" in (
        refused.err
    )
    assert "rights companies bounced acxiom datenschutz@acxiom.com --ok" in refused.err
