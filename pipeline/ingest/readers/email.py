"""Reader for releases that arrive by e-mail (.eml, RFC 5322).

The subject is the title, the HTML part (else the plain-text part) the body, Message-ID the
identity. Images shown inline (`cid:`) come first, with their alt text and caption, then the
other attachments; their bytes go to the media stage, which decides what they are and never
opens or executes anything else. Remote images in a mail are not taken: in mails they are
mostly trackers and newsletter chrome. A forwarded release loses the forwarding header block.
"""

from __future__ import annotations

import email
import re
from datetime import datetime
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header
from email.message import Message
from email.utils import parsedate_to_datetime
from html import unescape
from urllib.parse import unquote

from pipeline.errors import Rejected
from pipeline.extract import (
    FoundImage,
    all_images,
    drop_captions,
    fragment_html,
    fragment_tree,
    parse_html,
)
from pipeline.extract.decode import canonical_encoding, decode_text
from pipeline.extract.images import NOT_A_PHOTO_RE
from pipeline.ingest.readers.context import InputContext, content_hash
from pipeline.ingest.readers.covernotes import (
    only_in_documents,
    release_behind_link,
    release_in_attachment,
)
from pipeline.ingest.readers.forwards import (
    QUOTED_RELEASE,
    automatic_kind,
    forwarded_date,
    is_reply,
    strip_forward_blocks,
    strip_forward_text,
    without_quoted_thread,
)
from pipeline.ingest.readers.mailparts import (
    FORWARD_ATTACHED,
    attached_message,
    attachments,
    broken_html,
    cut_off,
    filename,
    is_attachment,
    is_tnef,
    is_tool_picture,
    part_text,
    tnef_notes,
    transfer_warnings,
)
from pipeline.ingest.readers.replies import answer_to_a_question
from pipeline.ingest.readers.smime import ENCRYPTED, is_encrypted, is_pkcs7_mail, signed_entity
from pipeline.ingest.readers.spam_marks import spam_warnings
from pipeline.models import MediaInput, Problem, RawRelease

# "WG:", "Fwd:", "AW:" ... in front of a forwarded release's subject, and the tags a mail
# gateway or a mailing list puts there ('[EXTERN]', '*EXTERNAL*', '[SPAM?]', '[Presse-Info]').
# A tag with a figure or an embargo's or a correction's word ('[Sperrfrist 27.11., 10 Uhr]',
# '[KORREKTUR]') is the sender's and stays for the headline's labels.
_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:fwd?|wg|wtr|aw|re|fw|extern(?:al)?|ext)\s*:\s*"
    r"|\[(?![^\]]*(?:\d|sperr|embargo|korrektur|berichtigung|correct|update))[^\]\n]{1,30}\]\s*"
    r"|\*{1,3}\s?(?:extern(?:al)?|ext|external (?:e-?mail|sender)|spam\??|suspected spam)\s?\*{1,3}"
    r"\s*)+",
    re.IGNORECASE,
)


def read(data: bytes, context: InputContext) -> RawRelease:

    message = _parse(data)
    if is_pkcs7_mail(message) and is_encrypted(message):
        return _encrypted(message, data, context)
    if is_pkcs7_mail(message) and (opened := signed_entity(data, message)):
        message = _parse(opened)  # an opaque S/MIME signature holds the whole mail
    html_part, text_part = _body_parts(message)
    shown = part_text(text_part) if text_part else _tagless(html_part)
    if automatic := automatic_kind(message, _header(message, "subject") or "", shown):
        raise Rejected(f"no press release: the mail is {automatic}", field="email")
    broken = broken_html(html_part, text_part)
    if broken:
        html_part = None  # the mail's text part is whole where its HTML part is not
    if inner := attached_message(message, text_part or html_part):
        raw = read(inner, context)  # a forward as attachment; the inner message is smaller
        return raw.model_copy(update={"warnings": (*raw.warnings, FORWARD_ATTACHED)})
    if html_part is None and text_part is None and (documents := only_in_documents(message)):
        raise Rejected(documents.message, field=documents.field)
    inline, remote = _inline_images(html_part)
    subject = _header(message, "subject") or ""
    replying = is_reply(subject)
    body_html, body_text, forwarded = _body(html_part, text_part, inline + remote, replying)
    published, published_text = _date(message)
    # the release's own date, not when it was passed on; a reply is dated by itself, unless
    # the release is the message it quotes ('Am … schrieb …:' under a short note)
    if forwarded.get("date") and (not replying or forwarded.get(QUOTED_RELEASE)):
        published, published_text = forwarded_date(forwarded["date"], published)
    body_html, body_text, notes, problems, used = release_in_attachment(
        message, body_html, body_text, skip={id(html_part), id(text_part)}
    )
    if not (notes or problems) and (behind_link := release_behind_link(body_html, body_text)):
        problems = (behind_link,)
    answer, answered, reply_notes = answer_to_a_question(shown) if replying else (None, (), ())
    if answer is not None and not problems:
        body_html, body_text, problems = None, answer, answered
    return RawRelease(
        source=context.source,
        identity=_header(message, "message-id") or context.locator,
        format="email",
        provenance=context.provenance(sender=_header(message, "from")),
        content_hash=content_hash(data),
        # a release read from its attachment has its own headline there
        title=None if notes else subject_title(subject, forwarded.get("subject")),
        body_html=body_html,
        body_text=body_text,
        published=published,
        published_text=published_text,
        language=_language(message),
        media=_media(
            message, inline, {id(html_part), id(text_part), *used}, _shown_content_ids(html_part)
        ),
        warnings=spam_warnings(message, _tags_in_front(subject))
        + cut_off(message)
        + transfer_warnings(message)
        + notes
        + reply_notes
        + _not_fetched(remote)
        + (() if problems else tnef_notes(message))  # a problem names it already
        + ((f"the mail's text part was read: {broken}",) if broken else ()),
        problems=problems,
    )


def _encrypted(message: Message, data: bytes, context: InputContext) -> RawRelease:
    """An encrypted mail: only its headers can be read, and its subject is the headline."""
    return RawRelease(
        source=context.source,
        identity=_header(message, "message-id") or context.locator,
        format="email",
        provenance=context.provenance(sender=_header(message, "from")),
        content_hash=content_hash(data),
        title=subject_title(_header(message, "subject"), None),
        published=_date(message)[0],
        problems=(Problem(field="email", message=ENCRYPTED),),
    )


MAX_DEPTH = 10
MAX_PARTS = 500
MAX_MULTIPARTS = 50
_MULTIPART = re.compile(rb"content-type:\s*multipart/", re.IGNORECASE)


def _parse(data: bytes) -> Message:
    # The stdlib parser recurses once per nested multipart: count them before it starts.
    if len(_MULTIPART.findall(data, 0, len(data))) > MAX_MULTIPARTS:
        raise Rejected(f"more than {MAX_MULTIPARTS} multipart sections", field="email")
    # compat32 keeps headers as strings and decodes them only when asked: policy.default builds
    # and re-parses header objects on every access, which costs milliseconds per message.
    message = email.message_from_bytes(data, policy=policy.compat32)
    known = {"from", "subject", "date", "message-id", "to"}
    if not known & {key.lower() for key in message.keys()}:
        raise Rejected(
            "not an e-mail: no From, Subject, Date or Message-ID header at the top", field="email"
        )
    if not re.search(rb"\r?\n\r?\n", data):
        raise Rejected(
            "the mail ends inside its headers: it was cut off before its text; ask the sender "
            "for the whole mail",
            field="email",
        )
    _check_structure(message)
    return message


def _check_structure(message: Message) -> None:
    """Refuse a mail nested deeper or split into more parts than any real release is: walking
    such a mail recursively would exhaust the stack."""
    stack, parts = [(message, 0)], 0
    while stack:
        part, depth = stack.pop()
        parts += 1
        if depth > MAX_DEPTH:
            raise Rejected(f"parts nested more than {MAX_DEPTH} levels deep", field="email")
        if parts > MAX_PARTS:
            raise Rejected(f"more than {MAX_PARTS} parts", field="email")
        # only multiparts: get_payload() of a leaf decodes with the part's own charset label
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            stack.extend((child, depth + 1) for child in payload if isinstance(child, Message))


def _header(message: Message, name: str) -> str | None:
    """A header as text, encoded words (=?iso-8859-1?q?...?=) decoded, folding undone."""
    raw = message.get(name)
    if raw is None:
        return None
    try:
        parts = decode_header(raw)
        # decode_header drops the space between an encoded word and the plain text after it
        text = "".join(
            (" " if index and parts[index - 1][1] and not charset else "")
            + _decode_word(part, charset)
            for index, (part, charset) in enumerate(parts)
        )
    except (HeaderParseError, LookupError, UnicodeError, ValueError):
        text = _raw_header_text(raw)
    return " ".join(text.split()) or None


def _decode_word(part: bytes | str, charset: str | None) -> str:
    """One encoded word; a Latin-1 label is read as windows-1252, as mail clients do."""
    if isinstance(part, str):
        return part
    encoding = canonical_encoding(charset)
    if encoding is None:  # no charset, or a label that is none ("zlib"): UTF-8, else Western
        try:
            return part.decode("utf-8")
        except UnicodeDecodeError:
            return part.decode("cp1252", errors="replace")
    return part.decode(encoding, errors="replace")


def _raw_header_text(raw) -> str:
    """Undeclared 8-bit bytes in a header (seen from old mailers): decode them like a body."""
    data = str(raw).encode("ascii", "surrogateescape")
    return decode_text(data).text


def subject_title(subject: str | None, forwarded_subject: str | None) -> str | None:
    if subject and _SUBJECT_PREFIX.match(subject) and forwarded_subject:
        subject = forwarded_subject  # a forwarded forward's subject has its own 'WG:'
    cleaned = _SUBJECT_PREFIX.sub("", subject or "").strip()
    return cleaned or None


def _tags_in_front(subject: str) -> str:
    """What `subject_title` cuts: 'WG:', a gateway's '[SPAM?]' or '*** SPAM ***'."""
    tags = _SUBJECT_PREFIX.match(subject)
    return tags.group() if tags else ""


def _date(message: Message) -> tuple[datetime | None, str | None]:
    raw = _header(message, "date")
    if raw is None:
        return None, None
    try:
        moment = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is not None and moment.tzinfo is not None:
        return moment, None
    return None, raw  # unparseable or without a zone: `normalize` may still read it


def _language(message: Message) -> str | None:
    value = _header(message, "content-language")
    if not value:
        return None
    primary = re.split(r"[-_,;\s]", value, maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


# ---------------------------------------------------------------------------------------------
# Body


def _body(
    html_part: Message | None,
    text_part: Message | None,
    inline: list[FoundImage],
    replying: bool = False,
) -> tuple[str | None, str | None, dict[str, str]]:
    """(body_html, body_text, a forwarded message's subject and date) from the preferred part."""
    if html_part is not None:
        fragment = fragment_tree(without_quoted_thread(part_text(html_part), replying))
        drop_captions(fragment, inline)
        forwarded = strip_forward_blocks(fragment)
        return fragment_html(fragment) or None, None, forwarded
    if text_part is None:
        raise Rejected("the e-mail has no text or HTML part to read", field="body")
    text, forwarded = strip_forward_text(part_text(text_part), replying)
    return None, text.strip() or None, forwarded


def _tagless(html_part: Message | None) -> str:
    """The HTML part's text with a line per block, as the mail shows it."""
    if html_part is None:
        return ""
    html = re.sub(r"(?is)<(style|script|head)\b.*?</\1\s*>", " ", part_text(html_part))
    html = re.sub(r"(?i)<(?:br|/p|/div|/tr|/li|/h\d|/blockquote)\b[^>]*>", "\n", html)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def _body_parts(message: Message) -> tuple[Message | None, Message | None]:
    """The first inline text/html and text/plain parts: what a mail program would show."""
    html_part = text_part = None
    for part in message.walk():
        if part.is_multipart() or is_attachment(part):
            continue
        kind = part.get_content_type()
        if kind == "text/html" and html_part is None:
            html_part = part
        elif kind == "text/plain" and text_part is None:
            text_part = part
    return html_part, text_part


# ---------------------------------------------------------------------------------------------
# Attachments


def _inline_images(html_part: Message | None) -> tuple[list[FoundImage], list[FoundImage]]:
    """The photos the HTML part shows from its own parts (`cid:`) or inline (`data:`), and the
    ones it loads from the web, which Melder does not fetch (a mail's remote pictures track
    who opens it); their captions leave the body all the same."""
    if html_part is None:
        return [], []
    tree = parse_html(part_text(html_part))
    if tree is None:
        return [], []
    found = all_images(tree, None)
    inline = [image for image in found if image.url[:4].lower() in ("cid:", "data")]
    remote = [image for image in found if image.url.lower().startswith(("http:", "https:"))]
    return inline, [image for image in remote if not is_tool_picture(image.url, image.alt)]


def _not_fetched(remote: list[FoundImage]) -> tuple[str, ...]:
    note = "Melder does not fetch pictures a mail links; attach the photo to the mail"
    return tuple(f"the mail shows a photo from the web ({image.url}): {note}" for image in remote)


def _media(
    message: Message, inline: list[FoundImage], skip: set[int], shown: set[str] = frozenset()
) -> tuple[MediaInput, ...]:
    """Inline images in the order the mail shows them, then every other attachment."""
    by_content_id = {}
    for part in message.walk():
        content_id = (part.get("content-id") or "").strip().strip("<>")
        if content_id and not part.is_multipart():
            by_content_id.setdefault(content_id, part)
    found, used = [], set()
    for image in inline:
        details = {"caption": image.caption, "credit": image.credit, "alt": image.alt}
        if not image.url.lower().startswith("cid:"):
            found.append(MediaInput(url=image.url, **details))
            continue
        part = by_content_id.get(unquote(image.url[4:]).strip("<>"))
        if part is None:
            found.append(MediaInput(url=image.url, filename=image.url[4:80], **details))
        elif NOT_A_PHOTO_RE.search(filename(part, 0)):
            used.add(id(part))  # a letterhead's 'logo.png', a signature's icons
        elif id(part) not in used:
            used.add(id(part))
            found.append(_part_media(part, len(found) + 1, **details))
    # a picture the HTML shows but that is not among `inline` is decoration (a signature's
    # logo under the greeting): it is no attachment of the release either
    decoration = {
        id(part)
        for content_id, part in by_content_id.items()
        if id(part) not in used and content_id in shown
    }
    for index, part in enumerate(
        attachments(message, skip | used | decoration), start=len(found) + 1
    ):
        if not is_tnef(part):  # Outlook's formatting, no document of the release
            found.append(_part_media(part, index))
    return tuple(found)


def _shown_content_ids(html_part: Message | None) -> set[str]:
    """The content ids (`cid:…`) that the HTML part shows."""
    if html_part is None:
        return set()
    return {
        unquote(reference).strip("<>")
        for reference in re.findall(r"cid:([^\"'\s>)]+)", part_text(html_part), re.I)
    }


def _part_media(part: Message, index: int, **details: str) -> MediaInput:
    return MediaInput(
        data=part.get_payload(decode=True) or b"",
        filename=filename(part, index),
        declared_type=part.get_content_type(),
        **details,
    )
