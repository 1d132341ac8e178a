"""Definition lists ('Ort' / 'Rathaus') read as lists of 'term: definition' items."""

from __future__ import annotations

import re

from lxml import etree


def definitions_as_items(root) -> None:
    """A definition list ('10:00 Uhr' / 'Begrüßung …', 'Ort' / 'Rathaus') becomes a list of
    'term: definition' items: read apart, its terms and definitions lose each other. A
    definition keeps its markup: its line breaks part a contact's name, mail and phone."""
    for dl in list(root.iter("dl")):
        if dl.getparent() is None or any(child.tag not in ("dt", "dd") for child in dl):
            continue  # a <dl> used for layout, wrapping blocks: its parts stay as they are
        items: list[etree._Element] = []
        term = ""
        for child in dl:
            text = " ".join(child.text_content().split())
            if child.tag == "dt":
                if term:
                    items.append(_item(term))  # a term without its definition
                term = text.rstrip(":")
            elif text:
                items.append(_defined(term, child))
                term = ""
        if term:
            items.append(_item(term))
        replacement = etree.Element("ul")
        replacement.extend(items)
        replacement.tail = dl.tail
        dl.getparent().replace(dl, replacement)


def _item(text: str) -> etree._Element:
    item = etree.Element("li")
    item.text = text
    return item


def _defined(term: str, definition) -> etree._Element:
    lines = [" ".join(line.split()) for line in _text_by_breaks(definition).split("\n")]
    lines = [line for line in lines if line]
    if not _is_contact_card(lines):
        lines = [" ".join(lines)]  # a definition wrapped by its breaks reads as one line
    item = _item(f"{term}: {lines[0]}" if term else lines[0])
    for line in lines[1:]:
        etree.SubElement(item, "br").tail = line
    return item


_REACHED_AT = re.compile(r"@|\+?\d[\d ()/.-]{6,}\d")
_CARD_LINE = 60  # characters: a card's name, mail or phone; a longer line is wrapped prose


def _is_contact_card(lines: list[str]) -> bool:
    """Lines of a contact card ('Dana Whitfield' / 'media@…' / '208-555-0199'): short, one of
    them a mail address or a phone number."""
    return (
        len(lines) > 1
        and all(len(line) <= _CARD_LINE for line in lines)
        and any(_REACHED_AT.search(line) for line in lines)
    )


def _text_by_breaks(element) -> str:
    """The element's text with a line break for each <br>."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append("\n" if child.tag == "br" else _text_by_breaks(child))
        parts.append(child.tail or "")
    return "".join(parts)
