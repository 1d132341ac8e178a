"""A second contact that stays in the text beside the press's ('Kontakt:' over a scientist's
name, institute and e-mail): kept whole, its label and lines in one paragraph, not its label
dropped as a page's heading and its lines run into each other."""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.normalize.body import Line
from pipeline.normalize.contact_lines import has_address, is_prose

# a contact's label alone on its line: 'Kontakt:', 'Wissenschaftlicher Kontakt:',
# 'Fachliche Ansprechpartnerin:', 'Scientific contact:'
_LABEL_ALONE_RE = re.compile(
    r"\W*(?:[\w-]+\s+){0,2}(?:kontakt|contact|ansprechpartner(?:in|innen)?|ansprechperson)"
    r"\w*\s*:\s*",
    re.I,
)
CONTACT_LINES = 8


def contacts_in_one_line(lines: list[Line]) -> list[Line]:
    """Each labelled contact of two lines or more (one with an address) as one line:
    'Kontakt: Prof. Dr. Julia Hartmann, Universität Tübingen, julia.hartmann@…'."""
    result: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        block = _contact_lines(lines, index) if _LABEL_ALONE_RE.fullmatch(line.text) else []
        if len(block) < 2 or not any(has_address(item.text) for item in block):
            result.append(line)
            index += 1
            continue
        segs = [(line.text.strip() + " ", None)]
        for position, item in enumerate(block):
            segs += ([(", ", None)] if position else []) + _trimmed(item.segs)
        result.append(replace(line, segs=segs))  # its text follows from the segments
        index += 1 + len(block)
    return result


def _trimmed(segs: list) -> list:
    """A line's segments without the space around the line: the space between them stays
    ('E-Mail: ' before its linked address)."""
    if not segs:
        return []
    trimmed = list(segs)
    trimmed[0] = (trimmed[0][0].lstrip(), trimmed[0][1])
    trimmed[-1] = (trimmed[-1][0].rstrip(), trimmed[-1][1])
    return trimmed


def _contact_lines(lines: list[Line], label: int) -> list[Line]:
    """The short lines under a label, up to an empty line's end of its paragraph."""
    block: list[Line] = []
    for line in lines[label + 1 : label + 1 + CONTACT_LINES]:
        if line.chunk != lines[label].chunk and block and line.chunk != block[-1].chunk:
            break
        if not line.text.strip() or is_prose(line.text) or _LABEL_ALONE_RE.fullmatch(line.text):
            break
        block.append(line)
    return block
