"""Reader for press-release web pages (.html, .htm): the article, its title, date and links."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pipeline.errors import Rejected
from pipeline.extract import Article, all_images, extract_article, parse_html
from pipeline.extract.banners import marked_by_consent_manager
from pipeline.extract.decode import canonical_encoding
from pipeline.extract.documents import PHOTO_FILE_RE
from pipeline.extract.page_kind import (
    EMPTY_LISTING,
    ERROR_PAGE,
    LISTING_PAGE_FOUND,
    PAGE_KIND_PROBLEMS,
    SCRIPT_ONLY,
)
from pipeline.extract.parse import nested_too_deep
from pipeline.extract.teasers import BARE_DATE, READ_MORE, TEASER_WORDS, opens_with_article
from pipeline.ingest.readers import framed
from pipeline.ingest.readers.context import InputContext, content_hash
from pipeline.ingest.readers.unclosed import close_unclosed, cut_off
from pipeline.models import Link, MediaInput, Problem, RawRelease

# Fewer characters than this is a navigation page, an error page or a cookie wall, not a release.
MIN_ARTICLE_CHARS = 50
# Fewer words of running text outside the page's links, when they are not nearly all the text:
# a listing, a category page or a menu. A three-line police report has about twenty, and a
# release of one short sentence is all running text.
MIN_PROSE_WORDS = 12
PROSE_SHARE = 0.5


def read(data: bytes, context: InputContext) -> RawRelease:

    readable, unclosed = close_unclosed(data)
    article = _extract(readable, context)
    notes: tuple[str, ...] = (unclosed,) if unclosed else ()
    if article.text_length < MIN_ARTICLE_CHARS and (embedded := _embedded_page(data)):
        article = _extract(embedded.encode("utf-8"), context)
        notes += ("the release was read from a page embedded in this one (iframe srcdoc)",)
    base = article.canonical_url or context.base_url
    if document := _shown_document(article, readable, base):
        raise Rejected(framed.only_a_document(document), field="body")
    if problem := _not_a_release(article, data):
        raise Rejected(problem, field="body")
    if article.text_length < MIN_ARTICLE_CHARS:
        raise Rejected(
            "no article text found: the page holds no paragraph of running text "
            f"(found {article.text_length} characters); {_why_empty(data, base)}",
            field="body",
        )
    words = len(article.text.split())
    if article.prose_words < MIN_PROSE_WORDS and article.prose_words < words * PROSE_SHARE:
        what_to_do = framed.frame_hint(data[:200_000], base) or (
            "check the URL, or set extract.body if the release is there"
        )
        raise Rejected(
            LISTING_PAGE_FOUND + ": its text "
            f"is link titles and labels with {article.prose_words} words of running text; "
            + what_to_do,
            field="body",
        )
    return RawRelease(
        source=context.source,
        identity=article.canonical_url or context.locator,
        format="html",
        provenance=context.provenance(),
        content_hash=content_hash(data),
        title=article.title,
        teaser=article.description,
        body_html=article.body_html,
        published_text=article.published_text,
        language=article.language,
        base_url=article.canonical_url or context.base_url,
        problems=_encoding_problems(context),
        warnings=cut_off(data, article.text)
        + _continues(article)
        + _dates_disagree(article)
        + _videos(article)
        + _unlinked(article)
        + notes,
        links=tuple(Link(url=url, text="Video") for url in article.videos)
        # the pager that linked it leaves the body with the page's furniture
        + tuple(
            Link(url=url, text=text) for url, text in [article.next_page or ("", "")] if _web(url)
        )
        + tuple(
            Link(url=url, text=text)
            for url, text in article.documents
            if _web(url) and not _photo_file(url)
        ),
        media=_photos_and_files(article),
        above_headline=article.above_headline,
        below_headline=article.below_headline,
        contact_box=article.contact_box,
        categories=article.tags,
    )


_CONSENT = re.compile(
    r"\b(?:cookies?|einwilligung|consent|akzeptieren|accept(?:\s+all)?|datenschutzeinstellungen"
    r"|privacy\s+settings|tracking|zustimmen|personalisiert\w*)\b",
    re.I,
)
_CONSENT_BUTTON = re.compile(
    r"alle\s+(?:akzeptieren|ablehnen|zulassen)|nur\s+(?:notwendige|erforderliche)|accept\s+all"
    r"|reject\s+all|only\s+(?:necessary|essential)|(?:cookie|privacy)[- ](?:einstellungen|settings)"
    r"|einstellungen\s+speichern|manage\s+(?:cookies|preferences)",
    re.I,
)
CONSENT_ONLY = (
    "the page shows only a cookie or consent banner (the release is loaded by a script); "
    "submit the release's text or another URL"
)
ERROR_PAGE_WORDS = 120  # an error page or a consent banner says its piece in fewer words
# A listing: teasers of other releases, each beside its date or its 'Read more' link.
LISTING_ITEMS = 3
LISTING_WORDS = 600  # a listing page's text; a long release may list dates of its own


def _listing_items(text: str) -> int:
    """How many teasers of other releases the text holds: paragraphs of a teaser's length
    beside a line that is only a date or a 'Read more' link, or cut off with '…'."""
    if len(text.split()) > LISTING_WORDS:
        return 0
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if opens_with_article(lines):
        return 0  # its dates are a chronology's or a schedule's; teasers under it are gone
    marks = [bool(BARE_DATE.fullmatch(line) or READ_MORE.fullmatch(line)) for line in lines]
    # a blurb is written in sentences; a schedule's lines under its dates are not
    teasers = [len(line.split()) >= TEASER_WORDS and line[-1] in '.!?…"“”»«)' for line in lines]
    beside = sum(
        1
        for i, mark in enumerate(marks)
        if mark and ((i and teasers[i - 1]) or (i + 1 < len(lines) and teasers[i + 1]))
    )
    cut = sum(
        1
        for line, teaser in zip(lines, teasers, strict=True)
        if teaser and line.endswith(("…", "..."))
    )
    return max(beside, cut)


def _not_a_release(article: Article, data: bytes) -> str | None:
    """Why the page is a listing, an error page, a form or a cookie wall, or None."""
    text = article.text
    if article.page_kind == "listing" or _listing_items(text) >= LISTING_ITEMS:
        return PAGE_KIND_PROBLEMS["listing"]
    if article.page_kind in PAGE_KIND_PROBLEMS:
        title = (article.title or next(iter(text.splitlines()), ""))[:80]
        return PAGE_KIND_PROBLEMS[article.page_kind].format(title=title, prose=article.prose_words)
    if len(text.split()) > ERROR_PAGE_WORDS:
        return None
    said = [article.title or "", *text.splitlines()[:3]]
    for pattern, kind in ((EMPTY_LISTING, "empty"), (ERROR_PAGE, "error")):
        if found := next((match for line in said if (match := pattern.search(line))), None):
            return PAGE_KIND_PROBLEMS[kind].format(title=_around(found), prose=article.prose_words)
    if any(SCRIPT_ONLY.search(line) for line in said):
        if marked_by_consent_manager(data[:200_000]):
            return f"no press release found: {CONSENT_ONLY}"
        return (
            "no press release found: the page shows its content only with JavaScript "
            f"({said[-1][:80]!r}); submit the release's text or another URL"
        )
    consent = {match.lower() for match in _CONSENT.findall(text)}
    # its buttons ('Alle akzeptieren') are no text of the article: the markup has them, and a
    # short report under a banner keeps its own lines
    rest = " ".join(line for line in text.splitlines() if not _CONSENT.search(line))
    if len(consent) >= 2 and (
        _CONSENT_BUTTON.search(text)
        or (
            len(rest.split()) < MIN_PROSE_WORDS
            and _CONSENT_BUTTON.search(data[:200_000].decode("utf-8", "replace"))
        )
    ):
        return f"no press release found: {CONSENT_ONLY}"
    return None


def _shown_document(article: Article, data: bytes, base: str | None) -> str | None:
    """The document a page shows instead of a release's text: one in a viewer beside a line or
    two, or the one file a page of labels offers."""
    if article.prose_words >= framed.VIEWER_PROSE:
        return None
    if document := framed.embedded_document(data, base):
        return document
    words = len(article.text.split())
    if article.prose_words >= min(MIN_PROSE_WORDS, words * PROSE_SHARE):
        return None
    offered = framed.documents_in_text(parse_html(data), article.text, base)
    return offered.pop() if len(offered) == 1 else None


def _around(match: re.Match) -> str:
    """The words a page says it is an error or empty with, not the menu run into its line."""
    text = match.string
    sentence = text.rfind(". ", 0, match.start())
    start = sentence + 2 if sentence >= 0 else 0
    if match.start() - start > 40:  # a menu run into the line: its words are not quoted
        start = match.start()
    end = text.find(".", match.end())
    return text[start : end + 1 if 0 <= end < match.end() + 60 else match.end() + 20].strip()


def _why_empty(data: bytes, base: str | None = None) -> str:
    """What a page without text is instead, and what to do about it."""
    head = data[:200_000]
    if hint := framed.frame_hint(head, base):
        return hint
    if marked_by_consent_manager(head):
        return CONSENT_ONLY
    if re.search(rb"<img\b", head, re.I):
        return "the page holds pictures but no text (a scanned release?): send its text"
    if nested_too_deep(data):
        return (
            "the page nests its elements hundreds of levels deep and its text lies below "
            "what Melder reads: send the text, or the page as its CMS writes it"
        )
    return "check the URL or set extract.body"


def _embedded_page(data: bytes) -> str | None:
    """The HTML of an <iframe srcdoc> that holds the page's only real text."""
    if b"srcdoc" not in data:
        return None
    tree = parse_html(data)
    pages = [frame.get("srcdoc") for frame in tree.iter("iframe")] if tree is not None else []
    return max((page for page in pages if page), key=len, default=None)


def _videos(article: Article) -> tuple[str, ...]:
    return tuple(
        f"the page embeds a video ({url}): Melder carries it as a link, not as a player"
        for url in article.videos
    )


UNLINKED_SHOWN = 3


def _unlinked(article: Article) -> tuple[str, ...]:
    """The links a page without an address of its own names on its own site: left out."""
    # a document the text links is among the page's documents too: it is named once
    unlinked = tuple(
        dict.fromkeys(
            (*article.unlinked, *(url for url, _ in article.documents if _on_own_site(url)))
        )
    )
    if not unlinked:
        return ()
    shown = ", ".join(unlinked[:UNLINKED_SHOWN])
    more = len(unlinked) - UNLINKED_SHOWN
    return (
        f"{len(unlinked)} link(s) of the page were left out ({shown}"
        f"{f' and {more} more' if more > 0 else ''}): they name addresses on the page's own "
        "site, and the page gives no address of its own (no canonical link); add them from "
        "the original before approving",
    )


def _continues(article: Article) -> tuple[str, ...]:
    if not article.next_page:
        return ()
    return (
        "the page links a next page of this release (rel=next): only this page was read; "
        "add the rest from the original before approving",
    )


def _dates_disagree(article: Article) -> tuple[str, ...]:
    if not article.overruled_date:
        return ()
    return (
        f"the page's dates disagree: its head's meta tag says {article.overruled_date}, its "
        f"article data {article.published_text}: the article's date is used",
    )


def _on_own_site(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


def _web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _photos_and_files(article: Article) -> tuple[MediaInput, ...]:
    """The article's photos, then the files it offers that are not one of them again (a files
    box linking the full-size photo the figure shows)."""
    photos = media_inputs(article.images)
    shown = {photo.url for photo in photos}
    offered = _offered_files(article.documents)
    return photos + tuple(item for item in offered if item.url not in shown)


def _offered_files(documents) -> tuple[MediaInput, ...]:
    """Documents a page of an inbox names by a relative address ('flyer.pdf'), read from beside
    it, and photos its files box offers ('Visualisierung (JPG, 3 MB)'): kept and published with
    the release like its pictures."""
    return tuple(
        MediaInput(
            url=url,
            filename=url.rsplit("/", 1)[-1].split("?")[0],
            caption=FILE_NOTE_RE.sub("", text) if _photo_file(url) else text,
        )
        for url, text in documents
        if not _on_own_site(url) and (not _web(url) or _photo_file(url))
    )


# what a download link says of its file: '(JPG, 3 MB)', '[PDF, 212 KB]'
FILE_NOTE_RE = re.compile(r"\s*[(\[][^()\[\]]{0,40}\b(?:[KMG]B|bytes?)\s*[)\]]\s*$", re.I)


def _photo_file(url: str) -> bool:
    return bool(PHOTO_FILE_RE.search(urlsplit(url).path))


def media_inputs(images) -> tuple[MediaInput, ...]:
    """The article's photos as the media stage takes them: fetched and checked there."""
    return tuple(
        MediaInput(
            url=image.url,
            caption=image.caption,
            credit=image.credit,
            alt=image.alt,
            license=image.license,
            fallback_url=image.shown or None,
        )
        for image in images
    )


def body_photos(
    body_html: str | None, base: str | None, given: tuple[MediaInput, ...] = ()
) -> tuple[MediaInput, ...]:
    """The photos a feed entry's or a submission's HTML body shows (a `<figure>` with its
    caption and credit, an `<img>`), after `given` and without those it already names: the
    media stage fetches them like a page's, and says why it leaves one out."""
    if not body_html or "<img" not in body_html.lower():
        return given
    tree = parse_html(body_html)
    if tree is None:
        return given
    named = {media.url for media in given}
    shown = [
        image
        for image in all_images(tree, base)
        if image.url.lower().startswith(("http://", "https://")) and image.url not in named
    ]
    return (*given, *media_inputs(shown))


def _extract(data: bytes, context: InputContext) -> Article:
    try:
        return extract_article(
            data,
            url=context.base_url,
            rules=context.config.extract,
            encoding=canonical_encoding(context.config.encoding),
            beside=_saved_beside(context.folder) if context.folder is not None else None,
        )
    except ValueError as exc:  # a CSS rule of the source that is not a selector
        raise Rejected(str(exc), field="extract") from None


def _saved_beside(folder: Path):
    """Whether a relative address names a file in `folder` or below it (a page saved with its
    files: `page_files/foto.jpg`)."""
    inside = folder.resolve()

    def beside(address: str) -> bool:
        name = unquote(urlsplit(address).path)
        if not name or "\x00" in name:
            return False
        target = (inside / name).resolve()
        return target.is_relative_to(inside) and target.is_file()

    return beside


def _encoding_problems(context: InputContext) -> tuple[Problem, ...]:
    configured = context.config.encoding
    if configured and canonical_encoding(configured) is None:
        return (
            Problem(
                field="encoding",
                message=f"unknown encoding {configured!r} in the source's TOML; "
                "use a name such as 'utf-8', 'iso-8859-1' or 'windows-1252'",
            ),
        )
    return ()
