"""Import mail into the cases: match, store encrypted, log the event, never twice.

For each message: a fast look at its bytes (``match.worth_reading``) skips one that cannot
name a case; otherwise it is read once (``parse.scan``), matched (``match.match``) and
classified (``classify.classify``). A matched message that was not imported before is
streamed whole into the store as an attachment of its case, its MIME attachments beside it,
and its event is logged (``cases.log.log_event``) in the same transaction that records its
key (Message-ID, or a SHA-256 of its bytes) in ``inbox_messages``. The original is never
changed or deleted. Nothing here reads the clock or prints.
"""

from __future__ import annotations

import datetime as dt
import email.errors
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from typing import Any

from rights.core.case import Case
from rights.core.vocabulary import OWED_STATES
from rights.errors import InputError, NotFoundError
from rights.inbox import mime
from rights.inbox.classify import Kind, classify
from rights.inbox.match import (
    Index,
    domains_of,
    match,
    refs_in,
    same_organisation,
    worth_reading,
)
from rights.inbox.parse import Opener, Scanned, message_ids, quick_headers, scan
from rights.store.connect import Connection

Progress = Callable[[int], None]
NOT_COMPANY = "sender not the company's domain"
_BAD_INPUT = (
    InputError,
    NotFoundError,
    ValueError,
    LookupError,
    UnicodeError,
    email.errors.MessageError,
    RecursionError,
)


@dataclass
class Item:
    """What became of one message (``matched`` or ``unmatched`` in the report)."""

    source: str
    message_id: str
    subject: str
    sender: str
    ref: str | None
    event: str | None
    reason: str
    duplicate: bool = False
    flags: list[str] = field(default_factory=list)
    attachments: int = 0
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``asdict`` deep-copies, too slow for ten thousand)."""
        return {name: getattr(self, name) for name in _ITEM_FIELDS} | {"flags": list(self.flags)}


_ITEM_FIELDS = tuple(f.name for f in fields(Item))


@dataclass
class ImportReport:
    """Every message of an import, matched or not, with the reason."""

    dry_run: bool = False
    matched: list[Item] = field(default_factory=list)
    unmatched: list[Item] = field(default_factory=list)

    def add(self, item: Item) -> None:
        (self.matched if item.ref else self.unmatched).append(item)

    @property
    def recorded(self) -> int:
        """Messages that produced an event (0 on a dry run)."""
        return sum(1 for i in self.matched if not i.duplicate and not self.dry_run)

    def to_json(self) -> dict[str, Any]:
        """The ``inbox import --json`` document (docs/inbox.md)."""
        return {
            "dry_run": self.dry_run,
            "matched": [i.to_dict() for i in self.matched],
            "unmatched": [i.to_dict() for i in self.unmatched],
            "counts": {
                "messages": len(self.matched) + len(self.unmatched),
                "matched": len(self.matched),
                "recorded": self.recorded,
                "duplicates": sum(1 for i in self.matched if i.duplicate),
                "unmatched": len(self.unmatched),
            },
        }


def import_messages(
    conn: Connection,
    messages: Iterable[tuple[str, bytes]],
    *,
    today: dt.date,
    now: dt.datetime,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import raw RFC 5322 messages, each with a label saying where it came from."""
    return import_sources(
        conn, ((label, _bytes_opener(raw)) for label, raw in messages),
        today=today, now=now, dry_run=dry_run, progress=progress,
    )  # fmt: skip


def import_sources(
    conn: Connection,
    sources: Iterable[tuple[str, Opener]],
    *,
    today: dt.date,
    now: dt.datetime,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import messages that can be opened (and re-opened) as binary streams."""
    report = ImportReport(dry_run=dry_run)
    index = Index.load(conn)
    seen: set[str] = set()
    for n, (label, opener) in enumerate(sources, start=1):
        try:
            item = _one(conn, label, opener, index, seen, today, now, dry_run)
        except _BAD_INPUT as exc:
            reason = getattr(exc, "message", None) or str(exc) or type(exc).__name__
            item = Item(label, "", "", "", None, None, f"could not be read: {reason}")
        report.add(item)
        if progress is not None:
            progress(n)
    return report


def _bytes_opener(raw: bytes) -> Opener:
    return lambda: io.BytesIO(raw)


def _one(
    conn: Connection,
    label: str,
    opener: Opener,
    index: Index,
    seen: set[str],
    today: dt.date,
    now: dt.datetime,
    dry_run: bool,
) -> Item:
    if not worth_reading(opener, index):
        return _skipped(label, opener)
    msg = scan(opener)
    found = match(msg, index)
    date = msg.date.date().isoformat() if msg.date else None
    base = Item(label, msg.message_id, msg.subject, msg.sender, found.ref, None, found.how,
                attachments=len(msg.attachments), date=date)  # fmt: skip
    if found.ref is None:
        return base
    from rights.store import cases_repo, inbox_repo

    if msg.key in seen or inbox_repo.known(conn, msg.key):
        base.duplicate, base.reason = True, "imported before: nothing new recorded"
        return base
    seen.add(msg.key)
    case = cases_repo.get_case(conn, found.ref)
    if case is None:  # deleted since the index was read
        base.ref, base.reason = None, f"case {found.ref} no longer exists"
        return base
    kind = classify(msg)
    event, note, data = decide(case, kind, msg)
    base.event = event
    base.reason = f"{found.how}; {kind.why}"
    if kind.kind in ("reply", "auto-reply") and not _from_company(conn, case, msg):
        base.flags.append(NOT_COMPANY)
        data["sender_flag"] = NOT_COMPANY
        note += f" ({NOT_COMPANY}: {msg.sender_domain or 'no domain'})"
    if not dry_run:
        _record(conn, case, opener, msg, event, note, data, today, now)
    return base


def _skipped(label: str, opener: Opener) -> Item:
    """An unmatched message known from its headers alone (nothing else was parsed)."""
    with opener() as fh:
        top = quick_headers(fh, ("message-id", "subject", "from"))
    ids = message_ids(top.get("message-id", ""))
    named = refs_in(top.get("subject", ""))
    reason = (
        f"reference {', '.join(named[:3])} is not one of your cases"
        if named
        else "no case reference in the subject, headers or text"
    )
    return Item(label, ids[0] if ids else "", top.get("subject", ""), top.get("from", ""),
                None, None, reason)  # fmt: skip


def decide(case: Case, kind: Kind, msg: Scanned) -> tuple[str, str, dict[str, Any]]:
    """The event a message of ``kind`` logs on ``case`` now, its note and its data.

    A bounce of a sent request -> ``bounced``; an automatic reply to a sent request ->
    ``acknowledged``; a reply while an answer is owed -> ``replied``; anything else (a
    notice, or a case in another state) -> ``note``, which changes nothing.
    """
    who = msg.sender or "an unknown sender"
    data: dict[str, Any] = {
        "inbox": {"message_id": msg.message_id, "sender": msg.sender, "subject": msg.subject}
    }
    if kind.kind == "bounce":
        data.update(status=kind.status, diagnostic=kind.diagnostic)
        data["final_recipient"] = kind.recipient
        note = f"bounced: {kind.status} {kind.diagnostic}".strip()
        if case.status == "sent":
            return "bounced", note, data
        return "note", f"{note} (the case is {case.status}: not marked bounced)", data
    if kind.kind == "notice":
        data.update(status=kind.status, diagnostic=kind.diagnostic)
        return "note", f"{kind.why} {kind.status}".strip() + f" from {who}", data
    if kind.kind == "auto-reply":
        note = f"automatic reply from {who}: {msg.subject} ({kind.why})"
        return ("acknowledged" if case.status == "sent" else "note"), note, data
    note = f"reply from {who}: {msg.subject}"
    return ("replied" if case.status in OWED_STATES else "note"), note, data


def _from_company(conn: Connection, case: Case, msg: Scanned) -> bool:
    """True when the sender's domain is the company's, or when that cannot be told."""
    from rights.store import cases_repo

    contacts = [case.recipient]
    for e in cases_repo.events_for(conn, case.ref):
        contacts += [str(e.data.get("contact") or ""), str(e.data.get("to") or "")]
    domains = domains_of(contacts)
    if not domains:
        return True
    return bool(msg.sender_domain) and same_organisation(msg.sender_domain, domains)


def _on_date(case: Case, msg: Scanned, today: dt.date) -> dt.date:
    """The message's date, kept between the day the request was sent and today."""
    day = msg.date.astimezone(dt.UTC).date() if msg.date else today
    day = min(day, today)
    if case.created_at is not None:  # never before the letter was written
        day = max(day, case.created_at.date())
    return max(day, case.sent_on) if case.sent_on else day


def _record(
    conn: Connection,
    case: Case,
    opener: Opener,
    msg: Scanned,
    event: str,
    note: str,
    data: dict[str, Any],
    today: dt.date,
    now: dt.datetime,
) -> None:
    """Store the message and its attachments, log the event and remember the key at once.

    A message up to ``SMALL`` bytes is held in memory and written in the event's own
    transaction (one commit each: an mbox of hundreds of replies imports in seconds); a
    larger one is streamed in first, invisible until that transaction completes it.
    """
    from rights.cases.log import Streamed, log_event
    from rights.law.load import data_folder
    from rights.store import attachments as att_store
    from rights.store import inbox_repo

    on_date = _on_date(case, msg, today)
    name = f"{event if event != 'note' else 'mail'}-{on_date.isoformat()}.eml"
    files = [(0, name)] + [(a.number, a.name) for a in msg.attachments]
    small = msg.size <= SMALL
    streamed: list[Streamed] = [] if small else _stream_in(conn, case.ref, opener, files, now)

    def remember(logged: Any) -> None:
        first = streamed[0][0] if streamed else None
        if small:
            for n, (number, content) in enumerate(_contents(opener, files)):
                att_id = att_store.insert_complete(
                    conn, case.ref, logged.id, files[n][1], content, now
                )
                first = att_id if number == 0 else first
        inbox_repo.record(
            conn, key=msg.key, ref=case.ref, event_id=logged.id, attachment_id=first,
            sender=msg.sender, subject=msg.subject, sent_at=msg.date, now=now,
        )  # fmt: skip

    log_event(
        conn, ref=case.ref, kind=event, on_date=on_date, today=today, now=now,
        root=data_folder(), note=note, data=data, streamed=streamed, also=remember,
    )  # fmt: skip


SMALL = 1024 * 1024
"""Messages up to this size are stored in the transaction of their event."""


def _contents(opener: Opener, files: list[tuple[int, str]]) -> Iterator[tuple[int, bytes]]:
    """(part number, bytes) of the whole message (0) and of each wanted part, in order."""
    with opener() as fh:
        yield 0, fh.read()
    wanted = {number for number, _ in files if number}
    if wanted:
        with opener() as fh:
            for part in mime.walk(fh):
                if part.number in wanted:
                    yield part.number, b"".join(part.body)


def _stream_in(
    conn: Connection, ref: str, opener: Opener, files: list[tuple[int, str]], now: dt.datetime
) -> list[tuple[int, int, str, str]]:
    """Stream the whole message and its wanted parts into the store (incomplete)."""
    from rights.store import attachments as att_store

    names = dict(files)
    streamed: list[tuple[int, int, str, str]] = []
    try:
        with opener() as fh:
            streamed.append((*att_store.store_stream(conn, ref, fh, now, name=names[0]), names[0]))
        if len(files) > 1:
            with opener() as fh:
                for part in mime.walk(fh):
                    if part.number in names and part.number:
                        name = names[part.number]
                        stored = att_store.store_stream(conn, ref, mime.as_stream(part.body), now,
                                                        name=name)  # fmt: skip
                        streamed.append((*stored, name))
    except BaseException:
        for att_id, *_ in streamed:
            att_store.delete(conn, att_id)
        raise
    return streamed
