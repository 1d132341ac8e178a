"""Definition lists ('Ort' / 'Rathaus') read as lists of 'term: definition' items."""

from __future__ import annotations

from lxml import etree


def definitions_as_items(root) -> None:
    """A definition list ('10:00 Uhr' / 'Begrüßung …', 'Ort' / 'Rathaus') becomes a list of
    'term: definition' items: read apart, its terms and definitions lose each other."""
    for dl in list(root.iter("dl")):
        if dl.getparent() is None or any(child.tag not in ("dt", "dd") for child in dl):
            continue  # a <dl> used for layout, wrapping blocks: its parts stay as they are
        items, term = [], ""
        for child in dl:
            text = " ".join(child.text_content().split())
            if child.tag == "dt":
                if term:
                    items.append(term)  # a term without its definition
                term = text.rstrip(":")
            elif text:
                items.append(f"{term}: {text}" if term else text)
                term = ""
        if term:
            items.append(term)
        replacement = etree.Element("ul")
        for item in items:
            etree.SubElement(replacement, "li").text = item
        replacement.tail = dl.tail
        dl.getparent().replace(dl, replacement)
