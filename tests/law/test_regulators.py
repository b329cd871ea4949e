"""Follow-through data: competent regulators, the evidence bundle, brush-off answers."""

from __future__ import annotations

import datetime as dt

import pytest

from rights.cases import lifecycle as cases
from rights.core.case import Event
from rights.errors import InputError
from rights.law import load as j
from rights.law import regulators as escalation
from rights.store.attachments import Attachment

ROOT = j.data_folder()


def ids(law: str, **kw: str) -> list[tuple[str, str, bool]]:
    found = escalation.competent_regulators(j.load_law(ROOT, law), ROOT, **kw)
    return [(c.regulator.id, c.basis, c.web_form_only) for c in found]


def test_gdpr_residence_and_establishment_both_offered() -> None:
    assert ids("gdpr", residence="FR", establishment="IE") == [
        ("frcnil", "residence", False),
        ("iedpc", "establishment", False),
    ]


def test_gdpr_german_residents_get_their_land_private_sector_authority() -> None:
    assert ids("gdpr", residence="DE-BY") == [("debaylda", "residence", False)]
    assert ids("gdpr", residence="DE-BE") == [("deberlbdi", "residence", False)]
    with pytest.raises(InputError, match="Land"):
        ids("gdpr", residence="DE")


def test_gdpr_same_authority_is_listed_once() -> None:
    assert ids("gdpr", residence="FR", establishment="FR") == [("frcnil", "residence", False)]


def test_gdpr_without_a_place_asks_for_one() -> None:
    with pytest.raises(InputError, match="where you live"):
        ids("gdpr")
    with pytest.raises(InputError, match="no data protection authority known for US"):
        ids("gdpr", residence="US")


@pytest.mark.parametrize(
    ("law", "expected"),
    [
        ("uk-gdpr", [("gbico", "law", False)]),
        ("ccpa", [("cppa", "law", True), ("ca-ag", "law", True)]),
        ("tdpsa", [("tx-ag", "law", True)]),
        ("lgpd", [("anpd", "law", True)]),
        ("pipeda", [("opc", "law", True)]),
        ("qc-law25", [("cai", "law", True)]),
        ("ch-fadp", [("chedoeb", "law", False)]),
    ],
)
def test_other_laws_use_their_regulators(law: str, expected: list[tuple[str, str, bool]]) -> None:
    assert ids(law, residence="XX") == expected


def test_regulator_without_contact_is_not_web_only_and_says_why() -> None:
    (found,) = escalation.competent_regulators(j.load_law(ROOT, "njdpa"), ROOT)
    data = found.to_dict()
    assert data["routes"] == [] and data["web_form_only"] is False
    assert data["contact_missing"]


def test_choice_dict_carries_the_routes() -> None:
    (ico,) = escalation.competent_regulators(j.load_law(ROOT, "uk-gdpr"), ROOT)
    data = ico.to_dict()
    assert data["routes"] == ["complaint_url", "web", "address"]
    assert data["complaint_url"].startswith("https://ico.org.uk/")


def test_evidence_lists_timeline_letters_replies_and_attachments() -> None:
    now = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    case = cases.new_case(
        ref="R-AAAA",
        company="acme",
        company_name="Acme",
        right="access",
        law="gdpr",
        lang="en",
        via="email",
        now=now,
        subject="Access [R-AAAA]",
        body="Please send my data.",
    )
    events = [
        Event("R-AAAA", "sent", dt.date(2026, 10, 1), id=1),
        Event("R-AAAA", "refused", dt.date(2026, 10, 20), "nothing held", id=2),
        Event("R-AAAA", "complaint", dt.date(2026, 11, 1), data={"subject": "Complaint"}, id=3),
    ]
    rule = j.load_law(ROOT, "gdpr").deadline_rule("access")
    for event in events:
        case = cases.apply_event(case, event, rule, None, dt.date(2026, 11, 26))
    files = [Attachment(9, "R-AAAA", 1, 2, "reply.pdf", 10, "ab" * 32, now)]
    bundle = escalation.evidence(case, events, files, dt.date(2026, 11, 26))
    assert [t["kind"] for t in bundle["timeline"]] == ["sent", "refused", "complaint"]
    assert bundle["timeline"][1]["attachments"] == [
        {"n": 1, "name": "reply.pdf", "size": 10, "sha256": "ab" * 32}
    ]
    assert [(x["kind"], x["subject"]) for x in bundle["letters"]] == [
        ("request", "Access [R-AAAA]"),
        ("complaint", "Complaint"),
    ]
    assert [r["kind"] for r in bundle["replies"]] == ["refused"]
    assert (bundle["status"], bundle["due"], bundle["overdue"]) == ("escalated", "2026-11-02", True)


@pytest.mark.parametrize("brush_off", [b.id for b in escalation.BRUSH_OFFS])
@pytest.mark.parametrize("law", ["gdpr", "uk-gdpr", "ccpa"])
def test_every_brush_off_answers_with_facts_from_the_law_file(brush_off: str, law: str) -> None:
    loaded = j.load_law(ROOT, law)
    answer = escalation.brush_off_answer(brush_off, loaded, "access")
    assert answer["facts"], "an answer cites at least one fact"
    texts = [f["text"] for f in answer["facts"]]
    file_text = (ROOT / f"{law}.json").read_text(encoding="utf-8")
    for fact in answer["facts"]:
        core = fact["text"].split(" [")[0]
        assert core in file_text  # never invented: it is in the law file
    if brush_off in ("web-form", "device-ids"):
        assert answer["uncertain"]
    assert texts


def test_more_info_answer_quotes_the_clock_notes() -> None:
    uk = escalation.brush_off_answer("more-info", j.load_law(ROOT, "uk-gdpr"), "access")
    assert any("Stop the clock" in f["text"] for f in uk["facts"])
    eu = escalation.brush_off_answer("more-info", j.load_law(ROOT, "gdpr"), "access")
    assert any("does not statutorily pause the clock" in f["text"] for f in eu["facts"])
    with pytest.raises(InputError, match="unknown brush-off"):
        escalation.brush_off_answer("go-away", j.load_law(ROOT, "gdpr"), "access")


def test_drop_is_pointed_out_to_california_residents_only() -> None:
    from rights.cases.log import drop_pointer

    found = drop_pointer(ROOT, "US", "CA")
    assert found is not None and found["id"] == "drop"
    assert "§1798.99.86" in found["citation"]
    assert any("every 45 days" in fact for fact in found["facts"])
    assert drop_pointer(ROOT, "US", "TX") is None
    assert drop_pointer(ROOT, "DE", None) is None
