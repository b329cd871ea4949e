"""What the ``rights companies`` commands share: options and loading the directory."""

from typing import TYPE_CHECKING, Annotated

import typer

from rights.cli._common import app_context
from rights.cli._output import note

if TYPE_CHECKING:
    from rights.companies.directory import MergedDirectory
    from rights.companies.user import UserMode

MineOption = Annotated[
    bool | None,
    typer.Option(
        "--mine/--no-mine",
        help="Include your own companies and bounce flags from the profile's store, and rank "
        "by its country (default: only when it holds records of your own and opens without "
        "asking for a passphrase).",
        show_default=False,
    ),
]
ListOpt = Annotated[list[str] | None, typer.Option(show_default=False)]


def load_directory(ctx: typer.Context, profile: str | None, mine: bool | None) -> "MergedDirectory":
    """The shipped directory, merged with the user's records when their store opens."""
    from rights.companies import directory
    from rights.paths import shipped

    app_ = app_context(ctx)
    mode: UserMode = "auto" if mine is None else ("yes" if mine else "no")
    name = app_.profile_for(profile) if mode != "no" else ""
    return directory.load(shipped("companies"), app_.home, name, mode)


def warn_bounced(loaded: "MergedDirectory", slug: str) -> list[str]:
    """Print (stderr) and return the bounced addresses of ``slug``."""
    bounced = loaded.bounced(slug)
    for flag in bounced:
        note(f"warning: {slug}: {flag.address} bounced ({flag.noted_at[:10]})")
    return [f.address for f in bounced]
