"""The wizard behind rights start, driven by scripted answers."""

from __future__ import annotations

import json

import pytest

from rights import clock
from rights.actions import wizard
from rights.law.load import data_folder, load_laws
from rights.paths import shipped
from rights.profile import profiles
from rights.store import repo


class Script:
    """Answers given in order; everything said is kept."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.said: list[str] = []

    def prompt(self, text: str, default: str = "") -> str:
        assert self.answers, f"no answer left for: {text}; said: {self.said}"
        answer = self.answers.pop(0)
        return default if answer == "<default>" else answer

    def secret(self, text: str) -> str:
        return self.prompt(text)

    def confirm(self, text: str, default: bool = True) -> bool:
        return self.prompt(text, "y").lower().startswith("y")

    def say(self, text: str) -> None:
        self.said.append(text)


def test_wizard_completes_the_profile_picks_companies_and_previews(
    cli, home, passphrase_env, tmp_path
):
    assert cli("init").code == 0
    answers = Script([
        "Zofia Łukasiewicz", "zofia@example.org", "Polska",  # the missing identity fields
        "ul. Długa 5, 00-001 Warszawa",  # the postal address
        "schufa", "1",  # search, pick the first hit
        "pack:no-such-pack",  # a bad pack: the wizard says so and asks again
        "",  # done picking
        "1",  # right: access
        "3",  # channel: .eml files (no SMTP, no web form: 1 preferred, 2 pdf, 3 eml)
        str(tmp_path / "out"),
    ])  # fmt: skip
    with profiles.open_store(home, "default") as store:
        person = wizard.complete_identity(
            answers, store, repo.get_identity(store.conn), clock.today(), clock.now()
        )
        plan = wizard.plan(
            answers, store, person, load_laws(data_folder()), folder=shipped("companies"),
            mine=[], today=clock.today(), home=home, smtp_ready=False,
        )  # fmt: skip
    assert answers.answers == []
    assert [c.slug for c in plan.companies] == ["schufa"]
    assert plan.batch.right == "access"
    assert [(b.via, [c.slug for c in group]) for group, b in plan.by_channel()] == [
        ("eml", ["schufa"])
    ]
    said = "\n".join(answers.said)
    assert "no pack 'no-such-pack'" in said
    assert "SCHUFA Holding AG: gdpr" in said
    assert "art. 15 RODO" in said  # the preview, in Polish
    assert "R-PREVIEW" in said
    shown = json.loads(cli("profile", "show", "--json").out)
    assert shown["country"] == "PL" and shown["full_name"] == "Zofia Łukasiewicz"


def test_start_needs_a_terminal(cli, passphrase_env):
    r = cli("start")
    assert r.code == 3 and "needs a terminal" in r.err


@pytest.mark.parametrize("bad", ["DE-XX", "Narnia", ""])
def test_wizard_asks_again_after_a_bad_country(cli, home, passphrase_env, bad):
    assert cli("init").code == 0
    script = Script(["Name", "a@example.org", bad, "Deutschland", "Bayern", ""])
    with profiles.open_store(home, "default") as store:
        person = wizard.complete_identity(
            script, store, repo.get_identity(store.conn), clock.today(), clock.now()
        )
    assert (person.country, person.region) == ("DE", "BY")
    assert any("please try again" in s for s in script.said)
    shown = json.loads(cli("profile", "show", "--json").out)
    assert (shown["country"], shown["region"], shown["addresses"]) == ("DE", "BY", [])


@pytest.mark.parametrize(
    ("country", "slug"), [("US", "experian-information-solutions"), ("GB", "experian-gb")]
)
def test_the_company_pick_ranks_the_persons_country_first(country, slug):
    answers = Script(["experian", "1", ""])
    picked = wizard.pick_companies(answers, shipped("companies"), [], country)
    assert [c.slug for c in picked] == [slug]


def test_the_company_pick_offers_a_typo_as_did_you_mean():
    answers = Script(["gogle", "1", ""])
    picked = wizard.pick_companies(answers, shipped("companies"), [])
    assert [c.slug for c in picked] == ["google"]


def test_drop_first_leaves_the_brokers_out_of_the_letters(cli, home, passphrase_env, tmp_path):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Dana Whitfield", "--email", "dana@example.org",
            "--country", "US", "--region", "CA", "--address", "1 Main St, Sacramento, CA 95814")  # fmt: skip
    assert r.code == 0, r.err
    script = Script([
        "spokeo", "1", "google", "1", "",  # a people-search site and a platform
        "2",  # right: deletion
        "1",  # DROP first: leave the broker out
        "1",  # each company's preferred channel
        str(tmp_path / "out"),
        "y",
    ])  # fmt: skip
    done = wizard.run(script, home=home, profile="default", today=clock.today(),
                      now=clock.now())  # fmt: skip
    assert done is not None and done.drop is None
    assert [r.company for r in done.results] == ["google"]
    said = "\n".join(script.said)
    assert "DROP first: leave the 1 broker(s) out" in said
    assert "record it: rights drop --date YYYY-MM-DD" in said
    listed = json.loads(cli("list", "--json").out)
    assert [c["company"] for c in listed] == ["google"]


def test_saying_no_creates_nothing(cli, home, passphrase_env, tmp_path):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
            "--country", "DE", "--region", "BE", "--address", "Musterstraße 1, 10115 Berlin")  # fmt: skip
    assert r.code == 0, r.err
    script = Script(["ableton", "1", "", "1", "1", str(tmp_path / "out"), "n"])
    assert wizard.run(script, home=home, profile="default", today=clock.today(),
                      now=clock.now()) is None  # fmt: skip
    assert json.loads(cli("list", "--json").out) == []


def test_a_company_reached_by_post_only_is_left_out_without_an_address(
    cli, home, passphrase_env, tmp_path
):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
            "--country", "DE", "--region", "BE")  # fmt: skip
    assert r.code == 0, r.err
    script = Script([
        "a1-austria", "1", "",  # its record has a postal address only
        "ableton", "1", "",  # picked again: none of the first pick could be written to
        "1",  # access
        "1",  # the channel: 1 preferred, 2 eml (no PDF: no address in the profile)
        str(tmp_path / "out"),
    ])  # fmt: skip
    with profiles.open_store(home, "default") as store:
        plan = wizard.plan(
            script, store, repo.get_identity(store.conn), load_laws(data_folder()),
            folder=shipped("companies"), mine=[], today=clock.today(), home=home,
            smtp_ready=False,
        )  # fmt: skip
    assert script.answers == []
    said = "\n".join(script.said)
    assert "Left out (they take letters by post only" in said and "A1 Telekom" in said
    assert "None of these can be written to: pick other companies." in said
    assert [c.slug for c in plan.companies] == ["ableton"]
    assert "printable PDF" not in said


def test_a_company_without_any_contact_is_left_out_for_that_reason(
    cli, home, passphrase_env, tmp_path
):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Dana Whitfield", "--email", "dana@example.org",
            "--address", "1 Main St, Sacramento CA 95814", "--country", "US", "--region", "CA")  # fmt: skip
    assert r.code == 0, r.err
    script = Script([
        "411-info", "1", "",  # its record has no email, no web form, no postal address
        "spokeo", "1", "",  # picked again
        "1", "1", str(tmp_path / "out"),
    ])  # fmt: skip
    with profiles.open_store(home, "default") as store:
        wizard.plan(
            script, store, repo.get_identity(store.conn), load_laws(data_folder()),
            folder=shipped("companies"), mine=[], today=clock.today(), home=home,
            smtp_ready=False,
        )  # fmt: skip
    said = "\n".join(script.said)
    assert "Left out (the directory has no email, web form or postal address for them)" in said
    assert "post only" not in said  # the profile has an address: that is not the reason


def test_ca_at_the_country_question_is_canada_and_california_then_moves_it(
    cli, home, passphrase_env
):
    assert cli("init").code == 0
    script = Script(["Dana Whitfield", "dana@example.org", "CA", "California", ""])
    with profiles.open_store(home, "default") as store:
        person = wizard.complete_identity(
            script, store, repo.get_identity(store.conn), clock.today(), clock.now()
        )
    assert (person.country, person.region) == ("US", "CA")
    said = "\n".join(script.said)
    assert "Country: Canada (CA)" in said
    assert "Country changed: United States (US), California (CA)" in said
