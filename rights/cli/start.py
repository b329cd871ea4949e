"""``rights start``: the guided wizard, on a terminal."""

import sys

import typer

from rights.cli._common import ProfileOption, home, profile_name
from rights.cli._output import note, out


class TerminalAsk:
    """The wizard's questions on a terminal (typer prompts; text printed as is)."""

    def prompt(self, text: str, default: str = "") -> str:
        return str(typer.prompt(text, default=default, show_default=bool(default)))

    def confirm(self, text: str, default: bool = True) -> bool:
        return bool(typer.confirm(text, default=default))

    def say(self, text: str) -> None:
        out(text)


def start(ctx: typer.Context, profile: ProfileOption = None) -> None:
    """Guided wizard: your profile, the companies, the right, the law, preview, send.

    Example: rights start
    """
    from rights import clock
    from rights.actions import wizard
    from rights.cli.requests import _report
    from rights.errors import InputError

    if not sys.stdin.isatty():
        raise InputError(
            "rights start asks questions and needs a terminal",
            hint="in scripts use: rights request new --company SLUG --right RIGHT",
        )
    results = wizard.run(TerminalAsk(), home=home(), profile=profile_name(ctx, profile),
                         today=clock.today(), now=clock.now())  # fmt: skip
    if results is None:
        note("nothing created")
        raise typer.Exit(1)
    _report(results, json_out=False)
    note("next: 'rights due' shows what needs action; 'rights log REF sent' once you sent one")
