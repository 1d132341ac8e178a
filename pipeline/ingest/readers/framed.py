"""Pages that show their release only inside another document: a PDF viewer, a frame.

A city's press page often holds nothing but the headline, a date and the release as a PDF in
an `<object>`, an `<embed>` or an `<iframe>` (or a lone "download the release" link). What the
extractor finds there is the page's furniture and the browser's fallback line ("Ihr Browser
kann keine PDF-Dateien anzeigen"): no release. Melder reads no PDF, so the sender is told to
send the text, with the document's address, as for a mail that carries only a PDF.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

from pipeline.extract.documents import DOCUMENT_RE

# Fewer words of running text than this beside an embedded document: the page is its viewer.
# A release with a PDF of its own says more than two sentences.
VIEWER_PROSE = 40
_EMBEDDED = re.compile(
    rb"<(?:object|embed|iframe)\b[^>]*?\s(?:data|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))",
    re.I,
)
# a viewer names its file in its query: '/pdfjs/web/viewer.html?file=/presse/pm.pdf'
_FILE_IN_QUERY = re.compile(r"[?&](?:file|url|src|doc)=([^&#]+)", re.I)
_SCANNED = 200_000


def embedded_document(data: bytes, base: str | None) -> str | None:
    """The address of the first document (PDF, office file) the page shows in a viewer."""
    for match in _EMBEDDED.finditer(data[:_SCANNED]):
        raw = next(group for group in match.groups() if group is not None)
        address = raw.decode("utf-8", "replace").strip()
        if document := _document_in(address):
            return urljoin(base, document) if base else document
    return None


def framed_page(data: bytes, base: str | None) -> str | None:
    """The address of the page an `<iframe>` shows, for a page that has no text of its own."""
    for match in _EMBEDDED.finditer(data[:_SCANNED]):
        if not match.group(0).lower().startswith(b"<iframe"):
            continue
        raw = next(group for group in match.groups() if group is not None)
        address = raw.decode("utf-8", "replace").strip()
        if address and not address.lower().startswith(("about:", "javascript:", "data:")):
            return urljoin(base, address) if base else address
    return None


_FRAME_SRC = re.compile(rb"<frame\b[^>]*\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_REFRESH = re.compile(
    rb"<meta\b[^>]*http-equiv\s*=\s*[\"']?refresh[^>]*content\s*=\s*[\"'][^\"']*?url\s*=\s*"
    rb"([^\"'>\s]+)",
    re.I,
)


def frame_hint(head: bytes, base: str | None) -> str | None:
    """Where the text of a page without any is: its frames, the page it forwards to."""
    if re.search(rb"<frameset\b", head, re.I):
        frames = ", ".join(src.decode("utf-8", "replace") for src in _FRAME_SRC.findall(head)[:3])
        return f"the page is a frameset: submit its content frame instead ({frames or 'none'})"
    if match := _REFRESH.search(head):
        target = match.group(1).decode("utf-8", "replace")
        return f"the page only forwards to {target}: submit that page instead"
    if page := framed_page(head, base):
        return f"the page shows its content in a frame: submit the framed page instead ({page})"
    return None


def documents_in_text(tree, text: str, base: str | None) -> set[str]:
    """The addresses of the documents whose links' words are part of the page's `text`."""
    found = set()
    for link in tree.iter("a") if tree is not None else ():
        label = " ".join(link.text_content().split())
        document = _document_in((link.get("href") or "").strip())
        if document and label and label in text:
            found.add(urljoin(base, document) if base else document)
    return found


def only_a_document(document: str) -> str:
    return (
        f"no release text on this page: it only shows a document ({document}); Melder does "
        "not read PDF or office files: submit the release's text (a page, a mail or a text "
        "file that holds it)"
    )


def _document_in(address: str) -> str | None:
    path = urlsplit(address).path
    if DOCUMENT_RE.search(path) and not path.lower().endswith((".txt", ".csv")):
        return address.split("#")[0]
    if (named := _FILE_IN_QUERY.search(address)) and DOCUMENT_RE.search(
        urlsplit(unquote(named.group(1))).path
    ):
        return unquote(named.group(1))
    return None
