"""A case report for a client, a clinic or a complaint: HTML (jinja2, autoescaped) and PDF
(typst; the templates are in ``rights.exports.report_templates``).

The header names the client, the agent who acted for them (an agent case's notes), the
profile, the period and the day it was made; a summary table has one row per case sent,
drafts (written, never sent) are listed apart and never as letters sent. Each case follows
with its dates, timeline, letters and replies (``rights.cases.evidence``), without the notes
rights keeps about the files it wrote. User text never becomes markup: HTML escapes
everything; the PDF gets the data as JSON through ``sys.inputs``, set as plain text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rights.core.case import Case, Event
from rights.exports.report_filter import ReportFilter, period, select
from rights.store import attachments as att_store
from rights.store.connect import Connection

OUTCOME_KINDS = ("fulfilled", "partial", "refused", "bounced", "complaint", "closed", "abandoned")
"""Events that say how a case turned out (the last one is its outcome)."""

_WRITTEN = re.compile(r"(?:^|: )written to .*? \(to send yourself\)$")
"""How ``rights.actions.send.how_it_went`` words a letter written to files for the user to
send: an internal note naming the files, never shown in a report."""

WRITTEN_FOR_YOU = "written for you to send"


@dataclass(frozen=True)
class ReportOptions:
    """What the report covers (``flt``) and whose it is (``profile``: the profile's name)."""

    flt: ReportFilter = field(default_factory=ReportFilter)
    profile: str = ""


def build(
    conn: Connection,
    cases: Sequence[Case],
    events: dict[str, list[Event]],
    today: dt.date,
    options: ReportOptions | None = None,
) -> dict[str, Any]:
    """The report's data: ``header``, ``summary`` (cases sent), ``drafts`` and ``cases``
    (each case's evidence, cleaned), for both renderings."""
    from rights.cases import evidence
    from rights.delivery.pdf import paper_for
    from rights.store import repo

    opts = options or ReportOptions()
    shown = select(cases, events, opts.flt)
    files: dict[str, list[att_store.Attachment]] = {}
    for att in att_store.list_all(conn):
        files.setdefault(att.ref, []).append(att)
    identity = repo.get_identity(conn)
    items = []
    for case in shown:
        found = events.get(case.ref, [])
        ev = evidence.evidence(case, found, files.get(case.ref, []), today)
        items.append(_cleaned(case, found, ev))
    first, last = period(shown, events, opts.flt)
    agents = _agents(shown)
    clients = sorted({c.notes.client for c in shown if c.notes.client})
    title = "Case report" if len(shown) != 1 else f"Case report {shown[0].ref}"
    header = {
        "client": ", ".join(clients) or identity.full_name or "",
        "agent": agents,
        "profile": opts.profile,
        "since": first,
        "until": last,
        "generated": today.isoformat(),
        "filters": _filter_words(opts.flt),
    }
    sent = [i for i in items if not i["draft"]]
    return {
        "title": title,
        "generated": today.isoformat(),
        "paper": paper_for(identity.country),
        "header": header,
        "summary": [_row(i) for i in sent],
        "drafts": [_row(i) for i in items if i["draft"]],
        "cases": items,
    }


def _cleaned(case: Case, events: Sequence[Event], ev: dict[str, Any]) -> dict[str, Any]:
    """A case's evidence as the report shows it: drafts marked, the request letter among the
    letters sent only once it was sent, notes about files written left out."""
    draft = case.status == "draft"
    timeline = []
    for item, event in zip(ev["timeline"], events, strict=True):
        note = public_note(event)
        if note is None:
            continue
        timeline.append({**item, "note": note})
    request_letter, *follow_ups = ev["letters"]  # the request, then each event's letter
    carriers = [e for e in events if e.kind in ("reminder", "complaint") or e.data.get("letter")]
    letters = [] if draft or request_letter["date"] is None else [{**request_letter, "how": ""}]
    for letter, event in zip(follow_ups, carriers, strict=True):
        how = WRITTEN_FOR_YOU if event.data.get("delivered") is False else ""
        letters.append({**letter, "how": how})
    request = {"subject": case.subject, "body": case.body, "sent_before": request_letter["date"]}
    outcome = _outcome(case, events, ev)
    return {**ev, "draft": draft, "agent": case.notes.agent or "", "timeline": timeline,
            "letters": letters, "draft_letter": request if draft else None, "outcome": outcome,
            "created": case.created_at.date().isoformat() if case.created_at else None}  # fmt: skip


def public_note(event: Event) -> str | None:
    """The event's note without what rights noted about the files it wrote; None when that
    was all a ``note`` event said (the event is left out)."""
    note = event.note
    if event.data.get("files") or _WRITTEN.search(note):
        stripped = _WRITTEN.sub("", note).strip()
        if stripped != note:
            note = f"{stripped}: {WRITTEN_FOR_YOU}" if stripped else WRITTEN_FOR_YOU
            if event.kind == "note" and not stripped and not event.data.get("letter"):
                return None
        for path in event.data.get("files") or ():
            if isinstance(path, str) and path:
                note = note.replace(path, path.replace("\\", "/").rsplit("/", 1)[-1])
    return note


def _agents(cases: Sequence[Case]) -> str:
    """The agents who made the cases, as the header names them (how many cases each made
    when it is not all of them)."""
    made: dict[str, int] = {}
    for case in cases:
        if case.notes.agent:
            made[case.notes.agent] = made.get(case.notes.agent, 0) + 1
    return ", ".join(
        name if count == len(cases) else f"{name} ({count} of {len(cases)} cases)"
        for name, count in sorted(made.items())
    )


def _outcome(case: Case, events: Sequence[Event], ev: dict[str, Any]) -> str:
    """How the case turned out: its last outcome event, else where it stands."""
    last = next((e for e in reversed(events) if e.kind in OUTCOME_KINDS), None)
    if last is not None:
        return f"{last.kind} on {last.on_date.isoformat()}"
    if case.status == "draft":
        return "not sent"
    if ev["overdue"]:
        return f"no answer, overdue by {ev['days_late']} days"
    if case.status == "fulfilled":
        return "fulfilled"
    return "awaiting answer"


def _row(item: dict[str, Any]) -> dict[str, Any]:
    """One line of the summary (or drafts) table."""
    keys = ("ref", "company_name", "right", "law", "status", "sent", "due", "outcome", "created")
    return {k: item[k] for k in keys}


def _filter_words(flt: ReportFilter) -> str:
    """The filters, as the header names them (empty without any)."""
    words = []
    if flt.statuses:
        words.append("status " + ", ".join(flt.statuses))
    if flt.company:
        words.append(f"company {flt.company}")
    return "; ".join(words)


def to_html(data: dict[str, Any]) -> str:
    """The report as an HTML page; every value is escaped."""
    import jinja2

    from rights.exports.report_templates import HTML_TEMPLATE

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(HTML_TEMPLATE).render(**data)


def to_pdf(data: dict[str, Any]) -> bytes:
    """The report as a PDF/A-2b (:mod:`rights.delivery.typeset`: typst's embedded fonts,
    no system fonts), on the profile's paper (US Letter in the US and Canada, A4
    elsewhere). InputError names the case whose text has a character no font shows."""
    from rights.delivery import typeset
    from rights.exports.report_templates import TYPST_TEMPLATE

    return typeset.pdf(
        TYPST_TEMPLATE.encode("utf-8"),
        {"data": json.dumps(data, ensure_ascii=False)},
        glyph_fields(data),
        instead="write the report as HTML (an --out FILE not ending in .pdf)",
    )


def glyph_fields(data: dict[str, Any]) -> dict[str, str]:
    """The report's text by part (the header; each case by reference) for the glyph check."""
    fields = {"the report's header": "\n".join(_strings([data["title"], data["header"]]))}
    for case in data["cases"]:
        name = f"case {case.get('ref', '')} ({case.get('company_name', '')})"
        fields[name] = "\n".join(_strings(case))
    return fields


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []
