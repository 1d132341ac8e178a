"""The body of a release as lines of inline pieces, from plain text or an HTML fragment.

This is the first stage of `normalize`: Unicode is repaired, HTML furniture (scripts, hidden
elements, navigation) is skipped, block elements and <br> end a line, and bare URLs become links.
The `Line` and `Block` shapes here are what the later stages work on."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

import ftfy
import lxml.html
from lxml import etree

from pipeline.config import SourceConfig
from pipeline.extract.tables import is_data_table, table_rows
from pipeline.models import RawRelease
from pipeline.normalize import boilerplate, links, sanitize

Seg = tuple[str, str | None]  # a run of inline text and the link it carries, if any
# While a body is read: the text of a link whose target cannot be used (an address on the
# page's own site with no page address to join it to, `javascript:`). It stays text, and the
# address its text may show ('www.stadt.de') is never taken for the target the page gave it.
LINK_WITHOUT_TARGET = ""

# Cheap test before asking ftfy: a UTF-8 lead byte read as Latin-1/cp1252, then a continuation.
MOJIBAKE_HINT_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
INVISIBLE_RE = re.compile(  # the joiners (U+200C, U+200D) stay: Persian words and emoji need them
    "[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\u180e\x00-\x08\x0b\x0e-\x1f\x7f]"
)
SPACES_RE = re.compile("[\t\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

# HTML: containers whose content never belongs to an article, and elements that start a block
# (an <aside> here is the sender's, a Notion callout: a page's sidebars went in extraction).
DROP_TAGS = frozenset(
    "script style noscript iframe object embed svg template nav form button select input "
    "textarea canvas video audio picture img map head title meta link figure".split()
)
BLOCK_TAGS = frozenset(
    "p div section article main header footer h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre "
    "table tr td th tbody thead address figcaption center hr aside details summary".split()
)
MAX_DEPTH = 300
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
WHITESPACE_RE = re.compile(r"\s+")


@dataclass(slots=True)
class Line:
    segs: list[Seg]
    chunk: int  # lines of one chunk (paragraph, HTML block) share a number
    kind: str = "p"  # p | h | li | quote | row
    level: int = 0
    ordered: bool = False
    text: str = ""

    def __post_init__(self) -> None:
        self.text = "".join(text for text, _ in self.segs)


@dataclass(slots=True)
class Block:
    kind: str  # p | h1..h4 | li | quote | row
    segs: list[Seg]
    ordered: bool = False
    text: str = ""

    def __post_init__(self) -> None:
        self.text = "".join(text for text, _ in self.segs)


# --- Unicode and inline text -------------------------------------------------------------------


def repair_text(text: str) -> str:
    """Mojibake repaired, entities escaped once too often unescaped, line ends unified (a
    vertical tab, Word's line break, is one; a form feed, its page break, a paragraph's end),
    NFC. ftfy only runs when the text looks broken."""
    if not text.isascii() and MOJIBAKE_HINT_RE.search(text):  # mojibake is never ASCII
        text = ftfy.fix_encoding(text)
    if "&" in text:
        text = ESCAPED_ENTITY_RE.sub(_unescaped, text)
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
        .replace("\x0b", "\n")
        .replace("\x0c", "\n\n")
    )
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


# A character reference left as text ('M&ouml;ckern', '&#8211;'), or escaped once more in a
# page's source ('M&amp;ouml;ckern'): a CMS that escaped twice. The characters that make markup
# stay escaped, so a page's '&lt;script&gt;' never turns into a tag.
ESCAPED_ENTITY_RE = re.compile(
    r"&(?:amp;)?(#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
MARKUP_CHARACTERS = frozenset("<>&\"'")


def _unescaped(match: re.Match) -> str:
    reference = f"&{match.group(1)};"
    character = html.unescape(reference)
    if character == reference or character in MARKUP_CHARACTERS:
        return match.group(0)
    if len(character) == 1 and unicodedata.category(character) in ("Cc", "Cs"):
        return match.group(0)
    return character


def clean_inline(text: str) -> str:
    """One line of text: invisible characters gone, any run of whitespace a single space."""
    text = INVISIBLE_RE.sub("", text)
    text = SPACES_RE.sub(" ", text)
    return " ".join(text.split())


def plain_text(fragment: str) -> str:
    if "<" in fragment:
        fragment = re.sub(r"<[^>]*>", " ", sanitize.CODE_ELEMENT_RE.sub(" ", fragment))
    return clean_inline(html.unescape(repair_text(fragment)))


# --- Body as lines -----------------------------------------------------------------------------


def body_lines(raw: RawRelease, source: SourceConfig) -> list[Line]:
    """The body as lines; each line's plain URLs become links and source rules are applied."""
    if raw.body_html and raw.body_html.strip():
        lines = html_lines(repair_text(raw.body_html), raw.base_url)
    else:
        lines = text_lines(repair_text(raw.body_text or ""))
    rules = boilerplate.source_rules(tuple(source.strip)) if source.strip else ()
    result = []
    for line in lines:
        segs = line.segs
        if rules:
            segs = [(boilerplate.apply_source_rules(t, rules), h) for t, h in segs]
        segs = tidy_segments(_as_text(_linkify(segs)))
        if segs:
            line.segs, line.text = segs, "".join(text for text, _ in segs)
            result.append(line)
    return result


def text_lines(text: str) -> list[Line]:
    lines, raw_lines, chunk = [], [], 0
    for raw_line in text.split("\n"):
        if _is_clean_line(raw_line):
            line = raw_line
        else:
            raw_line = INVISIBLE_RE.sub("", raw_line)
            line = " ".join(raw_line.split())  # every kind of space (tab, no-break, thin) is one
        if line:
            lines.append(Line([(line, None)], chunk))
            lines[-1].level = len(_text_cells(raw_line))  # for `_text_tables`, then reset
            raw_lines.append(raw_line)
        else:
            chunk += 1
    return _text_tables(lines, raw_lines)


def _is_clean_line(line: str) -> bool:
    """Nothing to remove or collapse: every invisible character and every space but ' ' is
    unprintable, so a printable line without double or outer spaces stays as it is."""
    return line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " "


# Cells of a table in plain text: split by tabs or by ' | ' (wire copy sets tables so)
_CELL_SPLIT_RE = re.compile(r"\t+| +\| +|^\| *| *\|$")
TABLE_ROWS = 2  # consecutive lines with as many cells, two or more each, make a table


# a list item that Word or Outlook wrote with a tab after its number or bullet: '1.\tText'
_LIST_MARK_TAB_RE = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-z][.)]|[•\-–*▪·◦])\t+\S")


def _text_cells(raw_line: str) -> list[str]:
    if "\t" not in raw_line and "|" not in raw_line:
        return _aligned_cells(raw_line) if "  " in raw_line else []
    if _LIST_MARK_TAB_RE.match(raw_line) and raw_line.count("\t") == 1:
        return []
    cells = [" ".join(cell.split()) for cell in _CELL_SPLIT_RE.split(raw_line.strip())]
    cells = [cell for cell in cells if cell]
    return cells if len(cells) >= 2 else []


_GAP_RE = re.compile(r" {2,}")
ALIGNED_CELLS, CELL_CHARS = 3, 40
_CURRENCY_SIGNS = frozenset("$€£¥")


def _aligned_cells(raw_line: str) -> list[str]:
    """A row of a table set in columns with spaces ('Umsatz      148,2     125,6'): three
    cells or more, each short; a header row indented over the labels gets an empty first."""
    cells = []
    for cell in _GAP_RE.split(raw_line.strip()):
        if cells and cells[-1] in _CURRENCY_SIGNS:  # '$  0.27': the sign and its amount
            cells[-1] = f"{cells[-1]} {cell}"
        else:
            cells.append(cell)
    if raw_line.startswith("  ") and len(cells) >= ALIGNED_CELLS - 1:
        cells.insert(0, "")
    if len(cells) < ALIGNED_CELLS or any(len(cell) > CELL_CHARS for cell in cells):
        return []
    return cells


def _figures(run: list[Line]) -> int:
    return sum(1 for line in run if _DIGIT_RE.search(line.text))


_DIGIT_RE = re.compile(r"\d")


def _text_tables(lines: list[Line], raw_lines: list[str]) -> list[Line]:
    """Runs of lines in one paragraph with the same number of cells become table rows;
    `raw_lines` are the lines as they came, one for each line."""
    start = 0
    while start < len(lines):
        end = start
        while (
            end + 1 < len(lines)
            and lines[end + 1].chunk == lines[start].chunk
            and lines[end + 1].level == lines[start].level
        ):
            end += 1
        run = lines[start : end + 1]
        # a table of figures, not a run of menus ('Startseite | Aktuelles | Presse')
        if lines[start].level >= 2 and len(run) >= TABLE_ROWS and _figures(run) * 2 >= len(run):
            for line in run:
                line.kind = "row"
        start = end + 1
    for line, raw_line in zip(lines, raw_lines, strict=True):
        if line.kind == "row":
            line.segs = [(" | ".join(_text_cells(raw_line)), None)]
            line.text = line.segs[0][0]
        line.level = 0
    return lines


def html_lines(fragment: str, base_url: str | None) -> list[Line]:
    try:
        root = lxml.html.document_fromstring(fragment)
    except (etree.ParserError, ValueError):
        return text_lines(plain_text(fragment))
    walker = _HtmlWalker(base_url)
    body = root.find("body")
    walker.walk(body if body is not None else root, 0)
    walker.end_block()
    return walker.lines


class _HtmlWalker:
    """Collect an HTML tree's text as lines: block elements and <br> end a line."""

    def __init__(self, base_url: str | None):
        self.base_url = base_url
        self.lines: list[Line] = []
        self.segs: list[Seg] = []
        self.chunk = 0
        self.kind, self.level, self.ordered, self.href = "p", 0, False, None

    def add(self, text: str | None) -> None:
        # a dead link's label ('Mehr', 'Drucken': a script's button) says nothing without it
        if text and not (self.href == LINK_WITHOUT_TARGET and boilerplate.is_label(text)):
            self.segs.append((text, self.href))

    def end_line(self) -> None:
        if not self.segs:
            return
        segs = tidy_segments([(clean_inline_keep_edges(t), h) for t, h in self.segs])
        if segs:
            self.lines.append(Line(segs, self.chunk, self.kind, self.level, self.ordered))
        self.segs = []

    def end_block(self) -> None:
        self.end_line()
        self.chunk += 1

    def walk(self, element, depth: int) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in DROP_TAGS or _is_hidden(element):
            return
        if tag == "br":
            self.end_line()
            return
        if depth > MAX_DEPTH:  # pathological nesting: keep the words, lose the structure
            self.add(element.text_content())
            return
        if tag == "table" and is_data_table(element):
            self._table(element)
            return
        saved = (self.kind, self.level, self.ordered, self.href)
        is_block = tag in BLOCK_TAGS
        if is_block:
            self.end_block()
            self._enter_block(tag, element)
        elif tag == "a":
            self.href = links.clean_url(element.get("href", ""), self.base_url, allow_mailto=True)
            if self.href and not self.href.startswith("mailto:"):
                self.href = links.shown_target(self.href, "".join(element.itertext()))
            elif not self.href:
                self.href = LINK_WITHOUT_TARGET
        self.add(element.text)
        for child in element:
            self.walk(child, depth + 1)
            self.add(child.tail)
        if is_block:
            self.end_block()
        self.kind, self.level, self.ordered, self.href = saved

    def _table(self, element) -> None:
        """A table of figures in a reader's HTML (Markdown, JSON): a line per row, its cells
        split by ' | ', as the extractor writes a page's tables."""
        self.end_block()
        for row in table_rows(element):
            cells = ["" if cell is None else " ".join(cell.text_content().split()) for cell in row]
            self.lines.append(Line([(" | ".join(cells), None)], self.chunk, "row"))
        self.end_block()

    def _enter_block(self, tag: str, element) -> None:
        if tag[0] == "h" and tag[1:].isdigit():
            self.kind, self.level = "h", int(tag[1])
        elif tag == "li":
            self.kind = "li"
        elif tag in ("ul", "ol"):
            self.ordered = tag == "ol"
        elif tag == "blockquote":
            self.kind = "quote"
        elif tag == "p" and element.get("class") == "row":
            self.kind = "row"  # one row of a table, its cells split by ' | '
        elif tag == "p" and self.kind == "h":
            self.kind = "p"


def _is_hidden(element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    if style and HIDDEN_STYLE_RE.search(style):
        return True
    marker = f"{element.get('class', '')} {element.get('id', '')}".strip()
    return bool(marker) and boilerplate.is_furniture_attr(marker)


def clean_inline_keep_edges(text: str) -> str:
    """Like clean_inline, but a space at either edge survives: it separates inline pieces."""
    text = SPACES_RE.sub(" ", INVISIBLE_RE.sub("", text))
    return WHITESPACE_RE.sub(" ", text)


def _linkify(segs: list[Seg]) -> list[Seg]:
    result: list[Seg] = []
    for text, href in segs:
        if href is None and ("www." in text or "http" in text):
            result.extend(links.split_bare_urls(text))
        else:
            result.append((text, href))
    return result


def _as_text(segs: list[Seg]) -> list[Seg]:
    return [(text, href or None) for text, href in segs]


def tidy_segments(segs: list[Seg]) -> list[Seg]:
    """Merge neighbours with the same link, drop empty pieces, trim the line's outer spaces."""
    if len(segs) == 1:  # most lines are one piece: it is only trimmed
        text, href = segs[0]
        text = text.strip()
        return [(text, href)] if text else []
    merged: list[Seg] = []
    for text, href in segs:
        if not text:
            continue
        if merged and merged[-1][1] == href:  # a space each side of a piece left out is one
            merged[-1] = (re.sub(r"  +", " ", merged[-1][0] + text), href)
        else:
            if merged and merged[-1][0].endswith(" ") and text.startswith(" "):
                text = text.lstrip()
            merged.append((text, href))
    while merged and not merged[0][0].strip():
        merged.pop(0)
    while merged and not merged[-1][0].strip():
        merged.pop()
    if merged:
        merged[0] = (merged[0][0].lstrip(), merged[0][1])
        merged[-1] = (merged[-1][0].rstrip(), merged[-1][1])
    return merged
