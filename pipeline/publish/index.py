"""The `html` format: `index.html`, a teaser list fragment, and one fragment per release."""

from __future__ import annotations

from pipeline.config import ChannelConfig
from pipeline.normalize.sanitize import clean_fragment
from pipeline.publish.fragment import (
    FRAGMENT_ATTRIBUTES,
    FRAGMENT_TAGS,
    ChannelView,
    PublishedItem,
    _attr,
    _meta_line,
    _text,
)
from pipeline.publish.labels import dir_attribute, labels_for


def render_index(view: ChannelView) -> str:
    """index.html: one teaser per release, newest first, linking to the release files."""
    channel = view.channel
    labels = labels_for(channel.language, channel.language)
    live = [item for item in view.items if item.entry.withdrawn_at is None]
    if not live:
        body = f"<p>{labels.empty}</p>"
    else:
        body = "\n".join(["<ul>", *(_teaser(item, channel) for item in live), "</ul>"])
    direction = dir_attribute(channel.language)
    html = f'<div class="melder-index" lang="{_attr(channel.language)}"{direction}>\n{body}\n</div>'
    return clean_fragment(html, set(FRAGMENT_TAGS), FRAGMENT_ATTRIBUTES) + "\n"


def _teaser(item: PublishedItem, channel: ChannelConfig) -> str:
    release = item.release
    labels = labels_for(release.language, channel.language)
    teaser = f"\n<p>{_text(item.summary)}</p>" if item.summary else ""
    direction = dir_attribute(release.language, inside=channel.language)
    return (
        f'<li lang="{_attr(release.language)}"{direction}>\n'
        f'<h2><a href="{_attr(item.url)}">{_text(release.title)}</a></h2>\n'
        f"{_meta_line(item, labels)}{teaser}\n</li>"
    )


def html_files(view: ChannelView) -> dict[str, bytes]:
    """The `html` format: the teaser list and one fragment per release."""
    files = {"index.html": render_index(view).encode()}
    for item in view.items:
        files[f"releases/{item.entry.public_name}"] = item.fragment.encode()
    return files
