"""What a request command opens before it works: the store whose cases these are (the
client's, when acting as an authorized agent), the identity, the laws and the companies."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rights.actions.send import Smtp
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

    def smtp(self) -> Smtp:
        """The SMTP settings and password of the store (InputError when none)."""
        from rights.delivery import smtp_settings
        from rights.delivery.email import no_smtp_server

        found = smtp_settings.load(self.store)
        if found is None:
            raise no_smtp_server()
        return found


@contextlib.contextmanager
def open_batch(
    home: Path, acting: str, client: str | None, slugs: list[str], pack: str | None
) -> Iterator[Loaded]:
    """Open the store of profile ``acting`` (of ``client`` when acting as their agent: the
    agent's name comes from ``acting``'s profile) with the companies named or the pack."""
    from rights.companies.lookup import for_residence, resolve
    from rights.law.load import data_folder, load_laws
    from rights.paths import shipped
    from rights.profile import profiles
    from rights.store import companies_repo, repo

    agent = None
    if client:
        from rights.letters.agents import agent_for

        with profiles.open_store(home, acting) as own:
            agent_identity = repo.get_identity(own.conn)
        agent = agent_for(agent_identity, client)
    with profiles.open_store(home, client or acting) as store:
        identity = repo.get_identity(store.conn)
        mine = companies_repo.list_companies(store.conn)
        named = resolve(slugs, pack, folder=shipped("companies"), mine=mine)
        companies, regional = for_residence(
            named, identity.country, folder=shipped("companies"), mine=mine
        )
        if agent is not None:
            from rights.letters.agents import with_authorization, with_client_name

            agent = with_authorization(with_client_name(agent, identity), store.conn)
        extra = {"controller_for_region": regional}
        yield Loaded(store, identity, load_laws(data_folder()), companies, agent, extra)
