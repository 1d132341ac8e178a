"""Main-text extraction from web pages: one lxml parse, then per-source CSS rules or trafilatura.

`extract_article` returns the article as a block fragment (p, h2-h4, ul/ol/li, blockquote with
inline a/strong/em/br) plus the metadata a page carries in its head. Sanitizing, boilerplate
lines and date parsing belong to `normalize`; this module only finds the article.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import Extractor

from pipeline.config import ExtractRules
from pipeline.formats.decode import declared_html_charset, decode_text, split_bom

# ---------------------------------------------------------------------------------------------
# Parsing

# lxml.html's default element lookup runs Python code for every element proxy; a C-level
# default lookup still yields HtmlElement (what trafilatura expects) and parses measurably faster.
_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement,
    comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity,
)
_PARSERS = threading.local()  # lxml parsers must not be shared between threads

# Characters XML cannot hold (trafilatura's output tree is XML); removed before parsing.
# bytes.translate is a single C pass, many times faster than a regex over the whole page.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")  # U+FFFE, U+FFFF in UTF-8
# libxml2 mis-parses a first-line doctype holding a slash (a known lxml issue); drop it.
_DOCTYPE_WITH_SLASH = re.compile(rb"^\s*< ?! ?DOCTYPE[^>]*/[^<>]*>", re.IGNORECASE)


def _parser() -> etree.HTMLParser:
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(
            collect_ids=False,
            default_doctype=False,
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
        )
        parser.set_element_class_lookup(_LOOKUP)
        _PARSERS.parser = parser
    return parser


def utf8_html(html: bytes | str, *, encoding: str | None = None) -> bytes:
    """The page as UTF-8 bytes: valid UTF-8 passes through untouched, anything else is decoded."""
    if isinstance(html, str):
        return html.encode("utf-8", "replace")
    bom, body = split_bom(html)
    if encoding is None and bom in (None, "utf-8"):
        try:
            body.decode("utf-8")
            return body
        except UnicodeDecodeError:
            pass
    decoded = decode_text(html, declared=declared_html_charset(html), override=encoding)
    return decoded.text.encode("utf-8", "replace")


def parse_html(html: bytes | str, *, encoding: str | None = None) -> lxml_html.HtmlElement | None:
    """Parse a whole page once; None when there is no markup at all."""
    data = utf8_html(html, encoding=encoding).translate(None, _CONTROL_BYTES)
    for noncharacter in _NONCHARACTERS:
        if noncharacter in data:
            data = data.replace(noncharacter, b"")
    data = _DOCTYPE_WITH_SLASH.sub(b"", data, count=1)
    if not data.strip():
        return None
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        return None


# ---------------------------------------------------------------------------------------------
# The article


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
) -> Article:
    """Find the article in a page. Per-source CSS rules win; anything they leave out is generic.

    Raises ValueError when a CSS rule is not a valid selector.
    """
    tree = parse_html(html, encoding=encoding)
    if tree is None:
        return Article(title=None, body_html="")
    rules = rules or ExtractRules()
    meta = _head_metadata(tree)
    canonical = _canonical_url(tree, meta, url)
    base = _base_url(tree, url or canonical)
    _strip(tree, rules.strip)
    fragment = _rule_body(tree, rules.body, base) if rules.body else None
    if fragment is None or not len(fragment):
        fragment = _generic_body(tree, base)
    title = _rule_text(tree, rules.title) if rules.title else None
    title = title or _title(tree, meta)
    _drop_leading_title(fragment, title)
    published = (_rule_date(tree, rules.date) if rules.date else None) or _published(tree, meta)
    return Article(
        title=title,
        body_html=fragment_html(fragment),
        text_length=len(_clean_space("".join(fragment.itertext()))),
        published_text=published,
        language=_language(tree, meta),
        canonical_url=canonical,
        description=meta.get("og:description") or meta.get("description"),
        author=meta.get("author") or meta.get("article:author"),
    )


def extract_text(html: bytes) -> str:
    """The main text of a page, one paragraph per line (what the evaluation harness scores)."""
    tree = parse_html(html)
    if tree is None:
        return ""
    return fragment_text(_generic_body(tree, None))


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


# ---------------------------------------------------------------------------------------------
# Body: rules or trafilatura


@lru_cache(maxsize=256)
def compile_selector(css: str):
    """A compiled CSS selector; ValueError with a readable message when it is not valid."""
    from lxml.cssselect import CSSSelector  # needs the cssselect package

    try:
        return CSSSelector(css, translator="html")
    except Exception as exc:  # cssselect raises several parse error types
        raise ValueError(f"CSS selector {css!r} is not valid: {exc}") from None


def _strip(tree, selectors: list[str]) -> None:
    for css in selectors:
        for element in compile_selector(css)(tree):
            if element.getparent() is not None:
                element.drop_tree()  # keeps the tail text, which belongs to the parent


def _rule_body(tree, css: str, base: str | None) -> etree._Element | None:
    matches = compile_selector(css)(tree)
    if not matches:
        return None  # the page changed: fall back to the generic extractor
    chosen = set(matches)
    # a match inside another match is already part of it
    outermost = [m for m in matches if not any(a in chosen for a in m.iterancestors())]
    builder = _Builder(HTML_KINDS, base)
    for element in outermost:
        builder.walk(element, with_tail=False)
        builder.cursor = None
    tidy_segments(builder.root)
    return builder.root


def _rule_text(tree, css: str) -> str | None:
    for element in compile_selector(css)(tree):
        text = _clean_space(element.text_content())
        if text:
            return text
    return None


def _rule_date(tree, css: str) -> str | None:
    for element in compile_selector(css)(tree):
        value = element.get("datetime") or element.get("content") or element.text_content()
        if value and value.strip():
            return _clean_space(value)
    return None


# Built once: trafilatura reads these settings but never changes them during an extraction.
# Links are kept for the fragment; formatting is not, as it makes trafilatura drop paragraphs.
_TRAFILATURA_OPTIONS = Extractor(output_format="xml", comments=False, tables=True, links=True)


def _generic_body(tree, base: str | None) -> etree._Element:
    document = trafilatura.bare_extraction(tree, options=_TRAFILATURA_OPTIONS)
    if document is None or document.body is None:
        return etree.Element("div")
    return _convert(document.body, XML_KINDS, base)


def _drop_leading_title(fragment, title: str | None) -> None:
    """The headline is the title, not the first paragraph: drop it when the body repeats it."""
    if title and len(fragment) and fragment[0].tag in {"h2", "h3", "h4", "p"}:
        if _clean_space("".join(fragment[0].itertext())) == title:
            fragment.remove(fragment[0])


# ---------------------------------------------------------------------------------------------
# Conversion to the block fragment

BLOCK, LIST, ITEM, QUOTE, INLINE, BREAK, CONTAINER, DROP, UNWRAP = range(9)

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
    "a": (INLINE, "a"),
    **dict.fromkeys(("strong", "b"), (INLINE, "strong")),
    **dict.fromkeys(("em", "i"), (INLINE, "em")),
    "br": (BREAK, "br"),
    **dict.fromkeys(
        (
            "div",
            "section",
            "article",
            "main",
            "header",
            "footer",
            "figure",
            "figcaption",
            "table",
            "thead",
            "tbody",
            "tfoot",
            "tr",
            "td",
            "th",
            "caption",
            "dl",
            "dt",
            "dd",
            "center",
            "details",
            "summary",
            "body",
            "html",
            "hr",
        ),
        (CONTAINER, ""),
    ),
    **dict.fromkeys(
        (
            "head",
            "title",
            "script",
            "style",
            "noscript",
            "template",
            "nav",
            "aside",
            "form",
            "button",
            "input",
            "select",
            "textarea",
            "label",
            "iframe",
            "object",
            "embed",
            "svg",
            "canvas",
            "video",
            "audio",
            "img",
            "picture",
            "source",
            "map",
            "meta",
            "link",
            "dialog",
            "menu",
        ),
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

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_SPACE = re.compile(r"\s+")
# Invisible characters that only break words and searches (soft hyphen, zero-width space, BOM).
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_HEADING_BY_REND = {"h1": "h2", "h2": "h2", "h3": "h3"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


class _Builder:
    """Rebuilds a clean block fragment while walking any tree once.

    `container` is where new blocks go (the root, a list item, a blockquote); `cursor` is where
    text goes (an open paragraph or inline element), None between blocks.
    """

    def __init__(self, kinds: dict[str, tuple[int, str]], base_url: str | None) -> None:
        self.kinds = kinds
        self.base_url = base_url
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
            for child in element:  # only items belong in a list; stray text is dropped
                if isinstance(child.tag, str):
                    self.walk(child)
        else:
            self.children(element)
        self.container, self.cursor = outer, None

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
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + value
    else:
        parent.text = (parent.text or "") + value


def _hidden(element) -> bool:
    attrib = element.attrib
    if not attrib:
        return False
    return (
        "hidden" in attrib
        or attrib.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(attrib.get("style", "")))
    )


def _resolve(href: str | None, base: str | None) -> str | None:
    """An absolute http(s)/mailto link, or None for anything else (javascript:, bare anchors)."""
    if not href:
        return None
    href = href.strip()
    if href.startswith("#"):
        return None
    absolute = urljoin(base, href) if base else href
    scheme = urlsplit(absolute).scheme.lower()
    return absolute if scheme in LINK_SCHEMES else None


def _convert(source, kinds: dict[str, tuple[int, str]], base: str | None) -> etree._Element:
    builder = _Builder(kinds, base)
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
    return _SPACE.sub(" ", value).strip()


# ---------------------------------------------------------------------------------------------
# Metadata from the page head (cheap xpaths; no date guessing, `normalize` parses dates)

_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "pubdate",
    "publish-date",
    "publishdate",
    "sailthru.date",
    "parsely-pub-date",
)
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·:-]\s+")


def _head_metadata(tree) -> dict[str, str]:
    """Every <meta> of the page by lower-cased name/property/itemprop (first one wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        if key is None:
            key = meta.get("http-equiv")
        content = meta.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _canonical_url(tree, meta: dict[str, str], url: str | None) -> str | None:
    """The page's own permanent address: link rel=canonical, else og:url (http(s) only)."""
    candidates = [
        link.get("href")
        for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    candidates.append(meta.get("og:url"))
    for candidate in candidates:
        href = _resolve(candidate, url)
        if href and href.startswith(("http://", "https://")):
            return href
    return None


def _title(tree, meta: dict[str, str]) -> str | None:
    if meta.get("og:title"):
        return _clean_space(meta["og:title"])
    for heading in tree.iter("h1"):
        text = _clean_space(heading.text_content())
        if text:
            return text
    title = tree.find(".//title")
    if title is not None and title.text:
        parts = _TITLE_SEPARATORS.split(_clean_space(title.text))
        return max(parts, key=len) if parts else None
    return None


def _published(tree, meta: dict[str, str]) -> str | None:
    for key in _DATE_KEYS:
        if meta.get(key):
            return meta[key]
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json" and script.text:
            match = _LD_DATE.search(script.text)
            if match:
                return match.group(1)
    for element in tree.iter("time"):
        value = element.get("datetime") or element.text_content()
        if value and value.strip():
            return _clean_space(value)
    return None


def _language(tree, meta: dict[str, str]) -> str | None:
    value = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    value = value or meta.get("content-language") or meta.get("og:locale")
    if not value:
        return None
    primary = re.split(r"[-_,;\s]", value.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _base_url(tree, url: str | None) -> str | None:
    base = tree.find(".//base[@href]")
    if base is not None:
        return urljoin(url or "", base.get("href").strip()) or url
    return url
