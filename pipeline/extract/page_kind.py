"""What a page is when it holds no release: an error page, a listing of teasers, a login or a
sign-up form, a contact page, a gallery.

The markup says it before the extractor changes the tree (`page_signals`): a head title or a
body class that names an error, blocks of teasers repeated side by side, a password field. The
extracted article then shows whether the page is one of those (`page_kind`): a listing's
"article" is its first teaser, a login page's is the sentence that asks to log in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

# A page that says it is an error ('Seite nicht gefunden', 'Error 404'), an empty result or
# maintenance, in a few words: what a wrong URL or a site at work gives instead of a release.
ERROR_PAGE = re.compile(
    r"\b(?:(?:seite|inhalt|dokument|artikel)\s+(?:wurde\s+)?nicht\s+gefunden|page\s+not\s+found"
    r"|(?:fehler|error|http|fehlercode|status)[\s:-]*(?:404|403|410|500|503)\b"
    r"|^\W*(?:404\W*)?(?:not\s+found|nicht\s+gefunden)\W*$|(?:file|url|resource)\s+not\s+found"
    r"|(?:diese\s+)?seite\s+(?:existiert|gibt\s+es)\s+nicht|zugriff\s+verweigert|access\s+denied"
    r"|^\W*(?:403\W*)?forbidden\W*$|internal\s+server\s+error|seite\s+nicht\s+verfügbar"
    r"|(?:could\s?n[o']?t|can\s?n?[o']?t|cannot|unable\s+to)\s+(?:be\s+)?find\s+(?:that|this|the)\s+page"
    r"|page\s+(?:you\s+(?:requested|are\s+looking\s+for)\s+(?:could\s+not|cannot|can't|does\s+not"
    r"|doesn't)|(?:does\s+not|doesn't)\s+exist|(?:could|can)\s?not\s+be\s+found)"
    r"|(?:does\s*n[o']?t|do\s*n[o']?t)\s+(?:seem|appear)\s+to\s+exist"
    r"|die\s+(?:von\s+ihnen\s+)?(?:gesuchte|angeforderte|aufgerufene)\s+seite"
    r"|(?:hier|da)\s+ist\s+(?:leider\s+)?nichts\b"
    r"|wird\s+(?:gerade|derzeit|zurzeit|momentan)\s+(?:gewartet|überarbeitet)"
    r"|(?:seite|website|webseite|site|page)\s+(?:befindet\s+sich\s+|ist\s+)?(?:derzeit\s+|gerade\s+"
    r"|zurzeit\s+)?in\s+(?:bearbeitung|wartung|arbeit)|(?:under|down\s+for)\s+maintenance"
    r"|maintenance\s+mode|^\W*(?:wartungsarbeiten|under\s+construction|coming\s+soon"
    r"|demnächst\s+verfügbar|wartungsmodus)\W*$)",
    re.I,
)
# A listing or a search that says it found nothing: the category page of an empty section.
EMPTY_LISTING = re.compile(
    r"^\W*nothing\s+(?:was\s+)?found\W*$|nothing\s+matched\s+your\s+search"
    r"|no\s+(?:results|matches|entries|posts|news|releases|articles)\s+(?:were\s+)?found"
    r"|(?:keine|0)\s+(?:passenden\s+)?(?:treffer|ergebnisse|suchergebnisse|meldungen|einträge"
    r"|pressemitteilungen|beiträge|artikel|nachrichten|inhalte)\s+(?:gefunden|vorhanden|verfügbar)"
    r"|search-no-results",
    re.I,
)
# A page that shows its content only with a script running: what a download of it holds.
SCRIPT_ONLY = re.compile(
    r"aktivieren\s+sie\s+(?:bitte\s+)?javascript|javascript\s+(?:ist\s+)?(?:deaktiviert"
    r"|erforderlich)|enable\s+javascript|javascript\s+(?:is\s+)?(?:disabled|required)",
    re.I,
)
# Body classes that content systems set on such pages (WordPress: error404, search-no-results).
_ERROR_CLASS = re.compile(
    r"error-?404|page-?404|(?:page-?)?not-?found|error-?page|http-?error|search-no-results", re.I
)
_TITLE_PARTS = re.compile(r"\s+[|–—:·-]\s+|\s+[|–—]\s*")

TEASER_ITEMS = 3  # blocks side by side, each a title link with a few words: a listing
TEASER_EXCERPT = 8  # words beside the links: a menu entry has none, a teaser its excerpt
TEASER_WORDS = 120  # more than this in one block is an article, not a teaser
TITLE_LINK_WORDS = 3
OWN_WORDS = 40  # an article's words of running text outside every teaser, at the least
PROSE_LINE_WORDS = 6
_READ_MORE = re.compile(
    r"\W*(?:read|learn|see|view)\s+more|more|mehr|weiterlesen|mehr\s+(?:lesen|erfahren)"
    r"|zur\s+meldung|zum\s+artikel|full\s+story|continue\s+reading\W*",
    re.I,
)

FORM_PROSE = 60  # a form page's words of running text at most: the line asking to fill it in
CONTACT_PROSE = 40
GALLERY_PROSE = 30
GALLERY_IMAGES = 4
CONTACT_ADDRESSES = 3
_SIGNUP = re.compile(r"newsletter|abonn|subscri|sign\s*up|verteiler|registrier|anmeld", re.I)


@dataclass(frozen=True, slots=True)
class PageSignals:
    """What a page's markup says about it, read before extraction."""

    error: str | None = None  # the head title or body class that names an error page
    teasers: tuple[str, ...] = ()  # the texts of teaser blocks repeated side by side
    password: bool = False  # a password field: a login page
    signup: bool = False  # a form that asks for an e-mail address to sign up
    mail_addresses: int = 0  # distinct mailto: addresses: many on a contact page


def page_signals(tree) -> PageSignals:
    head_title = tree.find(".//title")
    title = " ".join((head_title.text_content() if head_title is not None else "").split())
    body = tree.find(".//body")
    classes = body.get("class", "") if body is not None else ""
    error = next((part for part in _TITLE_PARTS.split(title) if _says_error(part)), None) or next(
        (name for name in classes.split() if _ERROR_CLASS.fullmatch(name)), None
    )
    inputs = [(field.get("type") or "text").lower() for field in tree.iter("input")]
    forms = [" ".join(form.text_content().split()) for form in tree.iter("form")]
    mails = {
        href.split("?")[0].lower()
        for link in tree.iter("a")
        if (href := (link.get("href") or "").strip()).lower().startswith("mailto:")
    }
    return PageSignals(
        error=error,
        teasers=_teasers(tree),
        password="password" in inputs,
        signup="email" in inputs and any(_SIGNUP.search(form) for form in forms),
        mail_addresses=len(mails),
    )


def _says_error(text: str) -> bool:
    return bool(ERROR_PAGE.search(text) or EMPTY_LISTING.search(text))


def page_kind(
    signals: PageSignals, text: str, prose_words: int, images: int, *, listing_title: bool = False
) -> str | None:
    """'listing', 'empty', 'error', 'login', 'signup', 'contacts' or 'gallery' when the article
    read from the page is only what such a page says; None for a release. `listing_title`: the
    page's headline names only what the page is ('Medieninformationen', 'Suchergebnisse')."""
    if _opens_in_teaser(text, signals.teasers):
        return "listing"
    if listing_title and _lists_under_intro(text, signals.teasers, prose_words):
        return "listing"
    if signals.error and prose_words < FORM_PROSE:
        return "empty" if EMPTY_LISTING.search(signals.error) else "error"
    if signals.password and prose_words < FORM_PROSE:
        return "login"
    if signals.signup and prose_words < FORM_PROSE and _SIGNUP.search(text):
        return "signup"
    if signals.mail_addresses >= CONTACT_ADDRESSES and prose_words < CONTACT_PROSE:
        return "contacts"
    if images >= GALLERY_IMAGES and prose_words < GALLERY_PROSE:
        return "gallery"
    return None


def _opens_in_teaser(text: str, teasers: tuple[str, ...]) -> bool:
    """The article begins inside one of the page's teasers and has little text of its own."""
    if len(teasers) < TEASER_ITEMS:
        return False
    joined = "\n".join(teasers)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if len(line.split()) >= PROSE_LINE_WORDS]
    if not lines or lines[0] not in joined:
        return False
    own = sum(len(line.split()) for line in lines if line not in joined)
    return own < OWN_WORDS


def _lists_under_intro(text: str, teasers: tuple[str, ...], prose_words: int) -> bool:
    """Under a headline that names the page's kind, a line or two of introduction ('Hier finden
    Sie …', 'Ergebnisse 1 bis 5 von 214') over teasers, or over titles that are links: less
    running text of its own than a release has."""
    words = len(text.split())
    entries = sum(1 for line in text.splitlines() if line.strip())
    if entries > TEASER_ITEMS and prose_words < OWN_WORDS and prose_words < words * LINKED_SHARE:
        return True  # the rest is the titles of links (a table or a list of releases)
    if len(teasers) < TEASER_ITEMS:
        return False
    joined = "\n".join(teasers)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if len(line.split()) >= PROSE_LINE_WORDS]
    inside = [line for line in lines if line in joined]
    own = sum(len(line.split()) for line in lines if line not in joined)
    return len(inside) >= TEASER_ITEMS and own < OWN_WORDS


LINKED_SHARE = 0.5


def _teasers(tree) -> tuple[str, ...]:
    """The texts of blocks that stand side by side under one parent, with the same tag, each a
    title link (three words or more) beside a few words of excerpt or date: a listing's items.
    A menu's entries have no words beside their links; an article's blocks no title link."""
    found: list[str] = []
    for parent in tree.iter():
        if len(parent) < TEASER_ITEMS:
            continue
        groups: dict[str, list] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str):
                groups[child.tag].append(child)
        for group in groups.values():
            if len(group) < TEASER_ITEMS:
                continue
            texts = [text for child in group if (text := _teaser_text(child))]
            if len(texts) >= TEASER_ITEMS:
                found.extend(texts)
    return tuple(found)


def _teaser_text(block) -> str | None:
    links = [link for link in block.iter("a") if (link.get("href") or "#")[:1] != "#"]
    if not links:
        return None
    text = " ".join(block.text_content().split())
    words = len(text.split())
    if words > TEASER_WORDS:
        return None
    link_texts = [" ".join(link.text_content().split()) for link in links]
    if not any(
        # a title: three words, or a heading's link of any length ('Toddler Storytime')
        (len(label.split()) >= TITLE_LINK_WORDS or _in_heading(link))
        and label
        and not _READ_MORE.fullmatch(label)
        for link, label in zip(links, link_texts, strict=True)
    ):
        return None
    if words - sum(len(label.split()) for label in link_texts) < TEASER_EXCERPT:
        return None
    return text


def _in_heading(link) -> bool:
    return next(link.iterancestors("h2", "h3", "h4", "h5"), None) is not None


# What an input reader says of a page that is one of these instead of a release, and what to do.
ERROR_PAGE_FOUND = "no press release found: the page is an error page"
LISTING_PAGE_FOUND = "no press release found on this page (looks like a listing/navigation)"
PAGE_KIND_PROBLEMS = {
    "listing": LISTING_PAGE_FOUND + ": it lists "
    "teasers of several releases; submit the page of one release",
    "empty": LISTING_PAGE_FOUND + ": it says "
    "it found none ({title!r}); submit the page of one release",
    "error": ERROR_PAGE_FOUND + " ({title!r}); check the URL",
    "login": "no press release found: the page asks for a login ({title!r}); submit the "
    "release's text, or the URL of a page that shows it without logging in",
    "signup": "no press release found: the page is a sign-up form ({title!r}); submit the page "
    "of one release",
    "contacts": "no press release found: the page lists contacts ({title!r}), with "
    "{prose} words of running text; submit the page of one release",
    "gallery": "no press release found: the page is a photo gallery ({title!r}) with {prose} "
    "words of running text; submit the release that the photos belong to",
}
