"""An article cut in two by a box: both candidates' halves, joined in page order.

Magazines and press portals set long texts in chunks, one container each, with a newsletter
sign-up, an ad or a pull-out box between them. An extractor then takes one chunk: trafilatura
tends to keep the first, the readability scorer the one with the most text. When the two
candidates (`generic`) share no text, both read as prose, and on the page one ends where the
other begins with no more than a box between, they are the two halves of one article.

A page of several reports read whole is what `generic.choose` already prefers; comments have
names, dates and "Reply" between their sentences and do not read as prose throughout.
"""

from __future__ import annotations

import copy

from lxml import etree

from pipeline.extract.fragment import _clean_space, fragment_text

SHARED = 0.2  # of the smaller part's runs of words found in the other: more is the same text
RUN_WORDS = 4
PART_VALUE = 40  # each half is a paragraph or two of prose at least (`generic.article_value`)
PROSE_SHARE = 0.7  # and at least this share of its words is prose: no comment thread
BOX_WORDS = 60  # words on the page between the two halves: a sign-up box, an ad, a caption
KEY_CHARS = 40  # a line is found on the page by its first (or last) characters
# The page's text as a reader sees it: a script's JSON-LD repeats the article whole.
_SHOWN_TEXT = "//body//text()[not(ancestor::script or ancestor::style or ancestor::template)]"


def joined_halves(
    chosen: etree._Element,
    other: etree._Element,
    page,
    value_of,
    text_of=fragment_text,
) -> etree._Element | None:
    """The article made of `chosen` and `other` in page order, when they are the two halves of
    one (see the module); else None. `page` is the page's tree before extraction, `value_of` a
    text's article value (`generic.article_value` with the page's link texts), `text_of` a
    fragment's text (the caller's, when it has them already)."""
    chosen_text, other_text = text_of(chosen), text_of(other)
    if not chosen_text.strip() or not other_text.strip():
        return None
    if not (_reads_as_prose(chosen_text, value_of) and _reads_as_prose(other_text, value_of)):
        return None
    if _shares_lines(chosen_text, other_text) or _shared_runs(chosen_text, other_text) > SHARED:
        return None
    page_text = _clean_space("".join(page.xpath(_SHOWN_TEXT)))
    if _follows(page_text, chosen_text, other_text):
        first, second = chosen, other
    elif _follows(page_text, other_text, chosen_text):
        first, second = other, chosen
    else:
        return None
    joined = etree.Element("div")
    for block in first:
        joined.append(copy.deepcopy(block))
    seen = {_block_text(block) for block in first}
    for block in second:
        if _block_text(block) not in seen:  # a pull quote repeating the first half
            joined.append(copy.deepcopy(block))
    return joined


def _block_text(block) -> str:
    return _clean_space("".join(block.itertext()))


def _reads_as_prose(text: str, value_of) -> bool:
    value = value_of(text)
    return value >= PART_VALUE and value >= PROSE_SHARE * len(text.split())


SHARED_LINE_WORDS = 10


def _shares_lines(first: str, second: str) -> bool:
    """Half the words of the shorter text's distinct lines are in lines of SHARED_LINE_WORDS
    words or more that the other has too: the same text (whose 4-word runs are then shared far
    beyond SHARED as well). Asked first because it is cheap and most pages' two candidates
    are the same article."""
    first_lines, second_lines = first.splitlines(), second.splitlines()
    if len(first) > len(second):
        first_lines, second_lines = second_lines, first_lines
    kept = set(second_lines)
    shared = total = 0
    for line in dict.fromkeys(first_lines):
        words = len(line.split())
        total += words
        if words >= SHARED_LINE_WORDS and line in kept:
            shared += words
    return shared * 2 > total


def _shared_runs(first: str, second: str) -> float:
    """The share of the smaller text's 4-word runs that the other has too."""
    first_runs, second_runs = _runs(first), _runs(second)
    smaller = min(len(first_runs), len(second_runs))
    return len(first_runs & second_runs) / smaller if smaller else 1.0


def _runs(text: str) -> set[tuple[str, ...]]:
    words = text.split()
    return set(zip(*(words[start:] for start in range(RUN_WORDS)), strict=False))


def _follows(page_text: str, first: str, second: str) -> bool:
    """On the page, `second` begins after `first` ends, with at most BOX_WORDS between. The
    start is found by a line of KEY_CHARS or more that the page has once (a user name or a
    "Reply" that recurs cannot tell where a half lies); the end, which a pull quote may
    repeat, by the last place of its line before that start."""
    end_key = _key(reversed(first.splitlines()), last=True)
    start_key = _key(second.splitlines(), last=False)
    if end_key is None or start_key is None:
        return False
    start = page_text.find(start_key)
    if start < 0 or page_text.count(start_key) > 1:
        return False
    end = page_text.rfind(end_key, 0, start)
    return end >= 0 and len(page_text[end + len(end_key) : start].split()) <= BOX_WORDS


def _key(lines, *, last: bool) -> str | None:
    """The first of `lines` long enough to be found by: its last or first KEY_CHARS."""
    for line in lines:
        if len(line) >= KEY_CHARS:
            return line[-KEY_CHARS:] if last else line[:KEY_CHARS]
    return None
