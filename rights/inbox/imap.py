"""The IMAP client: connect (TLS with certificate checks; plaintext only to loopback), log
in, select a folder, search subjects for reference codes, fetch, append, move.

Built on the standard library's ``imaplib`` (docs/imap.md says why). Every failure of the
server or the network is a DeliveryError naming the server; a connection lost midway is
:class:`ConnectionLost` (a DeliveryError), so a sync can say what it kept and resume.
Fetching uses ``BODY.PEEK[]``: reading never marks a message as seen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rights.errors import DeliveryError, InputError

if TYPE_CHECKING:
    import imaplib

    from rights.inbox.imap_settings import ImapSettings

SEARCH_CHUNK = 20
"""Reference codes per SEARCH command (an OR of SUBJECT keys), to keep lines short."""
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")
_FETCH_UID = re.compile(rb"UID (\d+)")


class ConnectionLost(DeliveryError):
    """The server closed the connection (or the network dropped it) mid-session."""


class Mailbox:
    """A logged-in session; :meth:`select` a folder before searching or fetching."""

    def __init__(self, client: imaplib.IMAP4, where: str) -> None:
        self.client = client
        self.where = where
        self.folder: str | None = None
        self.uidvalidity = 0

    def _call(self, what: str, *args: Any) -> list[Any]:
        """Run one command; its data, or DeliveryError/ConnectionLost."""
        import imaplib

        try:
            status, data = getattr(self.client, what)(*args)
        except imaplib.IMAP4.abort as exc:
            raise ConnectionLost(f"IMAP {self.where}: connection lost ({exc})") from None
        except (imaplib.IMAP4.error, OSError) as exc:
            if isinstance(exc, OSError):
                raise ConnectionLost(f"IMAP {self.where}: connection lost ({exc})") from None
            raise DeliveryError(f"IMAP {self.where}: {_text(exc)}") from None
        if status != "OK":
            raise DeliveryError(f"IMAP {self.where}: {what.upper()} refused: {_text(data)}")
        return list(data)

    def select(self, folder: str, *, readonly: bool = True) -> int:
        """Select ``folder``; return its UIDVALIDITY."""
        data = self._call("select", quote(folder), readonly)
        del data
        found = self.client.response("UIDVALIDITY")[1]
        values = [v for v in found if v]
        if not values:
            raise DeliveryError(f"IMAP {self.where}: {folder} has no UIDVALIDITY")
        self.folder = folder
        self.uidvalidity = int(values[-1])
        return self.uidvalidity

    def require_folder(self, folder: str) -> None:
        """DeliveryError unless ``folder`` exists (checked before anything is recorded)."""
        try:
            self._call("status", quote(folder), "(UIDVALIDITY)")
        except ConnectionLost:
            raise
        except DeliveryError:
            raise DeliveryError(
                f"IMAP {self.where}: there is no folder {folder!r}",
                hint="create it in your mail client first (or check its name)",
            ) from None

    def search_subjects(self, refs: Iterable[str], since: dt.date | None = None) -> list[int]:
        """The UIDs whose Subject contains one of ``refs`` (the server's substring match),
        received on or after ``since``; ascending."""
        refs = sorted(set(refs))
        found: set[int] = set()
        for start in range(0, len(refs), SEARCH_CHUNK):
            keys = or_subjects(refs[start : start + SEARCH_CHUNK])
            if since is not None:
                keys = f"SINCE {imap_date(since)} {keys}"
            data = self._call("uid", "SEARCH", keys)
            found.update(int(n) for n in b" ".join(d for d in data if d).split())
        return sorted(found)

    def subjects(self, uids: list[int]) -> dict[int, bytes]:
        """The raw Subject header of each UID (for the header check before fetching)."""
        if not uids:
            return {}
        data = self._call("uid", "FETCH", uid_set(uids), "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        out: dict[int, bytes] = {}
        for item in data:
            if isinstance(item, tuple) and (match := _FETCH_UID.search(item[0])):
                out[int(match.group(1))] = bytes(item[1])
        return out

    def fetch(self, uids: Iterable[int]) -> Iterator[tuple[int, bytes]]:
        """Each message's exact bytes, one at a time (memory stays one message)."""
        for uid in uids:
            data = self._call("uid", "FETCH", str(uid), "(BODY.PEEK[])")
            raw = next((bytes(i[1]) for i in data if isinstance(i, tuple)), None)
            if raw is not None:  # None: expunged meanwhile
                yield uid, raw

    def append(self, folder: str, raw: bytes, *, seen: bool = True) -> None:
        """Add ``raw`` to ``folder`` (created when missing), flagged \\Seen."""
        import imaplib

        flags = r"(\Seen)" if seen else ""
        try:
            status, data = self.client.append(quote(folder), flags, None, raw)
            if status != "OK" and b"TRYCREATE" in b" ".join(d for d in data if d):
                self._call("create", quote(folder))
                status, data = self.client.append(quote(folder), flags, None, raw)
        except imaplib.IMAP4.abort as exc:
            raise ConnectionLost(f"IMAP {self.where}: connection lost ({exc})") from None
        except (imaplib.IMAP4.error, OSError) as exc:
            raise DeliveryError(f"IMAP {self.where}: {_text(exc)}") from None
        if status != "OK":
            raise DeliveryError(f"IMAP {self.where}: APPEND to {folder} refused: {_text(data)}")

    def move(self, uids: list[int], folder: str) -> None:
        """Move ``uids`` of the selected folder to ``folder`` (which must exist): UID MOVE
        (RFC 6851), else COPY then delete exactly those UIDs (UIDPLUS)."""
        if not uids:
            return
        listed = b" ".join(d for d in self._call("capability") if isinstance(d, bytes))
        caps = set(listed.decode("ascii", "replace").upper().split())
        which = uid_set(uids)
        if "MOVE" in caps:
            self._call("uid", "MOVE", which, quote(folder))
            return
        if "UIDPLUS" not in caps:
            raise DeliveryError(
                f"IMAP {self.where}: the server can neither MOVE nor expunge single messages",
                hint="run without --move-to",
            )
        self._call("uid", "COPY", which, quote(folder))
        self._call("uid", "STORE", which, "+FLAGS.SILENT", r"(\Deleted)")
        self._call("uid", "EXPUNGE", which)


@contextlib.contextmanager
def connect(settings: ImapSettings, password: str | None) -> Iterator[Mailbox]:
    """A logged-in :class:`Mailbox` (logged out afterwards).

    Plaintext is refused before connecting unless the host is loopback; TLS and STARTTLS
    check the certificate and the host name (``settings.cafile`` adds a CA to trust).
    """
    import imaplib
    import ssl

    from rights.delivery.email import is_loopback

    if settings.security == "none" and not is_loopback(settings.host):
        raise InputError(
            f"plaintext IMAP to {settings.host} is refused: it would expose the password "
            "and your mail",
            hint="use --security tls or starttls (plaintext is allowed only to localhost)",
        )
    if password is None:
        raise InputError(
            f"no IMAP password for {settings.user}@{settings.host}",
            hint="rights config imap ... again (the password from a file or RIGHTS_IMAP_PASSWORD)",
        )
    where = f"{settings.host}:{settings.port}"
    client: imaplib.IMAP4 | None = None
    try:
        context = ssl.create_default_context(cafile=settings.cafile)
        if settings.security == "tls":
            client = imaplib.IMAP4_SSL(
                settings.host, settings.port, ssl_context=context, timeout=settings.timeout
            )
        else:
            client = imaplib.IMAP4(settings.host, settings.port, timeout=settings.timeout)
            if settings.security == "starttls":
                client.starttls(ssl_context=context)
        client.login(settings.user, password)
    except ssl.SSLCertVerificationError as exc:
        _close(client)
        raise DeliveryError(
            f"IMAP {where}: the server's certificate is not trusted ({exc.verify_message})",
            hint="check the host name; a self-hosted server's CA goes in --cafile",
        ) from None
    except imaplib.IMAP4.error as exc:
        _close(client)
        text = _text(exc)
        if "STARTTLS" in text.upper():
            raise DeliveryError(
                f"IMAP {where}: the server does not offer STARTTLS", hint="try --security tls"
            ) from None
        raise DeliveryError(
            f"IMAP {where}: login refused ({text})", hint="check the user name and password"
        ) from None
    except OSError as exc:
        _close(client)
        raise DeliveryError(f"IMAP {where}: {exc.strerror or exc}") from None
    mailbox = Mailbox(client, where)
    try:
        yield mailbox
    finally:  # LOGOUT without CLOSE: CLOSE would expunge what the user flagged \Deleted
        with contextlib.suppress(Exception):
            client.logout()
        _close(client)


def _close(client: imaplib.IMAP4 | None) -> None:
    if client is not None:
        with contextlib.suppress(Exception):
            client.shutdown()


def _text(value: object) -> str:
    """A server's answer or an imaplib error as one readable line."""
    if isinstance(value, list):
        value = b" ".join(v for v in value if isinstance(v, bytes))
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, Exception) and value.args:
        return _text(value.args[0])
    return " ".join(str(value).split())


def quote(name: str) -> str:
    """A folder name as an IMAP quoted string (names with quotes are refused earlier)."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def or_subjects(refs: list[str]) -> str:
    """``SUBJECT a`` or nested ``OR (SUBJECT a) (...)`` keys matching any of ``refs``."""
    keys = [f'SUBJECT "{ref}"' for ref in refs]
    expr = keys[-1]
    for key in reversed(keys[:-1]):
        expr = f"OR {key} ({expr})" if expr.startswith("OR") else f"OR {key} {expr}"
    return expr if len(keys) == 1 else f"({expr})"


def imap_date(day: dt.date) -> str:
    """An IMAP date (``4-Dec-2026``), independent of the locale."""
    return f"{day.day}-{_MONTHS[day.month - 1]}-{day.year}"


def uid_set(uids: Iterable[int]) -> str:
    """UIDs as an IMAP sequence set with ranges: ``1:3,7``."""
    parts: list[str] = []
    run: list[int] = []
    for uid in sorted(set(uids)):
        if run and uid == run[-1] + 1:
            run.append(uid)
            continue
        if run:
            parts.append(f"{run[0]}:{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [uid]
    if run:
        parts.append(f"{run[0]}:{run[-1]}" if len(run) > 1 else str(run[0]))
    return ",".join(parts)


def parse_uid_set(text: str) -> set[int]:
    """The UIDs of a sequence set written by :func:`uid_set`."""
    out: set[int] = set()
    for part in filter(None, text.split(",")):
        low, _, high = part.partition(":")
        out.update(range(int(low), int(high or low) + 1))
    return out
