"""A mail's parts: which are attachments, their names, and their text decoded."""

from __future__ import annotations

from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message

from pipeline.extract.decode import canonical_encoding, decode_text

# An S/MIME or PGP signature proves who sent the mail: it is no attachment.
SIGNATURES = frozenset(
    ("application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature")
)


def is_attachment(part: Message) -> bool:
    disposition = (part.get("content-disposition") or "").split(";", 1)[0].strip().lower()
    return disposition == "attachment"


def part_text(part: Message) -> str:
    """Decoded text of a part; a wrong or unknown charset label falls back to detection."""
    payload = part.get_payload(decode=True) or b""
    label = part.get_content_charset()
    encoding = canonical_encoding(label)
    if encoding:
        try:
            return payload.decode(encoding)
        except UnicodeDecodeError:
            pass
    return decode_text(payload, declared=label).text


def filename(part: Message, index: int) -> str:
    name = part.get_filename()
    if name:
        try:
            name = str(make_header(decode_header(name)))
        except (HeaderParseError, LookupError, UnicodeError, ValueError):
            pass
    name = (name or "").replace("/", "_").replace("\\", "_").strip()
    return name or f"attachment-{index}"
