"""Routing: which channel a letter to a company takes, and where it goes (the email
address, web form or postal address a channel uses).

Pure functions over a :class:`rights.core.company.Company`; nothing is read or sent here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rights.core.vocabulary import CHANNEL_FOR_CONTACT, CONTACT_NEEDED, normalise_channel
from rights.errors import InputError
from rights.law.choice import Choice

if TYPE_CHECKING:
    from rights.core.company import Company
    from rights.letters.context import Recipient

# A company's required_elements types -> identity fields for least disclosure.
ELEMENT_FIELDS = {"name": "name", "email": "email", "address": "address",
                  "birthdate": "birth_date", "input": "account", "textarea": "account"}  # fmt: skip


def form_url(company: Company) -> str | None:
    """The web form to use: the privacy request form, else the opt-out page; never the
    privacy policy page (``policy_url``) nor a self-service tool, whatever field holds it."""
    not_forms = {company.policy_url, company.download_url, company.delete_url} - {None}
    for url in (company.webform, company.opt_out_url):
        if url and url not in not_forms:
            return url
    return None


SELF_SERVICE_OF_RIGHT = {"access": "download_url", "portability": "download_url",
                         "deletion": "delete_url"}  # fmt: skip
"""A right -> the record field of the self-service tool that does part of it."""


def self_service(company: Company, right: str) -> str | None:
    """The company's self-service tool for ``right`` (a download or deletion page), offered
    beside a request, never instead of it (it is not a request under the law)."""
    attr = SELF_SERVICE_OF_RIGHT.get(right)
    return getattr(company, attr) if attr else None


def _has(company: Company, need: str | None) -> bool:
    if need is None:
        return True
    if need == "webform":
        return form_url(company) is not None
    return bool(getattr(company, need))


def channels_of(company: Company) -> list[str]:
    """The channels a company can be reached through."""
    return [via for via, need in CONTACT_NEEDED.items() if _has(company, need)]


def choose_channel(company: Company, explicit: str | None, suspect: Iterable[str] = ()) -> Choice:
    """``--via`` if the company has the contact it needs; else its preferred channel; else
    email, web form, letter, in that order. A bounced address (``suspect``: email, form URL
    or postal address as ``recipient_of`` gives it) is never used: not by default, and
    ``--via`` naming it is refused."""
    bad = set(suspect)
    usable = [
        via
        for via in channels_of(company)
        if via != "text" and recipient_of(company, via) not in bad
    ]
    if explicit:
        return _explicit_channel(company, normalise_channel(explicit), bad, usable)
    preferred = CHANNEL_FOR_CONTACT.get(company.channel or "")
    if preferred and preferred in usable:
        return Choice(preferred, f"{company.name} prefers it", usable)
    for via in ("email", "webform", "pdf"):
        if via in usable:
            return Choice(via, "the first channel it has", usable)
    have = ", ".join(channels_of(company)) or "none"
    raise InputError(
        f"{company.name} has no usable contact (email, web form or postal address)",
        hint=f"channels it has: {have}; add one with: rights companies edit {company.slug}",
    )


def _explicit_channel(company: Company, explicit: str, bad: set[str], usable: list[str]) -> Choice:
    """``--via``: refused when the company lacks its contact, or the contact bounced."""
    need = CONTACT_NEEDED[explicit]
    if not _has(company, need):
        have = ", ".join(channels_of(company)) or "none"
        raise InputError(
            f"{company.name} has no {need} for --via {explicit}",
            hint=f"channels it has: {have}",
        )
    if explicit != "text" and recipient_of(company, explicit) in bad:
        address = recipient_of(company, explicit)
        others = ", ".join(usable) or "none"
        raise InputError(
            f"{address} of {company.name} bounced: --via {explicit} would use it again",
            hint=f"channels still usable: {others}; if it works again: rights companies "
            f"bounced {company.slug} {address} --ok",
        )
    return Choice(explicit, "chosen with --via", usable)


def required_fields(company: Company) -> list[str]:
    """The identity fields the company's record says it needs."""
    fields = [ELEMENT_FIELDS[e.type] for e in company.required_elements if not e.optional]
    return list(dict.fromkeys(fields))


def recipient_of(company: Company, via: str) -> str:
    """Where the letter goes, as stored on the case."""
    if via in ("email", "eml", "mailto"):
        return company.email or ""
    if via == "webform":
        return form_url(company) or ""
    if via == "pdf":
        return (company.address or "").replace("\n", ", ")
    return ""


def letter_recipient(company: Company) -> Recipient:
    """The company as a letter addresses it: name, postal address lines, email."""
    from rights.delivery.postal import address_lines
    from rights.letters.context import Recipient

    lines = address_lines(company.address)
    return Recipient(name=company.name, address_lines=lines, email=company.email)


def controller_country(company: Company) -> str | None:
    """The company's country for public holidays: where it is established (the country its
    address names, else the one its record lists); a German company's Land from its postcode
    (``DE-HE`` for Wiesbaden), bare ``DE`` when the postcode does not tell."""
    from rights.law.choice import company_home
    from rights.law.postcodes import land_of_address

    home = company_home(company)
    if home == "DE":
        return land_of_address(company.address) or "DE"
    return home
