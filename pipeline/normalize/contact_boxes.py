"""A contact box the page sets apart from the article: its lines as the contact, and the
copies an extractor took into the body taken out again."""

from __future__ import annotations

from pipeline.normalize.body import Line
from pipeline.normalize.contact_lines import PRESS_RE, has_address, is_prose, shown_line
from pipeline.normalize.findings import (
    CONTACT_RE,
    Findings,
    take_contact,
    without_empty_contact_headings,
)


def box_contact(lines: list[Line]) -> str | None:
    """A box the page names a contact box, under a heading no contact label matches ('Weitere
    Informationen', 'Auskunft'): its lines are the contact when they give an address."""
    texts = [shown_line(line).strip() for line in lines]
    texts = [text for text in texts if text]
    if texts and not has_address(texts[0]) and len(texts[0].split()) <= BOX_HEADING_WORDS:
        texts = texts[1:]  # the box's heading
    if not any(has_address(text) for text in texts) or any(is_prose(t) for t in texts):
        return None
    return "\n".join(texts[:BOX_LINES]) or None


BOX_HEADING_WORDS, BOX_LINES = 4, 12


def without_contact_lines(lines: list[Line], contact: str | None) -> list[Line]:
    """The body without the lines of a contact found in the page's contact box: lines that
    give a phone number, an e-mail or a web address, as the box has them."""
    if not contact:
        return lines
    parts = {text.strip() for text in contact.split("\n")}
    taken = {text for text in parts if has_address(text)}
    # the box's other lines ('Skyline Air Media Relations') go where they share a block
    # with its addresses: left alone, a name would read as a heading over the next paragraph
    chunks = {line.chunk for line in lines if line.text.strip() in taken}
    left = [
        line
        for line in lines
        if line.text.strip() not in taken
        and not (line.chunk in chunks and line.text.strip() in parts)
    ]
    return without_empty_contact_headings(left)


def names_the_press(box: list[Line]) -> bool:
    """A contact box whose heading names the press's contact ('Pressekontakt', 'Media
    contact'), not a subject expert's."""
    label = next((CONTACT_RE.match(line.text) for line in box if line.text.strip()), None)
    return bool(label and PRESS_RE.search(label.string[: label.start("rest")]))


def with_page_contact_box(
    lines: list[Line], contact: str | None, box: list[Line]
) -> tuple[list[Line], str | None]:
    """The body and its contact, given the contact box the page sets apart from the article:
    the box is the contact when the body gave none, or when the body's contact is only the
    box's last part (an extractor took the box along, and its last person read as a signature:
    'Investors' … 'Media' … keep both, each under its label)."""
    found = Findings(problems=[])
    take_contact(box, found)
    boxed = found.contact or box_contact(box)
    if boxed and (contact is None or _part_of(contact, boxed)):
        return without_contact_lines(lines, boxed), boxed
    return lines, contact


def _part_of(contact: str, whole: str) -> bool:
    """Every line of `contact` is a line of `whole`, which holds more."""
    parts = {line.strip() for line in whole.split("\n")}
    mine = [line.strip() for line in contact.split("\n")]
    return len(mine) < len(parts) and all(line in parts for line in mine)
