"""Lists an extractor dropped from the middle of the article, put back from the page.

trafilatura leaves out a `<ul>` or `<ol>` that stands in a plain `<div>` or `<section>` body
(it keeps it inside `<article>`): a wire release's "Key features include:" is then followed by
the paragraph after the list. A list of the page goes back into the article where its
neighbours say it belongs: the block before it is a block of the article, and the block after
it is the article's next block, or the block before announces it with a colon. Menus and link
lists never qualify: their neighbours are not the article's, and their text is links.
"""

from __future__ import annotations

from lxml import etree

from pipeline.extract.fragment import HTML_KINDS, _clean_space, _convert

_ARTICLE_BLOCKS = ("p", "h2", "h3", "h4", "blockquote")
_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "header", "menu", "form"})
MAX_ITEMS = 60
MAX_LINKED = 0.5  # share of a list's text in links above which it is a menu or a link list


def restore_dropped_lists(fragment: etree._Element, tree, base: str | None) -> None:
    """Insert into `fragment` each list of `tree` that sits between two of its blocks."""
    blocks = {}
    for block in fragment.iter(*_ARTICLE_BLOCKS):
        if block.getparent().tag not in ("li", "blockquote"):
            blocks.setdefault(_text(block), block)
    if not blocks:
        return
    kept = {_text(item) for item in fragment.iter("li")}
    for page_list in tree.iter("ul", "ol"):
        if next(page_list.iterancestors("ul", "ol"), None) is not None:
            continue  # a nested list comes back with its outer one
        previous = _neighbour(page_list, etree._Element.getprevious)
        before = None if previous is None else blocks.get(_text(previous))
        if before is None or not _is_article_list(page_list, kept):
            continue
        after = _neighbour(page_list, etree._Element.getnext)
        following = before.getnext()
        if not (
            (after is not None and following is not None and _text(after) == _text(following))
            or _text(before).endswith(":")
        ):
            continue
        converted = _convert(page_list, HTML_KINDS, base)
        kept.update(_text(item) for item in converted.iter("li"))
        place = before
        for element in list(converted):
            place.addnext(element)
            place = element


def _is_article_list(page_list, kept: set[str]) -> bool:
    items = page_list.findall("li")
    if not items or len(items) > MAX_ITEMS:
        return False
    if any(_text(item) in kept for item in items):
        return False  # the article has it already
    if any(a.tag in _FURNITURE_TAGS for a in page_list.iterancestors()):
        return False
    text = _text(page_list)
    linked = sum(len(_text(anchor)) for anchor in page_list.iter("a"))
    return bool(text) and linked <= MAX_LINKED * len(text)


def _neighbour(element, step):
    """The nearest sibling with text in the direction of `step`."""
    sibling = step(element)
    while sibling is not None and (not isinstance(sibling.tag, str) or not _text(sibling)):
        sibling = step(sibling)
    return sibling


def _text(element) -> str:
    return _clean_space("".join(element.itertext()))
