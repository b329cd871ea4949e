"""North-American letters claim only what each law file grants (issue 11, "Letters: legal
content"): the opt-out purposes, the deletion scope, the third-party list, the appeal, and
Quebec's deadline without extension. Rendered from the real law files and templates."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from rights.law.choice import letter_citations
from rights.law.load import data_folder, load_law
from rights.letters.render import render
from tests.helpers.letter_data import context

US_LANGS = ("en", "es")


def _letter(law_id: str, kind: str, lang: str = "en", **extra: object) -> str:
    law = load_law(data_folder(), law_id)
    right = kind if kind in ("reminder", "complaint") else law.right_name(kind)
    cites = letter_citations(law, "access" if kind in ("reminder", "complaint") else right)
    cites.setdefault("complaint", law.citation)
    ctx = context(
        law.letters.family,
        lang,
        kind,
        law_id=law.id,
        law_name=law.name,
        citations=cites,
        **extra,
    )
    return render(ctx).body


def test_utah_opt_out_claims_targeted_advertising_and_sale_only():
    """Utah Code §13-61-201(5) (formerly (4)): targeted advertising and sale; no profiling
    opt-out (https://lexace.ai/us/statute/utah/13-61-201)."""
    body = _letter("ucpa", "objection")
    assert "targeted advertising" in body and "sale" in body
    assert "profiling" not in body


def test_iowa_opt_out_claims_sale_only_and_asks_for_targeted_ads_without_a_right():
    """Iowa Code §715D.3(1)(d): opt-out of sale only; targeted advertising is a disclosure
    duty (§715D.4), https://law.counselstack.com/statute/ia/715D.3."""
    body = _letter("icdpa", "objection")
    claim = body.split("\n\n")[1]
    assert "sale" in claim
    assert "targeted advertising" not in claim and "profiling" not in body
    assert "targeted advertising" in body  # asked for, without claiming a right


@pytest.mark.parametrize("law_id", ["dpdpa", "modpa", "nh-privacy"])
def test_solely_automated_profiling_is_said(law_id):
    """DE, MD, NH (RSA 507-H:4, I(e), deskbook p.335): the profiling opt-out covers only
    solely automated decisions."""
    assert "solely automated" in _letter(law_id, "objection")


def test_oregon_profiling_opt_out_is_not_limited_to_solely_automated():
    """ORS 646A.574(1)(d)(C): profiling in furtherance of decisions with legal effects."""
    body = _letter("ocpa", "objection")
    assert "profiling" in body and "solely" not in body


def test_california_opt_out_is_sale_and_sharing():
    """Cal. Civ. Code §1798.120: sale and sharing for cross-context behavioral advertising."""
    body = _letter("ccpa", "objection")
    assert "cross-context behavioral advertising" in body
    assert "profiling" not in body


@pytest.mark.parametrize("law_id", ["ucpa", "icdpa"])
@pytest.mark.parametrize("lang", US_LANGS)
def test_utah_and_iowa_deletion_covers_data_provided_and_adds_opt_out_of_sale(law_id, lang):
    """Utah Code §13-61-201(2) and Iowa Code §715D.3(1)(b): only data the consumer provided."""
    body = _letter(law_id, "deletion", lang)
    if lang == "en":
        assert "that I provided to you" in body
        assert "all personal information" not in body
        assert "opt out of the sale" in body
    else:
        assert "que yo les proporcioné" in body
        assert "toda la información" not in body
        assert "venta" in body


def test_deletion_elsewhere_still_asks_for_everything():
    """Va. Code §59.1-577(A)(3): data provided by or obtained about the consumer."""
    assert "all personal information" in _letter("vcdpa", "deletion")


@pytest.mark.parametrize("lang", US_LANGS)
def test_no_appeal_offered_where_the_law_has_none(lang):
    """Utah has no appeal (law.md §6.4, Mayer Brown); Oregon has one (ORS 646A.576(6))."""
    word = "appeal" if lang == "en" else "apelar"
    assert word not in _letter("ucpa", "access", lang)
    assert word not in _letter("ccpa", "access", lang)
    assert word in _letter("ocpa", "access", lang)


@pytest.mark.parametrize(
    ("law_id", "citation"),
    [
        ("ocpa", "ORS 646A.574(1)(a)(B)"),
        ("mn-cdpa", "Minn. Stat. §325M.14 subd. 1(h)"),
        ("ctdpa", "Conn. Gen. Stat. §42-518(a), as amended by SB 1295"),
    ],
)
@pytest.mark.parametrize("lang", US_LANGS)
def test_access_asks_for_the_specific_third_parties(law_id, citation, lang):
    """OR ORS 646A.574(1)(a)(B), MN §325M.14 subd. 1(h), CT §42-518(a) (SB 1295, from
    1 Jul 2026): a list of the specific third parties."""
    body = _letter(law_id, "access", lang)
    assert citation in body
    assert ("specific third parties" if lang == "en" else "terceros concretos") in body


def test_utah_access_does_not_ask_for_a_list_it_does_not_grant():
    assert "specific third parties" not in _letter("ucpa", "access")


@pytest.mark.parametrize("kind", ["access", "correction", "deletion", "portability"])
def test_quebec_letters_give_no_extension_and_name_the_deemed_refusal(kind):
    """P-39.1 art. 32: reply within 30 days, silence is a deemed refusal
    (https://publicitecomportementale.openum.ca/articles/article-32/); CAI route, s.43."""
    en = _letter("qc-law25", kind, "en")
    assert "more time" not in en and "extension" not in en
    assert "deemed" in en and "P-39.1 s.32" in en
    assert "Commission d'accès à l'information" in en and "30 days" in en
    fr = _letter("qc-law25", kind, "fr")
    assert "délai supplémentaire" not in fr
    assert "réputée refusée" in fr and "art. 32" in fr
    assert "Commission d'accès à l'information" in fr and "art. 43" in fr
    (deadline,) = [p for p in fr.split("\n\n") if "réputée refusée" in p]
    assert not re.search(r"\bs\. ?\d", deadline), deadline


def test_pipeda_access_keeps_the_extension_sentence():
    """PIPEDA s.8(4): an extension by up to 30 days, with notice."""
    assert "more time" in _letter("pipeda", "access", "en")


def test_third_party_list_not_asked_before_connecticut_amendment():
    """SB 1295 applies from 1 Jul 2026."""
    body = _letter("ctdpa", "access", today=dt.date(2026, 6, 1))
    assert "specific third parties" not in body


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
def test_utah_opt_out_pdf_claims_no_profiling(tmp_path):
    """The printed letter (pdftotext on the real PDF) claims Utah's two opt-outs only
    (Utah Code §13-61-201(5))."""
    from rights.delivery import Options, deliver
    from rights.letters.render import render as render_letter
    from tests.conftest import pdf_text

    law = load_law(data_folder(), "ucpa")
    ctx = context(
        "us-state",
        "en",
        "objection",
        law_id="ucpa",
        law_name=law.name,
        citations=letter_citations(law, "opt-out"),
    )
    outcome = deliver(
        "pdf",
        render_letter(ctx),
        Options(out_dir=tmp_path, paper="letter", today=dt.date(2026, 11, 26)),
    )
    text = " ".join(pdf_text(outcome.files[0]).split())
    assert "targeted advertising and the sale of my personal data" in text
    assert "profiling" not in text


@pytest.mark.parametrize(("law_id", "sharing"), [("ucpa", False), ("icdpa", False), ("ccpa", True)])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_opt_out_subject_names_sharing_only_where_the_law_has_it(law_id, sharing, lang):
    """ "Sharing" (cross-context behavioral advertising) is a CCPA term (Civ. Code
    §1798.120); a Utah or Iowa subject line must not claim an opt-out of it."""
    law = load_law(data_folder(), law_id)
    cites = letter_citations(law, law.right_name("objection"))
    ctx = context("us-state", lang, "objection", law_id=law.id, law_name=law.name,
                  citations=cites)  # fmt: skip
    subject = render(ctx).subject
    word = "sharing" if lang == "en" else "intercambio"
    assert (word in subject) is sharing, subject
