"""Finding companies by slug or pack: the user's own records first, then the shipped ones.

A slug the directory dropped when it merged a duplicate still resolves: the generated
``companies/_redirects.json`` maps each old slug to the record it was merged into, so a
stored case naming the old slug finds its company.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.errors import DataFileError, NotFoundError

REDIRECTS_NAME = "_redirects.json"

if TYPE_CHECKING:
    from rights.companies.index import Directory
    from rights.core.company import Company


def find(slug: str, *, folder: Path, directory: Directory, mine: list[Company]) -> Company:
    """The user's record of ``slug``, else the shipped one; NotFoundError with the closest."""
    from rights.companies.index import read_company
    from rights.companies.search import closest_slugs

    for company in mine:
        if company.slug == slug:
            return company
    if directory.get(slug) is not None:
        return read_company(folder, slug)
    moved = redirects(folder).get(slug)
    known = moved is not None and (
        directory.get(moved) is not None or any(c.slug == moved for c in mine)
    )
    if moved is not None and known:  # one step only: redirects are flattened when written
        return find(moved, folder=folder, directory=directory, mine=mine)
    close = closest_slugs(directory, slug)
    hint = (
        f"did you mean: {', '.join(close)}?"
        if close
        else "search with: rights companies search NAME"
    )
    raise NotFoundError(f"no company {slug!r}", hint=hint)


def redirects(folder: Path) -> dict[str, str]:
    """Old slug -> current slug, from ``folder/_redirects.json`` (empty when absent)."""
    import json

    path = folder / REDIRECTS_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise DataFileError(f"{path}: unreadable redirects: {exc}") from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise DataFileError(f"{path}: must map old slugs to current slugs")
    return data


def resolve(
    slugs: list[str], pack: str | None, *, folder: Path, mine: list[Company]
) -> list[Company]:
    """The companies named by slug and/or by a pack, in order, without repeats.

    Every unknown slug is reported at once (NotFoundError listing them).
    """
    from rights.companies import index
    from rights.companies.packs import get_pack

    directory = index.load(folder).with_user(mine)
    wanted = list(slugs)
    if pack:
        wanted.extend(get_pack(folder, pack).companies)
    found: list[Company] = []
    missing: list[str] = []
    hints: list[str] = []
    for slug in dict.fromkeys(wanted):
        try:
            found.append(find(slug, folder=folder, directory=directory, mine=mine))
        except NotFoundError as exc:
            missing.append(slug)
            if exc.hint and len(missing) == 1:
                hints.append(f"{slug}: {exc.hint}")
    if missing:
        raise NotFoundError(
            f"no company {', '.join(repr(m) for m in missing)}", hint="; ".join(hints) or None
        )
    if not found:
        raise NotFoundError("no companies named", hint="give --company SLUG or --pack NAME")
    return found


def for_residence(
    companies: list[Company], country: str | None, *, folder: Path, mine: list[Company]
) -> tuple[list[Company], dict[str, dict[str, Any]]]:
    """The companies a request from a person living in ``country`` goes to: a record that
    names another entity as the controller for that region (``controllers``) is replaced by
    that entity's record (Google LLC -> Google Ireland Limited for a resident of the EEA).

    Returns the companies (in order, without repeats) and, per company that replaced a
    record, the note ``controller_for_region`` shows (``--json`` and the output)."""
    from rights.companies import index

    if not any(c.controller_for(country) for c in companies):
        return list(companies), {}  # the usual case: no index to read
    directory = index.load(folder).with_user(mine)
    found: list[Company] = []
    notes: dict[str, dict[str, Any]] = {}
    for company in companies:
        regional = company.controller_for(country)
        chosen = company
        if regional is not None:
            chosen = find(regional.company, folder=folder, directory=directory, mine=mine)
            notes[chosen.slug] = {
                "record": company.slug,
                "record_name": company.name,
                "controller": chosen.slug,
                "name": chosen.name,
                "regions": list(regional.regions),
                "country": (country or "").upper(),
                "source": regional.source,
            }
        if all(c.slug != chosen.slug for c in found):
            found.append(chosen)
    return found, notes


def region_note(note: dict[str, Any]) -> str:
    """The line that says why a request went to a regional controller."""
    regions = ", ".join(note["regions"])
    return (
        f"for a resident of {note['country']}, the controller of {note['record_name']} is "
        f"{note['name']} ({regions}; source: {note['source']}): the request goes to it"
    )
