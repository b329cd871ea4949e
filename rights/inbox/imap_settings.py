"""The user's mailbox (IMAP): settings in the encrypted store, the password in the OS
keyring when there is one, else in the encrypted store, never in a plain file or argv.

The same rules as the outgoing server (``rights.delivery.smtp_settings``, whose password
handling this shares): TLS with certificate checks, plaintext only to a loopback host.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rights.delivery import smtp_settings
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.store import Store
    from rights.store.connect import Connection

IMAP = smtp_settings.Secret(
    setting="imap",
    password_setting="imap_password",
    service="rights-imap",
    env="RIGHTS_IMAP_PASSWORD",
    label="IMAP",
)


class ImapSettings(BaseModel):
    """How to reach the user's mailbox (no password: that is kept apart)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = Field(min_length=1, max_length=253)
    port: int = Field(default=993, ge=1, le=65535)
    user: str = Field(min_length=1, max_length=320)
    folder: str = Field(default="INBOX", min_length=1, max_length=200)
    sent_folder: str = Field(default="Sent", min_length=1, max_length=200)
    security: Literal["tls", "starttls", "none"] = "tls"
    timeout: float = Field(default=30.0, gt=0, le=600)
    cafile: str | None = Field(default=None, description="extra CA certificate (self-hosted)")

    @field_validator("host", "user")
    @classmethod
    def _one_word(cls, value: str) -> str:
        if any(c.isspace() for c in value):
            raise ValueError("spaces and line breaks are not allowed")
        return value

    @field_validator("folder", "sent_folder")
    @classmethod
    def _folder_name(cls, value: str) -> str:
        if any(c in value for c in '\r\n"\\') or value != value.strip():
            raise ValueError("line breaks, quotes and backslashes are not allowed")
        return value


def settings_from(values: dict[str, Any]) -> ImapSettings:
    """Validated settings; InputError naming each bad field, and for plaintext to a host
    that is not loopback (the password and the mail would cross the network readable)."""
    from pydantic import ValidationError

    from rights.delivery.email import is_loopback

    try:
        settings = ImapSettings(**{k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        from rights.delivery.smtp_settings import settings_error

        raise settings_error("IMAP", exc) from None
    if settings.security == "none" and not is_loopback(settings.host):
        raise InputError(
            f"plaintext IMAP to {settings.host} is refused: your mail and password would be "
            "readable on the network",
            hint="use --security tls (port 993) or starttls (port 143)",
        )
    if settings.cafile is not None and not Path(settings.cafile).is_file():
        raise InputError(f"--cafile: {settings.cafile} is not a file")
    return settings


def password_from(user: str, host: str, password_file: Path | None) -> str | None:
    """The password: ``password_file``, else RIGHTS_IMAP_PASSWORD, else a prompt."""
    return smtp_settings.password_from(user, host, password_file, IMAP)


def save(store: Store, settings: ImapSettings, password: str | None, *, home: Path) -> str:
    """Keep the settings and the password; return where the password went."""
    stored = settings.model_dump(mode="json")
    return smtp_settings.save_secret(store, stored, password, home=home, kind=IMAP)


def load(conn: Connection) -> tuple[ImapSettings, str | None] | None:
    """The settings and password, or None when no mailbox is set up."""
    found = smtp_settings.load_secret(conn, IMAP)
    return None if found is None else (settings_from(found[0]), found[1])


def describe(store: Store) -> dict[str, Any] | None:
    """The settings as shown to the user (the password only as where it is kept)."""
    return smtp_settings.describe(store, IMAP)


def no_mailbox() -> InputError:
    """The one error for a command that needs a mailbox none is set up for."""
    return InputError(
        "no IMAP mailbox set up", hint="rights config imap --host H --port 993 --user U"
    )
