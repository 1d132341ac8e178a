"""The one HTML allow-list. Every HTML string that leaves Melder has passed through here."""

from __future__ import annotations

import html
import re
from functools import cache

import nh3

BODY_TAGS = frozenset(
    {"p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "strong", "em", "b", "i", "br"}
)
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def clean_body(html: str, link_rel: str | None = "nofollow noopener") -> str:
    """Keep structure and links only: no script, style, event handler or foreign attribute."""
    return _body_cleaner(link_rel or None).clean(html)


@cache
def _body_cleaner(link_rel: str | None) -> nh3.Cleaner:
    # built once: setting up the allow-list took half of each call's time
    return nh3.Cleaner(
        tags=set(BODY_TAGS),
        attributes={"a": {"href"}},
        url_schemes=set(URL_SCHEMES),
        link_rel=link_rel,
        strip_comments=True,
    )


def clean_fragment(html: str, tags: set[str], attributes: dict[str, set[str]]) -> str:
    """Sanitize a whole published fragment against the publisher's own, wider allow-list."""
    allowed = tuple(sorted((tag, frozenset(names)) for tag, names in attributes.items()))
    return _fragment_cleaner(frozenset(tags), allowed).clean(html)


@cache
def _fragment_cleaner(
    tags: frozenset[str], attributes: tuple[tuple[str, frozenset[str]], ...]
) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(tags),
        attributes={tag: set(names) for tag, names in attributes},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )


def escape_text(text: str) -> str:
    return nh3.clean_text(text)


# A whole tag (`<svg/onload=…>`, `</b>`, `<!-- … -->`), and what could start one: `<` directly
# followed by a letter, `/`, `!` or `?`. "Kinder < 6" and "<100 Euro" are plain text.
# every spelling of an escaped markup character: '&lt;', '&LT;', '&#60;', '&#x3C;', '&#x3c;'
_ESCAPED_MARKUP_RE = re.compile(
    r"&(?:amp|lt|gt|quot|apos|#0*(?:34|38|39|60|62)|#x0*(?:22|26|27|3c|3e));", re.I
)
# Markup in a text field: an HTML or SVG element's tag, a comment, a doctype. '<Kinder>' in a
# title is a word in angle brackets, kept as text (with a space after '<', as any '<').
_ELEMENTS = (
    "a|abbr|address|area|article|aside|audio|b|base|bdi|bdo|big|blink|blockquote|body|br|button"
    "|canvas|caption|center|cite|code|col|colgroup|data|datalist|dd|del|details|dfn|dialog|div"
    "|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|form|frame|frameset|h[1-6]|head"
    "|header|hr|html|i|iframe|image|img|input|ins|kbd|label|legend|li|link|main|map|mark|marquee"
    "|math|meta|meter|nav|noscript|object|ol|optgroup|option|output|p|param|picture|pre"
    "|progress|q|rp|rt|ruby|s|samp|script|section|select|small|source|span|strike|strong|style"
    "|sub|summary|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|track"
    "|tt|u|ul|use|var|video|wbr|xmp|animate|set|foreignobject"
)
WHOLE_TAG_RE = re.compile(rf"<(?:[!?][^<>]*|/?(?:{_ELEMENTS})(?=[\s/>])[^<>]*)>", re.I)
TAG_START_RE = re.compile(r"<(?=[A-Za-z/!?])")


# A script or a style is code, not words of the field: it goes with what it holds.
CODE_ELEMENT_RE = re.compile(
    r"<(script|style|noscript|template|iframe|object)\b[^>]*>.*?</\1\s*>", re.I | re.S
)


def plain_field(text: str) -> str:
    """Text for fields that readers may render as HTML (titles, teasers, summaries, tags):
    tags the text carries are dropped, and a `<` that could start one gets a space after it,
    so no reader, whatever it wraps the field in, can take anything here for markup. A markup
    character escaped in the text ('Ortsbeirat &amp; Jugendrat', a CMS that escaped twice) is
    the character: outputs escape it once, where they need to."""
    if "&" in text and _ESCAPED_MARKUP_RE.search(text):
        text = _ESCAPED_MARKUP_RE.sub(lambda match: html.unescape(match.group(0)), text)
    if "<" not in text:
        return text
    text = WHOLE_TAG_RE.sub("", CODE_ELEMENT_RE.sub(" ", text))
    return " ".join(TAG_START_RE.sub("< ", text).split())
