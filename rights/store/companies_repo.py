"""SQL for the user's own companies and the contact flags (bounced addresses).

Parameters are always bound. Records are stored as the JSON of ``Company``. Writers run
inside the caller's ``transaction`` (they never commit on their own).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from rights.core.company import Company
from rights.store.connect import Connection, in_transaction

FLAG_STATUSES = ("bounced", "ok")


@dataclass(frozen=True)
class ContactFlag:
    """A note that an address of a company failed (or works again)."""

    slug: str
    address: str
    status: str
    noted_at: str
    note: str | None


def list_companies(conn: Connection) -> list[Company]:
    """Every company the user added, edited or imported, by slug."""
    rows = conn.execute("SELECT data FROM user_companies ORDER BY slug").fetchall()
    return [Company.model_validate_json(row[0]) for row in rows]


def get_company(conn: Connection, slug: str) -> Company | None:
    """The user's record ``slug``, or None."""
    row = conn.execute("SELECT data FROM user_companies WHERE slug = ?", (slug,)).fetchone()
    return Company.model_validate_json(row[0]) if row else None


def put_companies(conn: Connection, companies: list[Company], now: dt.datetime) -> None:
    """Insert or replace records (inside the caller's transaction)."""
    in_transaction(conn, "put_companies")
    for company in companies:
        data = json.dumps(company.to_json(), sort_keys=True, ensure_ascii=False)
        conn.execute(
            "INSERT INTO user_companies (slug, data, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (slug) DO UPDATE SET data = excluded.data, "
            "updated_at = excluded.updated_at",
            (company.slug, data, now.isoformat()),
        )


def delete_company(conn: Connection, slug: str) -> bool:
    """Remove the user's record ``slug``; True if there was one (caller's transaction)."""
    cur = in_transaction(conn, "delete_company").execute(
        "DELETE FROM user_companies WHERE slug = ?", (slug,)
    )
    return bool(cur.rowcount)


def flag_contact(
    conn: Connection, slug: str, address: str, status: str, now: dt.datetime, note: str | None
) -> None:
    """Record that ``address`` of ``slug`` bounced (or is ``ok`` again), in the caller's
    transaction."""
    in_transaction(conn, "flag_contact").execute(
        "INSERT INTO contact_flags (slug, address, status, noted_at, note) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (slug, address) DO UPDATE SET "
        "status = excluded.status, noted_at = excluded.noted_at, note = excluded.note",
        (slug, address, status, now.isoformat(), note),
    )


def contact_flags(conn: Connection, slug: str | None = None) -> list[ContactFlag]:
    """Flags of one company, or of all, oldest first."""
    sql = "SELECT slug, address, status, noted_at, note FROM contact_flags"
    args: tuple[str, ...] = ()
    if slug is not None:
        sql += " WHERE slug = ?"
        args = (slug,)
    rows = conn.execute(sql + " ORDER BY noted_at, slug, address", args).fetchall()
    return [ContactFlag(*row) for row in rows]


def suspect_contacts(conn: Connection, slug: str) -> dict[str, ContactFlag]:
    """Addresses of ``slug`` the user marked as bounced: address -> flag.

    Request creation calls this to warn before sending to a dead address.
    """
    return {f.address: f for f in contact_flags(conn, slug) if f.status == "bounced"}
