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
    from rights.actions import batch as batches
    from rights.actions import wizard
    from rights.cli.requests import _report
    from rights.errors import InputError
    from rights.law.load import data_folder, load_laws
    from rights.paths import shipped
    from rights.profile import profiles
    from rights.store import companies_repo, repo

    if not sys.stdin.isatty():
        raise InputError(
            "rights start asks questions and needs a terminal",
            hint="in scripts use: rights request new --company SLUG --right RIGHT",
        )
    ask = TerminalAsk()
    name = profile_name(ctx, profile)
    if not profiles.exists(home(), name):
        ask.say(f"There is no profile {name!r} yet; creating its encrypted store.")
        profiles.create(home(), name, now=clock.now())
    today, now = clock.today(), clock.now()
    with profiles.open_store(home(), name) as store:
        person = wizard.complete_identity(ask, store, repo.get_identity(store.conn), today, now)
        mine = companies_repo.list_companies(store.conn)
        from rights.delivery import smtp_settings as smtp_config

        laws = load_laws(data_folder())
        plan = wizard.plan(
            ask, store, person, laws, folder=shipped("companies"), mine=mine, today=today,
            home=home(), smtp_ready=smtp_config.load(store) is not None,
        )  # fmt: skip
        if not ask.confirm(f"Create {len(plan.companies)} request(s) now?", True):
            note("nothing created")
            raise typer.Exit(1)
        smtp = smtp_config.load(store) if plan.batch.send else None
        results = batches.run_batch(
            store, plan.companies, plan.batch, identity=person, laws=laws, today=today,
            now=now, home=home(), smtp=smtp,
        )  # fmt: skip
    _report(results, json_out=False)
    note("next: 'rights due' shows what needs action; 'rights log REF sent' once you sent one")
