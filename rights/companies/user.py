"""The user's side of the directory: their own records (in the encrypted store), imports,
edits, exports, validation and statistics. Functions take explicit arguments."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rights.errors import DataFileError, InputError, NotFoundError

if TYPE_CHECKING:
    from rights.companies.index import Directory, Entry
    from rights.core.company import Company
    from rights.store import Store

UserMode = Literal["auto", "yes", "no"]
USER_DATASET = "user"


def quietly_unlockable(home: Path, profile: str) -> bool:
    """True when the profile exists and its key comes without a prompt (keyring, variable)."""
    from rights.paths import profile_dir

    if not (profile_dir(home, profile) / "keyinfo.json").is_file():
        return False
    from rights.profile import profiles
    from rights.store import keys

    if not profiles.exists(home, profile):
        return False
    try:
        info = keys.read_keyinfo(profile_dir(home, profile), profile)
    except Exception:
        return False
    return info.scheme == "keyring" or keys.passphrase_configured()


def has_user_records(home: Path, profile: str) -> bool:
    """False only when the profile's marker says its store holds no companies or contact
    flags of the user's (``rights.store.user_records``); True when it does, or is not known."""
    from rights.paths import profile_dir
    from rights.store import user_records

    return user_records.known(profile_dir(home, profile)) is not False


def open_user_store(home: Path, profile: str, mode: UserMode) -> Store | None:
    """The profile's store when ``mode`` asks for it (``auto``: only if it holds records of
    the user's, or may, and opens quietly)."""
    from rights.errors import RightsError
    from rights.profile import profiles

    if mode == "no":
        return None
    if mode == "auto":
        if not has_user_records(home, profile) or not quietly_unlockable(home, profile):
            return None
        try:
            return profiles.open_store(home, profile)
        except RightsError:
            return None
    return profiles.open_store(home, profile)


def option_values(
    name: str | None,
    email: str | None,
    web: str | None,
    address: str | None,
    webform: str | None,
    opt_out_url: str | None,
    phone: str | None,
    category: list[str] | None,
    country: list[str] | None,
    alias: list[str] | None,
) -> dict[str, Any]:
    """Record fields from the options of ``companies add`` / ``edit`` (None: not given).

    ``address`` takes ``\\n`` between lines; ``domains`` follows from ``web``.
    """
    from rights.companies.names import registered_domain

    values: dict[str, Any] = {
        "name": name,
        "email": email,
        "web": web,
        "webform": webform,
        "opt_out_url": opt_out_url,
        "phone": phone,
        "address": address.replace("\\n", "\n") if address else None,
        "categories": category or None,
        "aliases": alias or None,
        "countries": [c.upper() if c != "all" else c for c in country] if country else None,
    }
    if web and registered_domain(web):
        values["domains"] = [registered_domain(web)]
    return values


def company_from_options(
    slug: str, values: dict[str, Any], *, today: dt.date, source_url: str | None
) -> Company:
    """A new user record from typed options (InputError lists what is wrong)."""
    data: dict[str, Any] = {k: v for k, v in values.items() if v not in (None, [], "")}
    data["slug"] = slug
    data.setdefault("quality", "verified" if source_url else "scraped")
    source: dict[str, Any] = {"dataset": USER_DATASET, "date": today.isoformat()}
    if source_url:
        source["url"] = source_url
    source["fields"] = [k for k in data if k not in {"slug", "quality", "name"}]
    data["sources"] = [source]
    return validated(data, "company")


def edited(company: Company, changes: dict[str, Any], *, today: dt.date) -> Company:
    """``company`` with ``changes`` applied; a ``user`` source records the fields changed."""
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise InputError("nothing to change", hint="give at least one option, like --email")
    data = company.model_dump(mode="json", exclude_defaults=True)
    data.update(changes)
    source = {"dataset": USER_DATASET, "date": today.isoformat(), "fields": sorted(changes)}
    data["sources"] = [*data["sources"], source]
    return validated(data, company.slug)


def validated(data: dict[str, Any], label: str) -> Company:
    """``data`` as a Company, or InputError with one ``label: field: message`` per problem."""
    from rights.core.company import Company, format_errors

    try:
        return Company.model_validate(data)
    except Exception as exc:
        lines = format_errors(label, exc)
        raise InputError("\n".join(lines)) from None


def import_path(
    path: Path, shipped: Directory, shipped_folder: Path, *, registry: str | None = None
) -> tuple[list[Company], list[str]]:
    """Records from a Datenanfragen JSON file/folder or a California registry CSV.

    Returns the valid records and one ``file: field.path: message`` line per skipped one.
    A registry broker already in the shipped directory (same slug) is merged into a copy
    of the shipped record, its newer contact details preferred.
    """
    from rights.core.company import Company, format_errors

    if not path.exists():
        raise NotFoundError(f"no file or folder {path}")
    if path.is_file() and path.suffix.lower() == ".csv":
        return _import_csv(path, shipped, shipped_folder, registry)
    from rights.companies.importers.datenanfragen import read_records

    companies, problems = [], []
    for file, data in read_records(path):
        if isinstance(data, str):
            problems.append(f"{file}: {data}")
            continue
        try:
            companies.append(Company.model_validate(data))
        except Exception as exc:
            problems.extend(format_errors(file, exc))
    return companies, problems


def check_shipped_overrides(companies: list[Company], shipped: Directory, *, force: bool) -> None:
    """Refuse (ConflictError, naming every slug) an import that would replace shipped
    records, unless ``force``: nothing is imported then, not even the other records."""
    from rights.errors import ConflictError

    slugs = sorted(c.slug for c in companies if shipped.get(c.slug) is not None)
    if slugs and not force:
        raise ConflictError(
            f"the import would replace {len(slugs)} shipped companies with your versions: "
            + ", ".join(slugs),
            hint="nothing was imported; use --force to import them anyway",
        )


def _import_csv(
    path: Path, shipped: Directory, shipped_folder: Path, registry: str | None
) -> tuple[list[Company], list[str]]:
    from rights.companies.importers import ca_registry
    from rights.companies.importers.merge import merge, unique_slug
    from rights.companies.index import read_company
    from rights.core.company import Company, format_errors

    _, rows = ca_registry.parse(path, registry)
    taken: set[str] = set()
    companies, problems = [], []
    for data in rows:
        where = data.pop("_where")
        slug = unique_slug(data["name"], taken)
        data["slug"] = slug
        if shipped.get(slug) is not None:
            base = read_company(shipped_folder, slug).model_dump(mode="json", exclude_defaults=True)
            merge(base, data, prefer=frozenset({"email", "web", "address", "phone", "opt_out_url"}))
            data = base
        try:
            companies.append(Company.model_validate(data))
        except Exception as exc:
            problems.extend(format_errors(where, exc))
    return companies, problems


def export_datenanfragen(companies: list[Company]) -> tuple[list[dict[str, Any]], list[str]]:
    """Records in the Datenanfragen format, and one line per record that cannot be."""
    from rights.companies.datenanfragen import to_theirs

    out, problems = [], []
    for company in companies:
        try:
            out.append(to_theirs(company))
        except ValueError as exc:
            problems.append(f"{company.slug}: {exc}")
    return out, problems


def validate_folder(folder: Path, *, check_index: bool) -> list[str]:
    """Problems in a folder of records (and its packs and index): one line each."""
    from rights.companies.index import INDEX_NAME, build_index, read_folder
    from rights.companies.packs import pack_files, read_pack
    from rights.core.company import Company, format_errors

    if not folder.is_dir():
        if folder.is_file():
            try:
                Company.model_validate_json(folder.read_bytes())
                return []
            except Exception as exc:
                return format_errors(folder.name, exc)
        raise NotFoundError(f"no file or folder {folder}")
    companies, problems = read_folder(folder)
    slugs = {c.slug for c in companies}
    for path in pack_files(folder):
        try:
            pack = read_pack(path)
        except DataFileError as exc:
            problems.extend(exc.message.split("\n"))
            continue
        problems.extend(
            f"packs/{path.name}: companies: no record {s!r}"
            for s in pack.companies
            if s not in slugs
        )
    if check_index and not problems:
        index = folder / INDEX_NAME
        if not index.is_file() or index.read_text(encoding="utf-8") != build_index(folder):
            problems.append(f"{INDEX_NAME}: out of date with the record files")
    return problems


def stats(entries: list[Entry]) -> dict[str, Any]:
    """Counts: total, and by source data set, category, country and channel."""
    by: dict[str, Counter[str]] = {
        k: Counter() for k in ("source", "category", "country", "channel")
    }
    for e in entries:
        by["source"].update(e.datasets)
        by["category"].update(e.categories)
        by["country"].update(e.countries)
        by["channel"][e.channel] += 1
    result: dict[str, Any] = {"total": len(entries)}
    for key, counter in by.items():
        result[f"by_{key}"] = dict(sorted(counter.items()))
    return result


def record_json(company: Company) -> str:
    """A record as pretty JSON (sorted keys), as in the shipped files."""
    return json.dumps(company.to_json(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def save_companies(
    store: Store, companies: list[Company], *, replace: bool, now: dt.datetime
) -> None:
    """Keep ``companies`` as the user's records, in one transaction.

    Without ``replace``, ConflictError if the user has a record of one of the slugs.
    """
    from rights.errors import ConflictError
    from rights.store import companies_repo as repo
    from rights.store.connect import transaction

    with transaction(store.conn):
        if not replace:
            for company in companies:
                if repo.get_company(store.conn, company.slug) is not None:
                    raise ConflictError(
                        f"you have a company {company.slug!r} already",
                        hint="use --force to replace it, or 'rights companies edit'",
                    )
        repo.put_companies(store.conn, companies, now)


def flag_address(
    store: Store, slug: str, address: str, *, ok: bool, note: str | None, now: dt.datetime
) -> None:
    """Mark ``address`` of ``slug`` as bounced (or ``ok`` again); values are checked."""
    from rights.core.values import text
    from rights.store import companies_repo as repo
    from rights.store.connect import transaction

    with transaction(store.conn):
        repo.flag_contact(
            store.conn,
            slug,
            text(address, "address"),
            "ok" if ok else "bounced",
            now,
            text(note, "note") if note else None,
        )
