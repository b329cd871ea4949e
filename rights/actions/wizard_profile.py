"""The wizard's questions about the person: what the profile lacks (name, email, country
and region by name or code, the postal address) and the fields the chosen companies need.
Each answer is checked as ``rights profile edit`` checks it, asked again when wrong, and
saved as soon as it is right, so an answer given is never lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from rights.actions.wizard_ask import Ask, address, ask_until, required
from rights.core import countries
from rights.errors import InputError
from rights.profile import identity as identity_edit
from rights.profile.identity import Changes
from rights.store.connect import transaction

if TYPE_CHECKING:
    from rights.core.company import Company
    from rights.core.identity import Identity
    from rights.store import Store

ADDRESS_WHY = ("Your postal address goes on postal letters (the return line and the letter "
               "head); without one, letters by post are not offered.")  # fmt: skip
ADDRESS_QUESTION = "Your postal address (lines separated by commas; empty to skip)"


def _ask_change(ask: Ask, store: Store, person: Identity, question: str,
                build: Callable[[str], Changes | None], today: dt.date,
                now: dt.datetime) -> Identity:  # fmt: skip
    """Ask until ``build`` turns the answer into changes the profile accepts (None: the
    person skipped it); store them at once; return the person as now stored."""
    from rights.store import repo

    def parse(answer: str) -> Identity | None:
        changes = build(answer)
        return None if changes is None else identity_edit.apply(person, changes, today=today)

    updated = ask_until(ask, question, parse)
    if updated is None:
        return person
    with transaction(store.conn):
        repo.put_identity(store.conn, updated, now)
    return updated


def complete_identity(ask: Ask, store: Store, person: Identity, today: dt.date,
                      now: dt.datetime) -> Identity:  # fmt: skip
    """Ask for what the profile lacks: the name, an email, the country (and its region),
    and the postal address (which may be skipped: then no postal channel is offered)."""
    before = person

    def change(question: str, build: Callable[[str], Changes | None]) -> Identity:
        return _ask_change(ask, store, person, question, build, today, now)

    if not person.full_name:
        person = change("Your full name", lambda a: Changes(full_name=required("name", str)(a)))
    if not person.emails:
        person = change("Your email address (replies go there)",
                        lambda a: Changes(emails=[required("email", str)(a)]))  # fmt: skip
    if not person.country:
        person = change("Your country of residence (a name or a code: Germany, DE, USA)",
                        _country)  # fmt: skip
        ask.say(f"Country: {_where(person)}")
    if person.country in countries.REGION_NAMES and not person.region:
        person = _ask_region(ask, store, person, today, now)
    if not person.addresses:
        ask.say(ADDRESS_WHY)
        person = change(ADDRESS_QUESTION, _address)
        if not person.addresses:
            ask.say("No address: letters by post are not offered (add one later with: "
                    "rights profile edit --address 'STREET, POSTCODE CITY').")  # fmt: skip
    if person != before:
        ask.say("Saved to your encrypted profile.")
    return person


def _country(answer: str) -> Changes:
    place = countries.parse_country(answer)
    return Changes(country=place.country, region=place.region)


def _address(answer: str) -> Changes | None:
    line = address(answer)
    return None if line is None else Changes(addresses=[line])


def _where(person: Identity) -> str:
    country = person.country or ""
    where = f"{countries.country_name(country)} ({country})"
    if person.region:
        where += f", {countries.region_name(country, person.region)} ({person.region})"
    return where


def _ask_region(ask: Ask, store: Store, person: Identity, today: dt.date,
                now: dt.datetime) -> Identity:  # fmt: skip
    """The region of a country whose regions matter (a US state, a Canadian province, a
    German Land, a UK nation), by name or code; optional where the law does not need it.
    The question says which: "CA" here is California, not Canada."""
    country = person.country or ""
    word = countries.REGION_WORD[country]
    needed = country in countries.REGION_NEEDED
    question = f"Your {word} (a name or a code, e.g. {countries.region_example(country)})"
    if not needed:
        question += "; empty to skip"

    def build(answer: str) -> Changes | None:
        if not answer.strip() and not needed:
            return None
        try:
            return Changes(region=countries.parse_region(answer, country))
        except InputError:
            elsewhere = countries.region_elsewhere(answer, country)
            if elsewhere is None:
                raise
            return Changes(country=elsewhere.country, region=elsewhere.region)

    updated = _ask_change(ask, store, person, question, build, today, now)
    if updated.country != country:  # "California" typed after "CA" was taken as Canada
        ask.say(f"Country changed: {_where(updated)}")
    elif updated.region:
        ask.say(f"{word.capitalize()}: {countries.region_name(country, updated.region)}")
    return updated


SKIP = "empty: leave out the companies that need it"
ASKED_FIELDS = {
    "address": f"Your postal address (lines separated by commas; {SKIP})",
    "birth_date": f"Your date of birth (YYYY-MM-DD; {SKIP})",
    "phone": f"Your phone number ({SKIP})",
}


def _field(name: str) -> Callable[[str], Changes | None]:
    def build(answer: str) -> Changes | None:
        if not answer.strip():
            return None
        if name == "address":
            return _address(answer)
        if name == "birth_date":
            return Changes(birth_date=answer.strip())
        return Changes(phones=[answer.strip()])

    return build


def complete_for(ask: Ask, store: Store, person: Identity, companies: list[Company],
                 today: dt.date, now: dt.datetime) -> Identity:  # fmt: skip
    """Ask for the identity fields the chosen companies require and the profile lacks."""
    from rights.delivery.routing import required_fields

    needed = {c.slug: required_fields(c) for c in companies}
    attrs = {"address": "addresses", "birth_date": "birth_date", "phone": "phones"}
    for name, question in ASKED_FIELDS.items():
        asking = [c.name for c in companies if name in needed[c.slug]]
        if not asking or getattr(person, attrs[name]):
            continue
        names = ", ".join(asking[:3]) + (f" and {len(asking) - 3} more" if len(asking) > 3
                                         else "")  # fmt: skip
        ask.say(f"{names} ask(s) for your {name.replace('_', ' ')}.")
        person = _ask_change(ask, store, person, question, _field(name), today, now)
    return person
