"""Editors' edits and corrections: a new revision with their fields, the old one kept."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from html import escape

from lxml import html as lxml_html

from pipeline.errors import InvalidTransition
from pipeline.models import Media, Problem, Release
from pipeline.normalize.captions import clean_media
from pipeline.normalize.dates import plausibility_problem
from pipeline.normalize.disclaimers import is_disclaimer
from pipeline.normalize.headline import headline_length_problem
from pipeline.normalize.sanitize import plain_field
from pipeline.normalize.summary import teaser_of_paragraphs
from pipeline.review.decisions import Decided, approve
from pipeline.review.markdown import to_html, to_markdown
from pipeline.store import Store

# an edit that does not name an embargo leaves the release's as it is
KEEP_EMBARGO = object()


def edit(
    store: Store,
    release_id: str,
    *,
    title: str,
    teaser: str,
    categories: list[str],
    actor: str,
    now: datetime,
    seen: int,
    text: str = "",
    body: str | None = None,
    media: tuple[Media, ...] | None = None,
    embargo_until=KEEP_EMBARGO,
) -> Decided:
    """An editor's change of title, teaser, body, categories, media (captions, credits, alt
    texts, which photo leads, which are dropped) or embargo: a new revision, the old kept."""
    current = store.get(release_id, history=False).release
    changed = edited_release(
        current,
        title=title,
        teaser=teaser,
        text=text,
        body=body,
        categories=categories,
        media=media,
        embargo_until=embargo_until,
        now=now,
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
    categories: list[str],
    text: str = "",
    media: tuple[Media, ...] | None = None,
    body: str | None = None,
    embargo_until=KEEP_EMBARGO,
    now: datetime | None = None,
) -> Release:
    """The release with the editor's fields. The body comes as Markdown (`body`), which keeps
    links, emphasis, headings and lists, or as plain text (`text`, paragraphs split by blank
    lines); a body left as it was keeps its markup exactly. An embargo the editor sets (or
    clears) replaces the one Melder read, and with it a problem reading it."""
    title = " ".join(title.split())
    if body is not None:
        body_html, paragraphs = _from_markdown(release, body)
    else:
        body_html, paragraphs = _from_text(release, text)
    if any(map(is_disclaimer, paragraphs)):  # the channel adds its own, once
        body_html, paragraphs = (
            _without_disclaimers(body_html),
            [part for part in paragraphs if not is_disclaimer(part)],
        )
    new_text = "\n\n".join(paragraphs)
    teaser = " ".join(teaser.split())
    if new_text != release.text and teaser == " ".join(release.teaser.split()):
        if _cut_from_opening(teaser, release.text):
            # a teaser Melder cut from the old opening follows the new one: left as it was, it
            # would tell the old version above the corrected text
            teaser = plain_field(teaser_of_paragraphs(paragraphs))
    kept = [p for p in release.errors if p.field not in {"title", "teaser", "body", "text"}]
    if not title:
        kept.append(Problem(field="title", message="a headline is required"))
    elif too_long := headline_length_problem(title):
        kept.append(too_long)  # the limit ingest holds a release for
    if not paragraphs:
        kept.append(Problem(field="body", message="the release has no text"))
    fields = {
        "title": title,
        "teaser": teaser,
        "text": new_text,
        "body_html": body_html,
        "categories": tuple(c.strip() for c in categories if c.strip()),
        "errors": tuple(kept),
        "media": release.media if media is None else clean_media(media),
    }
    if embargo_until is not KEEP_EMBARGO and embargo_until is not None:
        # a moment the editor gives settles the embargo Melder could not read; an empty field
        # never does, so saving other fields leaves such a release held
        fields["errors"] = tuple(p for p in kept if p.field != "embargo_until")
        if now is not None and (problem := plausibility_problem(embargo_until, now, "embargo")):
            fields["errors"] += (Problem(field="embargo_until", message=problem),)
        fields["embargo_until"] = embargo_until
    elif embargo_until is None and release.embargo_until is not None:
        fields["embargo_until"] = None  # the editor cleared the embargo
    digest = hashlib.sha256(
        json.dumps(fields, default=_jsonable, sort_keys=True).encode()
    ).hexdigest()
    return release.model_copy(update={**fields, "content_hash": digest})


# how far into the body a teaser may start: a wire's dateline in front of it stays in the body
TEASER_REACH = 200


def _cut_from_opening(teaser: str, text: str) -> bool:
    """The teaser is the body's own opening words (after a dateline, up to a cut with '…')."""
    words = teaser.rstrip("…").split()
    if words and teaser.rstrip().endswith("…"):
        words = words[:-1]  # the last word may be cut short
    opening = " ".join(text.split()[: len(words) + TEASER_REACH // 5])
    return bool(words) and " ".join(words) in opening[: len(" ".join(words)) + TEASER_REACH]


def _without_disclaimers(body_html: str) -> str:
    root = lxml_html.fragment_fromstring(body_html or "<p></p>", create_parent="div")
    for block in list(root):
        if is_disclaimer(_block_text(block)):
            root.remove(block)
    return "\n".join(lxml_html.tostring(block, encoding="unicode").strip() for block in root)


def _from_markdown(release: Release, body: str) -> tuple[str, list[str]]:
    if folded_markdown(body) == folded_markdown(to_markdown(release.body_html)):
        return release.body_html, [p for p in release.text.split("\n\n") if p.strip()]
    body_html = to_html(body)
    root = lxml_html.fragment_fromstring(body_html or "<p></p>", create_parent="div")
    paragraphs = [_block_text(block) for block in root.iter("p", "h2", "h3", "h4", "li")]
    return body_html, [part for part in paragraphs if part]


def _block_text(block) -> str:
    """A block's words; a line break stays one (a table's rows, an address's lines)."""
    for line_break in block.iter("br"):
        line_break.tail = "\n" + (line_break.tail or "")
    lines = (" ".join(line.split()) for line in block.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _from_text(release: Release, text: str) -> tuple[str, list[str]]:
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.replace("\r", ""))]
    paragraphs = [part for part in paragraphs if part]
    if "\n\n".join(paragraphs) == release.text:
        return release.body_html, paragraphs
    return "\n".join(f"<p>{escape(part, quote=False)}</p>" for part in paragraphs), paragraphs


def folded_markdown(markdown: str) -> str:
    return "\n".join(line.rstrip() for line in markdown.replace("\r", "").strip().splitlines())


def _jsonable(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else list(value)
