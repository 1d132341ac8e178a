"""The article in a page: per-source CSS rules first, else the generic extractor.

`extract_article` returns the article as a block fragment (p, h2-h4, ul/ol/li, blockquote with
inline a/strong/em/br) plus the metadata a page carries in its head. Sanitizing, boilerplate
lines and date parsing belong to `normalize`; this package only finds the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from pipeline.config import ExtractRules
from pipeline.extract.bigfont import promote_font_headline
from pipeline.extract.captions import drop_picture_headings, picture_headings
from pipeline.extract.contact_box import contact_box_lines
from pipeline.extract.documents import article_documents, document_candidates
from pipeline.extract.fragment import (
    HTML_KINDS,
    _clean_space,
    _convert,
    fragment_html,
    fragment_text,
)
from pipeline.extract.generic import _generic_body, page_link_texts
from pipeline.extract.headings import heading_text, names_the_page_kind, separate_heading_parts
from pipeline.extract.images import (
    FoundImage,
    article_container,
    article_images,
    drop_captions,
    image_candidates,
    paragraph_elements,
)
from pipeline.extract.links import links_without_address
from pipeline.extract.lists import restore_further_reading
from pipeline.extract.metadata import (
    _base_url,
    _canonical_url,
    _head_metadata,
    _language,
    _names_only_the_page,
    _title,
    headline_element,
    next_page,
    promote_office_headings,
)
from pipeline.extract.page_dates import (
    declared_dates,
    overruled_date,
    published_date,
    time_values,
)
from pipeline.extract.page_history import drop_page_history, drop_review_stamps
from pipeline.extract.page_kind import page_kind, page_signals
from pipeline.extract.parse import parse_html
from pipeline.extract.references import restore_references
from pipeline.extract.rules import _rule_body, _rule_date, _rule_text, _strip
from pipeline.extract.surroundings import (
    drop_above_headline,
    heading_over_article,
    lead_after_headline,
    lines_near_headline,
    part_lead_from_dateline,
    styled_headline,
    text_before_headline,
    texts_above_headline,
)
from pipeline.extract.tags import page_tags
from pipeline.extract.urls import PageAddress, saved_from
from pipeline.extract.videos import article_videos


@dataclass(frozen=True, slots=True)
class Article:
    """What a page says: the article body as a block fragment and the head's metadata."""

    title: str | None
    body_html: str
    text_length: int = 0  # characters of body text, to tell an article from an empty page
    published_text: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    author: str | None = None
    prose_words: int = 0  # words of the body outside the page's link texts (listings have few)
    images: tuple[FoundImage, ...] = ()  # the article's photos, in page order
    videos: tuple[str, ...] = ()  # addresses of the videos it embeds
    above_headline: tuple[str, ...] = ()  # short lines over the <h1>, outside the body
    below_headline: tuple[str, ...] = ()  # and under it
    contact_box: tuple[str, ...] = ()  # a contact box's lines, outside the body
    tags: tuple[str, ...] = ()  # the article's own tags (article:tag, JSON-LD keywords)
    next_page: tuple[str, str] | None = None  # (address, pager's words): the body is a part
    page_kind: str | None = None  # 'listing', 'error', 'login' …: no release (`page_kind`)
    documents: tuple[tuple[str, str], ...] = ()  # (address, text) of its linked documents
    unlinked: tuple[str, ...] = ()  # hrefs left as text: on its own site, and it has no address
    overruled_date: str | None = None  # the head's date, set aside for the article's own day

    @property
    def text(self) -> str:
        """The body as plain text, one line per paragraph, heading or list item."""
        if not self.body_html:
            return ""
        return fragment_text(lxml_html.fragment_fromstring(self.body_html, create_parent="div"))


def extract_article(
    html: bytes | str,
    *,
    url: str | None = None,
    rules: ExtractRules | None = None,
    encoding: str | None = None,
    beside: Callable[[str], bool] | None = None,
) -> Article:
    """Find the article in a page. Per-source CSS rules win; anything they leave out is generic.
    `beside` says whether a relative address names a file saved beside the input: such files
    are read from there, whatever the page's address.

    Raises ValueError when a CSS rule is not a valid selector.
    """
    tree = parse_html(html, encoding=encoding)
    if tree is None:
        return Article(title=None, body_html="")
    rules = rules or ExtractRules()
    meta = _head_metadata(tree)
    canonical = _canonical_url(tree, meta, url)
    base = _base_url(tree, url or canonical or saved_from(html))
    if base and beside is not None:
        base = PageAddress(base, beside)
    _strip(tree, rules.strip)
    first_published = drop_page_history(tree)  # its dates are edits to the page
    drop_review_stamps(tree)
    declared = declared_dates(tree, meta)  # before extraction turns parts of the page into text
    # a page's dated fields ("Announcement Date: <time>") may be taken into the text
    page_times = time_values(tree)
    promote_office_headings(tree, meta)
    promote_font_headline(tree)
    separate_heading_parts(tree)
    anchors = page_link_texts(tree)  # before extraction, which changes the tree
    signals = page_signals(tree)
    heading = headline_element(tree, meta)
    part_lead_from_dateline(heading)
    above_headline, below_headline = lines_near_headline(tree, heading)
    contact_box = contact_box_lines(tree)
    lead = lead_after_headline(tree, heading)
    above = texts_above_headline(tree, heading)
    candidates = image_candidates(tree, base)
    over_pictures = picture_headings(tree) if candidates else set()
    documents = document_candidates(tree, base)
    videos = article_videos(tree, base)
    paragraphs = (
        paragraph_elements(tree) if candidates or documents else []
    )  # only needed to place them
    fragment = _rule_body(tree, rules.body, base) if rules.body else None
    if fragment is None or not len(fragment):
        fragment = _generic_body(tree, base, anchors)
        # the links the release points its reader to go out with it, though they are no
        # article text (what `extract_text` gives)
        restore_further_reading(fragment, tree, base)
        restore_references(fragment, tree, base)
    title = _rule_text(tree, rules.title) if rules.title else None
    title = title or _title(tree, meta, heading, after_text=text_before_headline(fragment, above))
    # no headline element: the heading over the text, or the body's opening line, stands for it
    over = heading_over_article(tree, fragment) if heading is None else None
    if title is None and over is not None:
        title = _clean_space(over.text_content())
    styled = over if over is not None or heading is not None else styled_headline(tree, fragment)
    if styled is not None:
        above_headline, below_headline = lines_near_headline(tree, styled)
    _drop_leading_title(fragment, title, heading)
    drop_above_headline(fragment, above)
    _restore_lead(fragment, lead)
    images = article_images(candidates, paragraphs, fragment)
    container = article_container(paragraphs, fragment) if documents else None
    drop_captions(fragment, images)
    if images:
        drop_picture_headings(fragment, over_pictures)
    published = (
        (_rule_date(tree, rules.date) if rules.date else None)
        or published_date(tree, declared)
        or first_published
        or next(iter(page_times), None)
    )
    body_text = _clean_space(" ".join(fragment.itertext()))
    prose_words = _prose_words(body_text, anchors)
    kind = page_kind(
        signals,
        fragment_text(fragment),
        prose_words,
        len(images),
        listing_title=_names_only_the_page(_page_name(tree, heading) or title or ""),
    )
    return Article(
        title=title,
        body_html=fragment_html(fragment),
        text_length=len(_clean_space("".join(fragment.itertext()))),
        published_text=published,
        language=_language(tree, meta),
        canonical_url=canonical,
        description=meta.get("og:description") or meta.get("description"),
        author=meta.get("author") or meta.get("article:author"),
        prose_words=prose_words,
        images=tuple(images),
        videos=videos,
        above_headline=above_headline,
        below_headline=below_headline,
        contact_box=contact_box,
        tags=page_tags(tree),
        next_page=next_page(tree, base),
        overruled_date=None if rules.date else overruled_date(declared),
        page_kind=kind,
        documents=article_documents(documents, container),
        unlinked=links_without_address(fragment, tree, base),
    )


TITLE_REACH = 3  # blocks: an extractor may set the first paragraph or a kicker over the <h1>


def _drop_leading_title(fragment, title: str | None, heading) -> None:
    """The headline is the title, not a paragraph: drop it where the body repeats it among its
    first blocks (an extractor sometimes puts a chunk's first paragraph over it)."""
    if not title:
        return
    for block in fragment[:TITLE_REACH]:
        text = _clean_space("".join(block.itertext()))
        if block.tag not in {"h2", "h3", "h4", "p"}:
            continue
        if text == title or _kicker_over(text, title):
            fragment.remove(block)
            return
        if block.tag != "p" and _line_under(text, title, heading):
            # the line set under the headline in its heading ('<span class="subline">')
            # opens the text as the deck it is
            deck = etree.Element("p")
            deck.text = text[len(title) :].strip()
            deck.tail = block.tail
            fragment.replace(block, deck)
            return


KICKER_WORDS = 6


def _line_under(text: str, title: str, heading) -> bool:
    """The whole headline element read as one block: the headline, then a line of its own."""
    whole = _clean_space(heading.text_content()) if heading is not None else ""
    return text == whole and text.startswith(f"{title} ")


def _kicker_over(text: str, title: str) -> bool:
    """The headline with its kicker run into it ('Medieninformation Nr. 512Neue Ampel …'): an
    extractor reads the heading's parts without the line between them."""
    if text.startswith(title) and len(title.split()) >= 2:
        return names_the_page_kind(text[len(title) :])  # '… <small>Pressemitteilung Nr. 12'
    return (
        text.endswith(title)
        and len(title.split()) >= 2
        and 0 < len(text[: -len(title)].split()) <= KICKER_WORDS
    )


def _page_name(tree, heading) -> str | None:
    """What the page calls itself: its headline element, else its head's title."""
    if heading is not None:
        return heading_text(heading)
    head_title = tree.find(".//title")
    return _clean_space(head_title.text_content()) if head_title is not None else None


def _restore_lead(fragment, lead: str | None) -> None:
    """Put the lead box back in front of the body when the extractor left it out."""
    if not lead:
        return
    body = _clean_space(" ".join(fragment.itertext()))
    if _clean_space(lead.split("\n")[0])[:80] in body:
        return
    if "\n" in lead:  # a box of bullet points under the headline
        paragraph = etree.Element("ul")
        for line in lead.split("\n"):
            etree.SubElement(paragraph, "li").text = line
        fragment.insert(0, paragraph)
        return
    paragraph = etree.Element("p")
    paragraph.text = lead
    # a lead before the first paragraph of running text: a date or byline line over it stays on
    # top, where the date is read from; a deck (no sentence) opens the body
    first_prose = lead.rstrip()[-1:] in '.!?"“”»«)' and next(
        (
            index
            for index, block in enumerate(fragment)
            if len(text := _clean_space("".join(block.itertext())).split()) >= PROSE_LINE_WORDS
            and text[-1][-1:] in '.!?"“”»«)'
        ),
        0,
    )
    fragment.insert(int(first_prose), paragraph)


PROSE_SAMPLE = 6000
PROSE_LINE_WORDS = 6


def _prose_words(text: str, anchors: set[str]) -> int:
    """Words of running text in `text` that are not a link's text on the page: a category
    page whose "article" is its menu and teaser titles has next to none."""
    text = text[:PROSE_SAMPLE]
    for anchor in sorted(anchors, key=len, reverse=True):  # longest first: whole titles
        if anchor in text:
            text = text.replace(anchor, " ")
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return sum(
        len(words)
        for sentence in sentences
        if len(words := sentence.split()) >= 4 and sentence.rstrip()[-1:] in '.!?"”“»«'
    )


def extract_text(html: bytes) -> str:
    """The main text of a page, one paragraph per line (what the evaluation harness scores)."""
    tree = parse_html(html)
    if tree is None:
        return ""
    drop_page_history(tree)
    drop_review_stamps(tree)
    return fragment_text(_generic_body(tree, None, page_link_texts(tree)))


def html_fragment(html: str, *, base_url: str | None = None) -> str:
    """Turn a whole HTML body (an e-mail's, say) into our block fragment without judging it."""
    return fragment_html(fragment_tree(html, base_url=base_url))


def fragment_tree(html: str, *, base_url: str | None = None) -> etree._Element:
    """Like `html_fragment`, as a <div> holding the blocks, for callers that edit them."""
    tree = parse_html(html)
    if tree is None:
        return etree.Element("div")
    body = tree.find("body")
    return _convert(body if body is not None else tree, HTML_KINDS, base_url)
