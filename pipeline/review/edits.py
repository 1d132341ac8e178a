"""Editors' edits and corrections: a new revision with their fields, the old one kept."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from html import escape

from pipeline.errors import InvalidTransition
from pipeline.models import Media, Problem, Release
from pipeline.normalize.captions import clean_media
from pipeline.review.decisions import Decided, approve
from pipeline.store import Store


def edit(
    store: Store,
    release_id: str,
    *,
    title: str,
    teaser: str,
    text: str,
    categories: list[str],
    actor: str,
    now: datetime,
    seen: int,
    media: tuple[Media, ...] | None = None,
) -> Decided:
    """An editor's change of title, teaser, body, categories or media (captions, credits, alt
    texts, which photo leads, which are dropped): a new revision, the old kept."""
    current = store.get(release_id, history=False).release
    changed = edited_release(
        current, title=title, teaser=teaser, text=text, categories=categories, media=media
    )
    after = store.edit(current.id, changed, actor=actor, now=now, seen=seen)
    return Decided(after, "edited", f"release {current.id} edited: revision {after.revision}")


def correct(
    store: Store, release_id: str, *, actor: str, now: datetime, seen: int, **fields
) -> Decided:
    """Edit a published release and release the correction at the next publish: same id and
    URL, a new `updated` date in every feed."""
    view = store.get(release_id, history=False)
    if view.first_published_at is None:
        raise InvalidTransition(f"release {release_id} was never published; edit it instead")
    edited = edit(store, release_id, actor=actor, now=now, seen=seen, **fields)
    if edited.view.release.errors:
        return edited
    return approve(store, edited.view.release.id, actor=actor, now=now, seen=edited.view.version)


def edited_release(
    release: Release,
    *,
    title: str,
    teaser: str,
    text: str,
    categories: list[str],
    media: tuple[Media, ...] | None = None,
) -> Release:
    """The release with the editor's fields; a body left as it was keeps its links and markup."""
    title = " ".join(title.split())
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.replace("\r", ""))]
    paragraphs = [part for part in paragraphs if part]
    new_text = "\n\n".join(paragraphs)
    body_html = release.body_html
    if new_text != release.text:
        body_html = "\n".join(f"<p>{escape(part, quote=False)}</p>" for part in paragraphs)
    kept = [p for p in release.errors if p.field not in {"title", "teaser", "body", "text"}]
    if not title:
        kept.append(Problem(field="title", message="a headline is required"))
    if not paragraphs:
        kept.append(Problem(field="body", message="the release has no text"))
    fields = {
        "title": title,
        "teaser": " ".join(teaser.split()),
        "text": new_text,
        "body_html": body_html,
        "categories": tuple(c.strip() for c in categories if c.strip()),
        "errors": tuple(kept),
        "media": release.media if media is None else clean_media(media),
    }
    digest = hashlib.sha256(
        json.dumps(fields, default=_jsonable, sort_keys=True).encode()
    ).hexdigest()
    return release.model_copy(update={**fields, "content_hash": digest})


def _jsonable(value):
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else list(value)
