"""``rights demo``: a throwaway profile in a temporary folder, to see the tool work."""

from typing import Annotated, Any

import typer


def demo(
    keep: Annotated[
        bool, typer.Option("--keep", help="Keep the temporary folder and print how to reopen it.")
    ] = False,
) -> None:
    """Show the whole flow on a fictional person, in a temporary folder; touches nothing else.

    Example: rights demo
    """
    from rights import clock
    from rights.actions import demo as core
    from rights.cli._output import out

    for item in core.run(keep=keep, today=clock.today(), now=clock.now()):
        for line in [item] if isinstance(item, str) else _table(item.rows):
            out(line)


def _table(rows: "list[tuple[Any, ...]]") -> list[str]:
    """The demo's ``rights list`` table, indented under its step."""
    from rights.cli._render_cases import LIST_HEADERS, list_row

    headers = [*LIST_HEADERS[:-1], "late?"]
    cells = [list_row(r) for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    lines = ["   " + "  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True))]
    for row in cells:
        lines.append(
            "   " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        )
    return lines
