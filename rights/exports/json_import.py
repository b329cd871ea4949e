"""``rights import``: a json export back into a store, all or nothing.

The pydantic model below mirrors the export (``rights.exports.json_export``) and checks every
field; all problems are reported at once as ``file: field.path: message``. A case's ``data``
is checked by ``CaseNotes.from_dict``, the one definition of the notes.

Version 3 (JSON lines) is read line by line inside the one transaction: each case is
checked and stored as it comes, its content records follow it; the first problem stops the
storing (the checks go on, to list every problem) and the transaction is rolled back.
Versions 1 and 2 (one leading object) are read whole, as before; a case's dates are ``sent``
and ``received`` since version 3, ``sent_on`` and ``received_on`` before (both are read).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from rights.cases.lifecycle import DROP_VIA, EVENT_KINDS
from rights.core.case import Case, CaseNotes, Event
from rights.core.vocabulary import CHANNELS, RIGHTS, STATES
from rights.errors import ConflictError, DataFileError, InputError, NotFoundError
from rights.exports import import_checks
from rights.exports.import_checks import ImportPolicy
from rights.exports.json_export import FORMAT, FORMAT_VERSION, end_line
from rights.store import attachments as att_store
from rights.store import cases_repo
from rights.store.connect import Connection, transaction

if TYPE_CHECKING:
    from rights.exports.json_records import Pending

_REF = r"^R-[0-9A-Z]{4,12}$"
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_LANG = r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventIn(_Model):
    """An exported event."""

    id: int | None = None
    kind: str = Field(min_length=1, max_length=40)
    date: dt.date
    note: str = ""
    data: dict[str, Any] = Field(default_factory=dict)
    created_at: dt.datetime | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {value!r}")
        return value

    @field_validator("data")
    @classmethod
    def _typed_data(cls, value: dict[str, Any]) -> dict[str, Any]:
        return import_checks.check_event_data(value)

    def to_event(self, ref: str) -> Event:
        """The event to store."""
        return Event(ref=ref, kind=self.kind, on_date=self.date, note=self.note, data=self.data)


class AttachmentIn(_Model):
    """An exported attachment: metadata, and its content when exported with it."""

    n: int = Field(ge=1)
    name: str = Field(min_length=1)
    size: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    event_id: int | None = None
    created_at: dt.datetime
    content_base64: str | None = None
    content: bool = False
    """Version 2: the content follows as content records (``rights.exports.json_records``)."""

    @field_validator("name")
    @classmethod
    def _file_name(cls, value: str) -> str:
        return import_checks.check_attachment_name(value)

    @field_validator("content_base64")
    @classmethod
    def _decodes(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                raise ValueError("not valid base64") from None
        return value


class CaseIn(_Model):
    """An exported case with its events and attachments."""

    ref: str = Field(pattern=_REF)
    company: str = Field(pattern=_SLUG, max_length=100)
    company_name: str = Field(min_length=1)
    right: str = Field(min_length=1)
    law: str = Field(pattern=_SLUG, max_length=40)
    lang: str = Field(pattern=_LANG)
    via: str = Field(min_length=1)
    recipient: str = ""
    status: str
    created_at: dt.datetime | None = None
    sent_on: dt.date | None = Field(None, validation_alias=AliasChoices("sent", "sent_on"))
    received_on: dt.date | None = Field(
        None, validation_alias=AliasChoices("received", "received_on")
    )
    received_estimated: bool = False
    due: dt.date | None = None
    acknowledge_by: dt.date | None = None
    extended_due: dt.date | None = None
    recheck_on: dt.date | None = None
    remind_by: dt.date | None = None
    subject: str = ""
    body: str = ""
    data: dict[str, Any] = Field(default_factory=dict)
    events: list[EventIn] = Field(default_factory=list)
    attachments: list[AttachmentIn] = Field(default_factory=list)

    @field_validator("data")
    @classmethod
    def _known_notes(cls, value: dict[str, Any]) -> dict[str, Any]:
        CaseNotes.from_dict(value)  # the one definition of the notes: ValueError if malformed
        return value

    @field_validator("right")
    @classmethod
    def _known_right(cls, value: str) -> str:
        if value not in RIGHTS:
            raise ValueError(f"unknown right {value!r}")
        return value

    @field_validator("via")
    @classmethod
    def _known_channel(cls, value: str) -> str:
        if value not in CHANNELS and value != DROP_VIA:
            raise ValueError(f"unknown channel {value!r}")
        return value

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        if value not in STATES:
            raise ValueError(f"unknown status {value!r}")
        return value

    def to_case(self) -> Case:
        """The case to store."""
        values = self.model_dump(exclude={"events", "attachments", "data"})
        return Case(**values, notes=CaseNotes.from_dict(self.data))


class ExportIn(_Model):
    """A whole json export."""

    format: str
    format_version: int
    exported_at: dt.datetime | None = None
    cases: list[CaseIn]


def parse(raw: dict[str, Any], source: str, policy: ImportPolicy | None = None) -> ExportIn:
    """Validate a decoded export; DataFileError listing every problem, one per line.

    The shape and types (the models above), then the hostile-data rules of
    ``rights.exports.import_checks`` (control characters, disclosure and agency under
    ``policy``), then duplicate references.
    """
    problems = list(import_checks.control_characters(raw))
    parsed: ExportIn | None = None
    try:
        parsed = ExportIn.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "(top level)"
            problems.append((where, err["msg"]))
    cases = raw.get("cases")
    for n, case in enumerate(cases if isinstance(cases, list) else []):
        notes = case.get("data") if isinstance(case, dict) else None
        if isinstance(notes, dict):
            problems += import_checks.disclosure_problems(
                notes, f"cases.{n}", policy or ImportPolicy()
            )
    if problems:
        lines = [f"{source}: {where}: {message}" for where, message in problems]
        raise DataFileError(
            "\n".join([f"the import file is not valid ({len(lines)} problem(s)):", *lines]),
            hint="nothing was imported",
        )
    assert parsed is not None
    dupes = sorted(r for r, n in Counter(c.ref for c in parsed.cases).items() if n > 1)
    if dupes:
        raise DataFileError(
            f"{source}: duplicate references: {', '.join(dupes)}", hint="nothing was imported"
        )
    return parsed


def read_file(path: Path) -> Path:
    """``path``, once it is an existing file: NotFoundError if there is nothing there (the
    exit code of every missing file), InputError for a folder or another non-file."""
    if not path.exists():
        raise NotFoundError(f"{path}: no such file", hint="name a json export (rights export)")
    if not path.is_file():
        raise InputError(f"{path}: not a file", hint="name a json export (rights export)")
    return path


def import_file(
    conn: Connection,
    path: Path,
    *,
    source: str,
    now: dt.datetime,
    policy: ImportPolicy | None = None,
) -> dict[str, int]:
    """Import the export file ``path`` (see ``import_stream``)."""
    with open(read_file(path), "rb") as fh:
        return import_stream(conn, fh, source=source, now=now, policy=policy)


def import_json(
    conn: Connection,
    text: str,
    *,
    source: str,
    now: dt.datetime,
    policy: ImportPolicy | None = None,
) -> dict[str, int]:
    """Import an export held as text (see ``import_stream``)."""
    stream = io.BytesIO(text.encode("utf-8"))
    return import_stream(conn, stream, source=source, now=now, policy=policy)


def import_stream(
    conn: Connection,
    fh: BinaryIO,
    *,
    source: str,
    now: dt.datetime,
    policy: ImportPolicy | None = None,
) -> dict[str, int]:
    """Import an export into the store, all or nothing; return what was imported.

    Refused (DataFileError, nothing imported): not JSON, not a rights export, a newer
    ``format_version``, any field malformed or refused by ``policy`` (what the importing
    profile allows: see ``rights.exports.import_checks``), a content record out of place
    or not matching its attachment. ConflictError if a reference exists already.
    Attachment contents of version 2 are streamed record by record inside the one
    transaction. Returns the counts ``cases``, ``events``, ``attachments``,
    ``attachments_without_content``.
    """
    from rights.exports import json_records

    first = json_records.read_line(fh, source, 1)
    head = _lines_header(first)
    if head is not None:
        _check_format(head, source)
        _check_header(head, source)
        return _import_lines(conn, fh, source=source, now=now, policy=policy)
    text, lines = json_records.read_head(fh, source, first)
    parsed = parse(_decode(text, source), source, policy)
    existing = set(cases_repo.all_refs(conn)) & {c.ref for c in parsed.cases}
    if existing:
        raise ConflictError(
            f"{source}: {len(existing)} case(s) exist already: {', '.join(sorted(existing)[:5])}",
            hint="import into an empty profile (rights profile new NAME); nothing was imported",
        )
    counts = {"cases": 0, "events": 0, "attachments": 0, "attachments_without_content": 0}
    pending: list[json_records.Pending] = []
    with transaction(conn):
        for item in parsed.cases:
            pending += _store_case(conn, item, now, counts)
        json_records.store_contents(conn, fh, pending, source, lines)
    return counts


def _lines_header(first: bytes) -> dict[str, Any] | None:
    """The header of a version 3 export (its first line, a whole object without ``cases``),
    or None when the file is of an older version (or not an export: the old path says so)."""
    try:
        raw = json.loads(first)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if not isinstance(raw, dict) or "cases" in raw:
        return None
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 3:
        return None
    return raw


HEADER_KEYS = ("exported_at", "format", "format_version")


def _check_header(head: dict[str, Any], source: str) -> None:
    """A version 3 header holds ``HEADER_KEYS`` and nothing else, ``exported_at`` a time."""
    extra = sorted(set(head) - set(HEADER_KEYS))
    stamp = head.get("exported_at")
    problem = f"unexpected key(s) {', '.join(extra)}" if extra else ""
    if stamp is not None:
        try:
            dt.datetime.fromisoformat(str(stamp))
        except ValueError:
            problem = "exported_at is not a date-time"
    bad = next(import_checks.control_characters(head, ("header",)), None)
    if bad:
        problem = bad[1]
    if problem:
        raise DataFileError(f"{source}: line 1 (header): {problem}", hint="nothing was imported")


def _decode(text: str, source: str) -> dict[str, Any]:
    """The decoded export, once it is JSON, a rights export and a version this one reads."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"{source}: not JSON: line {exc.lineno} column {exc.colno}: {exc.msg}",
            hint="nothing was imported",
        ) from None
    return _check_format(raw, source)


def _check_format(raw: Any, source: str) -> dict[str, Any]:
    """``raw`` once it is a rights export of a version this one reads."""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise DataFileError(
            f'{source}: not a rights cases export (no "format": "{FORMAT}")',
            hint="nothing was imported; export with: rights export --format json",
        )
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DataFileError(
            f"{source}: format_version is missing or not a number", hint="nothing was imported"
        )
    if version > FORMAT_VERSION:
        raise DataFileError(
            f"{source}: format_version {version} is newer than this rights reads "
            f"({FORMAT_VERSION})",
            hint="upgrade rights; nothing was imported",
        )
    return raw


def _case_in(
    raw: Any, n: int, policy: ImportPolicy | None
) -> tuple[CaseIn | None, list[tuple[str, str]]]:
    """One case line of a version 3 export, checked like a case of ``parse``: the case and
    no problems, or None and every problem (``cases.N.field``, message)."""
    where = f"cases.{n}"
    problems = list(import_checks.control_characters(raw, ("cases", str(n))))
    parsed: CaseIn | None = None
    try:
        parsed = CaseIn.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append((".".join([where, *(str(p) for p in err["loc"])]), err["msg"]))
    notes = raw.get("data") if isinstance(raw, dict) else None
    if isinstance(notes, dict):
        problems += import_checks.disclosure_problems(notes, where, policy or ImportPolicy())
    return (None if problems else parsed), problems


def _import_lines(
    conn: Connection,
    fh: BinaryIO,
    *,
    source: str,
    now: dt.datetime,
    policy: ImportPolicy | None,
) -> dict[str, int]:
    """Import the lines after a version 3 header, case by case in one transaction; the
    first problem stops the storing, every problem is listed, nothing is kept."""
    from rights.exports import json_records

    counts = {"cases": 0, "events": 0, "attachments": 0, "attachments_without_content": 0}
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    dupes: set[str] = set()
    existing: list[str] = []
    contents = json_records.Contents(conn, source)
    lineno, n, ended = 1, -1, False
    with transaction(conn):
        while True:
            lineno += 1
            line = json_records.read_line(fh, source, lineno)
            if not line:
                break
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise DataFileError(
                    f"{source}: line {lineno}: not JSON (a case or a content record)",
                    hint="nothing was imported",
                ) from None
            if ended:
                raise DataFileError(f"{source}: line {lineno}: data after the end line",
                                    hint="nothing was imported")  # fmt: skip
            failed = bool(problems or dupes or existing)
            if isinstance(raw, dict) and "end" in raw:
                if raw != end_line(n + 1):
                    raise DataFileError(
                        f"{source}: line {lineno}: the end line should be "
                        f"{json.dumps(end_line(n + 1))} (the file holds {n + 1} case(s))",
                        hint="nothing was imported",
                    )
                ended = True
                continue
            if isinstance(raw, dict) and "content_base64" in raw:
                if not failed:
                    contents.feed(raw, lineno)
                continue
            if not failed:
                contents.close(lineno)  # the previous case's contents came whole
            n += 1
            item, found = _case_in(raw, n, policy)
            problems += found
            if item is None:
                continue
            if item.ref in seen:
                dupes.add(item.ref)
                continue
            seen.add(item.ref)
            if cases_repo.get_case(conn, item.ref) is not None:
                existing.append(item.ref)
            elif not (problems or dupes or existing):
                contents.add(_store_case(conn, item, now, counts))
        _refuse(source, problems, dupes, existing)
        contents.close(lineno)
        if not ended:
            raise DataFileError(
                f"{source}: the file ends before its end line: it was cut short",
                hint="export again (rights export); nothing was imported",
            )
    return counts


def _refuse(
    source: str, problems: list[tuple[str, str]], dupes: set[str], existing: list[str]
) -> None:
    """Raise for what a version 3 import found, in the order ``parse`` reports it."""
    if problems:
        lines = [f"{source}: {where}: {message}" for where, message in problems]
        raise DataFileError(
            "\n".join([f"the import file is not valid ({len(lines)} problem(s)):", *lines]),
            hint="nothing was imported",
        )
    if dupes:
        raise DataFileError(
            f"{source}: duplicate references: {', '.join(sorted(dupes))}",
            hint="nothing was imported",
        )
    if existing:
        raise ConflictError(
            f"{source}: {len(existing)} case(s) exist already: {', '.join(sorted(existing)[:5])}",
            hint="import into an empty profile (rights profile new NAME); nothing was imported",
        )


def _store_case(
    conn: Connection, item: CaseIn, now: dt.datetime, counts: dict[str, int]
) -> list[Pending]:
    """Store one case with its events and attachments (inside the caller's transaction);
    return the attachments whose content records follow."""
    from rights.exports.json_records import Pending

    case = item.to_case()
    cases_repo.insert_cases(conn, [case], now=now)
    ids: dict[int, int] = {}
    for ev in item.events:
        new_id = cases_repo.add_event(conn, ev.to_event(case.ref), ev.created_at or now)
        if ev.id is not None:
            ids[ev.id] = new_id
    pending: list[Pending] = []
    for att in item.attachments:
        event_id = ids.get(att.event_id) if att.event_id is not None else None
        if att.content:
            att_id = att_store.insert_listed(
                conn, case.ref, event_id, att.name, att.size, att.sha256, att.created_at
            )
            pending.append(Pending(case.ref, att.n, att_id, att.size, att.sha256))
        elif att.content_base64 is not None:
            content = base64.b64decode(att.content_base64)
            att_store.insert_complete(conn, case.ref, event_id, att.name, content, att.created_at)
        else:
            counts["attachments_without_content"] += 1
            continue
        counts["attachments"] += 1
    counts["cases"] += 1
    counts["events"] += len(item.events)
    return pending
