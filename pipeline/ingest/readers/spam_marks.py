"""The marks a spam filter leaves on a mail on its way: its headers (SpamAssassin's
`X-Spam-Flag`/`X-Spam-Status`, rspamd's `X-Spam`, Exchange's spam confidence level) and the tag
a gateway puts in front of the subject ('*** SPAM ***', '[SPAM?]'). A filter can be wrong, so
such a mail is not refused: it waits for an editor, with the marks named."""

from __future__ import annotations

import re
from email.message import Message

from pipeline.models import HOLD_FOR_EDITOR

_YES = re.compile(r"^\s*(?:yes|true|1)\b", re.I)
# Exchange's spam confidence level: 5 and above is filed as junk, -1 is a trusted sender
_JUNK_LEVEL = 5
_SUBJECT_TAG = re.compile(
    r"(?:\*{1,3}|\[|\{|\()\s?\**\s?(?:(?:suspected|possible|probable|likely)\s+)?"
    r"(?:spam(?:verdacht)?\??|verdacht\s+auf\s+spam)\s?\**\s?(?:\*{1,3}|\]|\}|\))",
    re.I,
)


def spam_marks(message: Message, subject_tags: str) -> tuple[str, ...]:
    """What says a filter took the mail for spam, as the mail says it; `subject_tags` is the
    run of tags in front of its subject."""
    marks = []
    for name in ("X-Spam-Flag", "X-Spam-Status", "X-Spam"):
        value = " ".join(str(message.get(name) or "").split())
        if _YES.match(value):
            marks.append(f"{name}: {value[:80]}")
    level = str(message.get("X-MS-Exchange-Organization-SCL") or "").strip()
    if re.fullmatch(r"\d", level) and int(level) >= _JUNK_LEVEL:
        marks.append(f"X-MS-Exchange-Organization-SCL: {level}")
    if tag := _SUBJECT_TAG.search(subject_tags):
        marks.append(f"the subject's tag {tag.group().strip()!r}")
    return tuple(marks)


def spam_warnings(message: Message, subject_tags: str) -> tuple[str, ...]:
    marks = spam_marks(message, subject_tags)
    if not marks:
        return ()
    return (
        f"{HOLD_FOR_EDITOR}a spam filter marked the mail as spam ({'; '.join(marks)}): check "
        "that its sender really sent it before approving it (phishing often looks like a notice)",
    )
