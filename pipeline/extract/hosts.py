"""Which address a URL's host names, read as a browser reads it, and whether that is public.

A browser opens `http://0x7f000001/`, `http://2130706433/`, `http://0177.0.0.1/`,
`http://127.1/`, `http://127.0.0.1./` and `http://%31%32%37.0.0.1/` all as 127.0.0.1, and
`http://[::ffff:7f00:1]/` as well. A link filter that knows only the dotted form lets them all
through; the fetch guard refuses every such spelling outright and judges the addresses a name
resolves to with `forbidden_address`.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import unquote

# A host made only of numbers (decimal, octal, hex): inet_aton reads 0x7f.1 as 127.0.0.1.
NUMERIC_HOST_RE = re.compile(r"(?:0x[0-9a-f]*|\d+)(?:\.(?:0x[0-9a-f]*|\d+))*\.?")
# Full stops that IDNA mapping turns into '.' ('127。0。0。1').
_IDEOGRAPHIC_STOPS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def forbidden_address(address: str) -> str | None:
    """Why an IP address is not a public one (None when it is)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, hit in (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("non-public", not ip.is_global),
    ):
        if hit:
            return f"a {label} address ({ip})"
    return None


def host_address(host: str) -> IPAddress | None:
    """The IP address a browser connects to for `host` (as `urlsplit(...).hostname` gives it),
    or None when the host is a name."""
    host = unquote(host)
    host = unicodedata.normalize("NFKC", host).translate(_IDEOGRAPHIC_STOPS).lower()
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return None
    return _browser_ipv4(host)


def _browser_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The WHATWG URL standard's IPv4 parser: one to four parts, each decimal, `0x` hex or
    `0` octal, the last one filling the bytes that are left; one trailing dot is allowed."""
    if not host.isascii() or not NUMERIC_HOST_RE.fullmatch(host):
        return None
    parts = host.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if len(parts) > 4:
        return None
    numbers = []
    for part in parts:
        if part[:2] == "0x":
            digits, base = part[2:] or "0", 16
        elif len(part) > 1 and part.startswith("0"):
            digits, base = part[1:], 8
        else:
            digits, base = part, 10
        try:
            numbers.append(int(digits, base))
        except ValueError:  # '09': no octal number, and no address a browser opens
            return None
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for position, number in enumerate(leading):
        value += number * 256 ** (3 - position)
    return ipaddress.IPv4Address(value)


def internal_host(host: str) -> bool:
    """'localhost' or an address that is not public (loopback, private, link-local, shared
    CGNAT space, cloud metadata, unspecified) in any spelling a browser opens."""
    name = unquote(host).lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    address = host_address(host)
    return address is not None and forbidden_address(str(address)) is not None
