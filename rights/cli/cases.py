"""``rights list | due | show | log | drop``: cases, what needs action, and their events."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rights.cli._common import JsonOption, ProfileOption, home, profile_name
from rights.cli._output import emit_json, fields, note, out, table

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
    from rights.store import cases_repo

    today = clock.today()
    statuses = _statuses(status)
    query = {"statuses": statuses, "company": company, "overdue_only": overdue}
    with open_profile_store(ctx, profile) as store:
        if json_out:
            items = cases_repo.list_json(store.conn, today, **query)  # type: ignore[arg-type]
            sys.stdout.write("[\n" + ",\n".join(items) + "\n]\n" if items else "[]\n")
            return
        rows = cases_repo.list_rows(store.conn, today, **query)  # type: ignore[arg-type]
    table(views.LIST_HEADERS, [[*r[:-1], _red(r[-1])] for r in map(views.list_row, rows)])
    if not rows:
        note("no cases" + (" match" if status or overdue or company else " yet"))


def _statuses(status: str | None) -> list[str] | None:
    from rights.core.vocabulary import STATES
    from rights.errors import InputError

    if status is None:
        return None
    if status not in STATES:
        raise InputError(f"unknown status {status!r}", hint=f"states: {', '.join(STATES)}")
    return [status]


def due(
    ctx: typer.Context,
    within: Annotated[str, typer.Option(help="How far ahead to look: 14d, 2w or 30.")] = "14d",
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """What needs action now: overdue answers, acknowledgements, answers, re-checks, reminders.

    Example: rights due --within 30d
    """
    import datetime as dt

    from rights import clock
    from rights.cases import views
    from rights.store import cases_repo

    today = clock.today()
    days = _days(within)
    with open_profile_store(ctx, profile) as store:
        rows = cases_repo.due_rows(store.conn, today, today + dt.timedelta(days=days))
    items = views.due_items(rows, today)
    if json_out:
        emit_json({"items": items, "today": today.isoformat(), "within_days": days})
        return
    table(views.DUE_HEADERS, [views.due_row(i) for i in items])
    if not items:
        note(f"nothing due in the next {days} days")


def _days(value: str) -> int:
    from rights.errors import InputError

    text = value.strip().lower()
    factor = 7 if text.endswith("w") else 1
    number = text[:-1] if text[-1:] in ("d", "w") else text
    if not number.isdigit() or int(number) * factor > 3660:
        raise InputError(f"--within: {value!r} is not a period", hint="e.g. 14d, 2w or 30")
    return int(number) * factor


def show(
    ctx: typer.Context, ref: RefArg, profile: ProfileOption = None, json_out: JsonOption = False
) -> None:
    """Show a case: its dates, the letter, every event and attachment.

    Example: rights show R-7K3M
    """
    from rights import clock
    from rights.cases import lifecycle as cases
    from rights.cases import views
    from rights.cases.log import find_case
    from rights.store import attachments, cases_repo

    today = clock.today()
    with open_profile_store(ctx, profile) as store:
        case = find_case(store.conn, ref)
        events = cases_repo.events_for(store.conn, case.ref)
        files = attachments.list_for(store.conn, case.ref)
    data = views.case_dict(case, events, today)
    data |= {
        "allowed_events": cases.allowed_events(case.status),
        "attachments": [a.to_dict() for a in files],
        "body": case.body,
    }
    if json_out:
        emit_json(data)
        return
    _print_case(data)


def _print_case(data: dict[str, Any]) -> None:
    labels = {
        "ref": "ref",
        "company_name": "company",
        "right": "right",
        "law": "law",
        "via": "via",
        "recipient": "to",
        "status": "status",
        "sent": "sent",
        "received": "received",
        "due": "due",
        "extended_due": "extended due",
        "acknowledge_by": "acknowledge by",
        "remind_by": "reminder ends",
        "recheck_on": "re-check on",
    }
    rows = [(label, str(data[k])) for k, label in labels.items() if data[k] not in (None, "")]
    if data["received_estimated"]:
        rows = [(k, v + " (estimated)" if k == "received" else v) for k, v in rows]
    if data["overdue"]:
        rows.append(("overdue", f"{-data['days_left']} days"))
    if data["contested"]:
        rows.append(
            (
                "due date",
                "contested: the company asked for information; the law does not pause the clock",
            )
        )
    fields(rows)
    out("\ntimeline:")
    by_event: dict[object, list[str]] = {}
    for f in data["attachments"]:
        by_event.setdefault(f["event_id"], []).append(f"#{f['n']} {f['name']} ({f['size']} B)")
    for e in data["events"]:
        out(f"  {e['date']}  {e['kind']:<12} {e['note']}".rstrip())
        for line in by_event.get(e["id"], []):
            out(f"              attachment {line}")
    out(f"\nnext: {', '.join(data['allowed_events'])}")
    if data["subject"] or data["body"]:
        out(f"\nletter:\nSubject: {data['subject']}\n\n{data['body']}".rstrip())


def log(
    ctx: typer.Context,
    ref: RefArg,
    event: Annotated[str, typer.Argument(metavar="EVENT", help="sent, delivered, replied...")],
    date: Annotated[
        str | None, typer.Option("--date", help="When (YYYY-MM-DD; default today).")
    ] = None,
    note_: Annotated[str, typer.Option("--note", help="A short note.")] = "",
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
    from rights.core import values as validate
    from rights.law.load import data_folder

    today = clock.today()
    on_date = validate.iso_date(date, "--date") if date else today
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
    case = done.case
    note(f"{case.ref}: {event} logged on {on_date.isoformat()}; now {case.status}")
    for name, size in done.attachments:
        note(f"  attached {name} ({size} bytes)")
    if case.due and case.status not in ("draft", "closed", "abandoned", "fulfilled", "refused"):
        estimate = " (estimated: log 'delivered' when you know)" if case.received_estimated else ""
        note(f"  due {case.due.isoformat()}{estimate}")
    if done.suspect_contact:
        note(f"  the address {done.suspect_contact['recipient']} bounced: check the contact")


def drop(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Option("--date", help="Day you submitted (default today).")
    ] = None,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """Record a DROP submission (California's one deletion request to every data broker).

    DROP is run by the California Privacy Protection Agency; submit there, then record the
    day here: the case follows up when brokers should have deleted, then every 45 days.

    Example: rights drop --date 2026-09-01
    """
    from rights import clock
    from rights.cases import views
    from rights.cases.log import create_drop_case
    from rights.core import values as validate
    from rights.store import cases_repo

    today = clock.today()
    submitted = validate.iso_date(date, "--date") if date else today
    with open_profile_store(ctx, profile) as store:
        case = create_drop_case(store.conn, submitted=submitted, today=today, now=clock.now())
        events = cases_repo.events_for(store.conn, case.ref)
    if json_out:
        emit_json(views.case_dict(case, events, today))
        return
    out(case.ref)
    note(
        f"DROP case {case.ref}: brokers should have deleted by {case.due}; re-check then "
        "(brokers must delete again every 45 days)"
    )
