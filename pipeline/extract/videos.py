"""The videos a release embeds: a player's iframe or a <video>. Melder carries no player; the
video's address becomes one of the release's links, and the editor is told."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from pipeline.extract.images import outside_article

# Players whose videos a release embeds; Melder carries the video's address as a link.
_VIDEO_HOSTS = re.compile(
    r"^(?:https?:)?//(?:www\.)?(?:youtube(?:-nocookie)?\.com|youtu\.be|player\.vimeo\.com"
    r"|vimeo\.com|dailymotion\.com|dai\.ly|(?:[\w-]+\.)?jwplayer\.com|(?:[\w-]+\.)?"
    r"brightcove\.net|(?:[\w-]+\.)?kaltura\.com)/",
    re.I,
)


def article_videos(tree, base: str | None) -> tuple[str, ...]:
    """The addresses of the videos the article embeds (players in iframes, <video> sources),
    in page order; players in menus, sidebars and footers are not the release's."""
    found: list[str] = []
    for element in tree.iter("iframe", "video", "source"):
        source = element.get("src") or element.get("data-src") or ""
        if element.tag == "iframe" and not _VIDEO_HOSTS.match(source):
            continue
        if element.tag == "source" and (
            element.getparent() is None or element.getparent().tag != "video"
        ):
            continue
        url = urljoin(base or "", source) if source else ""
        if url.startswith(("http://", "https://")) and not outside_article(element):
            if url not in found:
                found.append(url)
    return tuple(found)
