"""Rows written straight through the driver are stored exactly as SQLAlchemy stores them, on
SQLite and PostgreSQL: times order and compare the same, bytes and text come back whole."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import insert, select

from pipeline.models import State
from pipeline.store import Store
from pipeline.store.bulk import insert_many, select_in
from pipeline.store.tables import EventRow, FingerprintRow
from tests.factories import make_release

BERLIN = timezone(timedelta(hours=1))


def test_driver_rows_equal_sqlalchemy_rows(database_url):
    store = Store(database_url)
    release = make_release("in/a.txt")
    store.save(
        [(release, State.QUEUED, None)], now=datetime(2026, 11, 25, 8, tzinfo=UTC), actor="t"
    )
    at = datetime(2026, 11, 25, 10, 0, 0, tzinfo=BERLIN)  # whole seconds: no fraction written
    row = {
        "release_id": release.id,
        "at": at,
        "actor": "bulk „Presse“ & <Co>",
        "action": "note",
        "from_state": None,
        "to_state": "queued",
        "revision": 1,
        "note": "50 % mehr",
    }
    with store.engine.begin() as connection:
        connection.execute(insert(EventRow.__table__), [{**row, "action": "orm"}])
        insert_many(connection, EventRow.__table__, [{**row, "action": "driver"}])
        insert_many(connection, EventRow.__table__, [])
        raw = {
            action: stamp
            for action, stamp in connection.exec_driver_sql(
                "SELECT action, at FROM events WHERE action IN ('orm', 'driver')"
            )
        }
        read = {
            e.action: (e.at, e.actor, e.note, e.from_state)
            for e in connection.execute(
                select(EventRow).where(EventRow.action.in_(["orm", "driver"]))
            )
        }
    assert raw["orm"] == raw["driver"]  # the same text on SQLite, the same value elsewhere
    assert read["orm"] == read["driver"] == (at.astimezone(UTC), row["actor"], "50 % mehr", None)
    store.close()


def test_select_in_reads_every_chunk(database_url):
    store = Store(database_url)
    releases = [make_release(f"in/{n}.txt") for n in range(7)]
    store.save(
        [(release, State.QUEUED, None) for release in releases],
        now=datetime(2026, 11, 25, 8, tzinfo=UTC),
        actor="t",
    )
    with store.engine.begin() as connection:
        found = list(
            select_in(
                connection,
                "SELECT release_id, signature FROM fingerprints WHERE release_id IN ({marks})",
                [release.id for release in releases] + ["missing"],
                chunk=3,
            )
        )
        assert sorted(rid for rid, _ in found) == sorted(release.id for release in releases)
        signature = connection.execute(select(FingerprintRow.signature)).scalars().first()
    assert {len(bytes(sig)) for _, sig in found} == {len(bytes(signature))} == {256}
    store.close()
