"""The json export: every stored field of the cases, their events and attachments.

``{"cases": [...], "exported_at", "format": "rights-cases", "format_version": 1}``; it
round-trips through ``rights.exports.json_import`` into a profile without those references.
Attachment contents are included (base64) only with ``with_attachments``.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from rights.core.case import Case, Event
from rights.store import attachments as att_store
from rights.store import cases_repo
from rights.store.connect import Connection

FORMAT = "rights-cases"
FORMAT_VERSION = 1

CASE_FIELDS = tuple(f.name for f in fields(Case) if f.name != "notes")
"""The case fields written as they are (dates as ISO text); ``notes`` goes out as ``data``."""
EVENT_KEYS = ("id", "kind", "date", "note", "data", "created_at")


def _text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def case_export(case: Case) -> dict[str, Any]:
    """One case as exported, without its events and attachments."""
    data = {name: _text(getattr(case, name)) for name in CASE_FIELDS}
    data["data"] = case.notes.to_dict()
    return data


def event_export(event: Event) -> dict[str, Any]:
    """One event as exported (``EVENT_KEYS``)."""
    return {
        "id": event.id,
        "kind": event.kind,
        "date": event.on_date.isoformat(),
        "note": event.note,
        "data": event.data,
        "created_at": event.created_at.isoformat() if event.created_at else None,
    }


def _attachments(
    conn: Connection, wanted: set[str] | None, with_content: bool
) -> dict[str, list[dict[str, Any]]]:
    files: dict[str, list[dict[str, Any]]] = {}
    for att in att_store.list_all(conn):
        if wanted is not None and att.ref not in wanted:
            continue
        item: dict[str, Any] = dict(att.to_dict())
        if with_content:
            content = b"".join(att_store.iter_chunks(conn, att.id))
            item["content_base64"] = base64.b64encode(content).decode("ascii")
        files.setdefault(att.ref, []).append(item)
    return files


def export_data(
    conn: Connection,
    now: dt.datetime,
    *,
    refs: Sequence[str] | None = None,
    with_attachments: bool = False,
) -> dict[str, Any]:
    """Everything about the cases (or the ``refs`` given) as one JSON-ready dict."""
    wanted = set(refs) if refs else None
    found = [c for c in cases_repo.list_cases(conn) if wanted is None or c.ref in wanted]
    events = cases_repo.events_grouped(conn, wanted)
    files = _attachments(conn, wanted, with_attachments)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": now.isoformat(),
        "cases": [
            case_export(c)
            | {
                "events": [event_export(e) for e in events.get(c.ref, [])],
                "attachments": files.get(c.ref, []),
            }
            for c in found
        ],
    }


def to_json(data: dict[str, Any]) -> str:
    """The export as text: sorted keys, two-space indent, a trailing newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
