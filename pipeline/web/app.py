"""The web app: one FastAPI application with the desk, the submission API and the feeds."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import text

from pipeline import runner
from pipeline.config import Config, load_config
from pipeline.errors import ConfigError
from pipeline.settings import Settings
from pipeline.store import Store
from pipeline.web.feeds import FeedFiles, FeedServer
from pipeline.web.security import MIN_KEY_LENGTH, RateLimiter, Sessions

HERE = Path(__file__).resolve().parent
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


@dataclass(frozen=True)
class Limits:
    """Rate and size limits; tests shrink them."""

    login_attempts: int = 5
    login_window: float = 300.0
    api_requests: int = 60
    api_window: float = 60.0
    max_body: int | None = None  # default: MELDER_MAX_INPUT_BYTES


class WebState:
    """What every request needs: the store, sessions, limits and the feed cache."""

    def __init__(self, root: Path, settings: Settings, limits: Limits):
        self.root = root
        self.settings = settings
        self.limits = limits
        self.max_body = limits.max_body or settings.max_input_bytes
        self.store = Store(settings.database_url_for(root))
        self.sessions = Sessions(
            settings.secret_key, secure=(settings.base_url or "").startswith("https://")
        )
        self.feeds = FeedFiles(root / "outputs")
        self.login_limit = RateLimiter(limits.login_attempts, limits.login_window)
        self.api_limit = RateLimiter(limits.api_requests, limits.api_window)
        self.templates = Jinja2Templates(directory=HERE / "templates")

    def config(self) -> Config:
        """Read per request: the TOML files are small, and edits show without a restart."""
        return load_config(self.root)

    def publish(self) -> runner.RunReport:
        report = runner.publish(self.config(), self.store, now=now())
        self.feeds.invalidate()
        return report

    def database_ok(self) -> bool:
        try:
            with self.store.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:  # any database failure means "not healthy", never a crash
            return False
        return True


def now() -> datetime:
    return datetime.now(UTC)


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

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(root: Path, settings: Settings, *, limits: Limits | None = None) -> FastAPI:
    """The whole web app for the Melder folder `root`."""
    if len(settings.secret_key) < MIN_KEY_LENGTH:
        raise ConfigError(
            [f"MELDER_SECRET_KEY: must be at least {MIN_KEY_LENGTH} characters (it signs sessions)"]
        )
    from pipeline.web import api, desk  # the routers need the app's types defined above

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
    app.mount("/desk/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(desk.router)
    app.include_router(api.router)
    desk.install(app)
    api.install(app)

    @app.get("/healthz", tags=["health"], summary="Liveness and database check")
    def healthz() -> dict:
        if not web.database_ok():
            raise api.problem(503, "database", "the database does not answer")
        return {"status": "ok"}

    return app
