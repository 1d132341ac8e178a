"""Tables of figures and preformatted text, as the fragment builder writes them.

A data table becomes one line per row, its cells split by ' | ', so every figure stays beside
its label; a page laid out in a table is left to the builder's ordinary walk. Text in <pre>
keeps its lines.
"""

from __future__ import annotations

import copy
import re
from collections import Counter

from lxml import etree

ROW_CLASS = "row"  # a <p> that holds one row of a table: `normalize` keeps it as it is
TABLE_LINE_CLASS = "table-line"  # a table's caption or footnote, a line of the table's own
_ROW_TAGS = frozenset({"tr", "row"})
_CELL_TAGS = frozenset({"td", "th", "cell"})
_CELL_MARKUP = frozenset(
    "p div span br a strong b em i u s sup sub small font code abbr time mark hi ref lb".split()
)
_DATA_CELL = 200  # characters: a cell holding more is a layout table's column


def _words(text: str) -> str:
    return " ".join(text.split())


MAX_SPAN = 20  # columns or rows one cell may cover: a hostile colspan="100000" covers this many


def table_rows(table) -> list[list]:
    """The rows of a table that hold any text, each as its list of cells, spans laid out: a
    cell spanning columns or rows stands in its first slot and None in the others, so every
    figure stays under its column's head ('in Mio. Euro | Geschäftsjahr | | Veränderung' over
    '| 2025 | 2024 |')."""
    rows = []
    below: dict[int, int] = {}  # column -> rows a cell above still covers
    for row in table.iter(*_ROW_TAGS):
        cells = [cell for cell in row if isinstance(cell.tag, str) and cell.tag in _CELL_TAGS]
        line: list = []
        for cell in cells:
            while below.get(len(line)):
                below[len(line)] -= 1
                line.append(None)
            down = _span(cell, "rowspan")
            for slot in range(_span(cell, "colspan", "span")):
                if down > 1:
                    below[len(line)] = down - 1
                line.append(None if slot else cell)
        while below.get(len(line)):
            below[len(line)] -= 1
            line.append(None)
        if any(cell is not None and "".join(cell.itertext()).strip() for cell in line):
            rows.append(line)
    return _join_split_figures(rows)


# Financial tables set a figure's sign, bracket or unit in a cell of its own ('$ | 40,118',
# '(312 | )', '12.5 | %'): a column that holds nothing else is part of its neighbour's figures.
_CLOSING_MARK = re.compile(r"\)|%|‰|\)%|%\)")
_OPENING_MARK = re.compile(r"[$€£¥(]|\(\$|\$\(")
_FIGURE_END = re.compile(r"\d\)?$")
_FIGURE_START = re.compile(r"^\(?-?\d")


def _join_split_figures(rows: list[list]) -> list[list]:
    """Each cell of a column of marks alone (a closing bracket or a percent sign after a
    figure, a currency sign or an opening bracket before one) joins the figure beside it; a
    mark beside a label, or in a column with other text, stays. A column so emptied goes."""
    width = max((len(row) for row in rows), default=0)
    joined: set[int] = set()
    for column in range(width):
        filled = [row for row in rows if column < len(row) and _cell_text(row[column])]
        marks = [row for row in filled if _is_mark(_cell_text(row[column]))]
        if not marks:
            continue
        step = -1 if _CLOSING_MARK.fullmatch(_cell_text(marks[0][column])) else 1
        if not all(_is_mark(_cell_text(row[column]), step) for row in marks):
            continue  # closing and opening marks in one column
        # a heading over the sign and its figure ('Sept. 30, 2026' across '$ | 40,118'; an
        # extractor writes the span as an empty cell)
        heads = [row for row in filled if not _is_mark(_cell_text(row[column]))]
        if any(step < 0 or column + 1 >= len(row) or _cell_text(row[column + 1]) for row in heads):
            continue
        joins = [_joined(row, column, step) for row in marks]
        if any(join is None for join in joins):
            continue  # a mark beside a label or an empty cell: a column of its own
        for row, join in zip(marks, joins, strict=True):
            row[column + step], row[column] = join, None
        for row in heads:
            row[column + 1], row[column] = row[column], None
        joined.add(column)
    if not joined:
        return rows
    return [[cell for index, cell in enumerate(row) if index not in joined] for row in rows]


def _is_mark(text: str, step: int = 0) -> bool:
    """A closing (`step` -1) or opening (`step` 1) mark, or either with `step` 0."""
    closing, opening = bool(_CLOSING_MARK.fullmatch(text)), bool(_OPENING_MARK.fullmatch(text))
    return {-1: closing, 1: opening}.get(step, closing or opening)


def _joined(row: list, column: int, step: int):
    """A copy of the figure cell beside the mark at `column` with the mark added, or None when
    no figure stands there to take it."""
    mark = _cell_text(row[column])
    neighbour = column + step
    if not 0 <= neighbour < len(row) or row[neighbour] is None:
        return None
    figure = _cell_text(row[neighbour])
    if step < 0:
        if not _FIGURE_END.search(figure) or (mark.startswith(")") and "(" not in figure):
            return None
    elif not _FIGURE_START.search(figure):
        return None
    joined = copy.deepcopy(row[neighbour])
    joined.tail = None
    if step < 0:
        _append_to_end(joined, mark)
    else:
        joined.text = mark + (joined.text or "").lstrip()
    return joined


def _append_to_end(cell, text: str) -> None:
    last = cell[-1] if len(cell) else None
    if last is None:
        cell.text = (cell.text or "").rstrip() + text
    else:
        last.tail = (last.tail or "").rstrip() + text


def _span(cell, *names: str) -> int:
    for name in names:
        value = (cell.get(name) or "").strip()
        if value.isdigit():
            return max(1, min(int(value), MAX_SPAN))
    return 1


def _cell_text(cell) -> str:
    return "" if cell is None else _words("".join(cell.itertext()))


def is_data_table(element) -> bool:
    """A table of figures, not a page laid out in a table: no table inside it, at least two
    rows of two cells, every cell short text with inline markup at most."""
    if not isinstance(element.tag, str) or element.tag.lower() != "table":
        return False
    if any(inner is not element for inner in element.iter("table")):
        return False
    rows = table_rows(element)
    widths = Counter(len(row) for row in rows)
    width, count = widths.most_common(1)[0] if rows else (0, 0)
    if len(rows) < 2 or width < 2 or count < 0.6 * len(rows):
        return False  # a table of figures has one number of columns in most rows
    cells = [cell for row in rows for cell in row if cell is not None]
    linked = sum(1 for cell in cells if _cell_text(cell) and _is_link(cell))
    if linked > len(cells) / 2:
        return False  # a menu laid out in a table
    for row in rows:
        spanned = sum(1 for cell in row if cell is None)
        for cell in (cell for cell in row if cell is not None):
            # a footnote across the table may run longer than a cell of figures
            if len(_cell_text(cell)) > _DATA_CELL * (1 + spanned):
                return False
            if any(
                isinstance(inner.tag, str)
                and inner.tag.lower() not in _CELL_MARKUP
                and ":" not in inner.tag  # Word's <o:p>
                for inner in cell.iterdescendants()
            ):
                return False
    return True


def _is_link(cell) -> bool:
    text = _words("".join(cell.itertext()))
    linked = _words(" ".join("".join(a.itertext()) for a in cell.iter("a", "ref")))
    return len(linked) >= 0.8 * len(text)


def add_table_rows(builder, element) -> None:
    """The table's caption, then each row as one line of cells separated by ' | '."""
    for caption in element.iter("caption"):
        builder.cursor = etree.SubElement(builder.container, "p", {"class": TABLE_LINE_CLASS})
        builder.inline_only(caption)
    rows = table_rows(element)
    for number, row in enumerate(rows):
        if number in (0, len(rows) - 1) and len(rows) > 2 and _is_title_row(row):
            # a caption an extractor made the first row ('Standorte nach Ländern | |'), a
            # footnote across the table's foot: lines over and under it
            builder.cursor = etree.SubElement(builder.container, "p", {"class": TABLE_LINE_CLASS})
            builder.inline_only(row[0])
            continue
        builder.cursor = etree.SubElement(builder.container, "p", {"class": ROW_CLASS})
        for index, cell in enumerate(row):
            if index:
                builder.text(" | ")
            if cell is not None:
                builder.inline_only(cell)
    builder.cursor = None


def _is_title_row(row: list) -> bool:
    """Text in the first cell only, of a row as wide as the table: a title or a footnote."""
    filled = [bool(_cell_text(cell)) for cell in row]
    return len(row) >= 2 and filled[0] and not any(filled[1:])


def add_preformatted(builder, element) -> None:
    """Text laid out by its line breaks (a wire's header in <pre>): a blank line parts
    paragraphs, and each line stays a line, as in a text file."""
    for paragraph in re.split(r"\n\s*\n", "".join(element.itertext())):
        lines = [_words(line) for line in paragraph.split("\n") if line.strip()]
        if not lines:
            continue
        node = etree.SubElement(builder.container, "p")
        node.text = lines[0]
        for line in lines[1:]:
            etree.SubElement(node, "br").tail = line
    builder.cursor = None


_INLINE_PARENTS = frozenset({"p", "item", "cell", "head", "hi", "quote"})


def inline_code(element) -> bool:
    """trafilatura writes both a <pre> and an inline <code> as <code>: one inside a paragraph
    and on one line is a phrase of it."""
    parent = element.getparent()
    return (
        parent is not None
        and parent.tag in _INLINE_PARENTS
        and "\n" not in "".join(element.itertext())
    )
