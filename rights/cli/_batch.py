"""Request commands: open what they need (``rights.actions.workspace``) for the profile the
command names, and a progress bar on stderr for batches."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import typer

from rights.cli._common import home, profile_name

if TYPE_CHECKING:
    from rights.actions.batch import Result
    from rights.actions.workspace import Loaded


@contextlib.contextmanager
def load_context(
    ctx: typer.Context, profile: str | None, client: str | None, slugs: list[str], pack: str | None
) -> Iterator[Loaded]:
    """Open the store whose cases these are (the client's, when acting as agent)."""
    from rights.actions.workspace import open_batch

    with open_batch(home(), profile_name(ctx, profile), client, slugs, pack) as loaded:
        yield loaded


@contextlib.contextmanager
def progress(total: int, *, quiet: bool = False) -> Iterator[Callable[[Result], None]]:
    """A progress bar on stderr for batches of more than one (rich; plain when not a TTY)."""
    if total <= 1 or quiet:
        yield lambda result: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
        transient=False, disable=not console.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task("requests", total=total)

        def tick(result: Result) -> None:
            bar.update(task, advance=1, description=f"{result.company[:28]:<28}")

        yield tick
