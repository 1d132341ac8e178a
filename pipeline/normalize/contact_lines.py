"""A contact's lines as a reader of the contact gets them: a link to a form or a profile that
names no address says nothing there, and a mailto link shows its address."""

from __future__ import annotations

import re

from pipeline.normalize.body import Line

_LINK_ONLY_LABEL = re.compile(
    r"(?:e-?mail|contact|write|message) (?:us|me)(?: here)?|click here|kontaktformular"
    r"|visit us on social media:?|follow us:?|folgen sie uns:?|facebook|instagram|x|twitter"
    r"|linkedin|youtube|xing|tiktok|mastodon|bluesky|threads",
    re.I,
)


# a mailto link's label where its address would stand ('E-Mail schreiben', 'Send email'); as
# plain text, 'Mail' is the field's label over the address
_MAIL_LABEL = re.compile(
    r"e-?mail(?: (?:schreiben|senden|verfassen))?|mail|send (?:an )?e-?mail"
    r"|schreiben sie (?:uns|mir)(?: eine e-?mail)?|nachricht (?:senden|schreiben)",
    re.I,
)


def shown_line(line: Line) -> str:
    """The line as a contact prints it: a link to a form or a profile that names no address
    says nothing; a mailto link shows its address."""
    text = line.text.strip()
    linked = any(href for _, href in line.segs)
    if not _LINK_ONLY_LABEL.fullmatch(text) and not (linked and _MAIL_LABEL.fullmatch(text)):
        return line.text
    hrefs = [href for _, href in line.segs if href]
    mail = next((href[7:].split("?")[0] for href in hrefs if href.startswith("mailto:")), None)
    return mail if mail and "@" in mail else ""
