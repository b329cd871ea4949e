"""Domain models kept in the store. Plain dataclasses: cheap to import on every command."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class Identity:
    """Who the person is, as far as letters need it. Every field is optional."""

    full_name: str | None = None
    other_names: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    birth_date: dt.date | None = None
    country: str | None = None
    region: str | None = None
    accounts: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ISO dates, every field present."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["birth_date"] = self.birth_date.isoformat() if self.birth_date else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Identity:
        """Read back what ``to_dict`` wrote (unknown keys are ignored)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if values.get("birth_date"):
            values["birth_date"] = dt.date.fromisoformat(values["birth_date"])
        return cls(**values)

    def is_empty(self) -> bool:
        """True when no field holds a value."""
        return not any(getattr(self, f.name) for f in fields(self))


# --- cases ----------------------------------------------------------------------------------

OPEN_STATES = ("sent", "acknowledged", "extended", "partial", "needs-info", "escalated")
"""States in which the company still owes an answer (a case can be overdue only in these)."""

STATES = (
    "draft",
    "sent",
    "acknowledged",
    "extended",
    "fulfilled",
    "partial",
    "refused",
    "needs-info",
    "escalated",
    "closed",
    "abandoned",
)


@dataclass
class Case:
    """A request and where it stands. ``overdue`` is derived, never stored."""

    ref: str
    company: str
    company_name: str
    right: str
    law: str
    lang: str
    via: str
    status: str = "draft"
    recipient: str = ""
    created_at: dt.datetime | None = None
    sent_on: dt.date | None = None
    received_on: dt.date | None = None
    received_estimated: bool = False
    due: dt.date | None = None
    acknowledge_by: dt.date | None = None
    extended_due: dt.date | None = None
    recheck_on: dt.date | None = None
    remind_by: dt.date | None = None
    subject: str = ""
    body: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def is_overdue(self, today: dt.date) -> bool:
        """True when an answer is owed and its due date has passed."""
        return self.status in OPEN_STATES and self.due is not None and today > self.due

    def days_left(self, today: dt.date) -> int | None:
        """Days until the due date (negative when overdue); None without a due date."""
        return (self.due - today).days if self.due else None


@dataclass
class Event:
    """Something that happened to a case, on a date, with an optional note."""

    ref: str
    kind: str
    on_date: dt.date
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    created_at: dt.datetime | None = None
