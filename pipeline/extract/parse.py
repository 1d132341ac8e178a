"""Parsing a page once: bytes in any declared or sniffed charset → one lxml tree.

A thread-local parser with a C-level element lookup; characters XML cannot hold and a known
libxml2 doctype trap are removed first.
"""

from __future__ import annotations

import html
import re
import threading

from lxml import etree
from lxml import html as lxml_html

from pipeline.extract.decode import declared_html_charset, decode_text, split_bom
from pipeline.extract.disclosures import is_closed_panel, open_disclosures
from pipeline.extract.office_markup import (
    drop_empty_namespaced_elements,
    has_namespaced_markup,
    with_full_size_pictures,
)
from pipeline.extract.office_notes import rewrite_office_notes
from pipeline.extract.row_spans import repeat_row_spans

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
# A control character written as a reference ('&#x1;', '&#27;'): the parser makes it U+FFFD,
# which feed validators refuse and readers see as '�'. Tab, line feed and return stay.
_CONTROL_REFERENCE = re.compile(
    rb"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|127));"
)
# libxml2 mis-parses a first-line doctype holding a slash (a known lxml issue); drop it.
_DOCTYPE_WITH_SLASH = re.compile(rb"^\s*< ?! ?DOCTYPE[^>]*/[^<>]*>", re.IGNORECASE)


def _parser(huge: bool = False) -> etree.HTMLParser:
    """The thread's parser; `huge` reads 2,048 levels of nesting instead of 256."""
    name = "huge" if huge else "parser"
    parser = getattr(_PARSERS, name, None)
    if parser is None:
        parser = etree.HTMLParser(
            collect_ids=False,
            default_doctype=False,
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            huge_tree=huge,
        )
        parser.set_element_class_lookup(_LOOKUP)
        setattr(_PARSERS, name, parser)
    return parser


# Deeper than this, the readers' recursive walks would run out of stack.
SAFE_DEPTH = 400
_WRAPPERS = ("div", "span", "font", "section", "center")


def _stopped_by_depth(parser: etree.HTMLParser) -> bool:
    return any("Excessive depth" in entry.message for entry in parser.error_log)


def _read_deep(data: bytes):
    """A page that nests more than 256 levels (wrapper in wrapper, as some builders write),
    read with the bare wrappers unwrapped; None when it stays deeper than `SAFE_DEPTH`."""
    tree = etree.fromstring(data, _parser(huge=True))
    if tree is None or _stopped_by_depth(_parser(huge=True)):
        return None
    for element in list(tree.iter(*_WRAPPERS)):
        bare = len(element) == 1 and not (element.text or "").strip()
        if bare and not (element[0].tail or "").strip() and element.getparent() is not None:
            element.drop_tag()
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return tree if deepest <= SAFE_DEPTH else None


def nested_too_deep(html: bytes | str) -> bool:
    """Whether the page nests its elements deeper than Melder reads, even with bare wrappers
    unwrapped: what lies below that depth is lost."""
    data = _prepared(html)
    try:
        etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        return False
    return _stopped_by_depth(_parser()) and _read_deep(data) is None


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


def _prepared(html: bytes | str, encoding: str | None = None) -> bytes:
    data = utf8_html(html, encoding=encoding).translate(None, _CONTROL_BYTES)
    if b"&#" in data:
        data = _CONTROL_REFERENCE.sub(b"", data)
    for noncharacter in _NONCHARACTERS:
        if noncharacter in data:
            data = data.replace(noncharacter, b"")
    return with_full_size_pictures(_DOCTYPE_WITH_SLASH.sub(b"", data, count=1))


def parse_html(html: bytes | str, *, encoding: str | None = None) -> lxml_html.HtmlElement | None:
    """Parse a whole page once; None when there is no markup at all."""
    data = _prepared(html, encoding)
    if not data.strip():
        return None
    try:
        tree = etree.fromstring(data, _parser())
        if tree is not None and _stopped_by_depth(_parser()):
            deep = _read_deep(data)
            tree = tree if deep is None else deep  # else as far as it goes: readers say so
    except etree.XMLSyntaxError:
        return None
    if b"<amp-img" in data:  # an AMP page's pictures are images like any other
        for picture in tree.iter("amp-img"):
            picture.tag = "img"
    _close_void_elements(tree)
    if has_namespaced_markup(data):
        drop_empty_namespaced_elements(tree)
    if b"cfemail" in data or b"email-protection#" in data:
        _reveal_protected_addresses(tree)
    if b"cloak" in data:
        _reveal_cloaked_addresses(tree)
    raised = rewrite_office_notes(tree)  # their marks become '<sup>'
    if raised or b"<sup" in data or b"<sub" in data or b"<SUP" in data or b"<SUB" in data:
        _raised_and_lowered_digits(tree)
    _drop_hidden(tree)
    _drop_back_references(tree)
    if b"rowspan" in data or b"ROWSPAN" in data:
        repeat_row_spans(tree)
    return tree


# '↩', '↑', '^': a footnote's link back to its mark, which a release has no use for
_BACK_ARROWS = re.compile(r"[\s\^\u2191\u21a9\u21aa\u2934\u21e7\ufe0e\ufe0f]+")


def _drop_back_references(tree) -> None:
    for anchor in tree.xpath("//a[starts-with(normalize-space(@href), '#')]"):
        text = "".join(anchor.itertext())
        if not text.strip() or not _BACK_ARROWS.fullmatch(text):
            continue
        previous, parent = anchor.getprevious(), anchor.getparent()
        before = (previous.tail if previous is not None else parent.text) or ""
        tail = anchor.tail or ""
        if before.rstrip().endswith(("[", "(")) and tail.lstrip().startswith(("]", ")")):
            before, tail = before.rstrip()[:-1], tail.lstrip()[1:]  # '[↩]'
        anchor.tail = tail
        if previous is not None:
            previous.tail = before
        else:
            parent.text = before
        _remove_keeping_tail(anchor)


_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hidden|d-none|is-hidden|hide)(?:\s|$)")
_SHOWN_ON_WIDE_SCREENS = re.compile(
    r"(?:^|\s)\S*(?::|d-\w+-|visible-)(?:block|flex|grid|inline\S*|table\S*|contents|\w+)(?:\s|$)"
)
# words for screen readers only ('(opens in a new window)', ': ' after a kicker), which a
# link or a heading would print inline
_READER_ONLY = re.compile(
    r"(?:^|\s)(?:sr-only|visually-hidden|screen-reader-text|wb-inv|element-invisible"
    r"|visuallyhidden|u-visually-hidden|a11y-hidden)(?:\s|$)"
)
# a cheap first look at an element's class before the exact tests
_CLASS_HINT = re.compile(r"hid|none|hide|sr-only|visual|screen-reader|wb-inv|invisible|a11y")


def _drop_hidden(tree) -> None:
    """What the page never shows: an element marked hidden (a draft's 'nicht veröffentlichen'),
    and screen-reader words inside links and headings. Text that a button reveals ('Weiterlesen'
    with aria-controls, an accordion's panel, a <details>) is shown."""
    revealed = open_disclosures(tree) | {
        target
        for control in tree.xpath("//*[@aria-controls]")
        for target in control.get("aria-controls", "").split()
    }
    for target in tree.xpath("//*[@id]") if revealed else ():
        if target.get("id") in revealed:  # shown at a click: the text goes on here
            target.attrib.pop("style", None)
            target.attrib.pop("hidden", None)
    body = tree.find("body")
    candidates = [
        element
        for element in (body.iter() if body is not None else ())
        if element.get("hidden") is not None or _CLASS_HINT.search(element.get("class") or "")
    ]
    for element in candidates:
        if element.getparent() is None or element.get("id") in revealed:
            continue
        classes = element.get("class") or ""
        # not an inline 'display:none': tabs and accordions of the text start so, and a script
        # shows them; nor a class hidden on small screens only ('hidden lg:block')
        hidden = element.get("hidden") is not None or bool(
            _HIDDEN_CLASS.search(classes) and not _SHOWN_ON_WIDE_SCREENS.search(classes)
        )
        if not hidden and _READER_ONLY.search(classes):
            hidden = next(element.iterancestors("a", "h1", "h2", "h3", "h4"), None) is not None
        if hidden and element.get("hidden") is not None and is_closed_panel(element):
            continue  # a closed accordion's panel, opened by a script the page never ran
        if hidden and element.tag not in ("body", "html", "main", "article"):
            _remove_keeping_tail(element)


def _remove_keeping_tail(element) -> None:
    parent, tail = element.getparent(), element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


_SUPERSCRIPT = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SCRIPTED = re.compile(r"[0-9+\-=()]{1,4}")


def _raised_and_lowered_digits(tree) -> None:
    """'3.105<sup>3</sup>' (a footnote mark) and 'm<sup>2</sup>', 'CO<sub>2</sub>' keep their
    digits apart: run into the text they would make '3.1053', a wrong figure."""
    for element in list(tree.iter("sup", "sub")):
        if not _attached(element, tree):
            continue  # inside a mark rewritten already ('<sup><a href="#n1"><sup>1</sup>')
        text = element.text_content().strip()
        if not _SCRIPTED.fullmatch(text):
            continue
        table = _SUPERSCRIPT if element.tag == "sup" else _SUBSCRIPT
        anchors = list(element.iter("a"))  # '<sup><a>', also nested: '<sup><sup><a>'
        anchor = anchors[0] if len(anchors) == 1 else None
        if anchor is not None and (anchor.get("href") or "").startswith("#"):
            # a footnote's mark stays its link: it tells which note of the page it marks
            href = anchor.get("href")
            anchor.clear()  # its class too ('footnote-ref'): extractors drop a page's foot
            anchor.set("href", href)
            anchor.text, anchor.tail = text.translate(table), element.tail
            element.getparent().replace(element, anchor)
            continue
        replacement = text.translate(table) + (element.tail or "")
        previous, parent = element.getprevious(), element.getparent()
        if previous is not None:
            previous.tail = (previous.tail or "") + replacement
        else:
            parent.text = (parent.text or "") + replacement
        parent.remove(element)


def _attached(element, tree) -> bool:
    ancestors = list(element.iterancestors())
    return (ancestors[-1] if ancestors else element) is tree


_CLOAK_NOTICE = re.compile(r"e-?mail-?adresse .{0,40}spambots|address is being protected", re.I)
_ADDY_PART = re.compile(r"\baddy\w*\s*(?:=|\+=)\s*([^;]+);")
_QUOTED = re.compile(r"'([^']*)'")


def _reveal_cloaked_addresses(tree) -> None:
    """Joomla's cloaking: 'Diese E-Mail-Adresse ist vor Spambots geschützt!' in a span that a
    script fills with the address, written in quoted pieces ('kita' + '&#64;' + …)."""
    for span in tree.xpath("//span[starts-with(@id, 'cloak')]"):
        if not _CLOAK_NOTICE.search(span.text_content()):
            continue
        script = span.getnext()
        code = script.text or "" if script is not None and script.tag == "script" else ""
        code = html.unescape(code)  # '&#64;' for '@', whose ';' would end a statement
        pieces = [piece for part in _ADDY_PART.findall(code) for piece in _QUOTED.findall(part)]
        address = "".join(pieces)
        for child in list(span):
            span.remove(child)
        span.text = address if "@" in address and " " not in address else ""


def _reveal_protected_addresses(tree) -> None:
    """Cloudflare hides each e-mail address behind '[email protected]', the address XORed with
    a key in `data-cfemail` (and in its link's '/cdn-cgi/l/email-protection#…'): readers of a
    release get the address, not the placeholder."""
    for element in tree.xpath("//*[@data-cfemail]"):
        address = _cf_decode(element.get("data-cfemail"))
        if address:
            for child in list(element):
                element.remove(child)
            element.text = address
    for link in tree.xpath("//a[contains(@href, 'email-protection#')]"):
        address = _cf_decode(link.get("href").rsplit("#", 1)[-1])
        if address:
            link.set("href", f"mailto:{address}")
            if not link.text_content().strip() or "protected" in link.text_content():
                for child in list(link):
                    link.remove(child)
                link.text = address


def _cf_decode(encoded: str | None) -> str | None:
    try:
        data = bytes.fromhex(encoded or "")
    except ValueError:
        return None
    if len(data) < 2:
        return None
    try:
        address = bytes(byte ^ data[0] for byte in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return address if "@" in address and " " not in address else None


# Elements that hold nothing, which libxml2's parser does not know as such: it puts the rest of
# the page inside an <embed> or a <source>, and whoever drops the element drops the page.
_VOID = ("embed", "source", "track", "param", "wbr", "keygen")


def _close_void_elements(tree) -> None:
    for element in list(tree.iter(*_VOID)):
        if not len(element) and not (element.text or "").strip():
            continue
        text, element.text = element.text, None
        for child in reversed(list(element)):
            element.addnext(child)  # keeps each child's tail with it
        element.tail = (text or "") + (element.tail or "")
