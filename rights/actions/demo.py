"""The demo: a fictional person's requests, end to end, offline, in a data folder of its own.

It never touches the user's own data folder or OS keyring: the demo store is locked with
a random passphrase. Without ``keep`` the folder is temporary and removed at the end; with
it the folder stays (``rights-demo`` in the current folder) with the passphrase in a 0600
file beside the store, and the demo prints the one line that sets the environment to go
on in it. The letters are written to files (``rights-demo-letters``), nothing is sent.

The flow: letters written and logged as sent today, then the clock moved past the
deadline (``due`` shows it overdue), the reminder, the clock moved past the reminder's
deadline, the complaint (UK GDPR: to the company first, then the ICO). The person comes
from ``rights.actions.demo_personas``.
"""

from __future__ import annotations

import datetime as dt
import secrets
import shlex
import shutil
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.actions.demo_folders import Folders
from rights.actions.demo_personas import Persona

if TYPE_CHECKING:
    from rights.actions.batch import Result
    from rights.core.case import Case
    from rights.core.identity import Identity
    from rights.store import Store

DEMO_PROFILE = "demo"
PASSPHRASE_FILE = "demo-passphrase"
PAGE_CHARS = 1400
"""The body text shown as the first page: at most what the PDF's first page holds below the
window and the subject (about 1,500 characters on US Letter, more on A4)."""
PAGE_WIDTH = 78


@dataclass(frozen=True)
class CaseRows:
    """The rows of ``rights list`` at this step of the demo, for the CLI to draw as a table."""

    rows: list[tuple[Any, ...]]


@dataclass(frozen=True)
class Page:
    """The first page of a letter as text, for the CLI to frame."""

    lines: list[str]


def run(
    persona: Persona, where: Folders, *, today: dt.date, now: dt.datetime
) -> Iterator[str | CaseRows | Page]:
    """Create a profile, write the requests, move the clock past the deadlines; yield lines.

    ``today`` and ``now`` come from the caller (the CLI's clock)."""
    from rights import files
    from rights.profile import profiles
    from rights.store import Store
    from rights.store.keys import Key, KeyInfo

    yield from where.notes
    if where.keep is not None:
        home = files.ensure_private_dir(where.keep)
    else:
        home = Path(tempfile.mkdtemp(prefix="rights-demo-"))
    passphrase = secrets.token_urlsafe(18)
    try:
        key = (KeyInfo("passphrase"), Key("passphrase", passphrase))
        info = profiles.create(home, DEMO_PROFILE, key=key, now=now)
        profiles.set_active(home, DEMO_PROFILE)
        if where.keep is not None:  # written first: a kept folder can always be opened
            secret = files.atomic_write(home / PASSPHRASE_FILE, passphrase.encode())
        kept = "kept: --keep" if where.keep else "removed at the end; --keep keeps it"
        yield f"1. An encrypted store (SQLCipher) for the demo, in {where.show(home)} ({kept})"
        files.ensure_private_dir(where.letters)
        with Store.open(info.path, key[1], profile=DEMO_PROFILE, now=now) as store:
            walk = _Walk(store, persona, where, home, today, now)
            yield from walk.steps()
        raw = b"".join(p.read_bytes() for p in info.path.parent.glob("rights.db*"))
        name = (persona.changes.full_name or "").encode()
        plain = name in raw or (persona.changes.emails or [""])[0].encode() in raw
        yield "Readable personal data in the store files: " + ("YES (bug!)" if plain else "none")
        written = sorted(p.name for p in where.letters.iterdir())
        yield f"The letters ({len(written)} files) are in {where.show(where.letters)}:"
        yield from textwrap.wrap(", ".join(written), PAGE_WIDTH, initial_indent="   ",
                                 subsequent_indent="   ", break_on_hyphens=False)  # fmt: skip
        if where.keep is not None:
            yield from _kept(where, home, secret, walk)
        else:
            yield "Removed the demo's store. To go on in it yourself: rights demo --keep"
            yield "To start for real: rights start (or rights init)"
    finally:
        if where.keep is None:
            shutil.rmtree(home, ignore_errors=True)


def _kept(where: Folders, home: Path, secret: Path, walk: _Walk) -> Iterator[str]:
    """The line to paste and the commands to try in the kept folder."""
    env = (
        f"export RIGHTS_HOME={shlex.quote(str(home))} "
        f"RIGHTS_PASSPHRASE_FILE={shlex.quote(str(secret))} RIGHTS_TODAY={walk.today}"
    )
    yield (
        f"Kept the demo's data folder {where.show(home)} (the passphrase is in "
        f"{where.show(secret)}, readable by you only). Paste this line to work in it, "
        f"on the demo's date {walk.today}:"
    )
    yield f"   {env}"
    yield "Then try:"
    for command in walk.suggestions():
        yield f"   {command}"
    yield "Back to your own data: unset RIGHTS_HOME RIGHTS_PASSPHRASE_FILE RIGHTS_TODAY"


def _flat(block: list[Any]) -> list[str]:
    """A block's lines: a line, or paragraphs (lists of lines) with a blank line between."""
    if all(isinstance(item, str) for item in block):
        return list(block)
    lines: list[str] = []
    for paragraph in (p for p in block if p):
        lines += [*([""] if lines else []), *paragraph]
    return lines


class _Walk:
    """The demo's steps on one store; ``today`` moves forward as the demo travels in time."""

    def __init__(
        self, store: Store, persona: Persona, where: Folders, home: Path, today: dt.date,
        now: dt.datetime,
    ) -> None:  # fmt: skip
        from rights.law.load import data_folder

        self.store, self.persona, self.where, self.home = store, persona, where, home
        self.today, self.started, self.now = today, today, now
        self.root = data_folder()
        self.made: list[Result] = []

    def _travel(self, to: dt.date) -> str:
        """Move the demo's clock to ``to``; the line that says so."""
        days = (to - self.today).days
        self.now += to - self.today
        self.today = to
        return f"Time travel: {days} days later, {to.isoformat()} (RIGHTS_TODAY={to})"

    def steps(self) -> Iterator[str | CaseRows | Page]:
        """Steps 2-9: profile, requests, first page, sent, travel, due, reminder, complaint."""
        person = self._profile()
        address = (person.addresses or [""])[0]
        yield (
            f"2. The person: {person.full_name}, {self.persona.who}, {address}, {person.emails[0]}"
        )
        yield "3. Requests (the law and the language follow from where the person lives):"
        yield from self._requests(person)
        if not self.made:
            return
        first = self._case(0)
        yield f"4. The first page of the letter to {first.company_name} ({first.ref}.pdf), as text:"
        yield self._first_page(person, first)
        yield from self._sent()
        yield from self._overdue()
        yield from self._reminder(person, first)
        yield from self._complaint(person, first)
        problems = self.store.problems()
        yield "9. Integrity check of the store: " + ("ok" if not problems else "; ".join(problems))

    def _case(self, index: int) -> Case:
        from rights.cases.log import find_case

        return find_case(self.store.conn, self.made[index].case.ref)  # type: ignore[union-attr]

    def _profile(self) -> Identity:
        from rights.profile import identity
        from rights.store import repo
        from rights.store.connect import transaction

        conn = self.store.conn
        person = identity.apply(repo.get_identity(conn), self.persona.changes, today=self.today)
        with transaction(conn):
            repo.put_identity(conn, person, self.now)
        return person

    def _requests(self, person: Identity) -> Iterator[str]:
        from rights.actions import batch as batches
        from rights.companies.lookup import resolve
        from rights.law.load import load_laws
        from rights.paths import shipped

        laws = load_laws(self.root)
        for slug, right, via in self.persona.requests:
            (company,) = resolve([slug], None, folder=shipped("companies"), mine=[])
            batch = batches.Batch(right=right, via=via, out_dir=self.where.letters)
            (result,) = batches.run_batch(
                self.store, [company], batch, identity=person, laws=laws, today=self.today,
                now=self.now, home=self.home,
            )  # fmt: skip
            if result.case is None:
                assert result.error is not None
                yield f"   {company.name}: skipped: {result.error.message}"
                continue
            self.made.append(result)
            case, outcome = result.case, result.outcome
            where = ", ".join(p.name for p in outcome.files) if outcome and outcome.files else ""
            yield (
                f"   {case.ref}  {company.name}: {right} under {case.law.upper()} "
                f"({case.notes.reasons['law']}), letter in {case.lang}, via {via} -> {where}"
            )

    def _first_page(self, person: Identity, case: Case) -> Page:
        """The letter's first page as text, from the data the PDF layout reads: the head,
        the return line, the window, the date, the subject, then the paragraphs that fit
        on the page (whole paragraphs, within ``PAGE_CHARS``)."""
        from rights.actions.resend import stored_letter
        from rights.delivery.pdf import layout_data, paper_for

        letter, _ = stored_letter(self.store.conn, case, "pdf", identity=person)
        layout = layout_data(letter, paper_for(person.country), self.started, person.country)
        lines = [*layout["head_lines"], "", layout["return_line"], "", *layout["recipient"]]
        lines += ["", layout["date_line"], "", *textwrap.wrap(layout["subject"], PAGE_WIDTH), ""]
        # a paragraph may break across pages, line by line; the last paragraph, the
        # closing and the signer stay together (as in the PDF)
        kept = [*layout["last_paragraphs"], layout["closing"], layout["signer_lines"]]
        blocks = [*([[line] for line in p] + [[]] for p in layout["paragraphs"]), [kept]]
        used = 0
        for block in (part for paragraph in blocks for part in paragraph):
            if not block:  # the end of a paragraph
                lines.append("")
                continue
            used += sum(len(line) + 1 for line in _flat(block))
            if used > PAGE_CHARS:
                lines += ["", "[… the letter goes on: open the PDF]"]
                break
            for line in _flat(block):
                lines += textwrap.wrap(line, PAGE_WIDTH) or [""]
        return Page(lines)

    def _sent(self) -> Iterator[str]:
        from rights.cases import log as case_log

        for result in self.made:
            assert result.case is not None
            case_log.log_event(
                self.store.conn, ref=result.case.ref, kind="sent", on_date=self.today,
                today=self.today, now=self.now, root=self.root,
                note="posted (demo)" if result.case.via == "pdf" else "emailed (demo)",
            )  # fmt: skip
        refs = " ".join(r.case.ref for r in self.made if r.case)
        yield (
            f"5. Posted and emailed today, {self.today}: each logged as sent "
            f"(rights log REF sent), with its legal deadline ({refs})"
        )

    def _overdue(self) -> Iterator[str | CaseRows]:
        from rights.cases import contract
        from rights.store import cases_repo

        last = max(self._case(i).due or self.today for i in range(len(self.made)))
        yield "6. " + self._travel(last + dt.timedelta(days=1)) + ": no answer came. rights due:"
        conn, today = self.store.conn, self.today
        for item in contract.due_items(cases_repo.due_rows(conn, today, today), today):
            if item["kind"] == "overdue":
                yield f"   {item['ref']}  {item['company_name']}: overdue since {item['date']}"
        yield CaseRows(list(cases_repo.list_rows(conn, today)))

    def _carry_out(self, plan: Any, opts: Any) -> list[str]:
        from rights.actions.send import carry_out

        done = carry_out(self.store.conn, plan, opts, today=self.today, now=self.now,
                         root=self.root)  # fmt: skip
        outcome = done.outcome
        return [p.name for p in [*(outcome.files if outcome else ()), *done.files]]

    def _opts(self) -> Any:
        from rights.actions.plan import Send

        return Send(via="pdf", out_dir=self.where.letters)

    def _reminder(self, person: Identity, case: Case) -> Iterator[str]:
        from rights.actions.reminder import plan_reminder

        opts = self._opts()
        plan = plan_reminder(self.store.conn, case.ref, opts, identity=person, today=self.today,
                             root=self.root, home=self.home)  # fmt: skip
        written = self._carry_out(plan, opts)
        case = self._case(0)
        until = case.remind_by.isoformat() if case.remind_by else "?"
        yield (
            f"7. The reminder to {case.company_name} (rights followup {case.ref} --via pdf): "
            f"{', '.join(written)}; new deadline {until}"
        )

    def _complaint(self, person: Identity, case: Case) -> Iterator[str]:
        """Escalate until the complaint reaches the regulator (UK GDPR: the company first)."""
        from rights.actions.complaint_controller import CONTROLLER_WAIT_DAYS

        wait = self._case(0).remind_by or self.today
        for step in range(3):  # UK GDPR: the company first, then the regulator
            yield (
                ("8. " if step == 0 else "   ")
                + self._travel(wait + dt.timedelta(days=1))
                + ": still no answer."
            )
            plan, opts = self._escalation(person, case)
            written = self._carry_out(plan, opts)
            files = ", ".join(written)
            if plan.kind == "complaint":
                assert plan.regulator is not None
                name = plan.regulator.regulator.name
                yield (
                    f"   The complaint to {name} (rights escalate {case.ref} --via {plan.via}), "
                    f"with the case file as evidence: {files}"
                )
                return
            yield (
                f"   First a complaint to {case.company_name} itself, as the law asks before "
                f"the regulator (rights escalate {case.ref} --via pdf): {files}"
            )
            wait = self.today + dt.timedelta(days=CONTROLLER_WAIT_DAYS)

    def _escalation(self, person: Identity, case: Case) -> tuple[Any, Any]:
        """The next escalation step, by post where its recipient takes letters, else as
        text to paste (the CPPA: complaints through its web form only)."""
        from rights.actions.complaint import plan_escalation
        from rights.actions.plan import Send

        def plan(via: str) -> tuple[Any, Any]:
            opts = Send(via=via, out_dir=self.where.letters)
            made = plan_escalation(self.store.conn, case.ref, opts, regulator=None,
                                   identity=person, today=self.today, now=self.now,
                                   root=self.root, home=self.home)  # fmt: skip
            return made, opts

        made, opts = plan("text")  # planning writes nothing; carry_out does
        found = made.regulator
        if found is not None and (found.web_form_only or not found.regulator.address):
            return made, opts
        return plan("pdf")

    def suggestions(self) -> list[str]:
        """Commands that work as printed in the kept folder (a test runs each one)."""
        out = self.where.show(self.where.letters)
        refs = [r.case.ref for r in self.made if r.case]
        commands = ["rights list", "rights due"]
        if refs:
            commands.append(f"rights show {refs[0]}")
        if len(refs) > 1:
            commands.append(f"rights followup {refs[1]} --via pdf --out {out}")
        commands.append("rights store verify")
        return commands
