"""Least disclosure: which identity fields a letter may carry.

A letter carries only what the company says it needs (its required fields); without such a
list, the person's name and the one contact the reply should go to. A date of birth or an
identity-document number is never volunteered: only a company record that requires it
brings it into a letter.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rights.errors import InputError

if TYPE_CHECKING:
    from rights.core.identity import Identity
    from rights.letters.context import Agent

# Canonical field -> (identity dict keys to read it from, in order of preference).
_SOURCES: dict[str, tuple[str, ...]] = {
    "name": ("full_name", "name"),
    "email": ("emails", "email"),
    "address": ("addresses", "address", "postal_address"),
    "phone": ("phones", "phone"),
    "birth_date": ("birth_date", "birthdate"),
    "other_names": ("other_names",),
    "id_number": ("id_number", "id_document_number"),
}

# Names a company record may use for a field -> the canonical field.
FIELD_ALIASES: dict[str, str] = {
    "name": "name",
    "full_name": "name",
    "email": "email",
    "emails": "email",
    "address": "address",
    "addresses": "address",
    "postal_address": "address",
    "phone": "phone",
    "phones": "phone",
    "birth_date": "birth_date",
    "birthdate": "birth_date",
    "date_of_birth": "birth_date",
    "other_names": "other_names",
    "former_names": "other_names",
    "id_number": "id_number",
    "id_document_number": "id_number",
    "account": "account",
    "accounts": "account",
    "customer_id": "account",
}

REPLY_VIA = {"email": "email", "postal": "address", "address": "address", "phone": "phone"}
"""Where the reply should go -> the contact field that must be disclosed for it."""

ORDER = ("name", "other_names", "email", "phone", "address", "birth_date", "account", "id_number")


def canonical_field(name: str) -> str:
    """The canonical identity field for a company's field name (``birthdate`` -> ``birth_date``)."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in FIELD_ALIASES:
        known = ", ".join(sorted(set(FIELD_ALIASES.values())))
        raise InputError(f"unknown identity field {name!r}", hint=f"fields: {known}")
    return FIELD_ALIASES[key]


def _first(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return value[0] if value else None
    return value


def _value(identity: dict[str, Any], field: str, company: str | None) -> Any:
    if field == "account":
        accounts = identity.get("accounts") or {}
        ids = accounts.get(company) if company else None
        return list(ids) if ids else None
    for key in _SOURCES[field]:
        value = identity.get(key)
        if field == "other_names":
            if value:
                return list(value)
            continue
        value = _first(value)
        if isinstance(value, dt.date):
            value = value.isoformat()
        if field == "address" and isinstance(value, str):
            value = [line.strip() for line in value.splitlines() if line.strip()]
        if value:
            return value
    return None


def disclosed_identity(
    identity: dict[str, Any],
    required_fields: list[str] | None,
    reply_via: str,
    *,
    company: str | None = None,
) -> dict[str, Any]:
    """The identity fields a letter may show, in a fixed order.

    ``identity`` is ``Identity.to_dict()`` (or the same keys); ``required_fields`` the
    company's required fields (``None`` or empty: it names none); ``reply_via`` is
    ``email``, ``postal`` or ``phone`` and decides which contact is added; ``company`` is
    the company's slug, used only to find account ids when ``account`` is required.
    Values are strings, except ``address`` (its lines), ``other_names`` and ``account``
    (lists). Raises InputError listing every field that is needed but empty.
    """
    if reply_via not in REPLY_VIA:
        raise InputError(
            f"reply via {reply_via!r}: not a contact kind",
            hint=f"one of: {', '.join(sorted(REPLY_VIA))}",
        )
    wanted = {"name", REPLY_VIA[reply_via]}
    wanted.update(canonical_field(f) for f in required_fields or [])
    result: dict[str, Any] = {}
    missing: list[str] = []
    for field in ORDER:
        if field not in wanted:
            continue
        value = _value(identity, field, company)
        if value:
            result[field] = value
        else:
            missing.append(field)
    if missing:
        raise InputError(
            f"missing identity fields: {', '.join(missing)}",
            hint="add them to the profile (rights profile edit) or choose another channel",
        )
    return result


def letter_sender(
    identity: Identity,
    required: list[str] | None,
    *,
    company: str | None,
    postal: bool = True,
    posted: bool = False,
) -> dict[str, Any]:
    """The sender block of any letter (request, reminder, answer, complaint).

    ``required``: the identity fields the letter must carry (the company's required fields,
    or those a request already disclosed); ``company``: the company's slug (for account
    ids). The reply goes by email when the person has an email address; by post when they
    have none and the letter may go by post (``postal``; a request by email or web form
    cannot, so it needs the email address). ``posted``: the letter goes by post, so it
    carries the postal address (its return line and letter head); InputError without one.
    """
    reply_via = "email" if identity.emails or not postal else "postal"
    wanted = [*(required or []), *(["address"] if posted else [])]
    try:
        return disclosed_identity(identity.to_dict(), wanted or None, reply_via, company=company)
    except InputError as exc:
        if posted and not identity.addresses:
            raise no_postal_address(exc.message) from None
        raise


def letter_from(
    sender: dict[str, str | list[str]], agent: Agent | None
) -> dict[str, str | list[str]]:
    """Who a letter is from (its letter head, return line, signature, ``From:``): the person
    (``sender``, the block :func:`letter_sender` gave), or on an agent's letter the agent —
    then ``sender`` stays the client's details the letter discloses, and nothing of the
    client's goes into the head or the From line."""
    return agent.card() if agent is not None else dict(sender)


def no_postal_address(missing: str = "missing identity fields: address") -> InputError:
    """The error for a letter by post from a profile without a postal address."""
    return InputError(
        f"{missing}: a letter by post carries your postal address (return line and letter head)",
        hint="rights profile edit --address 'Street 1, 12345 City' (or choose another "
        "channel: --via eml, email or text)",
    )
