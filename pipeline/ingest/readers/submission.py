"""The schema of a submitted release and the words for every way a submission misses it.

`ReleaseSubmission` is the one definition of a submitted release: the JSON file reader and the
HTTP API both validate against it, so a press office gets the same answer either way. Every
mistake is reported with its JSON path (`links[0].url`), never only the first one.
"""

from __future__ import annotations

import base64
import binascii
import difflib
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from pipeline.ingest.readers.jsontext import wrong_kind_message
from pipeline.models import MAX_HEADLINE, MAX_PROBLEMS, MediaInput, Problem, more_problems

_HTTP_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
_LANGUAGE = r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$"
_DATE_ALONE = re.compile(r"\s*\d{4}-\d{2}-\d{2}\s*")


def _http_url(value: str) -> str:
    value = value.strip()
    if not _HTTP_URL.match(value):
        raise ValueError("must be an absolute http:// or https:// URL")
    return value


class SubmittedLink(BaseModel):
    """A link that belongs to the release (downloads, the original on the sender's site)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    url: str = Field(max_length=2000, description="Absolute http(s) URL.")
    text: str = Field(
        default="", max_length=500, description="Link text; the URL is shown when empty."
    )

    _url = field_validator("url")(classmethod(lambda cls, value: _http_url(value)))


class SubmittedImage(BaseModel):
    """A photo (or a PDF) that belongs to the release: a URL Melder fetches, or the bytes."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    url: str | None = Field(
        default=None,
        description="Absolute http(s) URL Melder fetches (at most 2,000 characters), or a "
        "`data:image/...;base64,` URL.",
    )
    data: str | None = Field(
        default=None,
        description="The file's bytes in base64 (or as a data: URL) instead of `url`.",
    )
    filename: str = Field(default="", max_length=200, description="The file's name.")
    caption: str = Field(default="", max_length=1000, description="What the photo shows.")
    credit: str = Field(
        default="", max_length=200, description="Photographer or owner, e.g. 'Stadt Leipzig'."
    )
    alt: str = Field(default="", max_length=500, description="Text for readers who cannot see it.")
    license: str = Field(default="", max_length=300, description="Terms of use.")

    @field_validator("url")
    @classmethod
    def _web_or_data_url(cls, url: str | None) -> str | None:
        """Checked as a field, so that it is named (`images[0].url`) beside other mistakes."""
        if url and not url.lower().startswith("data:"):
            if len(url) > 2000:
                raise ValueError("longer than 2,000 characters")
            _http_url(url)
        return url

    @model_validator(mode="after")
    def _one_source(self) -> SubmittedImage:
        if bool(self.url) == bool(self.data):
            raise ValueError("give either 'url' or 'data'")
        return self

    def media_input(self) -> MediaInput:
        details = {
            "filename": self.filename,
            "caption": self.caption,
            "credit": self.credit,
            "alt": self.alt,
            "license": self.license,
        }
        if self.url:
            return MediaInput(url=self.url, **details)
        if self.data.lower().startswith("data:"):
            return MediaInput(url=self.data, **details)
        try:
            data = base64.b64decode(re.sub(r"\s+", "", self.data), validate=True)
        except (binascii.Error, ValueError):
            return MediaInput(url="data:,", **details)  # the media stage says what is wrong
        return MediaInput(data=data, **details)


class ReleaseSubmission(BaseModel):
    """One press release as a press office submits it (JSON file or API request body)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=MAX_HEADLINE, description="The headline.")
    text: str | None = Field(
        default=None,
        description="Body as plain text; paragraphs are separated by blank lines.",
    )
    body_html: str | None = Field(
        default=None,
        description="Body as HTML (p, h2-h4, lists, links); sanitized before publishing.",
    )
    teaser: str | None = Field(
        default=None, max_length=2000, description="One or two sentences for lists."
    )
    language: str | None = Field(
        default=None, pattern=_LANGUAGE, description="Language code such as 'de' or 'en'."
    )
    published: datetime | None = Field(
        default=None,
        description="ISO 8601 date and time; without an offset the source's time zone applies. "
        "A date alone ('2026-11-24') stays a date: no time of day is made up.",
    )
    embargo_until: datetime | None = Field(
        default=None,
        description="Sperrfrist: not published before this ISO 8601 date and time.",
    )
    contact: str | None = Field(
        default=None, max_length=5000, description="Press contact as free text."
    )
    categories: list[Annotated[str, Field(max_length=100)]] = Field(
        default_factory=list, max_length=50, description="Topics or tags."
    )
    links: list[SubmittedLink] = Field(
        default_factory=list, max_length=100, description="Related links."
    )
    url: str | None = Field(
        default=None,
        max_length=2000,
        description="Canonical URL of the release on the sender's site.",
    )
    id: str | None = Field(
        default=None,
        max_length=200,
        description="The sender's own id; resubmitting the same id updates the release.",
    )
    author: str | None = Field(default=None, max_length=300, description="Who wrote the release.")
    images: list[SubmittedImage] = Field(
        default_factory=list,
        max_length=20,
        description="Press photos (and PDFs), the lead photo first; each with caption, credit "
        "and alt text.",
    )
    replaces: str | None = Field(
        default=None,
        max_length=64,
        description="Id of a release of this source that this one corrects: it becomes that "
        "release's next revision (same id and URL). Without it, and without `id`, every "
        "submission with other content is a new release.",
    )

    @field_validator("id", "replaces", mode="before")
    @classmethod
    def _number_is_text(cls, value: Any) -> Any:
        """A CMS's numeric id (`"id": 4711`) is the id as text."""
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else _http_url(value)

    @field_validator("published", "embargo_until", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        """A CMS export writes an unset date as "": no date, no embargo."""
        return None if isinstance(value, str) and not value.strip() else value

    # "published": "2026-11-24" names a day, not its midnight; read as a datetime it would
    # go out at 00:00 as if the sender had said so
    _published_date_alone: bool = PrivateAttr(default=False)

    @property
    def published_date_alone(self) -> bool:
        return self._published_date_alone

    @model_validator(mode="wrap")
    @classmethod
    def _note_date_alone(cls, data: Any, handler) -> ReleaseSubmission:
        submission = handler(data)
        if isinstance(data, dict) and isinstance(data.get("published"), str):
            submission._published_date_alone = bool(_DATE_ALONE.fullmatch(data["published"]))
        return submission

    @model_validator(mode="after")
    def _has_body(self) -> ReleaseSubmission:
        if not (self.text or "").strip() and not (self.body_html or "").strip():
            raise ValueError(MISSING_BODY)
        return self


MISSING_BODY = "give the body as 'text' (plain text) or 'body_html'"


def validate_submission(raw: dict, data: bytes | None = None) -> ReleaseSubmission:
    """`raw` (or the JSON text `data` it was read from) as a `ReleaseSubmission`; raises
    `SubmissionProblems`. Of many unknown keys only the first few go through pydantic, which
    would describe each of 200,000 keys."""
    unknown = [key for key in raw if key not in ReleaseSubmission.model_fields]
    left_out = unknown[MAX_PROBLEMS:] if len(unknown) > MAX_PROBLEMS + 1 else []
    if left_out:
        dropped = set(left_out)
        raw = {key: value for key, value in raw.items() if key not in dropped}
    try:
        if data is not None and not left_out:  # JSON mode reads dates as JSON text does
            return ReleaseSubmission.model_validate_json(data)
        return ReleaseSubmission.model_validate(raw)
    except ValidationError as exc:
        raise SubmissionProblems(describe_error_list(exc.errors(), left_out)) from None


class SubmissionProblems(ValueError):
    """Every way a submission misses the schema, at most `MAX_PROBLEMS` and one more."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problems")


def describe_errors(exc: ValidationError) -> list[Problem]:
    """One Problem per validation error, named by its JSON path."""
    return describe_error_list(exc.errors())


def describe_error_list(errors: Iterable[dict], unknown_keys: list[str] = ()) -> list[Problem]:
    """`describe_errors` for pydantic error dicts taken out of their exception, as FastAPI's
    request validation hands them over: the API answers in the same words as `melder check`.
    `unknown_keys` are more unknown top-level keys, counted with the problems not listed."""
    errors = list(errors)
    if len(errors) + len(unknown_keys) <= MAX_PROBLEMS + 1:
        shown = errors
    else:
        shown = errors[:MAX_PROBLEMS]
    said: set[tuple[str, ...]] = set()
    problems = [
        Problem(field=json_path(error["loc"]) or "json", message=_message(error, said))
        for error in shown
    ]
    rest = errors[len(shown) :]
    if rest or unknown_keys:
        unknown = all(error["type"] == "extra_forbidden" for error in rest)
        fields = [json_path(error["loc"]) or "json" for error in rest] + list(unknown_keys)
        problems.append(more_problems(fields, "unknown fields" if unknown else "problems"))
    return problems


def json_path(loc: tuple) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _message(error: dict, said: set[tuple[str, ...]]) -> str:
    """What is wrong, in a sender's words; `said` holds the lists of known fields already
    given, so that a file of many unknown keys lists them once."""
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        known = _known_fields(error["loc"])
        value = error.get("input")
        nested = _nested_fields(value, name, known) if isinstance(value, dict) else []
        if nested:  # {"release": {"title": …}}, a CMS's {"data": {"attributes": {…}}}
            moves = ", ".join(
                f"{path} as {field}" if path.rpartition(".")[2] != field else path
                for path, field in nested
            )
            return (
                f"the release's fields belong at the top level, not inside {name!r}: give {moves}"
            )
        if ALIASES.get(name.casefold()) in known:  # a release's field, not a photo's
            field = ALIASES[name.casefold()]
            if field == "body_html" and not re.search(r"</?[a-zA-Z][^<>]*>", str(value)):
                field = "text"  # a body of plain text
            return f"unknown field; use {field!r} for it"
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        if close:
            return f"unknown field; did you mean {close[0]!r}?"
        if tuple(known) in said:
            return "unknown field"
        said.add(tuple(known))
        return f"unknown field; known fields: {', '.join(known)}"
    if wrong_kind := wrong_kind_message(kind, error.get("input")):
        return wrong_kind
    if kind.startswith(("datetime", "date_")):
        return f"{error['input']!r} is not an ISO 8601 date and time like 2024-05-03T10:00:00+02:00"
    if kind == "string_pattern_mismatch" and error["loc"][-1] == "language":
        return "must be a language code such as 'de' or 'en'"
    return error["msg"].removeprefix("Value error, ")


# What CMS exports call the fields of a release
ALIASES = {
    "headline": "title",
    "heading": "title",
    "subline": "teaser",
    "subtitle": "teaser",
    "summary": "teaser",
    "lead": "teaser",
    "body": "body_html",
    "content": "body_html",
    "html": "body_html",
    "date": "published",
    "publishedat": "published",
    "published_at": "published",
    "pubdate": "published",
    "datepublished": "published",
    "tags": "categories",
    "tag": "categories",
    "keywords": "categories",
    "category": "categories",
    "topics": "categories",
}


def _nested_fields(value: dict, path: str, known: list[str], depth: int = 3) -> list[tuple]:
    """(JSON path, release field) for each field of a release found inside `value`."""
    found = []
    for key, inner in value.items():
        here = f"{path}.{key}"
        field = key if key in known else ALIASES.get(str(key).casefold())
        if field and not isinstance(inner, dict):
            found.append((here, field))
        elif isinstance(inner, dict) and depth > 1:
            found += _nested_fields(inner, here, known, depth - 1)
    return found if any(field != "id" for _, field in found) else []


def _known_fields(loc: tuple) -> list[str]:
    inside = {"links": SubmittedLink, "images": SubmittedImage}
    model = inside.get(loc[0], ReleaseSubmission) if len(loc) > 1 else ReleaseSubmission
    return list(model.model_fields)
