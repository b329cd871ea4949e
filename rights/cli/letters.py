"""``rights letters ...``: check letter templates (yours, or every shipped one)."""

from typing import Annotated

import typer

from rights.cli._common import JsonOption, home
from rights.cli._output import emit_json, note, out

app = typer.Typer(
    help="Letter templates: check that they render for every law they serve.\n\n"
    "Example: rights letters check --all",
    no_args_is_help=True,
)


@app.callback()
def _group() -> None:
    """Letter templates: check that they render for every law they serve."""


@app.command("check")
def check(
    all_: Annotated[
        bool, typer.Option("--all", help="Check the shipped templates too, not only yours.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Render your templates with sample data for every law they serve; list what fails.

    Your templates live in RIGHTS_HOME/templates (they override the shipped ones).

    Example: rights letters check --all --json
    """
    from rights import clock
    from rights.errors import DataFileError
    from rights.law import load as j
    from rights.letters.check import check_templates

    laws = j.load_laws(j.data_folder())
    results = check_templates(laws, home(), clock.today(), everything=all_)
    failed = [r for r in results if r.problem]
    if json_out:
        emit_json({"checked": len(results), "problems": [r.to_dict() for r in failed]})
    else:
        for found in failed:
            out(f"{found.template} ({found.law}): {found.problem}")
    if failed:
        raise DataFileError(f"{len(failed)} of {len(results)} renders failed")
    if not results:
        note("no templates of yours to check (add --all to check the shipped ones)")
    else:
        note(f"{len(results)} renders, all fine")
