"""Editing a profile's identity: validate every change first, then apply them all."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rights.core import values as validate
from rights.core.identity import Identity
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.store import Store

CLEARABLE = (
    "full_name",
    "other_names",
    "emails",
    "phones",
    "addresses",
    "birth_date",
    "country",
    "region",
    "accounts",
)


@dataclass
class Changes:
    """What the user asked to change; ``None`` means leave the field as it is."""

    full_name: str | None = None
    other_names: list[str] | None = None
    emails: list[str] | None = None
    phones: list[str] | None = None
    addresses: list[str] | None = None
    birth_date: str | None = None
    country: str | None = None
    region: str | None = None
    accounts: list[str] | None = None
    clear: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        """True when nothing at all was asked for."""
        return not self.clear and all(
            getattr(self, f.name) is None for f in dataclasses.fields(self) if f.name != "clear"
        )


LIST_FIELDS = ("other_names", "emails", "phones", "addresses")
TEXT_FIELDS = ("full_name", "birth_date", "country", "region")
READ_ONLY = ("key_backend", "version")
"""Shown by ``profile show --json`` (the key's backend, the contract version), not part of
the identity: ``profile edit --from-file`` reads that output back and ignores them."""


def changes_from_text(text: str, source: str) -> Changes:
    """The changes a JSON or TOML document asks for, with the field names of
    ``rights profile show --json``: a field present replaces the value (null or an empty
    list clears it), a field absent stays as it is. InputError naming ``source``."""
    import tomllib

    stripped = text.lstrip()
    try:
        data = json.loads(text) if stripped.startswith("{") else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{source}: neither JSON nor TOML: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{source}: expected an object with identity fields")
    unknown = sorted(set(data) - set(CLEARABLE) - set(READ_ONLY))
    if unknown:
        raise InputError(
            f"{source}: unknown field {unknown[0]!r}", hint=f"fields: {', '.join(CLEARABLE)}"
        )
    changes = Changes()
    for name in CLEARABLE:
        if name not in data:
            continue
        value = data[name]
        if value is None or value == [] or value == {}:
            changes.clear.append(name)
        elif name in TEXT_FIELDS:
            setattr(changes, name, _one_text(value, name, source))
        elif name in LIST_FIELDS:
            setattr(changes, name, _text_list(value, name, source))
        else:
            changes.clear.append(name)
            changes.accounts = _account_items(value, source)
    return changes


def _one_text(value: object, name: str, source: str) -> str:
    if isinstance(value, dt.date):  # TOML has dates of its own
        return value.isoformat()
    if not isinstance(value, str):
        raise InputError(f"{source}: {name}: expected text")
    return value


def _text_list(value: object, name: str, source: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{source}: {name}: expected a list of text")
    return list(value)


def _account_items(value: object, source: str) -> list[str]:
    if not isinstance(value, dict):
        raise InputError(f"{source}: accounts: expected an object of SLUG: [ID, ...]")
    items = []
    for slug, ids in value.items():
        for ident in _text_list(
            ids if isinstance(ids, list) else [ids], f"accounts.{slug}", source
        ):
            items.append(f"{slug}={ident}")
    return items


def _accounts(items: list[str]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for item in items:
        slug, sep, ident = item.partition("=")
        slug, ident = slug.strip().lower(), ident.strip()
        if not sep or not slug or not ident:
            raise InputError(f"account: {item!r} is not SLUG=ID (e.g. google=ada@gmail.com)")
        result.setdefault(validate.text(slug, "account company"), []).append(
            validate.text(ident, "account id")
        )
    return result


def _dedupe(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def apply(current: Identity, changes: Changes, *, today: dt.date) -> Identity:
    """Return ``current`` with ``changes`` applied; raise InputError before changing anything."""
    unknown = [name for name in changes.clear if name.replace("-", "_") not in CLEARABLE]
    if unknown:
        raise InputError(
            f"--clear: unknown field {unknown[0]!r}", hint=f"fields: {', '.join(CLEARABLE)}"
        )
    new = dataclasses.replace(current)
    for name in changes.clear:
        name = name.replace("-", "_")
        default = Identity.__dataclass_fields__[name]
        setattr(new, name, default.default_factory() if callable(default.default_factory) else None)
    if changes.full_name is not None:
        new.full_name = validate.header_text(changes.full_name, "full name")
    if changes.other_names is not None:
        new.other_names = _dedupe([validate.text(v, "other name") for v in changes.other_names])
    if changes.emails is not None:
        new.emails = _dedupe([validate.email(v) for v in changes.emails])
    if changes.phones is not None:
        new.phones = _dedupe([validate.phone(v) for v in changes.phones])
    if changes.addresses is not None:
        new.addresses = _dedupe(
            [validate.text(v, "address", multiline=True) for v in changes.addresses]
        )
    if changes.birth_date is not None:
        new.birth_date = validate.birth_date(changes.birth_date, today)
    if changes.country is not None:
        new.country = validate.country(changes.country)
        if changes.region is None and new.region and new.country != current.country:
            new.region = None  # a region belongs to its country
    if changes.region is not None:
        new.region = validate.region(changes.region, new.country)
    if changes.accounts is not None:
        new.accounts = {**new.accounts, **_accounts(changes.accounts)}
    return new


def save(store: Store, identity: Identity, *, now: dt.datetime) -> None:
    """Store ``identity`` as the profile's, in one transaction."""
    from rights.store import repo
    from rights.store.connect import transaction

    with transaction(store.conn):
        repo.put_identity(store.conn, identity, now)
