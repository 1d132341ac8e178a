"""Sections of other articles (a heading such as "Weitere Meldungen" and what follows it) and
boxes that ask the reader for something (a newsletter, a subscription, page feedback).

Teasers of other releases are written in sentences, so no text measure tells them from the
article, and extractors take them along when they share its container (a police office's
"Weitere Meldungen" under a three-line report). Their heading says what they are: the section
it opens is removed before extraction. Only unambiguous labels count here; a heading such as
"Empfehlungen" or "Themen" may head part of a release (normalize judges those as lines).
"""

from __future__ import annotations

import re

from pipeline.extract.fragment import _clean_space

RELATED_LABELS = re.compile(
    r"(?:weitere|mehr|andere|ähnliche|verwandte|aktuelle|neueste) (?:presse)?(?:meldungen"
    r"|mitteilungen|artikel|nachrichten|beiträge|news|pressemitteilungen)"
    r"(?: zum thema| aus .{1,40})?"
    r"|mehr zum thema|das könnte sie auch interessieren|lesen sie auch"
    r"|(?:ebenfalls|auch) interessant|mehr (?:aus|von) (?:dem|der|den|unserem|unserer) [^.!?]{1,40}"
    r"|more from .{1,40}"
    r"|meistgelesene?(?: artikel| meldungen)?|am meisten gelesen|passend dazu"
    r"|related (?:articles|stories|news|posts|content|releases|press releases)"
    r"|more (?:news|stories|articles|press releases|releases)(?: from .{1,40})?"
    r"|other (?:news|stories|articles|press releases)|you (?:may|might) also like"
    r"|read (?:next|also|more)|also read|most (?:read|popular|viewed)"
    r"|(?:latest|recent) (?:news|stories|articles|posts|press releases|releases|updates)"
    r"(?: (?:from|by) .{1,40})?"
    r"|top[- ](?:stories|news|headlines|themen|meldungen|nachrichten|artikel)"
    r"|partner[- ]?(?:news|content|inhalte|angebote)|sponsored (?:content|stories|links)"
    r"|editor[’']?s[’']? (?:picks|choice)|trending(?: now| stories| news)?"
    r"|recommended (?:for you|stories|articles|reading)|empfehlungen der redaktion",
    re.IGNORECASE,
)
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def drop_related_sections(tree) -> None:
    """Remove each section that a related-articles heading opens: the heading (or the wrapper
    it alone fills) and the teasers after it, up to the next heading of its level or above or
    the first text without a link."""
    for heading in list(tree.iter(*HEADINGS)):
        if heading.getparent() is None or not _is_related(heading):
            continue
        level = _LEVEL[heading.tag]
        start = heading
        while (parent := start.getparent()) is not None and _only_element_child(parent, start):
            if parent.tag in ("body", "html", "main", "article"):
                break
            start = parent
        for sibling in _section_after(start, level):
            sibling.getparent().remove(sibling)
        remove_keeping_tail(start)


def _is_related(heading) -> bool:
    text = _clean_space(heading.text_content()).strip(" :.…»›>")
    return len(text) <= 80 and bool(RELATED_LABELS.fullmatch(text))


def _only_element_child(parent, child) -> bool:
    return len(parent) == 1 and not (parent.text or "").strip() and not (child.tail or "").strip()


def _section_after(start, level: int) -> list:
    """The siblings the heading opens: teasers and link lists, each carrying a link (or the
    summary under a teaser's title). Other text without a link is the article going on after
    a box of teasers set into it."""
    found: list = []
    for sibling in start.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if _opens_section(sibling, level):
            break
        linked = sibling.find(".//a[@href]") is not None or sibling.get("href") is not None
        teaser_text = bool(found) and found[-1].tag in _LEVEL  # the summary under a title
        if not linked and not teaser_text and sibling.text_content().strip():
            break
        found.append(sibling)
    return found


def _opens_section(element, level: int) -> bool:
    """A heading of `level` or above, as the element itself or inside it: the related section
    ends there (and an article after it is never taken with it)."""
    candidates = [element] if element.tag in _LEVEL else element.iter(*_LEVEL)
    return any(
        _LEVEL[found.tag] <= level and not _is_related(found) and not _teaser_title(found)
        for found in candidates
    )


def _teaser_title(heading) -> bool:
    """A heading that is one link is another article's title, not a section of the page."""
    text = _clean_space(heading.text_content())
    return any(_clean_space(anchor.text_content()) == text for anchor in heading.iter("a"))


def remove_keeping_tail(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


# A box that asks the reader for something: to sign up, subscribe, donate, rate the page or
# install the app. Its class says so; it is short, and never the article.
PROMO_NAMES = re.compile(
    r"(?:^|[\s_-])(?:newsletter\w*|subscribe|subscription|paywall|promo\w*|feedback|donat\w*"
    r"|abo|abo-?box|app-?(?:teaser|promo|banner|download)|support-?(?:box|us|journalism)"
    r"|rating|page-?rating|was-?this-?helpful"
    # sign-up and call-to-action cards: Ghost's 'kg-signup-card', 'cta-box', 'call-to-action'
    r"|(?:kg-)?sign-?up(?:-?card|-?form|-?box)?|cta(?:-?(?:box|block|banner|section))?"
    r"|call-?to-?action)(?:$|[\s_-])",
    re.I,
)
PROMO_WORDS = 80
# Names that say only that a box stands out, not what it asks for: GOV.UK and other CMSs set
# a quote or a key sentence of the article in such a box.
GENERIC_HIGHLIGHT_NAMES = re.compile(r"(?:^|[\s_-])(?:cta|call-?to-?action)(?:$|[\s_-])", re.I)
ACTIONS = ("a", "form", "input", "button", "select", "iframe")


def drop_promo_boxes(tree) -> None:
    """Remove each short box named for a sign-up, a subscription, a donation, page feedback or
    an app, wherever it stands: extractors keep one inside the article's container."""
    for element in list(tree.iter("div", "section", "aside", "form")):
        if element.getparent() is None:
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if not PROMO_NAMES.search(names):
            continue
        if len(element.text_content().split()) > PROMO_WORDS or element.find(".//h1") is not None:
            continue
        if _announced_by_article(element) or _highlight_without_pitch(element, names):
            continue
        remove_keeping_tail(element)


def _announced_by_article(box) -> bool:
    """The paragraph right before the box ends with a colon ("… said:"): the box holds what
    the article's own sentence goes on to, a quote or a key point, whatever its class."""
    previous = box.getprevious()
    if previous is None or not isinstance(previous.tag, str) or previous.tag != "p":
        return False
    if (previous.tail or "").strip():
        return False
    return _clean_space(previous.text_content()).rstrip().endswith(":")


def _highlight_without_pitch(box, names: str) -> bool:
    """A box named only for standing out that has nothing to click or fill in and no heading
    selling something is a highlighted passage of the article, not a request to the reader."""
    if not GENERIC_HIGHLIGHT_NAMES.search(names) or PROMO_NAMES.search(
        GENERIC_HIGHLIGHT_NAMES.sub(" ", names)
    ):
        return False
    if box.get("href") is not None or any(True for _ in box.iter(*ACTIONS)):
        return False
    return not any(True for _ in box.iter(*_LEVEL))
