"""Footnotes as word processors save them as a web page, turned into the shape pages use.

LibreOffice and Word write a note as a paragraph (in a <div> of its own, under the text) that
begins with an anchor back to its mark, and the mark as an anchor to the note: two anchors that
point at each other. The mark carries the note's number in nested <sup> or <span> ('[1]' in
Word); the note's number runs into its text ('1Aus dem Programm'). Rewritten as a raised
numbered link and an ordered list of notes, they follow footnotes' way through extraction.
"""

from __future__ import annotations

import re

from lxml import etree

# a note's number as its anchors show it: '1', '[1]', '(1)', '*'
_NOTE_NUMBER = re.compile(r"[\[(]?(\d{1,3}|\*{1,3}|†)[\])]?")
_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dd", "dt")


def rewrite_office_notes(tree) -> bool:
    """Each pair of anchors pointing at each other, one in the text and one opening a note's
    paragraph outside any list, becomes a raised mark and an item of a list of notes; whether
    any did."""
    named = {}
    for anchor in tree.iter("a"):
        for key in (anchor.get("name"), anchor.get("id")):
            if key:
                named.setdefault(key.strip(), anchor)
    notes = []
    for mark in list(tree.iter("a")):
        back = named.get(_target(mark))
        if back is None or back is mark or _target(back) not in _keys(mark):
            continue
        number = _number(mark)
        paired = {id(anchor) for note in notes for anchor in note[:2]}
        if number is None or _number(back) != number or id(back) in paired:
            continue
        paragraph = next(back.iterancestors(*_BLOCKS), None)
        if paragraph is None or paragraph.tag not in ("p", "div"):
            continue  # a heading's or a table's number, or a note of a list already
        if next(back.iterancestors("li", "ol", "ul", "table"), None) is not None:
            continue
        if _leading_text(paragraph, back).strip() or mark in paragraph.iter("a"):
            continue  # the back anchor opens its note; a mark inside a sentence is no note
        notes.append((mark, back, paragraph, number))
    if notes:
        _rewrite(notes)
    return bool(notes)


def _rewrite(notes) -> None:
    listing = etree.Element("ol", {"class": "footnotes"})
    notes[0][2].addprevious(listing)
    for mark, back, paragraph, number in notes:
        note_id = _target(mark)
        item = etree.SubElement(listing, "li", {"id": note_id})
        _drop_keeping_tail(back)
        item.text = (paragraph.text or "").lstrip()
        item.extend(list(paragraph))
        paragraph.text = None
        _drop_keeping_tail(paragraph)
        _raise_mark(mark, note_id, number)


def _raise_mark(mark, note_id: str, number: str) -> None:
    for child in list(mark):
        mark.remove(child)
    for name in list(mark.attrib):
        del mark.attrib[name]
    mark.set("href", f"#{note_id}")
    mark.text = number
    if next(mark.iterancestors("sup"), None) is None:
        raised = etree.Element("sup")
        raised.tail, mark.tail = mark.tail, None
        mark.addprevious(raised)
        raised.append(mark)


def _drop_keeping_tail(element) -> None:
    parent, tail = element.getparent(), element.tail
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + (tail or "")
    else:
        parent.text = (parent.text or "") + (tail or "")
    parent.remove(element)


def _leading_text(paragraph, anchor) -> str:
    """The text of `paragraph` before `anchor`."""
    text = []
    for piece in paragraph.xpath(".//text()"):
        parent = piece.getparent()
        if parent is anchor or anchor in parent.iterancestors():
            break
        if piece.is_tail and parent is anchor:
            break
        text.append(piece)
    return "".join(text)


def _target(anchor) -> str:
    href = (anchor.get("href") or "").strip()
    return href[1:] if href.startswith("#") and len(href) > 1 else ""


def _keys(anchor) -> set[str]:
    return {key.strip() for key in (anchor.get("name"), anchor.get("id")) if key}


def _number(anchor) -> str | None:
    match = _NOTE_NUMBER.fullmatch("".join(anchor.itertext()).strip())
    return match.group(1) if match else None
