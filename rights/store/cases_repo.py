"""SQL for cases: requests, their events and attachments. Parameters are always bound.

Writers run inside the caller's ``transaction`` (they never commit on their own).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Iterable, Iterator
from typing import Any

from rights.core.case import Case, CaseNotes, Event
from rights.core.vocabulary import AWAITING_STATES, OWED_STATES
from rights.errors import StoreError
from rights.store.connect import Connection, in_transaction, inserted_id

_REF_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
_DATE_FIELDS = (
    "sent_on",
    "received_on",
    "due",
    "acknowledge_by",
    "extended_due",
    "recheck_on",
    "remind_by",
)
CASE_COLUMNS = (
    "ref",
    "company",
    "company_name",
    "right",
    "law",
    "lang",
    "via",
    "recipient",
    "status",
    "created_at",
    *_DATE_FIELDS,
    "received_estimated",
    "subject",
    "body",
    "data",  # Case.notes, as CaseNotes.to_dict() (always the last column)
)
_SELECT = f"SELECT {', '.join(CASE_COLUMNS)} FROM requests"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _case(row: tuple[Any, ...]) -> Case:
    values = dict(zip(CASE_COLUMNS, row, strict=True))
    for name in _DATE_FIELDS:
        values[name] = _date(values[name])
    values["created_at"] = dt.datetime.fromisoformat(values["created_at"])
    values["received_estimated"] = bool(values["received_estimated"])
    values["notes"] = CaseNotes.from_dict(json.loads(values.pop("data")))
    return Case(**values)


def _values(case: Case) -> dict[str, Any]:
    """A case's columns as they are stored (``created_at`` None when the case has none)."""
    values: dict[str, Any] = {name: getattr(case, name) for name in CASE_COLUMNS[:-1]}
    for name in _DATE_FIELDS:
        values[name] = values[name].isoformat() if values[name] else None
    values["created_at"] = case.created_at.isoformat() if case.created_at else None
    values["received_estimated"] = int(case.received_estimated)
    values["data"] = json.dumps(case.notes.to_dict(), sort_keys=True, ensure_ascii=False)
    return values


def _new_row(case: Case, now: dt.datetime | None) -> tuple[Any, ...]:
    values = _values(case)
    if values["created_at"] is None:
        if now is None:
            raise StoreError(f"internal error: case {case.ref} has no creation time")
        values["created_at"] = now.isoformat()
    return tuple(values[name] for name in CASE_COLUMNS)


def new_ref(conn: Connection, length: int = 4) -> str:
    """A fresh reference code such as ``R-7K3M`` (grows a character when codes run short)."""
    for attempt in range(40):
        size = length + attempt // 10
        ref = "R-" + "".join(secrets.choice(_REF_ALPHABET) for _ in range(size))
        if not conn.execute("SELECT 1 FROM requests WHERE ref = ?", (ref,)).fetchone():
            return ref
    raise StoreError("could not find a free reference code")


def insert_cases(
    conn: Connection, cases: Iterable[Case], *, now: dt.datetime | None = None
) -> None:
    """Store new cases (inside the caller's transaction).

    ``now`` is the creation time of a case that carries none (an imported old export).
    """
    marks = ", ".join("?" for _ in CASE_COLUMNS)
    in_transaction(conn, "insert_cases").executemany(
        f"INSERT INTO requests ({', '.join(CASE_COLUMNS)}) VALUES ({marks})",
        (_new_row(case, now) for case in cases),
    )


def update_case(conn: Connection, case: Case) -> None:
    """Write back every field of an existing case but its creation time (caller's
    transaction)."""
    names = [n for n in CASE_COLUMNS if n not in ("ref", "created_at")]
    row = _values(case)
    in_transaction(conn, "update_case").execute(
        f"UPDATE requests SET {', '.join(f'{n} = ?' for n in names)} WHERE ref = ?",
        (*[row[n] for n in names], case.ref),
    )


def get_case(conn: Connection, ref: str) -> Case | None:
    """One case by reference code, or None."""
    row = conn.execute(f"{_SELECT} WHERE ref = ?", (ref,)).fetchone()
    return _case(row) if row else None


def list_cases(
    conn: Connection,
    *,
    statuses: Iterable[str] | None = None,
    company: str | None = None,
    due_before: dt.date | None = None,
) -> list[Case]:
    """Cases, filtered, ordered by due date (cases without one last), then reference."""
    where, args = [], []
    if statuses is not None:
        wanted = list(statuses)
        where.append(f"status IN ({', '.join('?' for _ in wanted)})")
        args.extend(wanted)
    if company:
        where.append("company = ?")
        args.append(company)
    if due_before:
        where.append("due IS NOT NULL AND due < ?")
        args.append(due_before.isoformat())
    sql = _SELECT + (f" WHERE {' AND '.join(where)}" if where else "")
    sql += " ORDER BY due IS NULL, due, ref"
    return [_case(row) for row in conn.execute(sql, args)]


def iter_cases_with_events(
    conn: Connection, refs: Iterable[str] | None = None
) -> Iterator[tuple[Case, list[Event]]]:
    """Every case (or those in ``refs``) in list order (``list_cases``), each with its
    events, one at a time from one cursor: exports stream (what still grows with the store is
    SQLite's sort into list order, kept in memory by ``temp_store = MEMORY``)."""
    wanted = set(refs) if refs is not None else None
    rows = conn.execute(_SELECT + " ORDER BY due IS NULL, due, ref")
    for row in rows:
        if wanted is None or row[0] in wanted:
            yield _case(row), events_for(conn, row[0])


_LAST_EVENT = (
    "(SELECT {col} FROM events e WHERE e.ref = requests.ref ORDER BY on_date DESC, id DESC LIMIT 1)"
)
_SUMMARY = (
    "(SELECT count(*) FROM events e WHERE e.ref = requests.ref), "
    + _LAST_EVENT.format(col="kind")
    + ", "
    + _LAST_EVENT.format(col="on_date")
)


def iter_cases_with_summary(
    conn: Connection, refs: Iterable[str] | None = None
) -> Iterator[tuple[Case, int, str | None, dt.date | None]]:
    """Every case (or those in ``refs``) in list order with its number of events and the
    kind and date of its last one (None without events), from one cursor: what the csv and
    ics exports need, counted by SQLite on the ``events_ref`` index."""
    wanted = set(refs) if refs is not None else None
    rows = conn.execute(
        f"SELECT {', '.join(CASE_COLUMNS)}, {_SUMMARY} FROM requests ORDER BY due IS NULL, due, ref"
    )
    width = len(CASE_COLUMNS)
    for row in rows:
        if wanted is None or row[0] in wanted:
            count, kind, day = row[width:]
            yield _case(row[:width]), count, kind, _date(day)


def all_refs(conn: Connection) -> list[str]:
    """Every reference code (for 'did you mean')."""
    return [row[0] for row in conn.execute("SELECT ref FROM requests")]


def add_event(conn: Connection, event: Event, now: dt.datetime) -> int:
    """Store an event (inside the caller's transaction); return its id."""
    cur = in_transaction(conn, "add_event").execute(
        "INSERT INTO events (ref, kind, on_date, note, data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (
            event.ref,
            event.kind,
            event.on_date.isoformat(),
            event.note,
            json.dumps(event.data, sort_keys=True, ensure_ascii=False),
            now.isoformat(),
        ),
    )
    return inserted_id(cur)


def insert_events(conn: Connection, events: Iterable[Event], now: dt.datetime) -> None:
    """Store many events at once (caller's transaction): an import, a generated store.
    An event without ``created_at`` gets ``now``."""
    in_transaction(conn, "insert_events").executemany(
        "INSERT INTO events (ref, kind, on_date, note, data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (
            (
                e.ref,
                e.kind,
                e.on_date.isoformat(),
                e.note,
                json.dumps(e.data, sort_keys=True, ensure_ascii=False),
                (e.created_at or now).isoformat(),
            )
            for e in events
        ),
    )


def events_for(conn: Connection, ref: str) -> list[Event]:
    """A case's events in the order they happened."""
    rows = conn.execute(
        "SELECT id, ref, kind, on_date, note, data, created_at FROM events "
        "WHERE ref = ? ORDER BY on_date, id",
        (ref,),
    )
    return [_event(row) for row in rows]


def _event(row: tuple[Any, ...]) -> Event:
    event_id, ref, kind, on_date, note, data, created_at = row
    return Event(
        ref=ref,
        kind=kind,
        on_date=dt.date.fromisoformat(on_date),
        note=note,
        data=json.loads(data),
        id=event_id,
        created_at=dt.datetime.fromisoformat(created_at),
    )


def get_event(conn: Connection, event_id: int) -> Event | None:
    """One event by its id, or None."""
    row = conn.execute(
        "SELECT id, ref, kind, on_date, note, data, created_at FROM events WHERE id = ?",
        (event_id,),
    ).fetchone()
    return _event(row) if row else None


def due_row(conn: Connection, ref: str) -> tuple[Any, ...] | None:
    """The ``DUE_COLUMNS`` of one case (what a ``due`` item shows), or None."""
    return conn.execute(
        f"SELECT {', '.join(DUE_COLUMNS)} FROM requests WHERE ref = ?", (ref,)
    ).fetchone()


def iter_all_events(conn: Connection) -> Iterator[Event]:
    """Every event of every case (for exports), ordered by case then date."""
    rows = conn.execute(
        "SELECT id, ref, kind, on_date, note, data, created_at FROM events "
        "ORDER BY ref, on_date, id"
    )
    for row in rows:
        yield _event(row)


# --- what needs action (``rights due``): lean rows, one indexed query per kind ---------------

DUE_COLUMNS = ("ref", "company", "company_name", "right", "law", "status")
_OPEN = OWED_STATES
_AWAITING = AWAITING_STATES


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in values)


def due_rows(
    conn: Connection, today: dt.date, horizon: dt.date
) -> list[tuple[str, str, tuple[Any, ...]]]:
    """(kind, ISO date, row of DUE_COLUMNS) for everything dated on or before ``horizon``.

    Kinds: ``overdue`` (answer due before today), ``acknowledge`` (an acknowledgement owed),
    ``answer`` (due from today to the horizon), ``recheck``, ``reminder``.
    """
    cols = ", ".join(DUE_COLUMNS)
    end, start = horizon.isoformat(), today.isoformat()
    queries = (
        ("overdue", "due", f"status IN ({_marks(_OPEN)}) AND due < ?", (*_OPEN, start)),
        ("acknowledge", "acknowledge_by", "status = 'sent' AND acknowledge_by <= ?", (end,)),
        (
            "answer",
            "due",
            f"status IN ({_marks(_OPEN)}) AND due >= ? AND due <= ?",
            (*_OPEN, start, end),
        ),
        ("recheck", "recheck_on", "recheck_on IS NOT NULL AND recheck_on <= ?", (end,)),
        (
            "reminder",
            "remind_by",
            f"remind_by IS NOT NULL AND remind_by <= ? AND status IN ({_marks(_AWAITING)})",
            (end, *_AWAITING),
        ),
    )
    found: list[tuple[str, str, tuple[Any, ...]]] = []
    for kind, column, where, args in queries:
        sql = f"SELECT {column}, {cols} FROM requests WHERE {where} ORDER BY {column}, ref"
        for row in conn.execute(sql, args):
            found.append((kind, row[0], tuple(row[1:])))
    return found


def events_grouped(conn: Connection, refs: set[str] | None = None) -> dict[str, list[Event]]:
    """Every case's events in order, grouped by reference (all cases, or ``refs``)."""
    grouped: dict[str, list[Event]] = {}
    for event in iter_all_events(conn):
        if refs is None or event.ref in refs:
            grouped.setdefault(event.ref, []).append(event)
    return grouped


# --- ``rights list``: built by SQLite's JSON functions (C speed on 50,000 cases) ---------------
# The object below is contract.case_json in SQL: same keys, same order (sorted), same values;
# tests/cli/test_cases_cli.py checks the two agree on every state.

_CASE_JSON = """json_object(
    'acknowledge_by', r.acknowledge_by,
    'company', r.company,
    'company_name', r.company_name,
    'contested', json(CASE WHEN json_extract(r.data, '$.due_contested') THEN 'true'
                      ELSE 'false' END),
    'created_at', r.created_at,
    'days_left', CASE WHEN r.status IN ({owed}) AND r.due IS NOT NULL
                      THEN CAST(julianday(r.due) - julianday(:today) AS INTEGER) END,
    'due', r.due,
    'events', json(({events})),
    'extended_due', r.extended_due,
    'lang', r.lang,
    'law', r.law,
    'overdue', json(CASE WHEN r.status IN ({owed}) AND r.due < :today THEN 'true'
                    ELSE 'false' END),
    'received', r.received_on,
    'received_estimated', json(CASE WHEN r.received_estimated THEN 'true' ELSE 'false' END),
    'recheck_on', r.recheck_on,
    'recipient', r.recipient,
    'ref', r.ref,
    'remind_by', r.remind_by,
    'right', r.right,
    'sent', r.sent_on,
    'status', r.status,
    'subject', r.subject,
    'version', :version,
    'via', r.via
)"""
_EVENTS_JSON = """SELECT json_group_array(json_object(
        'data', json(data), 'date', on_date, 'id', id, 'kind', kind, 'note', note))
    FROM (SELECT data, on_date, id, kind, note FROM events e WHERE e.ref = r.ref
          ORDER BY on_date, id)"""
"""A case's events as one JSON array, in order (``[]`` when it has none): a correlated
subquery on the ``events_ref`` index, so no case's events wait in memory for another's."""
LIST_CACHE_KIB = 16 * 1024
"""The page cache of a ``list_json`` (KiB): the correlated events lookups read the same
pages again and again, and each read of a page not cached decrypts it. Measured on 50,000
cases: 2 MiB (SQLite's default) 2.1 s CPU, 16 MiB 1.2 s, 64 MiB 0.9 s with 50 MB more peak
memory (benchmarks/bench_scale.py). The sort into list order is held in memory besides
(``temp_store = MEMORY``: no unencrypted temporary files), about 0.7 KB a case."""


_OWED_SQL = ", ".join(f"'{s}'" for s in _OPEN)  # constants, never user input


def _filters(
    alias: str,
    today: dt.date,
    statuses: Iterable[str] | None,
    company: str | None,
    overdue_only: bool,
) -> tuple[str, dict[str, str]]:
    """A WHERE clause (or '') and its named parameters for the list filters."""
    where, args = [], {"today": today.isoformat()}
    if statuses is not None:
        names = []
        for n, status in enumerate(statuses):
            names.append(f":s{n}")
            args[f"s{n}"] = status
        where.append(f"{alias}status IN ({', '.join(names) or 'NULL'})")
    if company:
        where.append(f"{alias}company = :company")
        args["company"] = company
    if overdue_only:
        where.append(f"{alias}status IN ({_OWED_SQL}) AND {alias}due < :today")
    return (f" WHERE {' AND '.join(where)}" if where else ""), args


def list_json(
    conn: Connection,
    today: dt.date,
    *,
    version: int,
    statuses: Iterable[str] | None = None,
    company: str | None = None,
    overdue_only: bool = False,
) -> Iterator[str]:
    """Each case as a compact JSON object (``contract.case_json``'s contract, ``version`` its
    number), in list order, streamed from one cursor: a row is read when the caller asks for
    it (SQLite's sort into list order is the only part that grows with the store)."""
    clause, args = _filters("r.", today, statuses, company, overdue_only)
    sql = (
        f"SELECT {_CASE_JSON.format(owed=_OWED_SQL, events=_EVENTS_JSON)} FROM requests r"
        f"{clause} ORDER BY r.due IS NULL, r.due, r.ref"
    )
    conn.execute(f"PRAGMA cache_size = -{LIST_CACHE_KIB}")
    for (text,) in conn.execute(sql, {**args, "version": version}):
        yield text


def list_rows(
    conn: Connection,
    today: dt.date,
    *,
    statuses: Iterable[str] | None = None,
    company: str | None = None,
    overdue_only: bool = False,
) -> list[tuple[Any, ...]]:
    """The ``rights list`` table's columns: ref, company_name, right, law, status, sent_on,
    due, contested (0/1), days_left (None unless an answer is owed), overdue (0/1)."""
    clause, args = _filters("", today, statuses, company, overdue_only)
    sql = (
        "SELECT ref, company_name, right, law, status, sent_on, due, "
        "coalesce(json_extract(data, '$.due_contested'), 0), "
        f"CASE WHEN status IN ({_OWED_SQL}) AND due IS NOT NULL "
        "THEN CAST(julianday(due) - julianday(:today) AS INTEGER) END, "
        f"status IN ({_OWED_SQL}) AND due < :today "
        f"FROM requests{clause} ORDER BY due IS NULL, due, ref"
    )
    return list(conn.execute(sql, args))
