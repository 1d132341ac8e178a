"""Plain text as a block fragment, for a Markdown text too marked up to parse safely.

A Markdown parser keeps an object for every mark it reads: ten million emphasis marks in a
10 MB upload take gigabytes. No release has more than a few hundred, so a text with more than
MAX_MARKS is read as what it then is, plain text, in memory bounded by its size.
"""

from __future__ import annotations

import re
from html import escape

# Marks Markdown reads inline: emphasis, code, links, images, raw HTML
MARK_RE = re.compile(r"[*_`\[\]<!]")
MAX_MARKS = 20_000


def too_marked(text: str) -> bool:
    return len(MARK_RE.findall(text)) > MAX_MARKS


def plain_paragraphs(text: str) -> str:
    """Paragraphs of escaped text, blank lines apart; Markdown's marks stay as they are."""
    parts = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return "\n".join(f"<p>{escape(part, quote=False)}</p>" for part in parts if part)
