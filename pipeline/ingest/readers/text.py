"""Plain-text inputs: a release as text, or the text dump of a whole web page.

The reader only decodes and keeps the lines as they came; telling the release from the page
around it is `normalize`'s job. A few leading "Titel:" / "Datum:" header lines are honoured,
and so are a pasted mail's header block and a chat's message stamps (see `pasted`).
"""

from __future__ import annotations

import codecs
import quopri
import re

from charset_normalizer import from_bytes

from pipeline.errors import Rejected
from pipeline.extract.decode import canonical_encoding, decode_text
from pipeline.ingest.readers.context import InputContext, content_hash
from pipeline.ingest.readers.pasted import chat_release, pasted_mail
from pipeline.models import RawRelease

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that never occur in text: C0 controls other than tab, line feed, form feed, CR, ESC.
CONTROL_BYTES = bytes(sorted(set(range(0x00, 0x09)) | {0x0B, 0x0E, 0x0F} | set(range(0x10, 0x1B))))
HEADER_RE = re.compile(
    r"^\s*(?P<key>titel|title|überschrift|headline|datum|date|veröffentlicht|published)\s*:\s*"
    r"(?P<value>\S.*?)\s*$",
    re.I,
)
TITLE_KEYS = frozenset({"titel", "title", "überschrift", "headline"})


def read(data: bytes, context: InputContext) -> RawRelease:

    text, note = without_quoted_printable(decode(data, context.config.encoding))
    if mail := pasted_mail(text):  # read as the mail it was: its subject, date and furniture
        title, published_text, body, kind = mail.title, mail.sent, mail.body, "email"
    elif chat := chat_release(text):
        title, published_text, body, kind = None, chat.sent, chat.text, "text"
    else:
        (title, published_text, body), kind = split_header(text), "text"
    return RawRelease(
        source=context.source,
        identity=context.locator,
        format=kind,
        provenance=context.provenance(),
        content_hash=content_hash(data),
        title=title,
        published_text=published_text,
        body_text=body,
        base_url=context.base_url,
        warnings=(note,) if note else (),
    )


# A mail's quoted-printable transfer encoding saved as the text: 'G=C3=BCnzburg', lines
# ending in '=' that go on in the next. One '=C3' in a release is text; umlauts written as
# two escapes each, more than once, or escapes beside soft line breaks are the encoding.
_QP_MULTIBYTE = re.compile(r"=[C-F][0-9A-F](?:=[89AB][0-9A-F])+")
_QP_ESCAPE = re.compile(r"=[0-9A-F]{2}")
_QP_SOFT_BREAK = re.compile(r"[^=\s]=\r?$", re.MULTILINE)


def without_quoted_printable(text: str) -> tuple[str, str | None]:
    """`text` decoded when it is quoted-printable, with a note saying so; else as it is."""
    multibyte = len(_QP_MULTIBYTE.findall(text))
    escapes, soft = len(_QP_ESCAPE.findall(text)), len(_QP_SOFT_BREAK.findall(text))
    if multibyte < 2 and not (escapes >= 3 and soft):
        return text, None
    decoded = decode_text(quopri.decodestring(text.encode("utf-8")))
    if decoded.lossy:
        return text, None
    return decoded.text, (
        "the text was still quoted-printable, as a mail sends it ('G=C3=BCnzburg'): it was "
        "decoded; compare umlauts and line ends with the original"
    )


def decode(data: bytes, override: str | None = None) -> str:
    """The text of `data`: the configured encoding, a BOM's, UTF-8, or a detected legacy one."""
    if override:
        return _decode_as(data, override)
    for bom, encoding in BOMS:
        if data.startswith(bom):
            decoded = decode_text(data)
            if encoding == "utf-8-sig" and not decoded.lossy:
                return decoded.text  # windows-1252 bytes under a UTF-8 mark read as they were typed
            return _decode_as(data, encoding)
    if looks_binary(data):
        raise Rejected(
            "the file looks like binary data, not a text release; send the release as HTML, "
            "text, Markdown, JSON or e-mail"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data)


def _decode_as(data: bytes, encoding: str) -> str:
    if canonical_encoding(encoding) is None:
        raise Rejected(f"unknown encoding {encoding!r}; set encoding to e.g. 'utf-8' or 'cp1252'")
    if codecs.lookup(encoding).name == "utf-8":
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Rejected(
            f"the file is not valid {encoding} (byte {exc.start}: {exc.reason}); "
            "fix the file or the source's encoding setting"
        ) from None


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    # translate() deletes the control bytes in C; the length difference counts them
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > max(2, len(sample) // 50)


def _decode_legacy(data: bytes) -> str:
    """Not UTF-8: most often Windows-1252/Latin-1, otherwise whatever the detector finds."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_western(western):
        return western
    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    if western is not None:
        return western
    raise Rejected(
        "cannot decode the file: it is not UTF-8 and no legacy encoding fits; "
        "set encoding in the source's TOML"
    )


def _reads_western(text: str) -> bool:
    """Western European text has a few accented letters among mostly plain ones."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return True
    accented = sum(1 for char in letters if not char.isascii())
    return accented <= 0.3 * len(letters)


def split_header(text: str) -> tuple[str | None, str | None, str]:
    """Leading 'Titel: …' / 'Datum: …' lines as (title, date text, rest of the text)."""
    lines = text.lstrip("\ufeff").split("\n")
    title = published = None
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines):
        match = HEADER_RE.match(lines[index])
        if not match:
            break
        key = match.group("key").casefold()
        if key in TITLE_KEYS:
            title = title or match.group("value")
        else:
            published = published or match.group("value")
        index += 1
    if title is None and published is None:
        return None, None, text
    return title, published, "\n".join(lines[index:])
