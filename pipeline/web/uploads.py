"""API refusals, and multipart submissions: the release file in field `file`, its photos in
`image` parts.

Captions, credits, alt texts and licenses come as repeated `caption`, `credit`, `alt` and
`license` fields; the k-th of each describes the k-th image.
"""

from __future__ import annotations

import difflib
import hashlib
from pathlib import Path

from fastapi import Request

from pipeline.ingest.readers import READERS
from pipeline.models import MediaInput

SUFFIXES = sorted(READERS)


class ApiError(Exception):
    """An API refusal: its status and every problem, each named by its field."""

    def __init__(self, status: int, problems: list[dict], headers: dict | None = None, **extra):
        self.status = status
        self.body = {"problems": problems, **extra}
        self.headers = headers or {}


def problem(status: int, field: str, message: str, headers: dict | None = None) -> ApiError:
    return ApiError(status, [{"field": field, "message": message}], headers)


MAX_IMAGE_PARTS = 20
IMAGE_FIELDS = ("caption", "credit", "alt", "license")


async def read_upload(
    request: Request, data: bytes
) -> tuple[bytes, str, str | None, tuple[MediaInput, ...]]:
    """The release file of a multipart body, and its photos: `image` parts, described by
    `caption`, `credit`, `alt` and `license` fields in the same order as the images."""

    async def replay():
        return {"type": "http.request", "body": data, "more_body": False}

    form = await Request(request.scope, replay).form(
        max_files=MAX_IMAGE_PARTS + 2, max_fields=10 + len(IMAGE_FIELDS) * MAX_IMAGE_PARTS
    )
    unknown = sorted({name for name in form.keys() if name not in MULTIPART_FIELDS})
    if unknown:
        raise ApiError(422, [_unknown_field(name) for name in unknown])
    uploads = form.getlist("file")
    if len(uploads) != 1 or isinstance(uploads[0], str):
        raise problem(422, "file", "multipart needs exactly one file in the field `file`")
    upload = uploads[0]
    suffix = Path(upload.filename or "").suffix.lower()
    if suffix not in READERS:
        raise problem(
            422,
            "file",
            f"unsupported file type {suffix or '(none)'!r}; use one of {', '.join(SUFFIXES)}",
        )
    replaces = form.get("replaces")
    replaces = replaces.strip() if isinstance(replaces, str) and replaces.strip() else None
    parts = form.getlist("image")
    if any(isinstance(part, str) for part in parts):
        raise problem(422, "image", "each `image` field must be a file part")
    if len(parts) > MAX_IMAGE_PARTS:
        raise problem(422, "image", f"at most {MAX_IMAGE_PARTS} images per release")
    described = {name: [str(value) for value in form.getlist(name)] for name in IMAGE_FIELDS}
    for name, values in described.items():
        if len(values) > len(parts):
            raise problem(
                422,
                name,
                f"{len(values)} `{name}` fields for {len(parts)} image(s): give one per "
                "`image`, in the same order (an empty one for an image without)",
            )
    images = []
    for index, part in enumerate(parts):
        details = {
            name: values[index][:1000] if index < len(values) else ""
            for name, values in described.items()
        }
        images.append(
            MediaInput(
                data=await part.read(),
                filename=part.filename or f"image-{index + 1}",
                declared_type=part.content_type or "",
                **details,
            )
        )
    return await upload.read(), suffix, replaces, tuple(images)


MULTIPART_FIELDS = frozenset({"file", "image", "replaces", *IMAGE_FIELDS})


def _unknown_field(name: str) -> dict:
    close = difflib.get_close_matches(name, sorted(MULTIPART_FIELDS), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    known = ", ".join(sorted(MULTIPART_FIELDS))
    return {"field": name, "message": f"unknown field{hint} (known: {known})"}


def media_key(images: tuple[MediaInput, ...]) -> bytes:
    """The photos' part of a submission's identity: other photos are another submission."""
    return b"".join(
        hashlib.sha256(image.data or b"").digest()
        + "\0".join(getattr(image, name) for name in IMAGE_FIELDS).encode()
        for image in images
    )
