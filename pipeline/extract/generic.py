"""The generic extractor for pages without rules: trafilatura on the tree parsed once."""

from __future__ import annotations

import trafilatura
from lxml import etree
from trafilatura.settings import Extractor

from pipeline.extract.fragment import XML_KINDS, _clean_space, _convert

# Built once: trafilatura reads these settings but never changes them during an extraction.
# Links are kept for the fragment; formatting is not, as it makes trafilatura drop paragraphs.
_TRAFILATURA_OPTIONS = Extractor(output_format="xml", comments=False, tables=True, links=True)


def _generic_body(tree, base: str | None) -> etree._Element:
    document = trafilatura.bare_extraction(tree, options=_TRAFILATURA_OPTIONS)
    if document is None or document.body is None:
        return etree.Element("div")
    return _convert(document.body, XML_KINDS, base)


def _drop_leading_title(fragment, title: str | None) -> None:
    """The headline is the title, not the first paragraph: drop it when the body repeats it."""
    if title and len(fragment) and fragment[0].tag in {"h2", "h3", "h4", "p"}:
        if _clean_space("".join(fragment[0].itertext())) == title:
            fragment.remove(fragment[0])
