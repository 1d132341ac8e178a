"""A newsroom's call to follow it under a release ('Stay connected', 'Join the conversation
about …:' over 'X: @GCIndigenous', 'Facebook: @GCIndigenous'): the call and its profiles are
the sender's page, not the release, and go as a whole."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pipeline.normalize.body import Line

# the call itself, alone on its line: 'Stay Connected with City of Riverton:', 'Follow us on'
FOLLOW_CALL_RE = re.compile(
    r"\W*(?:stay connected|connect with us|join the conversation|follow us|find us on|like us on"
    r"|keep in touch with us|stay in touch with us|folgen sie uns)\b[^.!?]{0,100}?:?",
    re.I,
)
_NETWORK = (
    r"(?:x|twitter|facebook|instagram|linkedin|youtube|mastodon|bluesky|threads|xing|tiktok"
    r"|flickr|pinterest|whatsapp|telegram|rss|e-?mail)"
)
# a profile as text: 'X: @GCIndigenous', 'Facebook', 'Instagram | LinkedIn'
_PROFILE_RE = re.compile(
    rf"(?:{_NETWORK}\s*:?\s*(?:@[\w.]+)?|@[\w.]+)(?:\s*[|,·•/]?\s*(?:{_NETWORK}\s*:?\s*(?:@[\w.]+)?"
    r"|@[\w.]+))*",
    re.I,
)
SOCIAL_HOSTS = frozenset(
    "x.com twitter.com facebook.com instagram.com linkedin.com youtube.com tiktok.com "
    "flickr.com pinterest.com bsky.app threads.net xing.com mastodon.social".split()
)
MAX_CALL = 120


def without_follow_calls(lines: list[Line]) -> list[Line]:
    """The lines without each call to follow the sender and the profile lines under it."""
    kept: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if _calls_to_follow(text, lines[index + 1 :]):
            index += 1
            while index < len(lines) and _is_profile(lines[index]):
                index += 1
            continue
        kept.append(line)
        index += 1
    return kept


def _calls_to_follow(text: str, below: list[Line]) -> bool:
    """A call to follow: it points at profiles (a colon, a network's name, profiles under it)
    or closes the text. 'Join the conversation at Monday's town hall' is an invitation."""
    if len(text) > MAX_CALL or not FOLLOW_CALL_RE.fullmatch(text):
        return False
    return (
        text.endswith(":")
        or bool(re.search(rf"\b{_NETWORK}\b", text, re.I))
        or not below
        or (bool(below[0].text.strip()) and _is_profile(below[0]))
    )


def _is_profile(line: Line) -> bool:
    """A line that only names or links the sender's social profiles."""
    text = line.text.strip()
    if not text:
        return True
    if _PROFILE_RE.fullmatch(text):
        return True
    linked = [href for part, href in line.segs if href and part.strip()]
    unlinked = "".join(part for part, href in line.segs if not href)
    return bool(linked) and all(_social(href) for href in linked) and not unlinked.strip(" |,·•")


def _social(href: str) -> bool:
    host = (urlsplit(href).hostname or "").removeprefix("www.").removeprefix("m.")
    return host in SOCIAL_HOSTS
