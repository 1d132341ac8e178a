"""What a channel shows, as one digest, so a publish with nothing new renders nothing.

Rendering a channel costs a sanitizer pass per release of its window and of each source's own
feeds, yet its bytes come out the same whenever the same revisions are shown with the same
dates, names, withdrawals, media files and settings. The digest of those, and the files last
written with it (each with its size), are noted in `.shown` beside the output once every file is
written; a publish that finds the same digest and every file as noted renders nothing. A file
deleted, or changed by hand since (another size, or a later modification time), makes the next
publish render and write again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pipeline.atomic import write_atomic
from pipeline.config import ChannelConfig, SourceConfig
from pipeline.models import Entry, Withdrawal

SHOWN = ".shown"
# in the channel folder: a digest of the settings its release pages were last written with
PAGE_SETTINGS = ".page-settings"


def _renderer_version() -> str:
    """Another Melder renders other bytes: its version and this package's code are part of
    every digest, so an upgrade rewrites what it changes."""
    try:
        melder = version("melder")
    except PackageNotFoundError:
        melder = "unknown"
    code = hashlib.sha256()
    for module in sorted(Path(__file__).parent.glob("*.py")):
        code.update(module.read_bytes())
    return f"{melder}:{code.hexdigest()}"


RENDERER = _renderer_version()


def page_settings(channel: ChannelConfig, sources: Mapping[str, SourceConfig]) -> str:
    """A digest of every setting a release page shows: the channel's (its disclaimer, links,
    media) and each source's name, zone and contact that the pages are signed with."""
    shown = {
        "channel": channel.model_dump(mode="json"),
        "sources": {
            name: [
                source.title,
                source.timezone,
                source.contact_email,
                source.imap.sender_names if source.imap else None,
            ]
            for name, source in sources.items()
        },
    }
    encoded = json.dumps(shown, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def pages_outdated(out_dir: Path, settings: str) -> bool:
    """Whether the channel's release pages were written with other settings: a changed
    disclaimer must reach every live page, not only the feed window's. A channel without
    pages yet has nothing to rewrite."""
    try:
        return (out_dir / PAGE_SETTINGS).read_text(encoding="ascii").strip() != settings
    except FileNotFoundError:
        return (out_dir / "releases").is_dir()


def shown_digest(
    name: str,
    settings: str,
    entries: Iterable[Entry],
    withdrawals: Iterable[Withdrawal],
    per_source: Mapping[str, list[Entry]] | None,
    sizes: Mapping[str, int] | None,
) -> str:
    """One digest of everything the channel's files are made of."""
    digest = hashlib.sha256()

    def add(part: str) -> None:
        digest.update(part.encode())
        digest.update(b"\0")

    add(RENDERER)
    add(name)
    add(settings)
    add(json.dumps(sorted((sizes or {}).items())))
    for entry in entries:
        add(entry.model_dump_json())
    add("withdrawals")
    for withdrawal in withdrawals:
        add(withdrawal.model_dump_json())
    for source, group in sorted((per_source or {}).items()):
        add(f"source {source}")
        for entry in group:
            add(entry.model_dump_json())
    return digest.hexdigest()


def still_shown(out_dir: Path, digest: str) -> list[str] | None:
    """The files, when they are as the last publish with this digest left them."""
    noted_path = out_dir / SHOWN
    try:
        noted_at = noted_path.stat().st_mtime_ns
        noted = json.loads(noted_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(noted, dict) or noted.get("digest") != digest:
        return None
    for relative, size in (noted.get("files") or {}).items():
        try:
            stat = (out_dir / relative).stat()
        except OSError:
            return None
        if stat.st_size != size or stat.st_mtime_ns > noted_at:
            return None
    return list(noted.get("files") or ()) or None


def forget_shown(out_dir: Path) -> None:
    """Until a render has written every file, no digest vouches for them."""
    (out_dir / SHOWN).unlink(missing_ok=True)


def note_shown(out_dir: Path, digest: str, files: Iterable[str], staging: Path) -> None:
    sizes = {relative: (out_dir / relative).stat().st_size for relative in sorted(files)}
    data = json.dumps({"digest": digest, "files": sizes}, indent=0).encode()
    if not write_atomic(out_dir / SHOWN, data, staging=staging):
        # its time vouches for the files written before it, also when its text stays the same
        os.utime(out_dir / SHOWN)
