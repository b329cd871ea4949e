"""What ``rights import`` refuses in an export file beyond its shape (the hostile-data rules).

- Control characters: no C0 character (U+0000-U+001F), DEL or C1 character (U+0080-U+009F)
  in any string of the file, keys included; a line break or tab only in ``body`` and
  ``note`` values (letters and event notes are multi-line). Terminal escapes (OSC 52,
  ESC[2J), carriage returns and NUL never reach the store.
- Event ``data``: the keys rights reads have their types (``days`` a whole number, ...);
  other keys hold JSON values at most ``MAX_DEPTH`` deep.
- Attachment names: a file name, never a path: no ``/`` or ``\\``, not ``.`` or ``..``,
  no NUL, at most ``MAX_NAME`` characters.
- Disclosure and agency (``ImportPolicy``): ``data.disclosed`` lists only identity fields
  a letter can disclose; ``data.agent`` is allowed only when it is the importing profile's
  own name (the importing profile is that agent's), and ``data.client`` only with an agent.

Each check returns problems as ``(path, message)``; the importer prints them with the
file name, one per line, and imports nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MULTILINE_KEYS = frozenset({"body", "note"})
"""String values under these keys may hold line breaks and tabs."""
MAX_DEPTH = 8
MAX_NAME = 255
EVENT_DATA_TYPES: dict[str, tuple[type, ...]] = {
    "days": (int,),
    "recheck_days": (int,),
    "recipient": (str,),
    "contact_suspect": (bool,),
    "regulator": (str,),
    "regulator_name": (str,),
    "letter": (str,),
    "subject": (str,),
    "body": (str,),
}
"""The event ``data`` keys rights reads back, with their JSON types."""
_TYPE_NAMES = {int: "a whole number", str: "a string", bool: "true or false"}

Problem = tuple[str, str]


def _bad_char(value: str, multiline: bool) -> str | None:
    for char in value:
        code = ord(char)
        if code < 32 or 127 <= code <= 159:
            if multiline and char in "\n\t":
                continue
            return f"U+{code:04X}"
    return None


def control_characters(raw: Any, path: tuple[str, ...] = ()) -> Iterator[Problem]:
    """Every string (or key) of ``raw`` holding a control character it may not hold."""
    if isinstance(raw, str):
        key = next((p for p in reversed(path) if not p.isdigit()), "")
        found = _bad_char(raw, key in MULTILINE_KEYS)
        if found:
            where = ".".join(path) or "(top level)"
            yield where, f"control character {found} is not allowed"
    elif isinstance(raw, dict):
        for key, value in raw.items():
            found = _bad_char(str(key), False)
            if found:
                where = ".".join((*path, "(key)"))
                yield where, f"control character {found} is not allowed in a key"
                continue
            yield from control_characters(value, (*path, str(key)))
    elif isinstance(raw, list):
        for n, value in enumerate(raw):
            yield from control_characters(value, (*path, str(n)))


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def check_event_data(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` of an imported event; ValueError naming the first key of the wrong type."""
    for key, types in EVENT_DATA_TYPES.items():
        if key not in data:
            continue
        value = data[key]
        # bool is an int in Python: never accept true for a number of days
        wrong = isinstance(value, bool) and bool not in types
        if wrong or not isinstance(value, types):
            raise ValueError(f"{key}: expected {_TYPE_NAMES[types[0]]}")
        if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= 3650:
            raise ValueError(f"{key}: expected a number of days from 0 to 3650")
    if _depth(data) > MAX_DEPTH:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
    return data


def check_attachment_name(name: str) -> str:
    """An imported attachment's name; ValueError unless it is a plain file name."""
    if "/" in name or "\\" in name:
        raise ValueError("an attachment name may not contain a path separator")
    if "\x00" in name:
        raise ValueError("an attachment name may not contain NUL")
    if name.strip() in (".", ".."):
        raise ValueError("an attachment name may not be '.' or '..'")
    if len(name) > MAX_NAME:
        raise ValueError(f"an attachment name has at most {MAX_NAME} characters")
    return name


@dataclass(frozen=True)
class ImportPolicy:
    """What the importing profile allows: its own name (the agent it may act as)."""

    own_name: str | None = None


def disclosure_problems(
    notes: dict[str, Any], where: str, policy: ImportPolicy
) -> Iterator[Problem]:
    """``disclosed`` outside the identity fields; ``agent``/``client`` the profile may not claim."""
    from rights.letters.disclosure import ORDER

    disclosed = notes.get("disclosed")
    listed = disclosed if isinstance(disclosed, list) else []
    unknown = sorted({str(f) for f in listed} - set(ORDER))
    if unknown:
        yield (
            f"{where}.data.disclosed",
            f"not identity fields: {', '.join(unknown)} (allowed: {', '.join(ORDER)})",
        )
    agent, client = notes.get("agent"), notes.get("client")
    if isinstance(agent, str) and agent and agent != policy.own_name:
        yield (
            f"{where}.data.agent",
            f"names agent {agent!r}, but the importing profile is not that agent's "
            "(import into the agent's profile, whose name is the agent's)",
        )
    if client and not agent:
        yield f"{where}.data.client", "a client without an agent"
