"""A contact box the page sets apart from the article: its lines as the contact, and the
copies an extractor took into the body taken out again."""

from __future__ import annotations

from pipeline.normalize.body import Line
from pipeline.normalize.contact_lines import has_address, is_contact_lead_in, is_prose, shown_line
from pipeline.normalize.findings import CONTACT_RE, LONG_CONTACT_LINE


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
    # the heading that introduced the box's lines ('For more information, please contact:',
    # 'Contacts') would stand over nothing, or over the next section's heading
    return [
        line
        for i, line in enumerate(left)
        if not (
            _introduces_a_contact(line.text)
            and (i + 1 == len(left) or (left[i + 1].kind == "h" and line.kind == "h"))
        )
    ]


def _introduces_a_contact(text: str) -> bool:
    label = CONTACT_RE.match(text) if len(text) <= LONG_CONTACT_LINE else None
    return bool(label and not label.group("rest")) or is_contact_lead_in(text)
