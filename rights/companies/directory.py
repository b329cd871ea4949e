"""The directory a command works with: the shipped companies, merged with the user's own
records and contact flags (bounced addresses) from their encrypted store.

Functions take explicit arguments (the companies folder, the data folder, the profile);
nothing here prints or reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rights.companies.index import Directory
    from rights.companies.user import UserMode
    from rights.core.company import Company
    from rights.store import Store
    from rights.store.companies_repo import ContactFlag


@dataclass(frozen=True)
class MergedDirectory:
    """The shipped directory (``shipped``), the user's records (``mine``) and flags, and
    the two merged (``directory``: the user's record wins for a slug)."""

    folder: Path
    shipped: Directory
    mine: list[Company] = field(default_factory=list)
    flags: dict[str, list[ContactFlag]] = field(default_factory=dict)
    country: str | None = None  # the person's country (from the profile), for ranking

    @cached_property
    def directory(self) -> Directory:
        """Shipped and user records in one searchable directory."""
        return self.shipped.with_user(self.mine)

    def company(self, slug: str) -> Company:
        """The user's record, else the shipped one; NotFoundError with the closest slugs."""
        from rights.companies.lookup import find

        return find(slug, folder=self.folder, directory=self.directory, mine=self.mine)

    def bounced(self, slug: str) -> list[ContactFlag]:
        """The flags of ``slug``'s addresses the user marked as bounced."""
        return [f for f in self.flags.get(slug, []) if f.status == "bounced"]


def merged(folder: Path, store: Store | None) -> MergedDirectory:
    """Load the shipped directory in ``folder`` and, with an open store, the user's records,
    flags and country (``US`` for a ``US``/``CA`` profile; the store is closed afterwards)."""
    from rights.companies import index

    shipped = index.load(folder)
    if store is None:
        return MergedDirectory(folder, shipped)
    from rights.store import companies_repo as repo
    from rights.store.repo import get_identity

    flags: dict[str, list[ContactFlag]] = {}
    with store:
        mine = repo.list_companies(store.conn)
        for flag in repo.contact_flags(store.conn):
            flags.setdefault(flag.slug, []).append(flag)
        country = get_identity(store.conn).country
    code = country.split("-")[0].upper() if country else None
    return MergedDirectory(folder, shipped, mine, flags, code)


def load(folder: Path, home: Path, profile: str, mode: UserMode) -> MergedDirectory:
    """The directory for a command: the user's part only when ``mode`` asks for it
    (``auto``: when the profile's store opens without a prompt; ``no``: never)."""
    from rights.companies.user import open_user_store

    store = open_user_store(home, profile, mode) if mode != "no" else None
    return merged(folder, store)
