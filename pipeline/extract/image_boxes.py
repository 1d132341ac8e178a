"""Boxes whose pictures are none of the release's photos: the portrait on a press contact's
card, a sponsor's logo under 'Präsentiert von', the teaser cards of other releases; and the
boxes of page builders (Elementor, Divi), which look like a sidebar's by name but hold the
article itself."""

from __future__ import annotations

import re

from pipeline.extract.captions import element_names
from pipeline.extract.contact_box import _CONTACT_HEADING
from pipeline.extract.fragment import _clean_space

# a contact's or an author's card, also run into a word ('pressekontakt', 'mediacontact')
CARD_NAMES = re.compile(
    r"(?:^|[\W_])(?:[a-z]*(?:contact|kontakt|ansprech)[\w-]*|author|byline|avatar|vcard)"
    r"(?:[\W_]|$)",
    re.I,
)
SPONSOR_NAMES = re.compile(r"(?:^|[\W_])(?:sponsor\w*|werbepartner\w*)(?:[\W_]|$)", re.I)
SPONSOR_LABEL = re.compile(
    r"(?:präsentiert|presented|sponsored|powered|supported|unterstützt|gefördert|funded)"
    r" (?:von|by|durch)\b|mit freundlicher unterstützung|in (?:kooperation|zusammenarbeit) mit"
    r"|in partnership with",
    re.I,
)
SPONSOR_WORD = re.compile(r"(?:unsere? |our )?(?:sponsor|partner|förderer)(?:en|s|in)?\W*", re.I)
OUTSIDE_RE = re.compile(
    r"(?:^|[\W_])(?:nav|navbar|menu|footer|sidebar|share|sharing|social|related|advert|ads?|"
    r"promo|cookie|comment|comments|newsletter|breadcrumbs?|widget|shop)(?:[\W_]|$)",
    re.I,
)
# page builders call every piece of a page a widget or a module, the article's text included
BUILDER_PIECE_RE = re.compile(r"(?:^|(?<=[\W_]))(?:widgets?|modules?)(?=[\W_]|$)", re.I)
IMAGE_FILE_RE = re.compile(r"\.(?:jpe?g|png|webp|gif|tiff?|avif)(?:[?#]|$)", re.I)
NOT_A_PAGE_RE = re.compile(r"^(?:#|mailto:|tel:|javascript:)", re.I)
TITLE_NAMES = re.compile(r"title|headline|heading", re.I)
_HEADINGS = ("h2", "h3", "h4", "h5", "h6", "strong")
_TITLE_TAGS = ("h2", "h3", "h4", "h5", "h6")
_PICTURE_BOX_TEXT = 300  # characters: a caption at most
_NAMED_LEVELS = 3  # the picture's close wrappers name the card
_CARD_LEVELS = 4
_CARD_TEXT = 600  # characters: a box longer than that is the article around the picture
_LABEL_TEXT = 60


def in_contact_card(img) -> bool:
    """Named a contact's card, or a box a contact heading opens ('Pressekontakt')."""
    for level, box in enumerate(img.iterancestors()):
        if level >= _CARD_LEVELS:
            return False
        if level < _NAMED_LEVELS and CARD_NAMES.search(element_names(box)):
            return True
        if len(box.text_content()) > _CARD_TEXT:
            continue
        heading = box[0] if len(box) else None  # the box's own heading, over its picture
        if heading is not None and heading.tag in _HEADINGS:
            if _CONTACT_HEADING.match(_clean_space(heading.text_content())):
                return True
    return False


def sponsors_logo(img) -> bool:
    """In a box named for a sponsor, or under a short line that says who presents the page."""
    for level, box in enumerate(img.iterancestors()):
        if level >= 2:
            return False
        if SPONSOR_NAMES.search(element_names(box)):
            return True
        text = _clean_space(box.text_content())
        if text and len(text) <= _LABEL_TEXT:
            if SPONSOR_LABEL.match(text) or SPONSOR_WORD.fullmatch(text):
                return True
    return False


def builder_box(box, article_paragraphs: list, above_text_end: bool) -> bool:
    """A wrapper named as a page builder's piece ('elementor-widget') that is a piece of the
    article: it holds the article's text, or one picture with at most a caption above the
    article's last paragraph (a sidebar's picture widget comes after the article)."""
    if OUTSIDE_RE.search(BUILDER_PIECE_RE.sub(" ", element_names(box))):
        return False  # named for more than a builder's piece ('widget sidebar', 'menu')
    if any(box in paragraph.iterancestors() for paragraph in article_paragraphs):
        return True
    if not above_text_end:
        return False
    pictures = [img for img in box.iter("img") if next(img.iterancestors("noscript"), None) is None]
    return (
        len(pictures) == 1
        and len(_clean_space(box.text_content())) <= _PICTURE_BOX_TEXT
        and not any(_page_link(a) for a in box.iter("a"))
    )


def teaser_card(picture) -> bool:
    """The picture of a teaser card: a box with a title, linked to another page by the picture
    or the title, repeated beside it for other pages ('Neueste Stories', 'Zuletzt
    veröffentlicht'). A photo in a list item with a link in its text is no card."""
    linked = any(_page_link(a) for a in picture.iterancestors("a"))
    for level, card in enumerate(picture.iterancestors()):
        if level >= _CARD_LEVELS or len(card.text_content()) > _CARD_TEXT:
            return False
        titles = [
            element
            for element in card.iter()
            if element.tag in _TITLE_TAGS or TITLE_NAMES.search(element.get("class", ""))
        ]
        if titles and (linked or any(_page_link(a) for t in titles for a in _links_of(t))):
            return _repeated(card)
    return False


def _links_of(box):
    return box.iter("a") if box.tag != "a" else (box,)


def _page_link(link) -> bool:
    """A link to a page, not to a picture's file, an anchor or an address."""
    href = (link.get("href") or "").strip()
    return bool(href) and not NOT_A_PAGE_RE.match(href) and not IMAGE_FILE_RE.search(href)


def _repeated(card) -> bool:
    """Cards like it for other pages beside it, or beside the item that wraps it."""
    box = card
    for _ in range(2):
        parent = box.getparent()
        if parent is None:
            return False
        cards = [
            child
            for child in parent
            if isinstance(child.tag, str)
            and any(True for _ in child.iter("img"))
            and any(_page_link(a) for a in _links_of(child))
        ]
        if len(cards) >= 2:
            return True
        box = parent
    return False
