"""A heading's own words: without a kicker, a label or the page's kind set inside it."""

from __future__ import annotations

import re

from pipeline.extract.fragment import _clean_space

# What a page is, not what it says: a <title> made of these and the site's name has no headline.
_PAGE_KINDS = re.compile(
    r"pressemitteilung(?:en)?|pressemeldung(?:en)?|presseinformation(?:en)?|medieninformation(?:en)?"
    r"|medienmitteilung(?:en)?|polizeimeldung(?:en)?|polizeibericht(?:e)?|blaulicht"
    r"|pressebericht(?:e)?|tagesbericht(?:e)?"
    r"|pressestelle|presse|aktuelles|aktuelle meldungen|meldung(?:en)?|nachrichten|news"
    r"|such(?:e|ergebnisse)|search(?: results)?|archiv|archive|übersicht|overview"
    r"|press releases?|news releases?|newsroom|press room|media centre|media center|home"
    r"|news ?flash|announcements?|latest news|bekanntmachung(?:en)?|mitteilung(?:en)?"
    r"|startseite"
    # a document's name, not a headline: an SEC exhibit's, an editor's untitled file
    r"|ex-?(?:\d{1,3}(?:\.\d{1,2})?)?|exhibit(?:\s+\d{1,3}(?:\.\d{1,2})?)?|(?:form\s+)?8-k"
    r"|untitled(?: document)?"
    r"|(?:unbenannt|dokument|document)\s?\d{0,2}",
    re.IGNORECASE,
)


# A part of a heading that labels it: a kicker ('Dachzeile'), a label ('Pressemitteilung')
_KICKER_NAMES = re.compile(
    r"kicker|label|dach(?:zeile)?|overline|topline|roofline|eyebrow|rubrik|category|kategorie"
    r"|sub-?line|unterzeile",
    re.I,
)
# the part of a heading that holds the headline beside a kicker or a line under it
_HEADLINE_PART = re.compile(
    r"(?:[\w-]*[-_])?(?:headline|title|titel|ueberschrift|überschrift)(?:[-_][\w-]*)?", re.I
)


def heading_text(element) -> str:
    """A heading's words without a kicker or label set in it, a <br> read as a space."""
    headline_part = _headline_part(element)
    if headline_part is not None:
        return heading_text(headline_part)
    parts = [element.text or ""]
    labelled = False
    for child in element:
        if child.tag in _BLOCKS and "".join(parts).strip():
            break  # an <h1> never closed holds the article after its own words
        if isinstance(child.tag, str) and child.tag != "br" and _labels_the_heading(child):
            parts.append(" ")
            labelled = True
        elif isinstance(child.tag, str) and child.tag not in _CODE:
            parts.append(" " if child.tag == "br" else heading_text(child))
        parts.append(child.tail or "")
    text = _clean_space("".join(parts))
    if labelled:  # the separator after a kicker ('<span class="sr-only">:</span>') goes too
        text = text.lstrip(" :|–—-·")
    return text if text else _clean_space(element.text_content())


# what a script or a style holds is code, not words of the heading
_CODE = frozenset("script style noscript template".split())
_BLOCKS = frozenset("p div section article ul ol table blockquote h1 h2 h3 h4 form".split())


def _labels_the_heading(child) -> bool:
    """A kicker by its class, or a part that names only the page's kind and number
    ('<small>Pressemitteilung Nr. 12</small>')."""
    named = f"{child.get('class', '')} {child.get('id', '')}"
    return bool(_KICKER_NAMES.search(named)) or names_the_page_kind(child.text_content())


def names_the_page_kind(text: str) -> bool:
    """'Pressemitteilung', 'Pressemitteilung Nr. 12', 'News:': what the page is, no words of
    its headline."""
    kind = _NUMBERED.sub("", _clean_space(text)).strip(" :")
    return bool(kind and _PAGE_KINDS.fullmatch(kind))


def separate_heading_parts(tree) -> None:
    """Parts of a heading set apart by their classes ('<span class="dach">Finanzen</span><span
    class="titel">Gemeinderat …') are lines of their own: a space keeps their words apart
    wherever the heading is read."""
    for heading in tree.iter("h1", "h2", "h3", "h4"):
        for child in heading:
            if not isinstance(child.tag, str) or not child.get("class"):
                continue
            previous = child.getprevious()
            before = heading.text if previous is None else previous.tail or previous.text_content()
            after = child.text_content()
            if before and after and before[-1].isalnum() and after[0].isalnum():
                if previous is None:
                    heading.text += " "
                else:
                    previous.tail = (previous.tail or "") + " "


def _headline_part(element):
    """The one child of a heading whose class names it the headline, when the heading holds
    fewer other words beside it, a kicker's ('<span class="dach">…</span><span class="titel">…
    </span>'); a headline set in two lines ('<span class="title">Krach vor der Versammlung:
    </span><br><span class="blue">Es knirscht …</span>') is both."""
    named = [
        child
        for child in element
        if isinstance(child.tag, str)
        and any(
            _HEADLINE_PART.fullmatch(name) and not name.lower().startswith(("sub", "unter"))
            for name in (child.get("class") or "").split()
        )
    ]
    if len(named) != 1 or not _clean_space(named[0].text_content()):
        return None
    own = len(named[0].text_content().split())
    beside = len(element.text_content().split()) - own
    return named[0] if 0 < beside < own else None


_NUMBERED = re.compile(r"\s*(?:nr\.?|no\.?|#)?\s*\d[\d/.-]*\s*$", re.I)
