"""``rights inbox import | sync``: replies, bounces and automatic replies matched to their
cases, from saved mail files or an IMAP mailbox."""

import sys
from typing import Annotated

import typer

from rights.cli._common import JsonOption, ProfileOption
from rights.cli._output import emit_json, note, out
from rights.cli.cases import open_profile_store

app = typer.Typer(
    help="Mail that came back: replies, bounces and automatic replies, matched to cases.\n\n"
    "Example: rights inbox import ~/Mail/replies.mbox",
    no_args_is_help=True,
)


@app.callback()
def inbox() -> None:
    """Mail that came back, matched to cases (a group even with one command)."""


SHOWN_UNMATCHED = 20
"""Unmatched messages listed by name without --json (the rest are counted)."""


@app.command("import")
def import_(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help=".eml files, an mbox file, a Maildir; - is stdin."),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be recorded; record nothing.")
    ] = False,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """Import saved mail: each message that names a case is stored encrypted with it and
    logged (bounced, acknowledged, replied); the others are listed. The files are only read.

    Example: rights inbox import reply.eml ~/Maildir/INBOX --json
    """
    from rights import clock
    from rights.inbox.importer import import_sources
    from rights.inbox.sources import expand

    sources = expand(paths)
    progress = _progress(len(sources)) if sys.stderr.isatty() and not json_out else None
    with open_profile_store(ctx, profile) as store:
        report = import_sources(
            store.conn, sources, today=clock.today(), now=clock.now(),
            dry_run=dry_run, progress=progress,
        )  # fmt: skip
    if progress is not None:
        sys.stderr.write("\r\x1b[K")
    if json_out:
        emit_json(report.to_json())
        return
    for item in report.matched:
        what = "already imported" if item.duplicate else (item.event or "-")
        flag = f" [{'; '.join(item.flags)}]" if item.flags else ""
        out(f"{item.ref}  {what:<16} {item.sender}: {item.subject}{flag}")
    for item in report.unmatched[:SHOWN_UNMATCHED]:
        out(f"unmatched  {item.source}: {item.subject or '(no subject)'} ({item.reason})")
    hidden = len(report.unmatched) - SHOWN_UNMATCHED
    if hidden > 0:
        out(f"... and {hidden} more unmatched (--json lists them all)")
    counts = report.to_json()["counts"]
    verb = "would record" if dry_run else "recorded"
    new = len(report.matched) - counts["duplicates"]
    note(
        f"{counts['messages']} messages: {new} {verb}, {counts['duplicates']} imported "
        f"before, {counts['unmatched']} unmatched"
    )


def _progress(total: int):  # type: ignore[no-untyped-def]
    """A one-line progress counter on the terminal (every 100 messages and the last)."""

    def show(done: int) -> None:
        if done % 100 == 0 or done == total:
            sys.stderr.write(f"\rreading mail: {done}/{total}")
            sys.stderr.flush()

    return show


def _register_sync() -> None:
    """``rights inbox sync`` (IMAP) lives in its own module: a mailbox read over the network."""
    from rights.cli.inbox_sync import sync

    app.command("sync")(sync)


_register_sync()
