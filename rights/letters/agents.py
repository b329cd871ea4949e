"""Authorized agents (legal clinics): the agent who writes and signs a client's letters
(its name, address, email and phone, the law's agent rule, the client's signed
authorisation). The form the client signs is in ``rights.letters.authorization``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rights.core.identity import Identity
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.law.model import Law
    from rights.letters.context import Agent, Letter
    from rights.store.connect import Connection

GDPR_STYLE_RULE = "a request made through an authorised representative (EDPB Guidelines 01/2022)"


def agent_rule(law: Law) -> str:
    """What lets an agent make the request under ``law``, as a letter cites it (the law
    file's ``letters.agent_rule``)."""
    return law.letters.agent_rule


def agent_for(agent_identity: Identity, client: str) -> Agent:
    """The agent as letters name it: name, postal address, email and phone of the acting
    profile (the law's rule is filled in per letter)."""
    from rights.delivery.postal import address_lines
    from rights.letters.context import Agent

    if not agent_identity.full_name:
        raise InputError(
            "the agent's profile has no name",
            hint="set it with: rights profile edit --full-name 'Clinic name'",
        )
    first = agent_identity.addresses[0] if agent_identity.addresses else None
    return Agent(
        name=agent_identity.full_name,
        client_name=client,
        rule=GDPR_STYLE_RULE,
        address_lines=[line for part in (first or "").splitlines() for line in address_lines(part)],
        email=agent_identity.emails[0] if agent_identity.emails else None,
        phone=agent_identity.phones[0] if agent_identity.phones else None,
    )


def with_client_name(agent: Agent, client_identity: Identity) -> Agent:
    """The agent with the client's real name (from the client's profile)."""
    if not client_identity.full_name:
        raise InputError(
            f"the client profile {agent.client_name!r} has no name",
            hint=f"rights profile edit --profile {agent.client_name} --full-name '...'",
        )
    return agent.model_copy(update={"client_name": client_identity.full_name})


def with_authorization(agent: Agent, conn: Connection) -> Agent:
    """The agent with the client's signed authorisation for this agent, when one is stored
    in the client's store (``rights request authorization --signed FILE``): enclosed."""
    from rights.letters.authorization import signed_copy

    found = signed_copy(conn, agent.name)
    if found is None:
        return agent
    return agent.model_copy(update={"authorization": found, "enclosed": True})


def for_law(agent: Agent | None, law: Law) -> Agent | None:
    """The agent with the rule of ``law``."""
    return agent.model_copy(update={"rule": agent_rule(law)}) if agent else None


def from_agent(letter: Letter, agent: Agent | None) -> Letter:
    """A stored agent case's letter as the agent sends it: the agent's sender block, its
    Reply-To and the signed authorisation (unchanged without an agent)."""
    import dataclasses

    if agent is None:
        return letter
    found = (agent.authorization,) if agent.enclosed and agent.authorization else ()
    return dataclasses.replace(letter, sender=agent.card(), enclosures=found, reply_to=agent.email)


CONTACT_NOTE = "agent_contact"
"""The case note (kept in ``CaseNotes.extra``) with the agent's address, email and phone,
so reminders, answers and complaints come from the agent too."""


def contact_note(agent: Agent) -> dict[str, Any]:
    """What an agent case records of the agent besides the name (``CONTACT_NOTE``)."""
    return {"address": list(agent.address_lines), "email": agent.email, "phone": agent.phone}


def agent_of_case(
    name: str | None, client: str | None, extra: dict[str, Any], law: Law, conn: Connection
) -> Agent | None:
    """The agent of a stored case (its notes ``agent``, ``client`` and ``agent_contact``),
    with the rule of ``law`` and the signed authorisation stored for it, if any."""
    from rights.letters.context import Agent

    if not name or not client:
        return None
    contact = extra.get(CONTACT_NOTE)
    contact = contact if isinstance(contact, dict) else {}
    address = contact.get("address")
    agent = Agent(
        name=str(name),
        client_name=str(client),
        rule=agent_rule(law),
        address_lines=[str(a) for a in address] if isinstance(address, list) else [],
        email=contact.get("email") if isinstance(contact.get("email"), str) else None,
        phone=contact.get("phone") if isinstance(contact.get("phone"), str) else None,
    )
    return with_authorization(agent, conn)
