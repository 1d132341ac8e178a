"""Many rows in one statement, handed straight to the database driver.

An ingest writes some twenty rows per release (the release, its revision, its event, its
fingerprint and sixteen LSH bands). Through SQLAlchemy's executemany each row's parameters are
built and processed one by one, which cost more than the database's own work. Here the
column types' bind processors are looked up once per statement and the rows go to the
driver's executemany as tuples; the SQL is the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter

from sqlalchemy import DateTime, Table
from sqlalchemy.engine import Connection


def insert_many(connection: Connection, table: Table, rows: Sequence[dict]) -> None:
    """INSERT `rows` (dicts with the same keys) into `table`. Columns left out take their
    scalar default, or the database's."""
    if not rows:
        return
    names = list(rows[0])
    pick = itemgetter(*names)
    values = [pick(row) for row in rows] if len(names) > 1 else [(row[names[0]],) for row in rows]
    insert_values(connection, table, names, values)


def insert_values(
    connection: Connection, table: Table, names: Sequence[str], values: list[tuple]
) -> None:
    """INSERT rows given as tuples in the order of `names` (many rows of few columns, such as
    the LSH bands, need no dict each)."""
    if not values:
        return
    defaults = {
        column.name: column.default.arg
        for column in table.columns
        if column.name not in names and column.default is not None and column.default.is_scalar
    }
    dialect = connection.dialect
    processors = [
        (position, _remembering(process) if _is_datetime(table.c[name]) else process)
        for position, name in enumerate(names)
        if (process := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
    ]
    if processors:
        values = [_processed(row, processors) for row in values]
    if defaults:
        tail = tuple(defaults.values())
        values = [row + tail for row in values]
    columns = [*names, *defaults]
    quote = dialect.identifier_preparer.quote
    mark = _placeholder(connection)
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join([mark] * len(columns))})"
    )
    connection.exec_driver_sql(sql, values)


def _is_datetime(column) -> bool:
    return isinstance(getattr(column.type, "impl", column.type), DateTime)


def _remembering(process):
    """A batch's rows mostly share their times (when it was saved): each is converted once."""
    done: dict = {}

    def remembered(value):
        if value not in done:
            done[value] = process(value)
        return done[value]

    return remembered


def _processed(row: tuple, processors: list) -> tuple:
    processed = list(row)
    for position, process in processors:
        processed[position] = process(processed[position])
    return tuple(processed)


def select_in(
    connection: Connection, sql: str, values: Iterable[str | int], chunk: int = 500
) -> Iterable[tuple]:
    """Rows of `sql`, whose `{marks}` becomes one placeholder per value, `chunk` at a time."""
    values = list(values)
    mark = _placeholder(connection)
    for start in range(0, len(values), chunk):
        part = tuple(values[start : start + chunk])
        yield from connection.exec_driver_sql(sql.format(marks=", ".join([mark] * len(part))), part)


def _placeholder(connection: Connection) -> str:
    # SQLite's driver takes '?', psycopg '%s' (its paramstyles are qmark and pyformat)
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"
