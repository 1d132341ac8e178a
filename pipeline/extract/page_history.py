"""A page's change history: "Published 25 November 2026 / Last updated … + show all updates"
with the list of its dated updates (GOV.UK, many government and corporate sites).

It is the site's record of edits to the page, not the release: extractors take its dated lines
for part of the article and may prefer a candidate that holds them to one that holds the notes
to editors. Its `<time>`s would date the release by its last edit. The block is removed before
extraction; the date it says the page was first published is kept for a page whose head names
none.
"""

from __future__ import annotations

import re

from pipeline.extract.fragment import _clean_space
from pipeline.extract.related import remove_keeping_tail

_MONTH_DATE = (
    r"(?:\d{1,2}\.?\s+[^\W\d]{3,}\.?,?\s+\d{4}"  # 25 November 2026, 25. Nov. 2026
    r"|[^\W\d]{3,}\.?\s+\d{1,2},?\s+\d{4}"  # November 25, 2026
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4})"
)
_DATE = rf"{_MONTH_DATE}(?:,?\s*(?:at|um)?\s*\d{{1,2}}[:.]\d\d\s*(?:am|pm|uhr)?)?"
_PUBLISHED = r"(?:first\s+published|published|veröffentlicht|erstellt|erschienen)(?:\s+(?:on|am))?"
_UPDATED = (
    r"(?:last\s+updated|updated|last\s+modified|zuletzt\s+(?:aktualisiert|geändert)"
    r"|aktualisiert|geändert)(?:\s+(?:on|am))?"
)
# The link that opens the list of updates.
_TOGGLE = (
    r"(?:\+\s*)?(?:(?:show|see|view|hide)\s+all(?:\s+page)?\s+updates(?:\s*\(\d+\))?"
    r"|(?:see|view)\s+(?:the\s+)?(?:full\s+)?(?:page\s+)?history|(?:alle\s+)?änderungen\s+anzeigen"
    r"|(?:versions|änderungs)historie(?:\s+anzeigen)?)"
)
_HEAD = re.compile(
    rf"{_PUBLISHED}:?\s*(?P<published>{_DATE})[\s,;|·–-]*{_UPDATED}:?\s*{_DATE}\.?"
    rf"(?P<toggle>\s*{_TOGGLE})?",
    re.I,
)
_ANY_HEAD = re.compile(rf"{_PUBLISHED}:?\s*{_DATE}[\s,;|·–-]*{_UPDATED}", re.I)
_DATED_ENTRY = re.compile(rf"{_DATE}\b", re.I)
_CONTAINERS = ("div", "section", "aside", "footer", "dl", "p", "details")
_UPDATE_WORDS = ("updated", "modified", "aktualisiert", "geändert")  # a cheap first look
_PUBLISHED_WORDS = ("published", "veröffentlicht", "erstellt", "erschienen")
HISTORY_WORDS = 400  # a long-lived page's updates; an article with such a line is longer


def drop_page_history(tree) -> str | None:
    """Remove each outermost block that is a page's change history (the published and last
    updated dates with a "show all updates" link or a list of dated updates); returns the date
    the first such block says the page was published."""
    if not _names_an_update(tree.text_content()):
        return None  # most pages: no block to look for
    published, removed = None, set()
    for element in list(tree.iter(*_CONTAINERS)):  # outer blocks first
        if any(ancestor in removed for ancestor in element.iterancestors()):
            continue
        if match := _is_history(element):
            published = published or match.group("published")
            removed.add(element)
            remove_keeping_tail(element)
    return published


def _names_an_update(text: str) -> bool:
    """Whether the page says when it was published and then updated anywhere. The pattern is
    tried only where one of its words stands: searching a news page's whole text (its scripts
    too, a tenth of a megabyte) with it took longer than extracting the article."""
    lowered = text.lower()
    if not any(word in lowered for word in _UPDATE_WORDS):
        return False
    cleaned = _clean_space(text)
    lowered = cleaned.lower()
    if len(lowered) != len(cleaned):  # a letter whose lower case is longer shifts positions
        return _ANY_HEAD.search(cleaned) is not None
    for word in _PUBLISHED_WORDS:
        start = lowered.find(word)
        while start != -1:
            if _ANY_HEAD.match(cleaned, start):
                return True
            start = lowered.find(word, start + 1)
    return False


def _is_history(element) -> re.Match | None:
    text = _clean_space(element.text_content())
    if not text or len(text.split()) > HISTORY_WORDS:
        return None
    if next(element.iter("h1", "article", "main"), None) is not None:
        return None
    entries = [item for item in element.iter("li") if item.getparent() is not None]
    if not all(_DATED_ENTRY.match(_clean_space(item.text_content())) for item in entries):
        return None
    # the block without its list: the two dates and the toggle, nothing else
    around = text
    for item in entries:
        around = around.replace(_clean_space(item.text_content()), " ", 1)
    match = _HEAD.fullmatch(_clean_space(around))
    if match is None or not (entries or match.group("toggle")):
        return None  # a dateline that says when the release was updated is no history
    return match


# A page's own review stamps: "Page last reviewed: … / Next review due: …" (NHS, GOV.UK
# guidance), "Content current as of: …" (US federal sites). They date the site's check of the
# page, not the release; their <time> would date the release by its last edit.
_REVIEW_LABEL = (
    r"(?:page\s+)?(?:last\s+reviewed|next\s+review(?:\s+due)?|reviewed\s+on"
    r"|content\s+(?:current|last\s+reviewed)\s+as\s+of|page\s+last\s+(?:updated|modified))"
)
_REVIEW_STAMPS = re.compile(rf"(?:{_REVIEW_LABEL}:?\s*{_DATE}\.?\s*)+", re.I)
_REVIEW_BLOCKS = ("div", "p", "section", "aside", "footer", "dl", "span", "small")


def drop_review_stamps(tree) -> None:
    """Remove each block that holds nothing but the page's review stamps."""
    lowered = tree.text_content().lower()
    if "review" not in lowered and "as of" not in lowered and "page last" not in lowered:
        return  # most pages: no stamp to look for
    for element in list(tree.iter(*_REVIEW_BLOCKS)):
        if element.getparent() is None or len(element.text_content()) > 200:
            continue
        if _REVIEW_STAMPS.fullmatch(_clean_space(element.text_content())):
            remove_keeping_tail(element)
