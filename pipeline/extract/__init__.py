"""Extract stage: a web page (or an e-mail's HTML part) → the article as a block fragment.

In: HTML bytes or text, optionally a source's CSS rules (`config.ExtractRules`). Out: an
`Article` (title, body fragment, head metadata) or a bare fragment for HTML that needs no
judging. May import: `pipeline.config`, `pipeline.models`, `pipeline.errors`. Readers in
`pipeline.ingest` call these functions; this package never imports ingest.
"""

from pipeline.extract.article import (
    Article,
    extract_article,
    extract_text,
    fragment_tree,
    html_fragment,
)
from pipeline.extract.fragment import fragment_html, fragment_text
from pipeline.extract.images import FoundImage, all_images, drop_captions
from pipeline.extract.parse import parse_html
from pipeline.extract.rules import compile_selector

__all__ = [
    "Article",
    "FoundImage",
    "all_images",
    "drop_captions",
    "compile_selector",
    "extract_article",
    "extract_text",
    "fragment_html",
    "fragment_text",
    "fragment_tree",
    "html_fragment",
    "parse_html",
]
