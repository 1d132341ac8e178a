"""Metadata from the page head: title, publication date text, language, canonical URL.

Cheap xpaths only; no date guessing (`normalize` parses dates).
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from pipeline.extract.fragment import _clean_space
from pipeline.extract.urls import resolve as _resolve

_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "pubdate",
    "publish-date",
    "publishdate",
    "sailthru.date",
    "parsely-pub-date",
)
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·»-]|::)\s+")
_LD_HEADLINE = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.){3,400})"')


def _head_metadata(tree) -> dict[str, str]:
    """Every <meta> of the page by lower-cased name/property/itemprop (first one wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        if key is None:
            key = meta.get("http-equiv")
        content = meta.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _canonical_url(tree, meta: dict[str, str], url: str | None) -> str | None:
    """The page's own permanent address: link rel=canonical, else og:url (http(s) only)."""
    candidates = [
        link.get("href")
        for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    candidates.append(meta.get("og:url"))
    for candidate in candidates:
        href = _resolve(candidate, url)
        if href and href.startswith(("http://", "https://")):
            return href
    return None


def _title(tree, meta: dict[str, str]) -> str | None:
    """The headline. An <h1> that the head's titles repeat is the headline itself; else the
    JSON-LD headline, then og:title and <title> without the site's name around them."""
    headings = [text for h in tree.iter("h1") if (text := _clean_space(h.text_content()))][:3]
    page_title = tree.find(".//title")
    heads = [
        _clean_space(value)
        for value in (
            meta.get("og:title"),
            meta.get("twitter:title"),
            _ld_headline(tree),
            page_title.text if page_title is not None else None,
        )
        if value and value.strip()
    ]
    for heading in headings:
        key = _key(heading)
        if len(key) >= 8 and any(key in _key(head) for head in heads):
            return heading
    site = meta.get("og:site_name") or meta.get("application-name")
    ld = _ld_headline(tree)
    if ld:
        return _clean_space(ld)
    og = meta.get("og:title") or meta.get("twitter:title")
    if og and og.strip():
        return _without_site(_clean_space(og), site, heads)
    if headings:
        return headings[0]
    if page_title is not None and page_title.text and page_title.text.strip():
        title = _clean_space(page_title.text)
        if _names_only_the_page(title):
            return None  # the body's own headline line is better than "Site – Pressemitteilung"
        return _without_site(title, site, heads)
    return None


# What a page is, not what it says: a <title> made of these and the site's name has no headline.
_PAGE_KINDS = re.compile(
    r"pressemitteilung(?:en)?|pressemeldung(?:en)?|presseinformation(?:en)?|medieninformation"
    r"|pressestelle|presse|aktuelles|aktuelle meldungen|meldung(?:en)?|nachrichten|news"
    r"|press releases?|news releases?|newsroom|press room|media centre|media center|home"
    r"|startseite",
    re.IGNORECASE,
)


def _names_only_the_page(title: str) -> bool:
    parts = _TITLE_SEPARATORS.split(title)
    return (
        len(parts) > 1
        and len(parts) <= 3
        and any(_PAGE_KINDS.fullmatch(part.strip(" :")) for part in parts)
        and all(len(part.split()) <= 4 for part in parts)
    )


def _ld_headline(tree) -> str | None:
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json" and script.text:
            match = _LD_HEADLINE.search(script.text)
            if match:
                try:
                    return _clean_space(json.loads(f'"{match.group(1)}"'))
                except ValueError:
                    return None
    return None


def _without_site(title: str, site: str | None, heads: list[str]) -> str:
    """'Headline | News | Site' -> 'Headline': parts naming the site, or repeated around every
    title of the page, are the site's frame. Colons stay: they belong to headlines."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) == 1:
        return title
    frame = {_key(site)} if site else set()
    others = [_TITLE_SEPARATORS.split(head) for head in heads if head != title]
    for other in others:
        if len(other) > 1:
            frame |= {_key(other[-1]), _key(other[0])} - {_key(parts[0])}
    kept = [part for part in parts if _key(part) not in frame] or parts
    if len(kept) == 1:
        return kept[0]
    longest = max(kept, key=len)
    # a short section label beside a headline ('News', 'Presse'): the headline alone
    return longest if len(longest) >= 2 * (sum(map(len, kept)) - len(longest)) else title


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _published(tree, meta: dict[str, str]) -> str | None:
    for key in _DATE_KEYS:
        if meta.get(key):
            return meta[key]
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json" and script.text:
            match = _LD_DATE.search(script.text)
            if match:
                return match.group(1)
    for element in tree.iter("time"):
        value = element.get("datetime") or element.text_content()
        if value and value.strip():
            return _clean_space(value)
    return None


def _language(tree, meta: dict[str, str]) -> str | None:
    value = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    value = value or meta.get("content-language") or meta.get("og:locale")
    if not value:
        return None
    primary = re.split(r"[-_,;\s]", value.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _base_url(tree, url: str | None) -> str | None:
    base = tree.find(".//base[@href]")
    if base is not None:
        return urljoin(url or "", base.get("href").strip()) or url
    return url


# A date or an embargo printed beside the headline often stands outside the article's block
# ("Dortmund, 26.11.2026" above the <h1>, "Sperrfrist: …" in the page header).
_NEAR_HEADLINE = 6
_SHORT_LINE = 120
_HEADER_TEXT = 1500
_SKIPPED = frozenset({"script", "style", "noscript", "template", "nav", "select", "button"})


def lines_near_headline(tree) -> tuple[str, ...]:
    """Short lines of text printed just before and after the page's first <h1>, in page
    order: up to the nearest paragraph of running text on either side, without links (menus,
    teasers) and without the headline itself. `normalize` reads dates and embargo lines from
    them when the article's own text gives none."""
    heading = next((h for h in tree.iter("h1") if _clean_space(h.text_content())), None)
    if heading is None:
        return ()
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
        return ()
    before = []
    for _, text in reversed(pieces[max(0, at - _NEAR_HEADLINE) : at]):
        if not text:
            break
        before.insert(0, text)
    after = []
    for _, text in pieces[at + 1 : at + 1 + _NEAR_HEADLINE]:
        if not text:
            break
        after.append(text)
    return (*before, *after)


def _short_pieces(element, heading, pieces: list[tuple[object, str]]) -> None:
    """The element's text as the largest pieces of at most _SHORT_LINE characters; a longer
    text without smaller parts (a paragraph) is marked by an empty piece."""
    if not isinstance(element.tag, str) or element.tag in _SKIPPED:
        return
    text = _clean_space(element.text_content())
    if not text:
        return
    if element is heading:
        pieces.append((element, text))
        return
    holds_heading = any(found is heading for found in element.iter("h1"))
    if len(text) <= _SHORT_LINE and not holds_heading:
        if element.tag != "a" and not _all_links(element, text):
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


# A press contact in its own box beside or under the article ("div.contact-box",
# <h2>Ansprechpartner</h2>), which extraction leaves out as page furniture.
_CONTACT_NAMES = re.compile(r"(?:^|[\W_])(?:contact|kontakt|ansprech|pressestelle)", re.I)
_CONTACT_HEADING = re.compile(
    r"^\W*(?:presse|medien|media|press)?[- ]?(?:kontakte?|contacts?|ansprechpartner(?:in)?)\b",
    re.I,
)
_PAGE_FRAME = frozenset({"nav", "header", "footer", "form", "menu"})
_FRAME_NAMES = re.compile(r"(?:^|[\W_])(?:nav|navigation|menu|footer|header|breadcrumb)", re.I)
_BOX_TEXT = 600


def contact_box_lines(tree) -> tuple[str, ...]:
    """The lines of the page's first contact box outside its frame (menus, header, footer):
    a box named for a contact, or one that a contact heading opens. `normalize` decides
    whether they are a press contact."""
    for element in tree.iter("div", "section", "aside", "p", "address"):
        text = _clean_space(element.text_content())
        if not text or len(text) > _BOX_TEXT or not re.search(r"@|\d{3}", text):
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        lines = [line for line in map(_clean_space, _box_text(element).split("\n")) if line]
        if not lines or not (_CONTACT_NAMES.search(names) or _CONTACT_HEADING.match(lines[0])):
            continue
        if not _in_page_frame(element):
            return tuple(lines)
    return ()


def _in_page_frame(element) -> bool:
    for ancestor in element.iterancestors():
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        if ancestor.tag in _PAGE_FRAME or _FRAME_NAMES.search(names):
            return True
    return False


def _box_text(element) -> str:
    """The element's text with a line break for each <br> and block."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        block = child.tag in ("br", "p", "div", "h2", "h3", "h4", "h5", "li", "address")
        parts.append("\n" if block else "")
        parts.append(_box_text(child) if child.tag != "br" else "")
        parts.append("\n" if block and child.tag != "br" else "")
        parts.append(child.tail or "")
    return "".join(parts)


# A lead set apart from the body (TYPO3's "teaser-text", an "abstract", an "intro"), which
# extractors drop as a teaser box although it is the release's first paragraph.
_LEAD_NAMES = re.compile(
    r"(?:^|[\s_-])(?:teaser-text|teasertext|news-teaser|lead|lede|intro|abstract|standfirst"
    r"|summary|article-summary|description)(?:$|[\s_-])",
    re.I,
)
_LEAD_WORDS = 8
_LEAD_TEXT = 800


def lead_after_headline(tree) -> str | None:
    """The text of a lead box that follows the page's <h1> closely, or None."""
    heading = next((h for h in tree.iter("h1") if _clean_space(h.text_content())), None)
    if heading is None:
        return None
    following = heading.itersiblings()
    scope = heading.getparent()
    for element in [*following, *(scope.itersiblings() if scope is not None else [])][:4]:
        if not isinstance(element.tag, str):
            continue
        for candidate in (element, *element.iterdescendants()):
            if not isinstance(candidate.tag, str):
                continue
            names = " ".join(
                filter(
                    None, (candidate.get("class"), candidate.get("id"), candidate.get("itemprop"))
                )
            )
            if not _LEAD_NAMES.search(names):
                continue
            text = _clean_space(candidate.text_content())
            if (
                len(text.split()) >= _LEAD_WORDS
                and len(text) <= _LEAD_TEXT
                and text[-1:] in '.!?"“”»«)'
                and not _all_links(candidate, text)
            ):
                return text
    return None
