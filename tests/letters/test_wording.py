"""Wording of the non-English letters as a lawyer of that country writes them (issue 11,
"Letters: legal content", last bullet: every non-English template re-read line by line
against the English one). Each case: a phrase the letter now uses and the one it replaced,
with the reason (the statute's own words where it has them)."""

from __future__ import annotations

import pytest

from rights.letters.render import render

LAW = {"gdpr": "gdpr", "pipeda": "pipeda", "lgpd": "lgpd", "us-state": "ccpa"}

WORDING = [
    # DSGVO Art. 15(1) (German text): "ob sie betreffende personenbezogene Daten verarbeitet werden"
    (
        "gdpr",
        "de",
        "access",
        "ob Sie mich betreffende personenbezogene Daten verarbeiten",
        "personenbezogene Daten über mich verarbeiten",
    ),
    # A refusal "in whole or in part" is how German, French, Dutch and Spanish letters put it.
    (
        "gdpr",
        "de",
        "access",
        "ganz oder teilweise nicht nachkommen",
        "nennen Sie mir bitte den Teil",
    ),
    ("gdpr", "fr", "access", "ne pas donner suite à tout ou partie", "précisez laquelle"),
    ("gdpr", "nl", "access", "geheel of gedeeltelijk weigert", "welk deel en waarom"),
    ("gdpr", "es", "access", "total o parcialmente", "indíquenme cuál y por qué"),
    # Formal requests: "Je vous prie de bien vouloir", "Ik verzoek u", not "Merci de", "Ik ontvang graag".
    ("gdpr", "fr", "access", "Je vous prie de bien vouloir me communiquer", "Merci de"),
    ("gdpr", "nl", "access", "Ik verzoek u mij het volgende te verstrekken", "Ik ontvang graag"),
    # AVG Art. 16: "rectificatie"; DSGVO Art. 20(2): "einem anderen Verantwortlichen".
    ("gdpr", "nl", "correction", "te rectificeren", "te corrigeren"),
    ("gdpr", "de", "portability", "an folgenden Verantwortlichen", "an folgende Stelle"),
    # Italian: "consentirmi l'accesso" (not "darmene accesso"); no "fornirmi ... vi ho fornito".
    ("gdpr", "it", "access", "di consentirmi l'accesso agli stessi", "darmene accesso"),
    ("gdpr", "it", "portability", "vi chiedo di trasmettermi", "vi chiedo di fornirmi"),
    # German complaints: "reiche ich hiermit Beschwerde ... ein"; a reminder names the
    # competent authority (the FDPIC takes an Anzeige, not a Beschwerde: FADP Art. 49).
    (
        "gdpr",
        "de",
        "complaint",
        "reiche ich hiermit Beschwerde gegen",
        "reiche ich eine Beschwerde",
    ),
    (
        "gdpr",
        "de",
        "reminder",
        "an die zuständige Aufsichtsbehörde wenden",
        "bei der Aufsichtsbehörde beschweren",
    ),
    # Agents: "Ich vertrete ...", "in Vollmacht"; the French mandate "ci-joint".
    ("gdpr", "de", "access", "Ich vertrete Jiří Dvořák", "bevollmächtigte Vertretung von"),
    (
        "gdpr",
        "fr",
        "access",
        "Vous trouverez ci-joint le mandat signé",
        "Le mandat signé est joint",
    ),
    (
        "us-state",
        "es",
        "deletion",
        "Les ruego que me confirmen por escrito",
        "Confírmenme por escrito",
    ),
    # Brazilian Portuguese quotes.
    ("lgpd", "pt", "access", "“eu”, “me” e “meus”", '"eu", "me" e "meus"'),
]


def _letter(family: str, lang: str, kind: str) -> str:
    from tests.letters.test_no_english import _context

    return render(_context(family, lang, kind, LAW[family])).text


@pytest.mark.parametrize(("family", "lang", "kind", "now", "before"), WORDING)
def test_wording(family, lang, kind, now, before):
    text = _letter(family, lang, kind)
    assert now in text
    assert before not in text
