"""The ``rights`` command: the typer app, its groups, and the single error boundary."""

import os
import sys
from typing import Annotated

import typer

from rights import __version__
from rights.cli import (
    attachments,
    cases,
    companies,
    config,
    demo,
    exports,
    followup,
    laws,
    packs,
    profile,
    requests,
    start,
    store,
)
from rights.cli._common import State
from rights.errors import RightsError

app = typer.Typer(
    name="rights",
    help="Ask companies what they hold about you, fix it and delete it; track every "
    "request as a case in an encrypted local store.\n\n"
    "Example: rights init && rights profile edit --full-name 'Ada' --email ada@example.org",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"rights {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    profile_: Annotated[
        str | None,
        typer.Option("--profile", "-p", envvar="RIGHTS_PROFILE", help="Profile to act on."),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """Global options."""
    ctx.obj = State(profile=profile_, debug=debug)


store.register(app)
app.add_typer(profile.app, name="profile")
app.add_typer(store.app, name="store")
app.add_typer(companies.app, name="companies")
app.add_typer(packs.app, name="packs")
app.command("start")(start.start)
app.command("demo")(demo.demo)
app.add_typer(laws.app, name="laws")
app.add_typer(requests.app, name="request")
app.add_typer(config.app, name="config")
app.command("deadline")(laws.deadline)
app.command("list")(cases.list_)
app.command("due")(cases.due)
app.command("show")(cases.show)
app.command("log")(cases.log)
app.command("drop")(cases.drop)
app.command("followup")(followup.followup)
app.command("escalate")(followup.escalate)
app.command("reply")(followup.reply)
app.add_typer(attachments.app, name="attachment")
app.command("export")(exports.export)
app.command("import")(exports.import_)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; the one place where errors become messages and exit codes."""
    from rights.cli._output import error

    os.umask(0o077)
    args = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in args or bool(os.environ.get("RIGHTS_DEBUG"))
    command = typer.main.get_command(app)
    from click.exceptions import Abort, ClickException

    try:
        result = command.main(args=args, prog_name="rights", standalone_mode=False)
    except RightsError as exc:
        if debug:
            import traceback

            traceback.print_exc()
        error(exc.message, exc.hint)
        return exc.exit_code
    except ClickException as exc:
        exc.show()
        return exc.exit_code
    except (Abort, KeyboardInterrupt):
        sys.stderr.write("\ninterrupted\n")
        return 130
    except Exception as exc:
        if debug:
            import traceback

            traceback.print_exc()
        error(f"unexpected {type(exc).__name__}: {exc}", "run again with --debug for details")
        return 1
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    raise SystemExit(main())
