"""A table cell that spans rows ('<td rowspan="2">Südstadt</td>') stands in each of its rows:
a row is read as one line, and a line without its first cell ('| Bahnhofsvorplatz | xx:48')
says nothing of where it belongs."""

from __future__ import annotations

from copy import deepcopy

from pipeline.extract.tables import is_data_table

MAX_ROWS = 20  # rows one cell may cover: a hostile rowspan="100000" covers this many
SHORT_CELL = 200  # characters: a longer cell is a layout table's column, never repeated


def repeat_row_spans(tree) -> None:
    """Each short cell that spans rows copied into the rows under it, at its column."""
    for table in tree.iter("table"):
        # a head of two rows ('in Mio. Euro' over both, 'Geschäftsjahr' over '2025 | 2024')
        # names its columns once
        spanning = [
            cell for cell in table.iter("td", "th") if _rows(cell) > 1 and not _in_head(cell)
        ]
        if not spanning or any(len(cell.text_content()) > SHORT_CELL for cell in spanning):
            continue
        if is_data_table(table):  # never a page laid out in a table
            _repeat(table)


def _repeat(table) -> None:
    covering: dict[int, list] = {}  # column -> [rows it still covers, the cell]
    for row in table.iter("tr"):
        cells = [cell for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
        column, position = 0, 0
        for cell in cells:
            column, position = _fill(row, covering, column, position)
            position = row.index(cell) + 1
            down = 1 if _in_head(cell) else _rows(cell)
            if down > 1:
                del cell.attrib["rowspan"]
                covering[column] = [down - 1, cell]
            column += _columns(cell)
        for start in sorted(k for k, v in covering.items() if k >= column and v[0] > 0):
            column, position = _fill(row, covering, start, position)


def _fill(row, covering: dict[int, list], column: int, position: int) -> tuple[int, int]:
    """Copies of the cells above that cover the row from `column` on, put at `position`."""
    while (above := covering.get(column)) and above[0] > 0:
        above[0] -= 1
        copy = deepcopy(above[1])
        copy.tail = None
        row.insert(position, copy)
        position += 1
        column += _columns(copy)
    return column, position


def _in_head(cell) -> bool:
    """A cell of the table's head: in its <thead>, or in a row of header cells only."""
    row = cell.getparent()
    if row is None or row.getparent() is not None and row.getparent().tag == "thead":
        return True
    return all(child.tag == "th" for child in row if isinstance(child.tag, str))


def _rows(cell) -> int:
    return _count(cell.get("rowspan"), MAX_ROWS)


def _columns(cell) -> int:
    return _count(cell.get("colspan"), MAX_ROWS)


def _count(value: str | None, most: int) -> int:
    try:
        return max(1, min(int((value or "1").strip()), most))
    except ValueError:
        return 1
