"""Input formats: each module turns the bytes of one input into a `RawRelease`.

Readers are keyed by file extension. A reader raises `Rejected` for an input it cannot use;
`read_input` turns that into a `RawRelease` that carries the problem, so nothing is lost.

In: an input's bytes, its file suffix and an `InputContext`. Out: a `RawRelease`. The HTML and
e-mail readers call `pipeline.extract` for the article; no reader touches the store.

May import: `pipeline.extract`, `pipeline.config`, `pipeline.models`, `pipeline.errors`.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Callable

from pipeline.errors import Rejected
from pipeline.extract.decode import split_bom
from pipeline.ingest.readers import email, html, jsonfmt, markdown, text
from pipeline.ingest.readers.context import InputContext, content_hash
from pipeline.models import Problem, RawRelease

log = logging.getLogger(__name__)

FormatReader = Callable[[bytes, InputContext], RawRelease]

READERS: dict[str, FormatReader] = {
    ".html": html.read,
    ".htm": html.read,
    ".txt": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".json": jsonfmt.read,
    ".eml": email.read,
}


# What a file is by its first bytes, whatever its name says: a PDF renamed to .txt is queued
# as a release of PDF code otherwise. Each says what to send instead, and only what Melder
# reads: HTML, text, Markdown, JSON, or the text in the body of a mail (never a document).
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# the stream an encrypted .docx/.xlsx holds inside its OLE container, named in UTF-16
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
SIGNATURES = (
    (b"%PDF-", "a PDF document", "send its text as .txt or .html, or in the body of a mail"),
    (
        _OLE,
        "an Outlook message (.msg) or an old Word file (.doc)",
        "save the mail as .eml (drag it out of Outlook), or the document as HTML or text",
    ),
    (b"PK\x03\x04", "a ZIP archive or an Office document (.docx, .odt)", "save it as HTML or text"),
    (b"{\\rtf", "an RTF document", "save it as HTML or plain text"),
)
PROTECTED = (
    "a password-protected Word file",
    "remove the password, then save it as HTML or text",
)


def _known_binary(data: bytes) -> tuple[str, str] | None:
    """(what the file is, what to send instead) for a file whose first bytes say so."""
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(_OLE) and _ENCRYPTION_INFO in data[:65536]:
        return PROTECTED  # not an old .doc: a .docx saved with a password
    for magic, what, advice in SIGNATURES:
        if start.startswith(magic):
            return what, advice
    return None


def read_input(data: bytes, suffix: str, context: InputContext) -> RawRelease:
    """Read one input; never raises for bad content, the problem travels with the result."""
    suffix = suffix.lower()
    try:
        size = max(context.size or 0, len(data))
        if size > context.config.max_bytes:
            raise Rejected(
                f"input is {size:,} bytes, over the limit of {context.config.max_bytes:,}; "
                "raise max_bytes in the source's TOML if this is a real release",
                field="input",
            )
        if not data:
            raise Rejected(
                "input is empty (0 bytes); an upload or a copy was cut off: send the file again",
                field="input",
            )
        if len(data) <= 4096 and not data.decode("utf-8", "ignore").replace("\ufeff", "").strip():
            raise Rejected(
                "input is empty (only spaces and line breaks); send the file with the release",
                field="input",
            )
        kind = _known_binary(data)
        reader = READERS.get(suffix)
        if reader is None:
            known = ", ".join(sorted(READERS))
            said = f" ({kind[0]}: {kind[1]})" if kind else ""
            raise Rejected(
                f"unsupported file type {suffix or '(none)'!r}{said}; use one of {known}"
            )
        if kind:  # a PDF renamed to .txt would read as a release of PDF code
            raise Rejected(f"the {suffix} input is {kind[0]}, not text: {kind[1]}", field="input")
        data, repaired = _text_bytes(data) if suffix != ".eml" else (data, "")
        if _binary(data) and suffix != ".eml":
            raise Rejected(
                f"the {suffix or 'file'} input is binary (an image, archive or office file?), "
                "not text; send the release as HTML, text, Markdown, JSON or e-mail",
                field="input",
            )
        reader, note = _by_content(data, suffix, reader)
        raw = capped(reader(data, context))
        notes = tuple(note for note in (repaired, note) if note)
        return raw.model_copy(update={"warnings": (*raw.warnings, *notes)}) if notes else raw
    except Rejected as exc:
        return rejected(data, context, exc.reason, exc.field)
    except Exception as exc:  # one poisoned input must never stop its source
        log.warning("%s: %s could not be read", context.source, context.locator, exc_info=True)
        reason = f"could not be read ({type(exc).__name__}: {str(exc)[:200]})"
        return rejected(data, context, reason)


_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_ANY_TAG = re.compile(rb"<(?:[a-zA-Z][a-zA-Z0-9-]*[\s/>]|!--)")


def _by_content(data: bytes, suffix: str, reader: FormatReader) -> tuple[FormatReader, str]:
    """A web page saved as .txt is read as a page, a text saved as .html as text: what the
    bytes are wins over the name, and the editor is told."""
    encoding, head = split_bom(data[:65536])
    if encoding not in (None, "utf-8"):  # Word's 'Save as Web Page' writes UTF-16
        head = head.decode(encoding, "replace").encode("utf-8")
    if suffix == ".txt" and _HTML_START.match(head):
        return html.read, "the .txt file holds a web page: it was read as HTML"
    if suffix in (".html", ".htm") and not _ANY_TAG.search(head):
        return text.read, f"the {suffix} file holds no HTML tags: it was read as plain text"
    return reader, ""


# The longest value a field may hold; longer ones are cut and the release is flagged, so a
# 70 MB "title" can neither fill the store nor every queue page.
FIELD_LIMITS = {
    "title": 1000,
    "teaser": 5000,
    "contact": 5000,
    "language": 35,
    "identity": 2000,
    "base_url": 2000,
    "published_text": 200,
}
MAX_CATEGORIES, MAX_CATEGORY = 50, 100


def capped(raw: RawRelease) -> RawRelease:
    """`raw` with every field within its limit; each cut is a problem the editor sees."""
    update: dict = {}
    problems = list(raw.problems)
    for name, limit in FIELD_LIMITS.items():
        value = getattr(raw, name)
        if isinstance(value, str) and len(value) > limit:
            update[name] = value[:limit]
            problems.append(
                Problem(field=name, message=f"{len(value):,} characters; the limit is {limit:,}")
            )
    categories = [category[:MAX_CATEGORY] for category in raw.categories[:MAX_CATEGORIES]]
    if tuple(categories) != raw.categories:
        update["categories"] = tuple(categories)
        problems.append(
            Problem(
                field="categories",
                message=f"at most {MAX_CATEGORIES} categories of {MAX_CATEGORY} characters kept",
            )
        )
    if not update:
        return raw
    return raw.model_copy(update={**update, "problems": tuple(problems)})


def _text_bytes(data: bytes) -> tuple[bytes, str]:
    """Text that a NUL byte or a missing byte-order mark made look binary, made readable, and
    a note saying what was done; other bytes as they are."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head:
        return data, ""
    if (order := _utf16_order(head)) is not None:
        bom = codecs.BOM_UTF16_LE if order == "le" else codecs.BOM_UTF16_BE
        return bom + data, "the file is UTF-16 text without a byte-order mark: it was read so"
    stray = data.count(b"\x00")
    if _stray_nuls(data, stray):
        return data.replace(b"\x00", b""), f"{stray} NUL byte(s) removed from the text"
    return data, ""


# A tool that pads or terminates strings leaves a few NULs in otherwise clean text; binary data
# has NULs too, but also many other control bytes (a random byte is one in about 11 of them).
MAX_STRAY_NULS = 16
STRAY_NUL_SHARE = 100  # or at most one byte in this many
TEXT_CONTROL_SHARE = 50  # at most one other control byte in this many


def _stray_nuls(data: bytes, stray: int) -> bool:
    if stray > max(MAX_STRAY_NULS, len(data) // STRAY_NUL_SHARE):
        return False
    sample = data[:8192].replace(b"\x00", b"")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls * TEXT_CONTROL_SHARE <= len(sample)


def _utf16_order(head: bytes) -> str | None:
    """'le' or 'be' when `head` reads as UTF-16 without a BOM: Western text has a NUL in
    (nearly) every high byte, and (nearly) never in a low one."""
    even, odd = head[0::2], head[1::2]
    if len(odd) < 16:
        return None
    for order, high, low in (("le", odd, even), ("be", even, odd)):
        if high.count(0) >= 0.8 * len(high) and low.count(0) <= 0.05 * len(low):
            return order
    return None


def _binary(data: bytes) -> bool:
    """NUL bytes, or mostly control characters, in the first KiB: no text format has them
    (UTF-16 text has NULs too, but starts with its byte-order mark)."""
    head = data[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return b"\x00" in head or controls > len(head) // 10


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])  # not tab, newlines, form feed or CR


def rejected(data: bytes, context: InputContext, reason: str, field: str = "input") -> RawRelease:
    return RawRelease(
        source=context.source,
        identity=context.locator,
        format="unknown",
        provenance=context.provenance(),
        content_hash=content_hash(data),
        problems=(Problem(field=field, message=reason),),
    )


__all__ = ["READERS", "InputContext", "content_hash", "read_input", "rejected"]
