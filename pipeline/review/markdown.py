"""A release body as Markdown for editors, and back: links, emphasis, headings, lists and
quotes survive an edit of one word, instead of being flattened to plain text.

The body's HTML is Melder's own block fragment (p, h2-h4, ul/ol/li, blockquote with inline
a/strong/em/br), so the conversion is exact for everything a body can hold.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from markdown_it import MarkdownIt

from pipeline.extract.plain import plain_paragraphs, too_marked
from pipeline.normalize.sanitize import clean_body

_MARKDOWN = MarkdownIt("commonmark")
# Every link is rendered, and the sanitizer then drops an address that is no web link
# ('[hier](javascript:…)' reads 'hier'); markdown-it would print such a link as its source.
_MARKDOWN.validateLink = lambda url: True
_BLOCK_TAGS = frozenset(("p", "h2", "h3", "h4", "ul", "ol", "blockquote", "table", "pre"))
_HEADINGS = {"h1": "##", "h2": "##", "h3": "###", "h4": "####", "h5": "####", "h6": "####"}
_ESCAPE_RE = re.compile(r"([\\`*_\[\]<>])")
_BREAK = "\x00"  # a <br> while whitespace is folded; a Markdown hard break afterwards
_LINE_START_RE = re.compile(r"^(\s*)([#>+-]|\d+)([.)]?)(?=\s)", re.M)


def to_markdown(body_html: str) -> str:
    """The body as Markdown, one block per paragraph, separated by blank lines."""
    if not body_html.strip():
        return ""
    root = lxml_html.fragment_fromstring(body_html, create_parent="div")
    blocks = [_block(element) for element in root]
    if (root.text or "").strip():
        blocks.insert(0, _escape(root.text.strip()))
    return "\n\n".join(block for block in blocks if block.strip())


def to_html(markdown: str) -> str:
    """Markdown back to a sanitized block fragment (the same allow-list as every body); a text
    with more marks than any release has is taken as plain text, which a parser reads in
    bounded memory."""
    if too_marked(markdown):
        return plain_paragraphs(markdown.replace("\r\n", "\n"))
    rendered = _MARKDOWN.render(markdown.replace("\r\n", "\n"))
    for tag in ("h1", "h5", "h6"):
        rendered = re.sub(rf"<(/?){tag}>", lambda m: f"<{m.group(1)}h4>", rendered)
    return _in_paragraphs(clean_body(rendered, link_rel=None).strip())


def _in_paragraphs(html: str) -> str:
    """Text left outside any block once an HTML block lost its tags ('<span onclick>Besucher
    …') goes into a paragraph of its own: a body is blocks only. A link that lost its address
    is its words."""
    if not html:
        return html
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for anchor in list(root.iter("a")):
        if not anchor.get("href"):
            anchor.drop_tag()  # its address was no web link: its words stay
    if not (root.text or "").strip() and all(
        child.tag in _BLOCK_TAGS and not (child.tail or "").strip() for child in root
    ):
        return "\n".join(lxml_html.tostring(child, encoding="unicode").strip() for child in root)
    blocks, loose = [], [root.text or ""]
    for child in root:
        if child.tag in _BLOCK_TAGS:
            blocks.append(_paragraph("".join(loose)))
            blocks.append(lxml_html.tostring(child, encoding="unicode", with_tail=False))
            loose = [child.tail or ""]
        else:
            loose.append(lxml_html.tostring(child, encoding="unicode"))
    blocks.append(_paragraph("".join(loose)))
    return "\n".join(block for block in blocks if block)


def _paragraph(inline: str) -> str:
    return f"<p>{inline.strip()}</p>" if inline.strip() else ""


def _block(element) -> str:
    tag = element.tag
    if tag in _HEADINGS:
        return f"{_HEADINGS[tag]} {_inline(element)}"
    if tag in ("ul", "ol"):
        items = [child for child in element if child.tag == "li"]
        marks = [f"{n}." for n in range(1, len(items) + 1)] if tag == "ol" else ["-"] * len(items)
        return "\n".join(f"{mark} {_inline(item)}" for mark, item in zip(marks, items, strict=True))
    if tag == "blockquote":
        inner = "\n\n".join(_block(child) for child in element) or _inline(element)
        return "\n".join(f"> {line}" if line else ">" for line in inner.splitlines())
    return _inline(element)


def _inline(element) -> str:
    parts = [_escape(element.text or "")]
    for child in element:
        parts.append(_inline_child(child))
        parts.append(_escape(child.tail or ""))
    text = " ".join("".join(parts).split())  # HTML whitespace is one space
    return text.replace(f" {_BREAK} ", _BREAK).replace(_BREAK, "\\\n").strip()


def _inline_child(child) -> str:
    inner = _inline(child) if child.tag != "br" else ""
    if child.tag == "a":
        href = (child.get("href") or "").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
        return f"[{inner}](<{href}>)" if href else inner
    if child.tag in ("strong", "b"):
        return f"**{inner}**"
    if child.tag in ("em", "i"):
        return f"*{inner}*"
    if child.tag == "br":
        return f" {_BREAK} "
    return inner


def _escape(text: str) -> str:
    text = _ESCAPE_RE.sub(r"\\\1", text)
    return _LINE_START_RE.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match) -> str:
    """ "- x", "# x", "> x" and "1. x" would start a list, heading or quote: escaped."""
    space, mark, dot = match.groups()
    if mark.isdigit():
        return f"{space}{mark}\\{dot}" if dot else match.group(0)
    return f"{space}\\{mark}{dot}"
