"""Conversion of a page's or trafilatura's tree into Melder's block fragment.

Blocks are p, h2-h4, ul/ol/li and blockquote holding inline a/strong/em/br; links are made
absolute against the page's base and kept only for http, https and mailto. Data tables and
<pre> text are written by `tables`.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from pipeline.extract.definitions import definitions_as_items
from pipeline.extract.quotations import marked_already, page_language, quote_marks, runs_in_text
from pipeline.extract.tables import add_preformatted, add_table_rows, inline_code, is_data_table
from pipeline.extract.urls import resolve as _resolve

BLOCK, LIST, ITEM, QUOTE, INLINE, BREAK, CONTAINER, DROP, UNWRAP, QUOTATION = range(10)

# What each tag of a web page becomes; unknown tags are unwrapped (their text kept).
HTML_KINDS: dict[str, tuple[int, str]] = {
    **dict.fromkeys(("p", "pre", "address"), (BLOCK, "p")),
    "h1": (BLOCK, "h2"),
    "h2": (BLOCK, "h2"),
    "h3": (BLOCK, "h3"),
    **dict.fromkeys(("h4", "h5", "h6"), (BLOCK, "h4")),
    "ul": (LIST, "ul"),
    "ol": (LIST, "ol"),
    "li": (ITEM, "li"),
    "blockquote": (QUOTE, "blockquote"),
    "q": (QUOTATION, ""),
    "a": (INLINE, "a"),
    **dict.fromkeys(("strong", "b"), (INLINE, "strong")),
    **dict.fromkeys(("em", "i"), (INLINE, "em")),
    "br": (BREAK, "br"),
    **dict.fromkeys(
        (
            "div section article main header footer figure figcaption table thead tbody tfoot "
            "tr td th caption dl dt dd center details summary body html hr"
        ).split(),
        (CONTAINER, ""),
    ),
    **dict.fromkeys(
        (
            "head title script style noscript template nav aside form button input select textarea "
            "label iframe object embed svg canvas video audio img picture source map meta link "
            "dialog menu"
        ).split(),
        (DROP, ""),
    ),
}

# trafilatura's XML vocabulary (p, head, list/item, quote, hi, ref, lb, table/row/cell).
XML_KINDS: dict[str, tuple[int, str]] = {
    "p": (BLOCK, "p"),
    "code": (BLOCK, "p"),
    "head": (BLOCK, "h2"),
    "list": (LIST, "ul"),
    "item": (ITEM, "li"),
    "quote": (QUOTE, "blockquote"),
    "ref": (INLINE, "a"),
    "hi": (INLINE, "strong"),
    "lb": (BREAK, "br"),
    **dict.fromkeys(("body", "div", "table", "row", "cell", "doc", "main"), (CONTAINER, "")),
    "graphic": (DROP, ""),
}

# Invisible characters that only break words and searches (soft hyphen, zero-width space, BOM).
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_HEADING_BY_REND = {"h1": "h2", "h2": "h2", "h3": "h3"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


class _Builder:
    """Rebuilds a clean block fragment while walking any tree once.

    `container` is where new blocks go (the root, a list item, a blockquote); `cursor` is where
    text goes (an open paragraph or inline element), None between blocks.
    """

    def __init__(
        self,
        kinds: dict[str, tuple[int, str]],
        base_url: str | None,
        language: str | None = None,
    ) -> None:
        self.kinds = kinds
        self.base_url = base_url
        self.quote_marks = quote_marks(language)
        self.root = etree.Element("div")
        self.container = self.root
        self.cursor: etree._Element | None = None

    def text(self, value: str | None) -> None:
        if not value:
            return
        value = _squash(value)
        if not value:
            return
        if self.cursor is None:
            if value == " ":
                return
            self.cursor = etree.SubElement(self.container, "p")
        _append_text(self.cursor, value)

    def walk(self, element, with_tail: bool = True) -> None:
        tail = element.tail if with_tail else None
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions
            self.text(tail)
            return
        kind, name = self.kinds.get(tag.lower(), (UNWRAP, ""))
        if tag == "code" and self.kinds is XML_KINDS and inline_code(element):
            kind = UNWRAP  # 'Run <code>npx rivet migrate</code> in your project': words of it
        if kind == QUOTE and self.kinds is XML_KINDS and runs_in_text(element):
            kind = QUOTATION
        if kind == DROP or (self.kinds is HTML_KINDS and _hidden(element)):
            self.text(tail)
            return
        if kind == INLINE:
            self.inline(element, name)
        elif kind == BREAK:
            if self.cursor is not None:
                etree.SubElement(self.cursor, "br")
        elif kind == UNWRAP:
            self.children(element)
        elif kind == QUOTATION:
            self.quotation(element)
        else:
            self.block(element, kind, name)
        self.text(tail)

    def children(self, element) -> None:
        self.text(element.text)
        for child in element:
            self.walk(child)

    def block(self, element, kind: int, name: str) -> None:
        name = self._xml_name(element, name) if self.kinds is XML_KINDS else name
        self.cursor = None
        if kind == LIST and not any(self._kind(child) == ITEM for child in element):
            kind = CONTAINER  # a list without items only indents its text: keep it as blocks
        if kind == CONTAINER and is_data_table(element):
            add_table_rows(self, element)
            return
        if element.tag == ("pre" if self.kinds is HTML_KINDS else "code"):
            add_preformatted(self, element)  # trafilatura writes a <pre> as <code>
            return
        if kind == CONTAINER:
            self.children(element)
            self.cursor = None
            return
        outer = self.container
        node = etree.SubElement(outer, name)
        if kind == BLOCK:
            self.cursor = node
        elif kind in (ITEM, QUOTE):
            self.container = node
            self.cursor = node if kind == ITEM else None
        elif kind == LIST:
            self.container = node
        if kind == LIST:
            self._stray_item(node, element.text)
            for child in element:
                if self._kind(child) == ITEM:
                    self.walk(child, with_tail=False)
                else:  # a paragraph or text between the items is an item of its own
                    self._stray_item(node, child)
                self._stray_item(node, child.tail)
        else:
            self.children(element)
        self.container, self.cursor = outer, None

    def quotation(self, element) -> None:
        """An inline quotation in its marks, unless the page set them or it is empty."""
        marked = marked_already(element) or not "".join(element.itertext()).strip()
        opening, closing = ("", "") if marked else self.quote_marks
        self.text(opening)
        self.children(element)
        self.text(closing)

    def inline_only(self, element) -> None:
        """The element's text and inline markup; blocks inside it (a <p> in a cell) unwrapped."""
        self.text(element.text)
        for child in element:
            kind = self._kind(child)
            if kind == BREAK:
                self.text(" ")
            elif kind in (INLINE, QUOTATION):
                self.walk(child, with_tail=False)
            elif kind != DROP:
                self.inline_only(child)
            self.text(child.tail)

    def _kind(self, element) -> int | None:
        if not isinstance(element.tag, str):
            return None
        return self.kinds.get(element.tag.lower(), (UNWRAP, ""))[0]

    def _stray_item(self, listing, content) -> None:
        """Wrap text or an element found directly inside a list in an item of its own."""
        if content is None or (isinstance(content, str) and not content.strip()):
            return
        item = etree.Element("li")
        self.container, self.cursor = item, item
        if isinstance(content, str):
            self.text(content)
        elif self._kind(content) in (BLOCK, CONTAINER):
            self.children(content)  # the item is the paragraph: no <p> inside the <li>
        else:
            self.walk(content, with_tail=False)
        self.container, self.cursor = listing, None
        if len(item) or (item.text or "").strip():
            listing.append(item)

    def inline(self, element, name: str) -> None:
        if name == "a":
            href = _resolve(element.get("href") or element.get("target"), self.base_url)
            if href is None:
                self.children(element)
                return
        elif self.kinds is XML_KINDS:
            name = {"#b": "strong", "#i": "em"}.get(element.get("rend", ""), "")
            if not name:
                self.children(element)
                return
        if self.cursor is None:
            if not "".join(element.itertext()).strip():
                return
            self.cursor = etree.SubElement(self.container, "p")
        opened = self.cursor
        node = etree.SubElement(opened, name)
        if name == "a":
            node.set("href", href)
        self.cursor = node
        self.children(element)
        if self.cursor is node:  # no block interrupted the inline element
            self.cursor = opened

    @staticmethod
    def _xml_name(element, name: str) -> str:
        rend = element.get("rend", "")
        if name == "h2":
            return _HEADING_BY_REND.get(rend, "h4")
        if name == "ul" and rend == "ol":
            return "ol"
        return name


def _squash(value: str) -> str:
    """Whitespace runs to one space (edges kept as one space), invisible characters removed."""
    if _INVISIBLE_RE.search(value):
        value = _INVISIBLE_RE.sub("", value)
    words = value.split()
    if not words:
        return " " if value else ""
    squashed = " ".join(words)
    if value[0].isspace():
        squashed = " " + squashed
    if value[-1].isspace():
        squashed += " "
    return squashed


def _append_text(parent, value: str) -> None:
    # `len(parent)` walks every child in lxml: with thousands of links that made building a
    # fragment quadratic. Asking for the last child directly does not walk.
    try:
        last = parent[-1]
    except IndexError:
        parent.text = (parent.text or "") + value
        return
    last.tail = (last.tail or "") + value


def _hidden(element) -> bool:
    attrib = element.attrib
    if not attrib:
        return False
    return (
        "hidden" in attrib
        or attrib.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(attrib.get("style", "")))
    )


def _convert(
    source, kinds: dict[str, tuple[int, str]], base: str | None, language: str | None = None
) -> etree._Element:
    """`language` sets the marks of inline quotations; a page's part has its page's."""
    if kinds is HTML_KINDS:
        definitions_as_items(source)
    builder = _Builder(kinds, base, language or page_language(source))
    builder.children(source)
    tidy_segments(builder.root)
    return builder.root


def tidy_segments(root) -> None:
    """Trim block edges and drop elements left without text (empty links, stray wrappers)."""
    for element in reversed(list(root.iter())):
        if element is root or element.tag == "br":
            continue
        if not (element.text or "").strip() and not len(element):
            parent = element.getparent()
            if element.tail:
                _join_tail(element)
            parent.remove(element)
        elif element.tag in BLOCK_TAGS:
            _trim(element)
    for element in root.iter("p", "li", "h2", "h3", "h4"):
        while len(element) and element[-1].tag == "br" and not (element[-1].tail or "").strip():
            element.remove(element[-1])
        _trim(element)


BLOCK_TAGS = frozenset({"p", "h2", "h3", "h4", "li", "blockquote", "ul", "ol"})


def _join_tail(element) -> None:
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + element.tail
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + element.tail


def _trim(element) -> None:
    if element.text:
        element.text = element.text.lstrip()
    if len(element):
        last = element[-1]
        if last.tail:
            last.tail = last.tail.rstrip()
    elif element.text:
        element.text = element.text.rstrip()


def fragment_html(fragment) -> str:
    return "\n".join(
        etree.tostring(block, method="html", encoding="unicode", with_tail=False)
        for block in fragment
    )


def fragment_text(fragment) -> str:
    """Plain text of a fragment: one line per paragraph, heading or list item."""
    lines: list[str] = []
    _collect_lines(fragment, lines)
    return unicodedata.normalize("NFC", "\n".join(line for line in lines if line))


def _collect_lines(container, lines: list[str]) -> None:
    for block in container:
        if block.tag in ("ul", "ol", "blockquote"):
            _collect_lines(block, lines)
        elif block.tag == "li" and any(child.tag in BLOCK_TAGS for child in block):
            lines.append(_inline_text(block, skip_blocks=True))
            _collect_lines([c for c in block if c.tag in BLOCK_TAGS], lines)
        else:
            lines.append(_inline_text(block))


def _inline_text(element, skip_blocks: bool = False) -> str:
    raw = "".join(_raw_text(element, skip_blocks))
    return "\n".join(_clean_space(line) for line in raw.split("\n")).strip()


def _raw_text(element, skip_blocks: bool = False):
    yield element.text or ""
    for child in element:
        if child.tag == "br":
            yield "\n"
        elif not (skip_blocks and child.tag in BLOCK_TAGS):
            yield from _raw_text(child)
        yield child.tail or ""


def _clean_space(value: str) -> str:
    """Whitespace runs to one space, none at the edges (as `\\s+` → ' ' and strip would)."""
    return " ".join(value.split())


# A prose line: a sentence or more (at least PROSE_WORDS words, ending like a sentence).
# Anything else is a label, a menu entry, a date, a caption.
PROSE_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?\"”“»«)]$")


def is_prose_line(line: str) -> bool:
    return len(line.split()) >= PROSE_WORDS and bool(_SENTENCE_END.search(line))
