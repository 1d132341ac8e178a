"""Text dumps of whole pages: a browser's select-all copy, `lynx -dump`/`w3m -dump`, PDF-to-text.

Such a text holds the page or the printed sheet around the release: a text browser's numbered
link marks and its list of references, a PDF's letterhead set to the right, its running headers
and two columns side by side, a portal's menus, its other news and its comment form. Each is
read by its layout, never by a site's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.related import RELATED_LABELS
from pipeline.normalize import boilerplate
from pipeline.normalize.body import Block, Line, tidy_segments
from pipeline.normalize.disclaimers import is_disclaimer
from pipeline.normalize.social_posts import without_post_counters

# --- lynx/w3m: '[3]Internetseite' marks and the 'References' list at the end -------------------

REFERENCES_HEAD_RE = re.compile(r"^\s*(?:references|verweise|links)\s*:?\s*$", re.I)
REFERENCE_RE = re.compile(r"^\s*(\d{1,4})\.\s+(\S+)\s*$")
# lynx's own sub-heads inside the list ('Visible links:', 'Hidden links:')
REFERENCE_SUBHEAD_RE = re.compile(r"^\s*(?:visible|hidden)\s+links\s*:?\s*$", re.I)
MARK_RE = re.compile(r"\[(\d{1,4})\]")
# where the words a mark stands in front of end: a clause's punctuation, a menu's bar, a mark
LINK_WORDS_END_RE = re.compile(r"[.,;:!?)](?=\s|$)|\s[|·•>]\s|\[\d{1,4}\]")
UNLINKABLE_SCHEMES = ("javascript:", "data:", "about:")


def take_references(text: str) -> tuple[str, dict[str, str]]:
    """The text without a text browser's closing list of references, and that list by number."""
    lines = text.split("\n")
    for index in range(len(lines) - 1, -1, -1):
        if not REFERENCES_HEAD_RE.match(lines[index]):
            continue
        below = [line for line in lines[index + 1 :] if line.strip()]
        listed = [REFERENCE_RE.match(line) for line in below]
        numbered = [match for match in listed if match]
        if not numbered or len(numbered) + sum(
            1 for line in below if REFERENCE_SUBHEAD_RE.match(line)
        ) < len(below):
            return text, {}
        return "\n".join(lines[:index]), {m.group(1): m.group(2) for m in numbered}
    return text, {}


def resolved_marks(lines: list[Line], references: dict[str, str]) -> list[Line]:
    """Each '[n]' mark gone; the words after it become a link to its reference (a script's
    'javascript:' action is none), so that only references the kept text cites are links."""
    if not references:
        return lines
    for line in lines:
        if not MARK_RE.search(line.text):
            continue
        segs = []
        for text, href in line.segs:
            segs.extend(_marked_segments(text, references) if href is None else [(text, href)])
        line.segs = tidy_segments(segs)
        line.text = "".join(text for text, _ in line.segs)
    return [line for line in lines if line.text.strip() and not _link_row(line)]


def _link_row(line: Line) -> bool:
    """Links side by side and nothing else ('Skip to content Nordkurier Online'): a menu."""
    linked = [text for text, href in line.segs if href]
    rest = "".join(text for text, href in line.segs if not href)
    return len(linked) >= 2 and not rest.strip(boilerplate.DECORATION)


def _marked_segments(text: str, references: dict[str, str]) -> list[tuple[str, str | None]]:
    segs: list[tuple[str, str | None]] = []
    position = 0
    for mark in MARK_RE.finditer(text):
        if mark.start() < position or mark.group(1) not in references:
            continue
        segs.append((text[position : mark.start()], None))
        target = references[mark.group(1)]
        end = LINK_WORDS_END_RE.search(text, mark.end())
        stop = end.start() if end else len(text)
        words = text[mark.end() : stop]
        if target.casefold().startswith(UNLINKABLE_SCHEMES) or not words.strip():
            segs.append((words, None))
        else:
            segs.append((words, target))
        position = stop
    segs.append((text[position:], None))
    return [(text, href) for text, href in segs if text]


# --- PDF-to-text: letterhead, running headers, two columns -------------------------------------

WIDE_GAP_RE = re.compile(r"(?<=\S) {10,}(?=\S)")
COLUMN_GAP_RE = re.compile(r"(?<=\S) {3,}(?=\S)")
LETTERHEAD_INDENT = 40  # a sheet's sender block set to the right over the text
PAGE_MARK_RE = re.compile(
    r"(?:seite|page|s\.)\s*\d{1,3}(?:\s*(?:von|of|/)\s*\d{1,3})?|[-–—]\s*\d{1,3}\s*[-–—]", re.I
)
COLUMN_LINES = 3  # lines split at one position that make two columns
COLUMN_SLACK = 2  # characters a column's left edge may wander
COLUMN_LEFT_CHARS, COLUMN_RIGHT_CHARS = 20, 12  # average widths: prose, not a table's cells


def unlaid_pdf_text(text: str) -> tuple[str, list[str]]:
    """A PDF's text as it reads: the letterhead set right at the top gone, a running header
    with a page number gone, a lone line with a label left and a date right as two lines, and
    two columns side by side read one after the other; with a warning where columns seem to
    be merged but their edge cannot be found."""
    lines = _without_right_letterhead(text.split("\n"))
    lines, merged = _columns_read_in_turn(lines)
    result: list[str] = []
    for index, line in enumerate(lines):
        parts = WIDE_GAP_RE.split(line.strip())
        if len(parts) != 2 or _gapped(lines, index - 1) or _gapped(lines, index + 1):
            result.append(line)
        elif not any(PAGE_MARK_RE.fullmatch(part) for part in parts):
            result.extend(parts)  # 'Pressemitteilung Nr. 3/2026        Wendlingen, 13. …'
    warnings = []
    if merged:
        warnings.append(
            "the text looks like a PDF's columns merged line by line: check that its "
            "paragraphs read in order"
        )
    return "\n".join(result), warnings


def _gapped(lines: list[str], index: int) -> bool:
    return 0 <= index < len(lines) and bool(COLUMN_GAP_RE.search(lines[index].strip()))


def _without_right_letterhead(lines: list[str]) -> list[str]:
    """Lines set far to the right before the first line that starts at the margin."""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if len(line) - len(line.lstrip(" ")) < LETTERHEAD_INDENT:
            return lines[index:] if index and _letterhead_above(lines[:index]) else lines
    return lines


def _letterhead_above(lines: list[str]) -> bool:
    return 0 < sum(1 for line in lines if line.strip()) <= 6


@dataclass(slots=True)
class _Column:
    start: int  # first line of the run
    end: int  # last line of the run
    edge: int  # where the right column starts


def _columns_read_in_turn(lines: list[str]) -> tuple[list[str], bool]:
    runs, doubtful = _column_runs(lines)
    if not runs:
        return lines, doubtful
    result: list[str] = []
    position = 0
    for run in runs:
        result.extend(lines[position : run.start])
        block = lines[run.start : run.end + 1]
        left = [line[: run.edge].rstrip() for line in block]
        right = [line[run.edge :].strip() for line in block]
        while left and not left[-1].strip():
            left.pop()
        result.extend(left)
        if left and left[-1].rstrip()[-1:] in '.!?“”"':
            result.append("")  # the left column ended its paragraph
        result.extend(right)
        position = run.end + 1
    result.extend(lines[position:])
    return result, False


def _column_runs(lines: list[str]) -> tuple[list[_Column], bool]:
    """Runs of lines split at one position (the right column's edge), with the lines of one
    column alone between them; and whether lines were split where no edge could be found."""
    edges = [_right_edge(line) for line in lines]
    runs: list[_Column] = []
    gapped = sum(1 for edge in edges if edge is not None)
    index = 0
    while index < len(lines):
        edge = edges[index]
        if edge is None:
            index += 1
            continue
        end, split = index, [index]
        probe = index + 1
        while probe < len(lines):
            line = lines[probe]
            other = edges[probe]
            if other is not None and abs(other - edge) <= COLUMN_SLACK:
                end = probe
                split.append(probe)
            elif other is None and (not line.strip() or _one_column(line, edge)):
                if line.strip():
                    end = probe
            else:
                break
            probe += 1
        if len(split) >= COLUMN_LINES and _prose_columns(lines, split, edge):
            edge = min(edges[i] for i in split)
            runs.append(_Column(index, end, edge))
        index = max(end, index) + 1
    in_runs = sum(1 for run in runs for i in range(run.start, run.end + 1) if edges[i] is not None)
    return runs, not runs and gapped - in_runs >= COLUMN_LINES * 2


def _right_edge(line: str) -> int | None:
    """Where the text after a line's one inner gap of three spaces or more starts."""
    body = line.rstrip()
    gaps = list(COLUMN_GAP_RE.finditer(body[len(body) - len(body.lstrip(" ")) :]))
    if len(gaps) != 1:
        return None
    return len(body) - len(body.lstrip(" ")) + gaps[0].end()


def _one_column(line: str, edge: int) -> bool:
    """A line with text in the left column only, or in the right one only."""
    indent = len(line) - len(line.lstrip(" "))
    return len(line.rstrip()) < edge - 1 or abs(indent - edge) <= COLUMN_SLACK


def _prose_columns(lines: list[str], split: list[int], edge: int) -> bool:
    lefts = [lines[i][:edge].strip() for i in split]
    rights = [lines[i][edge - COLUMN_SLACK :].strip() for i in split]
    average = lambda parts: sum(len(part) for part in parts) / len(parts)  # noqa: E731
    worded = sum(1 for part in lefts + rights if len(part.split()) >= 2)
    return (
        average(lefts) >= COLUMN_LEFT_CHARS
        and average(rights) >= COLUMN_RIGHT_CHARS
        and worded >= 0.75 * 2 * len(split)
    )


# --- The headline of a page copied as text ---------------------------------------------------


def nearest_the_text(
    blocks: list[Block], candidates: list[int], date_lines: set[int], is_kicker
) -> list[int]:
    """Without the candidates that a section name or a label keeps apart from a later one of
    four words or more: a page copied as text names its site over its section and the headline
    ('Lokalo24 – Nachrichten aus …' / 'Vermischtes' / the headline), while a deck stands right
    under its headline."""
    for position, index in enumerate(candidates[:-1]):
        later = [i for i in candidates[position + 1 :] if len(blocks[i].text.split()) >= 4]
        if later and any(
            i not in candidates and i not in date_lines and is_kicker(blocks[i])
            for i in range(index + 1, later[0])
        ):
            continue
        return candidates[position:]
    return candidates[-1:]


# --- A portal's furniture around the release ---------------------------------------------------

# Headings over other articles, or a comment form: the release has ended above them.
# A heading of other news under the release: the labels a page's related section carries (the
# same that extraction drops from a page's tree), and a dump's or a newsletter's own wording.
RELEASE_ENDS_RE = re.compile(
    rf"(?:{RELATED_LABELS.pattern})"
    r"|(?:other|more|latest|related|recent)\s+(?:news|stories|articles|posts|press releases)"
    r"(?:\s+(?:in|from|on|about)\s+.{1,40}|:\s*.{1,60})?"
    r"|ähnliche\s+(?:beiträge|artikel|meldungen|nachrichten|themen)"
    r"|(?:weitere|neueste|aktuelle)\s+(?:beiträge|artikel|meldungen|nachrichten|news)"
    # ('Weitere Meldungen: Polizeipräsidium Mittelfranken', a wire's list of the sender's)
    r"(?:\s+(?:aus|zu|in|zum|zur|von)\s+.{1,40}|:\s*.{1,60})?"
    r"|auch interessant|das könnte sie auch interessieren|mehr zum thema|lesen sie auch"
    r"|meistgelesen(?:e|en)?(?:\s+(?:artikel|in|aus)\b.{0,40})?|most (?:read|popular|viewed)"
    r"|you (?:may|might) also like|schreibe(?:n sie)? einen kommentar.{0,40}"
    r"|leave a (?:reply|comment).{0,40}|kommentar (?:schreiben|verfassen)",
    re.I,
)
COMMENT_FORM_RE = re.compile(
    r"(?:deine|ihre) e-?mail-?adresse wird nicht veröffentlicht\b.{0,120}"
    r"|your e-?mail address will not be published\b.{0,120}",
    re.I,
)
RELEASE_END_CHARS = 70
RULE_CHARS = 8  # a line of box-drawing or other symbols only, as a text browser draws a rule
MENU_RUN = 4  # short lines one under another at the top of a page: its menu
MENU_ITEM_WORDS = 3


def without_page_furniture(lines: list[Line]) -> list[Line]:
    """The lines without drawn rules, the page's menu over the article (a run of short names,
    never the line right above the lead, which is the headline), a social post's counters and
    everything from a heading of other news or a comment form under the article on."""
    lines = [line for line in lines if not _is_drawn_rule(line.text)]
    # a post's comments under it end it ('18 Kommentare') before its counters go
    return _without_head_menu(without_post_counters(without_other_news(lines)))


def without_other_news(lines: list[Line]) -> list[Line]:
    """The lines up to a heading of other news ('Weitere Meldungen', 'More news') or a comment
    form under the release: a page's related section, a newsletter's teasers of its other
    items. Only where the release's own text came before, and more of it than follows."""
    prose = [_prose_chars(line.text) for line in lines]
    before = 0
    for index, line in enumerate(lines):
        text = line.text.strip()
        # the release's text came, and more of it than follows: a box of other news in the
        # middle of a page ('Mehr zum Thema' between headline and lead) ends nothing
        if (
            before
            and sum(prose[index:]) < before
            and (
                (len(text) <= RELEASE_END_CHARS and RELEASE_ENDS_RE.fullmatch(text.rstrip(":")))
                or COMMENT_FORM_RE.fullmatch(text)
            )
        ):
            return lines[:index]
        before += prose[index]
    return lines


def _prose_chars(text: str) -> int:
    """How much of the release's own prose the line holds; a portal's old disclaimer none."""
    if not boilerplate.is_long_paragraph(text) or is_disclaimer(text):
        return 0
    return len(text)


def _is_drawn_rule(text: str) -> bool:
    text = text.strip()
    # rules of '-', '_', '=', '*' or '~' are left to the mail furniture: an imprint may follow
    return len(text) >= RULE_CHARS and not any(c.isalnum() or c in "#-_=*~" for c in text)


def _without_head_menu(lines: list[Line]) -> list[Line]:
    lead = next(
        (i for i, line in enumerate(lines) if boilerplate.is_long_paragraph(line.text)), len(lines)
    )
    drop: set[int] = set()
    run: list[int] = []
    for index in range(lead + 1):
        if index < lead and _menu_item(lines[index].text):
            run.append(index)
            continue
        if len(run) > MENU_RUN:
            drop.update(run[:-1])  # the last short line may be a short headline over the text
        run = []
    return [line for index, line in enumerate(lines) if index not in drop]


def _menu_item(text: str) -> bool:
    text = text.strip()
    words = text.split()
    return (
        0 < len(words) <= MENU_ITEM_WORDS
        and (text[-1] not in ".!?:,;" or text.endswith(("...", "…")))
        and not any(character.isdigit() for character in text)
        and (text[0].isupper() or boilerplate.is_boilerplate(text))
    )
