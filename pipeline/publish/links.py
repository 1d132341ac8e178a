"""Links as a portal gets them: absolute http(s), encoded, carrying the channel's rel."""

from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import quote, urlsplit, urlunsplit

from pipeline.extract.hosts import internal_host
from pipeline.normalize.sanitize import clean_body

HOST_RE = re.compile(r"^[a-z0-9_.-]+$|^[0-9a-f:.]+$")
URL_SAFE = "/?:@!$&'()*+,;=-._~%"
STRAY_PERCENT_RE = re.compile(r"%(?![0-9A-Fa-f]{2})")
ANCHOR_RE = re.compile(r'<a(?: href="([^"]*)")?>(.*?)</a>', re.S)


def linked_body(body_html: str, rel: str) -> str:
    """The body with every link absolute http(s) and carrying the channel's rel; others unwrapped.

    After `clean_body` without rel, anchors are exactly `<a href="...">` or `<a>` and never
    nested, so one pattern sees them all.
    """

    def relink(match: re.Match) -> str:
        href, inner = match.group(1), match.group(2)
        url = web_url(unescape(href)) if href is not None else None
        return (
            f'<a href="{escape(url, quote=True)}" rel="{escape(rel, quote=True)}">{inner}</a>'
            if url
            else inner
        )

    return ANCHOR_RE.sub(relink, clean_body(body_html, link_rel=None)).strip()


def web_url(url: str) -> str | None:
    """`url` as a valid absolute http(s) URL (IDN host, percent-encoded), or None if it is not one.

    Portals and validators reject raw quotes, spaces or stray '%' in an href, so they are encoded
    here rather than trusted from the input.
    """
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname or "", parts.port
        host = host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return None
    if parts.scheme.lower() not in ("http", "https") or not HOST_RE.match(host):
        return None
    if internal_host(host):
        return None  # stored before the link filter knew every spelling, or typed in an edit
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{port}" if port is not None else ""
    path, query, fragment = (_encode_url_part(part) for part in parts[2:])
    return urlunsplit((parts.scheme.lower(), netloc, path or "/", query, fragment))


def _encode_url_part(part: str) -> str:
    return quote(STRAY_PERCENT_RE.sub("%25", part), safe=URL_SAFE)
