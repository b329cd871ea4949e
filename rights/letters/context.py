"""What a letter template may use: the typed, validated context of one letter, and the
rendered :class:`Letter` a delivery channel takes.

See docs/letters.md for every variable. The models refuse line breaks wherever a value
ends up on one line (a subject, an address line, a citation) and check the combinations a
letter kind needs (a reminder needs ``previous``, an answer its brush-off, ...).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rights.core.vocabulary import (
    ANSWER_KIND,
    CONTROLLER_COMPLAINT_KIND,
    ERASURE_GROUNDS,
    FOLLOW_UP_KINDS,
    LETTER_KINDS,
    LETTER_RIGHTS,
    letter_kind,
)
from rights.errors import InputError
from rights.letters.law_facts import LetterFacts

__all__ = [
    "LANG_CODE",
    "Agent",
    "Enclosure",
    "Letter",
    "LetterContext",
    "Previous",
    "Recipient",
]


_REF = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,23}$")
LANG_CODE = re.compile(r"^[a-z]{2}$")


def _one_line(value: str, field: str) -> str:
    if "\r" in value or "\n" in value:
        raise ValueError(f"{field}: line breaks are not allowed")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Recipient(_Model):
    """Who the letter goes to: a company, or a regulator for a complaint."""

    name: str = Field(min_length=1)
    address_lines: list[str] = Field(default_factory=list)
    email: str | None = None

    @field_validator("name", "email")
    @classmethod
    def _no_breaks(cls, value: str | None) -> str | None:
        return None if value is None else _one_line(value, "recipient")

    @field_validator("address_lines")
    @classmethod
    def _lines(cls, value: list[str]) -> list[str]:
        return [_one_line(v, "recipient address line") for v in value]


class Enclosure(_Model):
    """A file that goes with a letter: attached to its email, appended to its PDF (the
    client's signed authorisation on an agent's letter)."""

    filename: str = Field(min_length=1)
    mime_type: Literal["application/pdf", "image/png", "image/jpeg"]
    data: bytes = Field(min_length=1, repr=False)

    @field_validator("filename")
    @classmethod
    def _name(cls, value: str) -> str:
        if "/" in value or "\\" in value:
            raise ValueError("an enclosure's file name has no folder")
        return _one_line(value, "enclosure")


class Agent(_Model):
    """An authorized agent writing for a client, and the rule that lets them.

    On an agent's letter the agent is the sender: the letter head, the return line, the
    signature, ``From:`` and ``Reply-To:`` are the agent's (name, address, email, phone).
    ``authorization``: the client's signed authorisation, enclosed with every letter;
    ``enclosed`` says so to the templates (without it, the letter says it is to follow)."""

    name: str = Field(min_length=1)
    client_name: str = Field(min_length=1)
    rule: str = Field(min_length=1, description="citation of the agent rule, e.g. 11 CCR §7063")
    address_lines: list[str] = Field(default_factory=list)
    email: str | None = None
    phone: str | None = None
    enclosed: bool = False
    authorization: Enclosure | None = Field(default=None, exclude=True)

    @field_validator("name", "client_name", "rule", "email", "phone")
    @classmethod
    def _no_breaks(cls, value: str | None) -> str | None:
        return None if value is None else _one_line(value, "agent")

    @field_validator("address_lines")
    @classmethod
    def _lines(cls, value: list[str]) -> list[str]:
        return [_one_line(v, "agent address line") for v in value]

    @model_validator(mode="after")
    def _enclosed(self) -> Agent:
        if self.enclosed and self.authorization is None:
            raise ValueError("agent: `enclosed` needs the signed authorisation")
        return self

    def card(self) -> dict[str, str | list[str]]:
        """The agent as a letter's sender block: name, address lines, email, phone."""
        card: dict[str, str | list[str]] = {"name": self.name}
        if self.address_lines:
            card["address"] = list(self.address_lines)
        if self.email:
            card["email"] = self.email
        if self.phone:
            card["phone"] = self.phone
        return card


class Previous(_Model):
    """The earlier request a reminder or complaint is about."""

    ref: str
    right: str
    sent: dt.date
    due: dt.date
    company: str = Field(min_length=1)
    outcome: Literal["late", "partial", "refused"] = Field(
        default="late",
        description="why a complaint is made: no full answer in time, a partial one, a refusal",
    )

    @field_validator("right")
    @classmethod
    def _right(cls, value: str) -> str:
        try:
            right = letter_kind(value)
        except InputError:
            right = ""
        if right not in LETTER_RIGHTS:
            raise ValueError(f"previous right must be one of {', '.join(LETTER_RIGHTS)}")
        return right


class LetterContext(_Model):
    """Everything a letter template may use. See docs/letters.md for the variables."""

    ref: str
    right: str = Field(description="the letter kind: a right, reminder, complaint or answer")
    family: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="the template family: a folder of templates/ with a family.json",
    )
    law_id: str = Field(min_length=1, description="e.g. gdpr, uk-gdpr, ch-fadp, ccpa, qc-law25")
    law_name: str = Field(min_length=1)
    lang: str
    citations: dict[str, str]
    due: dt.date
    today: dt.date
    sender: dict[str, str | list[str]]
    recipient: Recipient
    agent: Agent | None = None
    previous: Previous | None = None
    details: str = ""
    answer: str = Field(
        default="", description="for an answer letter: the brush-off id, e.g. id-copy"
    )
    ground: str = Field(
        default="",
        description="for an erasure letter: the ground it names (GDPR Art. 17(1) point a-f)",
    )
    with_objection: bool = Field(
        default=False,
        description="an erasure letter that also objects to legitimate-interest processing",
    )
    discharged_debt: bool = Field(
        default=False,
        description="an erasure letter to a credit agency about a discharge of remaining debts "
        "kept longer than the public insolvency register keeps it (citations: insolvency-case)",
    )
    free_annual: bool = Field(
        default=False,
        description="an FCRA file disclosure: ask for the free annual disclosure (§1681j(a))",
    )
    adverse_action: dt.date | None = Field(
        default=None,
        description="an FCRA file disclosure: the date of the adverse-action notice that makes "
        "it free when asked within 60 days (§1681j(b))",
    )
    with_score: bool = Field(
        default=False,
        description="an FCRA file disclosure: also ask for the score and its key factors "
        "(§1681g(f), for a fee)",
    )
    facts: LetterFacts = Field(
        default_factory=LetterFacts,
        description="the law file's facts that shape the wording; from the law when not given",
    )

    @model_validator(mode="before")
    @classmethod
    def _law_facts(cls, data: Any) -> Any:
        """Without ``facts``, take them from the law file of ``law_id`` for the letter's right
        (a reminder's, complaint's or answer's: the earlier request's)."""
        if not isinstance(data, dict) or "facts" in data:
            return data
        from rights.letters.law_facts import letter_facts_for

        previous = data.get("previous")
        right = data.get("right", "")
        if isinstance(previous, Previous):
            right = previous.right
        elif isinstance(previous, dict):
            right = previous.get("right", right)
        try:
            facts = letter_facts_for(
                str(data["law_id"]), str(right), str(data["lang"]), data["today"]
            )
        except (KeyError, TypeError, ValueError):
            return data
        return {**data, "facts": facts}

    @model_validator(mode="before")
    @classmethod
    def _native(cls, data: Any) -> Any:
        """The law's name, its citations and the agent rule in the letter's language
        (``rights.letters.native``): a law file holds them in English."""
        from rights.letters.native import localise

        return localise(data) if isinstance(data, dict) else data

    @field_validator("right")
    @classmethod
    def _kind(cls, value: str) -> str:
        kinds = (*LETTER_KINDS, ANSWER_KIND, CONTROLLER_COMPLAINT_KIND)
        if value not in kinds:
            raise ValueError(f"right must be one of {', '.join(kinds)}")
        return value

    @field_validator("ground")
    @classmethod
    def _ground(cls, value: str) -> str:
        if value and value not in ERASURE_GROUNDS:
            raise ValueError(f"ground must be one of {', '.join(ERASURE_GROUNDS)}")
        return value

    @field_validator("ref")
    @classmethod
    def _ref(cls, value: str) -> str:
        if not _REF.match(value):
            raise ValueError("a reference code is 3-24 capitals, digits and dashes, like R-7K3M")
        return value

    @field_validator("lang")
    @classmethod
    def _lang(cls, value: str) -> str:
        if not LANG_CODE.match(value):
            raise ValueError("a language is a two-letter lower-case code, like en or de")
        return value

    @field_validator("law_id", "law_name")
    @classmethod
    def _no_breaks(cls, value: str) -> str:
        return _one_line(value, "law")

    @field_validator("citations")
    @classmethod
    def _citations(cls, value: dict[str, str]) -> dict[str, str]:
        for key, text in value.items():
            _one_line(text, f"citation {key}")
        return value

    def letter_from(self) -> dict[str, str | list[str]]:
        """Who the letter is from (letter head, return line, signature, ``From:``): the
        person, or on an agent's letter the agent (``sender`` stays the client's details
        the letter discloses)."""
        from rights.letters.disclosure import letter_from

        return letter_from(self.sender, self.agent)

    def enclosures(self) -> tuple[Enclosure, ...]:
        """The files that go with the letter (an agent's signed authorisation)."""
        found = self.agent.authorization if self.agent and self.agent.enclosed else None
        return (found,) if found is not None else ()

    @model_validator(mode="after")
    def _coherent(self) -> LetterContext:
        if not self.sender.get("name"):
            raise ValueError("sender: the name is always disclosed (see disclosed_identity)")
        if self.right in FOLLOW_UP_KINDS and self.previous is None:
            raise ValueError(f"a {self.right} letter needs `previous` (the earlier request)")
        if self.right == "answer" and not self.answer:
            raise ValueError("an answer letter needs `answer` (the brush-off it answers)")
        if self.right == "correction" and not self.details.strip():
            raise ValueError("a correction letter needs `details`: what is wrong, what is right")
        if self.discharged_debt and self.right != "deletion":
            raise ValueError("discharged_debt is for erasure letters")
        asked = self.free_annual or self.with_score or self.adverse_action is not None
        if asked and self.right != "access":
            raise ValueError("free_annual, adverse_action and with_score are for access letters")
        if self.adverse_action is not None and self.adverse_action > self.today:
            raise ValueError("adverse_action: the notice's date is after the letter's date")
        return self


@dataclass(frozen=True)
class Letter:
    """A rendered letter, ready for a delivery channel."""

    subject: str
    body: str
    lang: str
    ref: str
    right: str
    family: str
    template: str
    recipient: Recipient
    sender: dict[str, str | list[str]]
    enclosures: tuple[Enclosure, ...] = ()
    reply_to: str | None = None  # an agent's letter: replies go to the agent

    @property
    def sender_name(self) -> str:
        """The name that signs the letter (the person, or the agent for a client)."""
        name = self.sender.get("name", "")
        return name if isinstance(name, str) else " ".join(name)

    @property
    def text(self) -> str:
        """Subject and body as one plain text."""
        return f"{self.subject}\n\n{self.body}"
