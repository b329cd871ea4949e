"""What each URL of a record is: a request form, an opt-out form, a self-service tool, a
policy page or a home page — decided by rule from the URL itself.

The data sets file every broker URL as an "opt-out" URL and every Datenanfragen form as a
"webform", but many are something else: a privacy policy (277 of the 624 opt-out URLs of
the 2025 directory), a home page, or a self-service tool (Google Takeout). A policy page is
never offered as a form: it moves to ``policy_url``. The rule looks at the URL's path (the
final URL after redirects, as The Markup recorded it, is what the importer keeps):

- **policy**: the last path segment (extension dropped) names a policy or notice and no
  segment names an action — ``/privacy``, ``/privacy-policy``, ``/legal/privacy``,
  ``/privacy-notice``, ``/policies``, ``/datenschutz``, ``/ccpa-privacy-policy``...
- **home**: no path at all (``https://example.com/``);
- **form**: anything else (``/opt-out``, ``/do-not-sell``, ``/privacy-request``, OneTrust
  portals...), and any URL whose path names an action (opt-out, request, form, remove...).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Literal
from urllib.parse import urlsplit

UrlKind = Literal["policy", "home", "form"]

# path words that make a page something to act on, not something to read
_ACTION_WORDS = frozenset(
    {"opt", "optout", "out", "donotsell", "sell", "request", "requests", "form", "formular",
     "dsar", "dsr", "remove", "removal", "delete", "deletion", "choice", "choices",
     "options", "portal", "center", "centre", "unsubscribe", "suppress", "suppression",
     "contact", "kontakt", "manage", "preferences", "consent", "submit", "ticket",
     "inquiry", "anfrage", "auskunft", "report", "support", "help", "service", "claim",
     "access", "rights", "upload", "webform", "dsarwebform", "privacyrequest",
     "privacyrequestform", "login", "authentication", "app", "ownyourdata", "forms"}
)  # fmt: skip
# words of a last path segment that name a policy or notice
_POLICY_WORDS = frozenset(
    {"policy", "policies", "notice", "statement", "privacypolicy", "privacystatement",
     "datenschutzerklaerung", "datenschutzhinweise", "disclosures"}
)  # fmt: skip
# a last path segment that is a policy on its own (or ends in ``privacy``)
_POLICY_ENDINGS = frozenset({"privacy", "legal", "datenschutz"})
_SPLIT = re.compile(r"[^a-z0-9]+")
# self-service tools filed as request forms: host -> the field they belong in
TOOL_HOSTS = {"takeout.google.com": "download_url"}
FORM_FIELDS = ("opt_out_url", "webform")


def kind_of(url: str) -> UrlKind:
    """The kind of page ``url`` is, by the rule in the module docstring."""
    from rights.companies.names import host_of, registered_domain

    parts = urlsplit(url)
    segments = [s for s in parts.path.lower().split("/") if s]
    tokens = {t for s in segments for t in _SPLIT.split(s) if t}
    tokens |= {t for t in _SPLIT.split(parts.query.lower()) if t}
    tokens |= set(_SPLIT.split((parts.hostname or "").split(".")[0]))
    if (
        tokens & _ACTION_WORDS
        or any("formular" in t for t in tokens)
        or {"form", "formular"} & set(_SPLIT.split(parts.fragment.lower()))
    ):
        return "form"
    if not segments:
        own_host = host_of(url) == registered_domain(url)
        return "home" if own_host and not parts.query else "form"
    last = re.sub(r"\.(?:html?|php|aspx?|pdf|page|mi)$", "", segments[-1])
    words = [w for w in _SPLIT.split(last) if w]
    if _POLICY_WORDS & set(words) or last in _POLICY_ENDINGS or words[-1:] == ["privacy"]:
        return "policy"
    return "form"


def classify(record: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Move the record's misfiled URLs to the field they belong in, in place.

    Returns ``(field, new field or "", url)`` for each move; a URL whose new field is
    already set stays in the ``other`` map of the source that gave it (new field "").
    """
    moves: list[tuple[str, str, str]] = []
    for field in FORM_FIELDS:
        url = record.get(field)
        if not url:
            continue
        host = (urlsplit(url).hostname or "").lower()
        target = TOOL_HOSTS.get(host)
        kind = kind_of(url)
        if target is None and kind == "policy":
            target = "policy_url"
        elif target is None and kind == "home":
            target = "web"
        if target is None:
            continue
        del record[field]
        same = record.get(target) is not None and _same_page(record[target], url)
        keep = record.get(target) is None
        if keep:
            record[target] = url
        _move_source_field(record, field, target if keep or same else "", url)
        moves.append((field, target if keep or same else "", url))
    if record.get("channel") == "webform" and not any(record.get(f) for f in FORM_FIELDS):
        record.pop("channel")
    return moves


def _same_page(a: str, b: str) -> bool:
    return a.rstrip("/").lower().split("://")[-1] == b.rstrip("/").lower().split("://")[-1]


def _move_source_field(record: dict[str, Any], field: str, target: str, url: str) -> None:
    """The source that listed ``field`` now lists ``target`` (or keeps the URL in ``other``)."""
    for source in record.get("sources", []):
        fields = source.get("fields", [])
        if field in fields:
            source["fields"] = [f for f in fields if f != field]
            if target and target not in source["fields"]:
                source["fields"].append(target)
            elif not target:
                source.setdefault("other", {})[f"{field}_was"] = url
            return


def classify_all(records: list[dict[str, Any]], notes: list[str]) -> Counter[str]:
    """Classify every record's form URLs; counts by ``field->target`` (noted once)."""
    counts: Counter[str] = Counter()
    for record in records:
        for field, target, _url in classify(record):
            counts[f"{field}->{target or 'other'}"] += 1
    for key, count in sorted(counts.items()):
        notes.append(f"url kinds: {count} {key}")
    return counts
