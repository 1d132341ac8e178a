"""Reader for JSON releases (.json): the text parsed with every key once, then checked
against `ReleaseSubmission` (in `submission`), which the submission API checks against too.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from pipeline.extract.decode import decode_text
from pipeline.ingest.readers.context import InputContext, content_hash, without_lone_surrogates
from pipeline.ingest.readers.html import body_photos
from pipeline.ingest.readers.jsontext import (
    MAX_NESTING,
    NumberTooLong,
    load_json,
    nesting_depth,
    repeated_key_message,
    syntax_message,
)
from pipeline.ingest.readers.submission import (
    MISSING_BODY,
    ReleaseSubmission,
    SubmissionProblems,
    describe_error_list,
    describe_errors,
    validate_submission,
)
from pipeline.ingest.readers.wordpress import wordpress_post
from pipeline.models import Link, Problem, RawRelease, capped_problems

__all__ = ["ReleaseSubmission", "describe_error_list", "describe_errors", "read"]


def read(data: bytes, context: InputContext) -> RawRelease:

    raw, problems, notes = parse_submission(data)
    values: dict[str, Any] = {
        "source": context.source,
        "identity": context.locator,
        "format": "json",
        "provenance": context.provenance(),
        "content_hash": content_hash(data),
        "problems": tuple(problems),
        "warnings": tuple(notes),
    }
    if isinstance(raw, ReleaseSubmission):
        values.update(release_fields(raw, context.base_url))
    elif isinstance(raw, dict):  # invalid, but keep what is readable for the editor's view
        values.update(_readable_fields(raw, context.base_url))
    return RawRelease(**values)


def _readable_fields(raw: dict, base_url: str | None) -> dict[str, Any]:
    """Each field of an invalid submission that is valid on its own: its `id` above all, so
    that the corrected file is the same release's next revision."""
    valid = {}
    for name in ReleaseSubmission.model_fields.keys() & raw.keys():
        try:
            probe = ReleaseSubmission.model_validate({"title": "-", "text": "-", name: raw[name]})
        except ValidationError:
            continue
        valid[name] = getattr(probe, name)
    partial = ReleaseSubmission.model_construct(**{"title": None, "text": None, **valid})
    fields = release_fields(partial, base_url)
    title, text, html = raw.get("title"), raw.get("text"), raw.get("body_html")
    return {
        **fields,
        "title": title if isinstance(title, str) else None,
        "body_html": html if _non_empty(html) else None,
        "body_text": text if isinstance(text, str) else None,
    }


def parse_submission(
    data: bytes,
) -> tuple[ReleaseSubmission | dict | None, list[Problem], list[str]]:
    """The validated submission, or the raw object (if any) with every problem found, and
    notes on what was changed to read it."""
    removed = []
    raw, problems = _parsed_submission(data, removed)
    notes = [f"{sum(removed)} NUL character(s) (\\u0000) removed from the text"]
    return raw, problems, notes if sum(removed) else []


def _without_nul_characters(value: Any, removed: list[int]) -> Any:
    """`value` with every NUL character a sender's tool left in its strings taken out (no
    text shows it, and a database column may refuse it); each count is added to `removed`."""
    if isinstance(value, str):
        removed.append(value.count("\0"))
        return value.replace("\0", "")
    if isinstance(value, dict):
        return {key: _without_nul_characters(item, removed) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_nul_characters(item, removed) for item in value]
    return value


def _parsed_submission(
    data: bytes, removed: list[int]
) -> tuple[ReleaseSubmission | dict | None, list[Problem]]:
    text = decode_text(data).text
    if nesting_depth(text) > MAX_NESTING:
        message = f"nested deeper than {MAX_NESTING} levels of [ ] and {{ }}; a release is flat"
        return None, [Problem(field="json", message=message)]
    try:
        parsed, repeated = load_json(text)
    except json.JSONDecodeError as exc:
        return None, [Problem(field="json", message=syntax_message(text, exc))]
    except NumberTooLong as exc:
        return None, [Problem(field=exc.field, message=exc.message)]
    raw, broken = without_lone_surrogates(_without_nul_characters(parsed, removed))
    if repeated and isinstance(raw, dict):  # kept, for an editor, but never as it came
        problems = (Problem(field=key, message=repeated_key_message(key)) for key in repeated)
        return raw, capped_problems(problems, "fields given more than once")
    if broken:  # kept readable, but the sender's text is damaged: an editor must look
        message = "holds a lone UTF-16 surrogate (\\udXXX), replaced by �; send valid Unicode"
        problems = (Problem(field=path, message=message) for path in broken)
        return raw if isinstance(raw, dict) else None, capped_problems(
            problems, "fields with a lone surrogate"
        )
    if isinstance(raw, dict):
        raw = wordpress_post(raw) or raw
    if not isinstance(raw, dict):
        held = f"; this file holds a list of {len(raw)}" if isinstance(raw, list) else ""
        message = f"expected one JSON object {{...}} per release{held}: one release per file"
        return None, [Problem(field="json", message=message)]
    try:
        return validate_submission(raw), []
    except SubmissionProblems as exc:
        problems = exc.problems
        # the body check runs only once every field is valid; report it with the rest
        if not any(_non_empty(raw.get(key)) for key in ("text", "body_html")):
            if not any(problem.message == MISSING_BODY for problem in problems):
                problems.append(Problem(field="json", message=MISSING_BODY))
        return raw, problems


def _non_empty(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def release_fields(submission: ReleaseSubmission, base_url: str | None) -> dict[str, Any]:
    """What a valid submission contributes to its RawRelease."""
    values = {
        "title": submission.title,
        "teaser": submission.teaser,
        "body_html": submission.body_html or None,
        "body_text": None if submission.body_html else submission.text,
        "published": submission.published,
        "embargo_until": submission.embargo_until,
        "language": submission.language,
        "base_url": submission.url or base_url,
        "contact": submission.contact,
        "categories": tuple(submission.categories),
        "links": tuple(Link(url=link.url, text=link.text) for link in submission.links),
        "media": body_photos(
            submission.body_html,
            submission.url or base_url,
            tuple(image.media_input() for image in submission.images),
        ),
    }
    if submission.published and getattr(submission, "published_date_alone", False):
        # read as a day, like a date alone in any other input: kept a date, and said so
        values["published"] = None
        values["published_text"] = submission.published.date().isoformat()
    if submission.id or submission.url:
        values["identity"] = submission.id or submission.url
    return values
