"""Cases and events as stored: plain dataclasses, cheap to import on every command."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rights.core.vocabulary import OWED_STATES


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
        return self.status in OWED_STATES and self.due is not None and today > self.due

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
