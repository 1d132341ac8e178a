"""Messages pasted into a text file: a mail copied with its header block, a chat's export.

A mail copied from a mail program into a .txt starts with its header block ('Von: … Gesendet:
… An: … Betreff: …'); it is read as the mail it was: the subject is the headline, the sent
date dates it. A release forwarded in a chat comes with the chat's stamp in front of each
message ('[25.11.26, 10:15] Petra Lange: …'); the release is the one long message, and the
chat's other messages (thanks, a private number for the editors) are no part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.ingest.readers.email import subject_title
from pipeline.ingest.readers.forwards import forwarded_date

# --- A mail's header block at the top of the text -------------------------------------------

_MAIL_HEADER_RE = re.compile(
    r"^\s*\*?(?P<key>from|von|sent|gesendet|date|datum|to|an|cc|bcc|subject|betreff|"
    r"reply-to|antwort an|importance|wichtigkeit|attachments|anlagen)\s*:\*?\s*(?P<value>.*?)\s*$",
    re.I,
)
_COPIED_MARKER_RE = re.compile(
    r"\s*-{2,}\s*(?:original message|ursprüngliche nachricht|forwarded message"
    r"|weitergeleitete nachricht)\s*-*\s*$",
    re.I,
)
_ADDRESSES_RE = re.compile(r"@|;\s*$")
_SUBJECT_KEYS = frozenset({"subject", "betreff"})
_SENDER_KEYS = frozenset({"from", "von"})
_DATE_KEYS = frozenset({"sent", "gesendet", "date", "datum"})
_RECIPIENT_KEYS = frozenset({"to", "an", "cc", "bcc"})


@dataclass(frozen=True, slots=True)
class PastedMail:
    title: str | None
    sent: str | None  # the date as the mail program printed it
    body: str


def pasted_mail(text: str) -> PastedMail | None:
    """The mail whose header block opens `text`: a sender and a subject, with a date or a
    recipient, one field a line before the first empty line. A release's own 'Datum:' and
    'Titel:' lines alone are no mail."""
    lines = text.lstrip("\ufeff").split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index < len(lines) and _COPIED_MARKER_RE.match(lines[index]):
        index += 1  # '-----Ursprüngliche Nachricht-----' over the copied header block
    fields: dict[str, str] = {}
    key = None
    while index < len(lines) and lines[index].strip():
        match = _MAIL_HEADER_RE.match(lines[index])
        if match:
            key = match.group("key").casefold()
            fields.setdefault(key, match.group("value"))
        elif not (key in _RECIPIENT_KEYS and _ADDRESSES_RE.search(lines[index])):
            return None  # a long 'An:' line wraps onto the next; anything else is no header
        index += 1
    keys = set(fields)
    if not (keys & _SUBJECT_KEYS and keys & _SENDER_KEYS and keys & (_DATE_KEYS | _RECIPIENT_KEYS)):
        return None
    subject = next(fields[key] for key in fields if key in _SUBJECT_KEYS)
    sent = next((fields[key] for key in fields if key in _DATE_KEYS and fields[key]), None)
    return PastedMail(
        title=subject_title(subject, None),
        sent=forwarded_date(sent)[1] if sent else None,
        body="\n".join(lines[index:]).strip("\n"),
    )


# --- A chat's export ------------------------------------------------------------------------

# '[25.11.26, 10:15] Name: …' (WhatsApp on iOS) or '25.11.26, 10:15 - Name: …' (on Android)
_CHAT_STAMP_RE = re.compile(
    r"^\u200e?\[?(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{2}|\d{4}),?\s+"
    r"(?P<time>\d{1,2}:\d{2})(?::\d{2})?\s*(?:[AP]M)?\]?\s*(?:[-–]\s*)?"
    r"(?P<author>[^:\n]{1,60}):\s?(?P<message>.*)$",
    re.I,
)
# what a chat app writes for a message passed on from another chat
_FORWARD_MARK_RE = re.compile(r"^\s*[*_]?(?:weitergeleitet|forwarded)[*_]?\s*$", re.I)
CHAT_MESSAGES = 2  # one stamped line could be a release's own line; two are a chat


@dataclass(frozen=True, slots=True)
class ChatMessage:
    sent: str
    text: str


def chat_release(text: str) -> ChatMessage | None:
    """The release in a chat's export: its longest message, without the forward mark; None
    where the text is no chat (the first line not stamped, or a single stamp)."""
    messages: list[ChatMessage] = []
    for line in text.lstrip("\ufeff").strip().split("\n"):
        stamp = _CHAT_STAMP_RE.match(line)
        if stamp:
            year = stamp.group("year")
            year = f"20{year}" if len(year) == 2 else year
            sent = f"{stamp.group('day')}.{stamp.group('month')}.{year} {stamp.group('time')}"
            messages.append(ChatMessage(sent, stamp.group("message")))
        elif not messages:
            return None
        else:
            last = messages[-1]
            messages[-1] = ChatMessage(last.sent, f"{last.text}\n{line}")
    if len(messages) < CHAT_MESSAGES:
        return None
    kept = [message for message in messages if not _FORWARD_MARK_RE.match(message.text)]
    longest = max(kept or messages, key=lambda message: len(message.text))
    return ChatMessage(longest.sent, longest.text.strip())
