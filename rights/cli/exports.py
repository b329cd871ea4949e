"""``rights export`` and ``rights import``: cases as json, csv, a calendar or a report."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from rights.cli._common import ForceOption, ProfileOption
from rights.cli._output import note
from rights.cli.cases import open_profile_store


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
    force: ForceOption = False,
    profile: ProfileOption = None,
) -> None:
    """Export cases: json (everything), csv, ics (a calendar of dates), report (HTML or PDF).

    Example: rights export --format ics --out ~/rights.ics
    """
    from rights import clock
    from rights.exports.formats import is_pdf, render

    if out is not None:
        _check_target(out, force)
    with open_profile_store(ctx, profile) as store:
        payload = render(
            store.conn,
            format_,
            today=clock.today(),
            now=clock.now(),
            refs=ref,
            with_attachments=with_attachments,
            pdf=is_pdf(format_, out),
        )
    if out is None:
        sys.stdout.write(payload.decode("utf-8"))
        return
    from rights.files import atomic_write

    atomic_write(out.expanduser(), payload, overwrite=force)
    note(f"wrote {out} ({len(payload)} bytes)")


def _check_target(out: Path, force: bool) -> None:
    from rights.errors import ConflictError, InputError

    if out.expanduser().is_dir():
        raise InputError(f"{out} is a folder", hint="name the file to write")
    if out.expanduser().exists() and not force:
        raise ConflictError(f"{out} exists already", hint="use --force to overwrite it")


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A json export.")],
    profile: ProfileOption = None,
) -> None:
    """Import a json export (all or nothing) into a profile that lacks its cases.

    Example: rights import rights-export.json --profile restored
    """
    from rights import clock
    from rights.exports.json_import import import_json, read_file

    from rights.exports.import_checks import ImportPolicy
    from rights.store import repo

    text = read_file(file)
    with open_profile_store(ctx, profile) as store:
        policy = ImportPolicy(own_name=repo.get_identity(store.conn).full_name)
        counts = import_json(store.conn, text, source=file.name, now=clock.now(), policy=policy)
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
