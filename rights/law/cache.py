"""The shipped law data, validated once and kept in a private cache.

Building the pydantic validators of the law models and validating the law files cost more
than everything else ``rights laws list`` or ``rights deadline`` does. The shipped files only
change with a new release (or an edit in a checkout), so their validated models are kept,
pickled, in ``<cache folder>/law-data.pickle`` (``rights.paths.cache_home``: 0700, the file
0600, written whole through ``rights.files``), and a later start unpickles the one model it
asks for instead of validating it; the models defer their validators (``defer_build``).

- Only the SHIPPED files: the laws (``jurisdictions/*.json``), regulators, roll rules and
  brush-off answers. A file in the user's own ``jurisdictions`` folder is validated every
  time (``rights.law.load``), and ``rights laws validate`` always validates every file.
- Key: this format, the rights, pydantic and Python versions and the SHA-256 of the model
  modules' source (a checkout's edit of a model needs no version bump). Each entry carries
  the SHA-256 of its file's bytes and is used only when the file read now has the same.
- On any mismatch or load problem (no cache, another key, a changed file, a cache file that
  does not unpickle, one not owned by the user or open to others) the cache is rebuilt: every
  shipped file validated the normal way, at most once per process. A file that does not
  validate gets no entry, so loading it reports its problems as before. A cache that cannot
  be written (read-only home, no data folder yet: a cache never makes it) is not kept.

Pickle runs code when it loads, so the cache is read only from a folder and a file that the
user owns and no one else can write (``docs/privacy.md``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any, TypeVar

FORMAT = 1
CACHE_FILE = "law-data.pickle"
# The modules whose classes (and validators) the cached models are: their source is part of
# the key. A test checks that every model reachable from a cached model lives in one of them.
MODEL_MODULES = (
    "rights/law/model.py",
    "rights/law/facts.py",
    "rights/law/escalation.py",
    "rights/law/regulator_record.py",
    "rights/law/sector.py",
    "rights/law/rolls.py",
    "rights/law/answers.py",
    "rights/core/vocabulary.py",
    "rights/law/cache.py",
)
# The folders of the shipped data (relative to ``jurisdictions``) and the model of each.
KINDS = ("", "regulators", "rolls", "answers")

T = TypeVar("T")
Entries = dict[str, tuple[str, bytes]]  # relative path -> (SHA-256 of the file, pickled model)

_entries: Entries | None = None
_rebuilt = False


def lookup(path: Path, model: type[T]) -> T | None:
    """The validated model of the shipped file ``path`` from the cache (rebuilt when it does
    not hold the file as it is now), or None: not a shipped file, or one that does not
    validate or cannot be read (the caller then parses it and reports why)."""
    relative = _relative(path)
    if relative is None:
        return None
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    found = _unpickled(_current(), relative, digest, model)
    if found is None and not _rebuilt:
        found = _unpickled(rebuild(), relative, digest, model)
    return found


def _unpickled(entries: Entries, relative: str, digest: str, model: type[T]) -> T | None:
    entry = entries.get(relative)
    if entry is None or entry[0] != digest:
        return None
    try:
        found = pickle.loads(entry[1])
    except Exception:  # a damaged entry: rebuilt, like a damaged file
        return None
    return found if type(found) is model else None


def _relative(path: Path) -> str | None:
    """``path`` relative to the shipped folder when it is a shipped data file, else None."""
    from rights.law.load import data_folder

    root = data_folder()
    folder = path.parent
    for kind in KINDS:
        if folder == (root / kind if kind else root):
            return f"{kind}/{path.name}" if kind else path.name
    return None


def _current() -> Entries:
    """The entries of this process: read from the cache file once (empty if unusable)."""
    global _entries
    if _entries is None:
        _entries = read(cache_file()) or {}
    return _entries


def reset() -> None:
    """Forget what this process read or built (tests)."""
    global _entries, _rebuilt
    _entries, _rebuilt = None, False


def cache_file() -> Path:
    """Where the cache is kept."""
    from rights.paths import cache_home

    return cache_home() / CACHE_FILE


def key() -> tuple[Any, ...]:
    """What the cache must have been built with: format, versions, model source."""
    import pydantic

    from rights import __version__

    here = Path(__file__).resolve().parent.parent.parent
    source = hashlib.sha256()
    for name in MODEL_MODULES:
        try:
            source.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
        except OSError:
            source.update(name.encode() + b"\0-\0")
    return (FORMAT, __version__, pydantic.VERSION, sys.version, source.hexdigest())


def read(path: Path) -> Entries | None:
    """The entries of the cache file at ``path`` when it is usable, else None: it must be a
    regular file and sit in a folder, both owned by this user and closed to others, and
    carry this ``key()``."""
    try:
        if not _private(os.lstat(path.parent), stat.S_ISDIR):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            if not _private(os.fstat(fh.fileno()), stat.S_ISREG):
                return None
            data = pickle.load(fh)
    except Exception:  # damaged, cut short, from another format: rebuilt
        return None
    if not (isinstance(data, dict) and data.get("key") == key()):
        return None
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else None


def _private(st: os.stat_result, kind: Any) -> bool:
    owner = getattr(os, "geteuid", None)
    return (
        bool(kind(st.st_mode))
        and (owner is None or st.st_uid == owner())
        and not (st.st_mode & 0o077)
    )


def rebuild() -> Entries:
    """Validate every shipped file, keep the entries for this process and write the cache
    (best effort). Files that do not validate are left out."""
    global _entries, _rebuilt
    _entries, _rebuilt = build(), True
    write(cache_file(), _entries)
    return _entries


def build() -> Entries:
    """An entry for every shipped data file that validates."""
    from rights.errors import DataFileError
    from rights.law.answers import BrushOffs
    from rights.law.load import data_folder, parse_bytes
    from rights.law.model import Law, Regulator
    from rights.law.rolls import RollRule

    models: dict[str, type[Any]] = {
        "": Law,
        "regulators": Regulator,
        "rolls": RollRule,
        "answers": BrushOffs,
    }
    root = data_folder()
    entries: Entries = {}
    for kind, model in models.items():
        for path in sorted((root / kind if kind else root).glob("*.json")):
            relative = f"{kind}/{path.name}" if kind else path.name
            try:
                data = path.read_bytes()
                found = parse_bytes(data, relative, model)
            except (OSError, DataFileError):
                continue
            entries[relative] = (hashlib.sha256(data).hexdigest(), pickle.dumps(found, 5))
    return entries


def write(path: Path, entries: Entries) -> bool:
    """Write the cache file whole (folder 0700, file 0600); False if it cannot be written or
    the folder that holds the cache folder (the data folder, ``~/.cache``) does not exist."""
    from rights.errors import RightsError
    from rights.files import atomic_write, ensure_private_dir

    blob = pickle.dumps({"key": key(), "entries": entries}, 5)
    if not path.parent.parent.is_dir():  # the data folder is made by init, not by a cache
        return False
    try:
        ensure_private_dir(path.parent)
        atomic_write(path, blob)
    except (OSError, RightsError):
        return False
    return True
