"""The channel of a letter that follows a request (reminder, answer, complaint to the company)
when the user gave no ``--via``: one that works with the options given, or a clear question.

In order: the case's own channel if it can carry the letter (not a self-service tool, the
contact still on record and not bounced), else the company record's email, else a letter to
its postal address. A channel works when it yields something: email only with ``--send`` (or
as an .eml with ``--out``), files only with ``--out``; a web form, a mailto link or text
always. When none works, ``no_channel`` names the options.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rights.core.vocabulary import CHANNELS, FILE_ONLY_CHANNELS
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.actions.plan import Send
    from rights.core.case import Case
    from rights.core.company import Company


def candidates(company: Company, case: Case, suspect: Sequence[str]) -> list[str]:
    """The channels that could carry a letter on ``case``, best first."""
    from rights.delivery import routing

    usable = [v for v in routing.channels_of(company)
              if v != "text" and routing.recipient_of(company, v) not in suspect]  # fmt: skip
    tools = {company.download_url, company.delete_url} - {None}
    own = case.via if case.via in CHANNELS and case.via != "text" else None
    if own == "webform" and case.recipient in tools:
        own = None  # a self-service tool takes no reminder
    found = [v for v in (own, "email", "pdf") if v and v in usable]
    return list(dict.fromkeys(found))


def usable_as(via: str, opts: Send) -> str | None:
    """``via`` as it can go with ``opts`` (an email without ``--send`` but with ``--out``
    becomes its .eml file), or None when it would yield nothing."""
    if opts.preview:
        return via
    if via == "email":
        return "email" if opts.send else ("eml" if opts.out_dir is not None else None)
    if via in FILE_ONLY_CHANNELS and opts.out_dir is None:
        return None
    return via


def pick(company: Company, case: Case, opts: Send, suspect: Sequence[str]) -> str | None:
    """The first candidate that works with ``opts``; else the first candidate (the caller
    refuses it with ``no_channel``); None when the company has no contact."""
    found = candidates(company, case, suspect)
    for via in found:
        chosen = usable_as(via, opts)
        if chosen is not None:
            return chosen
    return found[0] if found else None


def no_channel(company: Company, case: Case, kind: str, suspect: Sequence[str]) -> InputError:
    """The error when no channel works without more options, naming each that would."""
    from rights.delivery import routing

    options = []
    for via in candidates(company, case, suspect):
        contact = routing.recipient_of(company, via)
        if via == "email":
            options.append(f"add --send to email it to {contact} (or --via eml --out DIR)")
        elif via == "pdf":
            options.append(f"--via pdf --out DIR for a letter to {contact}")
        else:
            options.append(f"--via {via}" + (" --out DIR" if via in FILE_ONLY_CHANNELS else ""))
    options.append("--via text to print it")
    return InputError(
        f"{case.ref}: say how the {kind} should go to {company.name}",
        hint="; ".join(options),
    )
