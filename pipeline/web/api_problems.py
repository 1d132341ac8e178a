"""How the API says no: every refusal as `{"problems": [{"field", "message"}]}`, named by the
field (a JSON path, a query parameter as sent), whatever part of the stack refused.
"""

from __future__ import annotations

import difflib
import json
import re

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipeline.ingest.readers import jsonfmt
from pipeline.ingest.readers.jsontext import (
    MAX_NESTING,
    NotJsonText,
    NumberTooLong,
    json_text,
    load_json,
    nesting_depth,
    repeated_key_message,
    syntax_message,
)
from pipeline.ingest.readers.submission import SubmissionProblems, validate_submission
from pipeline.models import MAX_PROBLEMS, Problem, capped_problems, more_problems
from pipeline.web.uploads import ApiError, problem


def install_problem_answers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> Response:
        return JSONResponse(exc.body, status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = pydantic_problems(exc.errors()) + unknown_query_parameters(request)
        return JSONResponse({"problems": problems}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """An API client gets every refusal as problems, also those made before a route ran
        ('Missing boundary in multipart.', 'Too many fields.'); pages get FastAPI's answer."""
        if not request.url.path.startswith("/api/"):
            return await http_exception_handler(request, exc)
        field = "body" if exc.status_code in (400, 413) else "request"
        problems = [{"field": field, "message": str(exc.detail)}]
        return JSONResponse({"problems": problems}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))  # fmt: skip


def unknown_query_parameters(request: Request) -> list[dict]:
    """The query parameters the matched route does not take ('sate=queued' would list every
    release as if it were obeyed), each with the nearest known name."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None or not request.url.path.startswith("/api/"):
        return []
    known = [param.alias for param in dependant.query_params]
    unknown = [name for name in dict.fromkeys(request.query_params) if name not in known]
    found = []
    shown = unknown if len(unknown) <= MAX_PROBLEMS + 1 else unknown[:MAX_PROBLEMS]
    for name in shown:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"
        found.append({"field": name, "message": f"unknown field; {hint}"})
    if len(unknown) > len(found):
        found.append(more_problems(unknown[len(found) :], "unknown fields").model_dump())
    return found


def repeated_query_parameters(request: Request) -> list[dict]:
    """Parameters given more than once ('state=queued&state=approved'): a route takes one
    value of each and would silently obey only the last."""
    counts: dict[str, int] = {}
    for name, _ in request.query_params.multi_items():
        counts[name] = counts.get(name, 0) + 1
    return [
        {"field": name, "message": f"given {count} times; give one {name}"}
        for name, count in counts.items()
        if count > 1
    ]


REQUEST_PARTS = ("body", "query", "path", "header", "cookie")


def pydantic_problems(errors) -> list[dict]:
    """FastAPI's own request validation (query, path, header) in the words of the JSON reader:
    a parameter is named as sent (`limit`, `Idempotency-Key`), nested ones by JSON path."""
    named = []
    for error in errors:
        where, *loc = error.get("loc") or ("body",)
        if where not in REQUEST_PARTS:
            loc = [where, *loc]
        elif where == "header" and loc:
            loc[0] = "-".join(word.capitalize() for word in str(loc[0]).split("-"))
        named.append({**error, "loc": tuple(loc) or ("body",)})
    problems = [problem.model_dump() for problem in jsonfmt.describe_error_list(named)]
    for found, error in zip(problems, named, strict=False):  # the last may count the rest
        if found["message"].startswith("String should match pattern"):
            # pydantic would show the regular expression; no API parameter has one so far
            found["message"] = f"{error.get('input')!r} is not in the form this field takes"
    return problems


_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def json_body_as_utf8(data: bytes, content_type: str) -> bytes:
    """A JSON body as UTF-8, from a byte-order mark or the charset its Content-Type declares,
    so that the schema check, `replaces` and the reader all read one text; a body that is
    empty or in no charset it names is refused with what to send."""
    declared = _CHARSET.search(content_type)
    try:
        return json_text(data, declared.group(1) if declared else None).encode("utf-8")
    except NotJsonText as exc:
        raise problem(422, "body", str(exc)) from None


def schema_problems(data: bytes) -> list[dict]:
    """Every way a JSON body misses the release schema, by field path; [] when it fits."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [{"field": "body", "message": f"not valid JSON: {exc}"}]
    if nesting_depth(text) > MAX_NESTING:
        message = f"nested deeper than {MAX_NESTING} levels; a release is flat"
        return [{"field": "body", "message": message}]
    try:
        value, repeated = load_json(text)
    except json.JSONDecodeError as exc:
        return [{"field": "body", "message": f"not valid JSON: {syntax_message(text, exc)}"}]
    except NumberTooLong as exc:
        return [{"field": exc.field, "message": exc.message}]
    if repeated:
        problems = (Problem(field=key, message=repeated_key_message(key)) for key in repeated)
        return [
            found.model_dump() for found in capped_problems(problems, "fields given more than once")
        ]
    schema = getattr(jsonfmt, "ReleaseSubmission", None)
    if schema is None:
        return []
    # the same words `melder check` and a JSON file in an inbox get: JSON paths, "did you mean"
    try:
        if isinstance(value, dict):
            validate_submission(value, data)
        else:
            schema.model_validate_json(data)
    except SubmissionProblems as exc:
        return [problem.model_dump() for problem in exc.problems]
    except ValidationError as exc:
        return [problem.model_dump() for problem in jsonfmt.describe_errors(exc)]
    return []
