"""`melder queue` reads a current SQLite store with the standard library alone; what it lists,
in which order and in which JSON shape, is exactly what the `Store` lists."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from pipeline import review
from pipeline.cli.views import view_json
from pipeline.models import Media, Problem, State
from pipeline.store import Store
from pipeline.store.listing import read_queue
from tests.factories import NOW, make_release


def names(release, release_id):
    return f"r-{release_id[:8]}.html"


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    """Releases in every state, at two sources, several arriving at the same moment."""
    url = f"sqlite:///{tmp_path_factory.mktemp('listing') / 'melder.db'}"
    store = Store(url)
    for n in range(12):
        source = "stadt" if n % 3 else "polizei"
        errors = (Problem(field="title", message="no headline found"),) if n == 4 else ()
        media = (
            (Media(filename="a.jpg", content_type="image/jpeg", size=10, caption="Bild"),)
            if n == 5
            else ()
        )
        release = make_release(
            f"inbox/{n}.txt", source=source, title=f"Meldung {n} <&>", errors=errors, media=media
        )
        state = State.INVALID if errors else State.QUEUED
        store.save([(release, state, None)], now=NOW + timedelta(minutes=n // 4), actor="office")
    ids = [view.release.id for view in store.search(limit=100)]
    review.approve(store, ids[0], actor="ed", now=NOW)
    review.approve(store, ids[1], actor="ed", now=NOW)
    review.reject(store, ids[2], reason="Werbung", actor="ed", now=NOW)
    store.publish_due(NOW + timedelta(hours=1), names)
    review.withdraw(store, ids[1], reason="zurück", actor="ed", now=NOW + timedelta(hours=2))
    live = store.get(ids[0]).release
    changed = make_release(live.identity, source=live.source, title="Korrigiert")
    store.save([(changed, State.QUEUED, None)], now=NOW + timedelta(hours=3), actor="office")
    store.close()
    return url


@pytest.mark.parametrize("state", [None, *State])
@pytest.mark.parametrize("source", [None, "stadt", "polizei", "nosuch"])
@pytest.mark.parametrize("limit", [1, 5, 200])
def test_the_fast_reader_lists_what_the_store_lists(store_url, state, source, limit):
    store = Store(store_url, read_only=True)
    expected = [view_json(view) for view in store.queue(state, source, limit)]
    store.close()
    listed = read_queue(store_url, state and state.value, source, limit)
    assert listed is not None
    assert [view_json(entry) for entry in listed] == expected


def test_waiting_lists_new_releases_and_corrections_of_live_ones(store_url):
    waiting = read_queue(store_url, "queued")
    assert any(entry.state == "published" and entry.pending == "queued" for entry in waiting)
    assert any(entry.state == "queued" for entry in waiting)


def test_every_time_is_written_one_way_with_a_numeric_offset(store_url):
    entry = view_json(read_queue(store_url, limit=1)[0])
    assert entry["received_at"].endswith("+00:00")
    assert entry["provenance"]["received_at"].endswith("+00:00")


def test_a_store_it_cannot_read_is_left_to_the_store(tmp_path):
    assert read_queue("postgresql+psycopg://melder@localhost/melder") is None
    assert read_queue(f"sqlite:///{tmp_path / 'missing.db'}") is None
    assert not (tmp_path / "missing.db").exists()  # looking created nothing
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as connection:  # an older schema: the Store migrates it first
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        connection.execute("INSERT INTO alembic_version VALUES ('0001')")
    assert read_queue(f"sqlite:///{old}") is None
    (tmp_path / "junk.db").write_bytes(b"this is no database")
    assert read_queue(f"sqlite:///{tmp_path / 'junk.db'}") is None
