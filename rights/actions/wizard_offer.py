"""What the wizard may offer: only the rights a law gives the person against the chosen
companies, only the channels their records (and the person's address) make possible; and
the counts a long batch is summed up with. Pure: companies, laws and answers in, lists out."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rights.errors import InputError

if TYPE_CHECKING:
    from rights.actions.batch import Result
    from rights.core.company import Company
    from rights.core.identity import Identity
    from rights.law.model import Law

RIGHT_LABELS = {
    "access": "see what they hold about me (access)",
    "deletion": "delete what they hold (deletion)",
    "correction": "correct what is wrong (correction)",
    "opt-out": "stop selling or sharing it (opt-out / objection)",
    "portability": "get my data in a usable format (portability)",
    "limit": "limit the use of sensitive data",
    "withdraw-consent": "withdraw my consent",
}

CHANNEL_LABELS = {
    "email": "send by email now, through your SMTP server",
    "pdf": "printable PDF letters (post them)",
    "eml": ".eml files for your mail program",
    "webform": "the text to paste into their web forms",
}

DROP_CATEGORIES = frozenset({"data-broker", "people-search"})
"""The records DROP reaches (registered data brokers; people-search sites are brokers)."""


@dataclass
class RightOffer:
    """A right the wizard offers, and the companies a law lets the person ask it of."""

    right: str
    label: str
    companies: list[Company]
    law_of: dict[str, str] = field(default_factory=dict)  # slug -> the law chosen


def rights_offered(
    laws: list[Law], person: Identity, companies: list[Company], today: dt.date
) -> list[RightOffer]:
    """Every right some law gives the person against at least one chosen company, with
    those companies (a right no company can be asked for is not offered)."""
    from rights.law.choice import choose_law

    offers = []
    for right, label in RIGHT_LABELS.items():
        able: list[Company] = []
        law_of: dict[str, str] = {}
        for company in companies:
            try:
                law_of[company.slug] = choose_law(laws, person, company, right, None, today).value
            except InputError:
                continue
            able.append(company)
        if able:
            if len(able) < len(companies):
                label = f"{label} — {len(able)} of {len(companies)} companies"
            offers.append(RightOffer(right, label, able, law_of))
    return offers


def usable_channels(company: Company, has_address: bool) -> list[str]:
    """The channels a letter to ``company`` can take: email (also as .eml), its web form,
    and post only when both its record and the person have a postal address."""
    from rights.delivery.routing import channels_of

    have = channels_of(company)
    return [v for v in ("email", "eml", "webform", "pdf")
            if v in have and (v != "pdf" or has_address)]  # fmt: skip


def channel_options(
    companies: list[Company], has_address: bool, smtp_ready: bool
) -> list[tuple[str, str]]:
    """The channels to offer for the batch: each company's own, and every channel at least
    one chosen company can take (with how many when not all can)."""
    options = [("", "each company's preferred channel")]
    for via, label in CHANNEL_LABELS.items():
        if via == "email" and not smtp_ready:
            continue
        able = sum(1 for c in companies if via in usable_channels(c, has_address))
        if able == 0:
            continue
        if able < len(companies):
            label = f"{label} — {able} of {len(companies)}; the others by their own channel"
        options.append((via, label))
    return options


@dataclass
class Routes:
    """The companies grouped by the channel their letters take (None: the company's own
    preferred channel, as ``rights request new`` picks it), and those no channel reaches."""

    groups: dict[str | None, list[Company]]
    unreachable: list[tuple[Company, str]]
    via_of: dict[str, str] = field(default_factory=dict)  # slug -> the channel it takes


def route(companies: list[Company], wanted: str | None, has_address: bool) -> Routes:
    """The channel for each company: ``wanted`` where it can take it, else its own
    preferred one, else the first it can take; never post without the person's address."""
    from rights.delivery.routing import choose_channel

    routes = Routes({}, [])
    for company in companies:
        usable = usable_channels(company, has_address)
        try:
            own = choose_channel(company, None).value
        except InputError as exc:
            routes.unreachable.append((company, exc.message))
            continue
        key: str | None
        if wanted and wanted in usable:
            key = via = wanted
        elif own in usable:
            key, via = None, own
        elif usable:
            key = via = usable[0]
        else:
            routes.unreachable.append((company, f"{company.name} takes letters by post only, "
                                       "and your profile has no postal address"))  # fmt: skip
            continue
        routes.groups.setdefault(key, []).append(company)
        routes.via_of[company.slug] = via
    return routes


def lacking(person: Identity, companies: list[Company]) -> list[tuple[Company, str]]:
    """The companies whose record requires an identity field the profile does not have
    (a letter to them would be refused), each with what is missing."""
    from rights.delivery.routing import required_fields
    from rights.letters.disclosure import disclosed_identity

    found = []
    for company in companies:
        try:
            disclosed_identity(person.to_dict(), required_fields(company), "email",
                               company=company.slug)  # fmt: skip
        except InputError as exc:
            found.append((company, exc.message))
    return found


def brokers(companies: Iterable[Company]) -> list[Company]:
    """The chosen companies DROP reaches (data brokers, people-search sites)."""
    return [c for c in companies if DROP_CATEGORIES & set(c.categories)]


def counts(values: Iterable[str]) -> str:
    """``gdpr 3, ccpa 12``: how often each value occurs, the most frequent first."""
    return ", ".join(f"{value} {n}" for value, n in Counter(values).most_common())


def plan_summary(law_of: dict[str, str], via_of: dict[str, str]) -> list[str]:
    """Two lines for the requests about to be made: how many per law, per channel."""
    return [f"by law: {counts(law_of.values())}", f"by channel: {counts(via_of.values())}"]


def results_summary(results: list[Result]) -> list[str]:
    """A long batch summed up: counts per law, channel and status, and the skipped ones
    counted per reason (not one line per company)."""
    made = [r.case for r in results if r.case is not None and not r.existing]
    reused = [r for r in results if r.existing]
    skipped = [r.error.message for r in results if r.case is None and r.error is not None]
    lines = [f"{len(made)} request(s) created, {len(reused)} already open, "
             f"{len(skipped)} skipped"]  # fmt: skip
    if made:
        lines.append(f"by law: {counts(c.law or '-' for c in made)}")
        lines.append(f"by channel: {counts(c.via or '-' for c in made)}")
        lines.append(f"by status: {counts(c.status for c in made)}")
    for reason, n in Counter(skipped).most_common(5):
        lines.append(f"skipped ({n}): {reason}")
    return lines
