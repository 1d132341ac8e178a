"""What a file is, decided from its first bytes; a name or a declared type is never trusted."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    kind: str  # image | document | svg | unknown
    content_type: str
    extension: str


IMAGE_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
    (b"II*\x00", "image/tiff", "tif"),
    (b"MM\x00*", "image/tiff", "tif"),
    (b"BM", "image/bmp", "bmp"),
)
OFFICE = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}
OPEN_DOCUMENT = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
DOCUMENT_EXTENSIONS = {
    "application/pdf": "pdf",
    **{ctype: ext for ctype, ext in OFFICE.values()},
    **OPEN_DOCUMENT,
}
UNKNOWN = Kind("unknown", "application/octet-stream", "bin")


def sniff(data: bytes) -> Kind:
    head = data[:64]
    for magic, content_type, extension in IMAGE_MAGIC:
        if head.startswith(magic):
            return Kind("image", content_type, extension)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Kind("image", "image/webp", "webp")
    if head.startswith(b"%PDF-"):
        return Kind("document", "application/pdf", "pdf")
    if head.startswith(b"PK\x03\x04"):
        return _zipped(data)
    if _looks_like_svg(data[:4096]):
        return Kind("svg", "image/svg+xml", "svg")
    return UNKNOWN


def _zipped(data: bytes) -> Kind:
    """Office Open XML and OpenDocument files are zip archives; any other archive is refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                # at most 100 bytes of it: a 1 MB entry may unpack to a gigabyte
                with archive.open("mimetype") as entry:
                    declared = entry.read(100).decode("ascii", "replace").strip()
                if declared in OPEN_DOCUMENT:
                    return Kind("document", declared, OPEN_DOCUMENT[declared])
            if "[Content_Types].xml" in names:
                for prefix, (content_type, extension) in OFFICE.items():
                    if any(name.startswith(prefix) for name in names):
                        return Kind("document", content_type, extension)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, RuntimeError):
        pass
    return Kind("unknown", "application/zip", "zip")


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<svg", b"<?xml", b"<!doctype svg")) and b"<svg" in text


def extension_for(content_type: str) -> str:
    """The file extension Melder gives kept bytes of this (sniffed) type."""
    for _magic, known, extension in IMAGE_MAGIC:
        if known == content_type:
            return extension
    return {"image/webp": "webp"}.get(content_type) or DOCUMENT_EXTENSIONS.get(content_type, "bin")
