"""Which release a mail of an `imap` source is: its identity and the hash of its content.

The sender's Message-ID names the release. A mail without one is named by its own headers
(From, To, Cc, Date, Subject), so two such mails of one sender stay two releases and a mail
read again is the same one. Newsletter tools reuse one Message-ID for every issue: a mail
under a known Message-ID whose subject and text both differ from the earlier one's is a
release of its own (named by the Message-ID and its content), not a revision that replaces
the earlier release. A correction keeps its subject or its text; it stays a revision.
"""

from __future__ import annotations

import hashlib
import re
from email.message import Message as HeaderBlock
from email.parser import BytesHeaderParser

from pipeline.config import SourceConfig

STABLE_HEADERS = ("from", "to", "cc", "subject", "date", "message-id", "content-type")
NAMING_HEADERS = ("from", "to", "cc", "date", "subject")
# A refused mail's stored hash starts with this instead of a subject and text digest: it
# records no content, so a later copy that passes is that release's revision.
REFUSED_MARK = "-" * 16
REFUSED_KEYWORD = "$MelderRefused"


def split_mail(data: bytes) -> tuple[HeaderBlock, bytes]:
    blank = re.search(rb"\r?\n\r?\n", data)
    head, body = (data[: blank.start()], data[blank.end() :]) if blank else (data, b"")
    return BytesHeaderParser().parsebytes(head + b"\n\n"), body.replace(b"\r\n", b"\n")


def _folded(value: object) -> str:
    return " ".join(str(value).split())


def mail_digest(data: bytes) -> str:
    """A hash of what the sender wrote, in three parts: subject, text, and the stable headers
    with the text (no Received or Delivered-To, so a duplicate delivery hashes the same)."""
    headers, body = split_mail(data)
    whole = hashlib.sha256()
    for name in STABLE_HEADERS:
        for value in headers.get_all(name, []):
            whole.update(f"{name}: {_folded(value)}\n".encode())
    whole.update(b"\n" + body)
    subject = hashlib.sha256(_folded(headers.get("subject", "")).encode()).hexdigest()
    text = hashlib.sha256(body.strip()).hexdigest()
    return subject[:16] + text[:16] + whole.hexdigest()[:32]


def refused_digest(identity: str) -> str:
    return REFUSED_MARK + hashlib.sha256(identity.encode()).hexdigest()[:48]


def another_release(earlier: str | None, digest: str) -> bool:
    """True when `digest` is a mail whose subject and text both differ from the `earlier`
    mail of the same Message-ID: another release, not a correction of that one."""
    if earlier is None or earlier == digest or earlier.startswith(REFUSED_MARK):
        return False
    return earlier[:16] != digest[:16] and earlier[16:32] != digest[16:32]


def own_identity(message_id: str, digest: str) -> str:
    """The identity of a mail that reuses `message_id` for another release: stable across
    runs, because it comes from the mail's subject and text."""
    return f"{message_id}#{digest[:32]}"


def reused_id_warning(message_id: str, identity: str) -> str:
    return (
        f"this mail carries the Message-ID {message_id} of an earlier mail with another "
        f"subject and text (release identity {message_id}): it is kept as a release of its "
        f"own ({identity}), not as a revision of that one; if it corrects it, merge it into it"
    )


def message_identity(header_bytes: bytes) -> str:
    """The Message-ID, else a name made of the mail's own From, To, Cc, Date and Subject."""
    headers = BytesHeaderParser().parsebytes(header_bytes)
    message_id = "".join(str(headers.get("Message-ID") or "").split())
    if message_id:
        return message_id
    named = hashlib.sha256()
    for name in NAMING_HEADERS:
        for value in headers.get_all(name, []):
            named.update(f"{name}: {_folded(value)}\n".encode())
    return f"mail:{named.hexdigest()[:32]}"


def refusal_keyword(source: SourceConfig) -> str:
    """The keyword a refused mail gets: it names the settings it was refused under, so that a
    changed `senders`, `require_authenticated`, `authserv_id` or `max_bytes` checks it again."""
    settings = source.imap
    assert settings is not None
    rules = repr(
        (
            sorted(sender.casefold() for sender in settings.senders),
            settings.require_authenticated,
            settings.authserv_id,
            source.max_bytes,
        )
    )
    return f"{REFUSED_KEYWORD}{hashlib.sha256(rules.encode()).hexdigest()[:12]}"
