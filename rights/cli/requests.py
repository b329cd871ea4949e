"""``rights request ...``: create requests (letters) to one company, many, or a pack."""

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
    text_value,
)
from rights.cli._complete import completer
from rights.cli._output import emit_json, note, out, table
from rights.cli._request_flags import (
    FREE_ANNUAL_NOTE,
    AdverseActionOption,
    DischargedDebtOption,
    FreeAnnualOption,
    WithScoreOption,
    disclosure_ask,
)
from rights.cli.request_authorization import authorization
from rights.core.vocabulary import CHANNELS, RIGHTS, letter_kind

if TYPE_CHECKING:
    from rights.actions.batch import Result
    from rights.actions.resend import Again

app = typer.Typer(
    help="Create requests: letters that cite the law, stored as cases.\n\n"
    "Example: rights request new --company acxiom --right access --via pdf --out letters/",
    no_args_is_help=True,
)


RightOption = Annotated[
    str,
    typer.Option(
        help=f"{', '.join(RIGHTS)} (or an alias: erasure, rectification, ...).",
        autocompletion=completer("rights"),
    ),
]
CompanyOption = Annotated[
    list[str] | None,
    typer.Option(help="Company slug (repeatable).", autocompletion=completer("companies")),
]
PackOption = Annotated[
    str | None,
    typer.Option(
        help="A pack of companies, e.g. us-data-brokers.", autocompletion=completer("packs")
    ),
]
LawOption = Annotated[
    str | None,
    typer.Option(
        help="Law id (default: chosen from where you live).", autocompletion=completer("laws")
    ),
]
LangOption = Annotated[str | None, typer.Option(help="Letter language, e.g. en, de.")]
ViaOption = Annotated[
    str | None,
    typer.Option(
        help=f"{', '.join(CHANNELS)} (default: the company's preferred channel).",
        autocompletion=completer("channels"),
    ),
]
OutOption = Annotated[Path | None, typer.Option("--out", help="Folder for .eml/PDF/text files.")]
SendOption = Annotated[
    bool, typer.Option("--send", help="Send emails now through your SMTP server.")
]
PaperOption = Annotated[
    str | None,
    typer.Option(help="PDF paper: a4 or letter (default: letter in the US and Canada, else a4)."),
]
DetailsOption = Annotated[
    str,
    typer.Option(
        help="For correction: what is wrong and what is right; for an objection: your "
        f"particular situation ({TEXT_FROM}; {ARGV_WARNING})."
    ),
]
GroundOption = Annotated[
    str | None,
    typer.Option(
        help="Erasure: the ground the letter names, a-f as in GDPR Art. 17(1) (default d, "
        "unlawful processing; c with --with-objection)."
    ),
]
WithObjectionOption = Annotated[
    bool,
    typer.Option(
        "--with-objection",
        help="Erasure: also object to processing based on legitimate interests (GDPR Art. "
        "21(1)); give your particular situation with --details.",
    ),
]
ClientOption = Annotated[
    str | None, typer.Option(help="Act as authorized agent for this client profile.")
]


@app.command("new")
def new(
    ctx: typer.Context,
    right: RightOption,
    company: CompanyOption = None,
    pack: PackOption = None,
    law: LawOption = None,
    lang: LangOption = None,
    via: ViaOption = None,
    out_dir: OutOption = None,
    send: SendOption = False,
    paper: PaperOption = None,
    details: DetailsOption = "",
    ground: GroundOption = None,
    with_objection: WithObjectionOption = False,
    discharged_debt: DischargedDebtOption = False,
    free_annual: FreeAnnualOption = False,
    adverse_action: AdverseActionOption = None,
    with_score: WithScoreOption = False,
    again: Annotated[
        bool,
        typer.Option(
            "--again", help="A new case even where one is open for the company and right."
        ),
    ] = False,
    client: ClientOption = None,
    yes: YesOption = False,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """Create one request per company, render its letter, store it as a case, deliver it.

    A request stays a draft until it is really sent (--send for email) or you log it sent:
    rights log REF sent. One failing company is reported and skipped; the rest go on.

    Example: rights request new --pack people-search --right deletion --via pdf --out letters/
    """
    from rights import clock
    from rights.actions import batch as batches
    from rights.actions.sending import unsure_sends
    from rights.cli._batch import load_context, progress
    from rights.delivery.pdf import check_paper
    from rights.errors import InputError

    if paper is not None:
        check_paper(paper)
    ask = disclosure_ask(right, free_annual, adverse_action, with_score, clock.today())
    if discharged_debt and letter_kind(right) != "deletion":
        raise InputError("--discharged-debt is for erasure requests",
                         hint="use it with --right deletion")  # fmt: skip
    details = text_value(details, "--details")
    if not details.strip() and _asks_situation(right) and sys.stdin.isatty() and not json_out:
        details = typer.prompt(
            "Your particular situation, for an objection beyond direct marketing "
            "(GDPR Art. 21(1); empty: direct marketing only)",
            default="",
            show_default=False,
        )
    if send and not yes and not sys.stdin.isatty():
        raise InputError("sending emails needs confirmation", hint="add --yes to confirm")
    with load_context(ctx, profile, client, company or [], pack) as loaded:
        for warning in unsure_sends(loaded.store.conn):  # a run that stopped while sending
            note(warning)
        if (
            send
            and not yes
            and not typer.confirm(f"Send {len(loaded.companies)} email(s) now?", default=False)
        ):
            raise typer.Exit(1)
        batch = batches.Batch(
            right=right, law=law, lang=lang, via=via, out_dir=out_dir, send=send,
            paper=paper, details=details, agent=loaded.agent,
            ground=(ground or "").strip().lower(), with_objection=with_objection,
            ask=ask, discharged_debt=discharged_debt, again=again,
        )  # fmt: skip
        with progress(len(loaded.companies), quiet=json_out) as tick:
            results = batches.run_batch(
                loaded.store, loaded.companies, batch, identity=loaded.identity,
                laws=loaded.laws, today=clock.today(), now=clock.now(), home=home(),
                smtp=loaded.smtp() if send else None, on_result=tick,
            )  # fmt: skip
        drop = batches.drop_note(loaded.identity, right, loaded.companies)
        situation = batches.objection_note(batch, loaded.laws, results)
    _report(results, json_out, loaded.extra.get("controller_for_region", {}))
    if drop:
        note(drop)
    if situation:
        note(f"hint: {situation}")
    if free_annual and any(r.case is not None for r in results):
        note(FREE_ANNUAL_NOTE)


def _asks_situation(right: str) -> bool:
    """True for an objection request (asked for the person's particular situation)."""
    from rights.core.vocabulary import RIGHT_ALIASES

    key = right.strip().lower()
    return RIGHT_ALIASES.get(key, key) == "objection"


def _report(
    results: "list[Result]", json_out: bool, regional: dict[str, dict[str, object]] | None = None
) -> None:
    """Print what a batch did: a table (or JSON) on stdout, problems and a summary on stderr.

    ``regional``: per company that replaced a record, why (its regional controller)."""
    from rights.companies.lookup import region_note

    regional = regional or {}

    made = [r for r in results if r.case is not None and not r.existing]
    failed = [r for r in results if r.case is None]
    reused = [r for r in results if r.existing and r.case is not None]
    for r in reused:
        assert r.case is not None
        ref = r.case.ref
        nxt = (f"send it: rights request send {ref}, or write it another way: rights request "
               f"render {ref} --via pdf --out DIR" if r.case.status == "draft"
               else f"see: rights show {ref}")  # fmt: skip
        note(
            f"{ref} {r.company}: a {r.case.right} case is already open ({r.case.status}); "
            f"nothing new stored ({nxt}; a second request anyway: add --again)"
        )
    for r in results:
        if r.error is None:
            continue
        hint = f" ({r.error.hint})" if r.error.hint else ""
        if r.case is None:
            note(f"skipped {r.company}: {r.error.message}{hint}")
        else:
            note(f"{r.case.ref} {r.company}: kept as a draft: {r.error.message}{hint}")
    for r in results:
        if r.company in regional:
            note(f"{r.company}: {region_note(regional[r.company])}")
    for r in made:  # how to send what was not sent (an .eml written, a form to fill in...)
        if r.case and r.outcome and r.outcome.note:
            note(f"{r.case.ref} {r.company}: {r.outcome.note}")
        if r.case and r.case.notes.agent and r.case.via in ("webform", "text"):
            note(
                f"{r.case.ref} {r.company}: a web form or text carries no enclosure: upload or "
                "send the client's signed authorisation with it (write it out with: rights "
                "request authorization --client PROFILE --copy-signed FILE)"
            )
        if r.case and r.self_service:
            note(
                f"{r.case.ref} {r.company}: it also has a self-service tool, {r.self_service} "
                "(use it beside this request, not instead: it is not a request under the law)"
            )
    if json_out:
        emit_json(
            [
                {**r.to_json(), "controller_for_region": regional.get(r.company)}
                for r in [*reused, *made]
            ]
        )
    elif made:
        _table(made)
        _law_notes(made)
        for r in made:  # text to read, copy or paste (--via text or a web form, no file written)
            if r.outcome and r.outcome.text and not r.outcome.files:
                out()
                if r.outcome.details.get("to"):
                    out(f"To: {r.outcome.details['to']}")
                out(r.outcome.text)
    sent = sum(1 for r in made if r.case and r.case.status == "sent")
    drafts = len(made) - sent
    already = f", {len(reused)} already open" if reused else ""
    note(
        f"{len(made)} request(s) created ({sent} sent, {drafts} draft){already}, "
        f"{len(failed)} skipped"
    )
    if made and sent < len(made):
        note("* due dates assume the request reaches them today; once sent: rights log REF sent")
    if not made and not reused and failed:
        first = failed[0].error
        assert first is not None
        raise type(first)(f"no request created: {first.message}", hint=first.hint)
    undelivered = [r.error for r in made if r.error is not None]
    if undelivered and len(undelivered) == len(made):
        raise type(undelivered[0])(
            f"nothing delivered: {undelivered[0].message}", hint=undelivered[0].hint
        )


def _law_notes(made: "list[Result]", most: int = 20) -> None:
    """Why each request cites its law, and the other laws considered (a count per law for
    long batches: --json has every reason)."""
    chosen = [r for r in made if r.case is not None and r.law_choice is not None]
    if len(chosen) > most:
        counts: dict[str, int] = {}
        for r in chosen:
            assert r.case is not None
            counts[r.case.law] = counts.get(r.case.law, 0) + 1
        laws = ", ".join(f"{law} {n}" for law, n in sorted(counts.items()))
        note(f"laws: {laws} (the reasons: --json)")
        return
    for r in chosen:
        assert r.case is not None and r.law_choice is not None
        note(f"{r.case.ref} {r.case.company}: {r.case.law}: {r.law_choice.reason}")
        for alt in r.law_choice.alternatives:
            if alt.law != r.case.law:
                verdict = "also possible" if alt.applies else "not"
                note(f"  {verdict}: {alt.law}: {alt.reason}")


def _table(made: "list[Result]") -> None:
    rows = []
    for r in made:
        assert r.case is not None
        outcome = r.outcome
        where = ", ".join(str(p) for p in outcome.files) if outcome and outcome.files else ""
        if outcome and outcome.url:  # a web form: the URL beside the text file to paste
            where = f"{outcome.url} ({where})" if where else outcome.url
        elif outcome and outcome.details.get("to") and not where:
            where = outcome.details["to"]
        due = r.case.due.isoformat() if r.case.due else "-"
        case = r.case
        rows.append([case.ref, case.company, case.right, case.law, case.via, case.status, due,
                     where])  # fmt: skip
    table(["ref", "company", "right", "law", "via", "status", "due*", "file / link"], rows)


app.command("authorization")(authorization)


RefArgument = Annotated[str, typer.Argument(help="The case's reference, e.g. R-7K3M.")]


@app.command("render")
def render(
    ctx: typer.Context,
    ref: RefArgument,
    via: Annotated[str, typer.Option(help="eml, pdf, text or mailto.")],
    out_dir: OutOption = None,
    paper: PaperOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file.")] = False,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """Write an existing request's letter again, through any channel: same ref, no new case
    (a bounced email can go as a PDF). Log it once you sent it: rights log REF sent.

    Example: rights request render R-7K3M --via pdf --out letters/
    """
    from rights import clock
    from rights.actions.resend import render_again
    from rights.cli.cases import open_profile_store
    from rights.store import repo

    with open_profile_store(ctx, profile) as store:
        done = render_again(store.conn, ref, via.strip().lower(), out_dir=out_dir, paper=paper,
                            identity=repo.get_identity(store.conn), force=force,
                            today=clock.today(), now=clock.now())  # fmt: skip
    _report_again(done, json_out)


@app.command("send")
def send_(
    ctx: typer.Context,
    ref: RefArgument,
    yes: YesOption = False,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """Send a draft request by email through your SMTP server and log it sent (a bounced
    case is a draft again: fix the address first with rights companies edit SLUG).

    Example: rights request send R-7K3M --yes
    """
    from rights import clock
    from rights.actions.resend import send_again
    from rights.cli.cases import open_profile_store
    from rights.delivery import smtp_settings
    from rights.delivery.email import no_smtp_server
    from rights.errors import InputError
    from rights.law.load import data_folder
    from rights.store import repo

    if not yes and not sys.stdin.isatty():
        raise InputError("sending an email needs confirmation", hint="add --yes to confirm")
    if not yes and not typer.confirm(f"Send {ref} now?", default=False):
        raise typer.Exit(1)
    with open_profile_store(ctx, profile) as store:
        smtp = smtp_settings.load(store)
        if smtp is None:
            raise no_smtp_server()
        done = send_again(store.conn, ref, identity=repo.get_identity(store.conn), smtp=smtp,
                          today=clock.today(), now=clock.now(), root=data_folder())  # fmt: skip
    _report_again(done, json_out)


def _report_again(done: "Again", json_out: bool) -> None:
    """What render/send did: JSON, or the file, link or text and a line on stderr."""
    if json_out:
        emit_json(done.to_json())
        return
    outcome = done.outcome
    for path in outcome.files:
        out(str(path))
    if outcome.url and not outcome.files:
        out(outcome.url)
    if outcome.text and not outcome.files:
        out(outcome.text)
    if outcome.note:
        note(outcome.note)
    if outcome.sent:
        note(f"{done.case.ref}: sent by email to {done.contact}")
    else:
        note(f"{done.case.ref} ({done.case.status}): once you sent it: rights log "
             f"{done.case.ref} sent")  # fmt: skip
