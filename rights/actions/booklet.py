"""A printable booklet of request letters (``rights packs print``): one letter per company
that has a postal address, for the person to sign and post; nothing is stored.

With a profile the letters carry its identity (as ``rights request new`` would write them);
``blank`` leaves every identity field as a line to fill in by hand, and reads nothing
personal: the identity is :class:`BlankIdentity`, placeholders only. The layout is in
``rights.delivery.booklet``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.core.identity import Identity
from rights.errors import InputError, RightsError

if TYPE_CHECKING:
    from rights.core.company import Company
    from rights.core.countries import Place
    from rights.law.model import Law
    from rights.law.regulators import RegulatorChoice
    from rights.letters.context import Letter

LINE = "_" * 34
"""What a blank letter shows where an identity value goes: a line to write on."""
LONG_LINE = "_" * 46
DATE_LINE = "_" * 16
WIDE_LINE = "_" * 76
"""A line across the text width (A4 and US Letter), to write a sentence on."""


class _AnyAccount(dict[str, list[str]]):
    """A blank letter's account ids: a line for whichever company asks."""

    def get(self, key: str, default: Any = None) -> list[str]:
        return [LINE]

    def __bool__(self) -> bool:
        return True


class BlankIdentity(Identity):
    """An identity of lines to fill in by hand: every field a letter may carry is a line,
    so the letter shows what the company needs and nothing of anyone."""

    def __init__(self, place: Place) -> None:
        super().__init__(full_name=LINE, emails=[LINE], addresses=[LONG_LINE],
                         country=place.country, region=place.region)  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """Every field as a line (``rights.letters.disclosure`` picks those a letter needs)."""
        data = super().to_dict()
        data.update(
            full_name=LINE, other_names=[LINE], emails=[LINE], phones=[LINE],
            addresses=[LONG_LINE], birth_date=DATE_LINE, accounts=_AnyAccount(),
            id_number=LINE,
        )  # fmt: skip
        return data


@dataclass(frozen=True)
class Entry:
    """One letter of the booklet."""

    company: Company
    letter: Letter
    law: Law
    due: dt.date | None


@dataclass(frozen=True)
class Skipped:
    """A company the booklet has no letter for, and why."""

    slug: str
    name: str
    reason: str


@dataclass(frozen=True)
class LawNote:
    """What the cover says about one law the letters cite: its deadline, where to complain."""

    name: str
    deadline: str
    regulators: tuple[str, ...]
    identification: str | None = None  # the letters say ID is enclosed, citing this


@dataclass
class Booklet:
    """What ``rights packs print`` lays out: a cover, contents, one letter per company."""

    title: str
    right: str
    blank: bool
    place: Place
    paper: str
    today: dt.date
    entries: list[Entry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    laws: list[LawNote] = field(default_factory=list)
    arrival: dt.date | None = None  # when a letter posted today likely arrives

    def skip(self, index: int, reason: str) -> None:
        """Move letter ``index`` to the skipped companies (its address does not fit)."""
        entry = self.entries.pop(index)
        self.skipped.append(Skipped(entry.company.slug, entry.company.name, reason))
        cited = {e.law.short_name for e in self.entries}
        self.laws = [n for n in self.laws if n.name in cited]


NO_ADDRESS = "no postal address in its record (write to it by email or web form)"


CORRECTION_LINES = 4
"""Lines a printed correction letter leaves for what is wrong and what is right."""


def details_lines(right: str) -> str:
    """What a printed letter says in place of ``--details``: for a correction, lines to
    write what is wrong and what is right (each company's data differ); else nothing."""
    from rights.core.vocabulary import letter_kind

    return "\n".join([WIDE_LINE] * CORRECTION_LINES) if letter_kind(right) == "correction" else ""


def ref_for(today: dt.date, number: int) -> str:
    """The reference a printed letter quotes: the print date and its place in the booklet
    (``P261207-03``; no case has it, so it cannot be tracked)."""
    return f"P{today:%y%m%d}-{number:02d}"


def make(
    companies: list[Company],
    *,
    title: str,
    right: str,
    identity: Identity,
    place: Place,
    laws: list[Law],
    today: dt.date,
    home: Path | None,
    root: Path,
    paper: str | None = None,
) -> Booklet:
    """The letters of a booklet: one per company with a postal address, under the law and
    in the language ``rights request new`` would choose; the others are ``skipped`` with
    the reason. InputError when no company gets a letter, or the right is unknown."""
    from rights.actions.batch import Batch, preview_draft
    from rights.core.vocabulary import normalise_right
    from rights.delivery.pdf import paper_for
    from rights.law import deadlines
    from rights.letters.disclosure import no_postal_address

    normalise_right(right)
    blank = isinstance(identity, BlankIdentity)
    if not blank and not identity.addresses:
        raise no_postal_address()
    book = Booklet(title, right, blank, place, paper_for(place.country, paper), today)
    book.arrival = deadlines.start_date(posted=today)[0]
    batch = Batch(right=right, via="pdf", paper=book.paper, details=details_lines(right))
    used: dict[str, Law] = {}
    for company in companies:
        if not company.address:
            book.skipped.append(Skipped(company.slug, company.name, NO_ADDRESS))
            continue
        ref = ref_for(today, len(book.entries) + 1)
        try:
            made = preview_draft(company, batch, identity=identity, laws=laws, today=today,
                                 home=home, ref=ref)  # fmt: skip
        except RightsError as exc:
            why = f"{exc.message} ({exc.hint})" if exc.hint else exc.message
            book.skipped.append(Skipped(company.slug, company.name, why))
            continue
        law = next(x for x in laws if x.id == made.case.law)
        used.setdefault(law.id, law)
        book.entries.append(Entry(company, made.letter, law, made.case.due))
    if not book.entries:
        raise _empty(book, right)
    book.laws = [_law_note(law, right, place, root, book.entries) for law in used.values()]
    return book


def _empty(book: Booklet, right: str) -> InputError:
    reasons = {s.reason for s in book.skipped}
    if reasons == {NO_ADDRESS}:
        return InputError(
            "no letter to print: none of these companies has a postal address",
            hint="write to them by email: rights request new --pack NAME --right R",
        )
    first = next(s for s in book.skipped if s.reason != NO_ADDRESS)
    return InputError(
        f"no letter to print: {first.name}: {first.reason}",
        hint=f"another --right than {right!r}"
        + (", or another --country" if book.blank else "")
        + " (see: rights laws which)",
    )


def _law_note(law: Law, right: str, place: Place, root: Path, entries: list[Entry]) -> LawNote:
    """The law's deadline as a sentence and the authorities a person of ``place`` may
    complain to: where they live, and where the companies writing under it are
    established (none listed when the law's files do not tell)."""
    from rights.law.choice import company_home
    from rights.law.deadline_notes import sentence

    residence = f"{place.country}-{place.region}" if place.region else place.country
    homes = sorted(
        {h for e in entries if e.law.id == law.id for h in [company_home(e.company)] if h}
    )
    names: list[str] = []
    for establishment in [*homes, None]:
        for found in _regulators(law, root, residence, establishment):
            if found not in names:
                names.append(found)
    cited = law.letter_citations.get("identification")
    encloses = cited and any(e.law.id == law.id and cited in e.letter.body for e in entries)
    rule = sentence(law.deadline_rule(right))
    twice = f"{law.short_name} {law.short_name} "  # a citation that names its law: LGPD Art. 19
    rule = law.short_name + " " + rule[len(twice) :] if rule.startswith(twice) else rule
    return LawNote(law.short_name, rule, tuple(names[:4]),
                   cited if encloses else None)  # fmt: skip


def _regulators(law: Law, root: Path, residence: str, establishment: str | None) -> list[str]:
    """The authorities (name and complaint page) at the residence and the establishment;
    at the establishment alone when the law has none for the residence."""
    from rights.law.regulators import competent_regulators

    for where in (residence, None):
        if where is None and establishment is None:
            return []
        try:
            found = competent_regulators(law, root, residence=where, establishment=establishment)
        except RightsError:
            continue
        return [_regulator_line(c, establishment) for c in found]
    return []


def _regulator_line(found: RegulatorChoice, establishment: str | None) -> str:
    """An authority's name, for whom (when competent where a company is established) and
    its complaint page."""
    from rights.core.countries import country_in_text

    reg = found.regulator
    name = reg.name
    if found.basis == "establishment" and establishment:
        name += f" (for companies established in {country_in_text(establishment.split('-')[0])})"
    page = reg.complaint_url or reg.web
    return f"{name}: {page}" if page else name


def pick_place(country: str | None, blank: bool, profile_country: str | None) -> Place | None:
    """Where the letters' writer lives: ``--country`` on a blank booklet (None: not given),
    else the profile's country. InputError for ``--country`` with a profile."""
    from rights.core.countries import Place, parse_country, parse_region

    if country and not blank:
        raise InputError(
            "--country is for a blank booklet: with a profile, the profile's country decides",
            hint="add --blank, or change the profile: rights profile edit --country CC",
        )
    if country:
        code, _, region = country.strip().partition("-")
        found = parse_country(code if region else country)
        if region:
            return Place(found.country, parse_region(region, found.country))
        return found
    if profile_country:
        code, _, region = profile_country.partition("-")
        return Place(code, region or None)
    return None


def default_place(companies: list[Company]) -> Place:
    """The place a blank booklet is written for when ``--country`` is not given: where
    most of the companies are established (in the US: California, whose law reaches the
    most data brokers), else Germany."""
    from collections import Counter

    from rights.core.countries import Place
    from rights.law.choice import company_home

    homes = Counter(h for h in (company_home(c) for c in companies if c.address) if h)
    if not homes:
        return Place("DE")
    country = homes.most_common(1)[0][0].split("-")[0]
    return Place(country, "CA" if country == "US" else None)


def companies_for(
    slugs: list[str], pack: str | None, *, folder: Path, mine: list[Company]
) -> tuple[str, list[Company]]:
    """The booklet's title and companies: a pack's, or those named; NotFoundError for an
    unknown pack ("did you mean") or company."""
    from rights.companies.lookup import resolve
    from rights.companies.packs import get_pack

    if not slugs and not pack:
        raise InputError("name a pack or companies", hint="rights packs print NAME --right R")
    title = get_pack(folder, pack).title if pack else ""
    named = resolve(slugs, pack, folder=folder, mine=mine)
    if not title:
        title = ", ".join(c.name for c in named[:3]) + (" …" if len(named) > 3 else "")
    return title, named


def _profile(home: Path, name: str) -> tuple[Identity, list[Company]]:
    """The profile's identity and its own company records (the store opened read-only in
    effect: nothing is written)."""
    from rights.profile import profiles
    from rights.store import companies_repo, repo

    with profiles.open_store(home, name) as store:
        return repo.get_identity(store.conn), companies_repo.list_companies(store.conn)


def prepare(
    *,
    slugs: list[str],
    pack: str | None,
    right: str,
    country: str | None,
    profile: str | None,
    paper: str | None,
    today: dt.date,
    home: Path,
) -> Booklet:
    """The booklet ``rights packs print`` writes. ``profile`` None: a blank booklet (the
    store is not opened; ``country``, else :func:`default_place`, says whose law); else
    that profile's identity and country."""
    from rights.core.vocabulary import normalise_right
    from rights.law.load import data_folder, load_laws
    from rights.paths import shipped

    normalise_right(right)  # an unknown right is refused before anything is opened
    blank = profile is None
    place = pick_place(country, blank, None)
    identity: Identity | None = None
    mine: list[Company] = []
    if not blank:
        assert profile is not None
        identity, mine = _profile(home, profile)
        place = pick_place(None, False, identity.country)
        if place is None:
            raise InputError(
                "the profile has no country of residence, so the law cannot be chosen",
                hint="set it with: rights profile edit --country CC (or print --blank "
                "--country CC)",
            )
    from rights.companies.lookup import for_residence

    folder = shipped("companies")
    title, named = companies_for(slugs, pack, folder=folder, mine=mine)
    if place is None:
        place = default_place(named)
    companies, _ = for_residence(named, place.country, folder=folder, mine=mine)
    if identity is None:
        identity = BlankIdentity(place)
    root = data_folder()
    return make(companies, title=title, right=right, identity=identity, place=place,
                laws=load_laws(root), today=today, home=home, root=root, paper=paper)  # fmt: skip
