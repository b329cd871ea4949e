"""``rights attachment list | get``: files kept with a case, in the encrypted store."""

from pathlib import Path
from typing import Annotated

import typer

from rights.cli._common import ForceOption, JsonOption, ProfileOption
from rights.cli._output import emit_json, note, table
from rights.cli.cases import RefArg, open_profile_store

app = typer.Typer(
    help="Files kept with a case (replies, data exports), stored encrypted.\n\n"
    "Example: rights attachment get R-7K3M 1 --out reply.pdf",
    no_args_is_help=True,
)


@app.command("list")
def list_(
    ctx: typer.Context, ref: RefArg, profile: ProfileOption = None, json_out: JsonOption = False
) -> None:
    """List a case's attachments, numbered.

    Example: rights attachment list R-7K3M --json
    """
    from rights.cases.log import find_case
    from rights.store import attachments

    with open_profile_store(ctx, profile) as store:
        files = attachments.list_for(store.conn, find_case(store.conn, ref).ref)
    if json_out:
        emit_json([f.to_dict() for f in files])
        return
    rows = [[str(f.number), f.name, str(f.size), f.created_at.date().isoformat()] for f in files]
    table(["n", "name", "bytes", "added"], rows)
    if not files:
        note("no attachments")


@app.command("get")
def get(
    ctx: typer.Context,
    ref: RefArg,
    number: Annotated[int, typer.Argument(metavar="N", help="Attachment number (see list).")],
    out: Annotated[Path, typer.Option("--out", help="File to write (0600).")],
    force: ForceOption = False,
    profile: ProfileOption = None,
) -> None:
    """Write an attachment to a file (never overwrites without --force).

    Example: rights attachment get R-7K3M 1 --out ~/reply.pdf
    """
    from rights.cases.log import save_attachment

    with open_profile_store(ctx, profile) as store:
        size = save_attachment(store.conn, ref, number, out, force=force)
    note(f"wrote {out} ({size} bytes)")
