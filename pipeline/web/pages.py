"""What the release page shows besides the release: portal preview, original input, diffs."""

from __future__ import annotations

import difflib
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


@dataclass(frozen=True)
class Preview:
    channel: str
    html: str  # the fragment exactly as the channel publishes it (sanitized there)


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
        return Preview(channel=channel_name, html=html)
    return None


def original_input(root: Path, release: Release, config: Config) -> str | None:
    """The input's bytes as text (shown escaped), from where Melder keeps inputs and nowhere
    else: the source's own kept inputs, or for a `files` source the folder it reads. A path
    that points anywhere else (the database, TOML files, certificates) shows nothing."""
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
        data = handle.read(ORIGINAL_MAX_BYTES)
    return data.decode("utf-8", errors="replace")


def _input_folders(root: Path, release: Release, config: Config) -> list[Path]:
    folders = [
        (root / "var" / area / release.source).resolve() for area in ("originals", "submissions")
    ]
    source = config.sources.get(release.source)
    if source is not None and source.kind == "files" and source.path:
        folders.append((root / source.path).resolve())
    return folders


def as_text(release: Release) -> list[str]:
    """The editable parts of a release as lines, the way the diff compares them."""
    lines = [f"# {release.title}", "", release.teaser, ""]
    lines += release.text.splitlines()
    if release.categories:
        lines += ["", "Categories: " + ", ".join(release.categories)]
    return lines


def diff(old: Release, new: Release) -> list[tuple[str, str]]:
    """(kind, line) pairs of a unified diff; kind is add, del, hunk or same."""
    rows = []
    for line in difflib.unified_diff(as_text(old), as_text(new), lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        kind = {"+": "add", "-": "del", "@": "hunk"}.get(line[:1], "same")
        rows.append((kind, line))
    return rows
