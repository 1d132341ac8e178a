"""A release's photos and documents as a portal gets them: files, `<figure>`s, JSON-LD.

Which files a channel publishes is known from the kept media alone (sha256, pixel size, the
channel's widths), so every format can name them before a byte is written. Names never
change: `media/<sha256>-<width>.<ext>` for a rendition, `media/<sha256>.<ext>` for a document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from html import escape

from pipeline.config import MediaOutput
from pipeline.media import extension_for, rendition_size
from pipeline.media.images import RENDITION_FORMATS
from pipeline.models import Media, Release
from pipeline.publish.labels import Labels

SIZES_LIMIT = "(max-width: {width}px) 100vw, {width}px"


@dataclass(frozen=True)
class MediaFile:
    path: str  # relative to the channel's folder
    content_type: str
    width: int | None = None
    height: int | None = None
    size: int = 0  # bytes, once written (0 while only planned)


@dataclass(frozen=True)
class Picture:
    media: Media
    files: tuple[MediaFile, ...]  # narrowest first

    @property
    def largest(self) -> MediaFile:
        return self.files[-1]


@dataclass(frozen=True)
class Download:
    media: Media
    file: MediaFile


def planned_media(
    release: Release, config: MediaOutput
) -> tuple[tuple[Picture, ...], tuple[Download, ...]]:
    """The files the channel shows for `release`: renditions of each kept image, each document."""
    pictures, downloads = [], []
    for media in release.media:
        if not media.sha256:
            continue
        if media.is_image and config.images and media.width and media.height:
            pictures.append(Picture(media, _renditions(media, config)))
        elif media.kind == "document" and config.documents:
            path = f"media/{media.sha256}.{extension_for(media.content_type)}"
            downloads.append(Download(media, MediaFile(path, media.content_type, size=media.size)))
    return tuple(pictures), tuple(downloads)


def _renditions(media: Media, config: MediaOutput) -> tuple[MediaFile, ...]:
    _, extension, content_type = RENDITION_FORMATS[config.format]
    files: dict[int, MediaFile] = {}
    for target in sorted(set(config.widths)):
        width, height = rendition_size(media.width, media.height, target)
        files.setdefault(
            width,
            MediaFile(f"media/{media.sha256}-{width}.{extension}", content_type, width, height),
        )
    return tuple(files.values())


def present(
    pictures: tuple[Picture, ...], downloads: tuple[Download, ...], sizes: Mapping[str, int]
) -> tuple[tuple[Picture, ...], tuple[Download, ...]]:
    """Only what was written (with its size): a missing kept file never becomes a dead link."""
    shown = []
    for picture in pictures:
        files = tuple(replace(f, size=sizes[f.path]) for f in picture.files if f.path in sizes)
        if files:
            shown.append(Picture(picture.media, files))
    kept = tuple(
        Download(d.media, replace(d.file, size=sizes[d.file.path]))
        for d in downloads
        if d.file.path in sizes
    )
    return tuple(shown), kept


def figure_html(picture: Picture, link: str, labels: Labels) -> str:
    media, largest = picture.media, picture.largest
    srcset = ", ".join(f"{link}/{f.path} {f.width}w" for f in picture.files)
    caption = _text(media.caption)
    if media.credit:
        label = _text(media.credit_label or labels.photo)
        credit = f'<span class="melder-credit">{label}: {_text(media.credit)}</span>'
        caption = f"{caption} {credit}" if caption else credit
    return "".join(
        [
            '<figure class="melder-figure">',
            f'<img src="{_attr(f"{link}/{largest.path}")}" srcset="{_attr(srcset)}" '
            f'sizes="{SIZES_LIMIT.format(width=largest.width)}" alt="{_attr(media.alt)}" '
            f'width="{largest.width}" height="{largest.height}" loading="lazy">',
            f"<figcaption>{caption}</figcaption>" if caption else "",
            "</figure>",
        ]
    )


def downloads_html(downloads: tuple[Download, ...], link: str, labels: Labels) -> str:
    if not downloads:
        return ""
    rows = [
        f'<li><a href="{_attr(f"{link}/{d.file.path}")}" download="{_attr(d.media.filename)}" '
        f'type="{_attr(d.file.content_type)}">{_text(d.media.filename)}</a> '
        f"({_kind(d.file.content_type)}, {_size(d.file.size)})</li>"
        for d in downloads
    ]
    label = f'<p class="melder-downloads-label">{labels.downloads}:</p>'
    return "\n".join([label, '<ul class="melder-downloads">', *rows, "</ul>"])


def image_objects(pictures: tuple[Picture, ...], link: str) -> list[dict]:
    """schema.org ImageObjects, as Google's Article guidelines ask for."""
    found = []
    for picture in pictures:
        media, largest = picture.media, picture.largest
        data = {
            "@type": "ImageObject",
            "url": f"{link}/{largest.path}",
            "contentUrl": f"{link}/{largest.path}",
            "width": largest.width,
            "height": largest.height,
            "caption": media.caption or None,
            "creditText": media.credit or None,
            "copyrightNotice": f"© {media.credit}" if media.credit else None,
            "license": media.license if media.license.startswith(("http://", "https://")) else None,
        }
        found.append({key: value for key, value in data.items() if value is not None})
    return found


def _kind(content_type: str) -> str:
    extension = extension_for(content_type)
    return extension.upper() if extension != "bin" else "file"


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} kB"


def _text(value: str) -> str:
    return escape(value, quote=False)


def _attr(value: str) -> str:
    return escape(value, quote=True)
