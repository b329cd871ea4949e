"""``rights followup | escalate | reply``: the reminder, the complaint, answers to brush-offs."""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rights.cli._common import (
    ARGV_WARNING,
    TEXT_FROM,
    JsonOption,
    ProfileOption,
    YesOption,
    text_value,
)
from rights.cli._output import emit_json, note, out
from rights.cli.cases import RefArg, open_profile_store

if TYPE_CHECKING:
    from rights.actions.plan import Done, Plan, Send

ViaOption = Annotated[
    str | None,
    typer.Option(
        help="email, eml, mailto, pdf, webform or text (default: the request's channel; "
        "escalate: the regulator's web form)."
    ),
]
OutOption = Annotated[Path | None, typer.Option("--out", help="Folder for .eml/PDF/text files.")]
SendOption = Annotated[bool, typer.Option("--send", help="Send the email now (SMTP).")]
PreviewOption = Annotated[
    bool, typer.Option("--preview", help="Only show the letter: nothing is sent or logged.")
]
LangOption = Annotated[str | None, typer.Option(help="Letter language, e.g. en, de.")]
DetailsOption = Annotated[
    str, typer.Option(help=f"Text to add to the letter ({TEXT_FROM}; {ARGV_WARNING}).")
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite files in --out.")]


def followup(
    ctx: typer.Context,
    ref: RefArg,
    via: ViaOption = None,
    out_dir: OutOption = None,
    send: SendOption = False,
    preview: PreviewOption = False,
    lang: LangOption = None,
    details: DetailsOption = "",
    force: ForceOption = False,
    yes: YesOption = False,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """Write the reminder to a late company: the deadline that passed, the law, 14 more days.

    Goes by the request's channel unless --via; email only with --send. The reminder is
    logged on the case (its new deadline shows in 'rights due'); --preview logs nothing.

    Example: rights followup R-7K3M --via pdf --out letters/
    """
    from rights.actions import reminder as core

    opts = _send(via, out_dir, send, preview, lang, details, force)
    _go(ctx, profile, opts, yes, json_out, lambda c, i, t, n, r: core.plan_reminder(
        c, ref, opts, identity=i, today=t, root=r, home=_home()))  # fmt: skip


def escalate(
    ctx: typer.Context,
    ref: RefArg,
    regulator: Annotated[
        str | None, typer.Option(help="Regulator id (default: the competent one; GDPR: yours).")
    ] = None,
    via: ViaOption = None,
    out_dir: OutOption = None,
    send: SendOption = False,
    preview: PreviewOption = False,
    lang: LangOption = None,
    details: DetailsOption = "",
    force: ForceOption = False,
    now_: Annotated[
        bool,
        typer.Option(
            "--now",
            help="Complain to the regulator at once: before the deadline your reminder gave, "
            "and without the complaint to the company first (UK: DPA 2018 s.164A).",
        ),
    ] = False,
    yes: YesOption = False,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """Write the complaint to the competent regulator, with the case file as evidence.

    GDPR: the authority where you live or where the company has its main establishment
    (Art. 77: you choose; asked on a terminal, else yours). Default channel: the regulator's
    web form (URL and text to paste), else email, else a letter. Logged as 'complaint'.
    After a reminder it waits for the deadline the reminder gave (--now: at once).
    UK GDPR: first a complaint to the company (DPA 2018 s.164A, logged as a note); run
    escalate again once it had 30 days to acknowledge it, or use --now.

    Example: rights escalate R-7K3M --via pdf --out letters/
    """
    from rights.actions import complaint as complaints

    opts = _send(via, out_dir, send, preview, lang, details, force)
    chosen = [regulator]

    def plan(c: Any, i: Any, t: Any, n: Any, r: Any) -> "Plan":
        made = complaints.plan_escalation(c, ref, opts, regulator=chosen[0], identity=i,
                                          today=t, now=n, root=r, home=_home(),
                                          at_once=now_)  # fmt: skip
        if chosen[0] is None and made.others and sys.stdin.isatty() and not json_out:
            picked = _ask_regulator(made)
            if picked != made.regulator.regulator.id:  # type: ignore[union-attr]
                chosen[0] = picked
                return plan(c, i, t, n, r)
        return made

    _go(ctx, profile, opts, yes, json_out, plan)


def reply(
    ctx: typer.Context,
    ref: RefArg,
    to: Annotated[str, typer.Option("--to", help="web-form, id-copy, device-ids or more-info.")],
    via: ViaOption = None,
    out_dir: OutOption = None,
    send: SendOption = False,
    preview: PreviewOption = False,
    lang: LangOption = None,
    details: DetailsOption = "",
    force: ForceOption = False,
    yes: YesOption = False,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """Answer a company's brush-off ("use our web form", "send your ID", "we only hold device
    identifiers", "we need more information") with a short letter citing the law.

    Example: rights reply R-7K3M --to id-copy --via eml --out letters/
    """
    from rights.actions import answer as core

    opts = _send(via, out_dir, send, preview, lang, details, force)
    _go(ctx, profile, opts, yes, json_out, lambda c, i, t, n, r: core.plan_answer(
        c, ref, to, opts, identity=i, today=t, root=r, home=_home()))  # fmt: skip


# --- shared -----------------------------------------------------------------------------------


def _home() -> Path:
    from rights.cli._common import home

    return home()


def _send(via: str | None, out_dir: Path | None, send: bool, preview: bool, lang: str | None,
          details: str, force: bool) -> "Send":  # fmt: skip
    from rights.actions.plan import Send
    from rights.core import values as validate
    from rights.core.vocabulary import normalise_channel

    if via is not None:
        via = normalise_channel(via)
    details = text_value(details, "--details")
    text = validate.text(details, "--details", multiline=True) if details.strip() else ""
    return Send(via, out_dir, send, preview, lang, text, force)


def _go(ctx: typer.Context, profile: str | None, opts: "Send", yes: bool, json_out: bool,
        make_plan: "Callable[..., Plan]") -> None:  # fmt: skip
    """Plan, confirm a sending, carry out, report."""
    from rights import clock
    from rights.actions.send import carry_out
    from rights.delivery import smtp_settings
    from rights.errors import InputError
    from rights.law.load import data_folder
    from rights.store import repo

    if opts.send and not opts.preview and not yes and not sys.stdin.isatty():
        raise InputError("sending an email needs confirmation", hint="add --yes to confirm")
    today, now, root = clock.today(), clock.now(), data_folder()
    with open_profile_store(ctx, profile) as store:
        plan = make_plan(store.conn, repo.get_identity(store.conn), today, now, root)
        for line in plan.notes:
            note(line)
        asking = opts.send and not opts.preview and not yes
        if asking and not typer.confirm(f"Send the {plan.kind} to {plan.to} now?", default=False):
            raise typer.Exit(1)
        smtp = smtp_settings.load(store) if opts.send and not opts.preview else None
        done = carry_out(store.conn, plan, opts, today=today, now=now, root=root, smtp=smtp)
    _report(done, json_out)


def _ask_regulator(plan: "Plan") -> str:
    """On a terminal: list the competent regulators with the reason, ask which one."""
    import click

    choices = [plan.regulator, *plan.others]
    note("you may complain to any of these (Art. 77: your choice):")
    for number, item in enumerate(choices, 1):
        assert item is not None
        note(f"  {number}. {item.regulator.name} ({item.regulator.id}): {item.basis}")
    picked = typer.prompt("Which one", default=1, type=click.IntRange(1, len(choices)))
    chosen = choices[int(picked) - 1]
    assert chosen is not None
    return chosen.regulator.id


def _report(done: "Done", json_out: bool) -> None:
    plan, outcome, case = done.plan, done.outcome, done.case
    if json_out:
        emit_json(done.to_json())
        return
    if not done.logged:
        out(plan.letter.text)
        note(f"preview of the {plan.kind} for {case.ref}: nothing sent or logged")
        return
    assert outcome is not None
    if outcome.url:
        out(outcome.url)
    if outcome.text and not outcome.files:
        out(outcome.text)
    for path in [*outcome.files, *done.files]:
        note(f"wrote {path}")
    how = "sent by email to " + str(plan.contact) if done.delivered else "for you to send"
    note(f"{case.ref}: {plan.kind} to {plan.letter.recipient.name} ({plan.via}, {how}); "
         f"logged, now {case.status}")  # fmt: skip
    if plan.kind == "reminder" and case.remind_by:
        note(f"  new deadline: {case.remind_by.isoformat()}; then: rights escalate {case.ref}")
