"""Photos a feed names for its entries: RSS `<enclosure>`, Atom `rel="enclosure"` and Media RSS
(`media:content`, `media:group`, `media:thumbnail` with `media:credit`, `media:description`).

feedparser flattens Media RSS (every description becomes the entry's summary, credits lose
their image), so the feed is read once more here, as XML, to keep each caption and credit
with its picture. Entity declarations never get this far: the feed reader refuses them.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml import etree

from pipeline.models import MediaInput

MRSS = "{http://search.yahoo.com/mrss/}"
ATOM = "{http://www.w3.org/2005/Atom}"
RDF_ITEM = "{http://purl.org/rss/1.0/}item"
IMAGE_TYPES = ("image/", "application/pdf")
MAX_PER_ENTRY = 20


def feed_media(text: str, feed_url: str) -> dict[str, tuple[MediaInput, ...]]:
    """Each entry's media keyed by its id (guid, atom:id) and by its link."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return {}
    if root is None:
        return {}
    found: dict[str, tuple[MediaInput, ...]] = {}
    for item in root.iter("item", f"{ATOM}entry", RDF_ITEM):
        media = _entry_media(item, feed_url)
        if not media:
            continue
        for key in _keys(item, feed_url):
            found.setdefault(key, media)
    return found


def _keys(item, feed_url: str) -> list[str]:
    keys = []
    for tag in ("guid", f"{ATOM}id", "link"):
        element = item.find(tag)
        if element is not None and (element.text or "").strip():
            keys.append(element.text.strip())
    for link in item.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            keys.append(link.get("href").strip())
    about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    keys += [about] if about else []
    return [*keys, *(urljoin(feed_url, key) for key in keys if key.startswith("/"))]


def _entry_media(item, feed_url: str) -> tuple[MediaInput, ...]:
    shared = _details(item)  # item-level credit and description apply to all its pictures
    found: dict[str, MediaInput] = {}
    contents = [
        (content, _details(group) if group is not item else {})
        for group in [item, *item.findall(f"{MRSS}group")]
        for content in group.findall(f"{MRSS}content")
    ]
    for content, group_details in contents:
        if content.get("medium", "image") not in ("image", "document"):
            continue
        kind = content.get("type", "")
        if kind and not kind.startswith(IMAGE_TYPES):
            continue
        own = {**shared, **group_details, **_details(content)}
        _add(found, content.get("url"), feed_url, kind, own)
    for enclosure in [*item.findall("enclosure"), *_atom_enclosures(item)]:
        kind = enclosure.get("type", "")
        if kind and not kind.startswith(IMAGE_TYPES):
            continue  # podcasts and videos are not press photos
        _add(found, enclosure.get("url") or enclosure.get("href"), feed_url, kind, shared)
    if not found:
        for thumbnail in item.iter(f"{MRSS}thumbnail"):
            _add(found, thumbnail.get("url"), feed_url, "", shared)
            break
    return tuple(found.values())[:MAX_PER_ENTRY]


def _atom_enclosures(item) -> list:
    return [link for link in item.findall(f"{ATOM}link") if link.get("rel") == "enclosure"]


def _add(found: dict, url: str | None, feed_url: str, kind: str, details: dict) -> None:
    url = urljoin(feed_url, (url or "").strip())
    if urlsplit(url).scheme not in ("http", "https") or url in found:
        return
    found[url] = MediaInput(url=url, declared_type=kind, **details)


def _details(element) -> dict[str, str]:
    details = {}
    credit = element.find(f"{MRSS}credit")
    if credit is not None and _text(credit):
        details["credit"] = _text(credit)
    elif (copyright_ := element.find(f"{MRSS}copyright")) is not None and _text(copyright_):
        details["credit"] = _text(copyright_)
    for tag in ("description", "title"):
        caption = element.find(f"{MRSS}{tag}")
        if caption is not None and _text(caption):
            details.setdefault("caption", _text(caption))
    license_ = element.find(f"{MRSS}license")
    if license_ is not None and (_text(license_) or license_.get("href")):
        details["license"] = _text(license_) or license_.get("href", "")
    text = element.find(f"{MRSS}text")
    if text is not None and _text(text):
        details["alt"] = _text(text)[:500]
    return details


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())
