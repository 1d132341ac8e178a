"""Signed session cookies, CSRF tokens and rate limits for the web app.

The session is a cookie signed with MELDER_SECRET_KEY (HttpOnly, SameSite=Lax, Secure behind
https): it holds the user id and the CSRF token every desk form must send back. Nothing secret
is in it; signing makes it tamper-proof and the max age makes it expire.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import defaultdict, deque

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "melder_session"
SESSION_SECONDS = 12 * 3600
MIN_KEY_LENGTH = 32


class Sessions:
    def __init__(self, secret_key: str, *, secure: bool):
        self.serializer = URLSafeTimedSerializer(secret_key, salt="melder-desk-session")
        self.secure = secure

    def load(self, request: Request) -> dict:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return {}
        try:
            data = self.serializer.loads(raw, max_age=SESSION_SECONDS)
        except BadSignature:
            return {}
        return data if isinstance(data, dict) else {}

    def save(self, response: Response, data: dict) -> None:
        response.set_cookie(
            COOKIE,
            self.serializer.dumps(data),
            max_age=SESSION_SECONDS,
            path="/",
            httponly=True,
            secure=self.secure,
            samesite="lax",
        )

    def clear(self, response: Response) -> None:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def csrf_ok(session: dict, sent: str | None) -> bool:
    expected = session.get("csrf")
    return bool(expected and sent) and hmac.compare_digest(str(expected), str(sent))


class RateLimiter:
    """At most `limit` hits per `window` seconds per key (a sliding window kept in memory).

    Per process: with several workers each enforces its own share, which is still a bound.
    """

    def __init__(self, limit: int, window: float):
        self.limit = limit
        self.window = window
        self.hits: dict[str, deque[float]] = defaultdict(deque)

    def retry_after(self, key: str, now: float | None = None) -> int:
        """Seconds until `key` may try again; 0 when it may now."""
        now = time.monotonic() if now is None else now
        hits = self.hits[key]
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) < self.limit:
            return 0
        return max(1, int(hits[0] + self.window - now + 0.999))

    def hit(self, key: str, now: float | None = None) -> None:
        self.hits[key].append(time.monotonic() if now is None else now)

    def take(self, key: str) -> int:
        """Count one hit unless over the limit; returns the wait as `retry_after` does."""
        wait = self.retry_after(key)
        if not wait:
            self.hit(key)
        return wait

    def reset(self, key: str) -> None:
        self.hits.pop(key, None)
