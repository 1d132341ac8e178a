"""Whether a release's teaser says something its body does not open with.

A portal shows the teaser over the body; one cut from the body's opening, or a page's
description that shortens the lead, would print the lead twice. The body may open with a
page lead or subheadings before the paragraph the teaser copies, so each of its opening
paragraphs counts as an opening."""

from __future__ import annotations

import re
from collections import Counter

_WORD_RE = re.compile(r"\w+")
OPENING_WORDS, COPIED = 3, 0.9  # a copy opens as the lead does and keeps nearly all its words
DATELINE_WORDS = 8  # 'Dortmund (ots) -', 'LEIPZIG, 24. November 2026 –' before the lead
OPENING_PARAGRAPHS = 4  # a page lead and up to two subheadings before the first paragraph
_PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n")


def teaser_adds_something(teaser: str, text: str) -> bool:
    """False for a teaser that is the body's opening (after its dateline), its first paragraph
    or two, or a shortened copy of it (the lead's first words closed with a full stop), also
    where it follows a page lead or subheadings. Compared word by word: spacing and
    punctuation do not count."""
    words = _WORD_RE.findall(teaser.casefold())
    if not words:
        return False
    paragraphs = _PARAGRAPH_BREAK_RE.split(text)
    return all(
        _adds_to_opening(words, "\n\n".join(paragraphs[first:]))
        for first in range(min(OPENING_PARAGRAPHS, len(paragraphs)))
    )


def _adds_to_opening(words: list[str], text: str) -> bool:
    body = _WORD_RE.findall(text.casefold())[: 2 * len(words) + DATELINE_WORDS]
    head = words[:OPENING_WORDS]
    start = next((i for i in range(DATELINE_WORDS + 1) if body[i : i + len(head)] == head), None)
    if start is None:
        return True
    opening = body[start : start + 2 * len(words)]
    shared = sum((Counter(words) & Counter(opening)).values())
    return opening[: len(words)] != words and shared < COPIED * len(words)
