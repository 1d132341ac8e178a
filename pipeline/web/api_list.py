"""`GET /api/v1/releases`: a press office's own releases, newest first, a page at a time.

Pages are keyset pages (`after` = the last id of the page before, not an offset), so a release
arriving while a client pages never shifts or repeats an entry, and a deep page costs no more
than the first. Another source's releases never appear, not even as a cursor.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.encoders import jsonable_encoder

from pipeline.errors import NotFound
from pipeline.models import State
from pipeline.web.api import ERRORS, Caller, caller, public_base
from pipeline.web.api_problems import repeated_query_parameters, unknown_query_parameters
from pipeline.web.release_status import status_json
from pipeline.web.schemas import Problems, ReleasePage
from pipeline.web.uploads import ApiError, problem

router = APIRouter(prefix="/api/v1", tags=["releases"])

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
STATES = ", ".join(f"`{state.value}`" for state in State)


@router.get(
    "/releases",
    response_model=ReleasePage,
    summary="This source's releases, newest first",
    description="Each release with the fields of its status, newest first (arrival, then id), "
    "`limit` at a time; `next` is the URL of the next page, null on the last one. "
    "`state=queued` also lists live releases whose correction waits for review (`pending`).",
    responses={
        **ERRORS,
        404: {"model": Problems, "description": "`after` is no release of yours"},
        422: {
            "model": Problems,
            "description": "An unknown `state`, a `limit` out of range, or a parameter given "
            "more than once",
        },
    },
)
def list_releases(
    request: Request,
    who: Caller = Depends(caller),
    state: State | None = Query(default=None, description=f"Only this state: one of {STATES}."),
    limit: int = Query(
        default=DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"Releases per page, 1 to {MAX_LIMIT}.",
    ),
    after: str | None = Query(
        default=None, max_length=64, description="The id of the last release of the page before."
    ),
) -> dict:
    _known_parameters(request)
    web = who.web
    position = _position(who, after) if after else None
    # One more than asked tells whether another page follows, so the last page says so itself
    # instead of sending the client to an empty one.
    views = web.store.search(source=who.token.source, state=state, limit=limit + 1, after=position)
    page = views[:limit]
    next_url = None
    if len(views) > limit:
        query = {"state": state.value} if state else {}
        query |= {"limit": limit, "after": page[-1].release.id}
        next_url = f"{public_base(request)}/api/v1/releases?{urlencode(query)}"
    config = web.config()  # read once for the page, not once per release
    releases = [status_json(web, view, config) for view in page]
    return jsonable_encoder({"releases": releases, "next": next_url})


def _known_parameters(request: Request) -> None:
    if problems := unknown_query_parameters(request) + repeated_query_parameters(request):
        raise ApiError(422, problems)


def _position(who: Caller, release_id: str) -> tuple[datetime, str]:
    """Where the page behind `release_id` starts: (arrival, id) of a release of the caller's
    own source; any other id answers like a missing one, so ids are not disclosed."""
    try:
        view = who.web.store.get(release_id, history=False)
    except NotFound:
        view = None
    if view is None or view.release.id != release_id or view.release.source != who.token.source:
        raise problem(404, "after", "no release with this id from your source")
    return view.created_at, view.release.id
