"""``rights start``: the guided wizard, on a terminal."""

import sys
from typing import TYPE_CHECKING

import typer

from rights.cli._common import ProfileOption, home, profile_name
from rights.cli._output import note, out

if TYPE_CHECKING:
    from rights.actions.wizard import Done

END_OF_INPUT_EXIT = 130
"""Ctrl-D ends the wizard like Ctrl-C does (docs/cli.md: 130, interrupted)."""


class TerminalAsk:
    """The wizard's questions on a terminal: a line read per answer, the passphrase never
    echoed; the end of input (Ctrl-D) raises ``EndOfInput``."""

    def prompt(self, text: str, default: str = "") -> str:
        from rights.actions.wizard_ask import EndOfInput

        shown = f"{text} [{default}]: " if default else f"{text}: "
        try:
            answer = input(shown)
        except EOFError:
            raise EndOfInput from None
        return answer.strip() or default

    def secret(self, text: str) -> str:
        import getpass

        from rights.actions.wizard_ask import EndOfInput

        try:
            return getpass.getpass(f"{text}: ")
        except EOFError:
            raise EndOfInput from None

    def confirm(self, text: str, default: bool = True) -> bool:
        while True:
            answer = self.prompt(f"{text} ({'Y/n' if default else 'y/N'})").lower()
            if not answer:
                return default
            if answer in ("y", "yes", "n", "no"):
                return answer.startswith("y")
            self.say("Please answer y or n.")

    def say(self, text: str) -> None:
        out(text)


def start(ctx: typer.Context, profile: ProfileOption = None) -> None:
    """Guided wizard: your profile, the companies, the right, the law, preview, send.

    A wrong answer is asked again; Ctrl-D stops the wizard (what you saved in the profile
    stays, no request is created).

    Example: rights start
    """
    from rights import clock
    from rights.actions import wizard
    from rights.actions.wizard_ask import EndOfInput
    from rights.errors import InputError

    if not sys.stdin.isatty():
        raise InputError(
            "rights start asks questions and needs a terminal",
            hint="in scripts use: rights request new --company SLUG --right RIGHT",
        )
    try:
        done = wizard.run(TerminalAsk(), home=home(), profile=profile_name(ctx, profile),
                          today=clock.today(), now=clock.now())  # fmt: skip
    except EndOfInput:
        out()
        note("end of input: the wizard stopped; no request was created (the answers saved "
             "to your profile stay); run rights start again to go on")  # fmt: skip
        raise typer.Exit(END_OF_INPUT_EXIT) from None
    if done is None:
        note("nothing created")
        raise typer.Exit(1)
    _report(done)


def _report(done: "Done") -> None:
    """What the wizard made: the table of ``request new`` for a short batch, counts per
    law, channel and status for a long one."""
    from rights.actions.wizard import LONG_BATCH
    from rights.actions.wizard_offer import results_summary
    from rights.cli.requests import _report as report_batch

    if done.drop is not None:
        case = done.drop.case
        state = "already open" if done.drop.existing else "recorded"
        note(f"DROP case {case.ref} {state}: brokers should have deleted by {case.due}")
    if len(done.results) > LONG_BATCH:
        for line in results_summary(done.results):
            out(line)
        folders = {str(p.parent) for r in done.results if r.outcome for p in r.outcome.files}
        if folders:
            out(f"files in: {', '.join(sorted(folders))}")
        forms = sum(1 for r in done.results if r.case and r.case.via == "webform")
        if forms:
            note(f"{forms} web form(s): paste each text file into its form; the form's address: "
                 "rights show REF")  # fmt: skip
        note("every request, one per line: rights list")
    elif done.results:
        report_batch(done.results, json_out=False)
    note("next: 'rights due' shows what needs action; 'rights log REF sent' once you sent one")
