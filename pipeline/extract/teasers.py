"""Teasers of other releases under the article with no heading over them: a newsroom prints
the latest releases under each one, each a title, a date or a 'Read more' link and a blurb cut
off with '…'. The article comes first; the teasers after it go. A page that opens with them is
a listing, which the release gate refuses (`ingest.readers.html`)."""

from __future__ import annotations

import re

from pipeline.extract.fragment import _clean_space

READ_MORE = re.compile(
    r"(?:read\s+(?:on|more|the\s+(?:full\s+)?(?:story|release|article))|continue\s+reading"
    r"|weiterlesen|mehr\s+lesen|mehr\s+erfahren|zur\s+meldung|zum\s+artikel|more)\W{0,4}",
    re.I,
)
BARE_DATE = re.compile(
    r"\W*(?:[^\W\d]+,?\s+)?(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}\.?\s+[^\W\d]+\.?\s+\d{4}"
    r"|[^\W\d]+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d\d-\d\d)(?:,?\s+\d{1,2}[:.]\d\d(?:\s*uhr)?)?\W*",
    re.I,
)
TEASER_WORDS = 15  # a blurb's length at least
MARKED_BLURB_WORDS = 5  # with its 'Read more' at the end
PROSE_WORDS = 12
ARTICLE_WORDS = 30  # of running text, in two paragraphs or more, before the first teaser
LEFT_PROSE = 40  # running text in the tail that belongs to no teaser: the article goes on
NEAR = 2  # blocks between a teaser's date and its blurb


_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote")
# a blurb that ends in its link: 'Download three new trailers for free! Read more...'
_MORE_AT_END = re.compile(
    r"\b(?:read\s+(?:more|on)|continue\s+reading|weiterlesen|mehr\s+lesen|mehr\s+erfahren)"
    r"\W{0,4}$",
    re.I,
)


def drop_teaser_tail(fragment) -> None:
    """Remove the run of teasers that follows the article in `fragment`, if there is one."""
    blocks = [
        block
        for block in fragment.iter(*_BLOCKS)
        if not any(child.tag in _BLOCKS for child in block)
    ]
    texts = [_clean_space("".join(block.itertext())) for block in blocks]
    kinds = [_kind(text) for text in texts]
    start = _tail_start(kinds, texts)
    if start is None:
        return
    tail = kinds[start:]
    items = sum(
        1
        for index, kind in enumerate(tail)
        if kind in ("cut", "more") or (kind == "date" and _near_blurb(tail, index))
    )
    loose = sum(
        len(texts[start + index].split())
        for index, kind in enumerate(tail)
        if kind == "prose" and not _near_mark(tail, index)
    )
    if items < 2 or loose >= LEFT_PROSE:
        return
    for block in blocks[start:]:
        block.getparent().remove(block)
    for element in reversed(list(fragment.iter("li", "ul", "ol", "blockquote"))):
        if element is not fragment and not "".join(element.itertext()).strip():
            element.getparent().remove(element)  # the teasers' list, now empty


def opens_with_article(lines: list[str]) -> bool:
    """The text opens with an article's running text, not with a teaser: its dates and
    marks further down are the article's own (a chronology, a schedule)."""
    kinds = [_kind(line) for line in lines]
    return _tail_start(kinds, lines) is not None or (
        "prose" in kinds and not {"date", "cut", "more"} & set(kinds)
    )


def _kind(text: str) -> str:
    words = len(text.split())
    if BARE_DATE.fullmatch(text):
        return "date"
    if READ_MORE.fullmatch(text):
        return "more"
    if (words >= TEASER_WORDS and text.endswith(("…", "..."))) or (
        words >= MARKED_BLURB_WORDS and _MORE_AT_END.search(text)
    ):
        return "cut"
    if words >= PROSE_WORDS and text[-1:] in '.!?"“”»«)':
        return "prose"
    return "line"


def _tail_start(kinds: list[str], texts: list[str]) -> int | None:
    """The first block after an article's running text that belongs to a teaser: its title
    (the short line over a date or blurb) or the mark itself."""
    prose_words = paragraphs = 0
    for index, kind in enumerate(kinds):
        if kind == "prose":
            prose_words += len(texts[index].split())
            paragraphs += 1
        elif kind in ("date", "cut", "more") and paragraphs:
            if prose_words < ARTICLE_WORDS or paragraphs < 2:
                return None  # a teaser's blurb came first: a listing, or no article at all
            return index - 1 if kinds[index - 1] == "line" else index
    return None


def _near_blurb(kinds: list[str], index: int) -> bool:
    """A date between a teaser's title and its blurb; a date over a paragraph alone heads a
    chronology's entry, and over lines a schedule's day."""
    around = kinds[max(0, index - NEAR) : index + NEAR + 1]
    return "line" in around and ("prose" in around or "cut" in around)


def _near_mark(kinds: list[str], index: int) -> bool:
    around = kinds[max(0, index - NEAR) : index + NEAR + 1]
    return any(kind in ("date", "more", "cut") for kind in around)
