"""Lists an extractor dropped from the middle of the article, put back from the page.

trafilatura leaves out a `<ul>` or `<ol>` that stands in a plain `<div>` or `<section>` body
(it keeps it inside `<article>`): a wire release's "Key features include:" is then followed by
the paragraph after the list. A list of the page goes back into the article where its
neighbours say it belongs: the block before it is a block of the article, and the block after
it is the article's next block, or the block before announces it with a colon. Menus and link
lists never qualify: their neighbours are not the article's, and their text is links.

Footnotes too: a list whose items the text's marks point to ('<sup><a href="#fn1">1</a>') is
the article's, wherever it stands; trafilatura drops it as a page's foot, leaving the marks. So
is a list the page names its notes ('<ol class="footnotes">') under a text that numbers them
with raised marks of its own ('geöffnet.<sup>1</sup>'), without links.
"""

from __future__ import annotations

import re

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
    marks = _note_marks(tree)
    for page_list in tree.iter("ul", "ol"):
        if next(page_list.iterancestors("ul", "ol"), None) is not None:
            continue  # a nested list comes back with its outer one
        shown = _text(fragment)
        if (marks and _is_footnotes(page_list, marks)) or _named_notes(page_list, shown):
            restored = _restored(page_list, base)
            if any(_text(item) in shown for item in restored.iter("li")):
                continue  # the article has them already
            before = _block_before(page_list, blocks)
        else:
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
            restored = _restored(page_list, base)
        if not len(restored):
            continue
        kept.update(_text(item) for item in restored.iter("li"))
        if before is None:
            fragment.append(restored)
        else:
            before.addnext(restored)
            _drop_flattened_items(restored)


def _drop_flattened_items(restored) -> None:
    """The list's items an extractor kept as paragraphs of their own ('<li><p>…</p></li>', as
    LibreOffice, CKEditor and TinyMCE write them) go: the list stands for them."""
    items = [_text(item) for item in restored.iter("li")]
    following = restored.getnext()
    while following is not None and items and _text(following) == items[0]:
        if following.tag not in ("p", "h2", "h3", "h4") or len(following.findall(".//li")):
            break
        items.pop(0)
        following, dropped = following.getnext(), following
        dropped.getparent().remove(dropped)


# A heading over the links a release points its reader to. Extractors drop the list as a
# link list (and often the heading with it), but the release names these pages itself.
_FURTHER_READING = re.compile(
    r"(?:associated|related|useful|helpful|further) (?:links|resources|information|reading)"
    r"|(?:more|additional|further) (?:information|resources)|learn more|find out more"
    r"|weiterführende (?:informationen|links|hinweise)|weitere (?:informationen|links|hinweise)"
    r"|mehr (?:informationen|zum thema)|zusätzliche informationen|links zum thema"
    r"|liens (?:utiles|connexes)|(?:pour )?en savoir plus|informations? complémentaires?"
    r"|plus d[’']informations?",
    re.IGNORECASE,
)
_FURTHER_READING_ITEMS = 12


def restore_further_reading(fragment: etree._Element, tree, base: str | None) -> None:
    """Put back each list of links under a heading such as 'Associated links' that stands in
    the article's own container, after the article's block before it on the page."""
    blocks = {}
    for block in fragment.iter(*_ARTICLE_BLOCKS):
        if block.getparent().tag not in ("li", "blockquote"):
            blocks.setdefault(_text(block), block)
    kept = {_text(element) for element in fragment.iter("li", "a")}
    for heading in list(tree.iter("h2", "h3", "h4", "h5", "h6")):
        label = _text(heading).strip(" :")
        page_list = _neighbour(heading, etree._Element.getnext)
        if not _FURTHER_READING.fullmatch(label) or page_list is None:
            continue
        if page_list.tag not in ("ul", "ol") or not 0 < len(page_list) <= _FURTHER_READING_ITEMS:
            continue
        if any(
            a.tag in _FURNITURE_TAGS
            or _MENU_NAMES.search(f"{a.get('class', '')} {a.get('id', '')}")
            for a in heading.iterancestors()
        ):
            continue
        items = [_text(item) for item in page_list.iter("li")]
        if not items or any(item in kept for item in items):
            continue  # the article has them already
        restored = _restored(page_list, base)
        shown = blocks.get(label)
        if shown is not None and shown.tag in ("h2", "h3", "h4") and _after_text(shown, fragment):
            shown.addnext(restored)
            continue
        placed = _last_block_above(heading, fragment)
        if placed is None or not _after_text(placed, fragment):
            continue
        title = etree.Element(heading.tag if heading.tag in _ARTICLE_BLOCKS else "h4")
        title.text = label
        placed.addnext(title)
        title.addnext(restored)


_REACH_BACK = 200  # page elements before the heading
_MENU_NAMES = re.compile(r"(?:^|[\W_])(?:\w*nav\w*|menu\w*|sidebar|breadcrumbs?)(?:[\W_]|$)", re.I)
_TEXT_WORDS = 12


def _in_menu(heading) -> bool:
    return any(
        around.tag in _FURNITURE_TAGS
        or _MENU_NAMES.search(f"{around.get('class', '')} {around.get('id', '')}")
        for around in heading.iterancestors()
    )


def _after_text(block, fragment) -> bool:
    """A paragraph of the article's text comes before `block`: further reading follows the
    text it adds to (a section's own menu of links stands over it)."""
    for element in fragment.iter():
        if element is block:
            return False
        if element.tag == "p" and len(_text(element).split()) >= _TEXT_WORDS:
            return True
    return False


def _last_block_above(heading, fragment) -> etree._Element | None:
    """The article's block that the page prints last before `heading`, when both stand in one
    container of the page (not the body, whose frame holds a site's own link lists)."""
    top = {}
    for block in fragment:
        top.setdefault(_text(block), block)
    for element in reversed(heading.xpath(f"preceding::*[position() <= {_REACH_BACK}]")):
        if not isinstance(element.tag, str) or (block := top.get(_text(element))) is None:
            continue
        around = set(element.iterancestors())
        common = next((a for a in heading.iterancestors() if a in around), None)
        return block if common is not None and common.tag not in ("body", "html") else None
    return None


def _restored(page_list, base: str | None) -> etree._Element:
    restored = etree.Element(page_list.tag)  # an <ol> keeps its numbers: the marks say them
    restored.extend(_convert(page_list, HTML_KINDS, base))
    return restored


# A footnote's mark: '¹' (raised by `parse`), '[2]', or digits in a <sup>
_RAISED_MARK = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\[\d{1,3}\]")
_SUP_MARK = re.compile(r"\(?\d{1,3}\)?|[*†‡]")


def _note_marks(tree) -> dict[str, list]:
    """The page's footnote marks, by the id each points to."""
    marks: dict[str, list] = {}
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if len(href) < 2 or href[0] != "#":
            continue
        text = _text(anchor)
        if _RAISED_MARK.fullmatch(text) or (
            _SUP_MARK.fullmatch(text) and next(anchor.iterancestors("sup"), None) is not None
        ):
            marks.setdefault(href[1:], []).append(anchor)
    return marks


def _is_footnotes(page_list, marks: dict[str, list]) -> bool:
    """Every item is the target of a mark in the text (a comment's number in the comment
    itself marks nothing)."""
    items = page_list.findall("li")
    if not items or len(items) > MAX_ITEMS:
        return False
    for item in items:
        targets = [marks.get(element.get("id") or "", ()) for element in item.iter()]
        outside = [
            anchor
            for anchors in targets
            for anchor in anchors
            if page_list not in anchor.iterancestors()
        ]
        if not outside:
            return False
    return True


_NOTES_NAME = re.compile(r"foot-?notes?|fu(?:ss|ß)-?noten?|end-?notes?|anmerkungen", re.I)
_RAISED_NUMBER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_FROM_RAISED = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _named_notes(page_list, shown: str) -> bool:
    """The page names the list its notes, and the text's raised marks count up to its last."""
    parent = page_list.getparent()
    names = " ".join(
        f"{element.get('class', '')} {element.get('id', '')}"
        for element in (page_list, parent)
        if element is not None
    )
    items = page_list.findall("li")
    if not _NOTES_NAME.search(names) or not items or len(items) > MAX_ITEMS:
        return False
    marks = [int(mark.translate(_FROM_RAISED)) for mark in _RAISED_NUMBER.findall(shown)]
    return bool(marks) and max(marks) >= len(items)


def _block_before(page_list, blocks: dict) -> etree._Element | None:
    """The article's last block before `page_list` in the page; None when none is."""
    for element in page_list.itersiblings(preceding=True):
        for inner in [element, *reversed(list(element.iterdescendants()))]:
            if isinstance(inner.tag, str) and (block := blocks.get(_text(inner))) is not None:
                return block
    parent = page_list.getparent()
    if parent is None or parent.tag in ("body", "html"):
        return None
    return _block_before(parent, blocks)


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
