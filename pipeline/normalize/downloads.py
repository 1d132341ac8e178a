"""A line that only offers a file for download ('Factsheet Elektrobusse  PDF-Dokument · 240 KB',
WordPress's file block 'PM_87_2026_Hoersaal' with its 'Herunterladen' button): the file is one of
the release's links, under its own name, and the line no part of the text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pipeline.extract.documents import DOCUMENT_RE, PHOTO_FILE_RE
from pipeline.models import Link
from pipeline.normalize.body import Block

# A button after the file's name, set as a link of its own to the same file.
BUTTON_END_RE = re.compile(
    r"\W*(?:herunterladen|download(?:en)?|datei\s+öffnen|öffnen|ansehen|anzeigen|open|view"
    r"|speichern)\W*$",
    re.I,
)
_FILE_TYPE = r"(?:pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|zip|csv|jpe?g|png|tiff?)"
# What the page says of the file beside its name: 'PDF-Dokument · 240 KB', '(PDF, 1,2 MB)'.
FILE_NOTE_RE = re.compile(
    rf"[\s(\[]*(?:{_FILE_TYPE}(?:[-\s]?(?:dokument|datei|document|file|format))?\s*[,·|/–—:-]?\s*)?"
    r"(?:\d+(?:[.,]\d+)?\s*(?:[kmg]i?b|bytes?|kilobytes?|megabytes?)\b)?[\s)\]]*"
    r"(?:herunterladen|download)?\W*",
    re.I,
)


def take_download_lines(blocks: list[Block]) -> tuple[list[Block], list[Link]]:
    """The blocks without lines that only offer a file, and those files as links."""
    kept, offered = [], []
    for block in blocks:
        link = _offered_file(block)
        if link is None:
            kept.append(block)
        else:
            offered.append(link)
    return kept, offered


def _offered_file(block: Block) -> Link | None:
    if block.kind not in ("p", "li"):
        return None
    targets = {href for _, href in block.segs if href}
    if len(targets) != 1:
        return None
    [href] = targets
    path = urlsplit(href).path
    if not (DOCUMENT_RE.search(path) or PHOTO_FILE_RE.search(path)):
        return None
    linked = "".join(text for text, target in block.segs if target).strip()
    # the file's name and its button, two links to one file, run together as one text
    name = BUTTON_END_RE.sub("", linked).strip()
    note = "".join(text for text, target in block.segs if not target).strip()
    if not name:
        return None
    has_button = name != linked
    has_note = bool(note) and bool(FILE_NOTE_RE.fullmatch(note))
    if not (has_button or has_note) or (note and not has_note):
        return None
    return Link(url=href, text=name)
