"""Links in release bodies: bare URLs made clickable, hrefs made absolute and stripped of tracking.

Only http(s) links survive as links (mailto: may stay in a body); everything else
(javascript:, data:, relative paths without a base) is dropped and its text kept as text.
"""

from __future__ import annotations

import base64
import re
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from tld import get_tld

from pipeline.extract.hosts import internal_host
from pipeline.extract.urls import strip_tracking

# A bare URL in running text: an explicit http(s) URL or a "www." host.
BARE_URL_RE = re.compile(
    r"(?<![\w@/.-])(?:https?://|www\.)[^\s<>\"'\u00ab\u00bb\u201c\u201d\u201e]+", re.I
)
# Punctuation that ends a sentence rather than the URL it follows.
TRAILING_PUNCT = ".,;:!?…'\"»«”“„"

ALLOWED_SCHEMES = ("http", "https")


def clean_url(href: str, base: str | None = None, *, allow_mailto: bool = False) -> str | None:
    """An absolute, tracking-free http(s) URL for `href`, or None when it is not a web link.

    Bare hosts ("www.leipzig.de/...") become https; relative links need `base`.
    """
    href = href.strip().replace("\n", "").replace("\t", "")
    if not href or href.startswith("#"):
        return None
    lowered = href.lower()
    if lowered.startswith("mailto:"):
        return href if allow_mailto and "@" in href else None
    if lowered.startswith("www."):
        href = "https://" + href
    elif lowered.startswith("//"):
        href = "https:" + href
    elif not re.match(r"^[a-z][a-z0-9+.-]*:", lowered):
        if not base:
            return None
        try:
            href = urljoin(base, href)
        except ValueError:  # a base or link that no parser reads ('//[::1')
            return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        return None
    if internal_host(parts.hostname):
        # 'http://127.0.0.1/admin', 'http://0xa9fea9fe/' (169.254.169.254): nothing for readers
        return None
    if parts.username is not None or parts.password is not None:
        # 'https://user:secret@host/' leaks a password; 'https://bank.example@evil.example/'
        # hides where it goes: the link keeps only its real host
        parts = parts._replace(netloc=parts.netloc.rpartition("@")[2])
    target = _redirect_target(parts) or _proofpoint_target(parts)
    if target is not None:
        return clean_url(target)
    if UNSUBSCRIBE_RE.search(f"{parts.path}?{parts.query}"):
        return None  # a subscriber's own link off the list: a reader could unsubscribe the portal
    return strip_tracking(urlunsplit(parts._replace(scheme=parts.scheme.lower())))


# A mailing list's link to leave it, personal to the address it was sent to.
UNSUBSCRIBE_RE = re.compile(
    r"unsubscribe|/opt-?out(?:[/?]|$)|/unsub(?:[/?]|$)|(?:newsletter|verteiler)[^?#&]{0,40}(?:abmeld|abbestell"
    r"|austrag)|(?:abmeld|abbestell|austrag)[^?#&]{0,40}(?:newsletter|verteiler)",
    re.I,
)
# A mail filter's rewriting of every link (Proofpoint's URL Defense): v3 wraps the target as
# '/v3/__https://…__;…', v2 encodes it in 'u' ('https-3A__host_path', '-XX' for '%XX').
_PROOFPOINT_V3 = re.compile(r"^/v3/__(?P<target>.+?)__;", re.S)


def _proofpoint_target(parts) -> str | None:
    host = parts.hostname.lower()
    if (
        host != "urldefense.com"
        and not host.endswith(".urldefense.com")
        and host != ("urldefense.proofpoint.com")
    ):
        return None
    match = _PROOFPOINT_V3.match(parts.path)
    if match:
        return match.group("target")
    encoded = dict(parse_qsl(parts.query)).get("u", "")
    decoded = re.sub(
        r"-([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), encoded.replace("_", "/")
    )
    return decoded if _ABSOLUTE.match(decoded) else None


# Click counters of wire services and mailing tools: the link's own target is a query
# parameter of theirs ('https://cts.businesswire.com/ct/CT?id=smartlink&url=https%3A%2F%2F…',
# CleverReach's '…/c/4711/…?u=https%3A…') or a segment of its path in base64 (rapidmail's
# '…/click/a1b2c3/aHR0cHM6Ly93d3cu…').
REDIRECTORS = {"cts.businesswire.com": "url", "c212.net": "u", "www.c212.net": "u"}
_TRACKER_HOST = re.compile(
    r"(?:^|\.)(?:click|clicks|track|tracking|trk|links?|redirect|t|r|email|mail|news|newsletter"
    r"|cts)\.|cleverreach|rapidmail|list-manage|sendinblue|brevo|mailjet|hubspotlinks"
    r"|constantcontact|mailerlite|klaviyo|newsletter2go|sendgrid|mailchimp|safelinks"
    r"|^(?:www\.)?google\.[a-z.]{2,6}$",  # Outlook's SafeLinks, Google's '/url?q=…'
    re.I,
)


def _google_but_no_redirect(host: str, path: str) -> bool:
    return host.removeprefix("www.").startswith("google.") and path != "/url"


_TARGET_PARAMETERS = (
    "url", "u", "q", "target", "redirect", "dest", "destination", "link", "goto", "l",
)  # fmt: skip
# A counter's own path: GlobeNewswire's '/Tracker?data=…', '/click?…', '/ct/…'
_TRACKER_PATH = re.compile(r"/(?:tracker|track|click|clicks|ct|redirect)(?:/|$)", re.I)
_ABSOLUTE = re.compile(r"^https?://[^/\s]", re.I)


def _redirect_target(parts) -> str | None:
    host = parts.hostname.lower()
    name = REDIRECTORS.get(host)
    query = dict(parse_qsl(parts.query))
    if (
        name is None
        and _TRACKER_HOST.search(host)
        and not _google_but_no_redirect(host, parts.path)
    ):
        name = next(
            (key for key in _TARGET_PARAMETERS if _ABSOLUTE.match(query.get(key, ""))), None
        )
        if name is None:
            return _base64_target(parts.path)
    target = query.get(name, "") if name else ""
    return target if _ABSOLUTE.match(target) else None


def shown_target(href: str, shown: str) -> str:
    """A link whose text is a web address ('www.aurorabio.com', 'harbourarts.org.uk/visit')
    and whose target is on another site goes where its text says: a click counter stands
    between (GlobeNewswire's '/Tracker?data=…', Brevo's '/tr/cl/…', HubSpot's '/Ctc/…'), which
    would count the portal's readers as the mail's recipient. A link to a deeper page of the
    shown site, or to a file of the name shown, is kept."""
    target = shown_address(shown)
    if target is None:
        return href
    parts = urlsplit(href)
    if _same_site(parts.hostname or "", urlsplit(target).hostname or ""):
        return href
    if parts.path.lower().endswith("/" + shown.strip().lower().rsplit("/", 1)[-1]):
        return href  # 'bericht.md' linking the file itself
    return target


# A web address written without 'www.' or a scheme: 'kingsbridge.gov.uk/potholes'. Its host is
# in lower case; 'St.Pauli' and 'Presse.Info' are words, and 'bericht.pdf' ends in no suffix.
_BARE_DOMAIN_RE = re.compile(
    r"(?:[a-z0-9äöüß](?:[a-z0-9äöüß-]{0,61}[a-z0-9äöüß])?\.)+[a-z]{2,24}(?:[/?#]\S*)?"
)
# the names kept for examples (RFC 2606), which no public suffix list holds
_DOCUMENTATION_HOST_RE = re.compile(r"^[^/?#]+\.(?:example|test)(?:[/?#]|$)")


def shown_address(shown: str) -> str | None:
    """The address a link's text shows, when the text is nothing but a web address."""
    shown = trim_url(shown.strip())
    if BARE_URL_RE.fullmatch(shown):
        return clean_url(shown)
    if _BARE_DOMAIN_RE.fullmatch(shown) and (
        get_tld(f"https://{shown}", fail_silently=True) or _DOCUMENTATION_HOST_RE.search(shown)
    ):
        return clean_url(f"https://{shown}")
    return None


def _same_site(host: str, other: str) -> bool:
    host, other = _ascii_host(host).removeprefix("www."), _ascii_host(other).removeprefix("www.")
    return host == other or host.endswith(f".{other}") or other.endswith(f".{host}")


def _ascii_host(host: str) -> str:
    """'bücher.example' as its link has it: 'xn--bcher-kva.example'."""
    try:
        return host.lower().encode("idna").decode("ascii")
    except UnicodeError:
        return host.lower()


# Mailing tools' click counters: every address is the one recipient's, and none names its
# target (Mailchimp's '…list-manage.com/track/click?…&e=…', Campaign Monitor's '/t/…').
_MAILING_COUNTER_HOST = re.compile(
    r"(?:^|\.)(?:list-manage|sendibt\d*|sendibm\d*|createsend\d*|cmail\d+|hubspotlinks|awstrack"
    r"|mjt|mlsend|klclick\d*|sendgrid|exct|emlnk\d*)\."
    # the tools whose own site shares the name: only a counter's host in front of it
    r"|(?<!^www)\.(?:cleverreach|rapidmail|newsletter2go|mailerlite|mailjet)\.",
    re.I,
)


def counted_link_notes(links) -> list[str]:
    """A warning for each link that still goes through a mailing tool's click counter."""
    return [
        f"the link '{link.text.strip() or link.url}' goes through the mailing tool's click "
        f"counter ({link.url}), personal to the mail's recipient: Melder cannot read where it "
        "leads; replace it with the address it leads to"
        for link in links
        if _MAILING_COUNTER_HOST.search(urlsplit(link.url).hostname or "")
    ]


def internal_link_notes(given, base_url: str | None) -> list[str]:
    """A warning for each given link left out because it points to an internal address
    (loopback, a private network, 'localhost'): the portals' readers cannot open it, and a
    link must not vanish without the sender and the editor knowing."""
    notes = []
    for link in given:
        try:
            parts = urlsplit(urljoin(base_url or "", link.url.strip()))
        except ValueError:
            continue
        if parts.scheme.lower() in ALLOWED_SCHEMES and parts.hostname:
            if internal_host(parts.hostname):
                notes.append(
                    f"the link '{link.text.strip() or link.url}' ({link.url}) was left out: it "
                    "points to an internal address, which the portals' readers cannot open"
                )
    return notes


def _base64_target(path: str) -> str | None:
    for segment in reversed(path.split("/")):
        if len(segment) < 12 or not segment.startswith(("aHR0cDov", "aHR0cHM6")):
            continue  # 'http:/' and 'https:' in base64
        try:
            decoded = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode()
        except (ValueError, UnicodeDecodeError):
            continue
        if _ABSOLUTE.match(decoded):
            return decoded
    return None


def trim_url(candidate: str) -> str:
    """Cut punctuation that belongs to the sentence, keeping balanced parentheses."""
    while candidate:
        last = candidate[-1]
        if last in TRAILING_PUNCT:
            candidate = candidate[:-1]
        elif last == ")" and candidate.count("(") < candidate.count(")"):
            candidate = candidate[:-1]
        else:
            break
    return candidate


def split_bare_urls(text: str) -> list[tuple[str, str | None]]:
    """Split running text into (text, href) pieces; href is set for each usable bare URL."""
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in BARE_URL_RE.finditer(text):
        shown = trim_url(match.group(0))
        href = clean_url(shown)
        if not href or shown.lower() in ("www.", "http://", "https://"):
            continue
        if match.start() > position:
            pieces.append((text[position : match.start()], None))
        pieces.append((strip_tracking(shown), href))
        position = match.start() + len(shown)
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces
