"""``rights start`` driven in a real pseudo-terminal (pexpect): every prompt is expected with
a timeout, the answers are typed, and the store is reopened afterwards to see the cases."""

from __future__ import annotations

import email
import json
import os
import re
import sys
from email import policy
from pathlib import Path

import pexpect
import pytest

from rights.law.load import data_folder, load_law
from tests.conftest import PASSPHRASE, REPO

STEP = 30  # seconds any one prompt may take to appear


class Session:
    """One ``rights start`` in a pseudo-terminal, with its whole output kept."""

    def __init__(self, home: Path, tmp_path: Path, passphrase_env: bool = False) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_PASSPHRASE")}
        env.update(RIGHTS_HOME=str(home), PYTHONPATH=str(REPO), TMPDIR=str(tmp_path),
                   PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")  # fmt: skip
        if passphrase_env:
            env["RIGHTS_PASSPHRASE"] = PASSPHRASE
        self.child = pexpect.spawn(sys.executable, ["-m", "rights", "start"], env=env,
                                   cwd=str(tmp_path), encoding="utf-8", timeout=STEP,
                                   dimensions=(50, 200))  # fmt: skip
        self.seen = ""

    def expect(self, pattern: str) -> str:
        """Wait for ``pattern`` (a regex); return what came before it, and the match."""
        self.child.expect(pattern, timeout=STEP)
        text = f"{self.child.before}{self.child.after}"
        self.seen += text
        return text

    def answer(self, pattern: str, text: str) -> str:
        before = self.expect(pattern)
        self.child.sendline(text)
        return before

    def pick(self, label: str) -> str:
        """Choose the numbered option whose label contains ``label``; return the menu."""
        menu = self.expect(r"Choose a number \[\d+\]: ")
        found = re.search(rf"^\s*(\d+)\. [^\n]*{re.escape(label)}", menu, re.M)
        assert found, f"no option {label!r} in:\n{menu}"
        self.child.sendline(found.group(1))
        return menu

    def finish(self) -> int:
        self.child.expect(pexpect.EOF, timeout=120)
        self.seen += self.child.before
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)


def _cases(cli) -> list[dict]:
    r = cli("list", "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_a_californian_creates_a_profile_and_a_request(cli, home, tmp_path, monkeypatch):
    s = Session(home, tmp_path)
    s.answer("New passphrase", "short")
    s.answer("too short.*\n.*New passphrase", PASSPHRASE)
    s.answer("Repeat the passphrase", "not the same one")
    s.answer("differ.*\n.*New passphrase", PASSPHRASE)
    s.answer("Repeat the passphrase", PASSPHRASE)
    s.answer("Your full name", "Dana Whitfield")
    s.answer("Your email address", "dana@")
    s.answer("not a valid email.*\n.*Your email address", "dana@example.org")
    s.answer("Your country of residence", "Narnia")
    s.answer("not a country.*\n.*Your country of residence", "United States")
    s.answer(r"Country: United States \(US\).*\n.*Your state", "CA")  # here CA is California
    s.answer("State: California.*\n.*letters by post.*\n.*Your postal address",
             "1 Main St, Sacramento, CA 95814")  # fmt: skip
    s.answer("Company to add", "experian")
    menu = s.pick("")  # the first match
    assert re.search(r"1\. Experian Information Solutions", menu), menu  # the US one first
    s.answer("Company to add", "google")
    s.pick("(google)")
    s.answer("Company to add", "")
    rights_menu = s.pick("(deletion)")
    assert "withdraw my consent" not in rights_menu  # the CCPA grants no such right
    drop = load_law(data_folder(), "ccpa").mechanism("drop")
    assert drop is not None and drop.url
    suggested = s.pick("submitted at DROP already")
    assert drop.url in suggested and "use it first" in suggested
    s.answer(r"The day you submitted at DROP", "2027-01-02")
    s.answer(r"in the future.*\n.*The day you submitted at DROP", "2026-11-20")
    channels = s.pick(".eml files")
    assert "printable PDF" in channels  # both sides have a postal address
    s.answer("Folder for the letters", str(tmp_path / "letters"))
    s.answer(r"record your DROP submission of 2026-11-20 now\? \(Y/n\): ", "y")
    assert s.finish() == 0, s.seen
    assert "Preview of the letter to Google LLC" in s.seen
    assert "by law: ccpa 1; by channel: eml 1" in s.seen
    assert "Passphrase for profile" not in s.seen  # asked on creation only, never again
    assert s.seen.count("New passphrase") == 3 and s.seen.count("Repeat the passphrase") == 2
    monkeypatch.setenv("RIGHTS_PASSPHRASE", PASSPHRASE)
    cases = {c["company"]: c for c in _cases(cli)}
    assert set(cases) == {"google", "drop"}, cases
    google = cases["google"]
    assert (google["right"], google["law"], google["via"]) == ("deletion", "ccpa", "eml")
    assert (cases["drop"]["via"], cases["drop"]["sent"]) == ("drop", "2026-11-20")
    message = email.message_from_bytes(
        (tmp_path / "letters" / f"{google['ref']}.eml").read_bytes(), policy=policy.default
    )
    assert google["ref"] in str(message["Subject"])
    shown = json.loads(cli("profile", "show", "--json").out)
    assert (shown["country"], shown["region"]) == ("US", "CA")
    assert shown["addresses"] == ["1 Main St, Sacramento, CA 95814"]


def test_a_berliner_without_an_address_is_offered_no_post(cli, home, tmp_path, passphrase_env):
    assert cli("init").code == 0  # a passphrase profile (the variable is set here only)
    s = Session(home, tmp_path)
    s.answer("Passphrase for profile 'default'", "wrong passphrase")
    s.answer("cannot unlock.*\n.*Passphrase for profile 'default'", PASSPHRASE)
    s.answer("Your full name", "Zofia Łukasiewicz")
    s.answer("Your email address", "zofia@example.org")
    s.answer("Your country of residence", "Deutschland")
    s.answer(r"Country: Germany \(DE\).*\n.*Your Land \(Bundesland\)", "Bavaria")
    s.answer(r"Land \(bundesland\): Bayern.*\n.*\n.*Your postal address", "")
    s.expect("letters by post are not offered")
    s.answer("Company to add", "schufa")
    s.pick("(schufa)")
    s.answer("Company to add", "")
    s.answer("ask\\(s\\) for your address.*\n.*Your postal address", "")  # SCHUFA's record
    s.expect("Left out .*SCHUFA")  # a letter to SCHUFA would be refused without it
    s.answer("Company to add", "ableton")  # asked again: pick at least one company
    s.pick("(ableton)")
    s.answer("Company to add", "")
    s.pick("(access)")
    channels = s.pick(".eml files")
    assert "PDF" not in channels  # no postal address in the profile: no post offered
    s.answer("Folder for the letters", str(tmp_path / "letters"))
    s.answer(r"Create 1 request\(s\) now\? \(Y/n\): ", "y")
    assert s.finish() == 0, s.seen
    assert "Ableton: gdpr" in s.seen
    assert s.seen.count("Passphrase for profile") == 2  # the wrong one, then the right one
    cases = _cases(cli)
    assert [(c["company"], c["law"], c["via"]) for c in cases] == [("ableton", "gdpr", "eml")]
    shown = json.loads(cli("profile", "show", "--json").out)
    assert (shown["country"], shown["region"], shown["addresses"]) == ("DE", "BY", [])


def test_end_of_input_stops_the_wizard_and_keeps_the_answers(cli, home, tmp_path,
                                                             passphrase_env):  # fmt: skip
    assert cli("init").code == 0
    s = Session(home, tmp_path, passphrase_env=True)
    s.answer("Your full name", "Dana Whitfield")
    s.expect("Your email address")
    s.child.sendeof()
    assert s.finish() == 130, s.seen
    assert "end of input: the wizard stopped; no request was created" in s.seen
    assert "Traceback" not in s.seen and "unexpected" not in s.seen
    shown = json.loads(cli("profile", "show", "--json").out)
    assert shown["full_name"] == "Dana Whitfield"  # the answer given before is kept
    assert _cases(cli) == []


@pytest.fixture
def californian_profile(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Dana Whitfield", "--email", "dana@example.org",
            "--address", "1 Main St, Sacramento, CA 95814", "--country", "US", "--region", "CA",
            "--birth-date", "1990-01-31", "--phone", "+1 916 555 0100")  # fmt: skip
    assert r.code == 0, r.err


def test_a_long_batch_is_summed_up(cli, home, tmp_path, californian_profile):
    pack = "specialty-consumer-reporting-employment-screening"
    s = Session(home, tmp_path, passphrase_env=True)
    s.answer("Company to add", f"pack:{pack}")
    added = s.answer("Company to add", "")
    count = int(re.search(r"Added (\d+) companies", added).group(1))  # type: ignore[union-attr]
    assert count > 10
    s.pick("(access)")
    # employment screeners are consumer reporting agencies: their files fall under the FCRA
    s.pick("the one shown for each company")
    s.pick("preferred channel")
    s.answer("Folder for the letters", str(tmp_path / "letters"))
    s.answer(r"request\(s\) now\? \(Y/n\): ", "y")
    assert s.finish() == 0, s.seen
    summary = s.seen[s.seen.index("now? (Y/n)") :]
    cases = _cases(cli)
    assert len(cases) > 10
    assert f"{len(cases)} request(s) created" in summary
    assert re.search(r"^by law: fcra \d+", summary, re.M), summary
    assert re.search(r"^by channel: ", summary, re.M), summary
    assert "Laws for the" in s.seen  # counts per law before the confirmation too
    refs = [c["ref"] for c in cases]
    assert sum(summary.count(ref) for ref in refs) == 0  # no line per company
