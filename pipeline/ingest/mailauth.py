"""Who sent a mail, as far as Melder can tell: the one From address, and what the receiving
server's Authentication-Results say about it.

The From header is the sender's claim. `presse@stadt.example <attacker@evil.example>` shows the
press office's address as display text while the address is the attacker's, so only the
address `email.headerregistry` parses counts, and a mail with two From headers or two addresses
is refused. Proof needs the receiving server: with `require_authenticated`, a mail passes only
when an Authentication-Results header from the configured server (`authserv_id`; headers from
anyone else are ignored, as RFC 8601 asks) says `dmarc=pass` for the From domain, or `dkim=pass`
for that domain or a parent of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.parser import BytesHeaderParser

from pipeline.config.mailbox import sender_allowed as allowed

__all__ = ["Sender", "allowed", "authenticated", "sender_of"]

_COMMENT_RE = re.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class Sender:
    address: str  # lower case; "" when there is none
    problem: str | None  # why the From header cannot be trusted to name one sender
    results: tuple[str, ...]  # raw Authentication-Results values


def sender_of(header_bytes: bytes) -> Sender:
    headers = BytesHeaderParser(policy=policy.default).parsebytes(header_bytes)
    results = tuple(str(value) for value in headers.get_all("Authentication-Results") or [])
    froms = headers.get_all("From") or []
    if len(froms) != 1:
        problem = "no From header" if not froms else f"{len(froms)} From headers"
        return Sender("", problem, results)
    try:
        addresses = froms[0].addresses
        defects = froms[0].defects
    except (AttributeError, ValueError, IndexError):
        addresses, defects = (), ()
    if defects:  # parsers disagree on malformed headers: which address is meant is unclear
        return Sender("", "the From header is malformed (an unquoted '@' or '<'?)", results)
    if len(addresses) != 1 or not addresses[0].domain:
        return Sender("", "the From header does not name exactly one address", results)
    return Sender(addresses[0].addr_spec.lower(), None, results)


def authenticated(sender: Sender, authserv_id: str) -> bool:
    """True when the trusted server's results pass DMARC, or DKIM aligned with the From domain."""
    domain = sender.address.rpartition("@")[2]
    if not domain:
        return False
    for value in sender.results:
        server, _, rest = _COMMENT_RE.sub("", value).partition(";")
        if [word.lower() for word in server.split()[:1]] != [authserv_id.lower()]:
            continue
        for method, result, properties in _results(rest):
            if result != "pass":
                continue
            if method == "dmarc" and properties.get("header.from", domain) == domain:
                return True
            signer = properties.get("header.d") or properties.get("header.i", "").rpartition("@")[2]
            if method == "dkim" and signer and (domain == signer or domain.endswith("." + signer)):
                return True
    return False


def _results(text: str):
    for part in text.split(";"):
        words = part.split()
        if not words or "=" not in words[0]:
            continue
        method, _, result = words[0].lower().partition("=")
        properties = {}
        for word in words[1:]:
            key, _, value = word.partition("=")
            properties[key.lower()] = value.strip('"').lower()
        yield method, result, properties
