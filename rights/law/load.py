"""Load and validate the law files: ``jurisdictions/<id>.json`` and ``jurisdictions/regulators/``.

Files are read lazily, one law at a time, and cached, so ``rights deadline`` reads a single
small file. Every problem is reported as ``file: field.path: message``.

The user's ``<RIGHTS_HOME>/jurisdictions`` folder is merged over the shipped one: a file there
adds a law (or regulator) or replaces the shipped file with the same id, and is validated the
same way. The merge applies when the shipped folder (``data_folder()``) is asked for; any
other folder is read alone (``rights laws validate PATH``, tests).

A shipped file comes from the private cache of validated shipped data (``rights.law.cache``)
when it holds the file as it is; the user's files and any other folder are validated on
every load (``read_model``), and ``parse_file`` always validates.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from rights.errors import DataFileError, NotFoundError
from rights.law.model import REGULATORS_DIR, Law, Regulator

M = TypeVar("M", bound=BaseModel)


@lru_cache(maxsize=1)
def data_folder() -> Path:
    """The shipped ``jurisdictions`` folder (found once: it does not move while running)."""
    from rights.paths import shipped

    return shipped("jurisdictions")


def user_folder() -> Path:
    """The user's ``jurisdictions`` folder, merged over the shipped one."""
    from rights.paths import data_home

    return data_home() / "jurisdictions"


def folders(root: Path) -> list[Path]:
    """Where the files of ``root`` are looked up, first match winning: the user's folder,
    then the shipped one, when ``root`` is the shipped folder; otherwise ``root`` alone."""
    if root == data_folder():
        user = user_folder()
        if user.is_dir() and user.resolve() != root.resolve():
            return [user, root]
    return [root]


def _find(root: Path, relative: str) -> Path | None:
    """The file ``relative`` in the first of ``folders(root)`` that has it."""
    if "/" in relative.replace(f"{REGULATORS_DIR}/", "", 1) or "\\" in relative:
        return None
    for folder in folders(root):
        path = folder / relative
        if path.is_file():
            return path
    return None


def law_ids(root: Path) -> list[str]:
    """The ids of the laws in ``root`` (file names; with the user's, see ``folders``), sorted."""
    return sorted({p.stem for folder in folders(root) for p in folder.glob("*.json")})


def regulator_ids(root: Path) -> list[str]:
    """The ids of the regulators in ``root/regulators`` (with the user's), sorted."""
    return sorted(
        {p.stem for folder in folders(root) for p in (folder / REGULATORS_DIR).glob("*.json")}
    )


def load_law(root: Path, law_id: str) -> Law:
    """One law, validated (cached). NotFoundError, listing the known ids, if there is none."""
    path = _find(root, f"{law_id}.json")
    if path is None:
        raise NotFoundError(f"no law {law_id!r}", hint=f"laws: {', '.join(law_ids(root))}")
    return _load_law_cached(path)


@lru_cache(maxsize=128)
def _load_law_cached(path: Path) -> Law:
    law = read_model(path, path.name, Law)
    if law.id != path.stem:
        raise DataFileError(
            f"{path.name}: id: {law.id!r} does not match the file name {path.stem!r}"
        )
    return law


def load_laws(root: Path) -> list[Law]:
    """Every law in ``root``; all problems in all files are reported at once."""
    laws: list[Law] = []
    problems: list[str] = []
    for law_id in law_ids(root):
        try:
            laws.append(load_law(root, law_id))
        except DataFileError as exc:
            problems.extend(getattr(exc, "problems", [exc.message]))
    if problems:
        raise _data_error(problems)
    return laws


def load_regulator(root: Path, reg_id: str) -> Regulator:
    """One regulator record, validated (cached)."""
    path = _find(root, f"{REGULATORS_DIR}/{reg_id}.json")
    if path is None:
        raise NotFoundError(f"no regulator {reg_id!r}")
    return _load_regulator_cached(path)


@lru_cache(maxsize=256)
def _load_regulator_cached(path: Path) -> Regulator:
    reg = read_model(path, f"{REGULATORS_DIR}/{path.name}", Regulator)
    if reg.id != path.stem:
        raise DataFileError(
            f"{REGULATORS_DIR}/{path.name}: id: {reg.id!r} does not match the file name"
        )
    return reg


def load_regulators(root: Path, ids: list[str] | None = None) -> list[Regulator]:
    """The named regulators (default: all); all problems reported at once."""
    wanted = regulator_ids(root) if ids is None else ids
    found: list[Regulator] = []
    problems: list[str] = []
    for reg_id in wanted:
        try:
            found.append(load_regulator(root, reg_id))
        except DataFileError as exc:
            problems.extend(getattr(exc, "problems", [exc.message]))
        except NotFoundError:
            problems.append(f"{REGULATORS_DIR}/{reg_id}.json: file not found")
    if problems:
        raise _data_error(problems)
    return found


def laws_for_resident(
    laws: list[Law], country: str, region: str | None
) -> tuple[list[Law], list[Law]]:
    """(laws that cover a resident of country/region, laws that apply by company location)."""
    codes = {country} | ({f"{country}-{region}"} if region else set())
    resident = [law for law in laws if codes & set(law.scope.residents_of)]
    by_location = [law for law in laws if law.scope.by_controller_location and law not in resident]
    return resident, by_location


def read_model(path: Path, shown: str, model: type[M]) -> M:
    """A data file's model: from the cache of validated shipped data when ``path`` is a
    shipped file it holds as it is now, else ``parse_file``."""
    from rights.law import cache

    found = cache.lookup(path, model)
    return found if found is not None else parse_file(path, shown, model)


def parse_file(path: Path, shown: str, model: type[M]) -> M:
    """Read and validate one JSON file; DataFileError with one line per problem (``shown``
    names the file in them)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _data_error([f"{shown}: cannot read: {exc}"]) from None
    return parse_bytes(data, shown, model)


def parse_bytes(data: bytes, shown: str, model: type[M]) -> M:
    """Validate the bytes of one JSON file (UTF-8), as ``parse_file``."""
    try:
        parsed: Any = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _data_error([f"{shown}: cannot read: {exc}"]) from None
    except json.JSONDecodeError as exc:
        raise _data_error([f"{shown}: line {exc.lineno} column {exc.colno}: {exc.msg}"]) from None
    try:
        return model.model_validate(parsed)
    except ValidationError as exc:
        raise _data_error(validation_lines(shown, exc)) from None


def validation_lines(shown: str, exc: ValidationError) -> list[str]:
    """pydantic errors as ``file: field.path: message``, one per problem."""
    lines = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        lines.append(f"{shown}: {where}: {err['msg']}")
    return lines


def _data_error(problems: list[str]) -> DataFileError:
    count = len(problems)
    header = f"jurisdiction data is not valid ({count} problem{'s' if count != 1 else ''}):"
    exc = DataFileError("\n".join([header, *problems]), hint="fix the file(s) named above")
    exc.problems = problems  # type: ignore[attr-defined]
    return exc
