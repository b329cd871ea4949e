"""Who the person is: the identity a profile holds. A plain dataclass, cheap to import."""

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
