"""The headline, kicker and dateline of a release, and its publication date."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo

from pipeline.models import Problem, RawRelease
from pipeline.normalize import boilerplate, dates
from pipeline.normalize.body import (
    Block,
    clean_inline,
    tidy_segments,
)
from pipeline.normalize.findings import Findings
from pipeline.normalize.paragraphs import BULLET_RE

DATELINE_ONLY_RE = re.compile(
    r"^[^\W\d][\w.'’/, -]{1,60}\((?:ots|dpa|afp|ap|reuters|kna|epd|pm|red|idw|mi)\)\s*[-–—:]*$"
    r"|^.{1,80}/\s?(?:PRNewswire|Business\s?Wire|GLOBE\s?NEWSWIRE|ACCESSWIRE|EQS)[\w -]*/"
    r"\s*[-–—]*$",
    re.I,
)
DATELINE_HEAD_RE = re.compile(r"^(?P<head>[^!?]{4,90}?)\s(?:--|[-–—]|/[\w -]{3,40}/)\s")


# --- Headline and dates ------------------------------------------------------------------------


def take_title(blocks: list[Block], given: str, found: Findings) -> tuple[str, list[Block]]:
    """The headline and the body without it (and without the date lines above the body)."""
    head_end = next((i for i, b in enumerate(blocks) if _is_body_paragraph(b)), len(blocks))
    title, title_index = given, None
    if given:
        key = _title_key(given)
        title_index = next((i for i, b in enumerate(blocks[:6]) if _title_key(b.text) == key), None)
    else:
        title_index = _find_headline(blocks, head_end)
        title = blocks[title_index].text if title_index is not None else ""
    kept = []
    for index, block in enumerate(blocks):
        if index < head_end and block.kind in ("p", "h1", "h2") and dates.is_date_line(block.text):
            found.date_text = found.date_text or block.text
        elif index != title_index and not (
            title_index is not None and index < title_index and _is_kicker(block)
        ):
            kept.append(block)
    kept = _merge_datelines(kept)
    found.date_text = found.date_text or _dateline_text(kept)
    return title, kept


def _dateline_text(blocks: list[Block]) -> str | None:
    """The date of a dateline such as 'Leipzig, 25. November 2026 – Die Stadt ...'."""
    for block in blocks[:4]:
        match = DATELINE_HEAD_RE.match(block.text) if block.kind == "p" else None
        found = dates.find_date(match.group("head")) if match else None
        if found and len(match.group("head")[: found[0].start()].split()) <= 4:
            return match.group("head")
    return None


def _is_kicker(block: Block) -> bool:
    """A short label above the headline (a section name, a 'Dachzeile'): page furniture."""
    text = block.text
    return len(text.split()) <= 6 and text[-1] not in ".!?" and not any(h for _, h in block.segs)


def _find_headline(blocks: list[Block], head_end: int) -> int | None:
    h1 = next((i for i, b in enumerate(blocks[: head_end + 1]) if b.kind == "h1"), None)
    if h1 is not None:
        return h1
    candidates = [i for i in range(head_end) if _looks_like_headline(blocks[i])]
    for index in candidates:
        if len(blocks[index].text.split()) >= 3 or len(blocks[index].text) >= 25:
            return index
    if candidates:
        return candidates[0]
    # A headline with a final period: a short single sentence directly followed by the body.
    if head_end < len(blocks) and head_end >= 1 and _may_be_headline(blocks[head_end - 1]):
        return head_end - 1
    first = blocks[0] if blocks else None
    if first and len(blocks) > 1 and _may_be_headline(first) and first.text[-1] in ".!?":
        return 0
    return None


def _may_be_headline(block: Block) -> bool:
    text = block.text
    return (
        block.kind == "p"
        and len(text) <= 150
        and len(text.split()) >= 2
        and not any(href for _, href in block.segs)
        and not DATELINE_ONLY_RE.match(text)
        and not dates.is_date_line(text)
    )


def _looks_like_headline(block: Block) -> bool:
    text = block.text
    if block.kind not in ("p", "h1", "h2", "h3") or any(href for _, href in block.segs):
        return False
    words = len(text.split())
    return (
        2 <= words <= 30
        and 8 <= len(text) <= 250
        and text[-1] not in ".:;,"
        and (text[0].isupper() or text[0].isdigit() or text[0] in "„\"“»'")
        and not BULLET_RE.match(text)
        and not DATELINE_ONLY_RE.match(text)
        and not dates.is_date_line(text)
    )


def _is_body_paragraph(block: Block) -> bool:
    return block.kind in ("p", "quote") and boilerplate.is_long_paragraph(block.text)


def _title_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _merge_datelines(blocks: list[Block]) -> list[Block]:
    """'LEIPZIG (ots) –' on its own line belongs to the paragraph after it."""
    merged: list[Block] = []
    for block in blocks:
        if merged and merged[-1].kind == "p" and DATELINE_ONLY_RE.match(merged[-1].text):
            if block.kind == "p":
                block = Block("p", tidy_segments(merged.pop().segs + [(" ", None)] + block.segs))
        merged.append(block)
    return merged


def published_at(raw: RawRelease, zone: tzinfo, now: datetime, found: Findings) -> datetime | None:
    value = None
    if raw.published is not None:
        value = dates.localize(raw.published, zone)
    elif raw.published_text:
        value = dates.parse_datetime(clean_inline(raw.published_text), zone, now)
        if value is None:
            found.warnings.append(f"publication date {raw.published_text!r} not understood")
    elif found.date_text:
        value = dates.parse_datetime(found.date_text, zone, now)
    if value is None:
        return None
    problem = dates.plausibility_problem(value, now)
    if problem:
        found.problems.append(Problem(field="published_at", message=problem))
    elif value > now + timedelta(days=1):
        found.warnings.append(
            f"publication date {value.date().isoformat()} lies in the future: held for an "
            "editor; feeds date it when it goes out"
        )
    return value
