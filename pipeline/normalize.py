"""Turn what a reader found (`RawRelease`) into a clean, validated `Release`.

`normalize` is pure: no I/O and no clock (the time an input was received stands for "now"),
so the same input always gives the same release. The steps, in order:

1. lines: the body as lines of inline pieces (text, link), from plain text or an HTML fragment,
   with Unicode repaired and bare URLs turned into links;
2. embargo and contact lines are taken out (before furniture removal, which would eat "Kontakt");
3. furniture (ads, widgets, navigation) goes, then lines join into paragraphs;
4. old portal disclaimers go, the headline and date lines are found;
5. the blocks are rendered to sanitized HTML and plain text; everything is checked.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from pipeline import boilerplate, dates, links
from pipeline.body import (
    Block,
    Line,
    Seg,
    body_lines,
    clean_inline,
    plain_text,
    repair_text,
    tidy_segments,
)
from pipeline.config import SourceConfig
from pipeline.disclaimers import is_disclaimer
from pipeline.models import Link, Problem, RawRelease, Release, release_id
from pipeline.sanitize import clean_body
from pipeline.summary import detect_language, lead_text, make_slug, make_teaser

TITLE_LIMIT = 300
BULLET_RE = re.compile(r"^(?:[-–•*·▪►]|\u2022)\s+(?=\S)")
TERMINAL = '.!?…:;"“”»«)'

EMBARGO_RE = re.compile(
    r"^\W*(?:sperrfrist(?:\s+bis)?|embargo(?:ed)?(?:\s+(?:until|till|bis))?|not\s+for\s+"
    r"(?:release|publication|broadcast)\s+(?:before|until|prior\s+to)|ver[öo]ffentlichung\s+"
    r"(?:nicht\s+vor|frei\s+ab|ab)|frei\s+(?:zur\s+ver[öo]ffentlichung\s+)?ab|nicht\s+vor)"
    r"(?P<colon>\s*[:\-–])?\s*(?P<rest>.*)$",
    re.I,
)
NO_EMBARGO_RE = re.compile(r"^(?:keine|none|no|sofort|immediately|immediate|frei|-|–)\W*$", re.I)
CONTACT_RE = re.compile(
    r"^\W*(?:(?P<strong>(?:presse|medien|media|press|pr)[- ]?(?:kontakte?|contacts?|"
    r"ansprechpartner(?:in)?|anfragen|inquiries|enquiries)|f[üu]r\s+(?:r[üu]ck|presse)fragen"
    r"(?:\s+wenden\s+sie\s+sich\s+bitte\s+an)?|for\s+(?:further|more)\s+information(?:,?\s+"
    r"(?:please\s+)?contact)?)|(?:kontakte?|contacts?|ansprechpartner(?:in)?|r[üu]ckfragen(?:\s+an)?"
    r"|pressestelle|investor\s+relations))(?P<colon>\s*:)?\s*(?P<rest>.*)$",
    re.I,
)
CONTACT_STOP_RE = re.compile(r"^(?:über|about|hintergrund|background|notes? to editors)\b", re.I)
DATELINE_ONLY_RE = re.compile(
    r"^[^\W\d][\w.'’/, -]{1,60}\((?:ots|dpa|afp|ap|reuters|kna|epd|pm|red|idw|mi)\)\s*[-–—:]*$"
    r"|^.{1,80}/\s?(?:PRNewswire|Business\s?Wire|GLOBE\s?NEWSWIRE|ACCESSWIRE|EQS)[\w -]*/"
    r"\s*[-–—]*$",
    re.I,
)
DATELINE_HEAD_RE = re.compile(r"^(?P<head>[^!?]{4,90}?)\s(?:--|[-–—]|/[\w -]{3,40}/)\s")


@dataclass
class Findings:
    """What the body said besides the article itself."""

    problems: list[Problem]
    warnings: list[str] = field(default_factory=list)
    embargo: datetime | None = None
    contact: str | None = None
    date_text: str | None = None


def normalize(raw: RawRelease, source: SourceConfig) -> Release:
    """The clean release for `raw`; every problem is listed in `errors`, nothing is raised."""
    zone, now = source.zone, raw.provenance.received_at
    found = Findings(problems=list(raw.problems))
    lines = body_lines(raw, source)
    lines = take_embargo(lines, zone, now, found)
    lines = take_contact(lines, found)
    keep = boilerplate.keep_mask([line.text for line in lines])
    blocks = join_lines([line for line, kept in zip(lines, keep, strict=True) if kept])
    blocks = drop_disclaimers(blocks, found)
    title, blocks = take_title(blocks, clean_inline(repair_text(raw.title or "")), found)
    blocks = classify(blocks)
    body_html, text, body_links = render(blocks)
    return Release(
        id=release_id(raw.source, raw.identity),
        source=raw.source,
        identity=raw.identity,
        title=title,
        slug=make_slug(title, raw.identity),
        teaser=make_teaser(plain_text(raw.teaser) if raw.teaser else lead_text(blocks)),
        body_html=body_html,
        text=text,
        language=source.language or raw.language or detect_language(f"{title}\n{text}"),
        published_at=published_at(raw, zone, now, found),
        embargo_until=dates.localize(raw.embargo_until, zone)
        if raw.embargo_until
        else found.embargo,
        contact=_clean_contact(raw.contact) if raw.contact else found.contact,
        categories=raw.categories,
        links=merge_links(body_links, raw.links, raw.base_url),
        media=raw.media,
        provenance=raw.provenance,
        content_hash=raw.content_hash,
        errors=tuple(validate(raw, title, text, found)),
        warnings=tuple(found.warnings),
    )


# --- Embargo and contact -----------------------------------------------------------------------


def take_embargo(lines: list[Line], zone: tzinfo, now: datetime, found: Findings) -> list[Line]:
    kept = []
    for line in lines:
        text = line.text
        match = EMBARGO_RE.match(text) if len(text) <= 160 else None
        if match is None:
            kept.append(line)
            continue
        rest = match.group("rest")
        when = dates.parse_datetime(rest, zone, now) if rest else None
        if when is not None:
            found.embargo = found.embargo or when
        elif not match.group("colon"):
            kept.append(line)  # "Embargo gegen ..." is a sentence, not an embargo line
        elif not NO_EMBARGO_RE.match(rest):
            found.problems.append(
                Problem(field="embargo_until", message=f"cannot read the embargo date in {text!r}")
            )
    return kept


def take_contact(lines: list[Line], found: Findings) -> list[Line]:
    for index, line in enumerate(lines):
        match = CONTACT_RE.match(line.text) if len(line.text) <= 200 else None
        if match and (match.group("colon") or (match.group("strong") and not match.group("rest"))):
            taken = _contact_extent(lines, index)
            contact = [match.group("rest").strip()] + [lines[i].text for i in taken[1:]]
            found.contact = "\n".join(part for part in contact if part) or None
            return [line for i, line in enumerate(lines) if i not in set(taken)]
    return lines


def _contact_extent(lines: list[Line], start: int) -> list[int]:
    """The header line, the rest of its chunk, then chunks that still read like an address."""
    taken = [start]
    chunk = lines[start].chunk
    index = start + 1
    while index < len(lines) and len(taken) < 16:
        line = lines[index]
        if boilerplate.is_boilerplate(line.text) or CONTACT_STOP_RE.match(line.text):
            break
        if line.chunk != chunk:
            alone = len(taken) == 1 and not CONTACT_RE.match(lines[start].text).group("rest")
            if not alone and not _reads_like_contact(line.text):
                break
            chunk = line.chunk
        elif len(taken) > 1 and not _reads_like_contact(line.text) and is_disclaimer(line.text):
            break
        taken.append(index)
        index += 1
    return taken


def _reads_like_contact(text: str) -> bool:
    if len(text) > 120:
        return False
    if "@" in text or re.search(r"\+?\d[\d /().-]{6,}\d|www\.|https?://", text):
        return True
    return len(text.split()) <= 8 and not text.endswith((".", "!", "?"))


def _clean_contact(contact: str) -> str | None:
    lines = [clean_inline(line) for line in repair_text(contact).split("\n")]
    return "\n".join(line for line in lines if line) or None


# --- Paragraphs --------------------------------------------------------------------------------


def join_lines(lines: list[Line]) -> list[Block]:
    """Lines of one chunk that were wrapped by the sender become one paragraph again."""
    blocks: list[Block] = []
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].chunk == lines[start].chunk:
            end += 1
        blocks.extend(_chunk_blocks(lines[start:end]))
        start = end
    return blocks


def _chunk_blocks(chunk: list[Line]) -> list[Block]:
    first = chunk[0]
    if first.kind in ("h", "li"):
        kind = f"h{first.level}" if first.kind == "h" else "li"
        segs = [seg for line in chunk for seg in _spaced(line.segs)]
        return [Block(kind, tidy_segments(segs), first.ordered)]
    kind = "quote" if first.kind == "quote" else "p"
    width = max(len(line.text) for line in chunk)
    paragraphs = [list(first.segs)]
    for previous, line in zip(chunk, chunk[1:], strict=False):
        if _should_join(previous.text, line.text, width):
            paragraphs[-1] = tidy_segments(paragraphs[-1] + [(" ", None)] + line.segs)
        else:
            paragraphs.append(list(line.segs))
    return [Block(kind, segs) for segs in paragraphs]


def _spaced(segs: list[Seg]) -> list[Seg]:
    return [(" ", None), *segs]


def _should_join(previous: str, line: str, width: int) -> bool:
    if BULLET_RE.match(line) or _is_link_only(line) or _is_link_only(previous):
        return False
    if previous.endswith(":") or boilerplate.is_boilerplate(previous):
        return False
    ends_sentence = previous[-1] in TERMINAL
    if line[0].islower() and not ends_sentence:
        return True  # a sentence continues on the next line
    wrapped = 40 <= width <= 100 and len(previous) >= 0.6 * width
    return wrapped and (not ends_sentence or len(previous) >= 0.85 * width)


def _is_link_only(text: str) -> bool:
    return bool(re.fullmatch(r"(?:https?://|www\.)\S+", text))


def drop_disclaimers(blocks: list[Block], found: Findings) -> list[Block]:
    kept = [block for block in blocks if not is_disclaimer(block.text)]
    if len(kept) < len(blocks):
        found.warnings.append("an old portal disclaimer was removed from the body")
    return kept


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
    return value


# --- Blocks to output --------------------------------------------------------------------------


def classify(blocks: list[Block]) -> list[Block]:
    """Plain-text paragraphs become list items or subheadings where they clearly are."""
    result = []
    for index, block in enumerate(blocks):
        if block.kind == "p":
            text = block.text
            bullet = BULLET_RE.match(text)
            if bullet:
                block = Block("li", _strip_prefix(block.segs, bullet.end()))
            elif index + 1 < len(blocks) and _looks_like_subheading(block, blocks[index + 1]):
                block = Block("h3", block.segs)
        result.append(block)
    return result


def _looks_like_subheading(block: Block, following: Block) -> bool:
    text = block.text
    return (
        following.kind in ("p", "li", "quote")
        and len(text) <= 100
        and len(text.split()) <= 12
        and text[-1] not in TERMINAL + ","
        and not any(href for _, href in block.segs)
        and text[0].isupper()
        and not dates.is_date_line(text)
    )


def _strip_prefix(segs: list[Seg], length: int) -> list[Seg]:
    result = list(segs)
    while length and result:
        text, href = result[0]
        if len(text) <= length:
            length -= len(text)
            result.pop(0)
        else:
            result[0] = (text[length:], href)
            length = 0
    return tidy_segments(result)


HEADING_TAG = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}


def render(blocks: list[Block]) -> tuple[str, str, list[Link]]:
    """Sanitized HTML, plain text and the distinct http(s) links of the body.

    In the text, blocks are split by a blank line; items of one list stay on adjacent lines.
    """
    parts: list[str] = []
    text = ""
    open_list = None
    for block in blocks:
        list_tag = ("ol" if block.ordered else "ul") if block.kind == "li" else None
        continues_list = list_tag is not None and list_tag == open_list
        if open_list and not continues_list:
            parts.append(f"</{open_list}>")
        if list_tag and not continues_list:
            parts.append(f"<{list_tag}>")
        open_list = list_tag
        parts.append(_block_html(block))
        shown = f"- {block.text}" if list_tag else block.text
        text += ("\n" if continues_list else "\n\n") + shown if text else shown
    if open_list:
        parts.append(f"</{open_list}>")
    body_links = _distinct_links(seg for block in blocks for seg in block.segs)
    return clean_body("\n".join(parts)), text, body_links


def _block_html(block: Block) -> str:
    inner = "".join(_inline_html(text, href) for text, href in block.segs)
    if block.kind == "li":
        return f"<li>{inner}</li>"
    if block.kind == "quote":
        return f"<blockquote><p>{inner}</p></blockquote>"
    tag = HEADING_TAG.get(block.kind, "p")
    return f"<{tag}>{inner}</{tag}>"


def _inline_html(text: str, href: str | None) -> str:
    if href:
        return f'<a href="{html.escape(href, quote=True)}">{html.escape(text, quote=False)}</a>'
    return html.escape(text, quote=False)


def _distinct_links(segs) -> list[Link]:
    seen: dict[str, Link] = {}
    for text, href in segs:
        if href and href.startswith(("http://", "https://")) and href not in seen:
            seen[href] = Link(url=href, text=text.strip())
    return list(seen.values())


def merge_links(
    body: list[Link], extra: tuple[Link, ...], base_url: str | None
) -> tuple[Link, ...]:
    seen = {link.url: link for link in body}
    for link in extra:
        url = links.clean_url(link.url, base_url)
        if url and url not in seen:
            seen[url] = Link(url=url, text=clean_inline(link.text))
    return tuple(seen.values())


# --- Validation --------------------------------------------------------------------------------


def validate(raw: RawRelease, title: str, text: str, found: Findings) -> list[Problem]:
    problems = found.problems
    had_input = raw.body_html is not None or raw.body_text is not None
    if had_input or not raw.problems:
        if not title:
            problems.append(Problem(field="title", message="no headline found"))
        elif len(title) > TITLE_LIMIT:
            problems.append(
                Problem(
                    field="title",
                    message=f"headline is {len(title)} characters long; at most {TITLE_LIMIT}",
                )
            )
        if not text.strip():
            problems.append(Problem(field="body", message="no article text found"))
        elif len(text) < 80:
            found.warnings.append("the body is very short")
    return problems
