"""The evidence bundle of a case (rights.cases.evidence): timeline, letters, replies."""

from __future__ import annotations

import datetime as dt

from rights.cases import evidence, lifecycle
from rights.core.case import Event
from rights.law import load as j
from rights.store.attachments import Attachment

ROOT = j.data_folder()


def test_evidence_lists_timeline_letters_replies_and_attachments() -> None:
    now = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    case = lifecycle.new_case(
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
        case = lifecycle.apply_event(case, event, rule, None, dt.date(2026, 11, 26))
    files = [Attachment(9, "R-AAAA", 1, 2, "reply.pdf", 10, "ab" * 32, now)]
    bundle = evidence.evidence(case, events, files, dt.date(2026, 11, 26))
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
