"""What request commands load before they work: the store, identity, laws, companies;
and a progress bar on stderr for batches."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer

from rights.cli._common import home, profile_name

if TYPE_CHECKING:
    from rights.actions.batch import Result
    from rights.core.company import Company
    from rights.core.identity import Identity
    from rights.law.model import Law
    from rights.letters.context import Agent
    from rights.store import Store


@dataclass
class Loaded:
    """Everything a request batch needs, with the store open."""

    store: Store
    identity: Identity
    laws: list[Law]
    companies: list[Company]
    agent: Agent | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def smtp(self) -> tuple[Any, str | None]:
        """The SMTP settings and password of the store (InputError when none)."""
        from rights.delivery import smtp_settings as smtp_config
        from rights.delivery.email import no_smtp_server

        found = smtp_config.load(self.store)
        if found is None:
            raise no_smtp_server()
        return found


@contextlib.contextmanager
def load_context(
    ctx: typer.Context, profile: str | None, client: str | None, slugs: list[str], pack: str | None
) -> Iterator[Loaded]:
    """Open the store whose cases these are (the client's, when acting as agent)."""
    from rights.companies.lookup import resolve
    from rights.law.model import data_folder, load_laws
    from rights.paths import shipped
    from rights.profile import profiles
    from rights.store import companies_repo, repo

    acting = profile_name(ctx, profile)
    agent = None
    if client:
        from rights.letters.agents import agent_for

        with profiles.open_store(home(), acting) as own:
            agent_identity = repo.get_identity(own.conn)
        agent = agent_for(agent_identity, client)
    with profiles.open_store(home(), client or acting) as store:
        identity = repo.get_identity(store.conn)
        mine = companies_repo.list_companies(store.conn)
        companies = resolve(slugs, pack, folder=shipped("companies"), mine=mine)
        if agent is not None:
            from rights.letters.agents import with_client_name

            agent = with_client_name(agent, identity)
        yield Loaded(store, identity, load_laws(data_folder()), companies, agent)


@contextlib.contextmanager
def progress(total: int, *, quiet: bool = False) -> Iterator[Callable[[Result], None]]:
    """A progress bar on stderr for batches of more than one (rich; plain when not a TTY)."""
    if total <= 1 or quiet:
        yield lambda result: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
        transient=False, disable=not console.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task("requests", total=total)

        def tick(result: Result) -> None:
            bar.update(task, advance=1, description=f"{result.company[:28]:<28}")

        yield tick
