"""The authorisation form (issue 17 point 2): in the client's letter language (every
language the project writes), naming each company with the rule of the law that applies
to it, on the client's paper, with addresses split as the envelope window's are."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from rights.companies.index import read_company
from rights.core.identity import Identity
from rights.delivery.pdf import paper_for, render_pdf
from rights.errors import InputError
from rights.law.load import data_folder, load_laws
from rights.letters.authorization import FORM_LANGUAGES, authorization_letter, form_language
from rights.paths import shipped

TODAY = dt.date(2026, 11, 26)
AGENT = Identity(full_name="Privacy Law Clinic", emails=["clinic@example.org"],
                 addresses=["1 Campus Way, Oakland, CA 94601"])  # fmt: skip
COUNTRY_OF = {"de": "DE", "en": "IE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL",
              "pl": "PL", "pt": "PT"}  # fmt: skip
SIGN = {"de": "Unterschrift", "en": "Signature", "fr": "Signature", "es": "Firma",
        "it": "Firma", "nl": "Handtekening", "pl": "Podpis", "pt": "Assinatura"}  # fmt: skip


def text_of(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True, timeout=60)  # fmt: skip
    return done.stdout.decode()


def paper_of(pdf: bytes) -> str:
    done = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, timeout=60)
    return next(x for x in done.stdout.decode().splitlines() if x.startswith("Page size:"))


def _companies(*slugs: str):
    return [read_company(shipped("companies"), slug) for slug in slugs]


def test_every_language_the_project_writes_has_the_form():
    from rights.letters.render import languages

    written = {lang for family in ("gdpr", "us-state", "lgpd", "pipeda")
               for lang in languages(family)}  # fmt: skip
    assert written <= set(FORM_LANGUAGES)
    for lang in FORM_LANGUAGES:
        assert (shipped("templates") / "_forms" / f"authorization.{lang}.j2").is_file()


@pytest.mark.parametrize("lang", FORM_LANGUAGES)
def test_the_form_renders_in_each_language_naming_companies_and_their_rule(lang):
    client = Identity(full_name="Agnieszka Wiśniewska", emails=["a@example.org"],
                      addresses=["Rue de la Loi 16, 1000 Bruxelles"],
                      country=COUNTRY_OF[lang])  # fmt: skip
    laws = load_laws(data_folder())
    letter = authorization_letter(client, AGENT, companies=_companies("schufa", "acxiom"),
                                  laws=laws, today=TODAY)  # fmt: skip
    assert letter.lang == lang == form_language(client)
    assert "{{" not in letter.body and "{%" not in letter.body
    pdf = render_pdf(letter, paper_for(client.country), TODAY)
    text = text_of(pdf)
    for needed in ("Agnieszka Wiśniewska", "Privacy Law Clinic", "SCHUFA Holding AG",
                   "Acxiom Deutschland GmbH", SIGN[lang], "01/2022"):  # fmt: skip
        assert needed in text, (lang, needed)
    assert "7063" not in text  # a European client's companies: not California's rule
    assert "Rue de la Loi 16 · 1000 Bruxelles" in text  # the address split at its comma
    assert "(A4)" in paper_of(pdf)


def test_a_polish_client_gets_a_polish_form_citing_the_gdpr_rule_in_polish():
    client = Identity(full_name="Jan Kowalski", addresses=["ul. Długa 5, 00-001 Warszawa"],
                      country="PL")  # fmt: skip
    letter = authorization_letter(client, AGENT, companies=_companies("schufa"),
                                  laws=load_laws(data_folder()), today=TODAY)  # fmt: skip
    assert letter.lang == "pl" and letter.subject == "Pełnomocnictwo — Jan Kowalski"
    assert "wytyczne EROD 01/2022" in letter.body and "SCHUFA Holding AG" in letter.body
    assert "26 listopada 2026" in letter.body


def test_a_californian_clients_form_is_on_us_letter_and_cites_the_ccpa_rule():
    client = Identity(full_name="Dana Whitfield", addresses=["742 Evergreen Terrace, "
                      "Sacramento, CA 95814"], country="US", region="CA")  # fmt: skip
    letter = authorization_letter(client, AGENT, companies=_companies("spokeo", "schufa"),
                                  laws=load_laws(data_folder()), today=TODAY)  # fmt: skip
    assert letter.lang == "en"
    pdf = render_pdf(letter, paper_for(client.country), TODAY)
    text = text_of(pdf)
    assert "(letter)" in paper_of(pdf)  # US Letter
    assert "Spokeo" in text and "§7063" in text and "SCHUFA Holding AG" in text
    lines = letter.body.splitlines()
    spokeo = next(x for x in lines if x.startswith("- Spokeo"))
    assert "Cal. Code Regs. tit. 11, §7063" in spokeo  # the CCPA's agent rule
    schufa = next(x for x in lines if x.startswith("- SCHUFA"))
    assert "General Data Protection Regulation" in schufa and "7063" not in schufa
    assert "November 26, 2026" in letter.body


def test_without_companies_it_cites_the_laws_of_the_clients_residence():
    client = Identity(full_name="Dana Whitfield", country="US", region="CA")
    letter = authorization_letter(client, AGENT, companies=[], laws=load_laws(data_folder()),
                                  today=TODAY)  # fmt: skip
    assert "any organisation that Privacy Law Clinic names" in letter.body
    assert "§7063" in letter.body


def test_an_unknown_form_language_and_a_nameless_profile_are_refused():
    client = Identity(full_name="Dana Whitfield", country="US")
    with pytest.raises(InputError, match="no authorisation form in language 'xx'"):
        authorization_letter(client, AGENT, companies=[], laws=[], today=TODAY, lang="xx")
    with pytest.raises(InputError, match="client profile has no name"):
        authorization_letter(Identity(), AGENT, companies=[], laws=[], today=TODAY)
