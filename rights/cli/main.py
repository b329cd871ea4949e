"""The ``rights`` command: the typer app, its groups, and the single error boundary."""

import functools
import importlib
import os
import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from rights import __version__
from rights.cli import _click
from rights.cli._common import AppContext
from rights.errors import RightsError

# Every command, in the order `rights --help` lists them: (name, module in rights.cli,
# attribute). An attribute named ``app`` is a group of subcommands; anything else is a
# command function. Modules are imported only when their command runs (or for --help),
# so a command pays only for its own module and its own part of the command tree.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("init", "store", "init"),
    ("start", "start", "start"),
    ("demo", "demo", "demo"),
    ("deadline", "laws", "deadline"),
    ("list", "cases", "list_"),
    ("due", "cases", "due"),
    ("show", "cases", "show"),
    ("log", "cases", "log"),
    ("drop", "cases", "drop"),
    ("abandon", "cases", "abandon"),
    ("followup", "followup", "followup"),
    ("escalate", "followup", "escalate"),
    ("reply", "followup", "reply"),
    ("export", "exports", "export"),
    ("import", "exports", "import_"),
    ("profile", "profile", "app"),
    ("store", "store", "app"),
    ("companies", "companies", "app"),
    ("packs", "packs", "app"),
    ("laws", "laws", "app"),
    ("letters", "letters", "app"),
    ("request", "requests", "app"),
    ("scores", "scores", "app"),
    ("config", "config", "app"),
    ("attachment", "attachments", "app"),
    ("inbox", "inbox", "app"),
)
_ENTRIES = {name: (module, attr) for name, module, attr in COMMANDS}


@functools.cache
def load_command(name: str) -> _click.Command:
    """The click command ``name``, built from its module on first use (None if unknown)."""
    entry = _ENTRIES.get(name)
    if entry is None:
        return None
    module, attr = entry
    target = getattr(importlib.import_module(f"rights.cli.{module}"), attr)
    if isinstance(target, typer.Typer):
        target.rich_markup_mode = None  # plain help everywhere: rich is slow to import
        target._add_completion = False  # completion belongs to the root command only
        command = typer.main.get_command(target)
    else:
        holder = typer.Typer(rich_markup_mode=None, add_completion=False)
        holder.command(name)(target)
        command = typer.main.get_command(holder)
    command.name = name
    _whole_summaries(command)
    return command


def _whole_summaries(command: _click.Command) -> None:
    """Show each command's whole first paragraph in its group's list (click would cut it at
    45 characters with "..."), and make every group print its help when called bare."""
    if command.short_help is None and command.help:
        first = command.help.strip().split("\n\n", 1)[0]
        command.short_help = " ".join(first.split())
    subcommands = getattr(command, "commands", None)  # a group (of either click: _click.py)
    if isinstance(subcommands, dict):
        # a group that does something on its own (rights scores) runs bare
        command.no_args_is_help = not getattr(command, "invoke_without_command", False)
        for sub in subcommands.values():
            _whole_summaries(sub)


class LazyGroup(TyperGroup):
    """The root group: lists every command, builds only the one that runs."""

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return [name for name, _, _ in COMMANDS]

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command:
        return load_command(cmd_name)


app = typer.Typer(
    name="rights",
    cls=LazyGroup,
    help="Ask companies what they hold about you, fix it and delete it; track every "
    "request as a case in an encrypted local store.\n\n"
    "Example: rights init && rights profile edit --from-file me.json",
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


SHELLS = ("bash", "zsh", "fish")


def _shell(value: str) -> str:
    if value not in SHELLS:
        from rights.errors import InputError

        raise InputError(
            f"no completion for the shell {value!r}", hint=f"one of: {', '.join(SHELLS)}"
        )
    return value


def _show_completion(value: str | None) -> None:
    """Print the completion script for a shell (to source it, or keep it in a file)."""
    if value:
        from typer._completion_shared import get_completion_script

        sys.stdout.write(get_completion_script(prog_name="rights", complete_var="_RIGHTS_COMPLETE",
                                               shell=_shell(value)) + "\n")  # fmt: skip
        raise typer.Exit()


def _install_completion(value: str | None) -> None:
    """Install the completion script into the shell's start-up files."""
    if value:
        from typer._completion_shared import install

        shell, path = install(shell=_shell(value), prog_name="rights",
                              complete_var="_RIGHTS_COMPLETE")  # fmt: skip
        sys.stdout.write(f"{shell} completion installed in {path}; it works in new shells\n")
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
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="SHELL",
            callback=_show_completion,
            is_eager=True,
            help="Print the completion script: bash, zsh or fish.",
        ),
    ] = None,
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            metavar="SHELL",
            callback=_install_completion,
            is_eager=True,
            help="Install completion for bash, zsh or fish.",
        ),
    ] = None,
) -> None:
    """Global options."""
    ctx.obj = AppContext(profile=profile_, debug=debug)


def disable_core_dumps(*, help_only: bool = False) -> None:
    """Keep passphrases and identity data out of core files, before any secret is read.

    No core file (``RLIMIT_CORE`` 0, soft and hard) and, on Linux, not dumpable
    (``PR_SET_DUMPABLE`` 0: no core, and other processes of the same user cannot ptrace
    this one or read its memory through /proc). ``help_only`` (``rights``, ``rights --help``,
    ``--version``: nothing is read but the command table) skips the prctl, whose ctypes
    import would cost the start-up a few milliseconds. Never fails: where a call is missing,
    the process goes on without that protection.
    """
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, OSError, ValueError):
        pass
    if sys.platform.startswith("linux") and not help_only:
        try:
            import ctypes

            pr_set_dumpable = 4
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_dumpable, 0, 0, 0, 0)
        except (ImportError, OSError, AttributeError):
            pass


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; the one place where errors become messages and exit codes."""
    args = sys.argv[1:] if argv is None else list(argv)
    disable_core_dumps(help_only=not args or args[0] in ("--help", "-h", "--version"))
    from rights.cli._output import error

    os.umask(0o077)
    debug = "--debug" in args or bool(os.environ.get("RIGHTS_DEBUG"))
    command = typer.main.get_command(app)
    if os.environ.get("_RIGHTS_COMPLETE"):  # a shell asks for completions (rights/cli/_complete.py)
        from typer._completion_classes import completion_init

        completion_init()
    from rights.cli._click import click_exceptions

    click_error, abort = click_exceptions()
    stop: tuple[type[BaseException], ...] = (*abort, KeyboardInterrupt)
    try:
        result = command.main(args=args, prog_name="rights", standalone_mode=False)
    except RightsError as exc:
        if debug:
            import traceback

            traceback.print_exc()
        error(exc.message, exc.hint)
        return exc.exit_code
    except click_error as exc:
        exc.show()  # type: ignore[attr-defined]
        return int(exc.exit_code)  # type: ignore[attr-defined]
    except stop:
        sys.stderr.write("\ninterrupted\n")
        return 130
    except OSError as exc:
        from rights.errors import disk_full_error, is_disk_full

        if not is_disk_full(exc):
            return _unexpected(exc, debug)
        full = disk_full_error()
        error(full.message, full.hint)
        return full.exit_code
    except Exception as exc:
        return _unexpected(exc, debug)
    return result if isinstance(result, int) else 0


def _unexpected(exc: Exception, debug: bool) -> int:
    from rights.cli._output import error

    if debug:
        import traceback

        traceback.print_exc()
    error(f"unexpected {type(exc).__name__}: {exc}", "run again with --debug for details")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
