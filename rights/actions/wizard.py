"""The guided wizard behind ``rights start``: profile -> companies -> right -> (DROP) -> law
-> channel -> preview -> confirm -> letters. It talks through an ``Ask`` object
(``wizard_ask``), so the CLI gives it a terminal and tests give it scripted answers; what it
may offer comes from ``wizard_offer``, the profile's questions from ``wizard_profile``. A
bad answer asks again; before the confirmation nothing is stored but the profile's answers.
``today`` and ``now`` come from the caller: nothing here reads the clock."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rights.actions import batch as batches
from rights.actions import wizard_ask
from rights.actions.wizard_ask import (
    Ask,
    ask_until,
    choose,
    day_not_after,
    problem,
    required,
)
from rights.actions.wizard_offer import (
    RIGHT_LABELS,
    RightOffer,
    Routes,
    brokers,
    channel_options,
    counts,
    lacking,
    plan_summary,
    rights_offered,
    route,
    usable_channels,
)
from rights.actions.wizard_profile import complete_for, complete_identity
from rights.errors import InputError, RightsError

if TYPE_CHECKING:
    from rights.actions.batch import Result
    from rights.cases.drop import Recorded
    from rights.core.company import Company
    from rights.core.identity import Identity
    from rights.law.model import Law
    from rights.store import Store

__all__ = ["RIGHT_LABELS", "Ask", "Done", "Plan", "choose", "complete_identity", "plan", "run"]

LONG_BATCH = 10
"""More companies than this: counts per law and channel instead of one line each."""


def pick_companies(
    ask: Ask, folder_: Path, mine: list[Company], country: str | None = None
) -> list[Company]:
    """Search and pick companies (or a whole pack) until the person is done; good matches
    serving ``country`` (the person's) come first (``companies.search.rank``), typos are
    offered as "did you mean"."""
    from rights.companies import index
    from rights.companies.lookup import find, resolve
    from rights.companies.search import rank

    directory = index.load(folder_).with_user(mine)
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
                found = resolve([], query[5:].strip(), folder=folder_, mine=mine)
            except RightsError as exc:
                ask.say(f"{problem(exc)}; please try again.")
                continue
            have = {p.slug for p in picked}
            picked.extend(c for c in found if c.slug not in have)
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
        if slug and slug not in {p.slug for p in picked}:
            company = find(slug, folder=folder_, directory=directory, mine=mine)
            picked.append(company)
            ask.say(f"Added: {company.name}")


@dataclass
class Plan:
    """What the wizard settled before writing letters: the companies, the batch (its
    ``via`` is each group's key in ``routes``) and a DROP submission to record."""

    companies: list[Company]
    batch: batches.Batch
    routes: Routes = field(default_factory=lambda: Routes({}, []))
    drop_day: dt.date | None = None

    def by_channel(self) -> list[tuple[list[Company], batches.Batch]]:
        """One batch per channel group."""
        return [(group, dataclasses.replace(self.batch, via=via, send=via == "email"))
                for via, group in self.routes.groups.items()]  # fmt: skip


def plan(ask: Ask, store: Store, person: Identity, laws: list[Law], *, folder: Path,
         mine: list[Company], today: dt.date, home: Path | None, smtp_ready: bool,
         now: dt.datetime | None = None) -> Plan:  # fmt: skip
    """Every question of the wizard, up to the confirmation. ``now`` stamps identity
    fields saved on the way (default: noon of ``today``)."""
    stamp = now or dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC)
    person, companies, offers = _companies_and_rights(
        ask, store, person, laws, folder=folder, mine=mine, today=today, now=stamp
    )
    right = choose(ask, "What do you want to ask for?", [(o.right, o.label) for o in offers])
    offer = next(o for o in offers if o.right == right)
    able = {c.slug for c in offer.companies}
    _say_left_out(ask, [c for c in companies if c.slug not in able],
                  f"no law we know gives you the right {right!r} against them")  # fmt: skip
    companies = offer.companies
    details = ""
    if right == "correction":
        details = ask_until(ask, "What is wrong, and what is right?", required("correction", str))
    companies, drop_day = _suggest_drop(ask, person, right, companies, today)
    batch = batches.Batch(right=right, details=details)
    if not companies:
        return Plan([], batch, drop_day=drop_day)
    explicit_law, law_of = _ask_law(ask, laws, person, companies, right, today)
    routes = _ask_route(ask, companies, bool(person.addresses), smtp_ready)
    companies = [c for group in routes.groups.values() for c in group]
    out_dir: Path | None = None
    if any(via != "email" for via in routes.groups):
        out_dir = ask_until(ask, "Folder for the letters", wizard_ask.folder, "rights-letters")
    settled = Plan(companies, dataclasses.replace(batch, law=explicit_law, out_dir=out_dir),
                   routes, drop_day)  # fmt: skip
    _preview(ask, settled, person, laws, today, home)
    ask.say(f"{len(companies)} request(s): " + "; ".join(plan_summary(
        {c.slug: law_of[c.slug] for c in companies}, routes.via_of)))  # fmt: skip
    return settled


def _ask_route(ask: Ask, companies: list[Company], has_address: bool, smtp_ready: bool
               ) -> Routes:  # fmt: skip
    """Ask how the letters go out, offering only channels a chosen company can take; each
    company then takes that channel if it can, else its own."""
    options = channel_options(companies, has_address, smtp_ready)
    wanted = choose(ask, "How do you want to send them?", options) or None
    routes = route(companies, wanted, has_address)
    _say_left_out(ask, [c for c, _ in routes.unreachable], "no channel reaches them")
    if not routes.groups:  # _companies_and_rights keeps only companies some channel reaches
        raise InputError(
            "no chosen company can be reached",
            hint="add your postal address: rights profile edit --address ...",
        )
    return routes


def _preview(ask: Ask, settled: Plan, person: Identity, laws: list[Law], today: dt.date,
             home: Path | None) -> None:  # fmt: skip
    """Show the letter the first company would get (not stored)."""
    group, first_batch = settled.by_channel()[0]
    try:
        preview = batches.preview(group[0], first_batch, identity=person, laws=laws,
                                  today=today, home=home)  # fmt: skip
    except RightsError as exc:
        ask.say(f"No preview of the letter to {group[0].name}: {problem(exc)}")
        return
    ask.say("")
    ask.say(f"Preview of the letter to {group[0].name}:")
    ask.say(f"Subject: {preview.subject}")
    ask.say(preview.body)
    ask.say("")


def _companies_and_rights(ask: Ask, store: Store, person: Identity, laws: list[Law], *,
                          folder: Path, mine: list[Company], today: dt.date, now: dt.datetime,
                          ) -> tuple[Identity, list[Company], list[RightOffer]]:  # fmt: skip
    """Pick companies (and fill in what their records need) until some can be written to
    and asked for some right; a pick none can take is said, and picked again."""
    country = person.country.split("-")[0] if person.country else None
    while True:
        companies = pick_companies(ask, folder, mine, country)
        person = complete_for(ask, store, person, companies, today, now)
        missing = lacking(person, companies)
        _say_left_out(ask, [c for c, _ in missing], "they need what your profile does not have")
        unreachable = [c for c in companies if not usable_channels(c, bool(person.addresses))]
        by_post = [c for c in unreachable if usable_channels(c, True)]
        _say_left_out(ask, by_post, "they take letters by post only, and your profile has "
                      "no postal address")  # fmt: skip
        _say_left_out(ask, [c for c in unreachable if c not in by_post], "the directory has no "
                      "email, web form or postal address for them")  # fmt: skip
        gone = {c.slug for c, _ in missing} | {c.slug for c in unreachable}
        companies = [c for c in companies if c.slug not in gone]
        offers = rights_offered(laws, person, companies, today) if companies else []
        if offers:
            return person, companies, offers
        ask.say("None of these can be written to: pick other companies.")


def _say_left_out(ask: Ask, left: list[Company], why: str) -> None:
    """Name the companies dropped from the batch (a count for many)."""
    if not left:
        return
    names = ", ".join(c.name for c in left[:5]) + (f" and {len(left) - 5} more" if len(left) > 5
                                                    else "")  # fmt: skip
    ask.say(f"Left out ({why}): {names}")


def _suggest_drop(ask: Ask, person: Identity, right: str, companies: list[Company],
                  today: dt.date) -> tuple[list[Company], dt.date | None]:  # fmt: skip
    """For a California resident deleting (or opting out) at data brokers: DROP first (one
    request reaches every registered broker; its address and source from the law file).
    Returns the companies still to write to and the day of a DROP submission to record."""
    from rights.cases import log as case_log
    from rights.cases.drop import pointer_line
    from rights.law.load import data_folder

    found = brokers(companies)
    if right not in ("deletion", "opt-out") or not found:
        return companies, None
    pointer = case_log.drop_pointer(data_folder(), person.country, person.region)
    if pointer is None:
        return companies, None
    ask.say("")
    ask.say(pointer_line(pointer))
    ask.say(
        f"{len(found)} of the companies you chose are data brokers or people-search sites: "
        "DROP reaches every registered broker with one request, so use it first."
    )
    choice = choose(ask, "What about the brokers?", [
        ("first", f"DROP first: leave the {len(found)} broker(s) out of these letters"),
        ("done", "I have submitted at DROP already: record it, and leave them out"),
        ("letters", "write to the brokers as well"),
    ])  # fmt: skip
    if choice == "letters":
        return companies, None
    slugs = {c.slug for c in found}
    rest = [c for c in companies if c.slug not in slugs]
    if choice == "first":
        ask.say(f"Once you submitted at DROP, record it: {pointer['record_with']}")
        return rest, None
    day = ask_until(ask, "The day you submitted at DROP (YYYY-MM-DD)",
                    day_not_after(today, "DROP submission"), today.isoformat())  # fmt: skip
    return rest, day


def _ask_law(ask: Ask, laws: list[Law], person: Identity, companies: list[Company], right: str,
             today: dt.date) -> tuple[str | None, dict[str, str]]:  # fmt: skip
    """Show the law chosen for each company (counts per law for a long batch); ask which
    to cite only when several apply to every company. Returns it and each company's law."""
    from rights.law.choice import choose_law

    law_of: dict[str, str] = {}
    common: set[str] | None = None
    for company in companies:
        found = choose_law(laws, person, company, right, None, today)
        law_of[company.slug] = found.value
        common = set(found.options) if common is None else common & set(found.options)
        if len(companies) <= LONG_BATCH:
            ask.say(f"{company.name}: {found.value} — {found.reason}")
    if len(companies) > LONG_BATCH:
        ask.say(f"Laws for the {len(companies)} companies: {counts(law_of.values())}")
    if common and len(common) > 1:
        options = [("", "the one shown for each company")] + [(i, i) for i in sorted(common)]
        explicit = choose(ask, "Several laws apply. Which should the letters cite?", options)
        if explicit:
            return explicit, dict.fromkeys(law_of, explicit)
    return None, law_of


@dataclass
class Done:
    """What the wizard created: the batch results and the DROP case it recorded."""

    results: list[Result]
    drop: Recorded | None = None


def run(ask: Ask, *, home: Path, profile: str, today: dt.date, now: dt.datetime) -> Done | None:
    """The whole wizard of ``rights start``: create the profile if need be (its passphrase
    asked once), complete it, ask every question, confirm, create the requests in the store
    opened once. None when the person says no."""
    from rights.actions.wizard_ask import open_store
    from rights.cases.drop import record_drop
    from rights.delivery import smtp_settings
    from rights.law.load import data_folder, load_laws
    from rights.paths import shipped
    from rights.store import companies_repo, repo

    with open_store(ask, home, profile, now) as store:
        person = complete_identity(ask, store, repo.get_identity(store.conn), today, now)
        mine = companies_repo.list_companies(store.conn)
        laws = load_laws(data_folder())
        smtp = smtp_settings.load(store)
        settled = plan(
            ask, store, person, laws, folder=shipped("companies"), mine=mine, today=today,
            home=home, smtp_ready=smtp is not None, now=now,
        )  # fmt: skip
        person = repo.get_identity(store.conn)
        if not settled.companies and settled.drop_day is None:
            ask.say("Nothing left to write.")
            return Done([])
        what = [f"create {len(settled.companies)} request(s)"] if settled.companies else []
        if settled.drop_day is not None:
            what.append(f"record your DROP submission of {settled.drop_day}")
        question = " and ".join(what)
        if not ask.confirm(f"{question[0].upper()}{question[1:]} now?", True):
            return None
        drop = None
        if settled.drop_day is not None:
            drop = record_drop(store.conn, country=person.country, region=person.region,
                               submitted=settled.drop_day, today=today, now=now)  # fmt: skip
        results: list[Result] = []
        for group, batch in settled.by_channel():
            results += batches.run_batch(
                store, group, batch, identity=person, laws=laws, today=today, now=now,
                home=home, smtp=smtp if batch.send else None,
            )  # fmt: skip
        return Done(results, drop)
