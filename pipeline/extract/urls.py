"""Links as the extractor keeps them: absolute http(s) or mailto, hosts in ASCII form."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def resolve(href: str | None, base: str | None) -> str | None:
    """An absolute http(s)/mailto link, or None for anything else (javascript:, bare anchors)."""
    if not href:
        return None
    href = href.strip()
    if href.startswith("#"):
        return None
    if href.startswith("//") and not base:
        href = "https:" + href  # protocol-relative: the web's scheme today, as browsers read it
    try:
        absolute = urljoin(base, href) if base else href
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES:
        return None
    return _ascii_host(absolute, parts)


def _ascii_host(url: str, parts) -> str | None:
    """An internationalized host in its ASCII (IDNA) form: the HTML serializer would otherwise
    percent-encode `bücher.example` into a host no browser resolves."""
    userinfo, at, hostport = parts.netloc.rpartition("@")
    host, colon, port = hostport.partition(":")
    if host.isascii():
        return url
    try:
        ascii_host = host.lower().encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return parts._replace(netloc=f"{userinfo}{at}{ascii_host}{colon}{port}").geturl()
