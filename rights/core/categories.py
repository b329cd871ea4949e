"""Company categories (plain constants: importing this must stay cheap)."""

from __future__ import annotations

OUR_CATEGORIES = (
    "data-broker",
    "people-search",
    "credit-agency",
    "scoring",
    "ad-tech",
    "platform",
    "social-media",
    "commerce",
    "finance",
    "telecom",
    "health",
    "insurance",
    "public-body",
)
"""Categories this project adds or renames (see DN_CATEGORIES for the Datenanfragen ones)."""

DN_CATEGORIES: dict[str, str] = {
    "addresses": "addresses",
    "ads": "ad-tech",
    "church": "church",
    "collection agency": "collection-agency",
    "commerce": "commerce",
    "credit agency": "credit-agency",
    "entertainment": "entertainment",
    "finance": "finance",
    "health": "health",
    "insurance": "insurance",
    "nonprofit": "nonprofit",
    "political party": "political-party",
    "public body": "public-body",
    "school": "school",
    "social media": "social-media",
    "telecommunication": "telecom",
    "travel": "travel",
    "utility": "utility",
}
"""Datenanfragen category -> ours (one to one, so records round-trip)."""

CATEGORIES: tuple[str, ...] = tuple(sorted(set(OUR_CATEGORIES) | set(DN_CATEGORIES.values())))

__all__ = ["CATEGORIES", "DN_CATEGORIES", "OUR_CATEGORIES"]
