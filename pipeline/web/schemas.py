"""The submission API's answers as pydantic models: what `/api/openapi.json` documents, with
the request bodies and examples the schema adds, and how `/api/docs` shows descriptions."""

from __future__ import annotations

import json
import re

from fastapi import FastAPI
from markupsafe import Markup, escape
from pydantic import BaseModel, Field

from pipeline.ingest.readers import jsonfmt
from pipeline.web.uploads import MAX_IMAGE_PARTS


class ProblemItem(BaseModel):
    field: str
    message: str


class Problems(BaseModel):
    problems: list[ProblemItem]
    id: str | None = None
    status_url: str | None = None


class Accepted(BaseModel):
    id: str
    state: str
    revision: int
    outcome: str  # new | revised | unchanged
    status_url: str
    pending: str | None = Field(
        default=None, description="While live: the review of this newer revision (a correction)."
    )
    live_revision: int | None = Field(default=None, description="The revision readers see.")
    warnings: list[str] = Field(
        default_factory=list,
        description="What was taken but not as sent, e.g. a photo left out and why, and why "
        "it waits for an editor (a possible duplicate of an earlier release).",
    )


class MediaItem(BaseModel):
    """A photo or document kept with the release."""

    filename: str
    content_type: str
    kind: str = Field(description="image | document")
    width: int | None = None
    height: int | None = None
    caption: str = ""
    credit: str = ""
    alt: str = ""


class ReleaseStatus(BaseModel):
    id: str
    source: str
    title: str
    state: str
    revision: int
    received_at: str
    changed_at: str
    publish_at: str | None
    first_published_at: str | None
    embargo_until: str | None = Field(
        default=None,
        description="Sperrfrist: not published before this ISO 8601 date and time (with offset).",
    )
    published_at: str | None = Field(
        default=None,
        description="The release's own date, ISO 8601 with offset: as sent (`published`) or "
        "found in its text; a date alone ('2026-11-24') when the input named no time of day.",
    )
    reason: str | None
    pending: str | None = Field(
        default=None, description="While live: the review of a newer revision (a correction)."
    )
    pending_reason: str | None = Field(
        default=None,
        description="Why an editor rejected that newer revision (`pending` is `rejected`).",
    )
    live_revision: int | None = Field(default=None, description="The revision readers see.")
    duplicate_of: str | None = Field(
        default=None, description="Held as a possible duplicate of this release."
    )
    errors: list[ProblemItem]
    warnings: list[str]
    media: list[MediaItem] = Field(default_factory=list, description="Photos and documents kept.")
    urls: dict[str, str] = Field(
        description="Its page on each portal channel, while published or withdrawn (the page "
        "then shows the withdrawal notice)."
    )
    withdrawal_published: bool | None = Field(
        default=None,
        description="Withdrawn: whether every channel has published the withdrawal yet "
        "(until then readers still see the release). Null unless withdrawn.",
    )


class ReleasePage(BaseModel):
    """One page of this source's releases, newest first."""

    releases: list[ReleaseStatus]
    next: str | None = Field(
        description="URL of the next (older) page; null on the last page.",
    )


# --- examples shown in /api/docs and the OpenAPI schema -----------------------------------

EXAMPLE_ID = "3f9c2a7e81d04b55"
EXAMPLE_STATUS_URL = f"https://melder.example/api/v1/releases/{EXAMPLE_ID}"

RELEASE_EXAMPLE = {
    "title": "Stadt eröffnet neue Bibliothek",
    "teaser": "Am Montag öffnet die neue Bibliothek am Markt mit 40.000 Medien.",
    "text": "Lindenau, 25. November 2026. Die Stadt eröffnet am Montag ihre neue Bibliothek "
    "am Markt.\n\nDie Bibliothek ist montags bis samstags geöffnet. Der Eintritt ist frei.",
    "language": "de",
    "published": "2026-11-25T09:00:00+01:00",
    "embargo_until": "2026-11-25T10:00:00+01:00",
    "contact": "Pressestelle der Stadt Lindenau, Tel. 0341 123456, presse@lindenau.example",
    "categories": ["Kultur", "Bildung"],
    "links": [{"url": "https://lindenau.example/bibliothek", "text": "Die neue Bibliothek"}],
    "url": "https://lindenau.example/presse/2026-117",
    "author": "Pressestelle",
    "images": [
        {
            "url": "https://lindenau.example/presse/bibliothek-lesesaal.jpg",
            "filename": "bibliothek-lesesaal.jpg",
            "caption": "Der Lesesaal der neuen Bibliothek.",
            "credit": "Stadt Lindenau",
            "alt": "Heller Lesesaal mit Regalen und Leseplätzen",
            "license": "Frei zur Berichterstattung über die Eröffnung",
        }
    ],
}

REQUEST_EXAMPLES = {
    "application/json": {
        "release": {"summary": "A release with a photo", "value": RELEASE_EXAMPLE},
        "correction": {
            "summary": "A correction of an earlier release",
            "description": "`replaces` names the release; it gets a new revision, same id and URL.",
            "value": {
                "replaces": EXAMPLE_ID,
                "title": "Stadt eröffnet neue Bibliothek am Dienstag",
                "text": "Lindenau, 25. November 2026. Die Eröffnung ist am Dienstag.",
            },
        },
    },
    "multipart/form-data": {
        "file_with_photo": {
            "summary": "A file and a photo",
            "description": "`curl -F file=@release.html -F image=@lesesaal.jpg "
            '-F caption="Der Lesesaal." -F credit="Stadt Lindenau" -F alt="Heller Lesesaal"` '
            "(the k-th `caption`, `credit`, `alt` and `license` describe the k-th `image`).",
            "value": {
                "file": "release.html",
                "image": ["lesesaal.jpg"],
                "caption": ["Der Lesesaal."],
                "credit": ["Stadt Lindenau"],
                "alt": ["Heller Lesesaal"],
            },
        },
    },
}

ACCEPTED_EXAMPLE = {
    "id": EXAMPLE_ID,
    "state": "queued",
    "revision": 1,
    "outcome": "new",
    "status_url": EXAMPLE_STATUS_URL,
    "pending": None,
    "live_revision": None,
    "warnings": [
        "image logo.svg left out: SVG is not taken (it can carry scripts); send JPEG, PNG or WebP"
    ],
}

PROBLEMS_EXAMPLE = {
    "problems": [
        {"field": "images[0].cpation", "message": "unknown field; did you mean 'caption'?"},
        {
            "field": "published",
            "message": "'25.11.2026' is not an ISO 8601 date and time like "
            "2024-05-03T10:00:00+02:00",
        },
    ]
}

STATUS_EXAMPLE = {
    "id": EXAMPLE_ID,
    "source": "lindenau",
    "title": "Stadt eröffnet neue Bibliothek",
    "state": "published",
    "revision": 1,
    "received_at": "2026-11-24T15:02:11+00:00",
    "changed_at": "2026-11-25T09:00:04+00:00",
    "publish_at": "2026-11-25T09:00:00+00:00",
    "first_published_at": "2026-11-25T09:00:04+00:00",
    "embargo_until": "2026-11-25T10:00:00+01:00",
    "published_at": "2026-11-25T09:00:00+01:00",
    "reason": None,
    "pending": None,
    "pending_reason": None,
    "live_revision": 1,
    "duplicate_of": None,
    "errors": [],
    "warnings": [],
    "media": [
        {
            "filename": "bibliothek-lesesaal.jpg",
            "content_type": "image/jpeg",
            "kind": "image",
            "width": 1600,
            "height": 1067,
            "caption": "Der Lesesaal der neuen Bibliothek.",
            "credit": "Stadt Lindenau",
            "alt": "Heller Lesesaal mit Regalen und Leseplätzen",
        }
    ],
    "urls": {"portal": "https://portal.example/melder/releases/stadt-eroeffnet-neue-bibliothek"},
    "withdrawal_published": None,
}

PAGE_EXAMPLE = {
    "releases": [STATUS_EXAMPLE],
    "next": f"https://melder.example/api/v1/releases?limit=1&after={EXAMPLE_ID}",
}


# Example answers by (path, method, status). Set into the schema after FastAPI built it, which
# would drop every null from an example given to a route, and a client should see the nulls.
RESPONSE_EXAMPLES = {
    ("/api/v1/releases", "post", "201"): {"new release": ACCEPTED_EXAMPLE},
    ("/api/v1/releases", "post", "200"): {
        "sent before": {**ACCEPTED_EXAMPLE, "outcome": "unchanged", "warnings": []}
    },
    ("/api/v1/releases", "post", "422"): {"not a valid release": PROBLEMS_EXAMPLE},
    ("/api/v1/releases/{release_id}", "get", "200"): {"published": STATUS_EXAMPLE},
    ("/api/v1/releases", "get", "200"): {"a page": PAGE_EXAMPLE},
}


# --- the schema and /api/docs ------------------------------------------------------------


def inline_code(text: str | None) -> Markup:
    """A description's Markdown `code` spans as <code>, the rest as text: escaped first, so a
    description never adds markup of its own."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text or ""))))


def example_json(value) -> Markup:
    """An example as indented JSON in its own key order, escaped for a <pre>."""
    return escape(json.dumps(value, indent=2, ensure_ascii=False))


def extend_openapi(app: FastAPI) -> None:
    """Describe the two request bodies (JSON release, multipart file) in the schema, with
    examples of them and of the answers."""
    original = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        submission = getattr(jsonfmt, "ReleaseSubmission", None)
        json_schema = {"type": "object"}
        if submission is not None:
            found = submission.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(found.pop("$defs", {}))
            components["ReleaseSubmission"] = found
            json_schema = {"$ref": "#/components/schemas/ReleaseSubmission"}
        body = schema["paths"]["/api/v1/releases"]["post"]["requestBody"]
        body["content"] = {
            "application/json": {
                "schema": json_schema,
                "examples": REQUEST_EXAMPLES["application/json"],
            },
            "multipart/form-data": {
                "schema": MULTIPART_SCHEMA,
                "examples": REQUEST_EXAMPLES["multipart/form-data"],
            },
        }
        for (path, method, status), named in RESPONSE_EXAMPLES.items():
            answer = schema["paths"][path][method]["responses"][status]["content"]
            answer["application/json"]["examples"] = {
                summary: {"summary": summary, "value": value} for summary, value in named.items()
            }
        return schema

    app.openapi = openapi


def _described(text: str) -> dict:
    return {"type": "array", "items": {"type": "string", "maxLength": 1000}, "description": text}


MULTIPART_SCHEMA = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "The release file."},
        "replaces": {"type": "string", "description": "Id of the release this one corrects."},
        "image": {
            "type": "array",
            "items": {"type": "string", "format": "binary"},
            "maxItems": MAX_IMAGE_PARTS,
            "description": "Photos (or PDFs), the lead photo first.",
        },
        "caption": _described("What the k-th `image` shows."),
        "credit": _described("Photographer or owner of the k-th `image`."),
        "alt": _described("Text for readers who cannot see the k-th `image`."),
        "license": _described("Terms of use of the k-th `image`."),
    },
}
