"""``rights export`` and ``rights import``: cases as json, csv, a calendar or a report."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rights.cli._common import ForceOption, ProfileOption
from rights.cli._output import note
from rights.cli.cases import open_profile_store

if TYPE_CHECKING:
    from rights.exports.report import ReportOptions


def export(
    ctx: typer.Context,
    format_: Annotated[str, typer.Option("--format", help="json, csv, ics or report.")] = "json",
    out: Annotated[
        Path | None,
        typer.Option("--out", help="File to write (0600); a report to a .pdf file is a PDF."),
    ] = None,
    ref: Annotated[
        list[str] | None, typer.Option("--ref", help="Only this case (repeatable).")
    ] = None,
    with_attachments: Annotated[
        bool, typer.Option("--with-attachments", help="json: include attachment contents (base64).")
    ] = False,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="csv: start with a UTF-8 byte order mark (for Excel)."),
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD", help="report: cases with activity on or after YYYY-MM-DD."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD", help="report: cases with activity on or before YYYY-MM-DD."
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(metavar="STATE", help="report: only cases in this state (repeatable)."),
    ] = None,
    company: Annotated[
        str | None, typer.Option(metavar="SLUG", help="report: only this company's cases (slug).")
    ] = None,
    force: ForceOption = False,
    profile: ProfileOption = None,
) -> None:
    """Export cases: json (everything), csv, ics (a calendar of dates), report (HTML or PDF).

    --out - (or no --out) writes to standard output. --since, --until, --status and
    --company narrow a report only (the other formats export every case, or --ref).

    Example: rights export --format ics --out ~/rights.ics

    Example: rights export --format report --since 2026-01-01 --status sent --out r.pdf
    """
    from rights import clock
    from rights.cli._common import output_target, profile_name
    from rights.errors import InputError
    from rights.exports.formats import is_pdf, write

    if excel and format_.strip().lower() != "csv":
        raise InputError("--excel is for --format csv", hint="rights export --format csv --excel")
    options = _report_options(ctx, profile, format_, since, until, status or [], company)
    if out is not None and str(out) == "-":
        out = None
    if out is not None:
        out = output_target(out, force, profile_name(ctx, profile))
    from functools import partial

    with open_profile_store(ctx, profile) as store:
        export_to = partial(write, store.conn, format_, today=clock.today(), now=clock.now(),
                            refs=ref, with_attachments=with_attachments,
                            excel=excel, report_options=options)  # fmt: skip
        if out is None:
            sys.stdout.flush()
            export_to(sys.stdout.buffer)
            sys.stdout.flush()
            return
        from rights.files import atomic_file

        with atomic_file(out, overwrite=force) as fh:
            size = export_to(fh, pdf=is_pdf(format_, out))
    note(f"wrote {out} ({size} bytes)")
    note(
        "this file is not encrypted: keep it safe, delete it when done "
        "(an encrypted copy to move a profile: rights profile export NAME --out FILE)"
    )


def _report_options(
    ctx: typer.Context,
    profile: str | None,
    format_: str,
    since: str | None,
    until: str | None,
    status: list[str],
    company: str | None,
) -> "ReportOptions | None":
    """A report's filters (checked before the store opens) and profile name; InputError
    when a filter is given with another format."""
    from rights.cli._common import profile_name
    from rights.errors import InputError
    from rights.exports import report_filter
    from rights.exports.report import ReportOptions

    flt = report_filter.parse(since, until, status, company)
    if format_.strip().lower() != "report":
        if not flt.empty:
            raise InputError("--since, --until, --status and --company are for --format report",
                             hint="rights export --format report --since 2026-01-01")  # fmt: skip
        return None
    return ReportOptions(flt, profile_name(ctx, profile))


def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A json export; - reads standard input.")
    ],
    profile: ProfileOption = None,
) -> None:
    """Import a json export (all or nothing) into a profile that lacks its cases.

    Example: rights import rights-export.json --profile restored
    """
    from rights import clock
    from rights.exports.import_checks import ImportPolicy
    from rights.exports.json_import import import_file, import_stream, read_file
    from rights.store import repo

    stdin = str(file) == "-"
    if not stdin:
        read_file(file)  # a missing file is "not found" before the store is opened
    with open_profile_store(ctx, profile) as store:
        policy = ImportPolicy(own_name=repo.get_identity(store.conn).full_name)
        if stdin:
            counts = import_stream(
                store.conn, sys.stdin.buffer, source="<stdin>", now=clock.now(), policy=policy
            )
        else:
            counts = import_file(store.conn, file, source=file.name, now=clock.now(), policy=policy)
    note(
        f"imported {counts['cases']} case(s), {counts['events']} event(s), "
        f"{counts['attachments']} attachment(s)"
    )
    if counts["attachments_without_content"]:
        note(
            f"{counts['attachments_without_content']} attachment(s) were listed without "
            "content (export with --with-attachments to carry them)"
        )
    sys.stdout.flush()
