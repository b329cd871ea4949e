"""The complaint's summary and its annex (the case file) in the letter's language: the
company and its postal address, the dates, timeline, letters, replies and files with their
SHA-256. The words come from templates/_lang/<lang>.json (``annex``, ``case_words``)."""

from __future__ import annotations

from typing import Any

COMPANY_LABEL = "Company and postal address"
"""The summary's company label where a language file has none (``annex.company``)."""


def _labels(lang: str) -> dict[str, str]:
    from rights.letters.families import annex_labels

    return annex_labels(lang)


def _case_words(lang: str) -> dict[str, str]:
    """Case states, event and letter kinds in ``lang`` (its ``case_words``; else English)."""
    from rights.letters.families import load_language

    words = load_language(lang)
    return dict(words.case_words) if words is not None else {}


def summary(ev: dict[str, Any], lang: str, company: str = "") -> str:
    """A few lines for the body of the complaint: the company and its postal address (from
    its record: the regulator must know whom to contact), then the dates that matter."""
    words = _labels(lang)
    said = _case_words(lang)
    lines = [words["summary"].format(ref=ev["ref"]) + ":"]
    if company:
        lines.append(f"- {words.get('company') or COMPANY_LABEL}: {company}")
    lines.append(f"- {words['sent']}: {ev['sent'] or '-'}")
    lines.append(f"- {words['due']}: {ev['due'] or '-'}")
    if ev["days_late"]:
        lines.append(f"- {words['late']}: {ev['days_late']}")
    lines.append(f"- {words['status']}: {said.get(ev['status'], ev['status'])}")
    return "\n".join(lines)


def annex(ev: dict[str, Any], lang: str) -> str:
    """The case file appended to a complaint, in ``lang``: timeline, letters, replies, files."""
    words = _labels(lang)
    said = _case_words(lang)
    out = [words["annex"], "", f"{words['timeline']}:"]
    files: list[dict[str, Any]] = []
    for item in ev["timeline"]:
        note = f"  {item['note']}" if item["note"] else ""
        out.append(f"{item['date']}  {said.get(item['kind'], item['kind'])}{note}")
        for att in item["attachments"]:
            out.append(f"    {words['attachment']} #{att['n']}: {att['name']}")
            files.append(att)
    files.extend(ev["unlinked_attachments"])
    out += ["", f"{words['replies']}:"]
    for item in ev["replies"]:
        names = ", ".join(f"#{a['n']} {a['name']}" for a in item["attachments"])
        note = f"  {item['note']}" if item["note"] else ""
        kind = said.get(item["kind"], item["kind"])
        out.append(f"- {item['date']} {kind}{note}" + (f" ({names})" if names else ""))
    if not ev["replies"]:
        out.append(f"- {words['none']}")
    if files:
        out += ["", f"{words['files']}:"]
        for att in files:
            out.append(f"- #{att['n']} {att['name']} ({att['size']} B) sha256 {att['sha256']}")
    out += ["", f"{words['letters']}:"]
    for number, letter in enumerate(ev["letters"], 1):
        kind = said.get(letter["kind"], letter["kind"])
        out += ["", f"({number}) {letter['date'] or '-'} {kind}: {letter['subject']}"]
        out += ["", letter["body"].rstrip()]
    return "\n".join(out) + "\n"
