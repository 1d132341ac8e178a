"""The address guard: which URLs Melder may fetch, and the one address it then connects to.

Attackers hide a loopback host behind spellings that two URL parsers read differently
(`http://127.0.0.1:80\\@1.1.1.1/`), behind numeric forms (`0x7f.1`), or behind a name that
resolves public at check time and private a moment later (DNS rebinding). The guard refuses every
URL whose host is not written plainly, resolves the host once, checks every address, and hands the
client the checked address to connect to, so no second lookup can change the answer.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3.util

from pipeline.extract.hosts import NUMERIC_HOST_RE, forbidden_address
from pipeline.ingest.http import FetchError, FetchPolicy, GuardRefusal

Resolver = Callable[..., list]

# Characters no plain URL carries, which parsers disagree on (a backslash ends the host for
# WHATWG and urllib3 but not for urlsplit).
UNPLAIN_URL_RE = re.compile(r"[\\\x00-\x20\x7f]")
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Target:
    """Where one request goes: the URL's host for the Host header and TLS, the address to dial."""

    url: str
    scheme: str
    host: str  # ASCII (IDNA) form, lower case, without brackets
    port: int
    address: str  # the checked IP address the connection must use

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    def pinned_url(self) -> str:
        """The same request with the host replaced by the checked address."""
        parts = urlsplit(self.url)
        address = f"[{self.address}]" if ":" in self.address else self.address
        return parts._replace(netloc=f"{address}:{self.port}", fragment="").geturl()


def check_url(
    url: str,
    policy: FetchPolicy,
    resolve: Resolver = socket.getaddrinfo,
    forbidden: Callable[[str], str | None] = forbidden_address,
) -> Target:
    """The target of `url`, or FetchError: not plain http(s), or (unless allowed) not public."""
    scheme, host, port = _plain_parts(url)
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{url}: cannot resolve {host}: {exc}") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchError(f"{url}: cannot resolve {host}: no address")
    if not policy.allow_private:
        for address in addresses:
            reason = forbidden(address)
            if reason:
                raise GuardRefusal(
                    f"{url}: refused: {host} resolves to {reason}; "
                    f"set {policy.private_setting} only for a host you trust"
                )
    return Target(url=url, scheme=scheme, host=host, port=port, address=addresses[0])


def _plain_parts(url: str) -> tuple[str, str, int]:
    """Scheme, ASCII host and port of a URL that every parser reads the same way."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise GuardRefusal(f"{url}: only http:// and https:// URLs can be fetched")
    if UNPLAIN_URL_RE.search(url):
        raise GuardRefusal(
            f"{url}: refused: the URL contains a backslash, space or control character; "
            "write it out plainly"
        )
    if "@" in parts.netloc:
        raise GuardRefusal(
            f"{url}: refused: the URL carries a user name or password before '@'; "
            "Melder does not send credentials in URLs"
        )
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
        other = urllib3.util.parse_url(url)
    except ValueError as exc:
        raise GuardRefusal(f"{url}: refused: not a valid URL ({exc})") from None
    host = parts.hostname
    if "%" in host:
        raise GuardRefusal(f"{url}: refused: the host is percent-encoded or has a zone id")
    canonical = _canonical_host(url, host)
    if not _same_host(other.host or "", canonical) or (other.port or port) != port:
        raise GuardRefusal(f"{url}: refused: URL parsers disagree about its host")
    return scheme, canonical, port


def _same_host(other: str, canonical: str) -> bool:
    other = other.strip("[]").lower()
    if ":" in other:
        try:
            other = str(ipaddress.IPv6Address(other))
        except ValueError:
            return False
    return other == canonical


def _canonical_host(url: str, host: str) -> str:
    if ":" in host:  # an IPv6 literal (brackets already removed)
        try:
            return str(ipaddress.IPv6Address(host))
        except ValueError:
            raise GuardRefusal(f"{url}: refused: {host!r} is not an IPv6 address") from None
    if NUMERIC_HOST_RE.fullmatch(host):
        try:
            canonical = str(ipaddress.IPv4Address(host.rstrip(".")))
        except ValueError:
            canonical = ""
        if canonical != host:
            raise GuardRefusal(
                f"{url}: refused: {host!r} is not an address written the usual way "
                "(four decimal numbers such as 192.0.2.1)"
            )
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise GuardRefusal(f"{url}: refused: {host!r} is not a valid host name") from None
