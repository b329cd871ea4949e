"""Batches of requests: draft each company's request, store it, deliver it, and report
per company (a failure is reported and skipped; the rest go on).

The choices for one request (law, language, channel) and its letter are in
``rights.actions.request``; this module strings them together over many companies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.actions.request import (
    Draft,
    choose_channel,
    choose_lang,
    choose_law,
    draft,
    family_of,
    form_url,
)
from rights.core.case import Case
from rights.core.identity import Identity
from rights.core.vocabulary import FILE_ONLY_CHANNELS
from rights.errors import InputError, RightsError

if TYPE_CHECKING:
    from rights.core.company import Company
    from rights.delivery import Outcome
    from rights.law.model import Law
    from rights.letters.render import Agent, Letter
    from rights.store import Store


@dataclass
class Result:
    """What happened to one company of a batch."""

    company: str
    case: Case | None = None
    outcome: Outcome | None = None
    error: RightsError | None = None

    def to_json(self) -> dict[str, Any]:
        """The ``rights request new --json`` object of one request."""
        if self.case is None:
            assert self.error is not None
            return {"company": self.company, "status": "failed", "error": self.error.message}
        case, outcome = self.case, self.outcome
        return {
            "error": self.error.message if self.error else None,
            "company": case.company,
            "due": case.due.isoformat() if case.due else None,
            "files": [str(p) for p in outcome.files] if outcome else [],
            "law": case.law,
            "recipient": case.recipient,
            "ref": case.ref,
            "right": case.right,
            "status": case.status,
            "url": outcome.url if outcome else None,
            "via": case.via,
        }


Progress = Callable[[Result], None]


@dataclass
class Batch:
    """What ``rights request new`` asked for, once parsed."""

    right: str
    law: str | None = None
    lang: str | None = None
    via: str | None = None
    out_dir: Path | None = None
    send: bool = False
    paper: str = "a4"
    details: str = ""
    agent: Agent | None = None


def run_batch(
    store: Store,
    companies: list[Company],
    batch: Batch,
    *,
    identity: Identity,
    laws: list[Law],
    today: dt.date,
    now: dt.datetime,
    home: Path | None,
    smtp: tuple[Any, str | None] | None = None,
    on_result: Progress | None = None,
) -> list[Result]:
    """Create (and deliver) one request per company; a failure is reported and skipped.

    Every request is stored as a draft with its letter before anything is delivered; a
    request becomes ``sent`` only when a channel really sent it (SMTP accepted it). Files,
    mailto links and web forms leave it a draft until the user logs ``sent``.
    """
    from rights.store import cases_repo, companies_repo
    from rights.store.connect import transaction

    if batch.send and batch.via not in (None, "email"):
        raise InputError("--send goes with --via email (other channels are sent by you)")
    if batch.via in FILE_ONLY_CHANNELS and batch.out_dir is None:
        raise InputError(f"--via {batch.via} writes files: say where with --out DIR")
    if batch.out_dir is not None:
        make_out_dir(batch.out_dir)
    results: list[Result] = []
    for company in companies:
        try:
            suspect = companies_repo.suspect_contacts(store.conn, company.slug)
            via = choose_channel(company, "email" if batch.send and not batch.via else batch.via,
                                 suspect)  # fmt: skip
            if via.value in FILE_ONLY_CHANNELS and batch.out_dir is None:
                raise InputError(
                    f"{company.name} is reached by {via.value}: "
                    "say where to write it with --out DIR"
                )
            law_choice = choose_law(laws, identity, company, batch.right, batch.law, today)
            law = next(x for x in laws if x.id == law_choice.value)
            lang = choose_lang(family_of(law), company, identity, batch.lang, home)
            with transaction(store.conn):
                ref = cases_repo.new_ref(store.conn)
                made = draft(
                    ref=ref, company=company, identity=identity, right=batch.right, law=law,
                    law_reason=law_choice.reason, lang=lang, via=via, today=today, now=now,
                    home=home, agent=batch.agent, details=batch.details,
                )  # fmt: skip
                cases_repo.insert_cases(store.conn, [made.case])
            result = Result(company.slug, made.case)
            try:
                result.outcome = _deliver(store, made, company, batch, today, now, smtp)
                if result.outcome.sent:
                    result.case = _log_sent(store, made.case, today, now)
            except RightsError as exc:  # the case stays a draft, to retry or send by hand
                result.error = exc
        except RightsError as exc:
            result = Result(company.slug, error=exc)
        results.append(result)
        if on_result:
            on_result(result)
    return results


def make_out_dir(path: Path) -> None:
    """Create the folder the user named for letters (0700 when new)."""
    if path.exists() and not path.is_dir():
        raise InputError(f"--out: {path} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise InputError(f"--out: cannot create {path}: {exc.strerror}") from None


def _deliver(
    store: Store,
    made: Draft,
    company: Company,
    batch: Batch,
    today: dt.date,
    now: dt.datetime,
    smtp: tuple[Any, str | None] | None,
) -> Outcome:
    from rights.delivery import Options, deliver

    via = made.case.via
    if via == "email" and not batch.send:
        from rights.delivery import Outcome

        return Outcome(channel="email", note="draft kept: send it with --send, or write a "
                       "file with --via eml")  # fmt: skip
    settings, password = smtp if smtp else (None, None)
    if via == "email" and settings is None:
        raise InputError("no SMTP server set up", hint="rights config smtp --host H --port P")
    options = Options(
        out_dir=batch.out_dir,
        sender_email=_first(made.letter.sender.get("email")),
        paper=batch.paper,  # type: ignore[arg-type]
        webform_url=form_url(company),
        smtp=settings,
        password=password,
        date=now,
        today=today,
    )
    return deliver(via, made.letter, options)


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        return str(value[0]) if value else None
    return str(value) if value else None


def _log_sent(store: Store, case: Case, today: dt.date, now: dt.datetime) -> Case:
    from rights.cases import log as casework
    from rights.law.load import data_folder

    logged = casework.log_event(
        store.conn,
        ref=case.ref,
        kind="sent",
        on_date=today,
        today=today,
        now=now,
        root=data_folder(),
        note=f"sent by email to {case.recipient}",
    )
    return logged.case


def preview(
    company: Company,
    batch: Batch,
    *,
    identity: Identity,
    laws: list[Law],
    today: dt.date,
    home: Path | None,
) -> Letter:
    """The letter one company would get, rendered with a placeholder reference (not stored)."""
    via = choose_channel(company, batch.via)
    law_choice = choose_law(laws, identity, company, batch.right, batch.law, today)
    law = next(x for x in laws if x.id == law_choice.value)
    lang = choose_lang(family_of(law), company, identity, batch.lang, home)
    made = draft(
        ref="R-PREVIEW", company=company, identity=identity, right=batch.right, law=law,
        law_reason=law_choice.reason, lang=lang, via=via, today=today,
        now=dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC), home=home,
        agent=batch.agent, details=batch.details,
    )  # fmt: skip
    return made.letter


BROKER_CATEGORIES = {"data-broker", "people-search", "addresses", "credit-agency", "scoring"}


def drop_note(identity: Identity, right: str, companies: list[Company]) -> str | None:
    """For a California resident deleting or opting out at data brokers: a pointer to DROP."""
    from rights.cases import log as casework
    from rights.law.load import data_folder

    if right not in ("deletion", "opt-out"):
        return None
    if not any(BROKER_CATEGORIES & set(c.categories) for c in companies):
        return None
    pointer = casework.drop_pointer(data_folder(), identity.country, identity.region)
    if pointer is None:
        return None
    return (
        f"California residents can also ask every registered data broker at once: "
        f"{pointer['name']} ({pointer['url']}). Record it as a case with: {pointer['record_with']}"
    )
