"""`/desk/media/…`: the kept photos and documents for editors, and the preview's renditions.

Only editors see them, and only files the media stage kept (named by their sha256). The type
is sniffed from the bytes again; documents are always downloads, never shown inline.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from pipeline.media import BadImage, MediaLibrary, rendition, sniff
from pipeline.web.desk import Page, editor

router = APIRouter(prefix="/desk/media", include_in_schema=False)
NAME_RE = re.compile(r"^([0-9a-f]{64})(?:-(\d{2,4}))?\.([a-z]{3,4})$")
FORMATS = {"jpg": "jpeg", "webp": "webp"}
MASTER_EXTENSIONS = ("jpg", "png")
HEADERS = {
    "Cache-Control": "private, max-age=86400, immutable",
    "Content-Security-Policy": "sandbox; default-src 'none'",
}


@router.get("/{name}")
def media_file(name: str, p: Page = Depends(editor)) -> Response:
    match = NAME_RE.match(name)
    if match is None:
        return Response(status_code=404)
    sha, width, extension = match.groups()
    library = MediaLibrary(p.web.root)
    if width is None:
        data = library.read(sha, extension)
        if data is None:
            return Response(status_code=404)
        found = sniff(data)
        headers = dict(HEADERS)
        if found.kind != "image":
            headers["Content-Disposition"] = f'attachment; filename="{sha[:12]}.{extension}"'
        return Response(data, media_type=found.content_type, headers=headers)
    if extension not in FORMATS or not 100 <= int(width) <= 3000:
        return Response(status_code=404)
    data = _scaled(p.web.root, sha, int(width), FORMATS[extension])
    if data is None:
        return Response(status_code=404)
    return Response(data, media_type=f"image/{FORMATS[extension]}", headers=HEADERS)


@lru_cache(maxsize=128)
def _scaled(root: Path, sha: str, width: int, image_format: str) -> bytes | None:
    library = MediaLibrary(root)
    for extension in MASTER_EXTENSIONS:
        master = library.read(sha, extension)
        if master is not None:
            try:
                return rendition(master, width, image_format)
            except (BadImage, OSError, ValueError):
                return None
    return None
