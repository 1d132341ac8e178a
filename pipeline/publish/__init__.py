"""Publishing: one channel's entries into feeds and HTML fragments under outputs/<channel>/.

`FORMATS` maps an output name to the function that renders it; a new format is one module with
a `render(view) -> {relative path: bytes}` function added here. Every file goes through
`write_atomic`, so a republish with unchanged input leaves every file untouched.

In: a channel's `ChannelConfig`, its `Entry`s and `Withdrawal`s from the store, the clock.
Out: `rss.xml`, `atom.xml`, `feed.json`, `ninjs.json`, `news-sitemap.xml`, `index.html` and
`releases/*.html` under `outputs/<channel>/`, and `media/` (renditions of the kept photos,
documents). May import: `pipeline.media` (renditions), `pipeline.normalize` (sanitizer,
disclaimers), `pipeline.config`, `pipeline.models`, `pipeline.atomic`; the store is read by
`pipeline.runner`, not here.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.atomic import STAGING, write_atomic
from pipeline.config import ChannelConfig, SourceConfig
from pipeline.media import MediaLibrary
from pipeline.models import Entry, Withdrawal
from pipeline.publish import atom, jsonfeed, ninjs, rss, sitemap
from pipeline.publish.figures import planned_media
from pipeline.publish.fragment import (
    ChannelView,
    PublishedItem,
    build_item,
    build_view,
    feed_id,
    public_name,
)
from pipeline.publish.index import html_files
from pipeline.publish.renditions import remove_media_files, write_media_files
from pipeline.publish.shown import (
    PAGE_SETTINGS,
    forget_shown,
    note_shown,
    page_settings,
    pages_outdated,
    shown_digest,
    still_shown,
)
from pipeline.publish.tombstones import add_tombstones, notice_files

log = logging.getLogger(__name__)

Renderer = Callable[[ChannelView], dict[str, bytes]]

FORMATS: dict[str, Renderer] = {
    "rss": rss.render,
    "atom": atom.render,
    "jsonfeed": jsonfeed.render,
    "ninjs": ninjs.render,
    "sitemap": sitemap.render,
    "html": html_files,
}
# what a per-source folder gets: the feeds, not the pages (those stay with the channel)
SOURCE_FEED_FORMATS = ("rss", "atom", "jsonfeed", "ninjs")

__all__ = [
    "FORMATS",
    "PublishReport",
    "feed_id",
    "page_settings",
    "pages_outdated",
    "public_name",
    "publish_channel",
    "render_channel",
]


@dataclass
class PublishReport:
    """Which files a publish run wrote and which it left alone because nothing changed."""

    channel: str
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    rendered: bool = True  # False: what the channel shows had not changed since its files

    @property
    def changed(self) -> bool:
        return bool(self.written)


def render_channel(
    name: str,
    channel: ChannelConfig,
    entries: list[Entry],
    sources: dict[str, SourceConfig],
    withdrawals: list[Withdrawal] = (),
    per_source: dict[str, list[Entry]] | None = None,
    sizes: Mapping[str, int] | None = None,
) -> dict[str, bytes]:
    """Every file of a channel in memory, keyed by path relative to the channel folder; with
    `per_source`, also each source's own feeds under `sources/<source>/`. `sizes` names the
    media files written (see `build_item`)."""
    # a release in the channel's window and in its source's feed is rendered once for both
    made: dict[tuple, PublishedItem] = {}
    view = build_view(name, channel, entries, sources, sizes, made=made)
    files: dict[str, bytes] = {}
    for render in FORMATS.values():
        files.update(render(view))
    for source, source_entries in (per_source or {}).items():
        folder = f"sources/{source}/"
        # a copy: what only one source's feed shows is let go once its files are made
        sub = build_view(name, channel, source_entries, sources, sizes, made=dict(made))
        sub = replace(sub, folder=folder)
        for format_name in SOURCE_FEED_FORMATS:
            files.update({folder + path: data for path, data in FORMATS[format_name](sub).items()})
    if withdrawals:
        files[atom.FILENAME] = add_tombstones(files[atom.FILENAME], list(withdrawals), channel)
        files.update(notice_files(list(withdrawals), channel))
    return files


def publish_channel(
    name: str,
    channel: ChannelConfig,
    entries: list[Entry],
    sources: dict[str, SourceConfig],
    out_dir: Path,
    withdrawals: list[Withdrawal] = (),
    beyond: list[Entry] = (),
    per_source: dict[str, list[Entry]] | None = None,
    library: MediaLibrary | None = None,
    retired: Iterable[str] = (),
    settings: str | None = None,
    rebuild: bool = False,
) -> PublishReport:
    """Write the channel's files into `out_dir`; entries come newest first, already limited.

    `beyond` are releases this run put live that the feed window leaves out: they get their
    release file all the same (the window limits feeds, never pages). Release files of entries
    no longer listed stay on disk: their URLs were published. Media files come first, made from
    the `library`, so no page names a file that is not there, then the release pages, then the
    feeds and lists that link them; `retired` media (of withdrawn
    releases no published one shares) leave the folder. `settings` (see `page_settings`) is
    noted once every file is written: the pages carry them now. When what the channel shows is
    what its last publish wrote (see `shown`), and no page beyond the window is due and no
    `rebuild` asked for, nothing is rendered.
    """
    report = PublishReport(channel=name)
    staging = out_dir / STAGING
    sizes = None
    if library is not None:
        shown = [*entries, *beyond, *(e for group in (per_source or {}).values() for e in group)]
        sizes, made = write_media_files(
            out_dir, library, _wanted_media(shown, channel), channel.media, staging=staging
        )
        report.written += made
    digest = shown_digest(
        name, settings or page_settings(channel, sources), entries, withdrawals, per_source, sizes
    )
    if not beyond and not rebuild and (same := still_shown(out_dir, digest)):
        report.rendered = False
        report.unchanged = [out_dir / relative for relative in same]
        log.info("channel=%s outcome=unchanged rendered=0", name)
        report.written += remove_media_files(out_dir, retired)
        with contextlib.suppress(OSError):
            staging.rmdir()
        return report
    forget_shown(out_dir)
    files = render_channel(name, channel, entries, sources, withdrawals, per_source, sizes)
    for entry in beyond:
        item = build_item(entry, channel, sources.get(entry.release.source), sizes)
        files.setdefault(f"releases/{entry.public_name}", item.fragment.encode())
    # release pages before the feeds and lists that link them: a reader or a CDN that follows
    # a new item's link while a publish is under way never meets a page not yet written
    for relative, data in sorted(files.items(), key=lambda f: not f[0].startswith("releases/")):
        path = out_dir / relative
        written = write_atomic(path, data, staging=staging)
        (report.written if written else report.unchanged).append(path)
    report.written += remove_media_files(out_dir, retired)
    if settings is not None:
        write_atomic(out_dir / PAGE_SETTINGS, f"{settings}\n".encode(), staging=staging)
    note_shown(out_dir, digest, files, staging)
    with contextlib.suppress(OSError):  # empty unless another writer is at work
        staging.rmdir()
    return report


def _wanted_media(entries: Iterable[Entry], channel: ChannelConfig):
    seen: set[str] = set()
    for entry in entries:
        if entry.withdrawn_at is not None or entry.release.id in seen:
            continue
        seen.add(entry.release.id)
        pictures, downloads = planned_media(entry.release, channel.media)
        yield from pictures
        yield from downloads
