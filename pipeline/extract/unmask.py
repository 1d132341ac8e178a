"""Parts of the article that extractors drop as page furniture, unmasked before they run: an
<article> inside a container named like a menu, a quote's speaker in its <footer>, a fact box
set as an <aside> between two paragraphs, a definition list's terms and their definitions."""

from __future__ import annotations

import re

from lxml import etree

from pipeline.extract.definitions import definitions_as_items
from pipeline.extract.fragment import _clean_space, is_prose_line


def unmask_article_parts(tree) -> None:
    paragraphs_from_breaks(tree)
    definitions_as_items(tree)
    _attributions_as_paragraphs(tree)
    _unmask_article_wrappers(tree)
    _unmask_fact_boxes(tree)


# Names that extractors drop a container for, its text and all, as page furniture.
_FURNITURE_NAME = re.compile(
    r"nav|menu|sidebar|footer|header|comment|widget|banner|social|related|teaser", re.IGNORECASE
)
_FURNITURE_TAGS = frozenset(("aside", "nav", "header", "footer"))
# An <article> with the page's headline, or with this much text, is the page's article; one
# with neither is a teaser card.
ARTICLE_WORDS = 100


def _unmask_article_wrappers(tree) -> None:
    """A container named or tagged as a menu or a sidebar that holds the page's <article> is
    none: an unclosed <div> of a menu widget put the whole page inside it. Its name goes and it
    becomes a <div>, so that extractors, which drop such containers whole, keep the article."""
    for article in tree.iter("article"):
        if (
            next(article.iter("h1"), None) is None
            and len(article.text_content().split()) < ARTICLE_WORDS
        ):
            continue  # a teaser card
        for ancestor in article.iterancestors():
            if ancestor.tag in ("body", "html"):
                break
            if ancestor.tag in _FURNITURE_TAGS:
                ancestor.tag = "div"
            for name in ("id", "class", "role"):
                if _FURNITURE_NAME.search(ancestor.get(name) or ""):
                    del ancestor.attrib[name]
        return


def _unmask_fact_boxes(tree) -> None:
    """An <aside> between two paragraphs of the text ('Termin: Wann … Wo …', 'Zahlen und
    Fakten') is part of it, unless it is mostly links (a box of other articles): extractors
    drop every <aside> as a sidebar."""
    for aside in list(tree.iter("aside")):
        before, after = aside.getprevious(), aside.getnext()
        if before is None or after is None or before.tag != "p" or after.tag != "p":
            continue
        if not (is_prose_line(_clean_space(before.text_content()))
                and is_prose_line(_clean_space(after.text_content()))):  # fmt: skip
            continue
        words = len(aside.text_content().split())
        linked = sum(len(link.text_content().split()) for link in aside.iter("a"))
        if words and linked <= words * FACT_BOX_LINKS:
            aside.tag = "div"
            aside.attrib.pop("class", None)


FACT_BOX_LINKS = 0.3


def _attributions_as_paragraphs(tree) -> None:
    """A quote's speaker set in its <footer> or <cite> ('Prof. Dr. Martin Lindner, Institut …')
    is part of the quote: extractors drop footers as page furniture, so it becomes a paragraph.
    A quote set in a <figure> (WordPress's pull quote) leaves it: extractors drop figures as
    pictures."""
    for figure in list(tree.iter("figure")):
        if (
            next(figure.iter("blockquote"), None) is not None
            and next(figure.iter("img", "picture", "video", "iframe"), None) is None
        ):
            figure.drop_tag()
    for quote in tree.iter("blockquote"):
        for attribution in quote.xpath("./footer | ./figcaption | ./cite"):
            attribution.tag = "p"


_BLOCK_CHILDREN = frozenset(
    "p div section article ul ol dl table h1 h2 h3 h4 h5 h6 blockquote pre form".split()
)
_BOLD = frozenset(("b", "strong"))
BREAK_PROSE_WORDS = 40
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
HEADING_WORDS = 15


def paragraphs_from_breaks(tree) -> None:
    """An old page's text set in one box with line breaks only ('<b>Headline</b><br>Text …
    <br><br>Text …'): a blank line between two breaks ends a paragraph, and a bold line on
    its own over text is a heading. Extractors read such a box as one long line."""
    for box in list(tree.iter("div", "td", "section", "article", "center", "font")):
        if any(isinstance(child.tag, str) and child.tag in _BLOCK_CHILDREN for child in box):
            continue
        breaks = [child for child in box if child.tag == "br"]
        if len(breaks) < 2 or len(box.text_content().split()) < BREAK_PROSE_WORDS:
            continue
        if not _has_blank_line(box):
            continue
        _rebuild(box)


def _has_blank_line(box) -> bool:
    """Two <br> with nothing but space between them."""
    return any(
        child.tag == "br"
        and not (child.tail or "").strip()
        and (nxt := child.getnext()) is not None
        and nxt.tag == "br"
        for child in box
    )


def _rebuild(box) -> None:
    groups: list[list] = [[]]  # each: the text and elements of one paragraph, in order
    if (box.text or "").strip():
        groups[-1].append(box.text)
    box.text = None
    children = list(box)
    for child in children:
        box.remove(child)
        tail, child.tail = child.tail, None
        if (
            child.tag == "br"
            and groups[-1]
            and _ends_with_break(groups[-1])
            and not (tail or "").strip()
        ):
            groups[-1].pop()  # the first <br> of the pair
            groups.append([])
            continue
        groups[-1].append(child)
        if (tail or "").strip():
            groups[-1].append(tail)
    for group in groups:
        while group and _is_break(group[-1]):
            group.pop()
        while group and _is_break(group[0]):
            group.pop(0)
        if group:
            for block in _blocks(group):
                box.append(block)


def _is_break(part) -> bool:
    return not isinstance(part, str) and part.tag == "br"


def _ends_with_break(group: list) -> bool:
    return bool(group) and _is_break(group[-1])


def _blocks(group: list) -> list:
    """A paragraph of the group; a bold line that opens it over more text is a heading."""
    first = group[0]
    if (
        not isinstance(first, str)
        and first.tag in _BOLD
        and len(group) > 2
        and _is_break(group[1])
        and len(first.text_content().split()) <= HEADING_WORDS
        and not first.text_content().rstrip().endswith((".", ":"))
    ):
        heading = etree.Element("h2")
        heading.text = first.text_content()
        return [heading, *_blocks(group[2:])]
    paragraph = etree.Element("p")
    for part in group:
        if isinstance(part, str):
            part = _NOT_XML.sub("", str(part))  # a character entity XML cannot hold
            if len(paragraph):
                paragraph[-1].tail = (paragraph[-1].tail or "") + part
            else:
                paragraph.text = (paragraph.text or "") + part
        else:
            paragraph.append(part)
    return [paragraph]
