"""``rights scores``: who may score me, the law and rights per firm, the requests to them,
and ``rights scores status``: where those requests stand."""

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
from rights.cli._output import emit_json, note, out, table
from rights.cli._request_flags import AdverseActionOption, FreeAnnualOption, WithScoreOption

if TYPE_CHECKING:
    from rights.actions.request import DisclosureAsk
    from rights.actions.scores import Listed
    from rights.actions.workspace import Loaded
    from rights.cases.scores import Firm
    from rights.companies.situations import Scorer

WIDTH = 80
SITUATION_NAMES = ("credit, banking, renting, job, insurance, medical, shopping, fraud, "
                   "telecom, gambling, driving")  # fmt: skip

app = typer.Typer(
    help="Who scores me: the firms that may score you (credit bureaus, tenant, job, bank "
    "account, insurance, shop and fraud screeners), each with its situation, law and rights; "
    "with --request, a request to each (one case per firm and right; open cases reused). "
    "Where they stand: rights scores status. Requests: rights scores --request --right "
    "access --via pdf --out letters/\n\n"
    "Example: rights scores --situation credit,renting",
    invoke_without_command=True,
    no_args_is_help=False,
)


@app.callback()
def scores(
    ctx: typer.Context,
    situation: Annotated[
        str | None,
        typer.Option(help=f"Comma-separated situations: {SITUATION_NAMES} (default: all)."),
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Country code instead of the profile's, e.g. US, DE.")
    ] = None,
    region: Annotated[
        str | None, typer.Option(help="Region instead of the profile's, e.g. CA, BE.")
    ] = None,
    request: Annotated[
        bool, typer.Option("--request", help="Create a request to every firm listed.")
    ] = False,
    right: Annotated[
        str, typer.Option(help="With --request: access, explain, contest or correction.")
    ] = "access",
    company: Annotated[
        list[str] | None,
        typer.Option(help="With --request: only these listed firms (slug, repeatable)."),
    ] = None,
    via: Annotated[
        str | None, typer.Option(help="eml, pdf, text, email... (default: each firm's channel).")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder for .eml/PDF/text files.")
    ] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Send emails now through your SMTP server.")
    ] = False,
    details: Annotated[
        str,
        typer.Option(
            help=f"For correction: what is wrong and what is right ({TEXT_FROM}; {ARGV_WARNING})."
        ),
    ] = "",
    free_annual: FreeAnnualOption = False,
    adverse_action: AdverseActionOption = None,
    with_score: WithScoreOption = False,
    yes: YesOption = False,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """List the firms that may score you, each with its situation, law and rights; with
    --request, write a request to each (one case per firm and right; open cases reused).

    Example: rights scores --request --right access --via pdf --out letters/
    """
    if ctx.invoked_subcommand is not None:
        return
    from rights import clock
    from rights.actions.scores import listing, open_scores, score_right
    from rights.companies.situations import parse_situations

    wanted = parse_situations(situation)
    given = bool(company or via or out_dir or send or details or right != "access"
                 or free_annual or adverse_action or with_score)  # fmt: skip
    _check_request_options(request, given, bool(country or region), send, yes)
    right = score_right(right)
    from rights.cli._request_flags import disclosure_ask

    ask = disclosure_ask(right, free_annual, adverse_action, with_score, clock.today())
    acting = profile_name(ctx, profile)
    with open_scores(home(), acting, wanted, country, region) as (loaded, found):
        if not request:
            listed = listing(found, loaded.identity, loaded.laws, clock.today())
        else:
            _request(loaded, found, company or [], right, via, out_dir, send,
                     text_value(details, "--details"), yes, json_out, ask)  # fmt: skip
            return
    _print_listing(listed, loaded.identity.country or "", json_out)


def _check_request_options(
    request: bool, given: bool, elsewhere: bool, send: bool, yes: bool
) -> None:
    """The request options only with --request, which takes the profile's residence (no
    --country/--region); --send confirmed (--yes) without a terminal."""
    from rights.errors import InputError

    if not request and given:
        raise InputError("--right, --company, --via, --out, --send, --details and the "
                         "disclosure flags go with --request",
                         hint="e.g. rights scores --request --right access --via pdf "
                         "--out letters/")  # fmt: skip
    if request and elsewhere:
        raise InputError("--country and --region only show who may score you there: a "
                         "request cites the law of where you live",
                         hint="set your residence with: rights profile edit --country CC "
                         "--region RR")  # fmt: skip
    if send and not yes and not sys.stdin.isatty():
        raise InputError("sending emails needs confirmation", hint="add --yes to confirm")


def _request(
    loaded: "Loaded", found: "list[Scorer]", slugs: list[str], right: str, via: str | None,
    out_dir: Path | None, send: bool, details: str, yes: bool, json_out: bool,
    ask: "DisclosureAsk",
) -> None:  # fmt: skip
    """Write the requests to the listed firms through the batch path, and report them."""
    from rights import clock
    from rights.actions import batch as batches
    from rights.actions.scores import pick
    from rights.actions.sending import unsure_sends
    from rights.cli._batch import progress
    from rights.cli.requests import _report

    for warning in unsure_sends(loaded.store.conn):  # a run that stopped while sending
        note(warning)
    loaded.companies = pick(found, slugs)
    if (
        send
        and not yes
        and not typer.confirm(f"Send {len(loaded.companies)} email(s) now?", default=False)
    ):
        raise typer.Exit(1)
    batch = batches.Batch(right=right, via=via, out_dir=out_dir, send=send, details=details,
                          ask=ask)  # fmt: skip
    with progress(len(loaded.companies), quiet=json_out) as tick:
        results = batches.run_batch(
            loaded.store, loaded.companies, batch, identity=loaded.identity, laws=loaded.laws,
            today=clock.today(), now=clock.now(), home=home(),
            smtp=loaded.smtp() if send else None, on_result=tick,
        )  # fmt: skip
    _report(results, json_out)
    if ask.free_annual:
        from rights.cli._request_flags import FREE_ANNUAL_NOTE

        note(FREE_ANNUAL_NOTE)
    note("where they stand later: rights scores status")


def _print_listing(listed: "list[Listed]", country: str, json_out: bool) -> None:
    """The firms as JSON, or a table that fits 80 columns and notes on stderr."""
    if json_out:
        emit_json([item.to_json() for item in listed])
        return
    if not listed:
        note(f"no firm we know scores people in {country} in these situations")
        return
    rows = [[item.scorer.company.name, item.scorer.situation, item.law or "-",
             ",".join(v.right for v in item.rights) or "-"] for item in listed]  # fmt: skip
    table(["company", "situation", "law", "rights"], rows)
    note(f"{len(listed)} firm(s) may score you ({country}); why each is listed, the laws' "
         "reasons and citations: --json")  # fmt: skip
    from rights.actions.scores import SCORE_RIGHTS

    for right in SCORE_RIGHTS:
        missing = [v for item in listed for v in item.verdicts if v.right == right and not v.law]
        if len(missing) == len(listed):
            note(f"{right}: not available for any firm listed ({missing[0].reason})")
    note("ask them: rights scores --request --right access --via pdf --out letters/")


@app.command("status")
def status(
    ctx: typer.Context,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """Per firm asked: when, whether it answered, what it disclosed (your notes: rights log
    REF fulfilled --note ...), what is overdue, and the next step.

    Example: rights scores status
    """
    from rights import clock
    from rights.actions.scores import open_scores
    from rights.cases.scores import firms
    from rights.companies.situations import SITUATIONS

    today = clock.today()
    with open_scores(home(), profile_name(ctx, profile), list(SITUATIONS), None, None) as (
        loaded,
        found,
    ):
        asked = firms(loaded.store.conn, {s.company.slug for s in found}, today)
    _print_status(asked, json_out)


def _print_status(asked: "list[Firm]", json_out: bool) -> None:
    if json_out:
        emit_json([firm.to_json() for firm in asked])
        return
    if not asked:
        note("no request to a scoring firm yet: rights scores --request --right access ...")
        return
    rows = []
    for firm in asked:
        for a in firm.requests:
            due = a.case.due.isoformat() if a.case.due else "-"
            rows.append([a.case.ref, firm.name, a.case.right,
                         a.case.sent_on.isoformat() if a.case.sent_on else a.case.status,
                         a.answered.isoformat() if a.answered else "-",
                         f"{due} LATE" if a.overdue else due])  # fmt: skip
    table(["ref", "company", "right", "asked", "answered", "due"], rows)
    for firm in asked:
        for a in firm.requests:
            for said in a.disclosed:
                out(_wrapped(f"{a.case.ref} disclosed: {said}"))
            if a.next:
                out(_wrapped(f"{a.case.ref} next: {a.next}"))


def _wrapped(line: str) -> str:
    """A line of the status notes in 80 columns (commands are not broken at hyphens)."""
    import textwrap

    return textwrap.fill(line, WIDTH, subsequent_indent="    ", break_on_hyphens=False,
                         break_long_words=False)  # fmt: skip
