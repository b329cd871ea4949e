"""Test data for letters: citations per family, a context builder. Citations here are
sample strings for tests; in the product they come from the jurisdiction files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rights.letters.context import Agent, Enclosure, LetterContext, Previous, Recipient

CITATIONS: dict[str, dict[str, str]] = {
    "gdpr": {
        "access": "Art. 15 GDPR",
        "automated": "Art. 15(1)(h) GDPR",
        "correction": "Art. 16 GDPR",
        "deletion": "Art. 17 GDPR",
        "portability": "Art. 20 GDPR",
        "objection": "Art. 21 GDPR",
        "limit": "Art. 18 GDPR",
        "withdraw-consent": "Art. 7(3) GDPR",
        "complaint": "Art. 77 GDPR",
        "explain": "Art. 15(1)(h) GDPR",
        "contest": "Art. 22(3) GDPR",
        "automated-decision": "Art. 22 GDPR",
        "restriction": "Art. 18(1)(a) GDPR",
        "explain-case": "C-203/22 (Dun & Bradstreet Austria, 27 February 2025)",
        "scoring-case": "C-634/21 (SCHUFA, 7 December 2023)",
        "insolvency-case": "C-26/22 and C-64/22",
    },
    "us-state": {
        "access": "Cal. Civ. Code §§1798.110, 1798.115",
        "correction": "Cal. Civ. Code §1798.106",
        "deletion": "Cal. Civ. Code §1798.105",
        "portability": "Cal. Civ. Code §1798.130(a)(2)(A)",
        "objection": "Cal. Civ. Code §1798.120",
        "limit": "Cal. Civ. Code §1798.121",
        "withdraw-consent": "Cal. Civ. Code §1798.120",
        "complaint": "Cal. Civ. Code §1798.199.45",
        "explain": "11 CCR §7222",
        "contest": "11 CCR §7221",
    },
    "lgpd": {
        "access": "Art. 18, I e II, e Art. 19 da LGPD",
        "automated": "Art. 20 da LGPD",
        "correction": "Art. 18, III, da LGPD",
        "deletion": "Art. 18, IV e VI, da LGPD",
        "portability": "Art. 18, V, da LGPD",
        "objection": "Art. 18, § 2º, da LGPD",
        "limit": "Art. 18, IV, da LGPD",
        "withdraw-consent": "Art. 18, IX, da LGPD",
        "complaint": "Art. 18, § 1º, da LGPD",
        "explain": "Art. 20, § 1º, da LGPD",
        "contest": "Art. 20 da LGPD",
    },
    "pipeda": {
        "access": "PIPEDA s. 8 and Principle 4.9",
        "correction": "PIPEDA Principle 4.9.5",
        "deletion": "PIPEDA Principle 4.5.3",
        "portability": "CQLR c. P-39.1, s. 27",
        "objection": "PIPEDA Principle 4.3.8",
        "limit": "PIPEDA Principle 4.3.8",
        "withdraw-consent": "PIPEDA Principle 4.3.8",
        "complaint": "PIPEDA s. 11",
        "explain": "CQLR c. P-39.1, s. 12.1",
        "contest": "CQLR c. P-39.1, s. 12.1",
    },
    "fcra": {
        "access": "15 U.S.C. §1681g(a)",
        "correction": "15 U.S.C. §1681i(a)",
        "explain": "15 U.S.C. §1681g(f)",
        "identification": "15 U.S.C. §1681h(a)(1)",
        "sources": "15 U.S.C. §1681g(a)(2)",
        "recipients": "15 U.S.C. §1681g(a)(3)",
        "free-annual": "15 U.S.C. §1681j(a)",
        "adverse-action": "15 U.S.C. §1681j(b)",
        "score": "15 U.S.C. §1681g(f)",
        "dispute-extension": "15 U.S.C. §1681i(a)(1)(B)",
        "dispute-results": "15 U.S.C. §1681i(a)(6)",
        "procedure": "15 U.S.C. §1681i(a)(7)",
        "complaint": "15 U.S.C. §1681s",
    },
}

LAW = {
    "gdpr": ("gdpr", "General Data Protection Regulation"),
    "us-state": ("ccpa", "California Consumer Privacy Act"),
    "lgpd": ("lgpd", "Lei Geral de Proteção de Dados Pessoais"),
    "pipeda": ("pipeda", "Personal Information Protection and Electronic Documents Act"),
    "fcra": ("fcra", "Fair Credit Reporting Act"),
}

SERVED: dict[str, tuple[str, ...]] = {
    "gdpr": ("en", "de", "fr", "es", "it", "nl", "pl"),
    "us-state": ("en", "es"),
    "lgpd": ("pt", "en"),
    "pipeda": ("fr", "en"),
    "fcra": ("en", "es"),
}

FCRA_KINDS: tuple[str, ...] = ("access", "correction", "explain", "reminder", "complaint")
"""The kinds the fcra family writes (its family.json ``kinds``)."""


def kinds_of(family: str) -> tuple[str, ...]:
    """The letter kinds a family writes (family.json ``kinds``; every kind by default)."""
    from rights.letters.families import family_kinds

    return family_kinds(family)


TODAY = dt.date(2026, 11, 26)
DUE = dt.date(2026, 12, 28)


def context(
    family: str = "gdpr", lang: str = "en", right: str = "access", **extra: Any
) -> LetterContext:
    """A complete, valid context; keyword arguments replace fields."""
    law_id, law_name = LAW[family]
    values: dict[str, Any] = {
        "ref": "R-7K3M",
        "right": right,
        "family": family,
        "law_id": law_id,
        "law_name": law_name,
        "lang": lang,
        "citations": CITATIONS[family],
        "due": DUE,
        "today": TODAY,
        "sender": {"name": "Zofia Łukasiewicz", "email": "zofia@example.org"},
        "recipient": Recipient(
            name="Example Data GmbH",
            address_lines=["Musterstraße 1", "10115 Berlin", "Germany"],
            email="privacy@example.com",
        ),
        "details": "My surname is misspelt: it is Łukasiewicz." if right == "correction" else "",
    }
    if right in ("reminder", "complaint"):
        values["previous"] = Previous(
            ref="R-2B9Q",
            right="access",
            sent=dt.date(2026, 10, 1),
            due=dt.date(2026, 11, 2),
            company="Example Data GmbH",
        )
    values.update(extra)
    return LetterContext(**values)


def agent(*, signed: bool = True) -> Agent:
    """A legal clinic acting for a client (``signed``: the client's signed authorisation
    is kept, so the letters enclose it)."""
    found = Enclosure(filename="authorisation.pdf", mime_type="application/pdf",
                      data=b"%PDF-1.7 signed form")  # fmt: skip
    return Agent(name="Privacy Clinic Ltd", client_name="Jiří Dvořák", rule="11 CCR §7063",
                 enclosed=signed, authorization=found if signed else None)  # fmt: skip


def company(slug: str = "acme", name: str = "Acme GmbH", **fields: Any) -> Any:
    """A company record with only the given contacts (a shipped record, emptied and renamed)."""
    from rights.companies.lookup import resolve
    from rights.paths import shipped

    (base,) = resolve(["acxiom"], None, folder=shipped("companies"), mine=[])
    blank = dict.fromkeys(
        ("email", "address", "webform", "opt_out_url", "channel", "request_language")
    )
    empty = {"countries": [], "jurisdictions": [], "required_elements": []}
    return base.model_copy(update={"slug": slug, "name": name, **blank, **empty, **fields})
