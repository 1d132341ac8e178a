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
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

import ftfy
import lxml.html
from lxml import etree
from slugify import slugify

from pipeline import boilerplate, dates, links
from pipeline.config import SourceConfig
from pipeline.disclaimers import is_disclaimer
from pipeline.models import Link, Problem, RawRelease, Release, release_id
from pipeline.sanitize import clean_body

Seg = tuple[str, str | None]  # a run of inline text and the link it carries, if any

TEASER_LIMIT = 300
TITLE_LIMIT = 300
SLUG_LIMIT = 80

# Cheap test before asking ftfy: a UTF-8 lead byte read as Latin-1/cp1252, then a continuation.
MOJIBAKE_HINT_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
INVISIBLE_RE = re.compile(
    "[\u00ad\u200b-\u200f\u2060\u2061-\u2064\ufeff\u180e\x00-\x08\x0b\x0e-\x1f\x7f]"
)
SPACES_RE = re.compile("[\t\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
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
SENTENCE_END_RE = re.compile(r"[.!?…][\"“”»«'’)]?(?=\s+[\"„“»«(]?[A-ZÄÖÜ0-9])")
ABBREVIATIONS = frozenset(
    "dr prof nr str ca bzw vgl ggf inkl ff abs tel mio mrd bd hr fr jr sr mr mrs ms st no vs "
    "inc co ltd corp gmbh jan feb mär apr aug sep sept okt oct nov dez dec e.v z.b u.a d.h".split()
)
SLUG_REPLACEMENTS = [
    ["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"], ["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["ß", "ss"],
    ["ẞ", "SS"],
]  # fmt: skip
GERMAN_WORDS = frozenset(
    "der die das und ist nicht mit für den von zu sich des auf im dem ein eine einer wird "
    "sind auch als bei nach über wie werden sowie zum zur".split()
)
ENGLISH_WORDS = frozenset(
    "the and of to in is for that with on as by are this be will from has have its at an "
    "which was were their".split()
)
DETECTABLE = ("de", "en", "fr", "es", "it", "nl", "pl", "cs", "da", "sv", "pt", "tr")

# HTML: containers whose content never belongs to an article, and elements that start a block.
DROP_TAGS = frozenset(
    "script style noscript iframe object embed svg template nav aside form button select input "
    "textarea canvas video audio picture img map head title meta link figure".split()
)
BLOCK_TAGS = frozenset(
    "p div section article main header footer h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre "
    "table tr td th tbody thead address figcaption center hr".split()
)
MAX_DEPTH = 300
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
WHITESPACE_RE = re.compile(r"\s+")


@dataclass(slots=True)
class Line:
    segs: list[Seg]
    chunk: int  # lines of one chunk (paragraph, HTML block) share a number
    kind: str = "p"  # p | h | li | quote
    level: int = 0
    ordered: bool = False
    text: str = ""

    def __post_init__(self) -> None:
        self.text = "".join(text for text, _ in self.segs)


@dataclass(slots=True)
class Block:
    kind: str  # p | h1..h4 | li | quote
    segs: list[Seg]
    ordered: bool = False
    text: str = ""

    def __post_init__(self) -> None:
        self.text = "".join(text for text, _ in self.segs)


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
        teaser=make_teaser(_plain(raw.teaser) if raw.teaser else lead_text(blocks)),
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


# --- Unicode and inline text -------------------------------------------------------------------


def repair_text(text: str) -> str:
    """Mojibake repaired, line ends unified, NFC. ftfy only runs when the text looks broken."""
    if MOJIBAKE_HINT_RE.search(text):
        text = ftfy.fix_encoding(text)
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def clean_inline(text: str) -> str:
    """One line of text: invisible characters gone, any run of whitespace a single space."""
    text = INVISIBLE_RE.sub("", text)
    text = SPACES_RE.sub(" ", text)
    return " ".join(text.split())


def _plain(fragment: str) -> str:
    if "<" in fragment:
        fragment = re.sub(r"<[^>]*>", " ", fragment)
    return clean_inline(html.unescape(repair_text(fragment)))


# --- Body as lines -----------------------------------------------------------------------------


def body_lines(raw: RawRelease, source: SourceConfig) -> list[Line]:
    """The body as lines; each line's plain URLs become links and source rules are applied."""
    if raw.body_html and raw.body_html.strip():
        lines = html_lines(repair_text(raw.body_html), raw.base_url)
    else:
        lines = text_lines(repair_text(raw.body_text or ""))
    rules = boilerplate.source_rules(tuple(source.strip)) if source.strip else ()
    result = []
    for line in lines:
        segs = line.segs
        if rules:
            segs = [(boilerplate.apply_source_rules(t, rules), h) for t, h in segs]
        segs = _tidy(_linkify(segs))
        if segs:
            line.segs, line.text = segs, "".join(text for text, _ in segs)
            result.append(line)
    return result


def text_lines(text: str) -> list[Line]:
    text = SPACES_RE.sub(" ", INVISIBLE_RE.sub("", text))
    lines, chunk = [], 0
    for raw_line in text.split("\n"):
        line = " ".join(raw_line.split())
        if line:
            lines.append(Line([(line, None)], chunk))
        else:
            chunk += 1
    return lines


def html_lines(fragment: str, base_url: str | None) -> list[Line]:
    try:
        root = lxml.html.document_fromstring(fragment)
    except (etree.ParserError, ValueError):
        return text_lines(_plain(fragment))
    walker = _HtmlWalker(base_url)
    body = root.find("body")
    walker.walk(body if body is not None else root, 0)
    walker.end_block()
    return walker.lines


class _HtmlWalker:
    """Collect an HTML tree's text as lines: block elements and <br> end a line."""

    def __init__(self, base_url: str | None):
        self.base_url = base_url
        self.lines: list[Line] = []
        self.segs: list[Seg] = []
        self.chunk = 0
        self.kind, self.level, self.ordered, self.href = "p", 0, False, None

    def add(self, text: str | None) -> None:
        if text:
            self.segs.append((text, self.href))

    def end_line(self) -> None:
        if not self.segs:
            return
        segs = _tidy([(clean_inline_keep_edges(t), h) for t, h in self.segs])
        if segs:
            self.lines.append(Line(segs, self.chunk, self.kind, self.level, self.ordered))
        self.segs = []

    def end_block(self) -> None:
        self.end_line()
        self.chunk += 1

    def walk(self, element, depth: int) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in DROP_TAGS or _is_hidden(element):
            return
        if tag == "br":
            self.end_line()
            return
        if depth > MAX_DEPTH:  # pathological nesting: keep the words, lose the structure
            self.add(element.text_content())
            return
        saved = (self.kind, self.level, self.ordered, self.href)
        is_block = tag in BLOCK_TAGS
        if is_block:
            self.end_block()
            self._enter_block(tag)
        elif tag == "a":
            self.href = links.clean_url(element.get("href", ""), self.base_url, allow_mailto=True)
        self.add(element.text)
        for child in element:
            self.walk(child, depth + 1)
            self.add(child.tail)
        if is_block:
            self.end_block()
        self.kind, self.level, self.ordered, self.href = saved

    def _enter_block(self, tag: str) -> None:
        if tag[0] == "h" and tag[1:].isdigit():
            self.kind, self.level = "h", int(tag[1])
        elif tag == "li":
            self.kind = "li"
        elif tag in ("ul", "ol"):
            self.ordered = tag == "ol"
        elif tag == "blockquote":
            self.kind = "quote"
        elif tag == "p" and self.kind == "h":
            self.kind = "p"


def _is_hidden(element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    if style and HIDDEN_STYLE_RE.search(style):
        return True
    marker = f"{element.get('class', '')} {element.get('id', '')}".strip()
    return bool(marker) and boilerplate.is_furniture_attr(marker)


def clean_inline_keep_edges(text: str) -> str:
    """Like clean_inline, but a space at either edge survives: it separates inline pieces."""
    text = SPACES_RE.sub(" ", INVISIBLE_RE.sub("", text))
    return WHITESPACE_RE.sub(" ", text)


def _linkify(segs: list[Seg]) -> list[Seg]:
    result: list[Seg] = []
    for text, href in segs:
        if href is None and ("www." in text or "http" in text):
            result.extend(links.split_bare_urls(text))
        else:
            result.append((text, href))
    return result


def _tidy(segs: list[Seg]) -> list[Seg]:
    """Merge neighbours with the same link, drop empty pieces, trim the line's outer spaces."""
    merged: list[Seg] = []
    for text, href in segs:
        if not text:
            continue
        if merged and merged[-1][1] == href:
            merged[-1] = (merged[-1][0] + text, href)
        else:
            if merged and merged[-1][0].endswith(" ") and text.startswith(" "):
                text = text.lstrip()
            merged.append((text, href))
    while merged and not merged[0][0].strip():
        merged.pop(0)
    while merged and not merged[-1][0].strip():
        merged.pop()
    if merged:
        merged[0] = (merged[0][0].lstrip(), merged[0][1])
        merged[-1] = (merged[-1][0].rstrip(), merged[-1][1])
    return merged


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
        return [Block(kind, _tidy(segs), first.ordered)]
    kind = "quote" if first.kind == "quote" else "p"
    width = max(len(line.text) for line in chunk)
    paragraphs = [list(first.segs)]
    for previous, line in zip(chunk, chunk[1:], strict=False):
        if _should_join(previous.text, line.text, width):
            paragraphs[-1] = _tidy(paragraphs[-1] + [(" ", None)] + line.segs)
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
                block = Block("p", _tidy(merged.pop().segs + [(" ", None)] + block.segs))
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
    return _tidy(result)


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


def lead_text(blocks: list[Block]) -> str:
    """The opening paragraphs as one string: the raw material of a teaser."""
    parts: list[str] = []
    for block in blocks:
        if block.kind in ("p", "quote"):
            parts.append(block.text)
            if sum(len(part) for part in parts) >= 80:
                break
    return " ".join(parts)


def make_teaser(text: str, limit: int = TEASER_LIMIT) -> str:
    """At most `limit` characters: whole sentences if possible, else whole words and '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [
        m.end()
        for m in SENTENCE_END_RE.finditer(text, 0, limit + 1)
        if m.end() <= limit and not _abbreviation_before(text, m.start())
    ]
    good = [end for end in ends if end >= limit // 3]
    if good:
        return text[: good[-1]].rstrip()
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:-–—") + "…"


def _abbreviation_before(text: str, position: int) -> bool:
    words = text[:position].rsplit(" ", 1)
    word = words[-1].casefold().strip('("„“')
    return word.isdigit() or len(word) == 1 or word in ABBREVIATIONS


def make_slug(title: str, fallback: str) -> str:
    slug = slugify(title, max_length=SLUG_LIMIT, word_boundary=True, replacements=SLUG_REPLACEMENTS)
    if not slug:
        stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", fallback.rstrip("/").rsplit("/", 1)[-1])
        slug = slugify(stem, max_length=SLUG_LIMIT, word_boundary=True) or "release"
    return slug


# --- Language and validation -------------------------------------------------------------------

_identifier = None


def detect_language(text: str) -> str:
    """The body's language among common European ones; German when there is too little text."""
    sample = text[:600]
    if len(sample.strip()) < 20:
        return "de"
    quick = _clear_german_or_english(sample)
    if quick:
        return quick
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        _identifier.set_languages(list(DETECTABLE))
    language, confidence = _identifier.classify(sample)
    if language not in ("de", "en") and confidence < 0.9:
        # Portals here mostly get German and English; a weak other guess is usually one of them.
        ranked = [lang for lang, _ in _identifier.rank(sample) if lang in ("de", "en")]
        language = ranked[0] if ranked else language
    return language


def _clear_german_or_english(sample: str) -> str | None:
    """'de' or 'en' when function words leave no doubt; the statistical model is much slower."""
    words = sample.casefold().split()
    german = sum(1 for word in words if word in GERMAN_WORDS)
    english = sum(1 for word in words if word in ENGLISH_WORDS)
    if german >= 8 and german >= 4 * english:
        return "de"
    if english >= 8 and english >= 4 * german:
        return "en"
    return None


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
