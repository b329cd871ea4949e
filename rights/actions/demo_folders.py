"""Where the demo writes: the letters' folder and the data folder it keeps, in the current
folder, never over files already there (a default name in use becomes ``NAME-2``; an
``--out`` folder holding files is refused)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path

from rights.errors import ConflictError

LETTERS_FOLDER = "rights-demo-letters"
KEEP_FOLDER = "rights-demo"


@dataclass
class Folders:
    """Where the demo works: its data folder, the letters' folder, and how to name them."""

    cwd: Path
    letters: Path
    keep: Path | None = None
    notes: list[str] = field(default_factory=list)

    def show(self, path: Path) -> str:
        """``path`` as a user types it: relative to the current folder when inside it."""
        try:
            shown = str(path.relative_to(self.cwd))
        except ValueError:
            shown = str(path)
        return shlex.quote(shown)


def _is_used(path: Path) -> bool:
    return path.is_symlink() or (path.exists() and (not path.is_dir() or any(path.iterdir())))


def _fresh(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``... the first that is free or an empty folder."""
    candidate, number = path, 1
    while _is_used(candidate):
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


def folders(cwd: Path, out: Path | None, keep: bool) -> Folders:
    """The letters' folder (``--out``, else ``rights-demo-letters``) and, with ``keep``, the
    data folder to keep (``rights-demo``). A default name already holding files becomes
    ``NAME-2`` (said in ``notes``); an ``--out`` folder holding files is refused."""
    cwd = cwd.absolute()
    made = Folders(cwd=cwd, letters=cwd / LETTERS_FOLDER)
    if out is not None:
        made.letters = out if out.is_absolute() else cwd / out
        if _is_used(made.letters):
            raise ConflictError(
                f"{out} already holds files: the demo does not write over them",
                hint="name a new or empty folder with --out, or leave --out out",
            )
    defaults = [("letters", cwd / LETTERS_FOLDER)] if out is None else []
    defaults += [("keep", cwd / KEEP_FOLDER)] if keep else []
    for name, path in defaults:
        chosen = _fresh(path)
        if chosen != path:
            made.notes.append(
                f"{made.show(path)} already holds files (left as they are): "
                f"using {made.show(chosen)}"
            )
        setattr(made, name, chosen)
    return made
