"""The pydantic model of a json export (``rights import``): every field checked, all problems
reported at once as ``file: field.path: message``."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from rights.core.case import Case, CaseNotes, Event
from rights.core.vocabulary import STATES
from rights.errors import DataFileError

_REF = r"^R-[0-9A-Z]{4,12}$"


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
    company: str = Field(min_length=1)
    company_name: str = Field(min_length=1)
    right: str = Field(min_length=1)
    law: str = Field(min_length=1)
    lang: str
    via: str = Field(min_length=1)
    recipient: str = ""
    status: str
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
    data: dict[str, Any] = Field(default_factory=dict)
    events: list[EventIn] = Field(default_factory=list)
    attachments: list[AttachmentIn] = Field(default_factory=list)

    @field_validator("data")
    @classmethod
    def _known_notes(cls, value: dict[str, Any]) -> dict[str, Any]:
        CaseNotes.from_dict(value)  # the one definition of the notes: ValueError if malformed
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


def parse(raw: dict[str, Any], source: str) -> ExportIn:
    """Validate a decoded export; DataFileError listing every problem."""
    try:
        parsed = ExportIn.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "(top level)"
            lines.append(f"{source}: {where}: {err['msg']}")
        count = len(lines)
        raise DataFileError(
            "\n".join([f"the import file is not valid ({count} problem(s)):", *lines]),
            hint="nothing was imported",
        ) from None
    from collections import Counter

    dupes = sorted(r for r, n in Counter(c.ref for c in parsed.cases).items() if n > 1)
    if dupes:
        raise DataFileError(
            f"{source}: duplicate references: {', '.join(dupes)}", hint="nothing was imported"
        )
    return parsed
