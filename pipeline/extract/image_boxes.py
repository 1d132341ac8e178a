"""Boxes inside the article whose pictures are none of the release's photos: the portrait on a
press contact's card, a sponsor's logo under 'Präsentiert von'."""

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
_HEADINGS = ("h2", "h3", "h4", "h5", "h6", "strong")
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
