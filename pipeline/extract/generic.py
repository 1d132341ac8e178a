"""The generic extractor for pages without rules: two candidates for the article, one chosen.

Extractors fail on different pages. trafilatura reads a page's structure and is right on most
news pages, but on pages it does not know it can stop at a teaser or take a sidebar; a
readability-style scorer (text and link density per block, the port trafilatura bundles) finds
the block with the most running text and is right on many of those. trafilatura, in its
default mode, already runs that scorer and keeps it when its text is much longer. Melder asks
a better question than "longer": which candidate reads like an article (`article_value`).

Both candidates come from the tree parsed once; the scorer reads a copy, since it changes the
tree it reads (trafilatura copies it itself). Links are mapped back from the page afterwards
(`extract.links`). When each candidate holds one half of an article cut in two by a box, the
halves are joined (`parts`); a list the chosen one dropped goes back in (`lists`).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Collection
from functools import cache

from lxml import etree
from lxml import html as lxml_html

from pipeline.extract.banners import drop_consent_banners
from pipeline.extract.fragment import (
    _SENTENCE_END,
    HTML_KINDS,
    PROSE_WORDS,
    XML_KINDS,
    _clean_space,
    _convert,
    fragment_text,
    is_prose_line,
)
from pipeline.extract.links import relink
from pipeline.extract.lists import restore_dropped_lists
from pipeline.extract.parts import joined_halves
from pipeline.extract.quotations import page_language
from pipeline.extract.related import drop_promo_boxes, drop_related_sections
from pipeline.extract.teasers import drop_teaser_tail
from pipeline.extract.unmask import unmask_article_parts


@cache
def _trafilatura_options(thorough: bool):
    """Built once: trafilatura reads these settings but never changes them. Without links and
    formatting: with them trafilatura picks other blocks or drops paragraphs. The fast mode
    skips its own fallbacks: Melder's choice below replaces them, and only pages where labels
    outweigh prose get the thorough pass. trafilatura is imported here, on a page's first
    extraction: a command that reads no web page does not pay a fifth of a second for it."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="xml", comments=False, links=False, fast=not thorough)


# The scorer's candidate replaces trafilatura's only when it reads clearly more like an
# article (half as much value again), so a near tie keeps the structure-aware choice.
PREFERENCE = 1.5
SHRED = 0.3  # a second candidate with less than this share of the first's words is a shred
NOISE_WEIGHT = 2  # a word of menu or label costs two words of prose
# An article of less value than this (more labels and menus than prose) gets the thorough
# pass. Not more: on a short all-prose article that pass (a jusText reading of the whole page
# among its fallbacks) adds the blurbs, bios and comments around it; a bar of 200 cost a fifth
# to a third more time for no gain on four extraction corpora.
WEAK = 0
THOROUGH_PREFERENCE = 3
# For an article's value, a shorter line that ends like a sentence is prose too (see
# `fragment.is_prose_line`); anything else is a label, a menu entry, a date, a caption.
SENTENCE_WORDS = 5
# Enough to know a page's menus and tell a listing from a release; bounded for huge pages.
MAX_LINKS_JUDGED = 3000


def _generic_body(tree, base: str | None, link_texts: set[str]) -> etree._Element:
    """The article of a page without rules; `link_texts` are the page's (`page_link_texts`)."""
    drop_consent_banners(tree)
    drop_related_sections(tree)
    drop_promo_boxes(tree)
    unmask_article_parts(tree)
    # The scorer changes the tree it reads, so it gets a copy. trafilatura (2.0 and later)
    # works on its own copy: the page stays as it is for the passes below.
    for_scorer = copy.deepcopy(tree)
    structured = _trafilatura_candidate(tree, base)
    scored = _readability_candidate(for_scorer, base)
    texts = CandidateTexts()
    fragment = choose(structured, scored, link_texts, texts=texts)
    halves = joined_halves(
        fragment,
        scored if fragment is structured else structured,
        tree,
        lambda text: article_value(text, link_texts),
        text_of=texts.__getitem__,
    )
    fragment = fragment if halves is None else halves
    if (
        _run_into_lines(text := texts[fragment])
        and (around := _around_headline(tree, text, base)) is not None
        and _covers_unlinked(fragment_text(around), text, link_texts)
    ):
        fragment = around  # trafilatura's fallbacks would run the page into a line again
    elif article_value(text, link_texts) < WEAK:
        # More labels than prose either way: trafilatura's fallbacks (a jusText pass over the
        # whole page among them) sometimes find an article that both candidates missed. They
        # also take comments and teasers for prose, so theirs must be far better to count.
        thorough = _trafilatura_candidate(tree, base, thorough=True)
        fragment = choose(fragment, thorough, link_texts, THOROUGH_PREFERENCE, texts=texts)
    restore_dropped_lists(fragment, tree, base)
    drop_teaser_tail(fragment)
    relink(fragment, tree, base)
    return fragment


class CandidateTexts(dict):
    """Each candidate's text, made once: a candidate does not change while it is judged."""

    def __missing__(self, fragment: etree._Element) -> str:
        text = self[fragment] = fragment_text(fragment)
        return text


def choose(
    first: etree._Element,
    second: etree._Element,
    link_texts: set[str],
    preference: float = PREFERENCE,
    *,
    texts: CandidateTexts | None = None,
) -> etree._Element:
    """`first`, unless `second` reads clearly more like an article (by `preference`, a ratio)
    and is no mere shred of it (SHRED of its words at least)."""
    texts = CandidateTexts() if texts is None else texts
    first_text, second_text = texts[first], texts[second]
    mine = article_value(first_text, link_texts)
    theirs = article_value(second_text, link_texts)
    keeps_lists = not _drops_announced_list(first, second_text, link_texts)
    if (
        (theirs >= mine > 0 or _is_blob(first_text))
        and _within(second_text, first_text)
        and not _fills_gaps(second_text, first_text, _list_lines(first), link_texts)
        and not _loses_prose(first_text, second_text, link_texts)
        and keeps_lists
    ):
        return second  # the same article without the menus and boxes around it
    if _run_together(first_text, second_text):
        return second  # the same words, with the headline and paragraphs apart
    if _run_together(second_text, first_text):
        return first
    if _fills_gaps(first_text, second_text, _list_lines(second), link_texts):
        return second  # the same article with the list the first one dropped
    if _fills_gaps(second_text, first_text, _list_lines(first), link_texts):
        return first  # and the other way round: its labels are the list's
    if theirs <= max(mine, 0) * preference or not keeps_lists:
        return first
    if len(second_text.split()) < len(first_text.split()) * SHRED:
        return first
    return second


CONTAINED = 0.95  # share of a candidate's words found in the other for it to lie within it


BLOB_WORDS = 150


def _is_blob(text: str) -> bool:
    """The whole page run into a line or two (an extractor's last resort): no structure to
    judge by, so any candidate within it that has one is better."""
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) <= 2 and len(text.split()) >= BLOB_WORDS


def _loses_prose(first: str, second: str, link_texts: set[str]) -> bool:
    """`second` lacks paragraphs of running text that `first` has, as many words as half its
    own or more (a page of three reports read as its second one): what it leaves out must be
    menus, labels and a box or two."""
    kept = set(second.splitlines())
    lost = [
        line
        for line in first.splitlines()
        if line not in kept and line not in link_texts and is_prose_line(line)
    ]
    own = sum(len(line.split()) for line in kept if is_prose_line(line))
    return (
        len(lost) >= LOST_PARAGRAPHS and sum(len(line.split()) for line in lost) >= own * LOST_SHARE
    )


LOST_PARAGRAPHS = 2
LOST_SHARE = 0.5


def _drops_announced_list(first: etree._Element, second: str, link_texts: set[str]) -> bool:
    """`second` leaves out every line of a list that `first`'s text announces, and `first` read
    with that list as its prose is an article: a scorer that stops at a release's "Key
    features include:" drops what the release is about."""
    announced = announced_lists(first)
    if not announced:
        return False
    kept = set(second.splitlines())
    return not (announced & kept) and article_value(fragment_text(first), link_texts, announced) > 0


def _run_together(first: str, second: str) -> bool:
    """`first` is `second`'s lines run into one or two (trafilatura's last resort on a short
    page takes the page's text as one line): the same words, fewer lines."""
    first_lines = [line for line in first.splitlines() if line.strip()]
    second_lines = [line for line in second.splitlines() if line.strip()]
    return len(first_lines) <= 2 < len(second_lines) + 1 and first.split() == second.split()


def _run_into_lines(text: str) -> bool:
    return 0 < len([line for line in text.splitlines() if line.strip()]) <= 2


AROUND_HEADLINE_WORDS = 400
BESIDE_HEADLINE_WORDS = 6  # a short sentence; a date or a kicker beside the <h1> is less


def _around_headline(tree, run: str, base: str | None) -> etree._Element | None:
    """The smallest block around the page's <h1> with more text than the headline: a short
    release's own container, where an extractor ran the whole page, headline and all, into one
    line (`run`)."""
    heading = next(tree.iter("h1"), None)
    if heading is None or _clean_space(heading.text_content()) not in run:
        return None
    own = len(heading.text_content().split())
    for ancestor in heading.iterancestors():
        if ancestor.tag in ("body", "html"):
            return None
        words = len(ancestor.text_content().split())
        if words > AROUND_HEADLINE_WORDS:
            return None
        if words >= own + BESIDE_HEADLINE_WORDS and ancestor.tag != "header":
            return _convert(ancestor, HTML_KINDS, base)
    return None


COVERED = 0.8


def _covers_unlinked(inner: str, outer: str, link_texts: set[str]) -> bool:
    """`inner` holds nearly every word of `outer` that is not a link's text on the page: the
    release that a page run into one line holds besides its menus."""
    for anchor in sorted(link_texts, key=len, reverse=True):
        if anchor in outer:
            outer = outer.replace(anchor, " ")
    # distinct words: a breadcrumb repeats the headline, a search box adds its label
    outer_words, inner_words = set(outer.split()), set(inner.split())
    return len(outer_words & inner_words) >= COVERED * len(outer_words)


def _within(inner: str, outer: str) -> bool:
    """Nearly every word of `inner` is in `outer` (counted with repeats), and `outer` has more."""
    inner_words, outer_words = Counter(inner.split()), Counter(outer.split())
    total = sum(inner_words.values())
    if not total or total >= sum(outer_words.values()):
        return False
    shared = sum(min(count, outer_words[word]) for word, count in inner_words.items())
    return shared >= CONTAINED * total


def _list_lines(fragment: etree._Element) -> set[str]:
    """The texts of the fragment's list items, subheadings and tables (rows, captions)."""
    return {
        _clean_space("".join(item.itertext()))
        for item in fragment.iter("li", "h2", "h3", "h4", "p")
        if item.tag != "p" or item.get("class") in ("row", "table-line")
    }


def _fills_gaps(inner: str, outer: str, list_lines: set[str], link_texts: set[str]) -> bool:
    """`outer` is `inner`, line for line and in order, with a list between two of them that an
    extractor skipped: the added lines are all items of `outer`'s lists or its subheadings
    (`list_lines`), none of them one of the page's link texts. Galleries, captions and bylines
    in between do not count, nor lines before or after `inner`: that is where boxes and teasers
    sit."""
    inner_lines = [line for line in inner.splitlines() if line.strip()]
    outer_lines = [line for line in outer.splitlines() if line.strip()]
    if (
        inner_lines
        and inner_lines[0] not in outer_lines
        and not _SENTENCE_END.search(inner_lines[0])
    ):
        inner_lines = inner_lines[1:]  # a deck over the text, which the lead rule puts back
    if len(inner_lines) < 2 or len(outer_lines) <= len(inner_lines):
        return False
    positions, start = [], 0
    for line in inner_lines:
        try:
            start = outer_lines.index(line, start) + 1
        except ValueError:
            return False
        positions.append(start - 1)
    inside = set(range(positions[0], positions[-1] + 1)) - set(positions)
    if not inside:
        return False
    added = sum(len(outer_lines[i].split()) for i in inside)
    return added <= len(inner.split()) and all(
        outer_lines[i] in list_lines and outer_lines[i] not in link_texts for i in inside
    )


def article_value(text: str, link_texts: set[str], announced: Collection[str] = ()) -> float:
    """Words of prose, less the words of everything else: a line that is one of the page's link
    texts (menus, teasers, tags) and short non-sentence lines (labels, bylines, widgets), which
    weigh double: a candidate that gains a paragraph with a menu has gained nothing. The lines
    of a list the text announces (`announced_lists`) are its prose too."""
    value = 0.0
    for line in text.splitlines():
        words = len(line.split())
        if not words:
            continue
        if line in link_texts:
            value -= words * NOISE_WEIGHT
        elif (
            line in announced
            or words >= PROSE_WORDS
            or (words >= SENTENCE_WORDS and _SENTENCE_END.search(line))
        ):
            value += words
        else:
            value -= words * NOISE_WEIGHT
    return value


def announced_lists(fragment: etree._Element) -> set[str]:
    """The items of each list that a paragraph ending in a colon announces ('Neu sind in
    diesem Jahr:'), and that paragraph: the article's own sentences set as a list, where a menu
    or a box of labels has no such line over it."""
    lines = set()
    for listing in fragment.iter("ul", "ol"):
        intro = listing.getprevious()
        if intro is None or intro.tag != "p":
            continue
        intro_text = _clean_space("".join(intro.itertext()))
        if intro_text.endswith(":"):
            lines.add(intro_text)
            lines.update(_clean_space("".join(item.itertext())) for item in listing.iter("li"))
    return lines


def _trafilatura_candidate(tree, base: str | None, *, thorough: bool = False) -> etree._Element:
    import trafilatura

    document = trafilatura.bare_extraction(tree, options=_trafilatura_options(thorough))
    if document is None or document.body is None:
        return etree.Element("div")
    return _convert(document.body, XML_KINDS, base, page_language(tree))


def _readability_candidate(tree, base: str | None) -> etree._Element:
    from trafilatura.readability_lxml import Document as ReadabilityDocument

    language = page_language(tree)  # before the scorer changes the tree
    try:
        summary = ReadabilityDocument(tree, min_text_length=25).summary()
        block = lxml_html.fragment_fromstring(summary, create_parent="div") if summary else None
    except Exception:  # the scorer is a second opinion: without it, trafilatura's stands
        return etree.Element("div")
    if block is None:
        return etree.Element("div")
    return _convert(block, HTML_KINDS, base, language)


def page_link_texts(tree) -> set[str]:
    """The texts of the page's links (menus, teasers, tags): what an article is not made of."""
    texts = set()
    for number, anchor in enumerate(tree.iter("a")):
        if number >= MAX_LINKS_JUDGED:
            break
        text = _clean_space(anchor.text_content())
        if len(text) >= 3:
            texts.add(text)
    return texts
