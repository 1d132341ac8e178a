"""Publishing: one channel's entries into feeds and HTML fragments under outputs/<channel>/.

`FORMATS` maps an output name to the function that renders it; a new format is one module with
a `render(view) -> {relative path: bytes}` function added here. Every file goes through
`write_atomic`, so a republish with unchanged input leaves every file untouched.

In: a channel's `ChannelConfig`, its `Entry`s and `Withdrawal`s from the store, the clock.
Out: `rss.xml`, `atom.xml`, `feed.json`, `ninjs.json`, `news-sitemap.xml`, `index.html` and
`releases/*.html` under `outputs/<channel>/`. May import: `pipeline.normalize` (sanitizer,
disclaimers), `pipeline.config`, `pipeline.models`, `pipeline.atomic`; the store is read by
`pipeline.runner`, not here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.atomic import STAGING, write_atomic
from pipeline.config import ChannelConfig, SourceConfig
from pipeline.models import Entry, Withdrawal
from pipeline.publish import atom, jsonfeed, ninjs, rss, sitemap
from pipeline.publish.fragment import ChannelView, build_item, build_view, feed_id, public_name
from pipeline.publish.index import html_files
from pipeline.publish.tombstones import add_tombstones, notice_files

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
) -> dict[str, bytes]:
    """Every file of a channel in memory, keyed by path relative to the channel folder; with
    `per_source`, also each source's own feeds under `sources/<source>/`."""
    view = build_view(name, channel, entries, sources)
    files: dict[str, bytes] = {}
    for render in FORMATS.values():
        files.update(render(view))
    for source, source_entries in (per_source or {}).items():
        folder = f"sources/{source}/"
        sub = replace(build_view(name, channel, source_entries, sources), folder=folder)
        for format_name in SOURCE_FEED_FORMATS:
            files.update({folder + path: data for path, data in FORMATS[format_name](sub).items()})
    if withdrawals:
        files[atom.FILENAME] = add_tombstones(files[atom.FILENAME], list(withdrawals), channel)
        files.update(notice_files(list(withdrawals)))
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
) -> PublishReport:
    """Write the channel's files into `out_dir`; entries come newest first, already limited.

    `beyond` are releases this run put live that the feed window leaves out: they get their
    release file all the same (the window limits feeds, never pages). Release files of entries
    no longer listed stay on disk: their URLs were published.
    """
    report = PublishReport(channel=name)
    files = render_channel(name, channel, entries, sources, withdrawals, per_source)
    for entry in beyond:
        item = build_item(entry, channel, sources.get(entry.release.source))
        files.setdefault(f"releases/{entry.public_name}", item.fragment.encode())
    for relative, data in files.items():
        path = out_dir / relative
        written = write_atomic(path, data, staging=out_dir / STAGING)
        (report.written if written else report.unchanged).append(path)
    with contextlib.suppress(OSError):  # empty unless another writer is at work
        (out_dir / STAGING).rmdir()
    return report
