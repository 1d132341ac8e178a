"""Request body caps, enforced before any route parses a byte.

A form parser spools file parts to disk and keeps fields in memory; without a cap an anonymous
client could fill the disk through the login form. Each route family gets its own ceiling, the
declared Content-Length is refused at once, a chunked body is counted as it arrives, and the
desk accepts URL-encoded forms only (no file parts at all).
"""

from __future__ import annotations

import html
import json
import re

from pipeline.web.security import COOKIE

KIB = 1024
SMALL_FORM = 16 * KIB  # login, logout, decisions, admin forms
# A release's title, teaser and body: whatever the API accepts must stay editable, and a form
# spells each umlaut as six bytes ('%C3%BC'), so three times the API's limit, 1 MiB at least.
EDIT_FORM = 1024 * KIB
EDIT_FACTOR = 3
URLENCODED = "application/x-www-form-urlencoded"
EDIT_PATH_RE = re.compile(r"^/desk/releases/[^/]+/edit$")
SESSION_COOKIE = f"{COOKIE}=".encode()


class BodyTooLarge(Exception):
    pass


def body_cap(method: str, path: str, api_limit: int, *, session: bool = True) -> int | None:
    """The most bytes a request to `path` may send; None for routes without a body. The edit
    form's large cap is for a client with a session cookie: anyone else gets the login page,
    and only a small form is read for it."""
    if method in ("GET", "HEAD", "OPTIONS"):
        return 0
    if path.startswith("/api/"):
        return api_limit
    if EDIT_PATH_RE.match(path) and session:
        return max(EDIT_FORM, EDIT_FACTOR * api_limit)
    return SMALL_FORM


class BodyLimits:
    """ASGI middleware: 413 over the route's cap, 415 for a desk POST that is not a plain form."""

    def __init__(self, app, api_limit: int):
        self.app = app
        self.api_limit = api_limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        pairs = [(key.lower(), value) for key, value in scope.get("headers", [])]
        headers = dict(pairs)
        session = SESSION_COOKIE in headers.get(b"cookie", b"")
        cap = body_cap(method, path, self.api_limit, session=session)
        if path.startswith("/desk") and method == "POST":
            kinds = {
                value.split(b";")[0].strip().decode("latin-1").lower()
                for key, value in pairs
                if key == b"content-type"
            }
            # no type at all parses as an empty form; two types are one too many
            if kinds - {URLENCODED, ""} or len(kinds) > 1:
                await _answer(send, 415, f"the desk takes {URLENCODED} forms only", path)
                return
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > cap:
            await _answer(send, 413, _too_large(cap), path)
            return
        received = 0
        started = False

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise BodyTooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _answer(send, 413, _too_large(cap), path)


def _too_large(cap: int) -> str:
    return f"the request body is over the limit of {cap:,} bytes for this address"


DESK_REFUSAL = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Not sent</title>
<link rel="stylesheet" href="/desk/static/desk.css"></head>
<body><main><h1>Not sent</h1><p role="alert">{message}.</p>
<p>Go back in your browser: what you typed is still in the form.</p></main></body></html>
"""


async def _answer(send, status: int, message: str, path: str = "") -> None:
    """The API's problem as JSON; a page for an editor, who reads it in the browser."""
    if path.startswith("/desk"):
        body, kind = DESK_REFUSAL.format(message=html.escape(message)).encode(), b"text/html"
    else:
        body = json.dumps({"problems": [{"field": "body", "message": message}]}).encode()
        kind = b"application/json"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", kind + b"; charset=utf-8" if kind == b"text/html" else kind),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
