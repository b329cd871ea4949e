"""The guided wizard behind ``rights start``: profile -> companies -> right -> law ->
preview -> channel -> confirm -> letters. It talks through an ``Ask`` object, so the CLI
gives it a terminal and tests give it scripted answers. ``today`` and ``now`` come from the
caller: nothing here reads the clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rights.actions import batch as batches
from rights.errors import InputError, RightsError
from rights.profile import identity as identity_edit
from rights.store.connect import transaction

if TYPE_CHECKING:
    from rights.actions.batch import Result
    from rights.core.company import Company
    from rights.core.identity import Identity
    from rights.law.model import Law
    from rights.store import Store

RIGHT_LABELS = {
    "access": "see what they hold about me (access)",
    "deletion": "delete what they hold (deletion)",
    "correction": "correct what is wrong (correction)",
    "opt-out": "stop selling or sharing it (opt-out / objection)",
    "portability": "get my data in a usable format (portability)",
    "limit": "limit the use of sensitive data",
    "withdraw-consent": "withdraw my consent",
}


class Ask(Protocol):
    """How the wizard talks to the person."""

    def prompt(self, text: str, default: str = "") -> str: ...
    def confirm(self, text: str, default: bool = True) -> bool: ...
    def say(self, text: str) -> None: ...


def choose(ask: Ask, title: str, options: list[tuple[str, str]], default: int = 1) -> str:
    """Show numbered options and return the key of the one picked."""
    ask.say(title)
    for n, (_, label) in enumerate(options, 1):
        ask.say(f"  {n}. {label}")
    while True:
        answer = ask.prompt("Choose a number", str(default)).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1][0]
        ask.say(f"Please type a number from 1 to {len(options)}.")


def complete_identity(ask: Ask, store: Store, person: Identity, today: dt.date,
                      now: dt.datetime) -> Identity:  # fmt: skip
    """Ask for the name, an email and the country when the profile lacks them."""
    from rights.store import repo

    changes = identity_edit.Changes()
    if not person.full_name:
        changes.full_name = ask.prompt("Your full name")
    if not person.emails:
        changes.emails = [ask.prompt("Your email address (replies go there)")]
    if not person.country:
        changes.country = ask.prompt("Your country of residence (ISO code, e.g. DE, GB, US)")
        if changes.country.strip().upper() in ("US", "CA"):
            changes.region = ask.prompt("Your state or province (e.g. CA, TX, QC)")
    if changes.is_empty():
        return person
    updated = identity_edit.apply(person, changes, today=today)
    with transaction(store.conn):
        repo.put_identity(store.conn, updated, now)
    ask.say("Saved to your encrypted profile.")
    return updated


ASKED_FIELDS = {
    "address": ("addresses", "Your postal address (lines separated by commas)"),
    "birth_date": ("birth_date", "Your date of birth (YYYY-MM-DD)"),
    "phone": ("phones", "Your phone number"),
}


def complete_for(ask: Ask, store: Store, person: Identity, companies: list[Company],
                 today: dt.date, now: dt.datetime) -> Identity:  # fmt: skip
    """Ask for identity fields the chosen companies require and the profile lacks."""
    from rights.delivery.routing import required_fields
    from rights.store import repo

    needed = {f for c in companies for f in required_fields(c)}
    changes = identity_edit.Changes()
    for name, (attr, question) in ASKED_FIELDS.items():
        if name in needed and not getattr(person, attr):
            names = ", ".join(c.name for c in companies if name in required_fields(c))
            ask.say(f"{names} ask(s) for your {name.replace('_', ' ')}.")
            value = ask.prompt(question)
            if name == "birth_date":
                changes.birth_date = value
            else:
                setattr(changes, attr, [value])
    if changes.is_empty():
        return person
    updated = identity_edit.apply(person, changes, today=today)
    with transaction(store.conn):
        repo.put_identity(store.conn, updated, now)
    return updated


def pick_companies(
    ask: Ask, folder: Path, mine: list[Company], country: str | None = None
) -> list[Company]:
    """Search and pick companies (or a whole pack) until the person is done; good matches
    serving ``country`` (the person's) come first, typos are offered as "did you mean"."""
    from rights.companies import index
    from rights.companies.lookup import find, resolve
    from rights.companies.search import rank

    directory = index.load(folder).with_user(mine)
    picked: list[Company] = []
    while True:
        query = ask.prompt("Company to add (a name, 'pack:NAME', or empty when done)", "").strip()
        if not query:
            if picked:
                return picked
            ask.say("Pick at least one company.")
            continue
        if query.startswith("pack:"):
            try:
                found = resolve([], query[5:].strip(), folder=folder, mine=mine)
            except RightsError as exc:
                ask.say(f"{exc.message}" + (f" ({exc.hint})" if exc.hint else ""))
                continue
            picked.extend(c for c in found if c.slug not in {p.slug for p in picked})
            ask.say(f"Added {len(found)} companies from the pack.")
            continue
        ranking = rank(directory, query, near=country, limit=5)
        hits = ranking.hits or ranking.did_you_mean
        if not hits:
            ask.say("Nothing found; try another spelling or the web domain.")
            continue
        options = [(h.entry.slug, f"{h.entry.name} ({h.entry.slug})") for h in hits]
        options.append(("", "none of these"))
        title = "Matches for" if ranking.hits else "Nothing found; did you mean, for"
        slug = choose(ask, f"{title} {query!r}:", options)
        if slug:
            company = find(slug, folder=folder, directory=directory, mine=mine)
            picked.append(company)
            ask.say(f"Added: {company.name}")


@dataclass
class Plan:
    """What the wizard settled before writing letters."""

    companies: list[Company]
    batch: batches.Batch


def plan(ask: Ask, store: Store, person: Identity, laws: list[Law], *, folder: Path,
         mine: list[Company], today: dt.date, home: Path | None, smtp_ready: bool,
         now: dt.datetime | None = None) -> Plan:  # fmt: skip
    """Every question of the wizard, up to the confirmation. ``now`` stamps identity
    fields saved on the way (default: noon of ``today``)."""
    country = person.country.split("-")[0] if person.country else None
    companies = pick_companies(ask, folder, mine, country)
    stamp = now or dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC)
    person = complete_for(ask, store, person, companies, today, stamp)
    right = choose(ask, "What do you want to ask for?", list(RIGHT_LABELS.items()))
    details = ""
    if right == "correction":
        details = ask.prompt("What is wrong, and what is right?")
    explicit_law = _ask_law(ask, laws, person, companies, right, today)
    first = companies[0]
    via = _ask_channel(ask, smtp_ready)
    out_dir = None
    if via in (None, "pdf", "eml"):
        out_dir = Path(ask.prompt("Folder for the letters", "rights-letters")).expanduser()
    batch = batches.Batch(right=right, law=explicit_law, via=via, out_dir=out_dir,
                           send=via == "email", details=details)  # fmt: skip
    preview = batches.preview(first, batch, identity=person, laws=laws, today=today, home=home)
    ask.say("")
    ask.say(f"Preview of the letter to {first.name}:")
    ask.say(f"Subject: {preview.subject}")
    ask.say(preview.body)
    return Plan(companies, batch)


def _ask_law(ask: Ask, laws: list[Law], person: Identity, companies: list[Company], right: str,
             today: dt.date) -> str | None:  # fmt: skip
    """Show the law chosen for each company; ask which to cite when several apply."""
    from rights.law.choice import choose_law

    law_ids: set[str] = set()
    explicit_law = None
    for company in companies:
        try:
            found = choose_law(laws, person, company, right, None, today)
        except InputError as exc:
            ask.say(f"{company.name}: {exc.message}")
            continue
        law_ids.update(found.options)
        ask.say(f"{company.name}: {found.value} — {found.reason}")
    if len(law_ids) > 1:
        options = [("", "the one shown for each company")] + [(i, i) for i in sorted(law_ids)]
        explicit_law = (
            choose(ask, "Several laws apply. Which should the letters cite?", options) or None
        )
    return explicit_law


def _ask_channel(ask: Ask, smtp_ready: bool) -> str | None:
    """Ask how the letters go out (email only with an SMTP server set up)."""
    via_options = [("", "each company's preferred channel")]
    via_options += [
        ("pdf", "printable PDF letters (post them)"),
        ("eml", ".eml files for your mail program"),
        ("webform", "the text to paste into their web forms"),
    ]
    if smtp_ready:
        via_options.insert(1, ("email", "send by email now, through your SMTP server"))
    return choose(ask, "How do you want to send them?", via_options) or None


def run(ask: Ask, *, home: Path, profile: str, today: dt.date, now: dt.datetime
        ) -> list[Result] | None:  # fmt: skip
    """The whole wizard of ``rights start``: create the profile if need be, complete it, ask
    every question, confirm, create the requests. None when the person says no."""
    from rights.delivery import smtp_settings
    from rights.law.load import data_folder, load_laws
    from rights.paths import shipped
    from rights.profile import profiles
    from rights.store import companies_repo, repo

    if not profiles.exists(home, profile):
        ask.say(f"There is no profile {profile!r} yet; creating its encrypted store.")
        profiles.create(home, profile, now=now)
    with profiles.open_store(home, profile) as store:
        person = complete_identity(ask, store, repo.get_identity(store.conn), today, now)
        mine = companies_repo.list_companies(store.conn)
        laws = load_laws(data_folder())
        smtp = smtp_settings.load(store)
        settled = plan(
            ask, store, person, laws, folder=shipped("companies"), mine=mine, today=today,
            home=home, smtp_ready=smtp is not None, now=now,
        )  # fmt: skip
        if not ask.confirm(f"Create {len(settled.companies)} request(s) now?", True):
            return None
        return batches.run_batch(
            store, settled.companies, settled.batch, identity=person, laws=laws, today=today,
            now=now, home=home, smtp=smtp if settled.batch.send else None,
        )  # fmt: skip
