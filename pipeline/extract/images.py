"""The photos of an article: `<figure>`s and `<img>`s inside it, with caption, credit and alt.

Candidates are gathered before the body is extracted, and kept afterwards only when they sit in
the part of the page the body came from (the nearest common container of the paragraphs the
body kept): a shop widget's product shot or a sidebar teaser's picture is not the release's.
Captions leave the body, so a figure's text is not a paragraph of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from pipeline.extract.captions import (
    MIN_INLINE_CAPTION,
    caption_after,
    caption_parts,
    caption_text,
    credit_beside,
    element_names,
    gallery_credit,
    listed_fields,
    next_beside,
    with_lightbox_credit,
)
from pipeline.extract.fragment import _clean_space
from pipeline.extract.image_boxes import (
    BUILDER_PIECE_RE,
    OUTSIDE_RE,
    builder_box,
    in_contact_card,
    sponsors_logo,
    teaser_card,
)
from pipeline.extract.image_sources import (
    IMAGE_ATTRIBUTES,
    original_download,
    picture_source,
    shown_source,
)
from pipeline.extract.related import remove_keeping_tail

NOT_A_PHOTO_RE = re.compile(
    r"(?:^|[\W_])(?:logo|icon|favicon|cta|sprite|spacer|pixel|blank|avatar|emoji|badge|button|banner|"
    r"rating|stars?|flag|arrow|loader|tracking|counter|qr|share|pinit|pinext|rss|feed|print|"
    r"email|facebook|twitter|whatsapp|linkedin|xing)(?:[\W_]|$)",
    re.I,
)
LOGO_RE = re.compile(r"(?:^|[\W_])(?:logos?|icons?)(?:[\W_]|$)", re.I)
# a site's own furniture (WordPress and similar keep theme pictures there), never a release's
SITE_CHROME_RE = re.compile(r"/(?:themes?|skins?|layout|design)/", re.I)
SHARE_LINK_RE = re.compile(
    r"pinterest\.[a-z]+/pin|facebook\.com/shar|twitter\.com/(?:intent|share)|x\.com/intent|"
    r"linkedin\.com/share|whatsapp|mailto:|javascript:",
    re.I,
)
OUTSIDE_TAGS = frozenset({"nav", "footer", "aside", "form", "button", "noscript", "template"})
MIN_DECLARED = 120  # a width or height attribute below this is an icon, not a press photo
BANNER_RATIO = 4  # wider than this many times its height: a banner; a panorama is about 3:1
MAX_CANDIDATES = 60
PARAGRAPH_TAGS = ("p", "li", "h2", "h3", "blockquote", "td", "dd")
TEXT_BOX_TAGS = ("div", "section", "article", "main")
MIN_OWN_PROSE = 40
KEY_LENGTH = 60


@dataclass(frozen=True, slots=True)
class FoundImage:
    url: str  # absolute when the page has an address, else as written (relative, cid:, data:)
    caption: str = ""
    credit: str = ""
    alt: str = ""
    license: str = ""
    shown: str = ""  # the file shown in place, where `url` is the full-size file it links


@dataclass(slots=True)
class _Candidate:
    element: object
    image: FoundImage
    # wrappers named like a sidebar's ('widget', 'ads'): judged once the article's text is known
    named_boxes: tuple = ()


def image_candidates(tree, base: str | None) -> list[_Candidate]:
    """Every figure and every image outside a figure that could be a press photo."""
    found: list[_Candidate] = []
    seen: set[str] = set()  # a picture repeated on the page is one candidate
    for element in tree.iter("figure", "img", "picture"):
        if len(found) >= MAX_CANDIDATES:
            break
        if element.tag != "figure" and _in_figure(element):
            continue  # the figure speaks for it
        if element.tag == "img" and _in_picture(element):
            continue  # the picture speaks for it
        if outside_by_tag(element) or teaser_card(element):
            continue
        image = _figure(element, base) if element.tag == "figure" else _bare(element, base)
        if image is not None and image.url not in seen:
            seen.add(image.url)
            found.append(_Candidate(element, image, tuple(_named_boxes(element))))
    return found


def paragraph_elements(tree) -> list[tuple[str, object]]:
    """(text key, element) of the page's paragraphs: matched against the body afterwards."""
    found = []
    for element in tree.iter(*PARAGRAPH_TAGS, *TEXT_BOX_TAGS):
        if element.tag in TEXT_BOX_TAGS and not _own_prose(element):
            continue
        text = _clean_space(element.text_content())
        if len(text) >= 40:
            found.append((text[:KEY_LENGTH], element))
            if len(found) >= 3000:
                break
    return found


def _own_prose(box) -> bool:
    """A box that holds running text itself, set with line breaks rather than paragraphs
    (openPR's '…Gebäude.<br><br>Rund 60 Prozent…')."""
    own = [box.text or ""] + [child.tail or "" for child in box]
    return len(_clean_space(" ".join(own))) >= MIN_OWN_PROSE


def article_images(
    candidates: list[_Candidate], paragraphs: list[tuple[str, object]], fragment
) -> list[FoundImage]:
    """The candidates inside the container the body came from, in page order."""
    matched = _kept_paragraphs(paragraphs, fragment) if candidates else []
    container = _article_container(matched) if matched else None
    if container is None:
        return []
    order = {element: index for index, element in enumerate(container.iter())}
    text_end = max(order.get(paragraph, -1) for paragraph in matched)
    return [
        c.image
        for c in candidates
        if c.element in order
        and c.element is not container
        and all(builder_box(box, matched, order[c.element] < text_end) for box in c.named_boxes)
    ]


def article_container(paragraphs: list[tuple[str, object]], fragment) -> object | None:
    """The page's element the body came from: around the paragraphs (`paragraph_elements`)
    that the body kept."""
    matched = _kept_paragraphs(paragraphs, fragment)
    return _article_container(matched) if matched else None


def _kept_paragraphs(paragraphs: list[tuple[str, object]], fragment) -> list:
    kept = {_clean_space("".join(block.itertext()))[:KEY_LENGTH] for block in fragment.iter()}
    matched = [element for key, element in paragraphs if key in kept]
    if not matched:  # the extractor joined or split the page's paragraphs: look inside its text
        text = _clean_space(" ".join(fragment.itertext()))
        matched = [element for key, element in paragraphs if key in text]
    return matched


def all_images(tree, base: str | None) -> list[FoundImage]:
    """Every candidate of a document that is the release as a whole (an e-mail's HTML part),
    but for the pictures under the sender's greeting: a signature's logo is no press photo."""
    # no article text to judge a box named like a sidebar's by: as outside as it looks
    candidates = [c for c in image_candidates(tree, base) if not c.named_boxes]
    greeting = _greeting_position(tree)
    if greeting is None or not candidates:
        return [candidate.image for candidate in candidates]
    order = {element: index for index, element in enumerate(tree.iter())}
    return [c.image for c in candidates if order.get(c.element, 0) < greeting]


GREETING_RE = re.compile(
    r"^\W*(?:(?:mit\s+)?(?:freundliche[n]?|beste[n]?|herzliche[n]?|viele|liebe|sonnige)\s+"
    r"gr(?:ü|ue)(?:ß|ss)(?:e|en)?|(?:kind|best|warm|many)(?:est)?\s+(?:regards|wishes)|regards"
    r"|(?:yours\s+)?sincerely)\W*$",
    re.I,
)


def _greeting_position(tree) -> int | None:
    """Where the sender's greeting stands in document order ('Mit freundlichen Grüßen')."""
    for index, element in enumerate(tree.iter()):
        for text in (element.text, element.tail):
            if text and len(text) < 60 and GREETING_RE.match(text.strip()):
                return index
    return None


def drop_captions(fragment, images: list[FoundImage]) -> None:
    """Blocks of the body that are only a caption or a credit line of a kept image."""
    texts = set()
    for image in images:
        for text in (image.caption, image.credit, f"{image.caption} {image.credit}"):
            if len(text.strip()) >= 3:
                texts.add(_clean_space(text))
    if not texts:
        return
    for block in list(fragment.iter("p", "h4", "li")):
        # a line break inside the block parts caption and credit ('…you.<br><em>Image: …')
        if caption_text(block) in texts and block.getparent() is not None:
            remove_keeping_tail(block)
    # an extractor that ran a figure's text into a paragraph: take the caption out of it
    for text in sorted(texts, key=len, reverse=True):
        if len(text) >= MIN_INLINE_CAPTION:
            _cut_text(fragment, text)


def _cut_text(fragment, text: str) -> None:
    for node in fragment.iter():
        for attribute in ("text", "tail"):
            value = getattr(node, attribute)
            if value and text in _clean_space(value):
                setattr(node, attribute, _clean_space(value).replace(text, " ", 1))
                return


def _article_container(matched: list) -> object | None:
    """The deepest element holding every matched paragraph, widened to its `<article>` (or
    one level) so a lead photo just above the text belongs to it; never the whole body."""
    chains = [list(element.iterancestors()) for element in matched]
    common = set(chains[0]).intersection(*map(set, chains[1:]))
    container = next((a for a in chains[0] if a in common), None)
    if container is None:
        return None
    for level, ancestor in enumerate(container.iterancestors()):
        if level >= 4 or ancestor.tag in ("body", "html"):
            break
        if ancestor.tag in ("article", "main"):
            return ancestor
    if container.tag in ("article", "main", "body"):
        return container
    for _ in range(2):
        parent = container.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        container = parent
        if not BUILDER_PIECE_RE.search(element_names(container)):
            break  # a builder's text piece: the article is the layout that holds its pieces
    return container


def _figure(figure, base: str | None) -> FoundImage | None:
    img = next(figure.iter("img"), None)
    if img is None or _not_a_photo(img):
        return None
    url = picture_source(img, base)
    if url is None:
        return None
    caption_element = next(figure.iter("figcaption"), None)
    caption, credit = caption_parts(caption_element) if caption_element is not None else ("", "")
    if not credit and caption_element is not None:
        credit = credit_beside(caption_element)
    if not credit:
        credit = credit_beside(figure)
    caption, credit = with_lightbox_credit(caption, credit, img)
    return FoundImage(
        url=url, caption=caption, credit=credit, alt=_alt(img), shown=_shown(img, base, url)
    )


def _bare(element, base: str | None) -> FoundImage | None:
    img = element if element.tag == "img" else next(element.iter("img"), None)
    if img is None or _not_a_photo(img):
        return None
    url = picture_source(img, base, picture=element if element.tag == "picture" else None)
    if url is None:
        return None
    holder = _holder(element)
    url = original_download(holder.getparent(), url, base) or url
    caption, credit = with_lightbox_credit(*caption_after(holder), img)
    listed, listed_credit, licence = listed_fields(next_beside(holder))
    caption, credit = caption or listed, credit or listed_credit or gallery_credit(holder)
    title = _clean_space(img.get("title") or "")
    if not caption and title and title != _alt(img):
        caption = title
    return FoundImage(
        url=url,
        caption=caption,
        credit=credit,
        alt=_alt(img),
        license=licence,
        shown=_shown(img, base, url, picture=element if element.tag == "picture" else None),
    )


def _shown(img, base: str | None, url: str, picture=None) -> str:
    shown = shown_source(img, base, picture) or ""
    return shown if shown != url else ""


def _holder(element):
    """The image with the link or wrapper that holds nothing else (but the `<noscript>` copy
    of the image)."""
    holder = element
    parent = holder.getparent()
    while (
        parent is not None
        and parent.tag in ("a", "picture", "span", "div", "p")
        and len([child for child in parent if child.tag != "noscript"]) == 1
        and not _clean_space(parent.text_content())
    ):
        holder, parent = parent, parent.getparent()
    return holder


def _not_a_photo(img) -> bool:
    declared = {}
    for name in ("width", "height"):
        value = (img.get(name) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < MIN_DECLARED:
            return True
        declared[name] = int(value) if value.isdigit() else 0
    if declared["height"] and declared["width"] > BANNER_RATIO * declared["height"]:
        return True  # a page's header strip (800×120), not a press photo
    if img.get("role") == "presentation" or img.get("aria-hidden") == "true":
        return True
    src = next((img.get(name) for name in IMAGE_ATTRIBUTES if img.get(name)), "") or ""
    path = urlsplit(src).path if not src.startswith("data:") else ""
    if SITE_CHROME_RE.search(path):
        return True
    link = next((a for a in img.iterancestors("a")), None)
    if link is not None and SHARE_LINK_RE.search(link.get("href") or ""):
        return True
    if _is_pixel(img, src):
        return True
    # the file, its folder ('/logos/55123.png') and its close wrappers ('newsroom-logo') name it
    folder, _, name = path.rstrip("/").rpartition("/")
    wrappers = " ".join(
        element_names(a) for _, a in zip(range(3), img.iterancestors(), strict=False)
    )
    return bool(
        NOT_A_PHOTO_RE.search(f"{name} {element_names(img)}")
        or LOGO_RE.search(wrappers)
        or in_contact_card(img)
        or sponsors_logo(img)
        or LOGO_RE.search(f"{folder} {' '.join((img.get('alt') or '').split()[:4])}")  # 'LOGO'
    )


def outside_article(element) -> bool:
    """In the page's navigation, footer, sidebar, a widget or the site header."""
    return outside_by_tag(element) or any(True for _ in _named_boxes(element))


def outside_by_tag(element) -> bool:
    """In a `<nav>`, `<footer>`, `<aside>`, a form, or the site's `<header>`."""
    ancestors = list(element.iterancestors())
    inside = next((i for i, a in enumerate(ancestors) if a.tag in ("article", "main")), None)
    if any(ancestor.tag in OUTSIDE_TAGS for ancestor in ancestors[:inside]):
        return True
    return inside is None and any(a.tag == "header" for a in ancestors)


def _named_boxes(element):
    """The wrappers outside the `<article>` or `<main>` named like a sidebar's or a widget's."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("article", "main"):
            return
        if OUTSIDE_RE.search(element_names(ancestor)):
            yield ancestor


PIXEL_STYLE_RE = re.compile(r"(?:width|height)\s*:\s*[01]px", re.I)


def _is_pixel(img, src: str) -> bool:
    """A wire's tracking pixel: 1×1 by its attributes or style, or a query-only address with a
    name of a few letters and no picture extension ('…/newsroom/ti?nf=…', '…/rt.gif?id=…')."""
    if img.get("width") in ("0", "1") or img.get("height") in ("0", "1"):
        return True
    if PIXEL_STYLE_RE.search(img.get("style") or ""):
        return True
    parts = urlsplit(src)
    name = parts.path.rsplit("/", 1)[-1]
    return bool(parts.query) and (len(name) <= 3 or name.lower() in ("rt.gif", "pixel.gif"))


def _in_figure(element) -> bool:
    return any(ancestor.tag == "figure" for ancestor in element.iterancestors())


def _in_picture(element) -> bool:
    # libxml2 does not know <source> is empty: an <img> after one ends up inside it
    return any(ancestor.tag == "picture" for ancestor in element.iterancestors())


def _alt(img) -> str:
    return _clean_space(img.get("alt") or "")
