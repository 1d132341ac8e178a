"""The generic extractor for pages without rules: trafilatura on the tree parsed once."""

from __future__ import annotations

import trafilatura
from lxml import etree
from trafilatura.settings import Extractor

from pipeline.extract.fragment import XML_KINDS, _clean_space, _convert
from pipeline.extract.links import page_links, relink

# Built once: trafilatura reads these settings but never changes them during an extraction.
# Without links and formatting: with them trafilatura picks other blocks or drops paragraphs.
# Links are mapped back from the page (`extract.links`).
_TRAFILATURA_OPTIONS = Extractor(output_format="xml", comments=False, tables=True, links=False)


def _generic_body(tree, base: str | None) -> etree._Element:
    links = page_links(tree, base)  # first: the extraction may change the tree
    document = trafilatura.bare_extraction(tree, options=_TRAFILATURA_OPTIONS)
    if document is None or document.body is None:
        return etree.Element("div")
    fragment = _convert(document.body, XML_KINDS, base)
    relink(fragment, links)
    return fragment


def _drop_leading_title(fragment, title: str | None) -> None:
    """The headline is the title, not the first paragraph: drop it when the body repeats it."""
    if title and len(fragment) and fragment[0].tag in {"h2", "h3", "h4", "p"}:
        if _clean_space("".join(fragment[0].itertext())) == title:
            fragment.remove(fragment[0])
