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


# every spelling of an escaped markup character: '&lt;', '&LT;', '&#60;', '&#x3C;', '&#x3c;'
_ESCAPED_MARKUP_RE = re.compile(
    r"&(?:amp|lt|gt|quot|apos|#0*(?:34|38|39|60|62)|#x0*(?:22|26|27|3c|3e));", re.I
)


# A script or a style is code, not words of the field: it goes with what it holds.
CODE_ELEMENT_RE = re.compile(
    r"<(script|style|noscript|template|iframe|object)\b[^>]*>.*?</\1\s*>", re.I | re.S
)


def plain_field(text: str) -> str:
    """Text for fields that are plain text in every output (titles, teasers, summaries, tags,
    captions). Markup a field came as is gone before it gets here (a headline element's text, a
    feed title's decoded text); what is left is the sender's text, kept as typed ('Tom & Jerry
    <live>', 'Die Elemente <article> und <section>'): each output escapes it once. A markup
    character escaped in the text ('Ortsbeirat &amp; Jugendrat', a CMS that escaped twice) is
    the character."""
    if "&" in text and _ESCAPED_MARKUP_RE.search(text):
        text = _ESCAPED_MARKUP_RE.sub(lambda match: html.unescape(match.group(0)), text)
    # a field is one line: a line break, a tab or a stray control character is a space
    return " ".join(text.split())


# The markup a CMS or a sender wraps a field's text in ('<p><strong>Kurz:</strong> …</p>');
# any other tag-shaped text is the sender's words ('Die Elemente <article> und <nav>').
BLOCK_TAG_RE = re.compile(r"</?(?:p|br|div)(?:\s[^<>]*)?/?>", re.I)
INLINE_TAG_RE = re.compile(
    r"</?(?:b|strong|em|i|u|span|a|font|small|sup|sub|mark|abbr)(?:\s[^<>]*)?/?>", re.I
)


def field_from_markup(text: str) -> str:
    """A field that may come wrapped in formatting markup, as the sender's text: code and the
    formatting tags go (a block's tag parts words, an inline one does not); tag-shaped words
    stay."""
    if "<" in text:
        text = BLOCK_TAG_RE.sub(" ", CODE_ELEMENT_RE.sub(" ", text))
        text = INLINE_TAG_RE.sub("", text)
    return html.unescape(text)
