"""The submission API under `/api/v1/`: press offices send releases and follow their state.

A token belongs to one source of kind `api`; it can submit as that source and read that
source's releases, nothing else. Every refusal is a JSON list of problems with field paths.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from pipeline.errors import NotFound, Rejected
from pipeline.ingest.client import HttpClient
from pipeline.ingest.readers import InputContext, read_input
from pipeline.media import MediaFetcher
from pipeline.models import MediaInput
from pipeline.runner import keep_submission, note_arrivals, replacing, store_raws
from pipeline.store import users
from pipeline.web import idempotency, schemas
from pipeline.web.api_problems import (
    install_problem_answers,
    json_body_as_utf8,
    schema_problems,
)
from pipeline.web.release_status import status_json
from pipeline.web.schemas import Accepted, Problems, ReleaseStatus
from pipeline.web.state import WebState, now
from pipeline.web.uploads import SUFFIXES, ApiError, media_key, problem, read_upload  # noqa: F401

router = APIRouter(prefix="/api/v1", tags=["releases"])
bearer = HTTPBearer(auto_error=False, description="A source's token from `melder token create`")


ERRORS = {
    401: {"model": Problems, "description": "No token, or an unknown or revoked one"},
    403: {"model": Problems, "description": "The token's source may not submit"},
    429: {"model": Problems, "description": "Over the per-token rate limit; see Retry-After"},
}


def install(app: FastAPI) -> None:
    install_problem_answers(app)

    @app.get("/api/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        web: WebState = request.app.state.web
        schema = request.app.openapi()
        return web.templates.TemplateResponse(request, "apidocs.html", {"schema": schema})

    filters = app.state.web.templates.env.filters
    filters["inline_code"], filters["example_json"] = schemas.inline_code, schemas.example_json
    schemas.extend_openapi(app)


@dataclass(frozen=True)
class Caller:
    web: WebState
    token: users.Token


def caller(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> Caller:
    """The token's owner; 401 without a live token, 429 when it asks too often."""
    web: WebState = request.app.state.web
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise problem(401, "Authorization", "send Authorization: Bearer <token>", challenge)
    token = users.token_for(web.store, credentials.credentials, now=now())
    if token is None:
        raise problem(401, "Authorization", "unknown or revoked token", challenge)
    if token.source not in web.config().sources:  # its source was removed: a dead token
        raise problem(
            401, "Authorization", f"source {token.source!r} takes no API tokens", challenge
        )
    # Polls (GET) have their own allowance, so following a release never blocks submitting.
    limiter = web.api_read_limit if request.method in ("GET", "HEAD") else web.api_limit
    wait = limiter.take(f"token:{token.id}")
    if wait:
        raise problem(
            429,
            "Authorization",
            f"too many requests; retry in {wait} s",
            {"Retry-After": str(wait)},
        )
    return Caller(web, token)


# --- submitting ----------------------------------------------------------------------------


@router.post(
    "/releases",
    status_code=201,
    response_model=Accepted,
    summary="Submit a release",
    description="A JSON release, or multipart/form-data with one file in field `file` "
    f"({', '.join(SUFFIXES)}) and optionally `replaces`. An `Idempotency-Key` makes retries "
    "safe. A submission without an own `id` is a new release unless this source sent the same "
    "bytes before (200, outcome `unchanged`); a correction names its release in `replaces`.",
    responses={
        **ERRORS,
        201: {"description": "A new release, or a new revision; `Location` is its status URL"},
        200: {"model": Accepted, "description": "Sent before: that release, outcome `unchanged`"},
        413: {"model": Problems, "description": "Over the size limit"},
        409: {"model": Problems, "description": "Idempotency-Key reused for another request"},
        415: {"model": Problems, "description": "Neither JSON nor multipart"},
        422: {
            "model": Problems,
            "description": "Every problem, by field path; an uploaded file that is readable "
            "but no valid release is kept as invalid, and its `id` and `status_url` come too",
        },
    },
    openapi_extra={"requestBody": {"required": True, "content": {}}},
)
async def submit(
    request: Request,
    who: Caller = Depends(caller),
    idempotency_key: str | None = Header(
        default=None,
        max_length=200,
        description="Your name for this request; a retry with it "
        "gets the first answer again (`Idempotent-Replayed: true`).",
    ),
) -> Response:
    data = await _body(request, who.web.max_body)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    images: tuple[MediaInput, ...] = ()
    json_body = kind != "multipart/form-data"
    if kind == "multipart/form-data":
        data, suffix, replaces, images = await read_upload(request, data)
    elif kind in ("application/json", ""):
        data = json_body_as_utf8(data, request.headers.get("content-type", ""))
        suffix, replaces = ".json", _json_replaces(data)
    else:
        raise problem(415, "Content-Type", "send application/json or multipart/form-data")
    fingerprint = hashlib.sha256(
        suffix.encode() + b"\0" + (replaces or "").encode() + b"\0" + data + media_key(images)
    ).hexdigest()
    # Reading, normalizing and storing block: they run in the thread pool, not the event loop.
    if idempotency_key:
        replay = await run_in_threadpool(_claim, who, idempotency_key, fingerprint)
        if replay is not None:
            return replay
    try:
        status, body = await run_in_threadpool(
            _accept, who, data, suffix, public_base(request), replaces, images, json_body
        )
    except BaseException:
        if idempotency_key:  # nothing was answered: a retry is processed anew
            await run_in_threadpool(
                idempotency.release_claim, who.web.store.engine, who.token.id, idempotency_key
            )
        raise
    if idempotency_key:
        return await run_in_threadpool(_remember, who, idempotency_key, fingerprint, status, body)
    return _answer(status, body)


def _answer(status: int, body: dict, headers: dict | None = None) -> JSONResponse:
    """A submission's answer; an accepted one (201, 200) says in `Location` where to poll."""
    headers = dict(headers or {})
    if status in (200, 201) and body.get("status_url"):
        headers["Location"] = body["status_url"]
    return JSONResponse(body, status_code=status, headers=headers)


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes the limit."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise problem(413, "body", f"the body is over the limit of {limit:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise problem(413, "body", f"the body is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _json_replaces(data: bytes) -> str | None:
    try:
        value = json.loads(data).get("replaces")
    except (ValueError, AttributeError, UnicodeDecodeError, RecursionError):
        return None  # the schema check names what is wrong with the body
    return value if isinstance(value, str) and value.strip() else None


STORE_ATTEMPTS = 3


def public_base(request: Request) -> str:
    """MELDER_BASE_URL, else nothing: a status URL never takes its host from the request's
    Host header, which the client chooses."""
    web: WebState = request.app.state.web
    return (web.settings.base_url or "").rstrip("/")


def _accept(
    who: Caller,
    data: bytes,
    suffix: str,
    base: str,
    replaces: str | None,
    images: tuple[MediaInput, ...] = (),
    json_body: bool = False,
) -> tuple[int, dict]:
    """Read, normalize and store one submission; invalid ones are kept and listed.

    A JSON body is the request itself: one that misses the schema is refused, as any request
    that breaks the API's contract. An uploaded file is an input like one in a folder or from
    `melder submit`: readable but not a valid release, it is kept as invalid with its id."""
    web, token = who.web, who.token
    source = web.config().sources.get(token.source)
    if source is None or source.kind != "api":
        raise problem(403, "Authorization", f"source {token.source!r} is not an api source")
    if json_body:
        problems = schema_problems(data)
        if problems:
            return 422, {"problems": problems}
    locator = keep_submission(web.root, token.source, data, suffix)
    context = InputContext(
        source=token.source,
        config=source,
        locator=locator,
        received_at=now(),
        route="api",
        kept=locator,
        sender=f"token {token.hint}…",
    )
    try:
        raw = replacing(web.store, read_input(data, suffix, context), token.source, replaces)
    except (NotFound, Rejected) as exc:
        if isinstance(exc, Rejected) and exc.field != "replaces":
            return 422, {"problems": [{"field": exc.field, "message": exc.reason}]}
        # another source's release is as unknown to a token as an id that does not exist
        problems = [{"field": "replaces", "message": f"no release {replaces!r} of this source"}]
        return 422, {"problems": problems}
    if images:
        digest = hashlib.sha256(raw.content_hash.encode() + media_key(images)).hexdigest()
        raw = raw.model_copy(update={"media": raw.media + images, "content_hash": digest})
    client = HttpClient(contact=web.settings.base_url)
    try:
        media = MediaFetcher.for_source(web.root, token.source, source, client)
        for attempt in range(STORE_ATTEMPTS):
            try:
                [(release, saved)] = store_raws(
                    web.store, token.source, source, [(raw, locator)], now=now(),
                    actor=f"api:{token.source}", media=media,
                )  # fmt: skip
                break
            except IntegrityError:
                # the same new release stored by a request at the same moment: stored again
                # now, it is that one's next revision or unchanged
                if attempt == STORE_ATTEMPTS - 1:
                    raise problem(
                        503,
                        "id",
                        "this release is being stored by other requests at the same moment; "
                        "send it again in a second",
                        {"Retry-After": "1"},
                    ) from None
    finally:
        client.close()
    note_arrivals(web.store, token.source, [saved], now=now())
    status_url = f"{base}/api/v1/releases/{saved.release_id}"
    if release.errors:
        problems = [{"field": p.field, "message": p.message} for p in release.errors]
        return 422, {"problems": problems, "id": saved.release_id, "status_url": status_url}
    # what this request's save did: a request at the same moment may have stored more since
    stored = status_json(web, web.store.get(saved.release_id, history=False))
    return 200 if saved.outcome == "unchanged" else 201, {
        "id": saved.release_id,
        "state": saved.state.value,
        "revision": saved.revision,
        "outcome": saved.outcome,
        "status_url": status_url,
        "pending": stored["pending"],
        "live_revision": stored["live_revision"],
        # the store's own notes too: why it waits (a possible duplicate), a correction's
        "warnings": list(dict.fromkeys((*release.warnings, *stored["warnings"]))),
    }


# --- idempotency ---------------------------------------------------------------------------


def _claim(who: Caller, key: str, fingerprint: str) -> Response | None:
    """None when this request holds the key now; else the answer it gets instead."""
    engine = who.web.store.engine
    try:
        found = idempotency.replay(engine, who.token.id, key, fingerprint)
        if found is None:
            idempotency.claim(engine, who.token.id, key, fingerprint, now=now())
            return None
    except idempotency.KeyReused:
        raise problem(409, "Idempotency-Key", "this key was used for a different request") from None
    except idempotency.InProgress:
        raise problem(
            409,
            "Idempotency-Key",
            "a request with this key is being processed; retry in a few seconds for its answer",
            {"Retry-After": "2"},
        ) from None
    except idempotency.Answered as answered:
        found = (answered.status, answered.body)
    status, body = found
    return _answer(status, body, {"Idempotent-Replayed": "true"})


def _remember(who: Caller, key: str, fingerprint: str, status: int, body: dict) -> Response:
    status, body = idempotency.remember(
        who.web.store.engine, who.token.id, key, fingerprint, status, body
    )
    return _answer(status, body)


# --- following a release -------------------------------------------------------------------


@router.get(
    "/releases/{release_id}",
    response_model=ReleaseStatus,
    summary="State and public URLs of a release this source sent",
    responses={**ERRORS, 404: {"model": Problems, "description": "No such release of yours"}},
)
def release_status(release_id: str, who: Caller = Depends(caller)) -> dict:
    web = who.web
    try:
        view = web.store.get(release_id, history=False)
    except NotFound:
        view = None
    # Another source's release answers exactly like a missing one: ids are not disclosed.
    if view is None or view.release.id != release_id or view.release.source != who.token.source:
        raise problem(404, "id", "no release with this id from your source")
    return jsonable_encoder(status_json(web, view))
