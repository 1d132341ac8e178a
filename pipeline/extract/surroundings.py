"""What a page prints around its article that the release still needs: a date or an embargo
beside the headline, a lead set apart under it (its contact box: `contact_box`).

Extractors leave these out as page furniture. They are found from the headline element (see
`metadata.headline_element`) and handed on as text; `normalize` decides what they say.
"""

from __future__ import annotations

import re

from lxml import etree

from pipeline.extract.fragment import _clean_space

# A date or an embargo printed beside the headline often stands outside the article's block
# ("Dortmund, 26.11.2026" above the <h1>, "Sperrfrist: …" in the page header).
_NEAR_HEADLINE = 6
_SHORT_LINE = 120
_HEADER_TEXT = 1500
_SKIPPED = frozenset(
    {"head", "title", "script", "style", "noscript", "template", "nav", "select", "button"}
)


def lines_near_headline(tree, heading=None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Short lines of text printed just above and below the page's first <h1>, in page order:
    up to the nearest paragraph of running text on either side, without links (menus, teasers)
    and without the headline itself. `normalize` reads dates and embargo lines from them when
    the article's own text gives none."""
    if heading is None:
        heading = next((h for h in tree.iter("h1") if _clean_space(h.text_content())), None)
    if heading is None:
        return (), ()
    header = heading
    for _ in range(4):  # up to the first ancestor that holds more than a page header
        parent = header.getparent()
        if parent is None:
            break
        header = parent
        if len(header.text_content()) > _HEADER_TEXT:
            break
    pieces: list[tuple[object, str]] = []
    _short_pieces(header, heading, pieces)
    at = next((i for i, (element, _) in enumerate(pieces) if element is heading), None)
    if at is None:
        return (), ()
    before = []
    for _, text in reversed(pieces[max(0, at - _NEAR_HEADLINE) : at]):
        if not text:
            break
        before.insert(0, text)
    if at == 0:  # the article opens with its headline: its date may stand right before it
        before = _lines_before(header, heading)
    after = []
    for _, text in pieces[at + 1 : at + 1 + _NEAR_HEADLINE]:
        if not text:
            break
        after.append(text)
    return tuple(before), tuple(after)


_SEPARATOR = re.compile(r"[\s\-–—|:·•]*")
_DATELINE = 60  # characters: 'Bern, 25.11.2026', 'Washington, D.C. — March 4, 2026'


def part_lead_from_dateline(heading) -> None:
    """A line over the headline that runs the dateline into the lead ('Bern, 25.11.2026 - Der
    Bundesrat hat …', each in a span of its own): the dateline stays a line above the
    headline, and the lead goes under it as the lead box it is."""
    line = heading.getprevious() if heading is not None else None
    if line is None or not isinstance(line.tag, str) or len(line) < 2:
        return
    date, rest = line[0], list(line)[1:]
    date_text = _clean_space(date.text_content())
    if (line.text or "").strip() or not date_text or len(date_text) > _DATELINE:
        return
    if not _YEAR_RE.search(date_text) or not _SEPARATOR.fullmatch(date.tail or ""):
        return
    lead = _clean_space(" ".join(part.text_content() + (part.tail or "") for part in rest))
    if len(lead.split()) < _LEAD_WORDS or lead[-1:] not in '.!?"“”»«)':
        return
    if any(part.tag in ("a", "p", "div", "ul", "ol") for part in rest):
        return  # a category link, or paragraphs of their own
    box = etree.Element("p", {"class": "lead"})
    box.text = lead
    for part in rest:
        line.remove(part)
    date.tail = None
    heading.addnext(box)


def _lines_before(container, heading) -> list[str]:
    """Short lines in the elements right before the article's container ('München, 24.
    November 2026' in a box over <article>), up to the nearest paragraph of running text."""
    lines: list[str] = []
    for sibling in list(container.itersiblings(preceding=True))[:_SIBLINGS_BEFORE]:
        pieces: list[tuple[object, str]] = []
        _short_pieces(sibling, heading, pieces)
        for _, text in reversed(pieces):
            if not text or len(lines) >= _NEAR_HEADLINE:
                return lines
            lines.insert(0, text)
    return lines


_SIBLINGS_BEFORE = 2


_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def _short_pieces(element, heading, pieces: list[tuple[object, str]]) -> None:
    """The element's text as the largest pieces of at most _SHORT_LINE characters; a longer
    text without smaller parts (a paragraph) is marked by an empty piece."""
    if not isinstance(element.tag, str) or element.tag in _SKIPPED:
        return
    # table cells and line pieces apart: 'Datum' 'Post Date:' next to '24. November 2026'
    text = _clean_space(" ".join(element.itertext()))
    if not text:
        return
    if element is heading:
        pieces.append((element, text))
        return
    if element.tag == "pre":  # a wire's header: its lines are lines ('20.11.2026 / 07:30 CET')
        for line in "".join(element.itertext()).splitlines():
            _short_text(line, pieces)
        return
    holds_heading = any(ancestor is element for ancestor in heading.iterancestors())
    # a list's items are lines of their own ('Bad Dürkheim, 19. November 2026' · 'Engagement')
    short = len(text) <= _SHORT_LINE and not holds_heading
    if short and not any(len(found) > 1 for found in element.iter("ul", "ol", "dl")):
        # no menus or teasers; a date that links to its category is still the date
        # ('Posted on: March 4, 2026' in CivicPlus)
        if (element.tag != "a" and not _all_links(element, text)) or _YEAR_RE.search(text):
            pieces.append((element, text))
        return
    if not len(element):
        pieces.append((element, ""))
        return
    _short_text(element.text, pieces)
    for child in element:
        _short_pieces(child, heading, pieces)
        _short_text(child.tail, pieces)


def _short_text(text: str | None, pieces: list[tuple[object, str]]) -> None:
    cleaned = _clean_space(text or "")
    if cleaned:
        pieces.append((None, cleaned if len(cleaned) <= _SHORT_LINE else ""))


def _all_links(element, text: str) -> bool:
    linked = "".join(_clean_space(a.text_content()) for a in element.iter("a"))
    return len(linked) >= len(text.replace(" ", "")) * 0.8 if linked else False


# A lead set apart from the body (TYPO3's "teaser-text", Drupal's "field--name-field-teaser",
# an "abstract", an "intro"), which
# extractors drop as a teaser box although it is the release's first paragraph.
_LEAD_NAMES = re.compile(
    r"(?:^|[\s_-])(?:teaser[-_]?text|news[-_]teaser|field[-_]+teaser|lead|lede|intro(?:duction|text)?|abstract"
    r"|standfirst|kurzfassung|zusammenfassung|chapo|chapeau|key[-_]?(?:points|facts|messages)"
    r"|[a-z]*summary|article-summary|description)(?:$|[\s_-])",
    re.I,
)
# A deck under the headline reads like a second headline: no final period needed.
_DECK_NAMES = re.compile(
    r"(?:^|[\s_-])(?:subtitle|sub-?headline|sub-?header|subhead|subline|deck|dek|unterzeile"
    r"|untertitel|unterueberschrift)"
    r"(?:$|[\s_-])",
    re.I,
)
# A paragraph (never a box: other releases' teasers come in boxes) named the article's teaser.
_TEASER_PARAGRAPH = re.compile(r"(?:^|[\s_-])teaser(?:$|[\s_-])", re.I)
_LEAD_WORDS = 8
_DECK_WORDS = 4
_LEAD_TEXT = 800


def lead_after_headline(tree, heading=None) -> str | None:
    """The text of a lead box that follows the page's headline closely, or None; a box of
    bullet points gives one line per item."""
    if heading is None:
        heading = next((h for h in tree.iter("h1") if _clean_space(h.text_content())), None)
    if heading is None:
        return None
    following = heading.itersiblings()
    scope = heading.getparent()
    # only date lines between the headline and the lead ('24.11.2026'): still right under it
    after_dates = False
    for element in [*following, *(scope.itersiblings() if scope is not None else [])][:4]:
        if not isinstance(element.tag, str):
            continue
        right_under = element is heading.getnext() or after_dates
        for candidate in (element, *element.iterdescendants()):
            # right under the headline, a lead box without a period is its deck
            if text := _lead_text(candidate, right_under=right_under, decks=True):
                return text
            if _body_paragraph(candidate):
                return None  # a lead comes before the text it leads
        after_dates = right_under and _dated_line(element)
    return _lead_further_down(heading)


def _dated_line(element) -> bool:
    """A date line, a press release's number: a few words with figures, no sentence."""
    text = _clean_space(element.text_content())
    return (
        len(text.split()) < _LEAD_WORDS
        and any(character.isdigit() for character in text)
        and text[-1:] not in ".!?"
    )


_LEAD_REACH = 60  # elements after the headline, in page order
_PARAGRAPH_WORDS = 12


def _lead_further_down(heading) -> str | None:
    """A lead box further from the headline than its neighbours (the headline in a header
    block of its own, the lead in the next one), as long as no paragraph of the body came
    first."""
    for element in heading.xpath(f"following::*[position() <= {_LEAD_REACH}]"):
        if not isinstance(element.tag, str):
            continue
        if text := _lead_text(element, right_under=False, decks=False):
            return text
        if _body_paragraph(element):
            return None
    return None


def _body_paragraph(element) -> bool:
    """A paragraph of running text outside a picture's caption: the body has begun."""
    if element.tag != "p" or _in_figure(element):
        return False
    text = _clean_space("".join(element.itertext()))
    return len(text.split()) >= _PARAGRAPH_WORDS and text[-1:] in '.!?"“”»«)'


def _lead_text(candidate, *, right_under: bool, decks: bool) -> str | None:
    """The text of `candidate` when it is named a lead (or, with `decks`, a deck: near the
    headline, where a picture's subtitle is none) and reads like one."""
    names = " ".join(
        filter(None, (candidate.get("class"), candidate.get("id"), candidate.get("itemprop")))
    )
    deck = decks and bool(_DECK_NAMES.search(names))
    lead = bool(_LEAD_NAMES.search(names)) or (
        candidate.tag == "p" and bool(_TEASER_PARAGRAPH.search(names))
    )
    if not (deck or lead) or _in_figure(candidate):
        return None  # a picture's subtitle is its caption
    deck = deck or (lead and right_under)
    items = _box_lines(candidate) if next(candidate.iter("li"), None) is not None else []
    text = "\n".join(items) if items else _clean_space(_text_beside_pictures(candidate))
    sentence = len(text.split()) >= _LEAD_WORDS and text[-1:] in '.!?"“”»«)'
    points = len(items) >= 2 and len(text.split()) >= _LEAD_WORDS  # 'Das Wichtigste in Kürze'
    if (
        (sentence or points or (deck and len(text.split()) >= _DECK_WORDS))
        and len(text) <= _LEAD_TEXT
        and not _all_links(candidate, text)
    ):
        return text
    return None


def _box_lines(box) -> list[str]:
    """A lead box of bullet points, one line per item, with the subhead over them."""
    lines = [_clean_space(box.text or "")]
    for child in box:
        if not isinstance(child.tag, str):
            continue
        items = [_clean_space(item.text_content()) for item in child.iter("li")]
        lines += items or [_clean_space(child.text_content())]
        lines.append(_clean_space(child.tail or ""))
    return [line for line in lines if line]


def _text_beside_pictures(element) -> str:
    """The element's text without its pictures' captions: a lead box may hold its picture."""
    if next(element.iter("figure", "figcaption"), None) is None:
        return element.text_content()
    return "".join(element.xpath(".//text()[not(ancestor::figure or ancestor::figcaption)]"))


def _in_figure(element) -> bool:
    return element.tag == "figcaption" or next(element.iterancestors("figure"), None) is not None


def texts_above_headline(tree, heading) -> set[str]:
    """The texts of the blocks printed above the headline (letterhead, labels, a date), as
    keys without spaces; `drop_above_headline` takes them out of the body."""
    if heading is None:
        return set()
    body = tree.find("body")
    holders = set(heading.iterancestors())  # they hold the headline and the article too
    found: set[str] = set()
    for element in (body if body is not None else tree).iter():
        if element is heading:
            return found
        if isinstance(element.tag, str) and element.tag not in _SKIPPED and element not in holders:
            if key := _spaceless(element.text_content()):
                found.add(key)
    return set()  # the heading lies outside the body: nothing is above it


def drop_above_headline(fragment, above: set[str]) -> None:
    """Body blocks before the first one that comes from under the headline: the page or
    document printed them above it (a letterhead table, 'PRESSEMITTEILUNG', the date line).
    Labels and lines only: a paragraph of running text above the headline means the article
    stands there (a page that sets its <h1> after the text, or a comment form's), and the last
    block always stays."""
    while (
        len(fragment) > 1
        and above
        and not _body_paragraph(fragment[0])
        and _spaceless("".join(fragment[0].itertext())) in above
    ):
        fragment.remove(fragment[0])


def text_before_headline(fragment, above: set[str]) -> bool:
    """Every paragraph of running text in the body stands above the headline on the page: the
    headline element (a comment form's, a sidebar's) heads no part of this text. A teaser
    printed above the headline repeats only the first."""
    paragraphs = [block for block in fragment if _body_paragraph(block)]
    return bool(paragraphs) and all(
        _spaceless("".join(block.itertext())) in above for block in paragraphs
    )


def _spaceless(text: str) -> str:
    return re.sub(r"\s+", "", text)


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_HEADLINE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:title|titel|headline|[uü]berschrift)(?:$|[\s_-])", re.I
)
_HEADING_REACH = 12  # elements before the article's first block, in page order
_HEADING_WORDS = (3, 40)


def heading_over_article(tree, fragment):
    """The heading right above the article's first block on a page whose head names only the
    site and whose headline is no <h1> (a city CMS's <h3> under the section's <h2>): nothing
    but labels and lines between them."""
    first = next((block for block in fragment if block.tag == "p"), None)
    if first is None or fragment[0].tag != "p":
        return None  # the body opens with its own heading: normalize takes that
    start = _page_element(tree, first, ("p", "div", "td", "li"))
    if start is None:
        return None
    for element in reversed(start.xpath(f"preceding::*[position() <= {_HEADING_REACH}]")):
        if element.tag in _HEADINGS or _HEADLINE_NAMES.search(element.get("class") or ""):
            low, high = _HEADING_WORDS
            return element if low <= len(element.text_content().split()) <= high else None
        if _body_paragraph(element):
            return None
    return None


def styled_headline(tree, fragment):
    """The page element of the body's opening line when that line reads as a headline (a
    '<div class="title">' on a page without an <h1>): its neighbours are the headline's."""
    text = _clean_space("".join(fragment[0].itertext())) if len(fragment) else ""
    if not text or len(text.split()) > _HEADING_WORDS[1] or text[-1] in ".!?":
        return None
    return _page_element(tree, fragment[0], ("div", "p", "span", "strong", "b", "td", "header"))


def _page_element(tree, block, tags: tuple[str, ...]):
    """The first element of the page with the text of `block` (a block of the fragment)."""
    key = _spaceless("".join(block.itertext()))
    body = tree.find("body")
    found = (body if body is not None else tree).iter(*tags)
    return next((element for element in found if _spaceless(element.text_content()) == key), None)
