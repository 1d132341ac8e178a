"""The store keeps every release, revision and decision; nothing is lost or duplicated."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pipeline import review
from pipeline.errors import Conflict, InvalidTransition, NotFound
from pipeline.models import Problem, State
from pipeline.store import Store
from tests.factories import NOW, make_release


@pytest.fixture
def store(database_url):
    store = Store(database_url)
    yield store
    store.close()


def names(release, release_id):
    return f"{release.slug}-{release_id[:8]}.html"


def test_a_new_release_is_stored_once_and_an_unchanged_one_is_skipped(store):
    release = make_release()
    [first] = store.save([(release, State.QUEUED, "inbox/a.txt")], now=NOW, actor="trusted")
    [again] = store.save([(release, State.QUEUED, "inbox/a.txt")], now=NOW, actor="trusted")
    assert (first.outcome, again.outcome) == ("new", "unchanged")
    assert store.counts()["queued"] == 1
    assert store.input_unchanged("trusted", "inbox/a.txt", release.content_hash)


def test_a_changed_input_is_a_new_revision_of_the_same_release(store):
    store.save([(make_release(), State.QUEUED, None)], now=NOW, actor="t")
    changed = make_release(text="Die Stadt eröffnet am Dienstag ihre neue Bibliothek.")
    [saved] = store.save([(changed, State.QUEUED, None)], now=NOW, actor="t")
    assert saved.outcome == "revised"
    view = store.get(changed.id)
    assert view.revision == 2 and view.revisions == (1, 2)
    assert store.revision(changed.id, 1).text.startswith("Die Stadt eröffnet am Montag")
    assert sum(store.counts().values()) == 1


def test_an_invalid_release_is_kept_with_every_error(store):
    broken = make_release(
        errors=(
            Problem(field="title", message="no headline found"),
            Problem(field="body", message="no article text found"),
        )
    )
    [saved] = store.save([(broken, State.APPROVED, None)], now=NOW, actor="t")
    assert saved.state == State.INVALID
    view = store.get(broken.id)
    assert view.reason == "title: no headline found; body: no article text found"
    with pytest.raises(InvalidTransition, match="invalid and cannot be approved"):
        review.approve(store, broken.id, actor="ed", now=NOW)


def test_publishing_waits_for_the_embargo_and_keeps_names_forever(store):
    embargoed = make_release("b", embargo_until=NOW + timedelta(hours=2))
    store.save([(embargoed, State.APPROVED, None)], now=NOW, actor="t")
    assert store.publish_due(NOW, names) == []
    assert store.publish_due(NOW + timedelta(hours=2), names) == [embargoed.id]
    [entry] = store.entries(None, 50)
    assert entry.public_name == names(embargoed, embargoed.id)
    # a correction keeps the id and the file name, and moves `updated`
    corrected = make_release("b", title="Neuer Titel", embargo_until=NOW + timedelta(hours=2))
    store.save([(corrected, State.APPROVED, None)], now=NOW + timedelta(hours=3), actor="t")
    store.publish_due(NOW + timedelta(hours=3), lambda r, i: "other-name.html")
    [entry] = store.entries(None, 50)
    assert entry.release.title == "Neuer Titel"
    assert entry.public_name == names(embargoed, embargoed.id)
    assert entry.updated_at == NOW + timedelta(hours=3)
    assert entry.first_published_at == NOW + timedelta(hours=2)


def test_a_queued_update_of_a_published_release_keeps_the_published_text_live(store):
    store.save([(make_release("c"), State.APPROVED, None)], now=NOW, actor="t")
    store.publish_due(NOW, names)
    store.save([(make_release("c", title="Geändert"), State.QUEUED, None)], now=NOW, actor="t")
    [entry] = store.entries(None, 50)
    assert entry.release.title != "Geändert"
    view = store.get(make_release("c").id)
    assert (view.state, view.pending, view.live_revision) == (State.PUBLISHED, "queued", 1)


def test_entries_are_newest_first_and_filtered_by_source(store):
    for hour, source in [(1, "a"), (3, "b"), (2, "a")]:
        release = make_release(
            f"id-{hour}", source=source, published_at=NOW - timedelta(hours=hour)
        )
        store.save([(release, State.APPROVED, None)], now=NOW, actor="t")
    store.publish_due(NOW, names)
    assert [e.release.identity for e in store.entries(None, 50)] == ["id-1", "id-2", "id-3"]
    assert [e.release.identity for e in store.entries(["a"], 1)] == ["id-1"]


def test_history_records_who_did_what_when(store):
    release = make_release()
    store.save([(release, State.QUEUED, None)], now=NOW, actor="trusted")
    review.reject(store, release.id, reason="Werbung", actor="anna", now=NOW)
    events = store.get(release.id).events
    assert [(e.actor, e.action, e.to_state) for e in events] == [
        ("trusted", "received", "queued"),
        ("anna", "rejected", "rejected"),
    ]
    assert events[-1].note == "Werbung"


def test_ids_can_be_shortened_and_unknown_ids_are_explained(store):
    release = make_release()
    store.save([(release, State.QUEUED, None)], now=NOW, actor="t")
    assert store.get(release.id[:6]).release.id == release.id
    assert store.get(release.id[:2]).release.id == release.id
    with pytest.raises(NotFound, match="no release with id 'zzzz'"):
        store.get("zzzz")
    with pytest.raises(NotFound, match="too short"):
        store.get(release.id[:1])
    seen: dict[str, object] = {}
    for number in range(1000):  # ids are hashes: find two that share their first 2 characters
        other = make_release(f"inbox/{number}.txt")
        if other.id[:2] in seen:
            break
        seen[other.id[:2]] = other
    twins = [seen[other.id[:2]], other]
    store.save([(twin, State.QUEUED, None) for twin in twins], now=NOW, actor="t")
    with pytest.raises(NotFound, match="fits several releases"):
        store.get(other.id[:2])


def test_a_stale_decision_is_refused(store):
    release = make_release()
    store.save([(release, State.QUEUED, None)], now=NOW, actor="t")
    store.save([(make_release(title="Neu"), State.QUEUED, None)], now=NOW, actor="t")
    with pytest.raises(Conflict, match="changed meanwhile: revised by t"):
        review.approve(store, release.id, actor="ed", now=NOW, seen=1)


def test_times_come_back_time_zone_aware(store):
    release = make_release()
    store.save([(release, State.QUEUED, None)], now=NOW, actor="t")
    assert store.get(release.id).created_at == NOW
    assert store.get(release.id).created_at.tzinfo is not None


def test_processes_starting_together_on_a_new_database_migrate_once(database_url):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: Store(database_url), range(4)))
    assert all(s.counts()["queued"] == 0 for s in stores)
    for opened in stores:
        opened.close()


def test_a_large_backlog_is_published_completely_in_chunks(store):
    releases = [make_release(f"bulk-{n}", title=f"Meldung {n}") for n in range(1203)]
    store.save([(r, State.APPROVED, None) for r in releases], now=NOW, actor="t")
    embargoed = make_release("later", embargo_until=NOW + timedelta(days=1))
    store.save([(embargoed, State.APPROVED, None)], now=NOW, actor="t")
    assert len(store.publish_due(NOW, names)) == 1203
    assert store.counts()["published"] == 1203 and store.counts()["approved"] == 1


def test_the_store_knows_its_newest_migration_without_alembic():
    from alembic.script import ScriptDirectory

    from pipeline.store.engine import HEAD, MIGRATIONS

    config = __import__("alembic.config", fromlist=["Config"]).Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD
