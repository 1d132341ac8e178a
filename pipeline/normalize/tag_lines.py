"""A page's line of tags copied with its text ('Schlagwörter: Biologie, Klima, Moore',
'Tags: energy, climate'): the release's categories, no sentence of it."""

from __future__ import annotations

import re

from pipeline.normalize.body import Line

_TAG_LINE_RE = re.compile(
    r"\s*(?:schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|stichworte|tags|keywords)"
    r"\s*:\s*(?P<tags>.+?)\s*",
    re.I,
)
_TAG_SEPARATOR_RE = re.compile(r"\s*[,;|]\s*|\s+(?=#)")
TAG_WORDS, TAG_CHARS = 4, 40  # a tag names a topic; more is a sentence


def take_tag_lines(lines: list[Line]) -> tuple[list[Line], tuple[str, ...]]:
    """The lines without their lines of tags, and those tags in order."""
    kept: list[Line] = []
    tags: list[str] = []
    for line in lines:
        found = _tags(line.text)
        if found:
            tags.extend(found)
        else:
            kept.append(line)
    return kept, tuple(dict.fromkeys(tags))


def _tags(text: str) -> list[str]:
    match = _TAG_LINE_RE.fullmatch(text)
    if not match:
        return []
    parts = [part.strip().lstrip("#") for part in _TAG_SEPARATOR_RE.split(match.group("tags"))]
    parts = [part for part in parts if part]
    if not parts or any(
        len(part) > TAG_CHARS or len(part.split()) > TAG_WORDS or part[-1] in ".!?"
        for part in parts
    ):
        return []
    return parts
