"""Metadata from the page head: title, language, canonical URL (its dates: `page_dates`).
Cheap xpaths only."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from pipeline.extract.fragment import _clean_space
from pipeline.extract.headings import _NUMBERED, _PAGE_KINDS, heading_text
from pipeline.extract.urls import resolve as _resolve
from pipeline.extract.urls import strip_session

_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·•»-]|::)\s+")
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
            return strip_session(href)  # a Java CMS writes the visitor's session into it
    return None


def _heads(tree, meta: dict[str, str]) -> list[str]:
    """The titles the page's head gives: og:title, twitter:title, JSON-LD, <title>."""
    page_title = tree.find(".//title")
    return [
        _clean_space(value)
        for value in (
            meta.get("og:title"),
            meta.get("twitter:title"),
            _ld_headline(tree),
            page_title.text if page_title is not None else None,
        )
        if value and value.strip()
    ]


def headline_element(tree, meta: dict[str, str]):
    """The page's headline element: an <h1> that the head's titles repeat (not the site's name
    among them), else such an <h2> (themes that set the site's name in the <h1>), else the
    first <h1>; None for a page without one."""
    heads = _heads(tree, meta)
    site = meta.get("og:site_name") or meta.get("application-name")
    h1s = [h for h in tree.iter("h1") if heading_text(h) and not _names_the_site(h, heads)][:3]
    h2s = [h for h in tree.iter("h2") if len(heading_text(h).split()) >= 3][:8]
    for element in (*h1s, *h2s):
        key = _key(heading_text(element))
        named = len(key) >= 8 and any(key in _key(head) for head in heads)
        if named and not _is_site_part(key, heads, site):
            return element
    if h1s:
        return h1s[0]
    # the <h1> names the site or the section ('Pressemitteilungen'): the article's <h2> heads it
    styled = _styled_headline(tree, heads)
    return styled if styled is not None else next(iter(h2s), None)


def _names_the_site(h1, heads: list[str]) -> bool:
    """An <h1> that is the site's name (a link home, a theme's 'site-title') or names only the
    section or the document's kind and number ('Pressemitteilungen', 'Pressemitteilung Nr.
    412/2026')."""
    text = heading_text(h1)
    link = next(h1.iter("a"), None)
    home = link is not None and (link.get("href") or "").rstrip("/") in ("", ".", "/", "./")
    named = f"{h1.get('class', '')} {h1.get('id', '')}"
    return (
        home
        or bool(re.search(r"site-?(?:title|name)|logo|brand", named, re.I))
        or bool(_PAGE_KINDS.fullmatch(_NUMBERED.sub("", text).strip(" :")))
    )


_HEADLINE_BLOCKS = ("div", "p", "span", "strong", "b", "header", "td")


def _styled_headline(tree, heads: list[str]):
    """A page without headings styles its headline as a block ('<div class="wd_title">'): the
    block whose whole text is the head's title (without the site's name)."""
    wanted = {
        _key(part)
        for head in heads
        for part in _TITLE_SEPARATORS.split(_path_leaf(head))
        if len(part.split()) >= 4
    }
    body = tree.find("body")
    if not wanted or body is None:
        return None
    for element in body.iter(_HEADLINE_BLOCKS):
        text = element.text_content()
        if len(text) <= 400 and _key(_clean_space(text)) in wanted and not _in_trail(element):
            return element
    return None


_TRAIL_NAMES = re.compile(r"crumb|trail|pfad|path|rootline", re.I)


def _in_trail(element) -> bool:
    """Part of the page's breadcrumb trail, whose last step repeats the headline."""
    return any(
        _TRAIL_NAMES.search(f"{node.get('class', '')} {node.get('id', '')}")
        for node in (element, *element.iterancestors())
    )


_OFFICE_GENERATOR = re.compile(r"microsoft (?:word|office)|libreoffice|openoffice", re.I)
_OFFICE_HEADINGS = {"msotitle": "h1", "title": "h1", "title-western": "h1", "msosubtitle": "h2"}


def promote_office_headings(tree, meta: dict[str, str]) -> None:
    """A page saved from Word or LibreOffice sets its headline as a styled paragraph ('<p
    class=MsoTitle>') and its <title> is the file's property ('PM Vorlage 2026'): the styled
    paragraph becomes the <h1> it stands for."""
    if not _OFFICE_GENERATOR.search(meta.get("generator", "")):
        return
    for paragraph in tree.iter("p"):
        tag = _OFFICE_HEADINGS.get((paragraph.get("class") or "").casefold())
        if tag:
            paragraph.tag = tag


def _is_site_part(key: str, heads: list[str], site: str | None) -> bool:
    """`key` is the site's name: og:site_name, or a part of a title beside a longer one."""
    if site and key == _key(site):
        return True
    for head in heads:
        parts = [_key(part) for part in _TITLE_SEPARATORS.split(head)]
        if len(parts) > 1 and key in parts and key != max(parts, key=len):
            return True
    return False


def _title(tree, meta: dict[str, str], heading=None, *, after_text: bool = False) -> str | None:
    """The headline. The headline element when the head's titles repeat it; else the JSON-LD
    headline, then og:title and <title> without the site's name around them. `after_text`: the
    article's text stands above the headline element (a comment form's <h1>)."""
    headings = [
        text for h in tree.iter("h1") if (text := heading_text(h)) and not _names_the_site(h, [])
    ][:3]
    page_title = tree.find(".//title")
    heads = _heads(tree, meta)
    site = meta.get("og:site_name") or meta.get("application-name")
    if heading is not None:
        text = heading_text(heading)
        key = _key(text)
        if len(key) >= 8 and any(key in _key(head) for head in heads):
            if not _is_site_part(key, heads, site):
                return text
    ld = _ld_headline(tree)
    if ld:
        return _clean_space(ld)
    og = _clean_space(meta.get("og:title") or meta.get("twitter:title") or "")
    if og and not _names_only_the_page(og) and not _names_the_site_beside(og, heading):
        return _without_site(og, site, heads)
    title = _path_leaf(_clean_space(page_title.text or "")) if page_title is not None else ""
    own = _without_site(title, site, heads) if title and not _names_only_the_page(title) else None
    if heading is not None and not (own and (after_text or _weak_headline(heading))):
        return heading_text(heading)
    if headings and not own:
        return headings[0]
    return own  # None: the body's own headline line beats "Site – Pressemitteilung"


def _names_the_site_beside(title: str, heading) -> bool:
    """A head title of a few words that a long headline element does not hold names the site
    or its section ('Press corner' over 'Commission approves €3.2 billion …')."""
    if heading is None or len(title.split()) > SITE_NAME_WORDS:
        return False
    text = heading_text(heading)
    return len(text.split()) >= HEADLINE_WORDS and _key(title) not in _key(text)


SITE_NAME_WORDS, HEADLINE_WORDS = 3, 5


# A date set as a heading (a blog's day header): 'Tuesday, 30 October 2012', '5 Nov 2012'
_MONTH = (
    r"(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?|juni|"
    r"july?|juli|aug(?:ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?)"
)
_DATE_HEADING = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag"
    rf"|freitag|samstag|sonntag)?[,\s]*(?:\d{{1,2}}\.?\s*{_MONTH}\.?|{_MONTH}\.?\s*\d{{1,2}}"
    r"(?:st|nd|rd|th)?)(?:,?\s*\d{4})?(?:,?\s*\d{1,2}:\d{2}(?:\s*[ap]m)?)?",
    re.I,
)


def _weak_headline(heading) -> bool:
    """A heading no title of the head repeats that is a date (a blog's day header) or the name
    of the page's kind: the page's <title> is the better headline then."""
    text = heading_text(heading)
    return bool(_DATE_HEADING.fullmatch(text)) or _names_only_the_page(text)


def _names_only_the_page(title: str) -> bool:
    """'Pressemitteilung', 'Pressemitteilung Nr. 214/2026 – Universität X', 'News | Stadt Y':
    what the page is and whose, no headline."""
    parts = _TITLE_SEPARATORS.split(title)
    return (
        len(parts) <= 3
        and any(_PAGE_KINDS.fullmatch(_NUMBERED.sub("", part).strip(" :")) for part in parts)
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


# A <title> set as the page's breadcrumb trail: 'Startseite › Presse › Meldungen › Headline'
_PATH_SEPARATOR = re.compile(r"\s+[›»>/]\s+")


def _path_leaf(title: str) -> str:
    """A title that names the file, not the release ('Microsoft Word - PM_2026_112.docx'),
    is none; of a path ('Presse / 2026 / Radweg öffnet …'), the last part."""
    if _FILE_TITLE.search(title):
        return ""
    parts = _PATH_SEPARATOR.split(title)
    return parts[-1] if len(parts) >= 3 and len(parts[-1].split()) >= 3 else title


_FILE_TITLE = re.compile(
    r"^(?:microsoft word|libreoffice writer|openoffice)\s+-\s|\.(?:docx?|odt|rtf|pdf|html?)$",
    re.I,
)


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


# The next page of the same document ('?seite=2', '/page/2'), not a blog's next post.
_NEXT_PAGE = re.compile(r"[?&](?:page|seite|p|pg|start)=\d|/(?:page|seite)/\d")


def next_page(tree, base: str | None) -> tuple[str, str] | None:
    """The address of the document's next page and the words its pager links it with, when
    the page says it goes on: <link rel="next"> to a further page of it."""
    for link in tree.iter("link"):
        if "next" in (link.get("rel") or "").lower().split():
            href = link.get("href") or ""
            if not _NEXT_PAGE.search(href):
                return None
            address = _resolve(href, base) or href
            shown = (
                _clean_space(anchor.text_content())
                for anchor in tree.iter("a")
                if (_resolve(anchor.get("href"), base) or anchor.get("href")) == address
            )
            # of a pager's links to it ('2', 'weiter »') the one with words says most
            return address, max(shown, key=len, default="") or address
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
