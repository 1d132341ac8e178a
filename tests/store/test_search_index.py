"""The desk's text search on SQLite: a release is found by the words of its newest revision only,
after corrections, edits and an upgrade from a store whose index kept a copy of every text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from pipeline.models import Release, State, release_id
from pipeline.store import Store
from tests.factories import make_release

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def release(identity: str, words: str) -> Release:
    body = f"Die Stadtwerke melden {words} im Versorgungsgebiet. Details folgen am Nachmittag."
    return make_release(
        identity, source="stadt", title=f"Meldung {identity}", text=body, teaser="Kurz gemeldet."
    )


def found(store: Store, words: str) -> list[str]:
    return sorted(view.release.id for view in store.search(text=words))


def index_is_sound(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO release_search (release_search) VALUES ('integrity-check')"))


def test_a_release_is_found_by_its_newest_text_after_corrections_and_edits(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'melder.db'}")
    first = release("wasser", "einen Rohrbruch")
    other = release("strom", "einen Rohrbruch und Stromausfall")
    store.save([(first, State.QUEUED, None), (other, State.QUEUED, None)], now=NOW, actor="s")
    assert found(store, "Rohrbruch") == sorted([first.id, other.id])

    corrected = release("wasser", "eine Gasleckage")
    store.save([(corrected, State.QUEUED, None)], now=NOW + timedelta(minutes=1), actor="s")
    assert found(store, "Rohrbruch") == [other.id]
    assert found(store, "Gasleckage") == [first.id]

    view = store.get(first.id)
    edited = corrected.model_copy(
        update={"text": "Die Stadtwerke melden Hochwasser.", "content_hash": "a" * 64}
    )
    store.edit(first.id, edited, actor="editor", now=NOW + timedelta(minutes=2), seen=view.version)
    assert found(store, "Gasleckage") == []
    assert found(store, "Hochwasser") == [first.id]
    assert found(store, "Stadtwerke") == sorted([first.id, other.id])
    index_is_sound(store)

    with store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert "release_search_content" not in tables  # no second copy of every text
    store.close()


def test_the_search_keeps_working_after_upgrading_a_store_whose_index_held_the_text(tmp_path):
    from alembic import command

    from pipeline.store.engine import _transactional_ddl, alembic_config

    url = f"sqlite:///{tmp_path / 'melder.db'}"
    engine = _transactional_ddl(create_engine(url))
    command.upgrade(alembic_config(engine), "0012")
    stored = [release(f"r{n}", f"Meldung Nummer{n} über Baustellen") for n in range(30)]
    with engine.begin() as conn:  # as an earlier Melder stored them; its trigger indexed them
        for r in stored:
            values = {
                "id": r.id,
                "identity": r.identity,
                "title": r.title,
                "hash": r.content_hash,
                "at": NOW.isoformat(),
                "data": r.model_dump_json(),
            }
            conn.execute(
                text(
                    "INSERT INTO releases (id, source, identity, state, revision, title, language,"
                    " content_hash, created_at, changed_at, version) VALUES (:id, 'stadt',"
                    " :identity, 'queued', 1, :title, 'de', :hash, :at, :at, 1)"
                ),
                values,
            )
            conn.execute(
                text(
                    "INSERT INTO revisions (release_id, number, content_hash, data, created_at,"
                    " actor) VALUES (:id, 1, :hash, :data, :at, 's')"
                ),
                values,
            )
    engine.dispose()

    store = Store(url)  # migrates to the newest schema
    assert found(store, "Nummer7") == [stored[7].id]
    assert len(found(store, "Baustellen")) == 30
    assert len(found(store, "uber")) == len(found(store, "ÜBER")) == 30  # folded on the upgrade
    store.save([(release("r7", "eine Sperrung"), State.QUEUED, None)], now=NOW, actor="s")
    assert found(store, "Nummer7") == []
    assert found(store, "Sperrung") == [stored[7].id]
    index_is_sound(store)
    store.close()

    command.downgrade(alembic_config(engine), "0012")  # the index with its copy, rebuilt
    with engine.connect() as conn:
        match = "SELECT release_id FROM release_search WHERE release_search MATCH :words"
        assert conn.execute(text(match), {"words": "Sperrung"}).scalars().all() == [stored[7].id]
        assert conn.execute(text(match), {"words": "Nummer7"}).scalars().all() == []
    engine.dispose()


@pytest.mark.parametrize("revisions", [1, 5])
def test_a_release_revised_many_times_leaves_one_entry_in_the_index(tmp_path, revisions):
    store = Store(f"sqlite:///{tmp_path / 'melder.db'}")
    for number in range(1, revisions + 1):
        store.save(
            [(release("bau", f"Bauabschnitt{number}"), State.QUEUED, None)],
            now=NOW + timedelta(minutes=number),
            actor="s",
        )
    for number in range(1, revisions):
        assert found(store, f"Bauabschnitt{number}") == []
    assert found(store, f"Bauabschnitt{revisions}") == [release_id("stadt", "bau")]
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT count(*) FROM release_search WHERE release_search MATCH 'Stadtwerke'")
        ).scalar()
    assert rows == 1
    index_is_sound(store)
    store.close()


def test_nothing_of_the_text_is_left_in_the_database_file_for_the_index(tmp_path):
    """The index's own tables hold tokens, not the texts: a sentence of the body is stored only
    in the revision, once in its HTML and once as its text."""
    path = tmp_path / "melder.db"
    store = Store(f"sqlite:///{path}")
    marker = "Einzigartigerbegriff"
    store.save([(release("einmal", marker), State.QUEUED, None)], now=NOW, actor="s")
    store.close()
    data = Path(path).read_bytes()
    wal = Path(f"{path}-wal")
    if wal.exists():
        data += wal.read_bytes()
    sentence = f"Die Stadtwerke melden {marker} im Versorgungsgebiet".encode()
    assert data.count(sentence) == 2


def test_german_spellings_find_each_other_in_every_direction(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'melder.db'}")
    strasse = release("strasse", "eine Sperrung der Löwenstraße und der Straßenbahnlinie 4")
    markt = release("markt", "den Glühweinstand am Schloßplatz und in der Schlossgasse")
    elsewhere = release("elsewhere", "einen Termin in Strasbourg und Lowen")
    store.save([(r, State.QUEUED, None) for r in (strasse, markt, elsewhere)], now=NOW, actor="s")
    for words in ("Löwenstrasse", "LÖWENSTRASSE", "Löwenstraße", "loewenstrasse"):
        assert found(store, words) == [strasse.id], words
    assert found(store, "Strassenbahnlinie") == [strasse.id]
    assert found(store, "STRASSENBAHNLINIE") == [strasse.id]
    for words in ("Schlossgasse", "Schloßgasse", "gluehwein", "GLÜHWEIN", "Schlossplatz"):
        assert found(store, words) == [markt.id], words
    assert found(store, "Strasbourg") == [elsewhere.id]  # 'ss' reaches no further than 'ß'
    # typed on a keyboard without umlauts
    assert found(store, "Lowenstrasse") == [strasse.id]
    assert found(store, "Gluhwein") == [markt.id]
    assert found(store, "Lowen") == sorted([strasse.id, elsewhere.id])
    assert found(store, "Loewen") == found(store, "Löwen") == found(store, "Lowen")

    view = store.get(strasse.id)
    edited = strasse.model_copy(
        update={"text": "Die Stadtwerke melden Hochwasser.", "content_hash": "b" * 64}
    )
    store.edit(
        strasse.id, edited, actor="editor", now=NOW + timedelta(minutes=1), seen=view.version
    )
    assert found(store, "Löwenstrasse") == []  # the folded words left the index with the edit
    index_is_sound(store)
    store.close()


def test_german_spellings_find_each_other_in_titles_on_postgresql(postgres):
    store = Store(postgres.new_database())
    titled = make_release("strasse", source="stadt", title="Sperrung der Löwenstraße: Glühwein")
    other = make_release("strasbourg", source="stadt", title="Termin in Strasbourg")
    store.save([(r, State.QUEUED, None) for r in (titled, other)], now=NOW, actor="s")
    for words in ("Löwenstrasse", "LÖWENSTRASSE", "loewenstraße", "gluehwein", "GLÜHWEIN"):
        assert found(store, words) == [titled.id], words
    for words in ("Lowenstrasse", "gluhwein", "Sperrung der Lö"):
        assert found(store, words) == [titled.id], words
    assert found(store, "Strasbourg") == [other.id]
    assert found(store, "100%") == found(store, "_") == []  # typed, not wildcards
    assert found(store, "Glühwein Sperrung") == [titled.id]  # every word, in any order
    assert found(store, "Sperrung Strasbourg") == []
    store.close()


def test_capital_umlauts_are_found_on_a_postgresql_database_with_the_c_locale(postgres):
    """Hosted servers often make databases with LC_CTYPE 'C', whose lower() knows only ASCII."""
    store = Store(postgres.new_database(locale="C"))
    titled = make_release("zeiten", source="stadt", title="Öffnungszeiten über die Feiertage")
    other = make_release("ueber", source="stadt", title="Überschwemmung: Änderung der Route")
    store.save([(r, State.QUEUED, None) for r in (titled, other)], now=NOW, actor="s")
    for words in ("Öffnungszeiten", "öffnungszeiten", "Offnungszeiten", "oeffnungszeiten"):
        assert found(store, words) == [titled.id], words
    assert found(store, "ÄNDERUNG überschwemmung") == [other.id]
    store.close()


def contacted(identity: str, contact: str | None) -> Release:
    return make_release(identity, source="stadt", title=f"Meldung {identity}", contact=contact)


ROBOTICS = "Maren Köhler, Pressestelle\npress@northwind-robotics.example\n+49 30 1234567"


def test_the_press_contact_and_the_id_s_first_characters_find_a_release(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'melder.db'}")
    robots = contacted("roboter", ROBOTICS)
    rathaus = contacted("rathaus", "Pressestelle der Stadt, Tel. 0341 123-0")
    silent = contacted("ohne", None)
    store.save([(r, State.QUEUED, None) for r in (robots, rathaus, silent)], now=NOW, actor="s")
    for words in ("Maren Köhler", "maren koehler", "Kohler", "press@northwind-robotics.example"):
        assert found(store, words) == [robots.id], words
    assert found(store, "Pressestelle") == sorted([robots.id, rathaus.id])
    assert found(store, robots.id) == found(store, robots.id[:8]) == [robots.id]
    assert found(store, robots.id[:8].upper()) == [robots.id]
    # an edit that drops the contact drops it from the index
    view = store.get(robots.id)
    edited = robots.model_copy(update={"contact": None, "content_hash": "c" * 64})
    store.edit(robots.id, edited, actor="editor", now=NOW + timedelta(minutes=1), seen=view.version)
    assert found(store, "Maren Köhler") == []
    index_is_sound(store)
    store.close()


def test_short_hex_words_stay_words_and_not_id_prefixes(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'melder.db'}")
    releases = [contacted(f"r{n}", None) for n in range(40)]
    store.save([(r, State.QUEUED, None) for r in releases], now=NOW, actor="s")
    prefix = releases[0].id[:3]
    assert found(store, prefix) == []  # three characters read as a word, which no text has
    store.close()


def test_contacts_are_searchable_after_upgrading_a_store_indexed_without_them(tmp_path):
    from alembic import command

    from pipeline.store.engine import alembic_config

    url = f"sqlite:///{tmp_path / 'melder.db'}"
    store = Store(url)
    robots = contacted("roboter", ROBOTICS)
    store.save([(robots, State.QUEUED, None)], now=NOW, actor="s")
    store.close()
    engine = create_engine(url)
    command.downgrade(alembic_config(engine), "0015")
    with engine.connect() as conn:
        match = "SELECT rowid FROM release_search WHERE release_search MATCH 'kohler'"
        assert conn.execute(text(match)).all() == []
    engine.dispose()
    store = Store(url)  # migrates again
    assert found(store, "Maren Köhler") == [robots.id]
    assert found(store, "Meldung roboter") == [robots.id]
    index_is_sound(store)
    store.close()


def test_contacts_and_id_prefixes_find_releases_on_postgresql(postgres):
    store = Store(postgres.new_database())
    robots = contacted("roboter", ROBOTICS)
    rathaus = contacted("rathaus", "Pressestelle der Stadt")
    store.save([(r, State.QUEUED, None) for r in (robots, rathaus)], now=NOW, actor="s")
    for words in ("Maren Köhler", "maren koehler", "press@northwind-robotics.example"):
        assert found(store, words) == [robots.id], words
    assert found(store, "Meldung Köhler") == [robots.id]  # title and contact together
    assert found(store, "Pressestelle") == sorted([robots.id, rathaus.id])
    assert found(store, robots.id[:8]) == [robots.id]
    store.close()
