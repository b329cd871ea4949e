"""The case lifecycle (rights.cases.lifecycle): transitions, due dates, re-checks. Pure: no store."""

from __future__ import annotations

import datetime as dt

import pytest

from rights.cases import lifecycle
from rights.core.case import Case, CaseNotes, Event
from rights.core.vocabulary import STATES
from rights.errors import InputError
from rights.law import deadlines
from rights.law import load as j

D = dt.date
NOW = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)
TODAY = D(2026, 11, 26)


def rule(law: str, right: str = "access") -> deadlines.Rule:
    return j.load_law(j.data_folder(), law).deadline_rule(right)


def draft(law: str = "gdpr", via: str = "email", right: str = "access", **data: object) -> Case:
    return lifecycle.new_case(
        ref="R-TEST",
        company="acme",
        company_name="Acme",
        right=right,
        law=law,
        lang="en",
        via=via,
        now=NOW,
        recipient="privacy@acme.example",
        notes=CaseNotes.from_dict(dict(data)),
    )


def step(
    case: Case, kind: str, day: D, law_rule: deadlines.Rule | None = None, **data: object
) -> Case:
    return lifecycle.apply_event(
        case,
        Event(case.ref, kind, day, data=dict(data)),
        law_rule or rule(case.law, case.right),
        None,
        TODAY,
    )


def test_email_request_is_due_one_month_after_sending() -> None:
    case = step(draft(), "sent", D(2026, 11, 5))
    assert case.status == "sent"
    assert (case.sent_on, case.received_on, case.received_estimated) == (
        D(2026, 11, 5),
        D(2026, 11, 5),
        False,
    )
    assert case.due == D(2026, 12, 7)  # 5 Dec 2026 is a Saturday
    assert case.extended_due == D(2027, 2, 5)
    assert case.acknowledge_by is None


def test_apply_event_does_not_change_its_input() -> None:
    before = draft()
    after = step(before, "sent", D(2026, 11, 5))
    assert before.status == "draft" and before.due is None
    assert after is not before


def test_postal_request_is_estimated_until_delivered() -> None:
    case = step(draft(via="pdf"), "sent", D(2026, 11, 2))
    assert case.received_on == D(2026, 11, 5)  # posted + 3 days transit
    assert case.received_estimated is True
    assert case.due == D(2026, 12, 7)
    case = step(case, "delivered", D(2026, 11, 4))
    assert (case.received_on, case.received_estimated, case.due) == (
        D(2026, 11, 4),
        False,
        D(2026, 12, 4),
    )
    assert case.status == "sent"


def test_ccpa_gets_acknowledgement_and_extension() -> None:
    case = step(draft("ccpa", right="deletion"), "sent", D(2026, 11, 2))
    assert (case.acknowledge_by, case.due) == (D(2026, 11, 17), D(2026, 12, 17))
    case = step(case, "acknowledged", D(2026, 11, 10))
    assert case.status == "acknowledged"
    case = step(case, "extended", D(2026, 11, 20))
    # 2 Nov 2026 + 90 = Sun 31 Jan 2027; CCP §12a(a)-(b) moves it to Mon 1 Feb 2027.
    assert (case.status, case.due) == ("extended", D(2027, 2, 1))


def test_extension_after_delivery_keeps_the_extended_date() -> None:
    case = step(draft(via="letter"), "sent", D(2026, 11, 2))
    case = step(case, "extended", D(2026, 11, 10))
    case = step(case, "delivered", D(2026, 11, 4))
    assert case.due == case.extended_due == D(2027, 2, 4)


def test_gdpr_needs_info_keeps_the_due_date_and_marks_it_contested() -> None:
    case = step(draft(), "sent", D(2026, 11, 5))
    asked = step(case, "needs-info", D(2026, 11, 10))
    assert asked.status == "needs-info"
    assert asked.due == D(2026, 12, 7)
    assert asked.notes.due_contested is True
    given = step(asked, "info-given", D(2026, 11, 20))
    assert (given.status, given.due) == ("sent", D(2026, 12, 7))
    assert given.notes.due_contested is True


def test_uk_needs_info_restarts_the_month_when_the_information_is_given() -> None:
    case = step(draft("uk-gdpr"), "sent", D(2026, 11, 5))
    case = step(case, "acknowledged", D(2026, 11, 6))
    asked = step(case, "needs-info", D(2026, 11, 10))
    assert "due_contested" not in asked.notes.to_dict()
    given = step(asked, "info-given", D(2026, 11, 20))
    assert given.status == "acknowledged"  # back where it was
    assert given.due == D(2026, 12, 21)  # 20 Dec 2026 is a Sunday
    assert given.extended_due == D(2027, 2, 22)  # 20 Feb 2027 is a Saturday


def test_bounce_puts_the_case_back_to_draft_and_names_the_contact() -> None:
    case = step(draft(), "sent", D(2026, 11, 5))
    event = Event("R-TEST", "bounced", D(2026, 11, 5), data={"recipient": "privacy@acme.example"})
    back = lifecycle.apply_event(case, event, None, None, TODAY)
    assert back.status == "draft"
    assert (back.sent_on, back.due, back.received_on) == (None, None, None)
    assert back.notes.bounces == [{"date": "2026-11-05", "recipient": "privacy@acme.example"}]
    assert lifecycle.bounced_contact(back, event) == {
        "company": "acme",
        "via": "email",
        "recipient": "privacy@acme.example",
    }
    again = step(back, "sent", D(2026, 11, 9))
    assert again.due == D(2026, 12, 9)


def test_reminder_sets_its_own_short_deadline() -> None:
    case = step(draft(), "sent", D(2026, 10, 1))
    case = step(case, "reminder", D(2026, 11, 10))
    assert case.remind_by == D(2026, 11, 24)
    assert case.due == D(2026, 11, 2)  # the legal date stays
    assert step(case, "refused", D(2026, 11, 20)).remind_by is None


def test_complaint_escalates_and_outcomes_are_what_the_user_logs() -> None:
    case = step(draft(), "sent", D(2026, 10, 1))
    case = step(case, "refused", D(2026, 10, 20))
    assert case.status == "refused"
    case = step(case, "complaint", D(2026, 11, 1), regulator="frcnil")
    assert case.status == "escalated"
    assert case.notes.complaints == [{"date": "2026-11-01", "regulator": "frcnil"}]
    assert step(case, "fulfilled", D(2026, 11, 20)).status == "fulfilled"


@pytest.mark.parametrize("category", ["people-search", "data-broker"])
def test_broker_deletion_schedules_a_recheck(category: str) -> None:
    case = step(draft("ccpa", right="deletion", categories=[category]), "sent", D(2026, 10, 1))
    done = step(case, "fulfilled", D(2026, 11, 1))
    assert done.recheck_on == D(2027, 1, 30)
    later = step(step(done, "closed", D(2026, 11, 2)), "rechecked", D(2026, 11, 20))
    assert later.recheck_on == D(2027, 2, 18)


def test_ordinary_deletion_or_access_has_no_recheck() -> None:
    case = step(draft("ccpa", right="deletion", categories=["retail"]), "sent", D(2026, 10, 1))
    assert step(case, "fulfilled", D(2026, 11, 1)).recheck_on is None
    case = step(draft("ccpa", categories=["data-broker"]), "sent", D(2026, 10, 1))
    assert step(case, "fulfilled", D(2026, 11, 1)).recheck_on is None


def test_categories_argument_wins_over_case_data() -> None:
    case = step(draft("ccpa", right="deletion"), "sent", D(2026, 10, 1))
    event = Event("R-TEST", "fulfilled", D(2026, 11, 1))
    done = lifecycle.apply_event(case, event, None, None, TODAY, categories=["people-search"])
    assert done.recheck_on == D(2027, 1, 30)


def drop_rule() -> deadlines.Rule:
    """DROP's rule, from ccpa.json's mechanism ``drop`` (the caller passes it in)."""
    mechanism = j.load_law(j.data_folder(), "ccpa").mechanism("drop")
    assert mechanism is not None
    found = mechanism.deadline_rule()
    assert found is not None
    return found


def test_drop_case_follows_up_after_90_days_then_every_45() -> None:
    case = lifecycle.drop_case("R-DROP", NOW)
    case = lifecycle.apply_event(
        case, Event("R-DROP", "sent", D(2026, 9, 1)), drop_rule(), None, TODAY
    )
    assert (case.via, case.law, case.right, case.due) == (
        "drop",
        "ccpa",
        "deletion",
        D(2026, 11, 30),
    )
    done = lifecycle.apply_event(
        case, Event("R-DROP", "fulfilled", D(2026, 11, 20)), drop_rule(), None, TODAY
    )
    assert done.recheck_on == D(2027, 1, 4)


def test_reopened_goes_back_to_sent_and_can_be_overdue() -> None:
    case = step(draft(), "sent", D(2026, 10, 1))
    case = step(step(case, "fulfilled", D(2026, 10, 20)), "reopened", D(2026, 11, 2))
    assert case.status == "sent"
    assert case.is_overdue(TODAY) and case.days_left(TODAY) == -24


def test_overdue_is_derived_from_today_and_status() -> None:
    case = step(draft(), "sent", D(2026, 10, 1))
    assert case.is_overdue(D(2026, 11, 3)) and not case.is_overdue(D(2026, 11, 2))
    assert not step(case, "fulfilled", D(2026, 11, 20)).is_overdue(TODAY)


def test_invalid_transition_lists_the_allowed_events() -> None:
    with pytest.raises(InputError) as err:
        step(draft(), "fulfilled", D(2026, 11, 1))
    assert err.value.message == "R-TEST is draft: cannot log 'fulfilled'"
    assert err.value.hint == "allowed now: sent, abandoned, note"


def test_unknown_event_lists_every_kind() -> None:
    with pytest.raises(InputError) as err:
        step(draft(), "deleted", D(2026, 11, 1))
    assert "unknown event 'deleted'" in err.value.message
    assert err.value.hint is not None and "fulfilled" in err.value.hint


def test_dates_in_the_future_or_before_sending_are_refused() -> None:
    with pytest.raises(InputError, match="in the future"):
        step(draft(), "sent", D(2026, 11, 27))
    case = step(draft(), "sent", D(2026, 11, 5))
    with pytest.raises(InputError, match="before R-TEST was sent"):
        step(case, "replied", D(2026, 11, 4))


def test_every_state_allows_a_note_and_ended_states_only_reopen() -> None:
    for state in STATES:
        assert "note" in lifecycle.allowed_events(state)
    assert lifecycle.allowed_events("closed") == ["reopened", "rechecked", "note"]
    assert lifecycle.allowed_events("abandoned") == ["reopened", "note"]


def test_every_target_state_is_a_known_state() -> None:
    for kind, (sources, target) in lifecycle.TRANSITIONS.items():
        assert set(sources) <= set(STATES), kind
        assert target is None or target in STATES, kind
