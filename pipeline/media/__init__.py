"""Media stage: the photos and documents that come with a release, kept safe and small.

Readers name what an input carries (`MediaInput`: a URL, bytes, a caption, a credit); this
stage fetches or reads the bytes, decides their type from the bytes, re-encodes every image
with Pillow (EXIF and GPS gone, bombs and polyglots defused) and keeps the result once under
`var/media/<sha256>`. Publishing makes the portal's renditions from those kept files.

In: `MediaInput`s of a `RawRelease`, the root folder, a guarded `HttpClient`. Out: `Media`
records (plus a warning for each one left out) and rendition bytes. May import:
`pipeline.ingest` (the HTTP client and its guard), `pipeline.config`, `pipeline.models`,
`pipeline.errors`, `pipeline.atomic`.
"""

from pipeline.media.collect import MAX_MEDIA, MediaFetcher
from pipeline.media.images import BadImage, clean_image, rendition, rendition_size
from pipeline.media.library import MediaLibrary
from pipeline.media.sniff import extension_for, sniff

__all__ = [
    "MAX_MEDIA",
    "BadImage",
    "MediaFetcher",
    "MediaLibrary",
    "clean_image",
    "extension_for",
    "rendition",
    "rendition_size",
    "sniff",
]
