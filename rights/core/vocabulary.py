"""The words every part of rights shares, defined once: rights, letter kinds, channels and
case states (and their groups). Everything else imports them from here; a test checks that
no other module writes one of these lists again.

Pure and cheap: no imports beyond the standard library and ``rights.errors``.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal, get_args

from rights.errors import InputError

# --- rights ---------------------------------------------------------------------------------

Right = Literal[
    "access",
    "correction",
    "deletion",
    "portability",
    "opt-out",
    "objection",
    "limit",
    "withdraw-consent",
    "explain",
    "contest",
]
"""A right as the law files name it. ``opt-out`` is the US opt-out of sale/sharing (and
targeted advertising, profiling where a law gives it); ``objection`` the GDPR-style right to
object; ``limit`` the US limit on sensitive data and the GDPR/LGPD restriction or blocking;
``explain`` how a score or automated decision about the person was made (GDPR Art. 15(1)(h),
FCRA §1681g(f)); ``contest`` human intervention in, or review of, such a decision (GDPR
Art. 22(3))."""

RIGHTS: tuple[str, ...] = get_args(Right)

RIGHT_ALIASES: dict[str, str] = {
    "know": "access",
    "rectification": "correction",
    "correct": "correction",
    "erasure": "deletion",
    "delete": "deletion",
    "opt-out-sale": "opt-out",
    "object": "objection",
    "restriction": "limit",
    "limit-sensitive": "limit",
    "withdraw": "withdraw-consent",
    "consent": "withdraw-consent",
    "explanation": "explain",
    "logic": "explain",
    "human-review": "contest",
    "dispute-decision": "contest",
}
"""Other words people use for a right; every command accepts them."""

EQUIVALENT_RIGHTS: dict[str, str] = {"opt-out": "objection", "objection": "opt-out"}
"""Rights that stand in for each other when a law names them differently (a US opt-out
request under a GDPR-style law is an objection, and the other way round)."""

# --- letters --------------------------------------------------------------------------------

LETTER_OF_RIGHT: dict[str, str] = {"opt-out": "objection"}
"""Rights served by another right's letter templates (the objection letters carry the US
opt-out of sale/sharing)."""

LETTER_RIGHTS: tuple[str, ...] = tuple(r for r in RIGHTS if r not in LETTER_OF_RIGHT)
"""The rights a letter template exercises."""

LETTER_KINDS: tuple[str, ...] = (*LETTER_RIGHTS, "reminder", "complaint")
"""Every kind of letter every family has: a right, a reminder to a late company, a
complaint to a regulator."""

ANSWER_KIND = "answer"
"""A short answer to a company's brush-off (``rights reply``). Not in ``LETTER_KINDS``: only
some families and languages have it."""

CONTROLLER_COMPLAINT_KIND = "controller-complaint"
"""A complaint to the company itself before the regulator, where the law asks for one first
(UK: DPA 2018 s.164A; the law file's ``letter_citations`` names it). Not in
``LETTER_KINDS``: only the laws that have such a step, and their languages, have it."""

FOLLOW_UP_KINDS: tuple[str, ...] = ("reminder", "complaint", ANSWER_KIND, CONTROLLER_COMPLAINT_KIND)
"""Letter kinds about an earlier request: they need it (``previous``) to be written."""

ERASURE_GROUNDS: tuple[str, ...] = ("a", "b", "c", "d", "e", "f")
"""The erasure grounds a letter may name, as the points of GDPR Art. 17(1): (a) no longer
necessary, (b) consent withdrawn, (c) objection, (d) unlawful processing, (e) a legal
obligation to erase, (f) a child's information-society data. A law offers those its file
cites (``letter_citations``: ``erasure-a`` ...)."""

# --- channels -------------------------------------------------------------------------------

Channel = Literal["email", "eml", "mailto", "pdf", "webform", "text"]
"""How a letter reaches the company: SMTP email, an .eml file, a mailto link, a PDF to post,
the company's web form (text to paste + URL), plain text."""

CHANNELS: tuple[str, ...] = get_args(Channel)

FILE_CHANNELS: tuple[str, ...] = ("eml", "pdf", "text")
"""Channels that write a file (into ``--out``)."""

FILE_ONLY_CHANNELS: tuple[str, ...] = tuple(c for c in FILE_CHANNELS if c != "text")
"""Channels that yield nothing but a file, so need ``--out`` (text is printed without it)."""

POSTAL_CHANNELS: tuple[str, ...] = ("pdf",)
"""Channels whose letter goes by post: the clock starts on delivery, not on sending."""

CONTACT_NEEDED: dict[str, str | None] = {
    "email": "email",
    "eml": "email",
    "mailto": "email",
    "pdf": "address",
    "webform": "webform",
    "text": None,
}
"""The contact detail a recipient must have for each channel (text needs none)."""

CHANNEL_ALIASES: dict[str, str] = {"letter": "pdf", "post": "pdf", "web": "webform"}
"""Other words for a channel, as people (and older exports) write them."""

ContactChannel = Literal["email", "letter", "webform", "fax"]
"""A company's preferred contact channel as its directory record names it."""

CONTACT_CHANNELS: tuple[str, ...] = get_args(ContactChannel)

CHANNEL_FOR_CONTACT: dict[str, str] = {"email": "email", "webform": "webform", "letter": "pdf",
                                       "fax": "pdf"}  # fmt: skip
"""A company's preferred contact channel -> the channel a letter to it goes by."""

# --- case states ----------------------------------------------------------------------------

State = Literal[
    "draft",
    "sent",
    "acknowledged",
    "extended",
    "fulfilled",
    "partial",
    "refused",
    "needs-info",
    "escalated",
    "closed",
    "abandoned",
]
"""Where a case stands. ``overdue`` is derived from the due date, never a state."""

STATES: tuple[str, ...] = get_args(State)

OWED_STATES: tuple[str, ...] = (
    "sent",
    "acknowledged",
    "extended",
    "partial",
    "needs-info",
    "escalated",
)
"""The company still owes an answer: a case can be overdue only in these."""

AWAITING_STATES: tuple[str, ...] = tuple(s for s in OWED_STATES if s != "escalated")
"""Waiting on the company itself (not on a regulator): a reminder may be due."""

UNANSWERED_STATES: tuple[str, ...] = tuple(s for s in AWAITING_STATES if s != "partial")
"""Sent, and the company has not answered the substance yet."""

ANSWERABLE_STATES: tuple[str, ...] = (*OWED_STATES, "refused")
"""States in which the user may answer the company (a brush-off, a refusal)."""

ENDED_STATES: tuple[str, ...] = ("closed", "abandoned")
"""The case is over."""


RIGHT_WISHES: dict[str, str] = {
    "access": "tell you what personal data it holds about you and give you a copy",
    "correction": "correct the personal data it holds about you",
    "deletion": "delete the personal data it holds about you",
    "portability": "give you your data in a portable format",
    "opt-out": "stop selling or sharing your personal data",
    "objection": "stop using your personal data (for direct marketing and more)",
    "limit": "limit the use of your sensitive personal data",
    "withdraw-consent": "stop the processing you had consented to",
    "explain": "explain a score or automated decision about you",
    "contest": "have a person review an automated decision about you",
}
"""What a company is asked to do under each right, in plain English (a printed booklet's
cover: "ask each company to ..."); a test keeps the keys equal to RIGHTS."""


# --- event kinds ---------------------------------------------------------------------------

EVENT_MEANINGS: dict[str, str] = {
    "sent": "you sent or posted the letter (the clock starts)",
    "delivered": "it arrived (a letter by post: the delivery day counts)",
    "acknowledged": "the company confirmed receipt",
    "extended": "the company extended its deadline (note its reason)",
    "needs-info": "the company asks for more information",
    "info-given": "you gave the information it asked for",
    "replied": "the company wrote back: read it, then log the outcome",
    "reminder": "a reminder went out (rights followup logs it)",
    "fulfilled": "the company did what you asked",
    "partial": "it answered only in part",
    "refused": "it refused",
    "bounced": "the email or letter never arrived",
    "complaint": "a complaint went to the regulator (rights escalate logs it)",
    "closed": "the case is over",
    "abandoned": "you will not pursue it",
    "reopened": "back to sent (or draft) after an ending",
    "rechecked": "you checked again that a broker has not relisted you",
    "note": "a note only; nothing changes",
}
"""One line per event kind (``rights.cases.lifecycle.TRANSITIONS`` has the same keys, a test
keeps them so), as ``rights log --help`` lists them: here, as the help must stay cheap."""


# --- normalising user input -----------------------------------------------------------------


def normalise_right(value: str) -> str:
    """A right by its id or a common alias (``erasure`` -> ``deletion``), or InputError."""
    key = value.strip().lower()
    key = RIGHT_ALIASES.get(key, key)
    if key not in RIGHTS:
        raise InputError(f"unknown right {value!r}", hint=f"one of: {', '.join(RIGHTS)}")
    return key


def granted_right(granted: Collection[str], right: str) -> str | None:
    """The name under which a law granting ``granted`` knows ``right`` (itself or its
    equivalent), or None when the law does not grant it. ``right`` is normalised first."""
    key = normalise_right(right)
    if key in granted:
        return key
    other = EQUIVALENT_RIGHTS.get(key)
    if other is not None and other in granted:
        return other
    return None


def letter_kind(value: str) -> str:
    """The letter kind for a right (or alias) or a letter kind, or InputError."""
    key = value.strip().lower()
    if key in LETTER_KINDS:
        return key
    if key in RIGHTS or key in RIGHT_ALIASES:
        right = normalise_right(key)
        return LETTER_OF_RIGHT.get(right, right)
    raise InputError(f"unknown right {value!r}", hint=f"one of: {', '.join(LETTER_KINDS)}")


def normalise_channel(value: str) -> str:
    """A channel by its name or an alias (``post`` -> ``pdf``), or InputError."""
    key = value.strip().lower()
    key = CHANNEL_ALIASES.get(key, key)
    if key not in CHANNELS:
        raise InputError(f"unknown channel {value!r}", hint=f"one of: {', '.join(CHANNELS)}")
    return key


def is_postal(channel: str) -> bool:
    """True when a letter sent this way goes by post (aliases understood)."""
    return CHANNEL_ALIASES.get(channel, channel) in POSTAL_CHANNELS
