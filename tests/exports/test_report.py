"""The client case report (issue 17 point 6), read back from the real HTML (stdlib parser) and
the real PDF (pdftotext): the header, the summary table, drafts apart from letters sent, no
notes about files written and no local paths, the filters and their bad input."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from rights.errors import InputError
from tests.conftest import pdf_text
from tests.helpers.pdfa import assert_pdfa_2b

CLINIC = "Privacy Law Clinic"
CLIENT = "Jiří Dvořák"
SUMMARY = ["Company", "Right", "Law", "Status", "Sent", "Due", "Outcome"]
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


class Tables(HTMLParser):
    """Every table of a page by its id (``table-N`` without one), as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.text: list[str] = []
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            name = dict(attrs).get("id") or f"table-{len(self.tables)}"
            self._table = self.tables.setdefault(name, [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self._table[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(html: str) -> Tables:
    page = Tables()
    page.feed(html)
    return page


@pytest.fixture
def clinic(
    cli: Callable[..., Any], passphrase_env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Any]:
    """A clinic acting for a client in Berlin: a request to SCHUFA sent on 3 Nov and a
    reminder written to a PDF for the clinic to post; a deletion request to Creditreform
    written to an .eml file and never sent (a draft)."""
    assert cli("init", "--profile", "clinic").code == 0
    r = cli("profile", "edit", "--profile", "clinic", "--full-name", CLINIC, "--address",
            "1 Campus Way, Oakland, CA 94601", "--email", "clinic@example.org")  # fmt: skip
    assert r.code == 0, r.err
    assert cli("profile", "new", "client-1").code == 0
    r = cli("profile", "edit", "--profile", "client-1", "--full-name", CLIENT, "--email",
            "jiri@example.org", "--address", "Musterstraße 1, 10115 Berlin", "--country",
            "DE")  # fmt: skip
    assert r.code == 0, r.err
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-02")
    refs = {}
    for company, right, via in (("schufa", "access", "pdf"), ("creditreform", "deletion", "eml")):
        r = cli("request", "new", "--profile", "clinic", "--client", "client-1", "--company",
                company, "--right", right, "--via", via, "--out", str(tmp_path / "letters"),
                "--json")  # fmt: skip
        assert r.code == 0, r.err
        refs[company] = json.loads(r.out)[0]["ref"]
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-03")
    r = cli("log", refs["schufa"], "sent", "--profile", "client-1")
    assert r.code == 0, r.err
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-20")
    r = cli("followup", refs["schufa"], "--profile", "client-1", "--via", "pdf", "--out",
            str(tmp_path / "followups"))  # fmt: skip
    assert r.code == 0, r.err
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-21")
    cli.refs = refs  # type: ignore[attr-defined]
    return cli


def report(cli: Callable[..., Any], *args: str) -> Tables:
    r = cli("export", "--profile", "client-1", "--format", "report", *args)
    assert r.code == 0, r.err
    return parse(r.out)


def test_header_names_client_agent_profile_period_and_day(clinic: Callable[..., Any]) -> None:
    page = report(clinic)
    assert dict(page.tables["header"]) == {  # type: ignore[arg-type]
        "Client": CLIENT,
        "Agent": CLINIC,
        "Profile": "client-1",
        "Period": "2026-11-02 to 2026-12-20",
        "Generated on": "2026-12-21",
    }


def test_summary_has_the_seven_columns_and_drafts_stand_apart(
    clinic: Callable[..., Any], tmp_path: Path
) -> None:
    refs = clinic.refs  # type: ignore[attr-defined]
    r = clinic("export", "--profile", "client-1", "--format", "report")
    page = parse(r.out)
    header, *rows = page.tables["summary"]
    assert header == SUMMARY
    assert rows == [[f"SCHUFA Holding AG {refs['schufa']}", "access", "gdpr", "sent",
                     "2026-11-03", "2026-12-07", "no answer, overdue by 14 days"]]  # fmt: skip
    header, *drafts = page.tables["drafts"]
    assert header == ["Company", "Right", "Law", "Written on"]
    assert len(drafts) == 1 and drafts[0][0].endswith(refs["creditreform"])
    assert "1 case(s) sent, 1 draft(s)" in r.out
    draft = r.out.split(f'<section id="{refs["creditreform"]}">')[1].split("</section>")[0]
    assert "Draft letter (not sent)" in draft and "Letters sent" not in draft
    sent = r.out.split(f'<section id="{refs["schufa"]}">')[1].split("</section>")[0]
    assert "Letters sent" in sent and "(written for you to send)" in sent
    # the reminder's note named the file it wrote: the report keeps the event, not the file
    assert "reminder.pdf" not in r.out and "written to" not in r.out
    assert str(tmp_path) not in r.out and "/letters" not in r.out


@needs_pdftotext
def test_pdf_has_the_same_parts_on_a4_without_paths(
    clinic: Callable[..., Any], tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    r = clinic("export", "--profile", "client-1", "--format", "report", "--out", str(out))
    assert r.code == 0, r.err
    text = pdf_text(out)
    flat = " ".join(text.split())
    for words in (f"Client {CLIENT}", f"Agent {CLINIC}", "Profile client-1",
                  "Period 2026-11-02 to 2026-12-20", "Generated on 2026-12-21",
                  "1 case(s) sent, 1 draft(s)", "Drafts (written, not sent)",
                  "Draft letter (not sent)", "written for you to send"):  # fmt: skip
        assert words in flat, words
    assert " ".join(SUMMARY) in flat
    assert "reminder.pdf" not in text and str(tmp_path) not in text
    import subprocess

    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True,
                          timeout=60).stdout  # fmt: skip
    assert "595.276 x 841.89" in info  # A4 for a client in Germany
    assert_pdfa_2b(out.read_bytes(), tmp_path)


def test_filters_narrow_both_tables(clinic: Callable[..., Any]) -> None:
    refs = clinic.refs  # type: ignore[attr-defined]
    page = report(clinic, "--status", "draft")
    assert page.tables["summary"] == [SUMMARY]
    assert [r[0] for r in page.tables["drafts"][1:]] == [f"Creditreform {refs['creditreform']}"]
    page = report(clinic, "--company", "schufa")
    assert len(page.tables["summary"]) == 2 and "drafts" not in page.tables
    page = report(clinic, "--since", "2026-11-03", "--until", "2026-11-30")
    assert [r[0] for r in page.tables["summary"][1:]] == [f"SCHUFA Holding AG {refs['schufa']}"]
    assert "drafts" not in page.tables
    assert dict(page.tables["header"])["Period"] == "2026-11-03 to 2026-11-30"  # type: ignore[arg-type]
    page = report(clinic, "--since", "2027-01-01")
    assert page.tables["summary"] == [SUMMARY] and "drafts" not in page.tables


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (("--since", "2026-13-01"), "--since: '2026-13-01' is not a real calendar date", ""),
        (("--until", "yesterday"), "is not a date in the form YYYY-MM-DD", ""),
        (("--since", "2026-12-01", "--until", "2026-11-01"), "--until 2026-11-01 is before --since",
         "--since 2026-01-01"),
        (("--status", "overdue"), "unknown status 'overdue'", "states: draft, sent, acknowledged"),
        (("--company", "Acme Inc"), "is not a company slug", "--company acme"),
        (("--company", "schufa-x"), "no case with company 'schufa-x'", "did you mean: schufa?"),
    ],
)  # fmt: skip
def test_bad_filters_are_input_errors(
    clinic: Callable[..., Any], args: tuple[str, ...], message: str, hint: str
) -> None:
    r = clinic("export", "--profile", "client-1", "--format", "report", *args)
    assert r.code == 3, r.err
    assert message in r.err and hint in r.err


def test_filters_are_for_the_report_only(clinic: Callable[..., Any]) -> None:
    r = clinic("export", "--profile", "client-1", "--format", "csv", "--status", "sent")
    assert r.code == 3 and "are for --format report" in r.err


LONG_NAME = (
    "The Very Long Name Data Brokerage and Consumer Information Services Holding Company LLC"
)


@needs_pdftotext
def test_pdf_is_us_letter_for_a_us_profile_and_long_names_wrap(
    cli: Callable[..., Any], home: Path, tmp_path: Path
) -> None:
    import subprocess

    from tests.cli.test_cases_cli import add_case

    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Pat Doe", "--country", "US")
    assert r.code == 0, r.err
    add_case(home, "R-LONG", company="long", company_name=LONG_NAME, law="ccpa")
    assert cli("log", "R-LONG", "sent", "--date", "2026-11-02").code == 0
    out = tmp_path / "report.pdf"
    assert cli("export", "--format", "report", "--out", str(out)).code == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True,
                          timeout=60).stdout  # fmt: skip
    assert "612 x 792" in info  # US Letter
    text = pdf_text(out)
    summary = text.split("Summary", 1)[1].split("R-LONG:", 1)[0]
    lines = [line for line in summary.splitlines() if line.strip()]
    assert LONG_NAME not in summary  # wrapped inside its column ...
    assert all(word in summary for word in LONG_NAME.split())  # ... every word kept
    assert any("ccpa" in line and "2026-11-02" in line for line in lines)


def test_the_header_counts_an_agents_cases_when_the_client_made_some_too(
    clinic: Callable[..., Any], tmp_path: Path
) -> None:
    r = clinic("request", "new", "--profile", "client-1", "--company", "schufa", "--right",
               "deletion", "--via", "eml", "--out", str(tmp_path / "own"), "--json")  # fmt: skip
    assert r.code == 0, r.err
    own = json.loads(r.out)[0]["ref"]
    r = clinic("export", "--profile", "client-1", "--format", "report")
    page = parse(r.out)
    assert dict(page.tables["header"])["Agent"] == f"{CLINIC} (2 of 3 cases)"  # type: ignore[arg-type]
    section = r.out.split(f'<section id="{own}">')[1].split("</section>")[0]
    assert "<th>Agent</th>" not in section
    section = r.out.split(f'<section id="{clinic.refs["schufa"]}">')[1].split("</section>")[0]  # type: ignore[attr-defined]
    assert f"<tr><th>Agent</th><td>{CLINIC}</td></tr>" in section


@needs_pdftotext
def test_a_pdf_report_with_a_name_no_font_shows_is_refused_and_not_written(
    clinic: Callable[..., Any], tmp_path: Path
) -> None:
    ref = clinic.refs["schufa"]  # type: ignore[attr-defined]
    r = clinic("log", ref, "note", "--profile", "client-1", "--note", "電話: 王小明")
    assert r.code == 0, r.err
    out = tmp_path / "report.pdf"
    r = clinic("export", "--profile", "client-1", "--format", "report", "--out", str(out))
    assert r.code == InputError.exit_code, r.err
    assert "電 (U+96FB), 話 (U+8A71), 王 (U+738B)" in r.err and f"in case {ref} (SCHUFA" in r.err
    assert "RIGHTS_FONT_PATH" in r.err and "HTML" in r.err
    assert not out.exists()
    html = tmp_path / "report.html"
    r = clinic("export", "--profile", "client-1", "--format", "report", "--out", str(html))
    assert r.code == 0 and "電話: 王小明" in html.read_text()
