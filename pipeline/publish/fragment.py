"""Release snippets and the channel's teaser list, and the per-release view every format reuses.

Each release is rendered once into `PublishedItem.article` (the sanitized `<article>`). The
fragment file is that article plus schema.org JSON-LD; the three feeds carry the article alone,
because feed validators flag any script inside entry content.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from html import escape, unescape
from zoneinfo import ZoneInfo

from pipeline.config import ChannelConfig, SourceConfig
from pipeline.models import Entry, Link, Release
from pipeline.normalize.disclaimers import render_disclaimer, render_short
from pipeline.normalize.sanitize import BODY_TAGS, clean_body, clean_fragment, plain_field
from pipeline.publish.figures import (
    Download,
    Picture,
    downloads_html,
    figure_html,
    planned_media,
    present,
)
from pipeline.publish.jsonld import day_only, json_ld, shown_moment
from pipeline.publish.labels import Labels, dir_attribute, human_date, labels_for
from pipeline.publish.links import ANCHOR_RE, linked_body, web_url
from pipeline.publish.teaser import teaser_adds_something
from pipeline.publish.withdrawn import WITHDRAWN_TITLE, notice_html, notice_text

# Feed ids derive from this namespace: changing it would change every published id.
ID_NAMESPACE = uuid.UUID("6f0c7c1e-3b8a-5d5e-9a41-6d656c646572")
# An empty channel still needs a feed date; a fixed one keeps republishing byte-identical.
EMPTY_CHANNEL_DATE = datetime(1970, 1, 1, tzinfo=UTC)
SLUG_MAX = 60
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
SAFE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*\.html$")
XML_UNSAFE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

FRAGMENT_TAGS = BODY_TAGS | {
    *("article", "aside", "header", "div", "span", "time", "address", "h5"),
    *("figure", "figcaption", "img"),
}
FRAGMENT_ATTRIBUTES = {
    "a": {"href", "rel", "download", "type"},
    "time": {"datetime"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading"},
    **{tag: {"class", "lang", "dir"} for tag in FRAGMENT_TAGS - {"a", "time", "img"}},
}


@dataclass(frozen=True)
class PublishedItem:
    """One release as every format shows it: ids, URL, dates in the source's zone, HTML."""

    entry: Entry
    release: Release  # the entry's release with XML-unsafe characters removed
    id: str
    url: str
    author: str
    published: datetime
    updated: datetime  # its own: first publication or its date, a correction, a withdrawal
    article: str  # sanitized <article>, disclaimer included once: the feeds' content
    fragment: str  # article + JSON-LD: the release file
    summary: str = ""  # plain text for short fields: the disclaimer's short mark + the teaser
    pictures: tuple[Picture, ...] = ()  # the lead photo first
    downloads: tuple[Download, ...] = ()


@dataclass(frozen=True)
class ChannelView:
    """A channel ready to render: config plus its items, newest first."""

    name: str
    channel: ChannelConfig
    items: tuple[PublishedItem, ...]
    folder: str = ""  # "sources/<source>/" for a source's own feeds inside the channel

    @property
    def updated(self) -> datetime:
        """The newest change among the items, in the channel's zone: a correction, a withdrawal,
        or a release going out (even one dated earlier: a reader that polls by this date must
        see that the channel changed); never the clock, so output stays reproducible."""
        newest = max(
            (max(item.updated, item.entry.first_published_at) for item in self.items),
            default=EMPTY_CHANNEL_DATE,
        )
        return newest.astimezone(self.channel.zone)

    def url(self, path: str) -> str:
        return f"{self.channel.link}/{self.folder}{path}"


def public_name(release: Release, release_id: str) -> str:
    """The release file name, fixed at first publish: readable slug plus a stable id prefix."""
    ascii_slug = unicodedata.normalize("NFKD", release.slug.lower().translate(UMLAUTS))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_slug.encode("ascii", "ignore").decode()).strip("-")
    if len(slug) > SLUG_MAX:
        cut = slug[:SLUG_MAX]
        # Prefer ending on a word boundary unless that would throw most of the slug away.
        slug = cut.rsplit("-", 1)[0] if cut.rfind("-") >= SLUG_MAX // 2 else cut
        slug = slug.strip("-")
    return f"{slug or 'release'}-{release_id[:8]}.html"


def feed_id(release: Release) -> str:
    """One id per release for all feeds, derived from the release id and never from content."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, release.id)}"


def build_view(
    name: str,
    channel: ChannelConfig,
    entries: list[Entry],
    sources: dict[str, SourceConfig],
    sizes: Mapping[str, int] | None = None,
    *,
    made: dict[tuple, PublishedItem] | None = None,
) -> ChannelView:
    """The channel's items; `made` keeps items already built for this channel and `sizes`
    (another view of the same publish), so a release shown twice is rendered once."""
    items = []
    for entry in entries:
        key = (
            entry.release.id,
            entry.revision,
            entry.state,
            entry.public_name,
            entry.first_published_at,
            entry.updated_at,
            entry.withdrawn_at,
        )
        item = made.get(key) if made is not None else None
        if item is None:
            item = build_item(entry, channel, sources.get(entry.release.source), sizes)
            if made is not None:
                made[key] = item
        items.append(item)
    return ChannelView(name=name, channel=channel, items=tuple(items))


def _shown_date(published_at: datetime | None, went_out: datetime) -> datetime:
    """The release's own date, unless it lies after the moment the release went out: a feed
    never shows a date in the future, nor an order its dates contradict."""
    if published_at is None or published_at > went_out:
        return went_out
    return published_at


def _own_update(entry: Entry, published: datetime) -> datetime:
    """When this release last changed for a reader: its withdrawal, its latest correction, or
    else its own date (a shared publish time would give every release of a run one `updated`)."""
    if entry.withdrawn_at is not None:
        return entry.updated_at
    if entry.updated_at > entry.first_published_at + timedelta(seconds=1):
        return entry.updated_at
    return published


def short_summary(release: Release, channel: ChannelConfig, author: str) -> str:
    """What short fields carry: the channel's short disclaimer mark, then the teaser, so a
    reader that shows only the summary still marks the text as a third party's."""
    mark = render_short(channel.disclaimer, language=release.language, source_title=author)
    teaser = feed_text(release.teaser)
    return " – ".join(part for part in (mark, teaser) if part) or feed_text(release.title)


def attribution(release: Release, source: SourceConfig | None) -> str:
    """Who answers for a release: the press office a shared mailbox names for its sender
    (`imap.sender_names`), else the source."""
    if source is not None and source.imap is not None:
        if name := source.imap.name_for(release.provenance.sender):
            return name
    return (source.title if source else "") or release.source


def build_item(
    entry: Entry,
    channel: ChannelConfig,
    source: SourceConfig | None,
    sizes: Mapping[str, int] | None = None,
) -> PublishedItem:
    """One release for every format. `sizes` are the media files written (path → bytes);
    without it every planned file counts as there (a preview)."""
    if not SAFE_NAME_RE.match(entry.public_name):
        raise ValueError(f"public name {entry.public_name!r} is not a safe file name")
    release = xml_safe(entry.release)
    zone = source.zone if source else None
    author = attribution(release, source)
    published = _shown_date(release.published_at, entry.first_published_at)
    if release.published_date_only and published == release.published_at and zone is not None:
        # the day the input names stays that day when the source's zone changes later
        published = datetime.combine(published.date(), time(0), tzinfo=zone)
    item = PublishedItem(
        entry=entry,
        release=release,
        id=feed_id(release),
        url=f"{channel.link}/releases/{entry.public_name}",
        author=author,
        published=_in_zone(published, zone),
        updated=_in_zone(_own_update(entry, published), zone),
        article="",
        fragment="",
        summary=short_summary(release, channel, author),
    )
    if entry.withdrawn_at is not None:
        return withdrawn_item(item, channel)
    pictures, downloads = planned_media(release, channel.media)
    if sizes is not None:
        pictures, downloads = present(pictures, downloads, sizes)
    item = replace(item, pictures=pictures, downloads=downloads)
    article = render_article(item, channel, source)
    fragment = f"{article}\n{json_ld(item, channel)}\n"
    return replace(item, article=article, fragment=fragment)


def withdrawn_item(item: PublishedItem, channel: ChannelConfig) -> PublishedItem:
    """A withdrawn release as feeds list it for a while: same id and link, a title that says
    so in the release's own language (as its page says it later), the notice as content, and the
    withdrawal as `updated`."""
    language = item.release.language if item.release.language in WITHDRAWN_TITLE else "en"
    release = item.release.model_copy(
        update={
            "title": WITHDRAWN_TITLE[language].format(title=item.release.title),
            "teaser": notice_text(language),
        }
    )
    notice = notice_html(item.release.title, language, item.updated.astimezone(channel.zone))
    summary = feed_text(release.teaser)
    return replace(item, release=release, article=notice, fragment=notice, summary=summary)


def xml_safe(release: Release) -> Release:
    """The release without characters XML cannot carry at all: dropped rather than failing."""

    def clean(text: str) -> str:
        return XML_UNSAFE_RE.sub("", text)

    links = tuple(Link(url=clean(link.url), text=clean(link.text)) for link in release.links)
    return release.model_copy(
        update={
            "title": clean(release.title),
            "teaser": clean(release.teaser),
            "body_html": clean(release.body_html),
            "contact": clean(release.contact) if release.contact else release.contact,
            "links": links,
        }
    )


def _in_zone(moment: datetime, zone: ZoneInfo | None) -> datetime:
    moment = moment.replace(microsecond=0)
    return moment.astimezone(zone) if zone else moment


# --- the article -----------------------------------------------------------------------------


def render_article(item: PublishedItem, channel: ChannelConfig, source: SourceConfig | None) -> str:
    """The release as one sanitized `<article>`: the disclaimer exactly once, at its position."""
    release, rel = item.release, channel.link_rel
    labels = labels_for(release.language, channel.language)
    aside = _disclaimer(item, channel, source)
    figures = [figure_html(picture, channel.link, labels) for picture in item.pictures]
    parts = [
        f'<article class="melder-release" lang="{_attr(release.language)}"'
        f"{dir_attribute(release.language)}>",
        # The headline leads even a top disclaimer: an article must open with its heading.
        "<header>",
        f"<h2>{_text(release.title)}</h2>",
        _meta_line(item, labels),
        "</header>",
        aside if channel.disclaimer.position == "top" else "",
        figures[0] if figures else "",
        f'<p class="melder-teaser"><strong>{_text(release.teaser)}</strong></p>'
        if teaser_adds_something(release.teaser, release.text)
        else "",
        f'<div class="melder-body">\n{_sections(release.body_html, rel)}\n</div>',
        *figures[1:],
        downloads_html(item.downloads, channel.link, labels),
        _links_list(_listed_links(release, channel), channel.link_rel, labels),
        _contact_block(release.contact, labels),
        aside if channel.disclaimer.position == "bottom" else "",
        "</article>",
    ]
    html = "\n".join(part for part in parts if part)
    # Everything above is escaped by construction; the final pass is the guarantee that no
    # script, handler or style can reach a portal even if a field slipped through unescaped.
    return clean_fragment(html, set(FRAGMENT_TAGS), FRAGMENT_ATTRIBUTES)


def _disclaimer(item: PublishedItem, channel: ChannelConfig, source: SourceConfig | None) -> str:
    release = item.release
    disclaimer = channel.disclaimer
    text = render_disclaimer(
        disclaimer,
        language=release.language,
        source=release.source,
        source_title=item.author,
        contact_email=source.contact_email if source else None,
    )
    language = release.language if release.language in disclaimer.variants else channel.language
    direction = dir_attribute(language, inside=release.language)
    aside = f'<aside class="melder-disclaimer" lang="{_attr(language)}"{direction}>'
    return f"{aside}<p>{_text(text)}</p></aside>"


def _meta_line(item: PublishedItem, labels: Labels) -> str:
    language = item.release.language
    a_day = day_only(item)
    shown = human_date(item.published, language, with_time=not a_day)
    moment = shown_moment(item.published, a_day)
    return (
        f'<p class="melder-meta"><time datetime="{moment}">{_text(shown)}</time> · '
        f'<span class="melder-source">{labels.source}: {_text(item.author)}</span></p>'
    )


def _links_list(links: tuple[Link, ...], rel: str, labels: Labels) -> str:
    rows = [
        f'<li><a href="{_attr(url)}" rel="{_attr(rel)}">{_text(link.text or link.url)}</a></li>'
        for link in links
        if (url := web_url(link.url))
    ]
    if not rows:
        return ""
    return "\n".join(
        [f'<p class="melder-links-label">{labels.links}:</p>', '<ul class="melder-links">']
        + rows
        + ["</ul>"]
    )


def _listed_links(release: Release, channel: ChannelConfig) -> tuple[Link, ...]:
    """The links for the "Links:" list: none, all, or ("auto") those the body does not carry."""
    if channel.links_list == "never":
        return ()
    if channel.links_list == "always":
        return release.links
    # the stored body's anchors carry rel and other attributes: cleaned, each is <a href="…">
    anchors = ANCHOR_RE.findall(clean_body(release.body_html, link_rel=None))
    in_body = {unescape(href) for href, _ in anchors if href}
    return tuple(link for link in release.links if link.url not in in_body)


CONTACT_LABEL_RE = re.compile(r"^[^\d@:]{2,40}:$")


def _contact_block(contact: str | None, labels: Labels) -> str:
    lines = [line.strip() for line in (contact or "").splitlines() if line.strip()]
    if not lines:
        return ""
    shown = "<br>".join(_text(line) for line in lines)
    # a contact that opens with its own label ("Media contact:") gets no second one
    label = "" if CONTACT_LABEL_RE.match(lines[0]) else f"{labels.contact}:<br>"
    return f'<address class="melder-contact"><p>{label}{shown}</p></address>'


def feed_text(text: str) -> str:
    """Plain text for feed titles and summaries, which many readers render as HTML: also for
    releases stored before normalize made these fields plain."""
    return plain_field(text)


_BODY_HEADING_RE = re.compile(r"<(/?)h([234])>")


def _sections(body_html: str, rel: str) -> str:
    """The body, linked, its sections one level below the fragment's <h2> headline (h2 → h3
    …): as siblings of the headline they would read as other articles to a screen reader."""
    body = linked_body(body_html, rel)
    return _BODY_HEADING_RE.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}>", body)


# --- small helpers ---------------------------------------------------------------------------


def _text(value: str) -> str:
    return escape(value, quote=False)


def _attr(value: str) -> str:
    return escape(value, quote=True)
