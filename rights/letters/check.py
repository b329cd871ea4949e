"""Check letter templates as ``rights letters check`` does: render each template, for every
law whose family it belongs to, with sample data, and report missing variables and errors.

Only the templates the user's ``<RIGHTS_HOME>/templates`` touches are checked (a family and
language folder there: all its kinds; a shared file such as ``_layout.j2`` or ``_lang/``:
everything), or every template with ``everything=True``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.errors import DataFileError, InputError

if TYPE_CHECKING:
    from rights.law.model import Law
    from rights.letters.context import LetterContext

SAMPLE_REF = "R-CHECK"


@dataclass(frozen=True)
class Checked:
    """One template rendered for one law: ``problem`` is None when it rendered."""

    template: str
    law: str
    problem: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {"template": self.template, "law": self.law, "problem": self.problem}


def check_templates(
    laws: list[Law], home: Path, today: dt.date, *, everything: bool = False
) -> list[Checked]:
    """Render the templates in question for every law they serve; one result per render."""
    from rights.core.vocabulary import ANSWER_KIND, LETTER_KINDS
    from rights.letters import families
    from rights.letters.render import languages

    results: list[Checked] = []
    for family in families.family_ids(home):
        served = [law for law in laws if law.letters.family == family]
        for lang in languages(family, home=home):
            if not (everything or _touched(home, family, lang)):
                continue
            for kind in (*LETTER_KINDS, ANSWER_KIND):
                if lang not in languages(family, kind, home=home):
                    continue
                for law in served:
                    for ctx in _contexts(law, family, lang, kind, today):
                        results.append(_render(ctx, home))
    return results


def _touched(home: Path, family: str, lang: str) -> bool:
    """True when the user's templates folder changes this family's letters in ``lang``."""
    user = home / "templates"
    if not user.is_dir():
        return False
    shared = any(user.glob("*.j2")) or any((user / "_lang").glob("*"))
    return shared or any((user / family / lang).glob("*.j2"))


def _contexts(law: Law, family: str, lang: str, kind: str, today: dt.date) -> list[LetterContext]:
    """The sample contexts of one kind under one law (none for a right it does not grant)."""
    from rights.core.vocabulary import LETTER_RIGHTS, letter_kind

    granted = {letter_kind(r): r for r in law.rights}
    if kind in LETTER_RIGHTS:
        if kind not in granted:
            return []
        return [
            _context(law, family, lang, kind, today, **extra) for extra in _asks(law, kind, today)
        ]
    return [_context(law, family, lang, kind, today, previous=next(iter(granted)))]


def _asks(law: Law, kind: str, today: dt.date) -> list[dict[str, Any]]:
    """The variants of a letter: as it is, and an access letter with each FCRA disclosure
    flag its law cites (``free-annual``, ``adverse-action``, ``score``)."""
    variants: list[dict[str, Any]] = [{}]
    if kind != "access":
        return variants
    cites = law.letter_citations
    if "free-annual" in cites:
        variants.append({"free_annual": True})
    if "adverse-action" in cites:
        variants.append({"adverse_action": today - dt.timedelta(days=10)})
    if "score" in cites:
        variants.append({"with_score": True})
    return variants


def _context(
    law: Law,
    family: str,
    lang: str,
    kind: str,
    today: dt.date,
    previous: str | None = None,
    **extra: Any,
) -> LetterContext:
    from rights.core.vocabulary import letter_kind
    from rights.letters.context import LetterContext, Previous, Recipient

    citations = {letter_kind(r): right.citation for r, right in law.rights.items()}
    citations.update(law.letter_citations)
    citations.setdefault("complaint", law.citation)  # as complaints cite a law without one
    earlier = None
    if previous is not None:
        sent = today - dt.timedelta(days=60)
        earlier = Previous(
            ref="R-EARLIER",
            right=previous,
            sent=sent,
            due=sent + dt.timedelta(days=30),
            company="Sample Company Ltd",
        )
    return LetterContext(
        ref=SAMPLE_REF,
        right=kind,
        family=family,
        law_id=law.id,
        law_name=law.name,
        lang=lang,
        citations=citations,
        due=today + dt.timedelta(days=30),
        today=today,
        sender={
            "name": "Sample Person",
            "email": "person@example.org",
            "address": ["1 Sample Street", "Sample Town"],
        },
        recipient=Recipient(
            name="Sample Company Ltd", address_lines=["2 Sample Road"], email="privacy@example.com"
        ),
        previous=earlier,
        details="Sample details: what is wrong and what is right.",
        answer="web-form" if kind == "answer" else "",
        **extra,
    )


def _render(ctx: LetterContext, home: Path) -> Checked:
    from rights.letters.render import render

    name = f"{ctx.family}/{ctx.lang}/{ctx.right}.j2"
    try:
        render(ctx, home=home)
    except (InputError, DataFileError) as exc:
        return Checked(name, ctx.law_id, exc.message)
    return Checked(name, ctx.law_id, None)
