"""The documents a release page offers beside its text: 'Zugehörige Dateien', 'Downloads',
'Dokumente' — links to PDFs and office files in the article's container, which extractors
drop with the rest of a list of links. They become the release's links, so none is lost."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pipeline.extract.fragment import _clean_space
from pipeline.extract.images import outside_article
from pipeline.extract.urls import join

DOCUMENT_RE = re.compile(r"\.(?:pdf|docx?|odt|rtf|xlsx?|ods|pptx?|odp|zip|txt|csv)$", re.IGNORECASE)
PHOTO_FILE_RE = re.compile(r"\.(?:jpe?g|png|webp|tiff?)$", re.IGNORECASE)
MAX_DOCUMENTS = 30
COLUMN_LEVELS = 3  # how far up from the article a files box beside it may share a column
# A box of the release's files, though its name may also say 'related' ('news-related-files')
FILES_BOX_RE = re.compile(
    r"files|dateien|downloads?|dokumente|documents|attachments?|anh[äa]nge|anlagen", re.I
)


def document_candidates(tree, base: str | None) -> list[tuple[object, str, str]]:
    """(element, address, text) of each link to a document outside the page's frame."""
    found = []
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        path = urlsplit(href).path if href else ""
        # a photo offered in the release's files box ('Visualisierung (JPG, 3 MB)') is one too
        offered = DOCUMENT_RE.search(path) or (PHOTO_FILE_RE.search(path) and _in_files_box(link))
        if not offered or (outside_article(link) and not _in_files_box(link)):
            continue
        address = join(base, href) if base else ("https:" + href if href[:2] == "//" else href)
        # a file's page (an inbox's, a page saved with its files): read from its folder
        beside = (not base or address == href) and _beside_the_page(address)
        on_site = not base and address.startswith("/")  # the reader says it could not follow
        if not address.lower().startswith(("http://", "https://")) and not (beside or on_site):
            continue  # any other address without the page's own: no reader can follow it
        text = _clean_space(link.text_content()) or address.rsplit("/", 1)[-1]
        found.append((link, address, text))
        if len(found) >= MAX_DOCUMENTS:
            break
    return found


def document_beside(address: str) -> bool:
    """A document ('flyer.pdf', 'anhang/plan.docx') named by a relative address that stays in
    the folder of the file naming it: an inbox's page or Markdown file offers it."""
    return bool(DOCUMENT_RE.search(urlsplit(address).path)) and _beside_the_page(address)


def file_beside(address: str) -> bool:
    """A document or a photo named beside the page: read from its folder, not followed."""
    path = urlsplit(address).path
    return bool(DOCUMENT_RE.search(path) or PHOTO_FILE_RE.search(path)) and _beside_the_page(
        address
    )


def _beside_the_page(address: str) -> bool:
    """'flyer.pdf', 'anhang/plan.pdf': a file named beside a page that has no address of its
    own (an inbox's page); never a path up or out of its folder."""
    parts = urlsplit(address)
    return (
        not parts.scheme
        and not parts.netloc
        and not address.startswith(("/", "\\"))
        and ".." not in parts.path.split("/")
    )


def article_documents(candidates: list[tuple[object, str, str]], container) -> tuple:
    """(address, text) of the candidates inside the article's container, each once."""
    if container is None:
        return ()
    seen: dict[str, str] = {}
    columns = [
        ancestor
        for _, ancestor in zip(range(COLUMN_LEVELS), container.iterancestors(), strict=False)
        if ancestor.tag not in ("body", "html")
    ]
    for element, address, text in candidates:
        ancestors = list(element.iterancestors())
        beside = any(column in ancestors for column in columns)
        # a files box beside the article, in its column ('Dokumente' under an <article> that
        # holds only the text), is the release's too
        if (container in ancestors or (beside and _in_files_box(element))) and (
            address not in seen
        ):
            seen[address] = text
    return tuple(seen.items())


def _in_files_box(link) -> bool:
    """Inside a box named for files, which is not in the page's frame."""
    named = False
    for ancestor in link.iterancestors():
        if ancestor.tag in ("nav", "footer", "aside", "header"):
            return False
        if ancestor.tag in ("article", "main", "body"):
            break
        named = named or bool(
            FILES_BOX_RE.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}")
        )
    return named
