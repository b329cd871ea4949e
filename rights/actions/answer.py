"""Short answers to the usual brush-offs (``rights reply``): "use our web form", "send your
ID", "we only hold device identifiers", "we need more information". Each cites the law;
``rights.actions.send.carry_out`` sends what ``plan_answer`` prepares and logs a ``note``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.actions.plan import REMINDER_DAYS, Dates, Plan, Send, check_state, company_letter

if TYPE_CHECKING:
    from rights.core.identity import Identity
    from rights.store.connect import Connection


def plan_answer(
    conn: Connection,
    ref: str,
    brush_off: str,
    opts: Send,
    *,
    identity: Identity,
    today: dt.date,
    root: Path,
    home: Path | None,
) -> Plan:
    """A short answer to a brush-off (``rights.law.answers``): the template's own wording
    per brush-off, the user's ``details`` (e.g. the identifiers to search for) and, in English
    letters, the law file's facts that back it (facts marked uncertain are left out of the
    letter and shown to the user instead)."""
    from rights.cases.log import find_case
    from rights.law import answers
    from rights.law import load as jurisdictions

    case = find_case(conn, ref)
    check_state(case, "answer")
    law = jurisdictions.load_law(root, case.law)
    answer = answers.brush_off_answer(brush_off, law, case.right)
    sure = [f for f in answer["facts"] if "(UNCERTAIN:" not in str(f["text"])]
    unsure = [f for f in answer["facts"] if "(UNCERTAIN:" in str(f["text"])]
    due = case.due if case.due and case.due > today else today + dt.timedelta(REMINDER_DAYS)
    # The reminder's passed date stands in for "previous.due" (the original due date).
    dates = Dates(due=due, previous_due=case.due or today, today=today)
    lang_guess = opts.lang or case.lang
    facts = "\n".join(f"- {_fact_line(f)}" for f in sure) if lang_guess == "en" else ""
    details = "\n\n".join(t for t in (opts.details.strip(), facts) if t)
    plan = company_letter(
        conn, case, "answer", opts, identity=identity, law=law, dates=dates, home=home,
        answer=brush_off, details=details,
    )  # fmt: skip
    if plan.letter.lang != "en" and not facts and sure:
        plan.notes.append("the law facts are listed in English letters only; shown here:")
        plan.notes.extend(_fact_line(f) for f in sure)
    plan.event_kind = "note"
    plan.event_note = f"answered the brush-off {brush_off!r}"
    plan.event_data = {"letter": "answer", "brush_off": brush_off}
    if answer["uncertain"]:
        plan.notes.append(f"uncertain: {answer['uncertain']}")
    for f in unsure:
        plan.notes.append(f"left out of the letter (uncertain): {f['text']}")
    if brush_off == "device-ids" and not opts.details.strip():
        plan.notes.append("add the identifiers to search for with --details")
    return plan


def _fact_line(fact: dict[str, Any]) -> str:
    import re

    text = re.sub(r" \[[^\]]+\]$", "", str(fact["text"]).strip())
    return f"{fact['citation']}: {text}" if fact.get("citation") else text
