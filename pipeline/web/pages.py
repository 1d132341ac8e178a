"""What the release page shows besides the release: portal preview, original input, diffs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

from pipeline.config import Config
from pipeline.models import Entry, Release
from pipeline.publish import public_name
from pipeline.publish.fragment import build_item
from pipeline.store import ReleaseView

ORIGINAL_MAX_BYTES = 500_000
HEADING_RE = re.compile(r"<h([1-6])(?=[\s>])")
# the preview's own section heading is an h2: the fragment's headings sit below it
PREVIEW_TOP_LEVEL = 3


@dataclass(frozen=True)
class Preview:
    channel: str
    html: str  # the fragment as the channel publishes it (sanitized there), its headings nested


def preview(config: Config, view: ReleaseView, name: str | None, now: datetime) -> Preview | None:
    """The release as the first channel taking its source would publish it now."""
    release = view.release
    for channel_name, channel in sorted(config.channels.items()):
        if not channel.takes(release.source):
            continue
        entry = Entry(
            release=release,
            state=view.state,
            revision=view.revision,
            first_published_at=view.first_published_at or now,
            updated_at=view.changed_at,
            public_name=name or public_name(release, release.id),
        )
        item = build_item(entry, channel, config.sources.get(release.source))
        # the photos as the desk serves them: the channel's files exist once it published
        html = item.fragment.replace(f"{escape(channel.link)}/media/", "/desk/media/")
        return Preview(channel=channel_name, html=nested_headings(html, PREVIEW_TOP_LEVEL))
    return None


def nested_headings(html: str, top: int) -> str:
    """The fragment's headings read by a screen reader as nested from level `top` down
    (`aria-level`), so a portal's h2 headline sits below the desk's h2 around it; the tags,
    and with them the portal's look, stay as published."""
    levels = [int(level) for level in HEADING_RE.findall(html)]
    shift = top - min(levels) if levels else 0
    if shift <= 0:
        return html
    return HEADING_RE.sub(lambda m: f'<h{m.group(1)} aria-level="{int(m.group(1)) + shift}"', html)


def public_urls(config: Config, view: ReleaseView, name: str | None) -> dict[str, str]:
    """Where readers find a published release: its page in each channel taking its source."""
    if not name or view.first_published_at is None or view.state.value != "published":
        return {}
    return {
        channel_name: f"{channel.link}/releases/{name}"
        for channel_name, channel in sorted(config.channels.items())
        if channel.takes(view.release.source)
    }


def original_input(root: Path, release: Release, config: Config) -> tuple[bytes, str] | None:
    """The input's bytes and file suffix, from where Melder keeps inputs and nowhere else: the
    source's own kept inputs, or for a `files` source the folder it reads. A path that points
    anywhere else (the database, TOML files, certificates) shows nothing."""
    path = release.provenance.path
    if not path:
        return None
    candidate = (root / path).resolve()
    folders = _input_folders(root, release, config)
    if not any(candidate.is_relative_to(folder) for folder in folders):
        return None
    if not candidate.is_file():
        return None
    with candidate.open("rb") as handle:
        return handle.read(ORIGINAL_MAX_BYTES), candidate.suffix


def _input_folders(root: Path, release: Release, config: Config) -> list[Path]:
    folders = [
        (root / "var" / area / release.source).resolve() for area in ("originals", "submissions")
    ]
    source = config.sources.get(release.source)
    if source is not None and source.kind == "files" and source.path:
        folders.append((root / source.path).resolve())
    return folders
