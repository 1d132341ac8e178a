"""Parts of the article that extractors drop as page furniture, unmasked before they run: an
<article> inside a container named like a menu, a quote's speaker in its <footer>, a fact box
set as an <aside> between two paragraphs, a definition list's terms and their definitions."""

from __future__ import annotations

import re

from pipeline.extract.fragment import _clean_space, definitions_as_items, is_prose_line


def unmask_article_parts(tree) -> None:
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
