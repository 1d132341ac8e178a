"""Links as the extractor keeps them: absolute http(s) or mailto, hosts in ASCII form."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

LINK_SCHEMES = frozenset({"http", "https", "mailto"})


class PageAddress(str):
    """A page's address that knows which relative addresses name files saved beside the input
    (a browser's "Webseite, komplett": `page_files/foto.jpg`): those stay relative, to be read
    from there, where the page's address would lead to a copy that may not exist."""

    beside: Callable[[str], bool]

    def __new__(cls, url: str, beside: Callable[[str], bool]) -> PageAddress:
        address = super().__new__(cls, url)
        address.beside = beside
        return address


def join(base: str | None, href: str) -> str:
    """`href` against the page's address; a file saved beside the input stays as it is named."""
    if not base:
        return href
    if isinstance(base, PageAddress) and relative_path(href) and base.beside(href):
        return href
    return urljoin(base, href)


def relative_path(href: str) -> bool:
    """'foto.jpg', './page_files/plan.pdf': a path below the page's own folder."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    return (
        not parts.scheme
        and not parts.netloc
        and bool(parts.path)
        and not href.startswith(("/", "\\"))
        and ".." not in parts.path.split("/")
    )


# What a browser writes over a page it saves: '<!-- saved from url=(0054)https://… -->'.
SAVED_FROM_RE = re.compile(rb"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)
SAVED_FROM_REACH = 4096


def saved_from(html: bytes | str) -> str | None:
    """The address a browser saved the page from, named in a comment at its top."""
    head = html[:SAVED_FROM_REACH]
    match = SAVED_FROM_RE.search(head.encode("utf-8", "replace") if isinstance(head, str) else head)
    return match.group(1).decode("ascii", "replace") if match else None


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
        absolute = join(base, href)
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


# Query parameters that only track the reader; dropping them never changes the page.
TRACKING_EXACT = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking",
        "igshid", "mkt_tok", "_ga", "_gl", "oly_enc_id", "oly_anon_id", "vero_id", "vero_conv",
        "wickedid", "s_cid", "twclid", "ttclid", "li_fat_id", "srsltid", "sc_cid", "ncid",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "matomo_", "piwik_")


# A server's session in the address: Java's ';jsessionid=…' path parameter (Government Site
# Builder, every Java CMS), PHP's 'PHPSESSID', ColdFusion's 'CFID'/'CFTOKEN', ASP.NET's cookieless
# '/(S(…))/'. A fresh one on every visit would make the same page a new release each run, and
# a link that carries one hands a reader the sender's session.
SESSION_PARAMS = frozenset(
    {
        "jsessionid", "phpsessid", "sessionid", "session_id", "sessid", "aspsessionid",
        "cfid", "cftoken", "oscsid", "zenid", "ps_session", "wicket-session",
    }
)  # fmt: skip
# 'sid' is also a CMS's story id ('article.php?sid=123'): a session's only as a long token
_SESSION_TOKEN = r"[0-9A-Za-z]{16,}"
_SESSION_PATH_PARAM = re.compile(
    r";(?:(?:" + "|".join(sorted(SESSION_PARAMS, key=len, reverse=True)) + r")=[^;/?#]*"
    rf"|sid={_SESSION_TOKEN}(?=[;/?#]|$))",
    re.I,
)
_ASPNET_SESSION_SEGMENT = re.compile(r"/\((?:[A-Z]\([^()/]*\))+\)(?=/)")


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_EXACT or lowered.startswith(TRACKING_PREFIXES)


def strip_session(url: str) -> str:
    """The URL without a server's session id in its path or query."""
    parts = urlsplit(url)
    path = _ASPNET_SESSION_SEGMENT.sub("", _SESSION_PATH_PARAM.sub("", parts.path))
    query = _without(parts.query, _is_session_param)
    if (path, query) == (parts.path, parts.query):
        return url
    return urlunsplit(parts._replace(path=path, query=query))


def strip_tracking(url: str) -> str:
    """The URL without tracking parameters and session ids; the rest keeps its order."""
    url = strip_session(url)
    parts = urlsplit(url)
    query = _without(parts.query, lambda name, _value: is_tracking_param(name))
    if query == parts.query:
        return url
    return urlunsplit(parts._replace(query=query))


def _is_session_param(name: str, value: str) -> bool:
    lowered = name.lower()
    return lowered in SESSION_PARAMS or (
        lowered == "sid" and re.fullmatch(_SESSION_TOKEN, value) is not None
    )


def _without(query: str, unwanted: Callable[[str, str], bool]) -> str:
    if not query:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not unwanted(k, v)]
    return query if len(kept) == len(pairs) else urlencode(kept, doseq=True)
