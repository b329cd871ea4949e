"""Cases and events as stored: plain dataclasses, cheap to import on every command.

``Case.notes`` (``CaseNotes``) holds what request creation and the lifecycle remember about a
case beyond its columns; it is stored as one JSON object (the ``data`` column), and
``CaseNotes.to_dict`` / ``from_dict`` keep that object exactly as older versions wrote it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from rights.core.vocabulary import OWED_STATES, STATES

_STR_LISTS = ("categories", "disclosed", "due_notes")
_FLAGS = ("due_estimated", "extension_not_in_law", "due_contested", "with_objection")
_OPTIONAL_STR = ("controller_country", "agent", "client", "ground")
_RECORD_LISTS = ("bounces", "complaints")


@dataclass
class CaseNotes:
    """What a case remembers besides its columns; each field is one key of the stored JSON.

    A field is written back when it differs from its default or was recorded (read from the
    store, or named in ``present``), so a stored ``"controller_country": null`` or
    ``"categories": []`` stays; keys this version does not know are kept in ``extra``.
    """

    categories: list[str] = field(default_factory=list)
    """The company's directory categories when the request was made (re-checks, relisting)."""
    controller_country: str | None = None
    """Country whose public holidays count (``None``: weekends only)."""
    disclosed: list[str] = field(default_factory=list)
    """The identity fields the letter disclosed (follow-ups disclose no more)."""
    due_estimated: bool = False
    """The due date was estimated before sending (request creation)."""
    due_notes: list[str] = field(default_factory=list)
    """Notes on how the due date was computed."""
    reasons: dict[str, str] = field(default_factory=dict)
    """Why the law, language and channel were chosen: ``{"law", "lang", "via"}``."""
    agent: str | None = None
    """The authorised agent who sent the request, if any."""
    client: str | None = None
    """The agent's client (the person the request is for)."""
    ground: str | None = None
    """The erasure ground the letter named (GDPR Art. 17(1) point, ``a``..``f``), if any."""
    with_objection: bool = False
    """The erasure letter also objected to processing based on legitimate interests."""
    extension_not_in_law: bool = False
    """An ``extended`` event was logged though the law names no extension."""
    resume_status: str | None = None
    """The state to return to on ``info-given`` (set by ``needs-info``)."""
    info_asked_on: dt.date | None = None
    """When the company asked for information (``needs-info``)."""
    due_contested: bool = False
    """The company asked for information where the law does not pause the clock."""
    bounces: list[dict[str, str]] = field(default_factory=list)
    """Each bounce: ``{"date": ISO, "recipient": address}``."""
    complaints: list[dict[str, str]] = field(default_factory=list)
    """Each complaint: ``{"date": ISO, "regulator": id}``."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know (a newer version wrote them): kept as they are."""
    present: set[str] = field(default_factory=set, repr=False, compare=False)
    """Known keys written back even at their default value."""

    def forget(self, name: str) -> None:
        """Drop the key ``name``: back to its default, and not written back."""
        setattr(self, name, getattr(_DEFAULT, name))
        self.present.discard(name)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object to store (the ``data`` column, the json export's ``data``)."""
        out: dict[str, Any] = dict(self.extra)
        for name in NOTE_KEYS:
            value = getattr(self, name)
            if name in self.present or value != getattr(_DEFAULT, name):
                if isinstance(value, dt.date):
                    value = value.isoformat()
                elif isinstance(value, list):
                    value = [dict(v) if isinstance(v, dict) else v for v in value]
                elif isinstance(value, dict):
                    value = dict(value)
                out[name] = value
        return out

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> CaseNotes:
        """Notes from a stored (or imported) object; ValueError naming a malformed key."""
        if not isinstance(raw, dict):
            raise ValueError("expected an object")
        notes = cls(extra={k: v for k, v in raw.items() if k not in NOTE_KEYS})
        for name in NOTE_KEYS:
            if name in raw:
                setattr(notes, name, _checked(name, raw[name]))
                notes.present.add(name)
        return notes


NOTE_KEYS = tuple(f.name for f in fields(CaseNotes) if f.name not in ("extra", "present"))
"""The keys of the stored notes object this version knows."""
_DEFAULT = CaseNotes()

REQUEST_NOTES = frozenset(
    {"categories", "controller_country", "disclosed", "due_estimated", "due_notes", "reasons"}
)
"""The notes every new request records, even when empty (``CaseNotes.present``)."""


def _checked(name: str, value: Any) -> Any:
    """``value`` as the type of note ``name``; ValueError if it has another shape."""
    if name in _STR_LISTS:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        raise ValueError(f"{name}: expected a list of strings")
    if name in _FLAGS:
        if isinstance(value, bool):
            return value
        raise ValueError(f"{name}: expected true or false")
    if name in _OPTIONAL_STR:
        if value is None or isinstance(value, str):
            return value
        raise ValueError(f"{name}: expected a string or null")
    if name in _RECORD_LISTS:
        if isinstance(value, list) and all(_str_record(v) for v in value):
            return [dict(v) for v in value]
        raise ValueError(f"{name}: expected a list of objects of strings")
    if name == "reasons":
        if _str_record(value):
            return dict(value)
        raise ValueError("reasons: expected an object of strings")
    if name == "resume_status":
        if value is None or value in STATES:
            return value
        raise ValueError(f"resume_status: unknown status {value!r}")
    if name == "info_asked_on":
        try:
            return dt.date.fromisoformat(value) if value is not None else None
        except (TypeError, ValueError):
            raise ValueError("info_asked_on: expected a date YYYY-MM-DD") from None
    raise AssertionError(name)  # pragma: no cover - every key is handled above


def _str_record(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


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
    notes: CaseNotes = field(default_factory=CaseNotes)

    def is_overdue(self, today: dt.date) -> bool:
        """True when an answer is owed and its due date has passed."""
        return self.status in OWED_STATES and self.due is not None and today > self.due

    def days_left(self, today: dt.date) -> int | None:
        """Days until the due date (negative when overdue); None without a due date."""
        return (self.due - today).days if self.due else None


@dataclass
class Event:
    """Something that happened to a case, on a date, with an optional note.

    ``data`` is free-form per kind (``bounced``: recipient, contact_suspect; ``reminder``:
    days; ``complaint``: regulator, regulator_name; letters: letter, subject, body).
    """

    ref: str
    kind: str
    on_date: dt.date
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    created_at: dt.datetime | None = None
