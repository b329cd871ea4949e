"""``rights inbox sync``: the mailbox's answers to the tool's requests, imported like saved
mail (``rights.inbox.importer``).

1. SEARCH the folder's subjects for the reference codes of the open cases (the server's
   substring match), leaving out the UIDs already seen under the folder's UIDVALIDITY;
2. the header check: each candidate's Subject, decoded here, must carry one of those codes
   as a whole word (``R-7K3M``, not ``R-7K3MX``);
3. fetch the rest in small batches (``BODY.PEEK[]``: nothing is marked read) and import
   each batch; only then are its UIDs recorded as seen (in the encrypted store), so a
   connection lost midway keeps what was imported and the next sync resumes after it —
   and the import itself is idempotent, so nothing is ever recorded twice;
4. with ``move_to``, the messages matched to a case are moved there. Nothing is ever
   deleted, and nothing moved without ``move_to``.

Takes explicit ``today``/``now``; prints nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rights.core.vocabulary import ENDED_STATES
from rights.store import repo
from rights.store.connect import transaction

if TYPE_CHECKING:
    from rights.inbox.imap import Mailbox
    from rights.inbox.imap_settings import ImapSettings
    from rights.store.connect import Connection

STATE_SETTING = "imap_seen"
BATCH = 20
"""Messages fetched and imported per step (the UIDs recorded after each)."""
_REF = re.compile(r"(?<![0-9A-Za-z])R-[0-9A-Z]{4,12}(?![0-9A-Za-z])")

Importer = Callable[..., Any]
"""``import_messages(conn, messages, *, today, now, dry_run, progress) -> ImportReport``."""


@dataclass
class SyncReport:
    """What a sync did. ``lost``: the connection dropped (what was imported is kept)."""

    folder: str
    uidvalidity: int = 0
    found: int = 0  # subjects the SEARCH matched
    seen_before: int = 0
    not_ours: int = 0  # failed the header check
    fetched: int = 0
    moved: int = 0
    dry_run: bool = False
    lost: str | None = None
    imports: list[Any] = field(default_factory=list)

    def imported(self) -> dict[str, Any]:
        """The import reports of every batch as one (lists joined, counts added)."""
        merged: dict[str, Any] = {}
        for report in self.imports:
            for key, value in report.to_json().items():
                if isinstance(value, list):
                    merged.setdefault(key, []).extend(value)
                elif isinstance(value, int) and not isinstance(value, bool):
                    merged[key] = merged.get(key, 0) + value
                else:
                    merged[key] = value
        return merged

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` object of ``rights inbox sync``."""
        return {
            "folder": self.folder,
            "uidvalidity": self.uidvalidity,
            "found": self.found,
            "seen_before": self.seen_before,
            "not_ours": self.not_ours,
            "fetched": self.fetched,
            "moved": self.moved,
            "dry_run": self.dry_run,
            "complete": self.lost is None,
            "lost": self.lost,
            "import": self.imported(),
        }


def open_refs(conn: Connection) -> list[str]:
    """The reference codes a reply may carry: every case not closed or abandoned."""
    rows = conn.execute(
        f"SELECT ref FROM requests WHERE status NOT IN ({', '.join('?' for _ in ENDED_STATES)})",
        ENDED_STATES,
    )
    return sorted(row[0] for row in rows)


def label(folder: str, uidvalidity: int, uid: int) -> str:
    """The source label of a message, as the import records it."""
    return f"imap:{folder}:{uidvalidity}:{uid}"


def refs_in_subject(raw_header: bytes, refs: set[str]) -> set[str]:
    """The codes of ``refs`` that the (RFC 2047-decoded) Subject carries as whole words."""
    from email import message_from_bytes, policy

    try:
        subject = str(message_from_bytes(raw_header, policy=policy.default).get("Subject", ""))
    except Exception:  # a header the parser cannot read: fall back to the raw text
        subject = raw_header.decode("utf-8", "replace")
    return {ref for ref in _REF.findall(subject) if ref in refs}


def load_seen(conn: Connection, folder: str, uidvalidity: int) -> set[int]:
    """The UIDs of ``folder`` already synced; none when its UIDVALIDITY changed (the old
    UIDs then name other messages)."""
    from rights.inbox.imap import parse_uid_set

    state = _state(conn).get(folder) or {}
    if state.get("uidvalidity") != uidvalidity:
        return set()
    return parse_uid_set(str(state.get("uids", "")))


def save_seen(conn: Connection, folder: str, uidvalidity: int, uids: set[int]) -> None:
    """Record the UIDs of ``folder`` seen under ``uidvalidity`` (one transaction)."""
    from rights.inbox.imap import uid_set

    with transaction(conn):
        state = _state(conn)
        state[folder] = {"uidvalidity": uidvalidity, "uids": uid_set(uids)}
        repo.set_setting(conn, STATE_SETTING, json.dumps(state, sort_keys=True))


def _state(conn: Connection) -> dict[str, Any]:
    raw = repo.get_setting(conn, STATE_SETTING)
    data = json.loads(raw) if raw else {}
    return data if isinstance(data, dict) else {}


def sync(
    conn: Connection,
    settings: ImapSettings,
    password: str | None,
    *,
    today: dt.date,
    now: dt.datetime,
    since: dt.date | None = None,
    dry_run: bool = False,
    move_to: str | None = None,
    importer: Importer | None = None,
    progress: Callable[[int], None] | None = None,
) -> SyncReport:
    """Import the folder's new messages that carry an open case's reference (see the
    module's steps). A lost connection ends the sync with ``lost`` set, keeping what was
    imported; other server errors propagate (DeliveryError)."""
    from rights.inbox import imap

    report = SyncReport(folder=settings.folder, dry_run=dry_run)
    refs = set(open_refs(conn))
    try:
        with imap.connect(settings, password) as box:
            if move_to:
                box.require_folder(move_to)
            report.uidvalidity = box.select(settings.folder, readonly=dry_run or not move_to)
            if refs:
                _run(conn, box, report, refs, since, move_to, importer, today, now, progress)
    except imap.ConnectionLost as exc:
        report.lost = exc.message
    return report


def _default_importer() -> Importer:
    """The saved-mail import (``rights.inbox.importer.import_messages``)."""
    import importlib

    found: Importer = importlib.import_module("rights.inbox.importer").import_messages
    return found


def _run(
    conn: Connection,
    box: Mailbox,
    report: SyncReport,
    refs: set[str],
    since: dt.date | None,
    move_to: str | None,
    importer: Importer | None,
    today: dt.date,
    now: dt.datetime,
    progress: Callable[[int], None] | None,
) -> None:
    folder, validity = report.folder, report.uidvalidity
    seen = load_seen(conn, folder, validity)
    found = box.search_subjects(refs, since)
    report.found = len(found)
    new = [uid for uid in found if uid not in seen]
    report.seen_before = report.found - len(new)
    subjects = box.subjects(new)
    ours = [uid for uid in new if refs_in_subject(subjects.get(uid, b""), refs)]
    report.not_ours = len(new) - len(ours)
    if not report.dry_run and report.not_ours:
        seen |= set(new) - set(ours)
        save_seen(conn, folder, validity, seen)
    from rights.inbox.imap import ConnectionLost

    for start in range(0, len(ours), BATCH):
        batch: list[tuple[int, bytes]] = []
        try:
            batch.extend(box.fetch(ours[start : start + BATCH]))
        except ConnectionLost:  # what came in is still imported and recorded (not moved)
            _import(conn, box, report, batch, seen, None, importer, today, now, progress)
            raise
        _import(conn, box, report, batch, seen, move_to, importer, today, now, progress)


def _import(
    conn: Connection,
    box: Mailbox,
    report: SyncReport,
    batch: list[tuple[int, bytes]],
    seen: set[int],
    move_to: str | None,
    importer: Importer | None,
    today: dt.date,
    now: dt.datetime,
    progress: Callable[[int], None] | None,
) -> None:
    if not batch:
        return
    importer = importer or _default_importer()  # loaded only when there is mail to import
    folder, validity = report.folder, report.uidvalidity
    labelled = {label(folder, validity, uid): uid for uid, _ in batch}
    messages = [(label(folder, validity, uid), raw) for uid, raw in batch]
    result = importer(conn, messages, today=today, now=now, dry_run=report.dry_run,
                      progress=progress)  # fmt: skip
    report.imports.append(result)
    report.fetched += len(batch)
    if report.dry_run:
        return
    seen.update(uid for uid, _ in batch)
    save_seen(conn, folder, validity, seen)
    if move_to:
        matched = [uid for name, uid in labelled.items() if name in matched_labels(result)]
        box.move(matched, move_to)
        report.moved += len(matched)


def matched_labels(result: Any) -> set[str]:
    """The source labels of the messages an import report matched to a case (any entry of
    its ``matched`` list that names the label)."""
    found: set[str] = set()
    for entry in result.to_json().get("matched", []):
        text = json.dumps(entry, sort_keys=True) if not isinstance(entry, str) else entry
        found.update(m.group(0) for m in re.finditer(r"imap:[^\"\s]+:\d+:\d+", text))
    return found
