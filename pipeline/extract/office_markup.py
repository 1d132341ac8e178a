"""Markup of Word's "Save as Web Page" that no browser shows: an empty namespace element beside
a picture ('<o:p></o:p>') is nothing, and a picture is its full-size original ('<v:imagedata>'),
not the small copy Word writes for browsers without VML."""

from __future__ import annotations

import re

# an element of a namespace ('o:p', 'st1:city'): its prefix and a colon before the name
_NAMESPACED_TAG = re.compile(rb"<[A-Za-z][\w-]*:[A-Za-z]")
# Word's picture: the VML shape in a conditional comment naming the original, then the copy
# for other browsers ('<![if !vml]><img … src="…image002.png">'), which Word scaled down.
_VML_PICTURE = re.compile(
    rb"<!--\[if gte vml 1\]>(?:(?!<!\[endif\]-->).){0,4000}?<v:imagedata\b[^>]*?\bsrc=\"([^\"]+)\""
    rb"(?:(?!<!\[endif\]-->).){0,4000}?<!\[endif\]-->\s*<!\[if !vml\]>\s*(<img\b[^>]*?\bsrc=)"
    rb"(\"[^\"]*\"|'[^']*'|[^\s>]+)",
    re.DOTALL | re.IGNORECASE,
)


_BLOCKS = ("p", "div", "li", "td", "th", "figure", "h1", "h2", "h3", "h4", "h5", "h6")


def with_full_size_pictures(data: bytes) -> bytes:
    """The page with each VML picture's fallback <img> pointing at the original."""
    if b"v:imagedata" not in data:
        return data
    return _VML_PICTURE.sub(lambda match: match.group(2) + b'"' + match.group(1) + b'"', data)


def has_namespaced_markup(data: bytes) -> bool:
    return _NAMESPACED_TAG.search(data) is not None


def drop_empty_namespaced_elements(tree) -> None:
    """'<img …><o:p></o:p>' is a picture alone in its paragraph, as a browser shows it: an empty
    namespace element beside a picture goes. Elsewhere they stay, as extraction has always read
    them: Word's empty paragraphs ('<p><o:p>&nbsp;</o:p></p>') separate its blocks."""
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or ":" not in element.tag:
            continue
        if element.getparent() is None or len(element) or (element.text or "").strip():
            continue
        block = next(element.iterancestors(*_BLOCKS), None)
        if block is not None and next(block.iter("img", "picture"), None) is not None:
            _remove_keeping_tail(element)


def _remove_keeping_tail(element) -> None:
    parent, previous = element.getparent(), element.getprevious()
    if element.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
