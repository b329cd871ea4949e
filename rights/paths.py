"""Where rights keeps things: the user's data folder and the data shipped in the package."""

from __future__ import annotations

import os
from pathlib import Path

from rights.errors import InputError

_PROFILE_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_.")


def data_home() -> Path:
    """The user's data folder: ``RIGHTS_HOME`` if set, else the platform's data dir."""
    env = os.environ.get("RIGHTS_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("rights", appauthor=False)


def cache_home() -> Path:
    """Where rights keeps what it can rebuild (the validated shipped law data): ``cache`` in
    ``RIGHTS_HOME`` if set, else the platform's user cache dir (``~/.cache/rights``)."""
    if os.environ.get("RIGHTS_HOME"):
        return data_home() / "cache"
    import platformdirs

    return platformdirs.user_cache_path("rights", appauthor=False)


def profiles_dir(home: Path) -> Path:
    """The folder holding one sub-folder per profile."""
    return home / "profiles"


def check_profile_name(name: str) -> str:
    """Return ``name`` if it is a valid profile name, else raise InputError."""
    ok = 0 < len(name) <= 64 and name[0] not in "-." and set(name) <= _PROFILE_NAME_CHARS
    if not ok:
        raise InputError(
            f"invalid profile name {name!r}",
            hint="use 1-64 lower-case letters, digits, '-', '_' or '.'; "
            "do not start with '-' or '.'",
        )
    return name


def profile_dir(home: Path, name: str) -> Path:
    """The folder of one profile (its store, key info and automatic backups)."""
    return profiles_dir(home) / check_profile_name(name)


STORE_FILE_NAME = "rights.db"
"""The name of a profile's encrypted database file, in its folder."""


def store_file(home: Path, name: str) -> Path:
    """The encrypted database file of one profile."""
    return profile_dir(home, name) / STORE_FILE_NAME


def shipped(folder: str) -> Path:
    """A data folder shipped with the package: ``templates``, ``jurisdictions`` or ``companies``.

    In a wheel they live in ``rights/_data/``; in a source checkout, at the project root.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "_data" / folder
    if packaged.is_dir():
        return packaged
    return here.parent / folder
