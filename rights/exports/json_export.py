"""The json export: every stored field of the cases, their events and attachments.

The file (``format_version`` 2) starts with one JSON object, written with sorted keys and a
two-space indent, whose last line is a lone ``}``::

    {"cases": [...], "exported_at", "format": "rights-cases", "format_version": 2}

Without attachment contents that object is the whole file. With ``with_attachments``
each attachment listed in it carries ``"content": true`` and its content follows the
object as content records, one JSON object per line, in the order of the listing::

    {"content_base64": "...", "n": 1, "ref": "R-7K3M", "seq": 0}

(``seq`` counts from 0; each record holds at most ``CHUNK_SIZE`` bytes of the file, and an
empty file has one record with ``""``). The export is written, and read back by
``rights.exports.json_import``, record by record: an attachment is never whole in memory.
Version 1 files (contents inline as ``content_base64``) are still read.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import fields
from typing import Any, BinaryIO

from rights.core.case import Case, Event
from rights.store import attachments as att_store
from rights.store import cases_repo
from rights.store.connect import Connection

FORMAT = "rights-cases"
FORMAT_VERSION = 2
CONTENT_KEYS = ("content_base64", "n", "ref", "seq")
"""The keys of a content record (version 2)."""

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


def _selected(conn: Connection, wanted: set[str] | None) -> list[att_store.Attachment]:
    return [a for a in att_store.list_all(conn) if wanted is None or a.ref in wanted]


def export_data(
    conn: Connection,
    now: dt.datetime,
    *,
    refs: Sequence[str] | None = None,
    with_attachments: bool = False,
) -> dict[str, Any]:
    """The export's leading object for the cases (or the ``refs`` given).

    With ``with_attachments`` every attachment is marked ``"content": true``: its content
    records follow (``write_export``).
    """
    wanted = set(refs) if refs else None
    found = [c for c in cases_repo.list_cases(conn) if wanted is None or c.ref in wanted]
    events = cases_repo.events_grouped(conn, wanted)
    files: dict[str, list[dict[str, Any]]] = {}
    for att in _selected(conn, wanted):
        item: dict[str, Any] = dict(att.to_dict())
        if with_attachments:
            item["content"] = True
        files.setdefault(att.ref, []).append(item)
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
    """The leading object as text: sorted keys, two-space indent, a trailing newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def content_record(ref: str, number: int, seq: int, block: bytes) -> bytes:
    """One content record: a line of JSON holding ``block`` in base64."""
    record = {
        "content_base64": base64.b64encode(block).decode("ascii"),
        "n": number,
        "ref": ref,
        "seq": seq,
    }
    return (json.dumps(record, sort_keys=True) + "\n").encode("ascii")


def write_export(
    conn: Connection,
    out: BinaryIO,
    now: dt.datetime,
    *,
    refs: Sequence[str] | None = None,
    with_attachments: bool = False,
) -> int:
    """Write the export to ``out``, attachment contents chunk by chunk; return its size."""
    head = to_json(export_data(conn, now, refs=refs, with_attachments=with_attachments))
    size = out.write(head.encode("utf-8"))
    if not with_attachments:
        return size
    for att in _selected(conn, set(refs) if refs else None):
        seq = 0
        for block in att_store.iter_chunks(conn, att.id):
            size += out.write(content_record(att.ref, att.number, seq, block))
            seq += 1
        if seq == 0:
            size += out.write(content_record(att.ref, att.number, 0, b""))
    return size
