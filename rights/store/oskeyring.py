"""The OS keyring: which backends may hold a store key or a password, and access to them.

Only backends that keep secrets protected by the operating system count as "the OS
keyring": the Secret Service (through SecretStorage or libsecret), KWallet, the macOS
Keychain and the Windows Credential Locker. They are recognised by class (an instance of
the class in keyring's own module), never by a name string. keyring's chainer backend
counts only when every backend it chains does. Any other backend (``keyrings.alt``'s
plaintext or "encrypted" files, a third-party backend) is used only when the user opts in
by naming it, as ``module.Class``, in ``RIGHTS_KEYRING_BACKEND_OK`` (comma-separated).
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from typing import Any

from rights.errors import KeyringError

OPT_IN_VARIABLE = "RIGHTS_KEYRING_BACKEND_OK"
NO_KEYRING = "no OS keyring is available here"

# (module, class) of the backends that protect secrets; subclasses count too.
PROTECTED_BACKENDS = (
    ("keyring.backends.SecretService", "Keyring"),
    ("keyring.backends.libsecret", "Keyring"),
    ("keyring.backends.kwallet", "DBusKeyring"),
    ("keyring.backends.macOS", "Keyring"),
    ("keyring.backends.Windows", "WinVaultKeyring"),
)


@dataclass(frozen=True)
class Backend:
    """The keyring backend in use and whether rights may keep secrets in it.

    ``name`` is ``module.Class`` (empty when keyring itself fails to load); ``present``
    says there is a backend at all (not keyring's fail or null one); ``usable`` that
    rights may store a key there; ``opted_in`` that it is usable only because the user
    named it in ``RIGHTS_KEYRING_BACKEND_OK``; ``reason`` why it is not usable and
    ``refused`` the ``module.Class`` to opt in to (for a chain: the chained one refused).
    """

    name: str
    present: bool
    usable: bool
    opted_in: bool = False
    reason: str = ""
    refused: str = ""


def class_name(backend: object) -> str:
    """``module.Class`` of a backend, as ``RIGHTS_KEYRING_BACKEND_OK`` names it."""
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def _protected(backend: object) -> bool:
    for module_name, class_ in PROTECTED_BACKENDS:
        module = sys.modules.get(module_name)  # loaded whenever one of its backends exists
        kind = getattr(module, class_, None) if module is not None else None
        if isinstance(kind, type) and isinstance(backend, kind):
            return True
    return False


def _opted_in(backend: object) -> bool:
    names = {n.strip() for n in os.environ.get(OPT_IN_VARIABLE, "").split(",") if n.strip()}
    return class_name(backend) in names


def judge(backend: Any) -> Backend:
    """Decide whether ``backend`` (a keyring backend object) may hold rights' secrets."""
    from keyring.backends import chainer, fail, null

    name = class_name(backend)
    if isinstance(backend, fail.Keyring | null.Keyring):
        return Backend(name, False, False, reason=NO_KEYRING)
    if isinstance(backend, chainer.ChainerBackend):
        parts = [judge(b) for b in backend.backends]
        shown = f"{name}({', '.join(p.name for p in parts)})"
        if not parts:
            return Backend(shown, False, False, reason=NO_KEYRING)
        refused = [p for p in parts if not p.usable]
        if refused:
            first = refused[0]
            return Backend(shown, True, False, reason=first.reason, refused=first.refused)
        return Backend(shown, True, True, opted_in=any(p.opted_in for p in parts))
    if _protected(backend):
        return Backend(name, True, True)
    if _opted_in(backend):
        return Backend(name, True, True, opted_in=True)
    return Backend(
        name,
        True,
        False,
        reason=f"the keyring backend {name} is not one that protects secrets "
        "(Secret Service, KWallet, macOS Keychain, Windows Credential Locker)",
        refused=name,
    )


def current() -> Backend:
    """The backend keyring would use now, judged (``judge``)."""
    try:
        import keyring

        return judge(keyring.get_keyring())
    except Exception as exc:
        return Backend("", False, False, reason=f"{NO_KEYRING} ({exc})")


def refusal_hint(backend: Backend) -> str:
    """How to get past a refused backend: a passphrase, another backend, or the opt-in."""
    if not backend.present:
        return "use a passphrase: set RIGHTS_PASSPHRASE_FILE or run in a terminal"
    return (
        "use a passphrase (RIGHTS_PASSPHRASE_FILE or a terminal), select a protected backend "
        "(e.g. PYTHON_KEYRING_BACKEND=keyring.backends.SecretService.Keyring), or accept "
        f"this one with {OPT_IN_VARIABLE}={backend.refused}"
    )


def available() -> bool:
    """True when the OS keyring has a backend rights may keep secrets in."""
    return current().usable


def get(service: str, user: str) -> str | None:
    """Read the secret stored for ``service`` and ``user``, or None if there is none.

    Reading is allowed from any backend: a key stored before a backend was refused must
    still open its store.
    """
    try:
        import keyring

        value: str | None = keyring.get_password(service, user)
    except Exception as exc:
        raise KeyringError(
            f"the OS keyring failed: {exc}",
            hint="is the keyring unlocked? A store made with the keyring needs it",
        ) from None
    return value


def get_from(backend_name: str, service: str, user: str) -> str | None:
    """Read the secret for ``service`` and ``user`` from the one backend ``backend_name``
    (``module.Class``, as ``class_name`` gives it), or None when it cannot answer.

    Loads that backend's module and class directly: no detection of the best backend
    (keyring's ``get_keyring`` reads its config and asks every installed backend for its
    priority, the Secret Service's over D-Bus). Only a backend that protects secrets, or
    one opted in (``RIGHTS_KEYRING_BACKEND_OK``), is loaded by name; any failure is None,
    and the caller asks the keyring the usual way.
    """
    import importlib

    module_name, _, class_ = backend_name.rpartition(".")
    protected = {module for module, _ in PROTECTED_BACKENDS}
    opted = {n.strip() for n in os.environ.get(OPT_IN_VARIABLE, "").split(",")}
    if not module_name or (module_name not in protected and backend_name not in opted):
        return None
    try:
        kind = getattr(importlib.import_module(module_name), class_)
        value = kind().get_password(service, user)
    except Exception:
        return None
    return value if isinstance(value, str) else None


def put(service: str, user: str, secret: str) -> None:
    """Store ``secret`` for ``service`` and ``user``; KeyringError for a refused backend."""
    backend = current()
    if not backend.usable:
        raise KeyringError(backend.reason, hint=refusal_hint(backend))
    try:
        import keyring

        keyring.set_password(service, user, secret)
    except Exception as exc:
        raise KeyringError(f"the OS keyring refused to store the key: {exc}") from None


def delete(service: str, user: str) -> None:
    """Remove the entry of ``service`` and ``user``, if it is there (and there is a keyring)."""
    if not current().present:
        return
    try:
        import keyring
        from keyring.errors import PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError):
            keyring.delete_password(service, user)
    except Exception as exc:
        raise KeyringError(f"the OS keyring failed to delete the key: {exc}") from None
