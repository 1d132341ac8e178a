"""A quotation inside a sentence (`<q>` on a page) stays in its sentence, in the marks of the
page's language: trafilatura writes it as a `<quote>` like a block quote, which would break the
paragraph around it into a fragment, a quote and a fragment."""

from __future__ import annotations

import re

# The marks a browser sets around a <q> for the language; others get English ones.
_MARKS = {
    "de": ("„", "“"),
    "fr": ("« ", " »"),
    "it": ("«", "»"),
    "es": ("«", "»"),
    "pl": ("„", "”"),
    "nl": ("‘", "’"),
}
_ENGLISH_MARKS = ("“", "”")
# trafilatura's elements that hold running text: a <quote> inside one stands in a sentence
_TEXT_HOLDERS = frozenset({"p", "hi", "ref", "head"})
_BLOCK_CHILDREN = frozenset({"p", "list", "quote", "head", "table", "code"})


def quote_marks(language: str | None) -> tuple[str, str]:
    """The opening and closing quotation marks for a language tag ('de', 'de-CH', None)."""
    primary = re.split(r"[-_]", (language or "").strip().lower(), maxsplit=1)[0]
    return _MARKS.get(primary, _ENGLISH_MARKS)


def page_language(tree) -> str | None:
    """The language the page declares on its root element."""
    root = tree.getroottree().getroot()
    return root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")


def runs_in_text(quote) -> bool:
    """A trafilatura `<quote>` that stands in a sentence: inside a paragraph, after words of a
    sentence it continues (or before its rest: '<q>Wir bauen</q>, sagte sie'), holding no
    breaks or blocks. trafilatura also writes a block quote between a blog's loose lines
    ('… the Journal reports: <blockquote>') into the paragraph around it, and a page's <pre>
    or a forum post's quote in a list item as a quote; those stand apart."""
    parent = quote.getparent()
    if (
        parent is None
        or parent.tag not in _TEXT_HOLDERS
        or any(child.tag in _BLOCK_CHILDREN or child.tag == "lb" for child in quote)
    ):
        return False
    before = _text_before(quote).strip()
    if before:
        return not _SENTENCE_DONE.search(before)
    return bool(_SENTENCE_GOES_ON.match((quote.tail or "").strip()))


# the text before a quotation ends its own sentence or announces it
_SENTENCE_DONE = re.compile(r"[.!?:][)\]]*$")
# the text after a quotation at a paragraph's start continues its sentence
_SENTENCE_GOES_ON = re.compile(r"[,;)\-–—]|[a-zäöüß]")


# Marks a page may set around a <q> itself ('„<q>Wir bauen</q>“'): then it needs none of ours
_MARKS_AROUND = frozenset("\"'„“”‚‘’«»‹›「」『』")


def marked_already(quotation) -> bool:
    """The page sets quotation marks around or inside `quotation` itself."""
    inside = "".join(quotation.itertext()).strip()
    return _text_before(quotation).rstrip()[-1:] in _MARKS_AROUND or inside[:1] in _MARKS_AROUND


def _text_before(element) -> str:
    """The text right before `element` in its parent: a sibling's tail, else its words."""
    previous = element.getprevious()
    if previous is not None:
        return previous.tail or "".join(previous.itertext())
    parent = element.getparent()
    return (parent.text if parent is not None else None) or ""
