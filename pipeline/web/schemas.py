"""The submission API's answers as pydantic models: what `/api/openapi.json` documents."""

from __future__ import annotations

from pydantic import BaseModel, Field


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
    warnings: list[str] = Field(
        default_factory=list,
        description="What was taken but not as sent, e.g. a photo left out and why.",
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
    reason: str | None
    pending: str | None = Field(
        default=None, description="While live: the review of a newer revision (a correction)."
    )
    live_revision: int | None = Field(default=None, description="The revision readers see.")
    duplicate_of: str | None = Field(
        default=None, description="Held as a possible duplicate of this release."
    )
    errors: list[ProblemItem]
    warnings: list[str]
    media: list[MediaItem] = Field(default_factory=list, description="Photos and documents kept.")
    urls: dict[str, str]
