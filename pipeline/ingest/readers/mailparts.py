"""A mail's parts: which are attachments, their names, and their text decoded; which pictures
are the mailing tool's own; which attachment is a forwarded mail."""

from __future__ import annotations

import base64
import re
from email import errors
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message

from pipeline.extract import fragment_text, fragment_tree
from pipeline.extract.decode import canonical_encoding, decode_text

# An S/MIME or PGP signature proves who sent the mail: it is no attachment.
SIGNATURES = frozenset(
    ("application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature")
)


def is_attachment(part: Message) -> bool:
    disposition = (part.get("content-disposition") or "").split(";", 1)[0].strip().lower()
    return disposition == "attachment"


def part_text(part: Message) -> str:
    """Decoded text of a part; a wrong or unknown charset label falls back to detection. A
    plain text sent as format=flowed gets its paragraphs back (`unflowed`)."""
    text = _decoded(part)
    if part.get_content_type() == "text/plain" and part.get_param("format", "").lower() == "flowed":
        return unflowed(text, delete_space=part.get_param("delsp", "").lower() == "yes")
    return text


def _decoded(part: Message) -> str:
    payload = plain_under_base64(part)
    if payload is None:
        payload = _base64_cut_short(part) or part.get_payload(decode=True) or b""
    label = part.get_content_charset()
    encoding = canonical_encoding(label)
    if encoding:
        try:
            return payload.decode(encoding)
        except UnicodeDecodeError:
            pass
    return decode_text(payload, declared=label).text


# A base64 line holds only its alphabet; Python's decoder skips anything else without a word,
# which turns plain text labelled base64 into bytes of garbage.
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/]*={0,2}")
_BASE64_DAMAGE = (
    errors.InvalidBase64PaddingDefect,
    errors.InvalidBase64CharactersDefect,
    errors.InvalidBase64LengthDefect,
)


def plain_under_base64(part: Message) -> bytes | None:
    """The bytes of a part its mailer labelled base64 that holds no base64 (words, spaces,
    umlauts): read as the plain text it is. None for every other part."""
    if str(part.get("content-transfer-encoding", "")).strip().lower() != "base64":
        return None
    raw = part.get_payload()
    if not isinstance(raw, str):
        return None
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    if not lines or all(_BASE64_LINE.fullmatch(line) for line in lines):
        return None
    try:
        return raw.encode("ascii", "surrogateescape")  # the mail's own bytes, as parsed
    except UnicodeEncodeError:
        return raw.encode("utf-8", "surrogateescape")


def _base64_cut_short(part: Message) -> bytes | None:
    """The bytes of a base64 part whose last characters are missing, decoded as far as they
    go (Python hands such a part back undecoded); None for every other part."""
    if str(part.get("content-transfer-encoding", "")).strip().lower() != "base64":
        return None
    raw = part.get_payload()
    if not isinstance(raw, str):
        return None
    letters = re.sub(r"[^A-Za-z0-9+/]", "", raw)
    if len(letters) % 4 != 1:
        return None
    return base64.b64decode(letters[:-1])  # a lone last character holds no whole byte


def transfer_warnings(message: Message) -> tuple[str, ...]:
    """What the editor must know about how the mail's text parts came through: one labelled
    base64 that was plain text, one whose base64 is cut short or damaged (its end is lost)."""
    warnings: list[str] = []
    for part in message.walk():
        if part.is_multipart() or part.get_content_maintype() != "text" or is_attachment(part):
            continue
        if plain_under_base64(part) is not None:
            note = (
                "the mail's text part says it is base64 but holds plain text: it was read as "
                "plain text"
            )
        else:
            part.get_payload(decode=True)  # decoding records what is wrong with it
            if not any(isinstance(defect, _BASE64_DAMAGE) for defect in part.defects):
                continue
            note = (
                "the mail's text part has damaged base64 (cut short or with stray characters): "
                "its last words may be missing or wrong; compare it with the original before "
                "approving"
            )
        if note not in warnings:
            warnings.append(note)
    return tuple(warnings)


SIGNATURE_SEPARATOR = "-- "


def unflowed(text: str, *, delete_space: bool = False) -> str:
    """RFC 3676: a line ending in a space goes on in the next line of the same quote depth (a
    mail client wrapped it at 72 characters); a line's leading space was added for transport.
    Without this, a wrapped sentence reads as lines, and a cover note's rule misses its end."""
    out: list[str] = []
    flowing = False
    depth_of_open = 0
    for raw in text.replace("\r\n", "\n").split("\n"):
        depth = len(raw) - len(raw.lstrip(">"))
        line = raw[depth:]
        line = line[1:] if line.startswith(" ") else line  # space-stuffing
        soft = line.endswith(" ") and line != SIGNATURE_SEPARATOR
        if soft and delete_space:
            line = line[:-1]
        if flowing and depth == depth_of_open:
            out[-1] += line
        else:
            out.append(">" * depth + (" " if depth and line else "") + line)
        flowing, depth_of_open = soft, depth
    return "\n".join(out)


def filename(part: Message, index: int) -> str:
    name = part.get_filename()
    if name:
        try:
            name = str(make_header(decode_header(name)))
        except (HeaderParseError, LookupError, UnicodeError, ValueError):
            pass
    name = (name or "").replace("/", "_").replace("\\", "_").strip()
    return name or f"attachment-{index}"


# a mail-merge field nobody filled: '{{BODY_PLACEHOLDER}}', '[[Vorname]]', '*|FNAME|*', '%%text%%'
PLACEHOLDER_RE = re.compile(r"\{\{\s*[\w.-]+\s*\}\}|\[\[\s*\w+\s*\]\]|\*\|[A-Z_]+\|\*|%%\w+%%")
CUT_SHARE = 0.6  # an HTML part with less than this share of the text part's words was cut off


def broken_html(html_part: Message | None, text_part: Message | None) -> str | None:
    """Why the HTML part cannot be the body when the text part can: a template left unfilled,
    or a part cut off (its words a fraction of the text part's)."""
    if html_part is None or text_part is None:
        return None
    html_text = fragment_text(fragment_tree(part_text(html_part)))
    plain = part_text(text_part)
    if PLACEHOLDER_RE.search(html_text) and not PLACEHOLDER_RE.search(plain):
        return "its HTML part is a template nobody filled"
    if len(html_text.split()) < CUT_SHARE * len(plain.split()):
        return "its HTML part is cut off"
    return None


def attachments(message: Message, skip: set[int]):
    """Every part that is not the body or an inline image shown by it."""
    for part in message.walk():
        if part.is_multipart() or id(part) in skip:
            continue
        if part.get_content_maintype() == "text" and not is_attachment(part):
            continue  # the plain-text twin of the HTML body, or an inline text fragment
        if part.get_content_type() in SIGNATURES:
            continue  # an S/MIME or PGP signature proves the sender, it is no attachment
        yield part


# Outlook's rich text (TNEF, sent as winmail.dat): the mail's formatting and, at its attachment
# level, files the sender attached in Outlook. It is never a document of the release.
TNEF_SIGNATURE = b"\x78\x9f\x3e\x22"
_TNEF_MESSAGE_LEVEL, _TNEF_ATTACHMENT_LEVEL = 1, 2


def is_tnef(part: Message) -> bool:
    return part.get_content_type() in ("application/ms-tnef", "application/vnd.ms-tnef") or (
        filename(part, 0).lower() == "winmail.dat"
    )


def tnef_may_hold_files(part: Message) -> bool:
    """Whether a winmail.dat carries attachments of its own: an attribute at its attachment
    level, or a structure Melder cannot follow (then it may)."""
    data = part.get_payload(decode=True) or b""
    if not data.startswith(TNEF_SIGNATURE):
        return bool(data)
    position = len(TNEF_SIGNATURE) + 2  # the signature and a 2-byte key
    while position < len(data):
        level = data[position]
        if level == 0 and not data[position:].strip(b"\x00"):
            return False  # zeros that pad it out
        if level != _TNEF_MESSAGE_LEVEL:
            return True
        if position + 9 > len(data):
            return True
        length = int.from_bytes(data[position + 5 : position + 9], "little")
        position += 9 + length + 2  # level, id, length, the value, its checksum
    return False


# A mailing tool's own picture in the footer of every mail it sends: its badge ('Email Marketing
# Powered by Intuit Mailchimp', 'Sent by Brevo') or a vector icon. No press photo is an SVG.
_TOOL_PICTURE_RE = re.compile(r"\.svg(?:$|[?#])|/monkey_rewards/|/rnb/|powered[_-]?by", re.I)
_TOOL_BADGE_ALT_RE = re.compile(
    r"\b(?:powered by|sent (?:by|with)|e-?mail marketing|created with|made with)\b", re.I
)


# The mail template's own pictures: its banner over every issue and its row of social icons,
# by file name ('…/fancy_images/CITY/2024/01/header.png', 'x.png', 'facebook-icon.png'), or by
# an alt text that only names a network; also a tool's folder of template pictures (GovDelivery's
# 'fancy_images')
_TEMPLATE_PICTURE_RE = re.compile(
    r"/fancy_images/|/(?:x|twitter|facebook|instagram|linkedin|youtube|tiktok|threads|bluesky"
    r"|mastodon|flickr|pinterest|rss|e-?mail|header|footer|masthead|banner|divider|spacer)"
    r"(?:[-_]?(?:icon|logo|badge|\d{1,4}))?\.(?:png|gif|jpe?g|webp)(?:$|[?#])",
    re.I,
)
_NETWORK_ALT_RE = re.compile(
    r"\W*(?:x|twitter|facebook|instagram|linkedin|youtube|tiktok|threads|bluesky|mastodon"
    r"|flickr|pinterest|rss)(?:\s+(?:icon|logo))?\W*",
    re.I,
)


def is_tool_picture(url: str, alt: str) -> bool:
    """A mailing tool's badge or its template's banner or social icon: no press photo."""
    return bool(
        _TOOL_PICTURE_RE.search(url)
        or _TOOL_BADGE_ALT_RE.search(alt)
        or _TEMPLATE_PICTURE_RE.search(url)
        or _NETWORK_ALT_RE.fullmatch(alt)
    )


def cut_off(message: Message) -> tuple[str, ...]:
    """A multipart mail without its closing boundary stopped in transfer (or in a copy): it
    reads as a shorter release, so the editor is told to compare it with the original."""
    defects = (defect for part in message.walk() for defect in part.defects)
    if any(isinstance(defect, errors.CloseBoundaryNotFoundDefect) for defect in defects):
        return ("the mail looks cut off (its last part never ends): compare it with the original",)
    return ()


def tnef_notes(message: Message) -> tuple[str, ...]:
    """A note for a winmail.dat that may hold files the sender attached in Outlook."""
    return tuple(
        f"the mail's {filename(part, 0)} (Outlook's rich text, TNEF) holds attachments that "
        "Melder does not read: ask the sender to attach the files to a mail in HTML or plain "
        "text (in Outlook: Format Text > HTML)"
        for part in attachments(message, set())
        if is_tnef(part) and tnef_may_hold_files(part)
    )


# A forward sent as an attachment (Outlook's 'Forward as attachment'): the mail's own text is a
# note of at most this many words, and the release is the attached message.
_ATTACHED_NOTE_WORDS = 60


FORWARD_ATTACHED = "the release was read from the mail forwarded as this one's attachment"


def attached_message(message: Message, shown: Message | None) -> bytes | None:
    """The bytes of the message attached to a mail whose shown part (its text or HTML) is only
    a short note, or none."""
    own = (shown.get_payload(decode=True) or b"").decode("utf-8", "replace") if shown else ""
    if len(re.sub(r"<[^>]+>", " ", own).split()) > _ATTACHED_NOTE_WORDS:
        return None
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            if hasattr(inner, "as_bytes"):
                return inner.as_bytes()
        elif not part.is_multipart() and (saved := saved_message(part)):
            return saved
    return None


# A mail saved as a file and attached as one ('Sommerbad.eml' sent as application/octet-stream
# or text/plain): its bytes open with the header block of a mail.
_SAVED_MAIL_NAME = re.compile(r"\.eml$", re.I)
_MAIL_HEADER = re.compile(
    rb"^(from|to|subject|date|message-id|mime-version|received|return-path"
    rb"|content-type)[ \t]*:",
    re.I | re.M,
)
_HEADERS_OF_A_MAIL = 3


def saved_message(part: Message) -> bytes | None:
    """The bytes of a mail attached as a file rather than as a message part, or None."""
    if not is_attachment(part):
        return None
    data = part.get_payload(decode=True) or b""
    head = re.split(rb"\r?\n\r?\n", data[:8000], maxsplit=1)[0]
    names = {match.lower() for match in _MAIL_HEADER.findall(head)}
    if not re.match(rb"[A-Za-z-]+[ \t]*:", head):
        return None
    named = _SAVED_MAIL_NAME.search(part.get_filename() or "")
    if len(names) >= _HEADERS_OF_A_MAIL or (named and names & {b"from", b"subject", b"date"}):
        return data
    return None
