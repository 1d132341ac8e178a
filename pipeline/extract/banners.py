"""Cookie and consent banners: a page's first paragraphs in the markup, never the article.

Extractors take their sentences for prose ("This website stores cookies on your computer …")
and put them above the release. Consent managers mark their containers by id or class; such a
container, when it holds no more than a banner's text, is removed before extraction.
"""

from __future__ import annotations

import re

from pipeline.extract.related import remove_keeping_tail

_CONSENT_MARK = re.compile(
    # not 'cmp-': Adobe's components name every block so ('cmp-text', 'cmp-title')
    r"cookie|consent|gdpr|dsgvo|onetrust|usercentrics|borlabs|cookiebot|didomi|klaro"
    r"|tarteaucitron|iubenda|cc[-_]banner|privacy[-_]banner|\bcmp(?:box|wrap|[-_]wall)",
    re.I,
)
_MARKED_IN_MARKUP = re.compile(
    rb"(?:id|class)\s*=\s*[\"']?[^\"'>]*?(?:" + _CONSENT_MARK.pattern.encode() + rb")", re.I
)
# A modal dialog that speaks of cookies or consent is a consent manager's, whatever its name.
_CONSENT_WORDS = re.compile(
    r"cookies?|einwilligung|zustimmung|consent|datenschutzeinstellungen|privacy settings", re.I
)
_CONTAINERS = ("div", "section", "aside", "dialog", "form", "footer", "header", "p")
BANNER_CHARS = 2500  # a banner says its piece in a few sentences; an article is longer


def drop_consent_banners(tree) -> None:
    """Remove each outermost container that a consent manager marks and that holds no more
    text than a banner does."""
    for element in list(tree.iter(*_CONTAINERS)):
        if element.getparent() is None or not _marked(element):
            continue
        if any(_marked(ancestor) for ancestor in element.iterancestors(*_CONTAINERS)):
            continue  # its marked container goes, or stays, as a whole
        if len(element.text_content()) <= BANNER_CHARS and not _holds_article(element):
            remove_keeping_tail(element)


def marked_by_consent_manager(markup: bytes) -> bool:
    """The page's markup holds a container a consent manager marks."""
    return bool(_MARKED_IN_MARKUP.search(markup))


def _holds_article(element) -> bool:
    """A page wrapper marked by the consent state ('cookies-accepted') holds the page."""
    return next(element.iter("h1", "main", "article"), None) is not None


def _marked(element) -> bool:
    if _CONSENT_MARK.search(f"{element.get('id', '')} {element.get('class', '')}"):
        return True
    modal = element.tag == "dialog" or (
        element.get("role") in ("dialog", "alertdialog") and element.get("aria-modal") == "true"
    )
    return modal and len(set(map(str.lower, _CONSENT_WORDS.findall(element.text_content())))) >= 2
