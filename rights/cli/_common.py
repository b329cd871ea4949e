"""Options and helpers shared by the command modules."""

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated

import click
import typer

ProfileOption = Annotated[
    str | None,
    typer.Option(
        "--profile",
        "-p",
        help="Profile to use (default: --profile before the command, RIGHTS_PROFILE, "
        "or the one chosen with 'rights profile use').",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (a stable contract).")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Allow overwriting.")]


@dataclass(frozen=True)
class AppContext:
    """What the root callback resolves once for every command, kept on ``ctx.obj``.

    ``profile`` is the global ``--profile`` (or ``RIGHTS_PROFILE``); a command's own
    ``--profile`` wins over it (``profile_for``). ``home`` is looked up on first use, so
    ``rights --help`` pays nothing for it.
    """

    profile: str | None = None
    debug: bool = False

    @cached_property
    def home(self) -> Path:
        """The data folder (``RIGHTS_HOME`` or the platform's)."""
        from rights.paths import data_home

        return data_home()

    def profile_for(self, explicit: str | None) -> str:
        """The profile a command acts on: its own --profile, the global one, env, active."""
        from rights.profile import profiles

        return profiles.resolve(self.home, explicit or self.profile)


def app_context(ctx: click.Context | None = None) -> AppContext:
    """The command's AppContext (a fresh one outside a command, e.g. in tests)."""
    ctx = ctx or click.get_current_context(silent=True)
    found = ctx.find_object(AppContext) if ctx is not None else None
    return found if found is not None else AppContext()


def home() -> Path:
    """The data folder of the running command (``AppContext.home``)."""
    return app_context().home


def profile_name(ctx: typer.Context, explicit: str | None) -> str:
    """The profile a command acts on: its own --profile, the global one, env, active."""
    return app_context(ctx).profile_for(explicit)


def describe_key(scheme: str, backend: str | None) -> str:
    """Where a profile's key is, in words: the keyring backend, or the passphrase."""
    if scheme == "keyring":
        return f"a random key in the OS keyring, backend {backend or 'unknown'}"
    return "a passphrase (kept in no keyring)"
