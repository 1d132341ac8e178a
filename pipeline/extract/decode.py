"""Bytes to text for every reader: BOM, declared charset, UTF-8, then detection.

Order of trust: an operator's `encoding` override, a byte-order mark, valid UTF-8, the charset
the document declares, then statistical detection. Valid UTF-8 wins over a declared legacy
charset because a page labelled ISO-8859-1 that decodes as UTF-8 is nearly always mislabelled;
the reverse (real Latin-1 text that happens to be valid UTF-8) practically never occurs.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from pipeline.config.charsets import canonical_encoding

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_HTML_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec actually used
    lossy: bool = False  # some bytes could not be decoded and became U+FFFD


def split_bom(data: bytes) -> tuple[str | None, bytes]:
    """The encoding a byte-order mark names and the bytes after it."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None, data


def declared_html_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first 4 KB (meta or XML declaration)."""
    match = _HTML_CHARSET.search(data[:4096])
    if not match:
        return None
    return canonical_encoding((match.group(1) or match.group(2)).decode("ascii"))


def decode_text(
    data: bytes, *, declared: str | None = None, override: str | None = None
) -> Decoded:
    """Decode input bytes; never raises. `override` comes from the source's config."""
    bom_encoding, body = split_bom(data)
    forced = canonical_encoding(override)
    if forced:
        try:
            return Decoded(body.decode(forced), forced)
        except UnicodeDecodeError:
            return Decoded(body.decode(forced, "replace"), forced, lossy=True)
    if bom_encoding:
        try:
            return Decoded(body.decode(bom_encoding), bom_encoding)
        except UnicodeDecodeError:
            if bom_encoding != "utf-8":
                return Decoded(body.decode(bom_encoding, "replace"), bom_encoding, lossy=True)
            # an editor put a UTF-8 mark on text typed in windows-1252 (or pasted some in)
            mixed = body.decode("utf-8", STRAY_AS_CP1252)
            return Decoded(mixed, "utf-8", lossy="\ufffd" in mixed)
    try:
        return Decoded(body.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(body):
            # a file cut off in the middle of a character: its first bytes are no letter
            return Decoded(body[: exc.start].decode("utf-8"), "utf-8")
    declared = canonical_encoding(declared)
    lenient = body.decode("utf-8", "replace")
    if _mostly_utf8(lenient) or (declared == "utf-8" and _mostly_utf8(lenient, ratio=1)):
        # a few stray bytes in a UTF-8 page: a paragraph pasted from a Windows program, whose
        # bytes read right in windows-1252 (reading the whole page so would garble the rest)
        mixed = body.decode("utf-8", STRAY_AS_CP1252)
        return Decoded(mixed, "utf-8", lossy="\ufffd" in mixed)
    # Mostly broken as UTF-8: a page saved in windows-1252 under a 'charset=utf-8' it never had
    # (an old CMS template) reads right in its real encoding.
    for encoding in (declared, _detected(body)):
        if encoding and encoding != "utf-8":
            try:
                return Decoded(body.decode(encoding), encoding)
            except UnicodeDecodeError:
                continue
    # windows-1252 maps all but five bytes: the least lossy last resort for Western text
    return Decoded(body.decode("cp1252", "replace"), "cp1252", lossy=True)


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", "replace"), error.end


STRAY_AS_CP1252 = "melder-stray-as-cp1252"
codecs.register_error(STRAY_AS_CP1252, _stray_as_cp1252)


def _mostly_utf8(text: str, ratio: int = 20) -> bool:
    """True when valid multi-byte UTF-8 sequences outnumber the broken ones `ratio` times (a
    page that declares UTF-8 needs only more valid than broken ones)."""
    broken = text.count("\ufffd")
    if not broken:
        return True
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return non_ascii - broken >= ratio * broken


def _detected(data: bytes) -> str | None:
    sample = data if len(data) <= 20_000 else data[:10_000] + data[-10_000:]
    best = from_bytes(sample).best()
    return canonical_encoding(best.encoding) if best is not None else None
