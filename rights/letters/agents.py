"""Authorized agents (legal clinics): the agent named in letters, and the authorisation
form the client signs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.core.identity import Identity
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.law.model import Law
    from rights.letters.context import Agent, Letter

GDPR_STYLE_RULE = "a request made through an authorised representative (EDPB Guidelines 01/2022)"


def agent_rule(law: Law) -> str:
    """What lets an agent make the request under ``law``, as a letter cites it (the law
    file's ``letters.agent_rule``)."""
    return law.letters.agent_rule


def agent_for(agent_identity: Identity, client: str) -> Agent:
    """The agent as letters name it (the law's rule is filled in per letter)."""
    from rights.letters.context import Agent

    if not agent_identity.full_name:
        raise InputError(
            "the agent's profile has no name",
            hint="set it with: rights profile edit --full-name 'Clinic name'",
        )
    return Agent(name=agent_identity.full_name, client_name=client, rule=GDPR_STYLE_RULE)


def with_client_name(agent: Agent, client_identity: Identity) -> Agent:
    """The agent with the client's real name (from the client's profile)."""
    if not client_identity.full_name:
        raise InputError(
            f"the client profile {agent.client_name!r} has no name",
            hint=f"rights profile edit --profile {agent.client_name} --full-name '...'",
        )
    return agent.model_copy(update={"client_name": client_identity.full_name})


def for_law(agent: Agent | None, law: Law) -> Agent | None:
    """The agent with the rule of ``law``."""
    return agent.model_copy(update={"rule": agent_rule(law)}) if agent else None


def _card(identity: Identity) -> dict[str, Any]:
    """A person as the authorisation form shows them: name, address lines, email."""
    lines = [
        line.strip() for a in identity.addresses[:1] for line in a.replace("\n", ",").split(",")
    ]
    return {
        "name": identity.full_name,
        "address": [line for line in lines if line],
        "email": identity.emails[0] if identity.emails else None,
    }


def authorization_letter(
    client: Identity,
    agent: Identity,
    *,
    companies: list[str],
    today: dt.date,
    valid_days: int = 365,
) -> Letter:
    """The authorisation form as a letter addressed to the agent (rendered from
    ``templates/_forms/authorization.en.j2``)."""
    from rights.letters.context import Letter, Recipient
    from rights.letters.render import render_form

    for who, person in (("client", client), ("agent", agent)):
        if not person.full_name:
            raise InputError(
                f"the {who} profile has no name", hint="rights profile edit --full-name ..."
            )
    body = render_form(
        "authorization.en.j2",
        client=_card(client),
        agent=_card(agent),
        companies=companies,
        today=today.isoformat(),
        until=(today + dt.timedelta(days=valid_days)).isoformat(),
    )
    agent_data = _card(agent)
    sender: dict[str, str | list[str]] = {"name": str(client.full_name)}
    if client.addresses:
        sender["address"] = _card(client)["address"]
    return Letter(
        subject=f"Authorisation of an authorized agent — {client.full_name}",
        body=body,
        lang="en",
        ref="AUTH",
        right="authorization",
        family="forms",
        template="_forms/authorization.en.j2",
        recipient=Recipient(name=str(agent.full_name), address_lines=agent_data["address"]),
        sender=sender,
    )


def write_authorization(
    letter: Letter, dest: Path, *, paper: str, today: dt.date, force: bool
) -> Path:
    """Write the form as a PDF at ``dest`` (0600); refuses to overwrite without ``force``."""
    from rights.delivery.pdf import render_pdf
    from rights.files import atomic_write, refuse_existing

    refuse_existing(dest, overwrite=force)
    return atomic_write(dest, render_pdf(letter, paper, today), overwrite=force)
