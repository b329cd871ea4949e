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
from rights.cli._complete import completer
from rights.cli._output import emit_json, emit_json_lines, emit_json_text, fields, note, out, table

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

    from rights.store import Store


RefArg = Annotated[
    str,
    typer.Argument(
        metavar="REF", help="Case reference, e.g. R-7K3M.", autocompletion=completer("refs")
    ),
]


def open_profile_store(ctx: typer.Context, profile: str | None) -> "Store":
    """Unlock the store of the profile a command acts on."""
    from rights.profile import profiles

    return profiles.open_store(home(), profile_name(ctx, profile))


AllProfilesOption = Annotated[
    bool,
    typer.Option(
        "--all-profiles",
        help="Every profile (a clinic's clients): each unlocked with its own key; one that "
        "cannot be unlocked is listed as locked.",
    ),
]


def each_profile() -> "Iterator[tuple[str, Store | None, str]]":
    """(name, open store or None, why locked) of every profile, each unlocked with its own
    key source; a profile that cannot be unlocked (no passphrase given, a wrong one, a
    missing keyring entry) is yielded as locked instead of failing the command."""
    from rights.errors import KeyringError, NoKeyError, UnlockError
    from rights.profile import profiles

    for info in profiles.list_profiles(home()):
        try:
            store = profiles.open_store(home(), info.name)
        except (NoKeyError, UnlockError, KeyringError) as exc:
            yield info.name, None, exc.message
            continue
        with store:
            yield info.name, store, ""


def _locked_notes(locked: "list[tuple[str, str]]") -> None:
    for name, why in locked:
        note(f"profile {name}: locked ({why})")


def _red(text: str) -> str:
    from rights.cli._output import _colour

    return f"\x1b[31m{text}\x1b[0m" if text and _colour(sys.stdout) else text


def list_(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Only cases in this state.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue cases.")] = False,
    company: Annotated[str | None, typer.Option(help="Only this company (slug).")] = None,
    all_profiles: AllProfilesOption = False,
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
    if all_profiles:
        _list_all(today, wanted, company, overdue, json_out)
        return
    with open_profile_store(ctx, profile) as store:
        if json_out:
            emit_json_text(views.list_json(store.conn, today, wanted, company, overdue))
            return
        rows = views.list_rows(store.conn, today, wanted, company, overdue)
    table(
        render.LIST_HEADERS,
        [[*r[:-1], _red(r[-1])] for r in map(render.list_row, rows)],
        optional=render.LIST_OPTIONAL,
    )
    if not rows:
        note("no cases" + (" match" if status or overdue or company else " yet"))


def _list_all(
    today: "dt.date", wanted: "list[str] | None", company: str | None, overdue: bool,
    json_out: bool,
) -> None:  # fmt: skip
    """``list --all-profiles``: the cases of every profile, with a profile column (``--json``:
    each case object with ``profile``, streamed profile after profile)."""
    import json

    from rights.cases import contract, views
    from rights.cli import _render_cases as render

    rows: list[list[str]] = []
    locked: list[tuple[str, str]] = []

    def items() -> "Iterator[str]":
        for name, store, why in each_profile():
            if store is None:
                locked.append((name, why))
                continue
            for text in views.list_items(store.conn, today, wanted, company, overdue):
                item = json.loads(text) | {"profile": name}
                yield json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    if json_out:
        emit_json_text(contract.list_document(items()))
        _locked_notes(locked)
        return
    for name, store, why in each_profile():
        if store is None:
            locked.append((name, why))
            continue
        for row in views.list_rows(store.conn, today, wanted, company, overdue):
            shown = render.list_row(row)
            rows.append([name, *shown[:-1], _red(shown[-1])])
    _locked_notes(locked)
    table(["profile", *render.LIST_HEADERS], rows, optional=render.LIST_OPTIONAL)
    if not rows:
        note("no cases in any profile that could be unlocked")


def due(
    ctx: typer.Context,
    within: Annotated[str, typer.Option(help="How far ahead to look: 14d, 2w or 30.")] = "14d",
    all_profiles: AllProfilesOption = False,
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
    if all_profiles:
        _due_all(today, days, json_out)
        return
    with open_profile_store(ctx, profile) as store:
        data = views.due(store.conn, today, days)
        for warning in unsure_sends(store.conn):  # a run that stopped while sending
            note(warning)
    if json_out:
        emit_json_lines(data, "items")
        return
    table(render.DUE_HEADERS, [render.due_row(i) for i in data["items"]],
          optional=render.DUE_OPTIONAL)  # fmt: skip
    if not data["items"]:
        note(f"nothing due in the next {days} days")


def _due_all(today: "dt.date", days: int, json_out: bool) -> None:
    """``due --all-profiles``: what needs action in every profile, with a profile column;
    ``--json`` items carry ``profile``, and ``locked`` lists the profiles not unlocked."""
    from rights.cases import contract, views
    from rights.cli import _render_cases as render

    items: list[dict[str, object]] = []
    locked: list[tuple[str, str]] = []
    for name, store, why in each_profile():
        if store is None:
            locked.append((name, why))
            continue
        items += [{**item, "profile": name} for item in views.due(store.conn, today, days)["items"]]
    items.sort(key=lambda item: (str(item["date"]), str(item["profile"])))
    _locked_notes(locked)
    if json_out:
        data = contract.due_json(items, today, days)
        data["locked"] = [{"profile": name, "reason": why} for name, why in locked]
        emit_json_lines(data, "items")
        return
    table(
        ["profile", *render.DUE_HEADERS], [[str(i["profile"]), *render.due_row(i)] for i in items]
    )
    if not items:
        note(f"nothing due in the next {days} days in any profile that could be unlocked")


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
    event: Annotated[
        str,
        typer.Argument(
            metavar="EVENT", help="sent, delivered, replied...", autocompletion=completer("events")
        ),
    ],
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


def _events_help() -> str:
    from rights.core.vocabulary import EVENT_MEANINGS

    width = max(map(len, EVENT_MEANINGS))
    lines = "\n".join(f"  {kind:<{width}}  {what}" for kind, what in EVENT_MEANINGS.items())
    return f"\n\nEvents:\n\n\b\n{lines}\n"


log.__doc__ = __import__("inspect").cleandoc(log.__doc__ or "") + _events_help()


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
