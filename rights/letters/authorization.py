"""The authorisation form a client signs so an agent may act for them, and the signed copy
kept in the client's encrypted store (enclosed with every letter the agent writes).

The form is written in the client's letter language (``templates/_forms/authorization.
<lang>.j2``), names each company and the rule of the law that applies to it (the law
file's ``letters.agent_rule``, in that language), and is laid out on the client's paper.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.errors import InputError

if TYPE_CHECKING:
    from rights.core.company import Company
    from rights.core.identity import Identity
    from rights.law.model import Law
    from rights.letters.context import Enclosure, Letter
    from rights.store.connect import Connection

SETTING = "agent_authorization"
"""The client's store setting that holds the signed copy (JSON, the file in base64)."""
MAX_BYTES = 10 * 1024 * 1024
FORM_LANGUAGES = ("de", "en", "es", "fr", "it", "nl", "pl", "pt")
"""The languages the form is written in (every language the project writes letters in)."""
_KINDS = {b"%PDF-": ("application/pdf", "pdf"), b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
          b"\xff\xd8\xff": ("image/jpeg", "jpg")}  # fmt: skip


def kind_of(data: bytes) -> tuple[str, str]:
    """The MIME type and file extension of a signed copy: PDF, PNG or JPEG (InputError)."""
    for magic, kind in _KINDS.items():
        if data.startswith(magic):
            return kind
    raise InputError(
        "the signed authorisation must be a PDF, PNG or JPEG file",
        hint="scan or photograph the signed form, or sign the PDF digitally",
    )


def store_signed(conn: Connection, agent_name: str, data: bytes, today: dt.date) -> Enclosure:
    """Keep the client's signed authorisation for ``agent_name`` in the client's store
    (replacing an earlier one); it is enclosed with the agent's letters from now on."""
    from rights.letters.context import Enclosure
    from rights.store import repo
    from rights.store.connect import transaction

    if len(data) > MAX_BYTES:
        raise InputError(f"the signed authorisation is larger than {MAX_BYTES // 2**20} MB",
                         hint="scan it at a lower resolution")  # fmt: skip
    mime, ext = kind_of(data)
    found = Enclosure.model_validate(
        {"filename": f"authorisation.{ext}", "mime_type": mime, "data": data}
    )
    value = {"agent": agent_name, "filename": found.filename, "mime_type": mime,
             "signed_on": today.isoformat(),
             "data": base64.b64encode(data).decode("ascii")}  # fmt: skip
    with transaction(conn):
        repo.set_setting(conn, SETTING, json.dumps(value, sort_keys=True))
    return found


def signed_copy(conn: Connection, agent_name: str) -> Enclosure | None:
    """The signed authorisation the client gave ``agent_name`` (None: not signed yet)."""
    from rights.letters.context import Enclosure
    from rights.store import repo

    raw = repo.get_setting(conn, SETTING)
    if not raw:
        return None
    try:
        value = json.loads(raw)
        if value.get("agent") != agent_name:
            return None
        data = base64.b64decode(value["data"], validate=True)
        return Enclosure(filename=value["filename"], mime_type=value["mime_type"], data=data)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # an unreadable entry counts as not signed: the letter says so


def form_language(client: Identity, explicit: str | None = None) -> str:
    """The form's language: ``explicit`` (``--lang``), else the client's letter language
    (the language of their country), else English."""
    from rights.letters.language import COUNTRY_LANG

    if explicit:
        if explicit not in FORM_LANGUAGES:
            raise InputError(f"no authorisation form in language {explicit!r}",
                             hint=f"languages: {', '.join(FORM_LANGUAGES)}")  # fmt: skip
        return explicit
    code = (client.country or "").split("-")[0].upper()
    lang = COUNTRY_LANG.get(code, "en")
    return lang if lang in FORM_LANGUAGES else "en"


def law_entry(law: Law, lang: str) -> dict[str, str]:
    """A law as the form cites it: its name and its agent rule, both in ``lang``."""
    from rights.letters.native import localise

    shown = localise({"lang": lang, "law_id": law.id, "law_name": law.name,
                      "agent": {"rule": law.letters.agent_rule}})  # fmt: skip
    return {"law": str(shown["law_name"]), "rule": str(shown["agent"]["rule"])}


def entries(
    client: Identity, companies: list[Company], laws: list[Law], lang: str, today: dt.date
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Each company with the law that applies to its requests and that law's agent rule;
    and the laws cited (those of the companies, else those of the client's residence)."""
    from rights.law.choice import choose_law
    from rights.law.load import laws_for_resident

    by_id = {law.id: law for law in laws}
    rows: list[dict[str, str]] = []
    cited: dict[str, dict[str, str]] = {}
    for company in companies:
        law = by_id[choose_law(laws, client, company, "access", None, today).value]
        cited.setdefault(law.id, law_entry(law, lang))
        rows.append({"company": company.name, **cited[law.id]})
    if not companies and client.country:
        for law in laws_for_resident(laws, client.country, client.region)[0]:
            cited.setdefault(law.id, law_entry(law, lang))
    return rows, list(cited.values())


def _card(identity: Identity) -> dict[str, Any]:
    """A person as the form shows them: name, address lines (split as postal.py does), email."""
    from rights.delivery.postal import address_lines

    first = identity.addresses[0] if identity.addresses else ""
    lines = [line for part in first.splitlines() for line in address_lines(part)]
    return {
        "name": identity.full_name,
        "address": lines,
        "email": identity.emails[0] if identity.emails else None,
    }


def authorization_letter(
    client: Identity,
    agent: Identity,
    *,
    companies: list[Company],
    laws: list[Law],
    today: dt.date,
    lang: str | None = None,
    valid_days: int = 365,
) -> Letter:
    """The authorisation form as a letter from the client addressed to the agent."""
    from rights.letters.context import Letter, Recipient
    from rights.letters.filters import longdate
    from rights.letters.render import render_form

    for who, person in (("client", client), ("agent", agent)):
        if not person.full_name:
            raise InputError(
                f"the {who} profile has no name", hint="rights profile edit --full-name ..."
            )
    language = form_language(client, lang)
    country = (client.country or "").split("-")[0].upper()
    locale = f"en-{country}" if language == "en" and country in ("US", "CA") else language
    rows, cited = entries(client, companies, laws, language, today)
    text = render_form(
        f"authorization.{language}.j2",
        client=_card(client),
        agent=_card(agent),
        companies=rows,
        laws=cited,
        today=longdate(today, locale),
        until=longdate(today + dt.timedelta(days=valid_days), locale),
    )
    subject, _, body = text.strip().partition("\n")
    sender: dict[str, str | list[str]] = {"name": str(client.full_name)}
    card = _card(client)
    if card["address"]:
        sender["address"] = card["address"]
    return Letter(
        subject=subject.strip(),
        body=body.strip() + "\n",
        lang=language,
        ref="AUTH",
        right="authorization",
        family="forms",
        template=f"_forms/authorization.{language}.j2",
        recipient=Recipient(name=str(agent.full_name), address_lines=_card(agent)["address"]),
        sender=sender,
    )


def write_form(letter: Letter, dest: Path, *, paper: str, today: dt.date, force: bool) -> Path:
    """Write the form as a PDF at ``dest`` (0600) on ``paper`` (the client's, from
    ``rights.delivery.pdf.paper_for``); refuses to overwrite without ``force``."""
    from rights.delivery.pdf import render_pdf
    from rights.files import atomic_write, refuse_existing

    refuse_existing(dest, overwrite=force)
    return atomic_write(dest, render_pdf(letter, paper, today), overwrite=force)
