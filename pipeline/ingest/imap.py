"""Kind `imap`: a mailbox that press offices send their releases to.

Messages are read with BODY.PEEK and `\\Seen` is never set: in a press mailbox people share,
what they have read stays theirs. Only once the batch is stored are they flagged
`$MelderDone` (or moved): a crash in between leaves them unflagged, the next run reads them
again and the store recognises them by identity and content hash (see `mail_identity`). A
refused mail gets a keyword naming the settings it was refused under instead, so it is read
again once they change. Mails flagged `\\Deleted` are left alone. Credentials come from the
environment variables the source names, never from its TOML.
"""

from __future__ import annotations

import imaplib
import logging
import os
import re
import ssl
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from pipeline.config import Config, ImapConfig, SourceConfig
from pipeline.errors import SourceError
from pipeline.ingest import mailauth
from pipeline.ingest.base import IngestResult, keep_original
from pipeline.ingest.mail_identity import (
    another_release,
    mail_digest,
    message_identity,
    own_identity,
    refusal_keyword,
    refused_digest,
    reused_id_warning,
)
from pipeline.ingest.mailauth import Sender
from pipeline.ingest.readers import InputContext, read_input, rejected

log = logging.getLogger(__name__)

DONE = "$MelderDone"
SIZE_RE = re.compile(rb"RFC822\.SIZE (\d+)")
UIDVALIDITY_RE = re.compile(rb"UIDVALIDITY (\d+)")
LIST_RE = re.compile(rb'\([^)]*\) (?:"((?:[^"\\]|\\.)*)"|NIL) ')


@dataclass
class MailJob:
    """What every message of one run needs; `batch` holds the identities read so far, with
    their content hashes."""

    name: str
    source: SourceConfig
    now: datetime
    seen: object
    batch: dict[str, str]
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
    refused_under = refusal_keyword(source)
    with Mailbox(settings, config, source.timeout) as mailbox:
        uids = mailbox.pending(refused_under)[: source.max_items]
        job = MailJob(name, source, now, seen, {}, config.root)
        outcomes = {uid: take_message(mailbox, uid, job, result) for uid in uids}
        validity = mailbox.uidvalidity
    handled = [uid for uid, outcome in outcomes.items() if outcome == "done"]
    refused = [uid for uid, outcome in outcomes.items() if outcome == "refused"]
    if handled or refused:
        result.on_stored.append(
            lambda: mark_done(
                settings, config, source.timeout, validity, handled, (refused, refused_under)
            )
        )
    return result


def take_message(mailbox: Mailbox, uid: str, job: MailJob, result: IngestResult) -> str | None:
    """Read one message into `result`; "done" when it may be marked done after storing,
    "refused" when the source's settings refused it, None when it could not be read."""
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
            raw = raw.model_copy(update={"content_hash": refused_digest(message.identity)})
            result.raws.append((raw, message.identity))
            return "refused"
        data = mailbox.body(uid)
    except (imaplib.IMAP4.error, OSError) as exc:
        result.failures.append(f"message uid {uid}: {exc}")
        return None
    digest = mail_digest(data)
    identity, warnings = message.identity, ()
    earlier = job.batch.get(identity) or _known_digest(job.seen, identity)
    if another_release(earlier, digest):
        identity = own_identity(message.identity, digest)
        warnings = (reused_id_warning(message.identity, identity),)
    if job.batch.get(identity) == digest or job.seen(identity, digest):
        result.skipped += 1  # a duplicate delivery, or stored before a crash
        return "done"
    job.batch[identity] = digest
    context = replace(
        context, locator=identity, kept=keep_original(job.root, job.name, data, ".eml")
    )
    raw = read_input(data, ".eml", context)
    raw = raw.model_copy(
        update={
            "identity": identity,
            "content_hash": digest,
            "warnings": (*raw.warnings, *warnings),
        }
    )
    result.raws.append((raw, identity))
    return "done"


def _known_digest(seen, locator: str) -> str | None:
    """The content hash stored for `locator`, when the runner's record of inputs tells it."""
    digest_of = getattr(seen, "digest_of", None)
    return digest_of(locator) if digest_of else None


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
    settings: ImapConfig,
    config: Config,
    timeout: float,
    validity: str | None,
    uids: list[str],
    refused: tuple[list[str], str] = ([], ""),
) -> None:
    """Flag (or move) the messages of a stored batch, on a fresh connection; the refused
    ones only get the keyword of the settings that refused them and stay where they are."""
    with Mailbox(settings, config, timeout) as mailbox:
        if validity is not None and mailbox.uidvalidity != validity:
            # The server renumbered the folder; the next run re-reads and the store dedupes.
            log.warning(
                "imap %s: UIDVALIDITY changed; not marking %d message(s)",
                settings.host,
                len(uids) + len(refused[0]),
            )
            return
        refused_uids, keyword = refused
        if refused_uids:
            mailbox.flag(refused_uids, keyword)
        if uids:
            mailbox.mark(uids)


class Mailbox:
    """One logged-in IMAP connection with the source's folder selected."""

    def __init__(self, settings: ImapConfig, config: Config, timeout: float):
        self.settings, self.config, self.timeout = settings, config, timeout
        self.connection: imaplib.IMAP4 | None = None
        self.uidvalidity: str | None = None
        self.separator: str | None = None

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
        self.separator = self._separator()
        status, data = self.connection.select(_quoted(self.server_name(self.settings.folder)))
        if status != "OK":
            raise SourceError(f"folder {self.settings.folder!r} cannot be opened: {_text(data)}")
        _, response = self.connection.response("UIDVALIDITY")
        self.uidvalidity = _text(response) or None

    def _separator(self) -> str | None:
        """The server's hierarchy separator ("/" or "."), None for a flat server."""
        status, data = self.connection.list('""', '""')
        if status != "OK":
            return None
        for line in data or []:
            found = LIST_RE.match(line) if isinstance(line, bytes) else None
            if found and found.group(1):
                return re.sub(rb"\\(.)", rb"\1", found.group(1)).decode()
        return None

    def server_name(self, folder: str) -> str:
        """A folder path as the settings write it, levels split by "/", as the server
        spells it: "Melder/Erledigt" is "Melder.Erledigt" where the separator is "."."""
        if self.separator and self.separator != "/":
            return folder.replace("/", self.separator)
        return folder

    def folder_exists(self, folder: str) -> bool:
        status, data = self.connection.list('""', _quoted(self.server_name(folder)))
        return status == "OK" and any(isinstance(line, bytes) and line for line in data or [])

    def create(self, folder: str) -> str | None:
        """Create a folder; the server's refusal, or None once it exists."""
        if self.folder_exists(folder):
            return None
        status, data = self.connection.create(_quoted(self.server_name(folder)))
        return None if status == "OK" else _text(data) or status

    def pending(self, refused_under: str = "") -> list[str]:
        """UIDs of messages not yet done, not deleted and not refused under the current
        settings, oldest first."""
        criteria = ["UNKEYWORD", DONE, "UNDELETED"]
        if refused_under:
            criteria += ["UNKEYWORD", refused_under]
        status, data = self.connection.uid("SEARCH", None, *criteria)
        if status != "OK":
            raise SourceError(f"search in {self.settings.folder!r} failed: {_text(data)}")
        return sorted(_text(data).split(), key=int)

    def envelope(self, uid: str) -> Message:
        status, data = self.connection.uid(
            "FETCH",
            uid,
            "(RFC822.SIZE BODY.PEEK[HEADER.FIELDS "
            "(MESSAGE-ID FROM TO CC DATE SUBJECT AUTHENTICATION-RESULTS)])",
        )
        if status != "OK" or not data or not isinstance(data[0], tuple):
            raise imaplib.IMAP4.error(f"cannot fetch headers: {_text(data)}")
        meta, header_bytes = data[0]
        size = SIZE_RE.search(meta)
        return Message(
            uid=uid,
            identity=message_identity(header_bytes),
            sender=mailauth.sender_of(header_bytes),
            size=int(size.group(1)) if size else 0,
        )

    def body(self, uid: str) -> bytes:
        status, data = self.connection.uid("FETCH", uid, "(BODY.PEEK[])")
        if status != "OK" or not data or not isinstance(data[0], tuple):
            raise imaplib.IMAP4.error(f"cannot fetch message: {_text(data)}")
        return data[0][1]

    def flag(self, uids: list[str], keyword: str) -> None:
        self._ok(self.connection.uid("STORE", ",".join(uids), "+FLAGS", f"({keyword})"), "flag")

    def mark(self, uids: list[str]) -> None:
        self.flag(uids, DONE)
        if self.settings.after == "move" and self.settings.move_to:
            self._move(",".join(uids), self.settings.move_to)

    def _move(self, uid_set: str, folder: str) -> None:
        refusal = self.create(folder)
        if refusal:
            raise SourceError(
                f"imap cannot create move_to {folder!r} "
                f"(as {self.server_name(folder)!r}): {refusal}"
            )
        target = _quoted(self.server_name(folder))
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
