"""Lines the sender wrapped become paragraphs again; old portal disclaimers are dropped."""

from __future__ import annotations

import re

from pipeline.normalize import boilerplate, dates
from pipeline.normalize.body import (
    Block,
    Line,
    Seg,
    tidy_segments,
)
from pipeline.normalize.disclaimers import is_disclaimer
from pipeline.normalize.findings import Findings
from pipeline.normalize.meta_lines import is_meta_line

# '•Capacity' too; Word's second-level bullet copied as text is an 'o' ('o\tYoga am Morgen')
BULLET_RE = re.compile(r"^(?:[-–*]\s+|[•·▪►]\s*|o\s+(?=[A-ZÄÖÜ\d„\"]))(?=\S)")
FIELD_LINE_RE = re.compile(r"^[A-ZÄÖÜ][\w./ -]{1,24}:\s+\S")  # 'Termin: 3. Dezember, 10 Uhr'
# A notice's signature: 'gez. Martin Büchner', 'i. A. Petra Lang', 'sgd. …'. It and the lines
# under it (the signer's office) end the release; none of them continues a sentence.
SIGNED_RE = re.compile(r"^(?:gez\.|i\.\s?[AV]\.|sgd\.|signed[:,]?)\s", re.I)
NUMBERED_RE = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?=[^\W\d])")  # '1. Die Anlage …'

TERMINAL = '.!?…:;"“”»«)'


# --- Paragraphs --------------------------------------------------------------------------------


def join_lines(lines: list[Line]) -> list[Block]:
    """Lines of one chunk that were wrapped by the sender become one paragraph again."""
    blocks: list[Block] = []
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].chunk == lines[start].chunk:
            end += 1
        chunk = _chunk_blocks(lines[start:end])
        if blocks and chunk and _split_by_a_page(blocks[-1], chunk[0]):
            # 'in die Lau-' / (a page's footer and header, gone) / 'ben eingebrochen sein.'
            joined = tidy_segments(_without_last_hyphen(list(blocks[-1].segs)) + chunk[0].segs)
            blocks[-1] = Block(blocks[-1].kind, joined)
            chunk = chunk[1:]
        blocks.extend(chunk)
        start = end
    return blocks


def _split_by_a_page(before: Block, after: Block) -> bool:
    """A paragraph that ends in half a word and one that goes on with the other half: text
    copied out of a PDF across a page break."""
    return (
        before.kind == after.kind == "p"
        and bool(HYPHEN_END_RE.search(before.text.rstrip()))
        and after.text[:1].islower()
        and after.text.split(maxsplit=1)[0].rstrip(".,;:").lower() not in SUSPENDED
    )


def _chunk_blocks(chunk: list[Line]) -> list[Block]:
    first = chunk[0]
    if first.kind == "row":
        return [Block("row", list(line.segs)) for line in chunk]
    if first.kind in ("h", "li"):
        kind = f"h{first.level}" if first.kind == "h" else "li"
        segs = [seg for line in chunk for seg in _spaced(line.segs)]
        return [Block(kind, tidy_segments(segs), first.ordered)]
    kind = "quote" if first.kind == "quote" else "p"
    width = max(len(line.text) for line in chunk)
    paragraphs = [list(first.segs)]
    listed = _parallel(chunk)
    for index, (previous, line) in enumerate(zip(chunk, chunk[1:], strict=False), 1):
        if (
            not listed
            and _should_join(previous.text, line.text, width)
            and not (_stands_alone(chunk, index) or _stands_alone(chunk, index - 1))
        ):
            space = [] if _hyphen_joins(previous.text, line.text) else [(" ", None)]
            if not space and line.text[:1].islower():  # 'Stadt-' 'verwaltung': a split word
                paragraphs[-1] = _without_last_hyphen(paragraphs[-1])
            paragraphs[-1] = tidy_segments(paragraphs[-1] + space + line.segs)
        else:
            paragraphs.append(list(line.segs))
    return [Block(kind, segs) for segs in paragraphs]


HEAD_LINES = 8  # a chunk's opening lines, where a page prints its headline's meta lines


def _stands_alone(chunk: list[Line], index: int) -> bool:
    """A byline, reading time or publication date under a headline, in a dump that broke its
    lines once ('Tafel sucht Fahrer' / 'Veröffentlicht am 09.11.2026 um 10:05 Uhr'): never part
    of the headline nor of the text. Deeper in a chunk a bare date ('12. November 2026.') may
    end a wrapped sentence."""
    text = chunk[index].text
    if not is_meta_line(text):
        return False
    before = chunk[index - 1].text.split() if index else []
    if before and before[-1].casefold() in _LEADS_TO_A_DATE:
        return False  # 'Die Arbeiten beginnen am' / '12. November 2026.'
    return index < HEAD_LINES or not dates.is_date_line(text)


_LEADS_TO_A_DATE = frozenset(
    "am vom ab bis zum seit den dem ist war sind wurde wird on until since from by of at to "
    "is was dated".split()
)


HYPHEN_END_RE = re.compile(r"[^\W\d_]-$")  # a word's hyphen ends the line
# Words after a dangling hyphen that leave it dangling: 'Industrie- und Handelskammer'.
SUSPENDED = frozenset("und oder bis sowie wie bzw and or to nor".split())


def _hyphen_joins(previous: str, line: str) -> bool:
    """A line ending in a word's hyphen continues that word on the next ('Gießen-' 'Friedberg',
    'Stadt-' 'verwaltung', whose hyphen goes), unless a conjunction follows ('Industrie-' 'und
    Handelskammer')."""
    # the ending first: the regex would try every letter of the line
    if not (previous.endswith(("-", "-\n")) and HYPHEN_END_RE.search(previous)):
        return False
    first = line.split(maxsplit=1)[0].casefold() if line.split() else ""
    return first not in SUSPENDED


def _without_last_hyphen(segs: list[Seg]) -> list[Seg]:
    text, href = segs[-1]
    return [*segs[:-1], (text.rstrip()[:-1], href)]


def _spaced(segs: list[Seg]) -> list[Seg]:
    return [(" ", None), *segs]


# What sets a list's lines apart inside them: 'Die Möwe – 15. Januar', 'Flight | Depart'
_LINE_SEPARATORS = (" – ", " — ", " - ", " | ", ": ")
PARALLEL_LINES = 3


def _parallel(chunk: list[Line]) -> bool:
    """Lines that each name a thing and its detail with the same separator ('Salt Lines by
    Miriam Oduya — Feb. 12 to March 7'): a list set with <br>, each line its own, however
    alike their lengths are. Wrapped prose has no such mark on every line."""
    if len(chunk) < PARALLEL_LINES:
        return False
    texts = [line.text for line in chunk]
    return any(
        all(separator in text and not text.endswith((".", "!", "?")) for text in texts)
        for separator in _LINE_SEPARATORS
    )


def _should_join(previous: str, line: str, width: int) -> bool:
    if BULLET_RE.match(line) or _is_link_only(line) or _is_link_only(previous):
        return False
    if NUMBERED_RE.match(line) and (previous[-1] in TERMINAL or NUMBERED_RE.match(previous)):
        return False  # the next item of a numbered list (a wrapped '… ab dem' '1. Januar' joins)
    if previous.endswith(":") or SIGNED_RE.match(line) or boilerplate.is_boilerplate(previous):
        return False
    if FIELD_LINE_RE.match(previous) and FIELD_LINE_RE.match(line):
        return False  # 'Termin: …' 'Ort: …': lines of details, each its own
    ends_sentence = previous[-1] in TERMINAL
    if ends_sentence and FIELD_LINE_RE.match(line):
        return False  # 'based in San Francisco.' 'Web: https://…': an address's lines
    if line[0].islower() and not ends_sentence:
        return True  # a sentence continues on the next line
    wrapped = 40 <= width <= 100 and len(previous) >= 0.6 * width
    return wrapped and (not ends_sentence or len(previous) >= 0.85 * width)


def _is_link_only(text: str) -> bool:
    return bool(LINK_ONLY_RE.fullmatch(text))


LINK_ONLY_RE = re.compile(r"(?:https?://|www\.)\S+")


def drop_disclaimers(blocks: list[Block], found: Findings) -> list[Block]:
    kept = [block for block in blocks if not is_disclaimer(block.text)]
    if len(kept) < len(blocks):
        found.warnings.append("an old portal disclaimer was removed from the body")
    return kept


PULL_QUOTE_CHARS = 40  # a shorter line may well be said twice on purpose
_ATTRIBUTION_RE = re.compile(r"^[—–-]\s*\S")


def _attributes_kept_quote(block: Block, kept: list[Block]) -> bool:
    """A short line set under a quote the text keeps, no sentence of its own: who said it
    ('Becky Druhan, Minister of Education'), even where the opening names the same person."""
    text = block.text.strip()
    return (
        bool(kept)
        and kept[-1].kind == "quote"
        and len(text) <= ATTRIBUTION_CHARS
        and text[-1:] not in '.!?:"”’'
    )


ATTRIBUTION_CHARS = 120


def drop_pull_quotes(blocks: list[Block]) -> list[Block]:
    """A quote set out large above or below the text that repeats it (a pull quote) goes, with
    its attribution line ('— Dr. Lena Morales'): the text says it in its place."""
    if not any(block.kind == "quote" for block in blocks):
        return list(blocks)
    keys = [" ".join(re.findall(r"\w+", block.text.casefold())) for block in blocks]
    kept: list[Block] = []
    dropped = False
    for index, block in enumerate(blocks):
        if dropped and _ATTRIBUTION_RE.match(block.text) and len(block.text) <= ATTRIBUTION_CHARS:
            dropped = False
            continue
        key = keys[index]
        dropped = (
            block.kind == "quote"
            and not _attributes_kept_quote(block, kept)
            and len(key) >= PULL_QUOTE_CHARS
            and any(
                key in other and key != other
                for position, other in enumerate(keys)
                if position != index
            )
        )
        if not dropped:
            kept.append(block)
    return kept


TABLE_TITLE = 120  # characters; a longer line over a table is text that leads to it


def without_boilerplate(lines: list[Line]) -> list[Line]:
    """The lines that are no site boilerplate; a table and its title stay whole."""
    keep = boilerplate.keep_mask([line.text for line in lines])
    return [line for i, line in enumerate(lines) if keep[i] or _of_a_table(lines, i)]


def _of_a_table(lines: list[Line], index: int) -> bool:
    """A table's row, or the title set over a table in a paragraph of its own ('RECONCILIATION
    OF GAAP TO NON-GAAP NET INCOME'): the table's rows read as a menu to the furniture rules,
    the short line over them as a menu's heading; without it, a table runs into the one
    above."""
    following = lines[index + 1] if index + 1 < len(lines) else None
    return lines[index].kind == "row" or (
        following is not None
        and following.kind == "row"
        and following.chunk != lines[index].chunk
        and len(lines[index].text) <= TABLE_TITLE
        and not boilerplate.is_boilerplate(lines[index].text)  # 'Back to top' over it
    )
