"""Normalize stage: what a reader found (`RawRelease`) → a clean, validated `Release`.

In: a `RawRelease` and its `SourceConfig`. Out: a frozen `Release` whose `errors` list every
problem; nothing is raised and nothing is read or written (pure, clock-free). Holds the helpers
of that step: body lines, boilerplate, embargo/contact findings, paragraphs, headline, dates,
links, summary, old disclaimers, the HTML sanitizer. May import: `pipeline.config`,
`pipeline.models`, `pipeline.errors`.
"""

from pipeline.normalize.stage import normalize
from pipeline.normalize.summary import make_slug, make_teaser

__all__ = ["make_slug", "make_teaser", "normalize"]
