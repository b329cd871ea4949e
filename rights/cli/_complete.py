"""Shell completion of values: what a shell offers after ``rights show <TAB>``.

Each function takes what was typed so far and returns the candidates that start with it. They
run on every TAB press, so they stay cheap: names from the data folder, the company index
file, the shipped law and pack files; case references only when the profile's store opens
without asking (a keyring key, or a passphrase variable) — a completion never prompts.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from rights.core.vocabulary import CHANNELS, RIGHT_ALIASES, RIGHTS


def completer(name: str) -> Callable[[str], list[str]]:
    """The completion function ``name`` of this module, for typer's ``autocompletion``."""

    def complete(incomplete: str) -> list[str]:
        found: list[str] = globals()[name](incomplete)
        return found

    return complete


def _starting(incomplete: str, values: list[str]) -> list[str]:
    return sorted(v for v in dict.fromkeys(values) if v.startswith(incomplete))


def profiles(incomplete: str) -> list[str]:
    """Profile names (folders of the data folder; nothing is unlocked)."""
    from rights.paths import data_home, profiles_dir

    folder = profiles_dir(data_home())
    names = [p.name for p in folder.iterdir() if p.is_dir()] if folder.is_dir() else []
    return _starting(incomplete, names)


def refs(incomplete: str) -> list[str]:
    """Case references of the acting profile, when its store opens without a prompt."""
    import sys

    from rights.errors import RightsError
    from rights.paths import data_home
    from rights.profile import profiles as profile_store
    from rights.store import cases_repo

    stdin, sys.stdin = sys.stdin, None  # no prompt, ever
    try:
        name = profile_store.resolve(data_home(), os.environ.get("RIGHTS_PROFILE"))
        with profile_store.open_store(data_home(), name) as store:
            found = list(cases_repo.all_refs(store.conn))
    except (RightsError, OSError):
        return []
    finally:
        sys.stdin = stdin
    typed = incomplete.upper()
    return sorted(r for r in found if r.startswith(typed))


def companies(incomplete: str) -> list[str]:
    """Company slugs from the shipped directory's index (one read of one file)."""
    from rights.paths import shipped

    index = shipped("companies") / "_index.txt"
    try:
        lines = index.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    slugs = [line.split("|", 1)[0] for line in lines[1:] if line]  # line 1: the header
    return _starting(incomplete, slugs)[:200]


def packs(incomplete: str) -> list[str]:
    """Pack names (the shipped pack files)."""
    from rights.paths import shipped

    folder = shipped("companies") / "packs"
    return _starting(incomplete, [p.stem for p in folder.glob("*.json")])


def laws(incomplete: str) -> list[str]:
    """Law ids (the shipped law files)."""
    from rights.paths import shipped

    return _starting(incomplete, [p.stem for p in shipped("jurisdictions").glob("*.json")])


def rights(incomplete: str) -> list[str]:
    """Right names and the aliases every command accepts."""
    return _starting(incomplete, [*RIGHTS, *RIGHT_ALIASES])


def channels(incomplete: str) -> list[str]:
    """Channels a letter can take."""
    return _starting(incomplete, list(CHANNELS))


def events(incomplete: str) -> list[str]:
    """Event kinds ``rights log`` takes."""
    from rights.cases.lifecycle import EVENT_KINDS

    return _starting(incomplete, list(EVENT_KINDS))
