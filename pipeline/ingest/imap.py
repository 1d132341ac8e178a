"""Kind `imap`: a mailbox that press offices send their releases to.

Messages are read with BODY.PEEK (nothing is marked on reading). Only once the batch is
stored are they flagged `$MelderDone` (or moved): a crash in between leaves them unflagged,
the next run reads them again and the store recognises them by Message-ID and content hash.
The content hash leaves out transport headers, so a duplicate delivery is the same release.
Credentials come from the environment variables the source names, never from its TOML.
"""

from __future__ import annotations

import hashlib
import imaplib
import logging
import os
import re
import ssl
from dataclasses import dataclass, replace
from datetime import datetime
from email.parser import BytesHeaderParser
from pathlib import Path

from pipeline.config import Config, ImapConfig, SourceConfig
from pipeline.errors import SourceError
from pipeline.ingest import mailauth
from pipeline.ingest.base import IngestResult, keep_original
from pipeline.ingest.mailauth import Sender
from pipeline.ingest.readers import InputContext, read_input, rejected

log = logging.getLogger(__name__)

DONE = "$MelderDone"
STABLE_HEADERS = ("from", "to", "cc", "subject", "date", "message-id", "content-type")
SIZE_RE = re.compile(rb"RFC822\.SIZE (\d+)")
UIDVALIDITY_RE = re.compile(rb"UIDVALIDITY (\d+)")


@dataclass
class MailJob:
    """What every message of one run needs; `batch` holds the identities read so far."""

    name: str
    source: SourceConfig
    now: datetime
    seen: object
    batch: set[str]
    root: Path


@dataclass(frozen=True)
class Message:
    """One message as the mailbox gives it, before it is read as a release."""

    uid: str
    identity: str
    sender: Sender
    size: int


def ingest(name: str, source: SourceConfig, config: Config, *, now: datetime, seen) -> IngestResult:
    settings = settings_of(source)
    result = IngestResult()
    with Mailbox(settings, config, source.timeout) as mailbox:
        uids = mailbox.pending()[: source.max_items]
        job = MailJob(name, source, now, seen, set(), config.root)
        handled = [uid for uid in uids if take_message(mailbox, uid, job, result)]
        validity = mailbox.uidvalidity
    if handled:
        result.on_stored.append(
            lambda: mark_done(settings, config, source.timeout, validity, handled)
        )
    return result


def take_message(mailbox: Mailbox, uid: str, job: MailJob, result: IngestResult) -> bool:
    """Read one message into `result`; True when it may be marked done after storing."""
    try:
        message = mailbox.envelope(uid)
        context = InputContext(
            source=job.name,
            config=job.source,
            locator=message.identity,
            received_at=job.now,
            route="imap",
            sender=message.sender.address,
        )
        refusal = _refusal(message, job.source)
        if refusal:
            raw = rejected(message.identity.encode(), context, refusal, field="sender")
            result.raws.append((raw, message.identity))
            return True
        data = mailbox.body(uid)
    except (imaplib.IMAP4.error, OSError) as exc:
        result.failures.append(f"message uid {uid}: {exc}")
        return False
    digest = mail_digest(data)
    if message.identity in job.batch or job.seen(message.identity, digest):
        result.skipped += 1  # a duplicate delivery, or stored before a crash
        return True
    job.batch.add(message.identity)
    context = replace(context, kept=keep_original(job.root, job.name, data, ".eml"))
    raw = read_input(data, ".eml", context)
    raw = raw.model_copy(update={"identity": message.identity, "content_hash": digest})
    result.raws.append((raw, message.identity))
    return True


def _refusal(message: Message, source: SourceConfig) -> str | None:
    settings = source.imap
    assert settings is not None
    sender = message.sender
    if sender.problem and (settings.senders or settings.require_authenticated):
        return f"sender cannot be told: {sender.problem}; such mails are refused"
    if not mailauth.allowed(sender.address, settings.senders):
        return (
            f"sender {sender.address or '(none)'} is not on the source's allow-list "
            "(imap.senders); add the address or its domain if the press office uses it"
        )
    if settings.require_authenticated and not mailauth.authenticated(
        sender, settings.authserv_id or ""
    ):
        return (
            f"sender {sender.address} is not authenticated: no Authentication-Results from "
            f"{settings.authserv_id} with dmarc=pass or dkim=pass for its domain"
        )
    if message.size > source.max_bytes:
        return (
            f"message is {message.size:,} bytes, over the limit of {source.max_bytes:,}; "
            "raise max_bytes in the source's TOML if this is a real release"
        )
    return None


def mail_digest(data: bytes) -> str:
    """A hash of what the sender wrote: stable headers and body, no Received or Delivered-To."""
    blank = re.search(rb"\r?\n\r?\n", data)
    head, body = (data[: blank.start()], data[blank.end() :]) if blank else (data, b"")
    headers = BytesHeaderParser().parsebytes(head + b"\n\n")
    digest = hashlib.sha256()
    for name in STABLE_HEADERS:
        for value in headers.get_all(name, []):
            digest.update(f"{name}: {' '.join(str(value).split())}\n".encode())
    digest.update(b"\n" + body.replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def message_identity(message_id: str | None, fallback: str) -> str:
    value = "".join((message_id or "").split())
    return value if value else f"mail:{fallback}"


def settings_of(source: SourceConfig) -> ImapConfig:
    if source.imap is None:
        raise SourceError("no [imap] table: host, username_env and password_env are required")
    return source.imap


def _credentials(settings: ImapConfig) -> tuple[str, str]:
    user = os.environ.get(settings.username_env)
    password = os.environ.get(settings.password_env)
    missing = [
        name
        for name, value in ((settings.username_env, user), (settings.password_env, password))
        if not value
    ]
    if missing:
        raise SourceError(
            f"environment variable(s) {', '.join(missing)} not set; they hold the login"
        )
    return user or "", password or ""


def mark_done(
    settings: ImapConfig, config: Config, timeout: float, validity: str | None, uids: list[str]
) -> None:
    """Flag (or move) the messages of a stored batch, on a fresh connection."""
    with Mailbox(settings, config, timeout) as mailbox:
        if validity is not None and mailbox.uidvalidity != validity:
            # The server renumbered the folder; the next run re-reads and the store dedupes.
            log.warning(
                "imap %s: UIDVALIDITY changed; not marking %d message(s)", settings.host, len(uids)
            )
            return
        mailbox.mark(uids)


class Mailbox:
    """One logged-in IMAP connection with the source's folder selected."""

    def __init__(self, settings: ImapConfig, config: Config, timeout: float):
        self.settings, self.config, self.timeout = settings, config, timeout
        self.connection: imaplib.IMAP4 | None = None
        self.uidvalidity: str | None = None

    def __enter__(self) -> Mailbox:
        user, password = _credentials(self.settings)  # before connecting: fail fast and local
        try:
            self.connection = self._connect()
            self.connection.login(user, password)
            self._select()
        except (imaplib.IMAP4.error, OSError, ssl.SSLError) as exc:
            self.__exit__(None, None, None)
            raise SourceError(
                f"imap {self.settings.host}:{self.settings.effective_port}: {exc}"
            ) from None
        except SourceError:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *_exc) -> None:
        if self.connection is not None:
            try:
                self.connection.logout()
            except (imaplib.IMAP4.error, OSError):
                pass
            self.connection = None

    def _connect(self) -> imaplib.IMAP4:
        host, port = self.settings.host, self.settings.effective_port
        if self.settings.security == "tls":
            return imaplib.IMAP4_SSL(host, port, ssl_context=self._tls(), timeout=self.timeout)
        connection = imaplib.IMAP4(host, port, timeout=self.timeout)
        if self.settings.security == "starttls":
            if "STARTTLS" not in connection.capabilities:
                connection.shutdown()
                raise SourceError(
                    f"imap {host}:{port} offers no STARTTLS; refusing to send the login in clear"
                )
            connection.starttls(ssl_context=self._tls())
        return connection

    def _tls(self) -> ssl.SSLContext:
        ca_file = self.settings.ca_file
        return ssl.create_default_context(
            cafile=str(self.config.root / ca_file) if ca_file else None
        )

    def _select(self) -> None:
        status, data = self.connection.select(_quoted(self.settings.folder))
        if status != "OK":
            raise SourceError(f"folder {self.settings.folder!r} cannot be opened: {_text(data)}")
        _, response = self.connection.response("UIDVALIDITY")
        self.uidvalidity = _text(response) or None

    def pending(self) -> list[str]:
        """UIDs of messages not yet done, oldest first."""
        status, data = self.connection.uid("SEARCH", None, "UNKEYWORD", DONE)
        if status != "OK":
            raise SourceError(f"search in {self.settings.folder!r} failed: {_text(data)}")
        return sorted(_text(data).split(), key=int)

    def envelope(self, uid: str) -> Message:
        status, data = self.connection.uid(
            "FETCH",
            uid,
            "(RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID FROM AUTHENTICATION-RESULTS)])",
        )
        if status != "OK" or not data or not isinstance(data[0], tuple):
            raise imaplib.IMAP4.error(f"cannot fetch headers: {_text(data)}")
        meta, header_bytes = data[0]
        size = SIZE_RE.search(meta)
        headers = BytesHeaderParser().parsebytes(header_bytes)
        sender = mailauth.sender_of(header_bytes)
        identity = message_identity(
            headers.get("Message-ID"), hashlib.sha256(header_bytes).hexdigest()[:32]
        )
        return Message(
            uid=uid, identity=identity, sender=sender, size=int(size.group(1)) if size else 0
        )

    def body(self, uid: str) -> bytes:
        status, data = self.connection.uid("FETCH", uid, "(BODY.PEEK[])")
        if status != "OK" or not data or not isinstance(data[0], tuple):
            raise imaplib.IMAP4.error(f"cannot fetch message: {_text(data)}")
        return data[0][1]

    def mark(self, uids: list[str]) -> None:
        uid_set = ",".join(uids)
        self._ok(self.connection.uid("STORE", uid_set, "+FLAGS", f"({DONE} \\Seen)"), "flag")
        if self.settings.after == "move" and self.settings.move_to:
            self._move(uid_set, _quoted(self.settings.move_to))

    def _move(self, uid_set: str, target: str) -> None:
        self.connection.create(target)  # fails harmlessly when the folder exists
        if "MOVE" in self._capabilities():
            self._ok(self.connection.uid("MOVE", uid_set, target), "move")
            return
        self._ok(self.connection.uid("COPY", uid_set, target), "copy")
        self._ok(self.connection.uid("STORE", uid_set, "+FLAGS", "(\\Deleted)"), "delete")
        self.connection.expunge()

    def _capabilities(self) -> set[str]:
        """Asked again after login: servers announce MOVE only to logged-in clients."""
        _, data = self.connection.capability()
        return set(_text(data).upper().split())

    def _ok(self, answer: tuple, what: str) -> None:
        status, data = answer
        if status != "OK":
            raise SourceError(f"imap {what} failed: {_text(data)}")


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(data) -> str:
    parts = [item for item in data or [] if isinstance(item, bytes)]
    return b" ".join(parts).decode("utf-8", errors="replace").strip()
