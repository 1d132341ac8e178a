"""What every request needs, shared by the app and its routers: store, sessions, limits, feeds.

The routers (`api`, `desk`) import their state from here, never from `app`, which imports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fastapi.templating import Jinja2Templates
from sqlalchemy import text

from pipeline import runner
from pipeline.config import Config, load_config
from pipeline.config.settings import Settings
from pipeline.store import Store
from pipeline.web.feeds import FeedFiles
from pipeline.web.security import RateLimiter, Sessions, SlowDown

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Limits:
    """Rate and size limits; tests shrink them."""

    login_attempts: int = 5
    login_window: float = 300.0
    api_requests: int = 60  # submissions (POST) per token and window
    api_reads: int = 600  # status polls and lists (GET) per token and window
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
        # Wrong passwords: a lock per (name, address), a wider one per address (one client
        # trying many names) and a slow-down per name from anywhere (many clients, one name).
        self.login_limit = RateLimiter(limits.login_attempts, limits.login_window)
        self.address_limit = RateLimiter(10 * limits.login_attempts, limits.login_window)
        self.name_slowdown = SlowDown(limits.login_attempts, limits.login_window)
        self.api_limit = RateLimiter(limits.api_requests, limits.api_window)
        # A press office polls its status often; that must not use up its submissions.
        self.api_read_limit = RateLimiter(limits.api_reads, limits.api_window)
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
