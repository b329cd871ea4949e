"""The json export: every stored field of the cases, their events and attachments.

The file (``format_version`` 3) is JSON lines, written line by line (the C encoder, sorted
keys, one object a line), so an export of any size is never whole in memory:

- the first line, the header: ``{"exported_at", "format": "rights-cases",
  "format_version": 3}``;
- then one line per case, in list order: every stored field (``sent`` and ``received`` for
  the dates the case was sent and received, the names ``list --json`` and the csv export
  use), ``data`` (the notes), its ``events`` and its ``attachments`` (metadata);
- with ``with_attachments``, each attachment is marked ``"content": true`` and its content
  records follow its case's line, in the order of the listing::

    {"content_base64": "...", "n": 1, "ref": "R-7K3M", "seq": 0}

  (``seq`` counts from 0; each record holds at most ``CHUNK_SIZE`` bytes of the file, and
  an empty file has one record with ``""``);
- the last line, the end: ``{"cases": N, "end": true}`` (the number of case lines), so a
  file cut short at a line break is refused, not imported in part.

``rights.exports.json_import`` reads version 3 line by line, and still reads version 2 (one
indented object whose case dates are ``sent_on`` and ``received_on``, then every content
record) and version 1 (contents inline as ``content_base64``).
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
FORMAT_VERSION = 3
CONTENT_KEYS = ("content_base64", "n", "ref", "seq")
"""The keys of a content record (versions 2 and 3)."""

CASE_FIELDS = tuple(f.name for f in fields(Case) if f.name != "notes")
"""The case fields written as they are (dates as ISO text); ``notes`` goes out as ``data``."""
RENAMED = {"sent_on": "sent", "received_on": "received"}
"""Case fields written under another name since version 3 (the names of ``list --json``);
``rights import`` reads both."""
EVENT_KEYS = ("id", "kind", "date", "note", "data", "created_at")


def _text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def case_export(case: Case) -> dict[str, Any]:
    """One case as exported, without its events and attachments."""
    data = {RENAMED.get(name, name): _text(getattr(case, name)) for name in CASE_FIELDS}
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
) -> dict[str, list[tuple[att_store.Attachment, dict[str, Any]]]]:
    """The attachments of the cases ``wanted`` (all: None) by reference, each with its
    exported metadata (``"content": true`` when its content follows)."""
    found: dict[str, list[tuple[att_store.Attachment, dict[str, Any]]]] = {}
    for att in att_store.list_all(conn):
        if wanted is None or att.ref in wanted:
            item: dict[str, Any] = dict(att.to_dict())
            if with_content:
                item["content"] = True
            found.setdefault(att.ref, []).append((att, item))
    return found


def _line(data: dict[str, Any]) -> bytes:
    """One object as a line of JSON: sorted keys, UTF-8, the C encoder (no indent)."""
    return (json.dumps(data, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def content_record(ref: str, number: int, seq: int, block: bytes) -> bytes:
    """One content record: a line of JSON holding ``block`` in base64."""
    record = {
        "content_base64": base64.b64encode(block).decode("ascii"),
        "n": number,
        "ref": ref,
        "seq": seq,
    }
    return (json.dumps(record, sort_keys=True) + "\n").encode("ascii")


def header(now: dt.datetime) -> dict[str, Any]:
    """The first line of an export."""
    return {"exported_at": now.isoformat(), "format": FORMAT, "format_version": FORMAT_VERSION}


def write_export(
    conn: Connection,
    out: BinaryIO,
    now: dt.datetime,
    *,
    refs: Sequence[str] | None = None,
    with_attachments: bool = False,
) -> int:
    """Write the export to ``out``, case by case and attachment contents chunk by chunk
    (one cursor over the cases); return its size in bytes."""
    wanted = set(refs) if refs else None
    files = _attachments(conn, wanted, with_attachments)
    size = out.write(_line(header(now)))
    count = 0
    for case, events in cases_repo.iter_cases_with_events(conn, wanted):
        count += 1
        listed = files.get(case.ref, [])
        data = case_export(case)
        data["events"] = [event_export(e) for e in events]
        data["attachments"] = [item for _, item in listed]
        size += out.write(_line(data))
        if with_attachments:
            for att, _ in listed:
                size += _write_content(conn, out, att)
    return size + out.write(_line(end_line(count)))


def end_line(cases: int) -> dict[str, Any]:
    """The last line of an export: how many case lines it holds."""
    return {"cases": cases, "end": True}


def _write_content(conn: Connection, out: BinaryIO, att: att_store.Attachment) -> int:
    size = seq = 0
    for block in att_store.iter_chunks(conn, att.id):
        size += out.write(content_record(att.ref, att.number, seq, block))
        seq += 1
    if seq == 0:
        size += out.write(content_record(att.ref, att.number, 0, b""))
    return size
