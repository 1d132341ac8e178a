"""Blocks to output: classified as headings, list items or paragraphs, then rendered to
sanitized HTML and plain text with the release's links.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from pipeline.models import Link
from pipeline.normalize import dates, links
from pipeline.normalize.body import (
    Block,
    Seg,
    clean_inline,
    tidy_segments,
)
from pipeline.normalize.datelines import DETAIL_LINE_RE
from pipeline.normalize.paragraphs import BULLET_RE, NUMBERED_RE, SIGNED_RE, TERMINAL
from pipeline.normalize.sanitize import clean_body, plain_field

# --- Blocks to output --------------------------------------------------------------------------


def classify(blocks: list[Block]) -> list[Block]:
    """Plain-text paragraphs become list items or subheadings where they clearly are."""
    blocks = _without_tail_labels(_without_empty_sections(blocks))
    numbered = _numbered_items(blocks)
    result = []
    for index, block in enumerate(blocks):
        if block.kind == "p":
            text = block.text
            bullet = BULLET_RE.match(text)
            if bullet and text.startswith("*") and _footnote(blocks, index):
                bullet = None  # '* Adjusted EPS is …' under 'EPS*' is a footnote, no list
            if bullet and _attribution(blocks, index):
                bullet = None  # '– Mayor Daniel Okafor' under a quote says who said it
            if index in numbered:
                block = Block("li", _strip_prefix(block.segs, numbered[index]), ordered=True)
            elif bullet:
                segs = _strip_prefix(block.segs, bullet.end())
                if closing := _CLOSING_DASH_RE.search(text) if text[:1] in "-–—" else None:
                    segs = _strip_suffix(segs, len(closing.group()))
                block = Block("li", segs)
            elif index + 1 < len(blocks) and _looks_like_subheading(block, blocks[index + 1]):
                block = Block("h3", block.segs)
        result.append(block)
    return result


def _attribution(blocks: list[Block], index: int) -> bool:
    """A lone dash line under a quotation ('“… together.”' / '– Mayor Daniel Okafor'): who
    said it, not a list of one item."""
    text = blocks[index].text
    if text[:1] not in "–—-" or len(text.split()) > ATTRIBUTION_WORDS or index == 0:
        return False
    neighbours = (blocks[index - 1], blocks[index + 1] if index + 1 < len(blocks) else None)
    if any(block is not None and BULLET_RE.match(block.text) for block in neighbours):
        return False
    above = blocks[index - 1]
    return above.kind == "quote" or above.text.rstrip()[-1:] in "\"“”»«'"


ATTRIBUTION_WORDS = 12


def _footnote(blocks: list[Block], index: int) -> bool:
    """A lone starred paragraph that explains a starred word above it ('EPS* rose …')."""
    lone = not any(
        0 <= other < len(blocks) and blocks[other].text.startswith("*")
        for other in (index - 1, index + 1)
    )
    return lone and any(_STARRED_WORD.search(block.text) for block in blocks[:index])


_STARRED_WORD = re.compile(r"\w\*(?!\w)")


def _numbered_items(blocks: list[Block]) -> dict[int, int]:
    """Paragraphs that count 1., 2., 3. … one after another form an ordered list: index ->
    length of the number to strip. A lone '1. Januar …' is a date, not a list."""
    items: dict[int, int] = {}
    run: list[tuple[int, int]] = []
    for index, block in enumerate([*blocks, Block("p", [])]):
        match = NUMBERED_RE.match(block.text) if block.kind == "p" else None
        if match and int(match.group("number")) == len(run) + 1:
            run.append((index, match.end()))
            continue
        if len(run) >= 2:
            items.update(run)
        run = [(index, match.end())] if match and match.group("number") == "1" else []
    return items


def _without_tail_labels(blocks: list[Block]) -> list[Block]:
    """Short label lines after the last sentence of the body (a sidebar's "Bürgerbüro",
    "Mo–Fr 8–18 Uhr") belong to the page, not the release: nothing follows them that they
    could head or introduce."""
    end = len(blocks)
    while end > 1 and (_is_tail_label(blocks[end - 1]) or _heads_nothing(blocks[end - 1])):
        end -= 1
    if any(SIGNED_RE.match(block.text) for block in blocks[end:]):
        return blocks  # a notice's signature and the signer's office under it
    prose = any(block.kind in ("p", "quote") and _is_sentence(block.text) for block in blocks[:end])
    return blocks[:end] if prose else blocks


def _without_empty_sections(blocks: list[Block]) -> list[Block]:
    """A heading over a heading of its rank or above, once the text has begun: the pictures,
    files or contact its section held went to their own fields ('Bilder', 'Dokumente')."""
    begun = next((i for i, block in enumerate(blocks) if block.kind == "p"), len(blocks))
    return [
        block
        for index, block in enumerate(blocks)
        if not (
            index > begun
            and _heads_nothing(block)
            and index + 1 < len(blocks)
            and blocks[index + 1].kind in HEADING_RANKS
            and blocks[index + 1].kind <= block.kind
        )
    ]


HEADING_RANKS = ("h1", "h2", "h3", "h4")


def _heads_nothing(block: Block) -> bool:
    """A heading with nothing under it, closing the text ('Associated links' over links that
    were menus): it has nothing left to head."""
    return block.kind in ("h2", "h3", "h4") and len(block.text) <= HEADING_TAIL_CHARS


HEADING_TAIL_CHARS = 120


def _is_tail_label(block: Block) -> bool:
    text = block.text.strip()
    return (
        block.kind in ("p", "h2", "h3", "h4")
        and 0 < len(text) <= 40
        # a period after a date or an abbreviation ("Ratssitzung 3.12.", "Mo.–Fr.") ends no
        # sentence; after a word it does ("Anmeldung erforderlich.", "Eintritt frei.")
        and (
            text[-1] not in TERMINAL + ":"
            or (len(text.split()) <= 3 and bool(_LABEL_END_RE.search(text)))
        )
        and not any(href for _, href in block.segs)
        and not ADDRESS_HINT_RE.search(text)  # a contact the findings missed stays
        and not BULLET_RE.match(text)  # a list's items ('1. Bescheid abwarten') close it
        and not NUMBERED_RE.match(text)
        and not FACT_LINE_RE.match(text)  # 'Zeit: 10 bis 15 Uhr', 'Eintritt: frei'
    )


# A fact a release gives under its text, a label and its value: when, where, what it costs
FACT_LINE_RE = re.compile(r"[A-ZÄÖÜ][\w.&/-]*(?: [\w.&/-]+){0,2}: \S")
_LABEL_END_RE = re.compile(r"(?:(?<![$€£\w])\d{1,2}\.(?:\d{1,2}\.)?|\b[^\W\d]{1,3}\.)$")
ADDRESS_HINT_RE = re.compile(r"@|\d[\d /().-]{5,}\d|www\.|https?://")


def _is_sentence(text: str) -> bool:
    return len(text.split()) >= 6 and _without_note_mark(text)[-1:] in TERMINAL


def _without_note_mark(text: str) -> str:
    """'… geöffnet.¹' ends its sentence before the footnote's mark."""
    return text.rstrip().rstrip("⁰¹²³⁴⁵⁶⁷⁸⁹*†‡").rstrip()


def _looks_like_subheading(block: Block, following: Block) -> bool:
    """A short line that heads prose: a line of an address or a signature (followed by more
    short lines, or carrying a phone number or an e-mail address) heads nothing."""
    text = block.text
    return (
        len(text) <= 100
        and (
            following.kind in ("li", "quote")
            or (following.kind == "p" and _is_sentence(following.text))
        )
        and not ADDRESS_HINT_RE.search(text)
        and len(text.split()) <= 12
        and _without_note_mark(text)[-1:] not in TERMINAL + ","
        and not any(href for _, href in block.segs)
        and text[0].isupper()
        and not dates.is_date_line(text)
        and not DETAIL_LINE_RE.match(text)  # 'Ort: Plauen, Pausaer Straße' over a report
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


# Wires set a release's highlights between dashes ('- Met its primary endpoint -'): the
# closing dash belongs with the opening one, which the list item drops.
_CLOSING_DASH_RE = re.compile(r"\s+[-–—]\s*$")


def _strip_suffix(segs: list[Seg], length: int) -> list[Seg]:
    result = list(segs)
    while length and result:
        text, href = result[-1]
        if len(text) <= length:
            length -= len(text)
            result.pop()
        else:
            result[-1] = (text[:-length], href)
            length = 0
    return tidy_segments(result)


HEADING_TAG = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}


def render(blocks: list[Block]) -> tuple[str, str, list[Link]]:
    """Sanitized HTML, plain text and the distinct http(s) links of the body.

    In the text, blocks are split by a blank line; items of one list and rows of one table stay
    on adjacent lines (a table is one paragraph, its rows split by <br>).
    """
    parts: list[str] = []
    text = ""
    open_list = None
    number = 0
    previous = None
    for block in blocks:
        list_tag = ("ol" if block.ordered else "ul") if block.kind == "li" else None
        continues_list = list_tag is not None and list_tag == open_list
        if open_list and not continues_list:
            parts.append(f"</{open_list}>")
        if list_tag and not continues_list:
            parts.append(f"<{list_tag}>")
            number = 0
        open_list = list_tag
        next_row = block.kind == "row" and previous == "row"
        if next_row:  # the table's paragraph goes on
            parts[-1] = parts[-1].removesuffix("</p>") + "<br>" + _block_html(block)[3:]
        else:
            parts.append(_block_html(block))
        previous = block.kind
        number += 1
        marker = f"{number}. " if list_tag == "ol" else "- "
        shown = f"{marker}{block.text}" if list_tag else block.text
        text += ("\n" if continues_list or next_row else "\n\n") + shown if text else shown
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
            if not _wire_own_page(href):
                seen[href] = Link(url=href, text=text.strip())
    return list(seen.values())


# Newswires link their name in the dateline to their home page and a ticker to their search:
# pages of the wire, not of the release.
WIRE_HOSTS = (
    "businesswire.com", "prnewswire.com", "prnewswire.co.uk", "globenewswire.com",
    "accesswire.com", "accessnewswire.com", "einpresswire.com", "newsfilecorp.com", "prweb.com",
    "newswire.ca", "presseportal.de", "presseportal.ch", "eqs-news.com", "ots.at",
)  # fmt: skip


def _wire_own_page(href: str) -> bool:
    parts = urlsplit(href)
    host = (parts.hostname or "").removeprefix("www.")
    if not any(host == wire or host.endswith("." + wire) for wire in WIRE_HOSTS):
        return False
    path = parts.path.rstrip("/").lower()
    return not path or "search" in path or "search" in parts.query.lower()


def merge_links(
    body: list[Link], extra: tuple[Link, ...], base_url: str | None
) -> tuple[Link, ...]:
    seen = {link.url: link for link in body}
    for link in extra:
        url = links.clean_url(link.url, base_url)
        if url and url not in seen:
            seen[url] = Link(url=url, text=plain_field(clean_inline(link.text)))
    return tuple(seen.values())
