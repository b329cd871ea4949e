"""Options and helpers shared by the command modules."""

from pathlib import Path
from typing import Annotated

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


class State:
    """Global options, kept on the click context."""

    def __init__(self, profile: str | None = None, debug: bool = False) -> None:
        self.profile = profile
        self.debug = debug


def home() -> Path:
    """The data folder (``RIGHTS_HOME`` or the platform's)."""
    from rights.paths import data_home

    return data_home()


def profile_name(ctx: typer.Context, explicit: str | None) -> str:
    """The profile a command acts on: its own --profile, the global one, env, active."""
    from rights.profile import profiles

    state = ctx.find_object(State)
    chosen = explicit or (state.profile if state else None)
    return profiles.resolve(home(), chosen)
