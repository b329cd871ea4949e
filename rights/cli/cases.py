"""``rights list | due | show | log | drop``: cases, what needs action, and their events."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rights.cli._common import (
    ARGV_WARNING,
    TEXT_FROM,
    JsonOption,
    ProfileOption,
    YesOption,
    home,
    profile_name,
    text_value,
)
from rights.cli._output import emit_json, emit_json_text, fields, note, out, table

if TYPE_CHECKING:
    from rights.store import Store

RefArg = Annotated[str, typer.Argument(metavar="REF", help="Case reference, e.g. R-7K3M.")]


def open_profile_store(ctx: typer.Context, profile: str | None) -> "Store":
    """Unlock the store of the profile a command acts on."""
    from rights.profile import profiles

    return profiles.open_store(home(), profile_name(ctx, profile))


def _red(text: str) -> str:
    from rights.cli._output import _colour

    return f"\x1b[31m{text}\x1b[0m" if text and _colour(sys.stdout) else text


def list_(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Only cases in this state.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue cases.")] = False,
    company: Annotated[str | None, typer.Option(help="Only this company (slug).")] = None,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """List cases with their status, due date and days left.

    Example: rights list --overdue --json
    """
    from rights import clock
    from rights.cases import views
    from rights.cli import _render_cases as render

    today = clock.today()
    wanted = views.statuses(status)
    with open_profile_store(ctx, profile) as store:
        if json_out:
            emit_json_text(views.list_json(store.conn, today, wanted, company, overdue))
            return
        rows = views.list_rows(store.conn, today, wanted, company, overdue)
    table(render.LIST_HEADERS, [[*r[:-1], _red(r[-1])] for r in map(render.list_row, rows)])
    if not rows:
        note("no cases" + (" match" if status or overdue or company else " yet"))


def due(
    ctx: typer.Context,
    within: Annotated[str, typer.Option(help="How far ahead to look: 14d, 2w or 30.")] = "14d",
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """What needs action now: overdue answers, acknowledgements, answers, re-checks, reminders.

    Example: rights due --within 30d
    """
    from rights import clock
    from rights.actions.sending import unsure_sends
    from rights.cases import views
    from rights.cli import _render_cases as render

    today = clock.today()
    days = views.within_days(within)
    with open_profile_store(ctx, profile) as store:
        data = views.due(store.conn, today, days)
        for warning in unsure_sends(store.conn):  # a run that stopped while sending
            note(warning)
    if json_out:
        emit_json(data)
        return
    table(render.DUE_HEADERS, [render.due_row(i) for i in data["items"]])
    if not data["items"]:
        note(f"nothing due in the next {days} days")


def show(
    ctx: typer.Context, ref: RefArg, profile: ProfileOption = None, json_out: JsonOption = False
) -> None:
    """Show a case: its dates, the letter, every event and attachment.

    Example: rights show R-7K3M
    """
    from rights import clock
    from rights.cases import views
    from rights.cli import _render_cases as render

    with open_profile_store(ctx, profile) as store:
        data = views.show(store.conn, ref, clock.today())
    if json_out:
        emit_json(data)
        return
    fields(render.show_fields(data))
    for line in render.show_rest(data):
        out(line)


def log(
    ctx: typer.Context,
    ref: RefArg,
    event: Annotated[str, typer.Argument(metavar="EVENT", help="sent, delivered, replied...")],
    date: Annotated[
        str | None, typer.Option("--date", help="When (YYYY-MM-DD; default today).")
    ] = None,
    note_: Annotated[
        str, typer.Option("--note", help=f"A short note ({TEXT_FROM}; {ARGV_WARNING}).")
    ] = "",
    attach: Annotated[
        list[Path] | None, typer.Option("--attach", help="A file to keep (repeatable).")
    ] = None,
    profile: ProfileOption = None,
) -> None:
    """Log what happened on a case: sent, delivered, acknowledged, replied, fulfilled...

    Example: rights log R-7K3M replied --note 'sent a data export' --attach export.zip
    """
    from rights import clock
    from rights.cases.log import log_event
    from rights.cli import _render_cases as render
    from rights.core import values as validate
    from rights.law.load import data_folder

    today = clock.today()
    on_date = validate.iso_date(date, "--date") if date else today
    note_ = text_value(note_, "--note")
    text = validate.text(note_, "--note", multiline=True) if note_.strip() else ""
    with open_profile_store(ctx, profile) as store:
        done = log_event(
            store.conn,
            ref=ref,
            kind=event,
            on_date=on_date,
            today=today,
            now=clock.now(),
            root=data_folder(),
            note=text,
            attach=attach,
        )
    for line in render.logged_lines(done):
        note(line)


def drop(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Option("--date", help="Day you submitted (default today).")
    ] = None,
    again: Annotated[
        bool, typer.Option("--again", help="Record a new DROP case even if one is open.")
    ] = False,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """Record a DROP submission (California's one deletion request to every data broker).

    DROP is run by the California Privacy Protection Agency, for California residents; submit
    there, then record the day here: the case follows up when brokers should have deleted,
    then every 45 days. An open DROP case is reused unless --again.

    Example: rights drop --date 2026-09-01
    """
    from rights import clock
    from rights.cases import views
    from rights.cases.drop import record_drop
    from rights.core import values as validate
    from rights.store import repo

    today = clock.today()
    submitted = validate.iso_date(date, "--date") if date else today
    with open_profile_store(ctx, profile) as store:
        who = repo.get_identity(store.conn)
        done = record_drop(
            store.conn,
            country=who.country,
            region=who.region,
            submitted=submitted,
            today=today,
            now=clock.now(),
            again=again,
        )
        data = views.case(store.conn, done.case, today) | {"existing": done.existing}
    if json_out:
        emit_json(data)
        return
    case = done.case
    out(case.ref)
    if done.existing:
        note(f"DROP case {case.ref} is already open (due {case.due}): nothing new recorded; "
             "--again records another")  # fmt: skip
        return
    note(
        f"DROP case {case.ref}: brokers should have deleted by {case.due}; re-check then "
        "(brokers must delete again every 45 days)"
    )


def abandon(
    ctx: typer.Context,
    refs: Annotated[
        list[str] | None, typer.Argument(metavar="[REF]...", help="Cases to abandon.")
    ] = None,
    status: Annotated[
        str | None, typer.Option(help="Every case in this state, e.g. draft.")
    ] = None,
    company: Annotated[str | None, typer.Option(help="Only this company (slug).")] = None,
    yes: YesOption = False,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """Abandon cases you will not pursue: by reference, or all drafts at once.

    Each case gets an 'abandoned' event (undo one with: rights log REF reopened).

    Example: rights abandon --status draft --company acme --yes
    """
    from rights import clock
    from rights.cases import reuse, views
    from rights.errors import InputError

    wanted = status if views.statuses(status) else None
    today = clock.today()
    with open_profile_store(ctx, profile) as store:
        found = reuse.to_abandon(store.conn, status=wanted, company=company, refs=refs or [])
        if found and not yes:
            if not sys.stdin.isatty():
                raise InputError(f"abandoning {len(found)} case(s) needs confirmation",
                                 hint="add --yes to confirm")  # fmt: skip
            if not typer.confirm(f"Abandon {len(found)} case(s)?", default=False):
                raise typer.Exit(1)
        done = reuse.abandon(store.conn, found, today=today, now=clock.now())
    if json_out:
        emit_json({"abandoned": reuse.refs(done)})
        return
    for case in done:
        out(case.ref)
    note(f"abandoned {len(done)} case(s)" if done else "no case matches")
