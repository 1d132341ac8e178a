"""The publication a research release reports on ('Originalpublikation', 'Original
publication'), set in a box of its own under the text: extractors leave the box out beside the
article, and with it the study's DOI, which the release names for its readers."""

from __future__ import annotations

import copy
import re

from lxml import etree

from pipeline.extract.fragment import HTML_KINDS, _clean_space, _convert
from pipeline.extract.lists import _after_text, _in_menu, _last_block_above

# The label over a study's reference, at the start of its heading or paragraph ('Originaltitel
# der Publikation in „Nature Microbiology“:', 'Original publication:', 'Publikation:').
_REFERENCE_LABEL = re.compile(
    r"(?:original(?:publikation|veröffentlichung|arbeit|artikel|studie|titel der (?:publikation"
    r"|studie|veröffentlichung))|(?:wissenschaftliche )?(?:publikation|veröffentlichung)"
    r"|fachartikel|fachpublikation|studie|literatur(?:hinweis)?|original (?:publication|paper"
    r"|article|research)|publication|reference|citation|journal reference|paper)\b",
    re.IGNORECASE,
)
# A digital object identifier: '10.1038/s41564-026-01234-5', in a link or in the text.
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_LABEL_CHARS = 120  # a heading, not a paragraph that happens to begin with 'Studie'
_REFERENCE_BLOCKS = 3  # blocks under the label that hold the reference
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_LABEL_TAGS = (*_HEADINGS, "p")


def restore_references(fragment: etree._Element, tree, base: str | None) -> None:
    """Put back each reference with a DOI under a label such as 'Originalpublikation' that
    stands in the article's own container, after the article's block before it on the page."""
    for label in list(tree.iter(*_LABEL_TAGS)):
        text = _text(label)
        if not _REFERENCE_LABEL.match(text) or _in_menu(label):
            continue
        parts = [label] if _DOI.search(_with_links(label)) else [label, *_blocks_under(label)]
        doi = next(filter(None, (_DOI.search(_with_links(part)) for part in parts)), None)
        if doi is None or (len(parts) > 1 and len(text) > _LABEL_CHARS):
            continue
        if _names(fragment, doi.group(0).rstrip(".,;)")):
            continue  # the article has it already
        placed = _last_block_above(label, fragment)
        if placed is None or not _after_text(placed, fragment):
            continue
        holder = etree.Element("div")
        holder.extend(copy.deepcopy(part) for part in parts)
        for number, block in enumerate(_convert(holder, HTML_KINDS, base)):
            if number == 0 and block.tag in _HEADINGS and block.tag not in ("h2", "h3", "h4"):
                block.tag = "h4"
            placed.addnext(block)
            placed = block


def _blocks_under(label) -> list:
    """The blocks after `label` up to the next heading: the reference it names."""
    blocks = []
    for sibling in label.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag in _HEADINGS or len(blocks) == _REFERENCE_BLOCKS:
            break
        blocks.append(sibling)
    return blocks


def _with_links(element) -> str:
    """The element's text and the addresses of its links: a DOI may stand only in an href."""
    return " ".join([_text(element), *(a.get("href") or "" for a in element.iter("a"))])


def _names(fragment, doi: str) -> bool:
    return doi in _with_links(fragment)


def _text(element) -> str:
    return _clean_space("".join(element.itertext()))
