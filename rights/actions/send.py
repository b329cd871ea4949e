"""The one path every letter takes out of rights: deliver it through a channel
(``rights.delivery``), then log the event on its case (``rights.cases.log.log_event``).

Requests (``rights.actions.batch``), reminders, answers and complaints
(:func:`carry_out`) all go through :func:`send`:

- the event is ``sent`` for a request, and only when a channel really sent it (the SMTP
  server accepted it): a file, a mailto link or a web form's text leaves the request a
  draft until the user logs ``sent``;
- a reminder, answer or complaint is logged whether rights sent it or wrote it for the
  user to send (``delivered`` in the event's data says which), with the letter itself and
  the files written;
- when delivery fails (DeliveryError and the like propagate), nothing is logged;
- an email is guarded by a "sending" marker committed before it goes to the server and
  removed with its event, so a run killed in between is reported on the next run
  (:mod:`rights.actions.sending`).

Everything takes explicit ``today``/``now``; nothing here prints or reads the clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.core.vocabulary import FILE_CHANNELS
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.actions.plan import Done, Plan, Send
    from rights.core.case import Case, Event
    from rights.delivery import Options, Outcome
    from rights.delivery.email import SmtpSettings
    from rights.letters.context import Letter
    from rights.store.connect import Connection

SENDING_CHANNELS = frozenset({"email"})
"""The channels that really send (a "sending" marker guards them: rights.actions.sending)."""

Smtp = tuple["SmtpSettings", str | None]
"""The SMTP settings and their password, as ``smtp_settings.load`` gives them."""


def send_needs_email() -> InputError:
    """The error for ``--send`` with a channel other than email."""
    return InputError("--send goes with --via email (other channels are sent by you)")


@dataclass(frozen=True)
class Outgoing:
    """A rendered letter on its way, and the event it logs on its case.

    ``event``: the event kind (``sent``, ``reminder``, ``complaint``, ``note``); ``note``:
    what the event says before how the letter went; ``data``: the event's own data.
    ``contact``: the address used (named in the note). ``log_unsent``: log it too when
    rights did not send it itself (False for a request). ``letter_in_event``: the event's
    data carries the letter (channel, subject, body, files).
    """

    ref: str
    via: str
    letter: Letter
    options: Options
    event: str
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    contact: str | None = None
    log_unsent: bool = True
    letter_in_event: bool = True


@dataclass(frozen=True)
class Sent:
    """What :func:`send` did: the channel's outcome, the case after the event (None when
    nothing was logged), and the files written beside the letter (a complaint's evidence)."""

    outcome: Outcome
    case: Case | None
    extra_files: list[Path] = field(default_factory=list)


def send(
    conn: Connection,
    out: Outgoing,
    *,
    today: dt.date,
    now: dt.datetime,
    root: Path,
    enclose: Callable[[], list[Path]] | None = None,
) -> Sent:
    """Deliver ``out.letter`` through ``out.via``, then log ``out.event`` on case
    ``out.ref`` (see the module's rules). ``enclose`` writes the files that go with the
    letter (after it is delivered) and returns their paths; they are logged with it."""
    from rights.actions.sending import clear_sending, mark_sending
    from rights.delivery import deliver

    marked = out.via in SENDING_CHANNELS
    if marked:  # committed before the server can accept it: a crash after that is reported
        mark_sending(conn, out.ref, event=out.event, to=out.contact, now=now)
    try:
        outcome = deliver(out.via, out.letter, out.options)
    except Exception:  # not sent, and the user is told (a kill or Ctrl-C keeps the marker)
        if marked:
            clear_sending(conn, out.ref)
        raise
    sent = _log(conn, out, outcome, enclose, today=today, now=now, root=root)
    if marked:  # the event logged settles the marker even if this is never reached
        clear_sending(conn, out.ref)
    if outcome.sent and outcome.message is not None:
        from rights.inbox.sent_copy import append_sent

        problem = append_sent(conn, outcome.message)
        if problem:
            sent = dataclasses.replace(sent, outcome=dataclasses.replace(
                outcome, note="; ".join(n for n in (outcome.note, problem) if n)))  # fmt: skip
    return sent


def _log(
    conn: Connection,
    out: Outgoing,
    outcome: Outcome,
    enclose: Callable[[], list[Path]] | None,
    *,
    today: dt.date,
    now: dt.datetime,
    root: Path,
) -> Sent:
    """Write the enclosed files and log the event of a delivered letter (see :func:`send`)."""
    from rights.cases.log import log_event

    extra = enclose() if enclose else []
    if not outcome.sent and not out.log_unsent:
        return Sent(outcome, None, extra)
    how = how_it_went(out.via, out.contact, outcome)
    data = dict(out.data)
    if outcome.sent and outcome.details.get("message_id"):  # what replies thread on
        data["message_id"] = outcome.details["message_id"]
    if out.letter_in_event:
        data.update(
            channel=out.via,
            delivered=bool(outcome.sent),
            to=out.letter.recipient.name,
            contact=out.contact,
            subject=out.letter.subject,
            body=out.letter.body,
            files=[str(p) for p in (*outcome.files, *extra)],
        )
    for key in ("message_id", "smtp_reply"):  # the inbox matches replies by Message-ID
        if outcome.details.get(key):
            data[key] = outcome.details[key]
    logged = log_event(
        conn, ref=out.ref, kind=out.event, on_date=today, today=today, now=now, root=root,
        note=f"{out.note}: {how}" if out.note else how, data=data,
        also=partial(_keep_sent_copy, conn, outcome, f"{out.ref}-{out.event}-{today}.eml", now),
    )  # fmt: skip
    return Sent(outcome, logged.case, extra)


def _keep_sent_copy(
    conn: Connection, outcome: Outcome, name: str, now: dt.datetime, event: Event
) -> None:
    """Store the exact message the server took as an attachment of the event (the proof of
    what went out), in the event's transaction."""
    from rights.store import attachments

    if outcome.message is not None:
        attachments.insert_complete(conn, event.ref, event.id, name, outcome.message, now)


def how_it_went(via: str, contact: str | None, outcome: Outcome) -> str:
    """How a letter went, as the event's note says it."""
    if outcome.sent:
        return f"sent by email to {contact}"
    if outcome.files:
        return f"written to {', '.join(str(p.name) for p in outcome.files)} (to send yourself)"
    if outcome.url and via == "webform":
        return f"text for the web form {outcome.url} (to submit yourself)"
    if outcome.url:
        return "mailto link made (to send yourself)"
    return "text shown (to send yourself)"


def options_for(
    via: str,
    letter: Letter,
    *,
    smtp: Smtp | None,
    out_dir: Path | None,
    paper: str,
    today: dt.date,
    now: dt.datetime,
    to: str | None = None,
    webform_url: str | None = None,
    overwrite: bool = False,
    home_country: str | None = None,
    in_reply_to: str | None = None,
) -> Options:
    """The delivery options of a letter; email needs an SMTP server (InputError).

    ``paper`` is resolved already (:func:`rights.delivery.pdf.paper_for`);
    ``home_country``: the person's country, so a domestic PDF has no country line;
    ``in_reply_to``: the request's Message-ID a follow-up threads on."""
    from rights.delivery import Options
    from rights.delivery.email import no_smtp_server

    settings, password = smtp if smtp else (None, None)
    if via == "email" and settings is None:
        raise no_smtp_server()
    return Options(
        out_dir=out_dir,
        sender_email=sender_email(letter),
        to=to,
        paper=paper,  # type: ignore[arg-type]
        webform_url=webform_url,
        smtp=settings,
        password=password,
        date=now,
        today=today,
        overwrite=overwrite,
        home_country=home_country,
        in_reply_to=in_reply_to,
    )


def sender_email(letter: Letter) -> str | None:
    """The From address: the first email the letter's sender block shows."""
    value: Any = letter.sender.get("email")
    if isinstance(value, list):
        return str(value[0]) if value else None
    return str(value) if value else None


def make_out_dir(path: Path) -> None:
    """Create the folder the user named for letters (0700 when new)."""
    if path.exists() and not path.is_dir():
        raise InputError(f"--out: {path} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise InputError(f"--out: cannot create {path}: {exc.strerror}") from None


# --- follow-ups: reminders, answers, complaints ------------------------------------------------


def carry_out(
    conn: Connection,
    plan: Plan,
    opts: Send,
    *,
    today: dt.date,
    now: dt.datetime,
    root: Path,
    smtp: Smtp | None = None,
) -> Done:
    """Deliver the planned letter and log it on the case (a preview does neither).

    Nothing is logged when delivery fails (DeliveryError and the like propagate). Files
    are named for what the letter is (``R-7K3M-reminder.pdf``), so they sit beside the
    request's own ``R-7K3M.pdf``. For a complaint written to files (``--out`` with eml,
    pdf or text), the case's attachments are written beside the letter as
    ``<ref>-evidence-<n>-<name>``.
    """
    from rights.actions.plan import Done, check_channel
    from rights.delivery.pdf import paper_for
    from rights.store import repo

    if opts.preview:
        return Done(plan, plan.case, None, logged=False)
    check_channel(plan.via, opts)
    by_mail = plan.via in ("email", "eml", "mailto")
    country = repo.get_identity(conn).country
    options = options_for(
        plan.via, plan.letter, smtp=smtp, out_dir=opts.out_dir,
        paper=paper_for(country, opts.paper), today=today, now=now,
        to=plan.contact if by_mail else None, home_country=country,
        webform_url=plan.contact if plan.via == "webform" else None, overwrite=opts.force,
        in_reply_to=plan.thread if by_mail else None,
    )  # fmt: skip
    if opts.out_dir is not None:
        make_out_dir(opts.out_dir)
    if plan.via in ("email", "eml") and not options.sender_email:
        raise InputError(
            "your profile has no email address for the From line",
            hint="rights profile edit --email you@example.org",
        )
    letter = plan.letter
    if opts.out_dir is not None:
        letter = dataclasses.replace(letter, ref=f"{letter.ref}-{plan.kind}")
    enclose = None
    if plan.kind == "complaint" and opts.out_dir is not None and plan.via in FILE_CHANNELS:
        enclose = partial(_write_evidence, conn, plan, opts.out_dir, opts.force)
    out = Outgoing(ref=plan.case.ref, via=plan.via, letter=letter, options=options,
                   event=plan.event_kind, note=plan.event_note, data=plan.event_data,
                   contact=plan.contact)  # fmt: skip
    sent = send(conn, out, today=today, now=now, root=root, enclose=enclose)
    assert sent.case is not None
    return Done(plan, sent.case, sent.outcome, logged=True, files=sent.extra_files)


def _write_evidence(conn: Connection, plan: Plan, out_dir: Path, force: bool) -> list[Path]:
    from rights.cases.log import save_attachment

    written: list[Path] = []
    for number, name in plan.evidence_files:
        dest = out_dir / f"{plan.case.ref}-evidence-{number}-{name}"
        save_attachment(conn, plan.case.ref, number, dest, force=force)
        written.append(dest)
    return written
