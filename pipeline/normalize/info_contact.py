"""A press contact under a 'Weitere Informationen:' / 'More information:' label: the label
also heads notes and links, so it is a contact's label only where a person's name opens the
lines under it and they give a phone number or an e-mail address."""

from __future__ import annotations

import re

from pipeline.normalize.body import Line
from pipeline.normalize.contact_lines import shown_line
from pipeline.normalize.signatures import NAME_LINE_RE

_INFO_LABEL_RE = re.compile(
    r"\W*(?:f[üu]r\s+)?(?:weitere|n[äa]here|mehr)\s+informationen(?:\s+und\s+kontakt)?"
    r"|(?:for\s+)?(?:more|further)\s+information",
    re.I,
)
_PHONE_OR_MAIL_RE = re.compile(r"@|\+?\d[\d /().-]{6,}\d")
INFO_CONTACT_LINES, CONTACT_LINE_CHARS = 8, 120


def take_info_contact(lines: list[Line]) -> tuple[list[Line], str | None]:
    """The body without a contact set under an information label, the label with it, and the
    contact in its lines ('Dr. Maria Fiedler, Pressesprecherin' / 'Tel. …' / 'presse@…')."""
    for index, line in enumerate(lines):
        label = line.text.strip()
        if not (label.endswith(":") and _INFO_LABEL_RE.fullmatch(label[:-1].rstrip())):
            continue
        under = _lines_under(lines, index)
        texts = [shown_line(lines[i]).strip() for i in under]
        if not texts or not NAME_LINE_RE.fullmatch(texts[0].split(",")[0].strip()):
            continue
        if any(len(text) > CONTACT_LINE_CHARS for text in texts):
            continue  # a sentence: notes under the label, no contact
        if not any(_PHONE_OR_MAIL_RE.search(text) for text in texts):
            continue
        taken = {index, *under}
        kept = [line for i, line in enumerate(lines) if i not in taken]
        return kept, "\n".join(text for text in texts if text)
    return lines, None


def _lines_under(lines: list[Line], index: int) -> list[int]:
    """The rest of the label's paragraph, or the paragraph after a label standing alone."""
    chunk = lines[index].chunk
    rest = [i for i in range(index + 1, len(lines)) if lines[i].chunk == chunk]
    if not rest and index + 1 < len(lines):
        following = lines[index + 1].chunk
        rest = [i for i in range(index + 1, len(lines)) if lines[i].chunk == following]
    return rest[:INFO_CONTACT_LINES] if len(rest) <= INFO_CONTACT_LINES else []
