"""``rights inbox sync``: read the mailbox set up with ``rights config imap`` and import the
answers to the tool's requests (``rights.inbox.sync``)."""

from typing import Annotated, Any

import typer

from rights.cli._common import JsonOption, ProfileOption, app_context
from rights.cli._output import emit_json, note, out


def sync(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option(help="Only mail received on or after this date (YYYY-MM-DD).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be imported; record nothing.")
    ] = False,
    move_to: Annotated[
        str | None,
        typer.Option(help="Move the messages matched to a case into this folder (it must exist)."),
    ] = None,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """Import the replies in your mailbox: messages whose subject carries the reference of
    an open case. Nothing is deleted; nothing is moved without --move-to. A second run
    imports only what is new; a run cut short resumes where it stopped.

    Example: rights inbox sync --since 2026-11-01 --dry-run
    """
    from rights import clock
    from rights.core import values as validate
    from rights.errors import DeliveryError, InputError
    from rights.inbox import imap_settings
    from rights.inbox import sync as syncing
    from rights.profile import profiles

    app_ = app_context(ctx)
    day = validate.iso_date(since, "--since") if since else None
    if move_to is not None:
        _check_folder(move_to)
    with profiles.open_store(app_.home, app_.profile_for(profile)) as store:
        found = imap_settings.load(store.conn)
        if found is None:
            raise imap_settings.no_mailbox()
        settings, password = found
        if move_to is not None and move_to == settings.folder:
            raise InputError(f"--move-to {move_to} is the folder being read")
        report = syncing.sync(
            store.conn, settings, password, today=clock.today(), now=clock.now(),
            since=day, dry_run=dry_run, move_to=move_to,
        )  # fmt: skip
    data = report.to_json()
    if json_out:
        emit_json(data)
    else:
        _print(data)
    if report.lost:
        raise DeliveryError(
            f"{report.lost}: {report.fetched} message(s) were imported first",
            hint="run 'rights inbox sync' again: it resumes after the last message imported",
        )


def _check_folder(name: str) -> None:
    """Refuse a folder name IMAP cannot carry in a quoted string (InputError)."""
    from rights.errors import InputError

    if not name.strip() or any(c in name for c in '\r\n"\\'):
        raise InputError(f"--move-to: {name!r} is not a folder name IMAP can carry")


def _print(data: dict[str, Any]) -> None:
    """The human summary: counts, then each unmatched message and why."""
    imported = data["import"]
    matched, unmatched = imported.get("matched", []), imported.get("unmatched", [])
    what = "would import" if data["dry_run"] else "imported"
    out(f"{data['folder']}: {data['found']} message(s) name a case's reference; "
        f"{data['seen_before']} seen before, {data['not_ours']} not ours")  # fmt: skip
    out(f"{what} {data['fetched']}: {len(matched)} matched to a case, "
        f"{len(unmatched)} matched none")  # fmt: skip
    for entry in unmatched:
        if isinstance(entry, dict):
            what = " ".join(str(entry[k]) for k in ("source", "subject", "reason") if entry.get(k))
        else:
            what = str(entry)
        out(f"  unmatched: {what}")
    if data["moved"]:
        out(f"moved {data['moved']} to the folder asked for")
    if data["dry_run"]:
        note("dry run: nothing was recorded or moved")
