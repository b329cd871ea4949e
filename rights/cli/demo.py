"""``rights demo``: a throwaway profile in a temporary folder, to see the tool work."""

from typing import Annotated

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

    for line in core.run(keep=keep, today=clock.today(), now=clock.now()):
        out(line)
