"""Output: data to stdout, messages to stderr; JSON with sorted keys; colour only on a TTY.

Every line printed here goes through :func:`clean` first: company names, notes, addresses
and attachment names come from other people's data, and a terminal obeys the escape
sequences in them (OSC 52 sets the clipboard, ESC[2J clears the screen, a bare CR
overwrites the line). ``--json`` output keeps the values exact: JSON escapes them.
"""

import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

JSON_VERSION = 1
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides/isolates."""
_UNSAFE_IN_CELL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_OWN_COLOUR = re.compile("(\x1b\\[31m|\x1b\\[0m)")
"""The only escape sequences the CLI writes itself (red, reset), kept on a colour TTY."""
_C1_IN_JSON = re.compile("[\x7f-\x9f]")
REPLACEMENT = "\ufffd"


def clean(text: str, *, cell: bool = False, keep_colour: bool = False) -> str:
    """``text`` safe for a terminal: every control character (newline kept, but in a
    table ``cell``) becomes U+FFFD and a tab a space; ``keep_colour`` keeps our own red."""
    pattern = _UNSAFE_IN_CELL if cell else _UNSAFE

    def one(piece: str) -> str:
        piece = piece.replace("\t", " ")
        return pattern.sub(REPLACEMENT, piece.replace("\n", " ") if cell else piece)

    if not keep_colour:
        return one(text)
    return "".join(p if _OWN_COLOUR.fullmatch(p) else one(p) for p in _OWN_COLOUR.split(text))


def _colour(stream: Any) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


def emit_json(data: Any) -> None:
    """Print ``data`` as JSON: sorted keys, ISO dates, UTF-8, one trailing newline.

    DEL and the C1 controls, which JSON may carry raw, are written as ``\\u`` escapes
    (the same JSON value), so no escape sequence reaches a terminal."""
    text = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False, default=str)
    emit_json_text(text + "\n")


def emit_json_text(text: str) -> None:
    """Print JSON text built elsewhere (the store's fast list), with the same escaping of
    DEL and the C1 controls as ``emit_json``."""
    sys.stdout.write(_C1_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def out(text: str = "") -> None:
    """A line of data on stdout (never interpreted as markup; controls stripped)."""
    sys.stdout.write(clean(text) + "\n")


def note(text: str) -> None:
    """A progress or status message on stderr (controls stripped)."""
    sys.stderr.write(clean(text) + "\n")


def error(message: str, hint: str | None = None) -> None:
    """The one error line (red on a terminal) and an optional hint, on stderr."""
    message = clean(message)
    hint = clean(hint) if hint else hint
    if _colour(sys.stderr):
        sys.stderr.write(f"\x1b[31merror:\x1b[0m {message}\n")
    else:
        sys.stderr.write(f"error: {message}\n")
    if hint:
        sys.stderr.write(f"hint: {hint}\n")


def fields(rows: Sequence[tuple[str, str]]) -> None:
    """Print ``label: value`` pairs aligned, one per line, on stdout."""
    width = max((len(label) for label, _ in rows), default=0)
    for label, value in rows:
        out(f"{label + ':':<{width + 1}} {value}")


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain aligned table on stdout (no markup, so '[EU]' in a name stays; controls
    and line breaks in a cell stripped, our own red kept on a colour terminal)."""
    keep = _colour(sys.stdout)
    rows = [[clean(cell, cell=True, keep_colour=keep) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = ["  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.extend(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
    sys.stdout.write("\n".join(lines) + "\n")
