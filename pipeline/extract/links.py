"""Links mapped back from the page onto the extracted article.

trafilatura picks a page's main text better without links than with them (with links kept it
chose another block on many pages), so it runs without; the links are put back afterwards
from the page itself: a block of the article whose text equals a block of the page gets that
block's links, each on the first unlinked occurrence of its text. A block trafilatura changed
keeps its text and simply has no links, never a wrong one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from lxml import etree

from pipeline.extract.documents import file_beside
from pipeline.extract.fragment import _clean_space
from pipeline.extract.tables import ROW_CLASS
from pipeline.extract.urls import resolve as _resolve

# Page elements whose text is compared with the article's blocks.
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt", "blockquote",
           "div", "section", "article", "figcaption", "pre", "address")  # fmt: skip
_ARTICLE_BLOCKS = frozenset({"p", "li", "h2", "h3", "h4"})
_LEAF_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt")
_INLINE = frozenset({"strong", "em", "b", "i"})
MAX_LINKS = 200_000  # beyond this a page is no release; its links are not mapped
LOOKAHEAD = 4
_CELL_SEPARATOR = " | "


def page_links(tree, wanted: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Block text -> the (link text, href) pairs inside that block, for the blocks with links
    whose text is `wanted` (the article's). The hrefs are as written: `relink` resolves them."""
    found: dict[str, list[tuple[str, str]]] = {}
    keys: dict[etree._Element, str] = {}
    for number, anchor in enumerate(tree.iter("a")):
        if number >= MAX_LINKS:
            break
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        block = _enclosing_block(anchor)
        if block is None:
            continue
        key = keys.get(block)
        if key is None:
            key = keys[block] = _clean_space(block.text_content())
        if key in wanted and (text := _clean_space(anchor.text_content())):
            found.setdefault(key, []).append((text, href))
    if found:
        # a text the page also shows without a link ('Service' as an info box's heading and in
        # the menu) is ambiguous: the article's block keeps it unlinked
        shortest = min(map(len, found))
        for block in tree.iter(*_LEAF_BLOCKS):
            if block in keys or next(block.iter("a"), None) is not None:
                continue
            raw = block.text_content()
            if len(raw) >= shortest:
                found.pop(_clean_space(raw), None)
    return found


def relink(fragment: etree._Element, tree, base: str | None) -> None:
    """Give each block of `fragment` the links of the page block with the same text. A link
    that resolves to no http(s) or mailto address ('/presse' on a page without an address of
    its own) is marked as an `<a>` without `href`: its text stays, and no later stage takes an
    address its text shows ('www.stadt.de') for the target the page gave it."""
    blocks = [
        (block, _clean_space("".join(block.itertext())))
        for block in fragment.iter(*_ARTICLE_BLOCKS)
    ]
    # a table's row is one line of its cells: the page's cells are the blocks to look up
    cells = {
        text: text.split(_CELL_SEPARATOR)
        for block, text in blocks
        if block.get("class") == ROW_CLASS
    }
    wanted = {text for _, text in blocks} | {cell for row in cells.values() for cell in row}
    links = page_links(tree, wanted)
    if not links:
        return
    for block, text in blocks:
        pairs = links.get(text)
        if text in cells:
            pairs = [pair for cell in cells[text] for pair in links.get(cell, ())]
        if pairs:
            _relink_block(block, [(text, _resolve(raw, base)) for text, raw in pairs])


def _enclosing_block(element):
    parent = element.getparent()
    while parent is not None and parent.tag not in _BLOCKS:
        parent = parent.getparent()
    return parent


def _relink_block(block: etree._Element, pairs: list[tuple[str, str | None]]) -> None:
    """Wrap each link text, in page order, at its next occurrence: one pass over the block's
    text (positions, no copies), so a paragraph of 100,000 links costs linear time."""
    pending = 0
    for owner, attr in _text_slots(block):
        text = getattr(owner, attr) or ""
        hits: list[tuple[int, int]] = []  # (position, pair index)
        position = 0
        while pending < len(pairs):
            found = _next_pair(text, position, pairs, pending)
            if found is None:
                break
            pending, at = found
            hits.append((at, pending))
            position = at + len(pairs[pending][0])
            pending += 1
        if not hits:
            continue
        setattr(owner, attr, text[: hits[0][0]])
        place = owner.insert if attr == "text" else None
        previous = owner
        for number, (at, index) in enumerate(hits):
            link_text, href = pairs[index]
            end = hits[number + 1][0] if number + 1 < len(hits) else len(text)
            anchor = etree.Element("a", href=href) if href else etree.Element("a")
            anchor.text, anchor.tail = link_text, text[at + len(link_text) : end]
            if place is not None:
                place(0, anchor)
                place = None
            else:
                previous.addnext(anchor)
            previous = anchor


def _next_pair(text: str, position: int, pairs, start: int) -> tuple[int, int] | None:
    """The first of the next few link texts found in `text` from `position` (one the extractor
    changed is skipped rather than holding up the rest)."""
    for index in range(start, min(start + LOOKAHEAD, len(pairs))):
        at = text.find(pairs[index][0], position)
        if at >= 0:
            return index, at
    return None


def _text_slots(block: etree._Element):
    """(element, "text" | "tail") for each run of text of `block` in reading order."""
    slots = [(block, "text")]
    for child in list(block):
        if child.tag in _INLINE:
            slots += _text_slots(child)
        slots.append((child, "tail"))
    return slots


def links_without_address(fragment: etree._Element, tree, base: str | None) -> tuple[str, ...]:
    """The hrefs of the article's links that name a place on the page's own site ('/presse',
    'detail.html') when the page has no address to resolve them against (a page saved without
    its canonical link): they stay text, and the editor should know."""
    if base:
        return ()
    texts = {_clean_space("".join(block.itertext())) for block in fragment.iter(*_ARTICLE_BLOCKS)}
    links = page_links(tree, texts)
    return tuple(
        dict.fromkeys(
            href
            for pairs in links.values()
            for _, href in pairs
            if _on_own_site(href) and not file_beside(href)
        )
    )


def _on_own_site(href: str) -> bool:
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    return not parts.scheme and not parts.netloc and bool(parts.path) and not href.startswith("//")
