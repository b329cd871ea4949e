"""Working on stored cases: find one, log an event with its attachments, record DROP.

This module joins the pure lifecycle (``rights.cases.lifecycle``), the laws (``rights.law.model``,
loaded only when a date must be computed) and the store (``rights.store``). ``today`` and
``now`` are arguments; nothing here reads the clock or prints.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.cases import lifecycle
from rights.core.case import Case, Event
from rights.errors import NotFoundError
from rights.store import attachments as att_store
from rights.store import cases_repo
from rights.store.connect import Connection, transaction

if TYPE_CHECKING:
    from rights.law.deadlines import Rule

Streamed = tuple[int, int, str, str]
"""An attachment streamed before its event: (attachment id, size, SHA-256, name)."""


def normalise_ref(ref: str) -> str:
    """``r-7k3m`` and ``7K3M`` both mean ``R-7K3M``."""
    value = ref.strip().upper()
    return value if value.startswith("R-") else f"R-{value}"


def find_case(conn: Connection, ref: str) -> Case:
    """The case with reference ``ref``; NotFoundError naming the closest references."""
    wanted = normalise_ref(ref)
    case = cases_repo.get_case(conn, wanted)
    if case is not None:
        return case
    close = sorted(difflib.get_close_matches(wanted, cases_repo.all_refs(conn), n=3, cutoff=0.5))
    hint = f"did you mean: {', '.join(close)}?" if close else "list your cases with: rights list"
    raise NotFoundError(f"no case {ref!r}", hint=hint)


def rule_for(case: Case, root: Path) -> Rule | None:
    """The deadline rule of a case: DROP's, or its law's for its right (None if unknown)."""
    from rights.law import load as jurisdictions

    try:
        law = jurisdictions.load_law(root, case.law)
    except NotFoundError:
        return None
    if case.via == lifecycle.DROP_VIA:
        mechanism = law.mechanism(lifecycle.DROP_VIA)
        return mechanism.deadline_rule() if mechanism else None
    if case.right not in law.rights:
        return None
    return law.deadline_rule(case.right)


@dataclass
class Logged:
    """What ``log_event`` did: the case after the event, the event's id, the attachments."""

    case: Case
    event: Event
    attachments: list[tuple[str, int]] = field(default_factory=list)  # (name, size)
    suspect_contact: dict[str, str] | None = None


def log_event(
    conn: Connection,
    *,
    ref: str,
    kind: str,
    on_date: dt.date,
    today: dt.date,
    now: dt.datetime,
    root: Path,
    note: str = "",
    attach: list[Path] | None = None,
    data: dict[str, Any] | None = None,
    streamed: Sequence[Streamed] = (),
    also: Callable[[Event], None] | None = None,
) -> Logged:
    """Log ``kind`` on case ``ref``: check it, stream attachments, store event and case.

    Everything is checked before anything is written (the transition, the date, every
    attachment path). Attachments are streamed first, invisible until the one transaction
    that stores the event and the case marks them complete; on any failure they are removed.
    The controller's country for public holidays is ``case.notes.controller_country``.
    A ``bounced`` event marks the case's recipient address suspect in the company directory
    (``companies_repo.flag_contact``): search and show warn, and new requests avoid it.
    An event dated before the letter's date is refused.
    ``streamed``: attachments the caller streamed already (``store_stream``: id, size,
    SHA-256, name), completed with the event or deleted on failure; ``also`` writes the
    caller's own rows in the event's transaction (the inbox's record of a message).
    """
    case = find_case(conn, ref)
    event = Event(ref=case.ref, kind=kind, on_date=on_date, note=note, data=dict(data or {}))
    files = _check(case, event, today, attach or [])
    lifecycle.check_after_letter(case, kind, on_date)
    needs_rule = kind in ("sent", "delivered", "needs-info", "info-given")
    needs_rule = needs_rule or case.via == lifecycle.DROP_VIA
    rule = rule_for(case, root) if needs_rule else None
    updated = lifecycle.apply_event(case, event, rule, case.notes.controller_country, today)
    stored = _store(conn, event, updated, files, now, streamed, also)
    suspect = lifecycle.bounced_contact(updated, event)
    if suspect and suspect["recipient"]:
        from rights.store import companies_repo

        reason = note or f"bounced: {case.ref} ({on_date.isoformat()})"
        with transaction(conn):
            companies_repo.flag_contact(
                conn, suspect["company"], suspect["recipient"], "bounced", now, reason
            )
    return Logged(updated, event, stored, suspect)


def _check(case: Case, event: Event, today: dt.date, attach: list[Path]) -> list[Path]:
    """Check the event on ``case`` and every attachment path; fill a bounce's data."""
    lifecycle.check_transition(case, event.kind)
    lifecycle.check_date(case, event.on_date, today, event.kind)
    files = list(attach)
    for path in files:
        att_store.check_source(path)
    if event.kind == "bounced":
        event.data.setdefault("recipient", case.recipient)
        event.data.setdefault("contact_suspect", True)
    return files


def _store(
    conn: Connection,
    event: Event,
    updated: Case,
    files: list[Path],
    now: dt.datetime,
    streamed: Sequence[Streamed] = (),
    also: Callable[[Event], None] | None = None,
) -> list[tuple[str, int]]:
    """Stream the attachments, then store event, case and attachments in one transaction.

    Sets ``event.id``; returns (name, size) of each attachment. On any failure the streamed
    attachments are deleted and the error goes on.
    """
    stored: list[Streamed] = list(streamed)
    try:
        att_store.clean_abandoned(conn)
        for path in files:
            att_id, size, digest = att_store.store_file(conn, updated.ref, path, now)
            stored.append((att_id, size, digest, path.name))
        with transaction(conn):
            event.id = cases_repo.add_event(conn, event, now)
            cases_repo.update_case(conn, updated)
            for att_id, size, digest, _ in stored:
                att_store.finish(conn, att_id, event.id, size, digest)
            if also is not None:
                also(event)
    except BaseException:
        for att_id, *_ in stored:
            att_store.delete(conn, att_id)
        raise
    return [(name, size) for _, size, _, name in stored]


def create_drop_case(
    conn: Connection, *, submitted: dt.date, today: dt.date, now: dt.datetime
) -> Case:
    """Record a DROP submission as a case, sent on ``submitted``; return it."""
    from rights.law.load import data_folder

    ref = cases_repo.new_ref(conn)
    draft = lifecycle.drop_case(ref, now)
    lifecycle.check_date(draft, submitted, today, "sent")
    event = Event(ref=ref, kind="sent", on_date=submitted, note="submitted on DROP")
    sent = lifecycle.apply_event(draft, event, rule_for(draft, data_folder()), None, today)
    with transaction(conn):
        cases_repo.insert_cases(conn, [sent])
        cases_repo.add_event(conn, event, now)
    return sent


def save_attachment(conn: Connection, ref: str, number: int, dest: Path, *, force: bool) -> int:
    """Write attachment ``number`` of case ``ref`` to ``dest`` (0600), streamed; return size.

    Written to a temp file beside ``dest``, checked against the stored SHA-256, then renamed:
    ``dest`` is never left half-written. Refuses to overwrite unless ``force``.
    """
    from rights.errors import InputError
    from rights.files import refuse_existing

    case = find_case(conn, ref)
    files = att_store.list_for(conn, case.ref)
    if not 1 <= number <= len(files):
        listing = f"it has {len(files)}" if files else "it has none"
        raise NotFoundError(f"{case.ref} has no attachment #{number}", hint=listing)
    dest = dest.expanduser()
    if dest.is_dir():
        raise InputError(f"{dest} is a folder", hint="name the file to write")
    refuse_existing(dest, overwrite=force)
    return _write_checked(
        conn, files[number - 1], dest, f"attachment #{number} of {case.ref}", force=force
    )


def _write_checked(
    conn: Connection, found: att_store.Attachment, dest: Path, what: str, *, force: bool
) -> int:
    """Stream ``found`` into ``dest`` (through ``files.atomic_file``: a private temp file,
    renamed only when complete), checking its SHA-256 and size before the rename."""
    import hashlib

    from rights.errors import StoreDamagedError
    from rights.files import atomic_file

    digest = hashlib.sha256()
    size = 0
    with atomic_file(dest, overwrite=force) as fh:
        for block in att_store.iter_chunks(conn, found.id):
            digest.update(block)
            size += len(block)
            fh.write(block)
        if digest.hexdigest() != found.sha256 or size != found.size:
            raise StoreDamagedError(
                f"{what} does not match its checksum", hint="run 'rights store verify'"
            )
    return size


def drop_pointer(root: Path, country: str | None, region: str | None) -> dict[str, Any] | None:
    """For a California resident, what DROP is (from ccpa.json's ``drop`` mechanism, with
    the facts' evidence tags); None for anyone else. Request creation and the wizard show it.

    ``url`` is the mechanism's address in the law file; ``source`` the statute and the law
    file it comes from. A law file without the address says so instead of a bare None.
    """
    from rights.cases.drop import is_california_resident

    if not is_california_resident(country, region):
        return None
    from rights.law import load as jurisdictions
    from rights.law.model import fact_text

    law = jurisdictions.load_law(root, "ccpa")
    mechanism = next((m for m in law.mechanisms if m.id == "drop"), None)
    if mechanism is None:
        return None
    return {
        "id": mechanism.id,
        "name": mechanism.name,
        "citation": mechanism.citation,
        "url": mechanism.url or "the CPPA's DROP site (its address is missing from ccpa.json)",
        "source": f"{mechanism.citation}; jurisdictions/ccpa.json (reviewed {law.last_reviewed})",
        "facts": [fact_text(f) for f in mechanism.facts],
        "record_with": "rights drop --date YYYY-MM-DD",
    }
