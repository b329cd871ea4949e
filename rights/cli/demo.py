"""``rights demo``: a fictional person's requests, offline, in a data folder of its own."""

from pathlib import Path
from typing import Annotated, Any

import typer

PERSONA_NAMES = ("us", "uk", "de")


def _persona(value: str | None) -> str | None:
    if value is not None and value.strip().lower() not in PERSONA_NAMES:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(PERSONA_NAMES)}")
    return value.strip().lower() if value is not None else None


def demo(
    persona: Annotated[
        str | None,
        typer.Option(
            "--persona",
            metavar="us|uk|de",
            callback=_persona,
            help="us: CCPA letters to US companies; uk: UK GDPR; de: GDPR in German "
            "(default: from the locale, LANG/LC_ALL: en_US us, en_GB uk, else de).",
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for the letters (default: ./rights-demo-letters)."),
    ] = None,
    keep: Annotated[
        bool,
        typer.Option(
            "--keep",
            help="Keep the demo's data folder (./rights-demo) and print the line that "
            "sets the environment to go on in it.",
        ),
    ] = False,
) -> None:
    """Show the whole flow on a fictional person, offline: letters, sent, a deadline that
    passes, the reminder, the complaint. Touches nothing but the letters' folder.

    Example: rights demo --persona us
    """
    import os

    from rights import clock
    from rights.actions import demo as core
    from rights.actions.demo_folders import folders
    from rights.actions.demo_personas import PERSONAS, persona_for_locale
    from rights.cli._output import out

    chosen = PERSONAS[persona or persona_for_locale(os.environ)]
    where = folders(Path.cwd(), out_dir, keep)
    for item in core.run(chosen, where, today=clock.today(), now=clock.now()):
        if isinstance(item, str):
            lines = [item]
        elif isinstance(item, core.Page):
            lines = _framed(item.lines)
        else:
            lines = _table(item.rows)
        for line in lines:
            out(line)


def _framed(lines: list[str]) -> list[str]:
    rule = "   " + "-" * 78
    return [rule, *(f"   {line}".rstrip() for line in lines), rule]


def _table(rows: "list[tuple[Any, ...]]") -> list[str]:
    """The demo's ``rights list`` table, indented under its step."""
    from rights.cli._render_cases import LIST_HEADERS, list_row

    headers = [*LIST_HEADERS[:-1], "late?"]
    cells = [list_row(r) for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    head = "  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True))
    lines = ["   " + head.rstrip()]
    for row in cells:
        lines.append(
            "   " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        )
    return lines
