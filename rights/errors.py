"""The error types of rights: one class per kind, one exit code per class.

The core raises these; only ``rights.cli.main.main`` turns them into a line on stderr
and an exit code. The table of codes is documented in docs/cli.md.
"""

from __future__ import annotations


class RightsError(Exception):
    """An expected failure: a one-line message for the user and an optional hint."""

    exit_code = 1
    kind = "error"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(RightsError):
    """A value given by the user is not valid (an email, a date, a country code...)."""

    exit_code = 3
    kind = "invalid input"


class NotFoundError(RightsError):
    """A named thing (profile, file, company, case) does not exist."""

    exit_code = 4
    kind = "not found"


class UnlockError(RightsError):
    """The key or passphrase does not open the store."""

    exit_code = 5
    kind = "cannot unlock"


class NoKeyError(RightsError):
    """No key source is available: no keyring entry, no passphrase variable, no terminal."""

    exit_code = 6
    kind = "no key"


class StoreDamagedError(RightsError):
    """The store file is truncated or its pages fail their integrity checks."""

    exit_code = 7
    kind = "store damaged"


class ConflictError(RightsError):
    """The action would overwrite or duplicate something (use --force to allow it)."""

    exit_code = 8
    kind = "conflict"


class DataFileError(RightsError):
    """A data file (law, company, template, import) is malformed."""

    exit_code = 9
    kind = "bad data file"


class DeliveryError(RightsError):
    """A letter could not be delivered through the chosen channel."""

    exit_code = 10
    kind = "delivery failed"


class KeyringError(RightsError):
    """The OS keyring refused or failed an operation."""

    exit_code = 11
    kind = "keyring"


class StoreError(RightsError):
    """Any other store problem: busy for too long, written by a newer version..."""

    exit_code = 12
    kind = "store"


class DiskFullError(RightsError):
    """The disk of the data folder is full (or the user's quota is used up)."""

    exit_code = 13
    kind = "disk full"


DISK_FULL = "no space left on the disk of the data folder: free some space and retry"


def disk_full_error(what: str = "") -> DiskFullError:
    """The one error for a full disk; ``what`` says what could not be written."""
    message = f"{what}: {DISK_FULL}" if what else DISK_FULL
    return DiskFullError(
        message, hint="nothing was lost: what was stored before stays stored; retry after"
    )


def is_disk_full(exc: BaseException) -> bool:
    """True for an OSError saying the disk (or the quota) is full."""
    import errno

    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


ERROR_TYPES: tuple[type[RightsError], ...] = (
    InputError,
    NotFoundError,
    UnlockError,
    NoKeyError,
    StoreDamagedError,
    ConflictError,
    DataFileError,
    DeliveryError,
    KeyringError,
    StoreError,
    DiskFullError,
)
