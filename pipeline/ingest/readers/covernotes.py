"""A mail whose own text is only a note about the release: the release is in an attachment,
or behind a link. An attached text or HTML file is read as the release; a document Melder cannot
read, or a web page it does not fetch, is named as the problem, so the editor asks the sender
for the text instead of publishing the note.
"""

from __future__ import annotations

import re
from email.message import Message
from html import unescape

from pipeline.extract import fragment_html, fragment_tree
from pipeline.ingest.readers.mailparts import attachments, filename, part_text
from pipeline.models import HOLD_FOR_EDITOR, Problem

# A mail whose own text only points to an attachment: 'siehe Anhang', 'please find attached'.
COVER_NOTE = 300
_COVER_RE = re.compile(
    r"\b(?:siehe\s+anhang|im\s+anhang|anbei|beigef[üu]gt|attached|see\s+(?:the\s+)?attachment"
    r"|please\s+find)\b",
    re.I,
)
# Where a note's signature starts: the delimiter or a closing greeting on a line of its own.
SIGNED_RE = re.compile(
    r"^[ \t]*(?:--[ \t]*$|(?:mit\s+)?(?:freundlichen|besten|herzlichen|vielen|liebe|viele)"
    r"\s+gr(?:ü|ue)(?:ß|ss)|(?:kind|best|warm|many)(?:est)?\s+(?:regards|wishes)|regards\b"
    r"|sincerely|cheers\b|thanks\b|thank\s+you\b)",
    re.I | re.M,
)
# a saved mail (Outlook's .msg, or an .eml that holds no mail Melder can open) is no text either
_DOCUMENTS = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".pages", ".eml", ".msg")


def only_in_documents(message: Message) -> Problem | None:
    """The problem of a mail with no text of its own whose release is in a document Melder does
    not read: Outlook's winmail.dat above all, which it sends instead of the mail's text."""
    names = [
        filename(part, index)
        for index, part in enumerate(attachments(message, set()))
        if filename(part, index).lower().endswith(_DOCUMENTS)
        or part.get_content_type() == "application/ms-tnef"
    ]
    if not names:
        return None
    tnef = next((name for name in names if name.lower() == "winmail.dat"), None)
    if tnef or any(part.get_content_type() == "application/ms-tnef" for part in message.walk()):
        return Problem(
            field="body",
            message=f"the mail has no text of its own, only {tnef or names[0]} (Outlook's rich "
            "text, TNEF), which Melder does not read: send it again as HTML or plain text "
            "(in Outlook: Format Text > HTML)",
        )
    return Problem(
        field="body",
        message=f"the mail has no text of its own, only {names[0]}, which Melder does not "
        "read; send the text in the mail or attach it as .txt or .html",
    )


def release_in_attachment(message: Message, body_html, body_text, skip: set[int]):
    """(body_html, body_text, notes, problems, used): a cover note's release read from its
    attached text or HTML file (`used` holds that part's id: it is the release, not one of its
    media); one in a document Melder cannot read is named as the problem."""
    shown = body_text or re.sub(r"<[^>]+>", "\n", body_html or "")
    shown = SIGNED_RE.split(shown, maxsplit=1)[0]  # the note, without the sender's signature
    if (note := " ".join(shown.split())) and (len(note) > COVER_NOTE or not _COVER_RE.search(note)):
        return body_html, body_text, (), (), set()  # an empty text is a cover note too
    documents = []
    texts = [
        (part, filename(part, index))
        for index, part in enumerate(attachments(message, skip))
        if _text_kind(part, filename(part, index))
    ]
    if texts:
        part, name = texts[0]
        notes = (
            f"the release was read from the attached {name}; the mail's text was a cover note",
        )
        opening = _opening_words(part)
        others = [other for attached, other in texts[1:] if _opening_words(attached) != opening]
        if others:
            # a release of each file: publishing the first alone would lose the others unseen
            notes += (
                f"{HOLD_FOR_EDITOR}the mail has further releases attached "
                f"({', '.join(others)}): only {name} was read; submit each as a release of its own",
            )
        used = {id(attached) for attached, _ in texts}
        if _text_kind(part, name) == "html":
            html = fragment_html(fragment_tree(part_text(part))) or None
            return html, None, notes, (), used
        return None, part_text(part).strip() or None, notes, (), used
    for index, part in enumerate(attachments(message, skip)):
        name = filename(part, index)
        kind, lower = part.get_content_type(), name.lower()
        if lower.endswith(_DOCUMENTS) or kind == "application/ms-tnef":  # Outlook's winmail.dat
            documents.append(name)
    if not documents:
        return body_html, body_text, (), (), set()
    problem = Problem(
        field="body",
        message=f"the mail's text is a cover note and the release seems to be in {documents[0]}, "
        "which Melder does not read; send the text in the mail or attach it as .txt or .html",
    )
    return body_html, body_text, (), (problem,), set()


def _opening_words(part: Message) -> list[str]:
    """The first words a file shows: the same release sent as .txt and as .html opens alike."""
    markup = r"(?is)<(head|style|script)\b.*?</\1>|<[^>]+>"
    shown = unescape(re.sub(markup, " ", part_text(part)))
    return re.findall(r"\w+", shown.lower())[:12]


def _text_kind(part: Message, name: str) -> str | None:
    """'text' or 'html' for an attached file Melder reads as a release, else None."""
    kind, lower = part.get_content_type(), name.lower()
    if kind in ("text/plain", "text/markdown") or lower.endswith((".txt", ".md")):
        return "text"
    if kind == "text/html" or lower.endswith((".html", ".htm")):
        return "html"
    return None


# A note that only points to the release on the web: 'Unsere aktuelle Pressemitteilung finden
# Sie hier: https://…', 'Read our press release here'. The sentences that name the release or
# carry the link go; a real short release has words of its own left, a pointer none or few.
RELEASE_WORD = re.compile(
    r"\b(?:press(?:e)?-?(?:mitteilung|meldung|information|release|statement|notiz)\w*"
    r"|(?:news|media)\s+release|mitteilung|meldung|release|announcement|statement)\b",
    re.I,
)
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.I)
SALUTATION = re.compile(
    r"^\s*(?:sehr\s+geehrte|liebe|hallo|guten\s+tag|dear|hello|hi)\b[^\n]{0,80}$", re.I | re.M
)
_LINK = re.compile(
    r"<a\b[^>]*?href=[\"'](?P<url>https?://[^\"'>\s]+)[\"'][^>]*>(?P<words>.*?)</a>", re.I | re.S
)
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")
# Words of its own that a pointer may have besides the sentence with the link ('Vielen Dank.')
_OWN_WORDS = 12


def release_behind_link(body_html: str | None, body_text: str | None) -> Problem | None:
    """The problem of a mail whose text is only a pointer to the release on a web page."""
    # a link's address stands beside its words, so that only the note's own links count
    linked = _LINK.sub(r"\g<words> \g<url>", body_html or "")
    shown = body_text or re.sub(r"<[^>]+>", "\n", linked)
    note = SALUTATION.sub("", SIGNED_RE.split(shown, maxsplit=1)[0]).strip()
    links = [url.rstrip(".,;:!?") for url in _URL.findall(note)]  # the sentence's stop is no part
    if not links or len(" ".join(note.split())) > COVER_NOTE or not RELEASE_WORD.search(note):
        return None
    own = [
        sentence
        for sentence in _SENTENCE_END.split(note)
        if not (_URL.search(sentence) or RELEASE_WORD.search(sentence))
    ]
    if len(" ".join(own).split()) > _OWN_WORDS:
        return None
    return Problem(
        field="body",
        message=f"the mail only links to the release ({links[0]}), which Melder does not fetch "
        "from a mail; send the release's text in the mail, or read that page with a web source",
    )
