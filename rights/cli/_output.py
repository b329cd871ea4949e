"""Output: data to stdout, messages to stderr; JSON with sorted keys; colour only on a TTY."""

import json
import os
import sys
from collections.abc import Sequence
from typing import Any

JSON_VERSION = 1


def _colour(stream: Any) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


def emit_json(data: Any) -> None:
    """Print ``data`` as JSON: sorted keys, ISO dates, UTF-8, one trailing newline."""
    sys.stdout.write(json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False, default=str))
    sys.stdout.write("\n")


def out(text: str = "") -> None:
    """A line of data on stdout (never interpreted as markup)."""
    sys.stdout.write(text + "\n")


def note(text: str) -> None:
    """A progress or status message on stderr."""
    sys.stderr.write(text + "\n")


def error(message: str, hint: str | None = None) -> None:
    """The one error line (red on a terminal) and an optional hint, on stderr."""
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
    """A plain aligned table on stdout (no markup, so '[EU]' in a name stays)."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = ["  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.extend(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
    sys.stdout.write("\n".join(lines) + "\n")
