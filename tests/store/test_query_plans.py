"""The hot queries read an index in their own order and stop at their LIMIT.

Each store call below runs for real; every SELECT it sends is captured and explained by the
database itself (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN with sequential scans and
sorts priced out, so a plan that still has one has no index to use). A full scan of `releases`
or a sort of its rows makes a query's cost grow with history, which a portal with 100,000
releases would feel on every publish.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, text

from pipeline import review
from pipeline.models import Provenance, Release, State, release_id
from pipeline.store import Store

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SOURCES = ("stadt", "polizei", "verein")


def _release(source: str, index: int, dated: bool) -> Release:
    identity = f"{source}-{index}"
    return Release(
        id=release_id(source, identity),
        source=source,
        identity=identity,
        title=f"Meldung {index} von {source}",
        slug=f"meldung-{index}",
        teaser="Kurz.",
        body_html=f"<p>Text {index} {source} {'x' * (index % 7)}.</p>",
        text=f"Text {index} {source} {'x' * (index % 7)} eins zwei drei vier fünf.",
        language="de",
        published_at=NOW - timedelta(hours=index) if dated else None,
        provenance=Provenance(route="files", received_at=NOW),
        content_hash=f"{hash((source, index)) & 0xFFFFFFFF:064x}",
    )


@pytest.fixture
def filled(database_url):
    """Releases in every state that matters: live (dated and an undated backlog sharing one
    sort time), approved and waiting, queued, withdrawn, and a live one with a correction."""
    store = Store(database_url)
    items = []
    for source in SOURCES:
        for index in range(40):
            state = State.APPROVED if index < 30 else State.QUEUED
            items.append((_release(source, index, dated=index % 2 == 0), state, None))
    store.save(items, now=NOW, actor="test")
    store.publish_due(NOW, lambda release, rid: f"{release.slug}-{rid[:8]}.html")
    stadt = [item[0] for item in items if item[0].source == "stadt"]
    review.withdraw(
        store, stadt[0].id, reason="falsch", actor="editor", now=NOW + timedelta(hours=1)
    )
    later = NOW + timedelta(hours=2)
    store.save([(_release("stadt", 200, dated=False), State.APPROVED, None)], now=later, actor="t")
    yield store
    store.close()


@contextmanager
def captured(store: Store):
    statements: list[tuple[str, object]] = []

    def remember(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and not executemany:
            statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", remember)
    try:
        yield statements
    finally:
        event.remove(store.engine, "before_cursor_execute", remember)


def plans(store: Store, statements) -> list[tuple[str, str]]:
    """(statement, plan text) for each captured SELECT touching `releases`."""
    found = []
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        cursor = raw.cursor()
        if store.engine.dialect.name == "postgresql":
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_sort = off")
        for statement, parameters in statements:
            if "releases" not in statement:
                continue
            if store.engine.dialect.name == "sqlite":
                cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
                plan = "\n".join(row[-1] for row in cursor.fetchall())
            else:
                cursor.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
                plan = json.dumps(cursor.fetchone()[0])
            found.append((statement, plan))
        cursor.close()
    return found


def problems(dialect: str, plan: str) -> list[str]:
    if dialect == "sqlite":
        lines = plan.splitlines()
        full = [line for line in lines if line.startswith("SCAN releases") and "INDEX" not in line]
        return full + [line for line in lines if "TEMP B-TREE" in line]
    nodes = []
    for node in json.loads(plan)[0:1]:
        nodes += _nodes(node["Plan"])
    return [
        f"{n['Node Type']} on {n.get('Relation Name', '')}"
        for n in nodes
        if (n["Node Type"] == "Seq Scan" and n.get("Relation Name") == "releases")
        or n["Node Type"] in ("Sort", "Incremental Sort")
    ]


def _nodes(plan: dict) -> list[dict]:
    return [plan, *(node for child in plan.get("Plans", ()) for node in _nodes(child))]


HOT_CALLS = {
    "a channel of every source": lambda s: s.entries(None, 50, withdrawn_since=NOW),
    "a channel with a sources list": lambda s: s.entries(
        ["stadt", "verein"], 50, withdrawn_since=NOW
    ),
    "the next page of a channel": lambda s: s.entries(
        ["stadt"], 10, after=s.entries(["stadt"], 10)[-1]
    ),
    "withdrawal notices": lambda s: s.withdrawals(["stadt", "verein"], 50),
    "the queue": lambda s: s.queue(None, None, 50),
    "what waits for an editor": lambda s: s.queue(State.QUEUED, None, 50),
    "one source's releases": lambda s: s.queue(None, "polizei", 50),
    "what waits to go out": lambda s: s.waiting(NOW, ["stadt"]),
    "what fell due (every minute)": lambda s: s.due_count(NOW + timedelta(days=1)),
    "publishing a backlog": lambda s: s.publish_due(
        NOW + timedelta(days=1), lambda release, rid: f"{release.slug}-{rid[:8]}.html"
    ),
}


@pytest.mark.parametrize("call", sorted(HOT_CALLS))
def test_hot_queries_read_an_index_in_order(filled, call):
    with captured(filled) as statements:
        HOT_CALLS[call](filled)
    explained = plans(filled, statements)
    assert explained, f"{call}: no query on releases was captured"
    dialect = filled.engine.dialect.name
    bad = {statement: found for statement, plan in explained if (found := problems(dialect, plan))}
    assert not bad, f"{call} scans or sorts releases on {dialect}: {bad}"


def test_the_plan_check_catches_a_query_that_sorts_everything(filled):
    """The detector itself: ordering by a column no index holds must be flagged."""
    statement = "SELECT id FROM releases ORDER BY title LIMIT 5"
    with filled.engine.connect() as conn:
        conn.execute(text(statement))
    explained = plans(filled, [(statement, ())])
    assert problems(filled.engine.dialect.name, explained[0][1])
