"""rights.delivery.smtp_settings.password_from: where ``rights config smtp`` finds a password."""

from __future__ import annotations

import pytest

from rights.delivery.smtp_settings import password_from
from rights.errors import InputError


def test_no_user_name_means_no_password(monkeypatch):
    monkeypatch.setenv("RIGHTS_SMTP_PASSWORD", "ignored")
    assert password_from(None, "smtp.example.org", None) is None


def test_the_file_comes_first_without_its_newline(tmp_path, monkeypatch):
    monkeypatch.setenv("RIGHTS_SMTP_PASSWORD", "from env")
    file = tmp_path / "pw"
    file.write_text("from file\r\n")
    assert password_from("ada", "smtp.example.org", file) == "from file"


def test_an_unreadable_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="cannot read --password-file"):
        password_from("ada", "smtp.example.org", tmp_path / "missing")


def test_then_the_variable(monkeypatch):
    monkeypatch.setenv("RIGHTS_SMTP_PASSWORD", "from env")
    assert password_from("ada", "smtp.example.org", None) == "from env"


def test_no_source_and_no_terminal(monkeypatch):
    monkeypatch.delenv("RIGHTS_SMTP_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    with pytest.raises(InputError, match="no SMTP password given") as caught:
        password_from("ada", "smtp.example.org", None)
    assert "never the command line" in (caught.value.hint or "")
