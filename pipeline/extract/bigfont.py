"""Headlines that pages set in a big font instead of a heading: old table layouts (`<font
size=5>`) and pages saved by a word processor (Word's 14-point bold first line, under a <title>
that names the file or the template: 'Microsoft Word - PM_2026_112.docx', 'PM final2')."""

from __future__ import annotations

import re

from pipeline.extract.fragment import _clean_space

_BIG_FONT = re.compile(r"^\s*(?:\+\s*[2-9]|[5-7])\s*$")  # <font size=5>, <font size=+2>
_WORD_PROCESSOR = re.compile(r"microsoft word|word\.document|libreoffice|openoffice", re.I)
_FONT_SIZE = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)\s*(pt|px)", re.I)
_WORD = re.compile(r"\w{4,}")
TITLE_WORDS_IN_TEXT = 0.6  # a <title> whose words the text mostly holds describes the release


def promote_font_headline(tree) -> None:
    """The first line set in a big font, of a few words and no sentence, is the page's <h1>
    when it has no heading. A word processor's big span counts only where the <title> does
    not describe the text: on other pages a big span is a logo, a kicker or an author."""
    if next(tree.iter("h1", "h2"), None) is not None:
        return
    styled = _word_processor(tree) and not _title_describes_text(tree)
    for font in tree.iter("font", "span") if styled else tree.iter("font"):
        sized = _BIG_FONT.match(font.get("size") or "")
        if not (sized or (styled and _big_style(font.get("style") or ""))):
            continue
        text = _clean_space(font.text_content())
        if 2 <= len(text.split()) <= 25 and not text.endswith((".", "!", "?")):
            font.tag = "h1"
            for attribute in list(font.attrib):
                del font.attrib[attribute]
            return


def _word_processor(tree) -> bool:
    """A page saved by Word or LibreOffice (its generator says so)."""
    for meta in tree.iter("meta"):
        if (meta.get("name") or "").lower() in ("generator", "progid"):
            if _WORD_PROCESSOR.search(meta.get("content") or ""):
                return True
    return False


def _title_describes_text(tree) -> bool:
    title = tree.find(".//title")
    words = (
        {word.casefold() for word in _WORD.findall(title.text or "")}
        if title is not None
        else set()
    )
    body = tree.find("body")
    if not words or body is None:
        return False
    text = body.text_content().casefold()
    return sum(word in text for word in words) >= TITLE_WORDS_IN_TEXT * len(words)


def _big_style(style: str) -> bool:
    """A font of 14 points (about 19 pixels) and more: a word processor's headline."""
    size = _FONT_SIZE.search(style)
    return bool(size) and float(size[1]) >= (14 if size[2].lower() == "pt" else 19)
