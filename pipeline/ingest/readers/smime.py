"""A mail signed with S/MIME in its opaque form (`application/pkcs7-mime;
smime-type=signed-data`, `smime.p7m`): the whole mail, text and attachments, lies inside a
PKCS#7 SignedData structure that only a mail program which knows S/MIME shows. Melder takes the
MIME entity out of it, without checking the signature (a signature proves who sent the mail,
which a source's address settles here). An encrypted mail (enveloped-data) cannot be read
without the recipient's key: its subject is still the headline, and the sender is told what to
send instead.

The structure is BER (DER, or BER with indefinite lengths as some mail programs write it); the
few elements on the way to the content are read here directly."""

from __future__ import annotations

import base64
import binascii
import re
from email.message import Message

_PKCS7_MIME = ("application/pkcs7-mime", "application/x-pkcs7-mime")
# the object identifiers' encoded bytes (1.2.840.113549.1.7.2 and .3)
_SIGNED_DATA = bytes.fromhex("2a864886f70d010702")
_ENVELOPED_DATA = bytes.fromhex("2a864886f70d010703")
_AUTH_ENVELOPED_DATA = bytes.fromhex("2a864886f70d0109100117")
_MAX_DEPTH = 32  # nested indefinite lengths: far more than any real structure has

ENCRYPTED = (
    "the mail is encrypted (S/MIME), and Melder cannot read it: ask the sender to send the "
    "release unencrypted (signed is fine), or as a web page or file"
)


def is_pkcs7_mail(message: Message) -> bool:
    return message.get_content_type() in _PKCS7_MIME


def is_encrypted(message: Message) -> bool:
    """An S/MIME mail encrypted for its recipients, by its label or by its content."""
    kind = str(message.get_param("smime-type") or "").lower()
    if kind in ("enveloped-data", "authenveloped-data"):
        return True
    return _content_type(_der(message)) in (_ENVELOPED_DATA, _AUTH_ENVELOPED_DATA)


def signed_entity(data: bytes, message: Message) -> bytes | None:
    """The mail with its opaque signature taken off: the outer headers (From, Subject, Date,
    Message-ID) over the signed MIME entity. None when it is no signed-data or is unreadable."""
    der = _der(message)
    if _content_type(der) != _SIGNED_DATA:
        return None
    try:
        entity = _signed_content(der)
    except (IndexError, ValueError):
        return None
    if not entity:
        return None
    head = re.split(rb"\r?\n\r?\n", data, maxsplit=1)[0]
    outer = [
        line
        for line in _unfolded(head.decode("ascii", "replace"))
        if not line.lower().startswith(("content-", "mime-version"))
    ]
    return "\r\n".join(outer).encode() + b"\r\nMIME-Version: 1.0\r\n" + entity.lstrip(b"\r\n")


def _unfolded(head: str) -> list[str]:
    lines: list[str] = []
    for line in head.splitlines():
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += " " + line.strip()
        elif line:
            lines.append(line)
    return lines


def _der(message: Message) -> bytes:
    payload = message.get_payload()
    if not isinstance(payload, str):
        return b""
    try:
        return base64.b64decode("".join(payload.split()), validate=False)
    except (binascii.Error, ValueError):
        return message.get_payload(decode=True) or b""


def _content_type(der: bytes) -> bytes | None:
    """The object identifier of a ContentInfo: SEQUENCE { OID, [0] content }."""
    try:
        _, start, end, _ = _element(der, 0)
        tag, oid_start, oid_end, _ = _element(der, start)
    except (IndexError, ValueError):
        return None
    return der[oid_start:oid_end] if tag == 0x06 and oid_end <= end else None


def _signed_content(der: bytes) -> bytes:
    """ContentInfo [0] → SignedData { version, digestAlgorithms, encapContentInfo { type,
    [0] OCTET STRING }, … }: the octets of the signed content."""
    _, start, end, _ = _element(der, 0)
    explicit = list(_children(der, start, end))[1]
    signed = list(_children(der, explicit[1], explicit[2]))[0]
    encapsulated = list(_children(der, signed[1], signed[2]))[2]
    inner = list(_children(der, encapsulated[1], encapsulated[2]))
    if len(inner) < 2:
        return b""  # a detached signature: the content is elsewhere
    wrapper = inner[1]
    octets = list(_children(der, wrapper[1], wrapper[2]))[0]
    return _octets(der, octets)


def _octets(der: bytes, element: tuple[int, int, int, int], depth: int = 0) -> bytes:
    """An OCTET STRING's bytes, also one in pieces (constructed, as BER allows)."""
    tag, start, end, _ = element
    if tag == 0x04:
        return der[start:end]
    if tag != 0x24 or depth > _MAX_DEPTH:
        raise ValueError("no octet string")
    return b"".join(_octets(der, piece, depth + 1) for piece in _children(der, start, end))


def _children(der: bytes, start: int, end: int):
    position = start
    while position < end and der[position : position + 2] != b"\0\0":
        element = _element(der, position)
        yield element
        position = element[3]


def _element(der: bytes, position: int, depth: int = 0) -> tuple[int, int, int, int]:
    """(tag, content start, content end, next element's position) of the element there."""
    if depth > _MAX_DEPTH:
        raise ValueError("nested too deep")
    tag = der[position]
    position += 1
    if tag & 0x1F == 0x1F:  # a tag number of several bytes
        while der[position] & 0x80:
            position += 1
        position += 1
    first = der[position]
    position += 1
    if first == 0x80:  # indefinite length: the children run to an end-of-contents mark
        start = position
        while der[position : position + 2] != b"\0\0":
            position = _element(der, position, depth + 1)[3]
        return tag, start, position, position + 2
    if first & 0x80:
        count = first & 0x7F
        length = int.from_bytes(der[position : position + count], "big")
        position += count
    else:
        length = first
    if position + length > len(der):
        raise ValueError("element longer than the data")
    return tag, position, position + length, position + length
