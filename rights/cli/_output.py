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
from collections.abc import Iterable, Sequence
from typing import Any

JSON_VERSION = 2
"""The ``--json`` contract version (``rights.cases.contract.VERSION``, docs/cli.md): every
top-level object, and every object of a top-level array, carries ``"version"``."""
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


def versioned(data: Any) -> Any:
    """``data`` with ``"version": JSON_VERSION`` in its top-level object, or in each object
    of a top-level array (a list keeps its shape: scripts iterate it)."""
    if isinstance(data, dict):
        return data | {"version": JSON_VERSION}
    if isinstance(data, list | tuple):
        return [versioned(item) if isinstance(item, dict) else item for item in data]
    return data


def _dumps(data: Any, indent: int | None = None) -> str:
    return json.dumps(data, sort_keys=True, indent=indent, ensure_ascii=False, default=str)


def emit_json(data: Any) -> None:
    """Print ``data`` as JSON: sorted keys, ISO dates, UTF-8, one trailing newline, the
    ``version`` key added (``versioned``). Small documents only: indented, so Python's own
    encoder runs; a long list goes through ``emit_json_lines``.

    DEL and the C1 controls, which JSON may carry raw, are written as ``\\u`` escapes
    (the same JSON value), so no escape sequence reaches a terminal."""
    emit_json_text(_dumps(versioned(data), indent=2) + "\n")


def emit_json_lines(data: dict[str, Any], key: str) -> None:
    """Print the object ``data`` (``version`` added) with the list under ``key`` written one
    compact item per line by the C encoder, item after item, the other keys on the first
    and last lines, all sorted: ``{"items": [\\n{...},\\n{...}\\n], "today": ...}``."""
    if not isinstance(data.get(key), list):
        emit_json(data)
        return
    data = versioned(data)
    pieces: list[str] = []
    for n, name in enumerate(sorted(data)):
        sep = ", " if n else ""
        if name != key:
            pieces.append(f"{sep}{_dumps(name)}: {_dumps(data[name])}")
            continue
        emit_json_text("{" + "".join(pieces) + f"{sep}{_dumps(name)}: [")
        pieces = []
        first = True
        for item in data[name]:
            emit_json_text(("\n" if first else ",\n") + _dumps(item))
            first = False
        pieces.append("]" if first else "\n]")
    emit_json_text("".join(pieces) + "}\n")


def emit_json_text(text: str | Iterable[str]) -> None:
    """Print JSON text built elsewhere (the store's fast list), a string or its pieces one
    after another (streamed), with the same escaping of DEL and the C1 controls as
    ``emit_json``."""
    for piece in [text] if isinstance(text, str) else text:
        sys.stdout.write(_C1_IN_JSON.sub(_escape_c1, piece))


def _escape_c1(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


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


def terminal_width() -> int | None:
    """The width tables must fit: ``COLUMNS`` when set, else the terminal's own width; None
    when stdout is no terminal (a pipe or a file gets whole cells)."""
    raw = os.environ.get("COLUMNS", "")
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    if getattr(sys.stdout, "isatty", lambda: False)():
        import shutil

        return shutil.get_terminal_size().columns
    return None


def _visible(cell: str) -> int:
    """Columns a cell takes on a terminal: our colour codes take none, wide (CJK) two."""
    import unicodedata

    text = _OWN_COLOUR.sub("", cell)
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(cell: str, width: int) -> str:
    """``cell`` cut to ``width`` columns, ending in an ellipsis when something was cut."""
    if _visible(cell) <= width:
        return cell
    plain = _OWN_COLOUR.sub("", cell)
    while plain and _visible(plain) > width - 1:
        plain = plain[:-1]
    return plain.rstrip() + "\u2026"


_MIN_CUT = 8
"""No column is cut below this width (or its header's)."""
WHOLE = ("ref", "slug", "id", "pack", "next")
"""Columns never cut: what a next command needs typed in full (and the command itself)."""


def _fit(
    headers: Sequence[str], rows: list[list[str]], limit: int | None, optional: Sequence[str]
) -> tuple[list[str], list[list[str]], list[int]]:
    """Headers, rows and widths that fit ``limit`` columns: the ``optional`` columns are
    dropped first (in their order), a whole column (``WHOLE``) is as wide as most of its
    cells, at most a third of the width (a longer one goes on a line of its own, see
    ``table``), then the widest other
    columns are cut."""
    headers = list(headers)

    def widths() -> list[int]:
        found = [len(h) for h in headers]
        for row in rows:
            found = [max(w, _visible(c)) for w, c in zip(found, row, strict=True)]
        return found

    def total(ws: list[int]) -> int:
        return sum(ws) + 2 * (len(ws) - 1)

    ws = widths()
    if limit is None or total(ws) <= limit:
        return headers, rows, ws
    for name in optional:
        if name in headers and total(ws) > limit:
            i = headers.index(name)
            del headers[i]
            rows = [row[:i] + row[i + 1 :] for row in rows]
            ws = widths()
    last = len(headers) - 1
    for i, name in enumerate(headers):
        if name in WHOLE and total(ws) > limit and rows:
            sizes = sorted(_visible(row[i]) for row in rows)
            cap = limit // 3
            if i == last:  # the last column may take what the others leave at their floors
                others = [min(w, max(_MIN_CUT, len(h))) for w, h in zip(ws, headers, strict=True)]
                cap = max(cap, limit - sum(others[:last]) - 2 * last)
            ws[i] = max(len(name), min(sizes[-1], cap))
    while total(ws) > limit:
        floors = [ws[k] if h in WHOLE else max(_MIN_CUT, len(h)) for k, h in enumerate(headers)]
        excess = [w - f for w, f in zip(ws, floors, strict=True)]
        i = max(range(len(ws)), key=lambda k: excess[k])
        if excess[i] <= 0:
            break  # nothing left to cut: the table stays wider
        runner_up = max((e for k, e in enumerate(excess) if k != i), default=0)
        ws[i] -= min(total(ws) - limit, max(1, excess[i] - max(runner_up, 0)))
    for i, name in enumerate(headers):
        if name not in WHOLE:
            rows = [[*row[:i], _cut(row[i], ws[i]), *row[i + 1 :]] for row in rows]
    return headers, rows, ws


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, optional: Sequence[str] = ()
) -> None:
    """A plain aligned table on stdout (no markup, so '[EU]' in a name stays; controls
    and line breaks in a cell stripped, our own red kept on a colour terminal).

    On a terminal (or with ``COLUMNS``) it fits the width: the ``optional`` columns (header
    names, least useful first) go first, then the widest cells are cut with an ellipsis.
    Piped, every cell stays whole."""
    keep = _colour(sys.stdout)
    cells = [[clean(cell, cell=True, keep_colour=keep) for cell in row] for row in rows]
    shown, cells, widths = _fit(headers, cells, terminal_width(), optional)

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            c + " " * max(0, w - _visible(c)) for c, w in zip(row, widths, strict=True)
        ).rstrip()

    lines = [line([h.upper() for h in shown])]
    last = len(widths) - 1
    for row in cells:
        long = [i for i, (c, w) in enumerate(zip(row, widths, strict=True)) if _visible(c) > w]
        # a whole cell wider than its column gets a line of its own: before the row (a slug,
        # a reference), after it when it is the last column (a command), indented
        lines.extend(row[i] for i in long if i != last)
        lines.append(line([" " * widths[i] if i in long else c for i, c in enumerate(row)]))
        lines.extend("    " + row[i] for i in long if i == last)
    sys.stdout.write("\n".join(lines) + "\n")
