"""The demo's fictional people: one per country the workshops meet, with the real companies
of the shipped directory their letters go to, and the locale that picks one by default.

The names and addresses are made up (example streets, ``example.org`` mail, a reserved
domain); the companies are real records of ``companies/`` with a postal address and an
email, so every channel the demo uses can reach them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rights.profile.identity import Changes


@dataclass(frozen=True)
class Persona:
    """A fictional person of one country, and the requests the demo writes for them."""

    key: str
    who: str  # "a fictional California resident": how the demo introduces them
    changes: Changes
    # (company slug, right, channel): the first is a letter by post, shown on screen
    requests: tuple[tuple[str, str, str], ...]


PERSONAS: dict[str, Persona] = {
    "us": Persona(
        key="us",
        who="a fictional California resident",
        changes=Changes(
            full_name="Jordan Q. Sample",
            emails=["jordan.sample@example.org"],
            addresses=["1234 Example Avenue, Sacramento, CA 95814, United States"],
            country="US",
            region="CA",
        ),
        # people-search sites and a data broker, all on California's data broker registry
        requests=(
            ("spokeo", "access", "pdf"),
            ("enformion", "deletion", "eml"),
            ("melissa", "deletion", "pdf"),
        ),
    ),
    "uk": Persona(
        key="uk",
        who="a fictional resident of England",
        changes=Changes(
            full_name="Robin Placeholder",
            emails=["robin.placeholder@example.org"],
            addresses=["1 Example Road, Manchester, M1 1AA, United Kingdom"],
            country="GB",
        ),
        # the credit reference agencies and an address broker
        requests=(
            ("experian-gb", "access", "pdf"),
            ("acxiom-gb", "deletion", "eml"),
            ("equifax-gb", "access", "pdf"),
        ),
    ),
    "de": Persona(
        key="de",
        who="a fictional Berlin resident",
        changes=Changes(
            full_name="Alex Beispiel-Müller",
            emails=["alex.demo@example.org"],
            addresses=["Musterstraße 1, 10115 Berlin, Deutschland"],
            country="DE",
            region="BE",
        ),
        # a credit agency by post, an address broker by email, a mail provider by post
        requests=(
            ("schufa", "access", "pdf"),
            ("acxiom", "deletion", "eml"),
            ("1und1-webde", "access", "pdf"),
        ),
    ),
}
DEFAULT_PERSONA = "de"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def persona_for_locale(env: Mapping[str, str]) -> str:
    """The persona a machine's locale suggests: en_US → us, en_GB → uk, de_* → de, and
    ``de`` for anything else (the first of LC_ALL, LC_MESSAGES, LANG that is set wins)."""
    value = next((env[name] for name in LOCALE_VARIABLES if env.get(name)), "")
    language = value.split(".")[0].split("@")[0].replace("-", "_").lower()
    if language == "en_us":
        return "us"
    if language == "en_gb":
        return "uk"
    return DEFAULT_PERSONA
