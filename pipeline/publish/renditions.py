"""The channel's media files on disk: renditions made from the kept images, documents copied.

A file's name says what it holds, so one that exists is never made again: a publish costs a
`stat` per file for what is already out, and Pillow only for what is new. Files of withdrawn
releases go, unless a published release still shows them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path

from pipeline.atomic import write_atomic
from pipeline.config import MediaOutput
from pipeline.media import BadImage, MediaLibrary, extension_for
from pipeline.media.images import renditions
from pipeline.publish.figures import Download, Picture

log = logging.getLogger(__name__)
SHA_RE = re.compile(r"[0-9a-f]{64}")


def write_media_files(
    out_dir: Path,
    library: MediaLibrary,
    wanted: Iterable[Picture | Download],
    config: MediaOutput,
    *,
    staging: Path | None = None,
) -> tuple[dict[str, int], list[Path]]:
    """Make every wanted file that is missing; (size of each file present, paths written)."""
    sizes: dict[str, int] = {}
    written: list[Path] = []
    for item in wanted:
        media = item.media
        files = item.files if isinstance(item, Picture) else (item.file,)
        missing = []
        for file in files:
            try:
                sizes[file.path] = (out_dir / file.path).stat().st_size
            except FileNotFoundError:
                missing.append(file)
        if not missing:
            continue
        master = library.read(media.sha256, extension_for(media.content_type))
        if master is None:
            log.warning("media %s is not kept under var/media; not published", media.sha256)
            continue
        try:
            made = (
                renditions(master, [file.width for file in missing], config.format)
                if isinstance(item, Picture)
                else {None: master}
            )
        except (BadImage, OSError, ValueError) as exc:
            log.warning("media %s: renditions failed: %s", media.sha256, exc)
            continue
        for file in missing:
            data = made[file.width if isinstance(item, Picture) else None]
            write_atomic(out_dir / file.path, data, staging=staging)
            sizes[file.path] = len(data)
            written.append(out_dir / file.path)
    return sizes, written


def remove_media_files(out_dir: Path, shas: Iterable[str]) -> list[Path]:
    """Take every file of these kept media out of the channel folder."""
    removed = []
    folder = out_dir / "media"
    for sha in sorted(set(shas)):
        if not SHA_RE.fullmatch(sha):
            continue
        for path in folder.glob(f"{sha}*"):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
