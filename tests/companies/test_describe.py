"""``companies show`` lines: every field of a record, URLs by kind, each source once."""

from __future__ import annotations

import datetime as dt

from rights.companies.describe import show_rows
from rights.core.company import Company, RequiredElement, Source


def full_record() -> Company:
    source = {"dataset": "ds-a", "fields": ["email"], "licence": "CC0-1.0"}
    return Company(
        slug="acme",
        name="Acme Data LLC",
        email="privacy@acme.example",
        webform="https://acme.example/request",
        opt_out_url="https://acme.example/opt-out",
        download_url="https://acme.example/download",
        delete_url="https://acme.example/delete",
        web="https://acme.example/",
        jurisdictions=["ccpa"],
        required_elements=[
            RequiredElement(desc="Name", type="name"),
            RequiredElement(desc="Date of birth", type="birthdate", optional=True),
        ],
        needs_id_document=True,
        sources=[
            Source.model_validate(source),
            Source.model_validate(source | {"fields": ["web"]}),
            Source(dataset="ds-b", date=dt.date(2025, 3, 1)),
        ],
        quality="imported",
        last_verified=dt.date(2026, 1, 5),
    )


def test_every_field_is_shown_with_the_kind_of_each_url():
    rows = dict(show_rows(full_record(), bounced=["privacy@acme.example"]))
    assert rows["email"] == "privacy@acme.example  (BOUNCED)"
    assert rows["request form"] == "https://acme.example/request"
    assert rows["opt-out form"] == "https://acme.example/opt-out"
    assert rows["self-service download"] == "https://acme.example/download"
    assert rows["self-service deletion"] == "https://acme.example/delete"
    assert rows["home page"] == "https://acme.example/"
    assert rows["jurisdictions"] == "ccpa"
    assert rows["identity asked for"] == "Name, Date of birth (optional)"
    assert rows["ID document"] == "asks for a copy of an ID document"
    assert rows["last verified"] == "2026-01-05"


def test_each_source_is_listed_once():
    sources = [v for label, v in show_rows(full_record(), []) if label == "source"]
    assert sources == ["ds-a (fields: email, web; CC0-1.0)", "ds-b (as of 2025-03-01)"]


def test_a_field_the_labels_do_not_know_is_still_shown(monkeypatch):
    """A field added to the model later (``policy_url``, ``bounced_emails``) is never hidden."""
    from rights.companies import describe

    record = full_record()
    monkeypatch.setattr(describe, "LABELS", describe.LABELS[:2])
    labels = [label for label, _ in describe.show_rows(record, [])]
    assert "webform" in labels and "required elements" in labels
    assert "last verified" in labels and labels.count("source") == 2


def test_an_unset_last_verified_says_so():
    record = full_record().model_copy(update={"last_verified": None})
    assert dict(show_rows(record, []))["last verified"] == "not recorded"
