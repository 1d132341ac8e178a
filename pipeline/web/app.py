"""The web app: one FastAPI application with the desk, the submission API and the feeds."""

from __future__ import annotations

import html
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from pipeline.config.settings import Settings
from pipeline.errors import ConfigError
from pipeline.web import admin, api, api_list, decisions, desk, media, queue
from pipeline.web.feeds import FeedServer
from pipeline.web.i18n import Words, choose_language
from pipeline.web.limits import BodyLimits
from pipeline.web.security import MIN_KEY_LENGTH
from pipeline.web.state import HERE, Limits, WebState

# The desk loads nothing from elsewhere and runs no inline script: even a payload that got past
# every sanitizer could not execute or phone home.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class MelderApp(FastAPI):
    """FastAPI with `/feeds/` answered before the framework's middleware and routing."""

    feed_server: FeedServer

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/feeds/"):
            await self.feed_server(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


class SecurityHeaders:
    """Adds the security headers to every response of the desk and the API."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        api = scope["path"].startswith("/api/")

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), *SECURITY_HEADERS]
                if api and not any(key.lower() == b"cache-control" for key, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """HEAD answered as GET without the body (RFC 9110): monitors and load balancers probe
    `/healthz` and pages with HEAD, and FastAPI's GET routes would answer 405."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def create_app(root: Path, settings: Settings, *, limits: Limits | None = None) -> FastAPI:
    """The whole web app for the Melder folder `root`."""
    if len(settings.secret_key) < MIN_KEY_LENGTH:
        raise ConfigError(
            [f"MELDER_SECRET_KEY: must be at least {MIN_KEY_LENGTH} characters (it signs sessions)"]
        )

    web = WebState(root.resolve(), settings, limits or Limits())

    @asynccontextmanager
    async def lifespan(_app):
        yield
        web.store.close()

    app = MelderApp(
        title="Melder submission API",
        version="1",
        summary="Press offices submit releases and follow their state.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = web
    app.feed_server = FeedServer(web.feeds)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimits, api_limit=web.max_body)
    app.add_middleware(HeadAsGet)
    app.mount("/desk/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(queue.router)
    app.include_router(desk.router)
    app.include_router(decisions.router)
    app.include_router(admin.router)
    app.include_router(media.router)
    app.include_router(api.router)
    app.include_router(api_list.router)
    desk.install(app)
    api.install(app)
    _answer_unreachable_store(app)

    @app.get("/healthz", tags=["health"], summary="Liveness and database check")
    def healthz() -> dict:
        if not web.database_ok():
            raise api.problem(503, "database", "the database does not answer")
        return {"status": "ok"}

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/desk/", status_code=307)

    return app


# How long a client should wait before it asks again when the database does not answer: a
# restart or a failover takes seconds, a lock held by another process less.
RETRY_AFTER_SECONDS = 30


def _answer_unreachable_store(app: FastAPI) -> None:
    """A database that does not answer (down, restarting, locked) is a passing outage, not a
    server fault: 503 with Retry-After, so that a press office's client retries and an editor
    reads what happened instead of "Internal Server Error"."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    async def _unavailable(request: Request, _exc: Exception) -> Response:
        headers = {"retry-after": str(RETRY_AFTER_SECONDS), "cache-control": "no-store"}
        if not request.url.path.startswith("/desk"):
            body = {"problems": [{"field": "database", "message": DATABASE_DOWN}]}
            return JSONResponse(body, status_code=503, headers=headers)
        words = Words(
            choose_language(
                request.cookies.get(desk.LANG_COOKIE), request.headers.get("accept-language")
            )
        )
        # no session, no user, no template with the queue's links: each would ask the database
        return HTMLResponse(
            UNAVAILABLE_PAGE.format(
                lang=words.language,
                title=html.escape(words("database_down_title")),
                message=html.escape(words("database_down")),
            ),
            status_code=503,
            headers=headers,
        )

    app.add_exception_handler(OperationalError, _unavailable)
    app.add_exception_handler(InterfaceError, _unavailable)


DATABASE_DOWN = (
    f"the database does not answer; try again in {RETRY_AFTER_SECONDS} s (with the same "
    "Idempotency-Key, a submission is not stored twice)"
)
UNAVAILABLE_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/desk/static/desk.css"></head>
<body><main><h1>{title}</h1><p role="alert">{message}</p></main></body></html>
"""
