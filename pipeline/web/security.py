"""Signed session cookies, CSRF tokens and rate limits for the web app.

The session is a cookie signed with MELDER_SECRET_KEY (HttpOnly, SameSite=Lax, Secure behind
https): it holds the user id and the CSRF token every desk form must send back. Nothing secret
is in it; signing makes it tamper-proof and the max age makes it expire.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import OrderedDict, deque

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

    Memory is bounded whatever clients send: keys are hashed to a fixed size, at most
    `max_keys` are kept (the least recently used goes first), and a key's hits never exceed
    `limit`. Per process: with several workers each enforces its own share, still a bound.
    """

    def __init__(self, limit: int, window: float, *, max_keys: int = 10_000):
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self.hits: OrderedDict[bytes, deque[float]] = OrderedDict()

    def retry_after(self, key: str, now: float | None = None) -> int:
        """Seconds until `key` may try again; 0 when it may now."""
        now = time.monotonic() if now is None else now
        hits = self.hits.get(_key(key))
        if hits is None:
            return 0
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) < self.limit:
            return 0
        return max(1, int(hits[0] + self.window - now + 0.999))

    def hit(self, key: str, now: float | None = None) -> None:
        digest = _key(key)
        hits = self.hits.pop(digest, None) or deque(maxlen=self.limit)
        hits.append(time.monotonic() if now is None else now)
        self.hits[digest] = hits
        while len(self.hits) > self.max_keys:
            self.hits.popitem(last=False)

    def take(self, key: str) -> int:
        """Count one hit unless over the limit; returns the wait as `retry_after` does."""
        wait = self.retry_after(key)
        if not wait:
            self.hit(key)
        return wait

    def reset(self, key: str) -> None:
        self.hits.pop(_key(key), None)


class SlowDown:
    """Failed logins for one name from anywhere: after `free` failures in `window` seconds,
    each further attempt must wait twice as long as the last (up to `longest` seconds).

    This bounds guessing spread over many addresses without locking the real user out: the
    wait is seconds, not a ban, and a success ends it."""

    def __init__(self, free: int, window: float, *, longest: float = 60.0, max_keys: int = 10_000):
        self.failures = RateLimiter(1_000, window, max_keys=max_keys)
        self.free, self.longest = free, longest

    def retry_after(self, key: str, now: float | None = None) -> int:
        now = time.monotonic() if now is None else now
        self.failures.retry_after(key, now)  # drops failures outside the window
        hits = self.failures.hits.get(_key(key))
        if not hits or len(hits) <= self.free:
            return 0
        wait = min(self.longest, 2.0 ** (len(hits) - self.free))
        return max(0, int(hits[-1] + wait - now + 0.999))

    def hit(self, key: str, now: float | None = None) -> None:
        self.failures.hit(key, now)

    def reset(self, key: str) -> None:
        self.failures.reset(key)


def _key(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()
