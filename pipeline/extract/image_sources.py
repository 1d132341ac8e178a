"""Which file of a picture to take: the largest the page offers (a linked full-size file,
`srcset`, `<picture>` sources, a lazy loader's attribute), and the original a press page offers
for download beside it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pipeline.extract.captions import PICTURE_BOX_TEXT
from pipeline.extract.fragment import _clean_space
from pipeline.extract.srcset import largest_candidate, not_web
from pipeline.extract.urls import join

IMAGE_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-lazy", "src")
SRCSET_ATTRIBUTES = ("data-srcset", "data-lazy-srcset", "srcset")
PLACEHOLDER_RE = re.compile(r"^data:image/(?:gif|png|svg)|placeholder|blank\.|spacer|lazy", re.I)
IMAGE_LINK_RE = re.compile(r"\.(?:jpe?g|png|webp|gif)(?:$|\?)", re.I)
# a link offering the picture's file itself: 'Download', 'Bild herunterladen', 'Original'
DOWNLOAD_RE = re.compile(
    r"download|herunterladen|original|hi-?res|high[- ]resolution|druckqualität|full[- ]size"
    r"|volle auflösung|télécharger|scaricare",
    re.I,
)


def picture_source(img, base: str | None, picture=None) -> str | None:
    """The largest source the page offers: a linked full-size file, srcset, lazy attributes."""
    link = img.getparent()
    while link is not None and link.tag not in ("a", "figure", "body"):
        link = link.getparent()
    if link is not None and link.tag == "a" and IMAGE_LINK_RE.search(link.get("href") or ""):
        return absolute_address(link.get("href"), base)
    return shown_source(img, base, picture)


def shown_source(img, base: str | None, picture=None) -> str | None:
    """The file the page shows in place (srcset, lazy attributes, src): what is left when the
    full-size file it links cannot be had."""
    sets = [img.get(name) for name in SRCSET_ATTRIBUTES if img.get(name)]
    if picture is not None or img.getparent() is not None and img.getparent().tag == "picture":
        holder = picture if picture is not None else img.getparent()
        sets += [source.get("srcset") for source in holder.iter("source") if source.get("srcset")]
    for srcset in sets:
        if best := largest_candidate(srcset):
            return absolute_address(best, base)
    for name in IMAGE_ATTRIBUTES:
        value = (img.get(name) or "").strip()
        if name != "src" and not_web(value):
            continue  # a lazy loader's attribute that holds no address: the src may
        if value and not (name == "src" and PLACEHOLDER_RE.search(value[:60]) and _lazy(img)):
            return absolute_address(value, base)
    return None


def _lazy(img) -> bool:
    return any(img.get(name) for name in (*IMAGE_ATTRIBUTES[:-1], *SRCSET_ATTRIBUTES))


def absolute_address(url: str, base: str | None) -> str | None:
    url = url.strip()
    if not url or url.startswith("#"):
        return None
    if url.lower().startswith(("data:", "cid:")):
        return url
    absolute = join(base, url)
    scheme = urlsplit(absolute).scheme.lower()
    if scheme and scheme not in ("http", "https"):
        return None
    return absolute


def original_download(box, shown: str, base: str | None) -> str | None:
    """The picture's file offered for download in its box, when it is another file than the
    one shown (Cision's '…_org.jpg' beside the '…_800.jpg' of its lightbox)."""
    if box is None or len(_clean_space(box.text_content())) > PICTURE_BOX_TEXT:
        return None
    pictures = [img for img in box.iter("img") if next(img.iterancestors("noscript"), None) is None]
    if len(pictures) > 1:
        return None  # a gallery: whose download is which is not certain
    for link in box.iter("a"):
        href = link.get("href") or ""
        offered = link.get("download") is not None or DOWNLOAD_RE.search(
            f"{_clean_space(link.text_content())} {link.get('title') or ''}"
        )
        if offered and IMAGE_LINK_RE.search(href) and (url := absolute_address(href, base)):
            if urlsplit(url).path != urlsplit(shown).path:
                return url
    return None
