"""Releases from one template share LSH buckets; a bucket keeps only its newest releases, so
ingest does not slow down with every templated release ever stored, and a resend of a recent
one is still caught."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from pipeline.models import Provenance, Release, State, release_id
from pipeline.normalize.fingerprint import fingerprint
from pipeline.store import Store
from pipeline.store.duplicates import BUCKET_CAP, band_keys
from pipeline.store.tables import FingerprintBandRow

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TEMPLATE = (
    "Die Polizei Lindenau meldet einen Verkehrsunfall in der {street}. Ein Auto stieß beim "
    "Abbiegen mit einem Radfahrer zusammen, der leicht verletzt wurde. Die Polizei bittet "
    "Zeugen, sich unter der Telefonnummer 0341 123456 zu melden. Der Sachschaden beträgt "
    "etwa {euros} Euro. Die Straße war für eine Stunde gesperrt."
)


def report(number: int) -> Release:
    identity = f"bericht-{number}"
    text = TEMPLATE.format(street=f"Straße {number}", euros=1000 + number)
    return Release(
        id=release_id("polizei", identity),
        source="polizei",
        identity=identity,
        title=f"Verkehrsunfall Nummer {number}",
        slug=f"unfall-{number}",
        teaser="Unfall.",
        body_html=f"<p>{text}</p>",
        text=text,
        language="de",
        provenance=Provenance(route="files", received_at=NOW),
        content_hash=f"{number:064x}",
    )


def test_templated_releases_keep_buckets_bounded_and_a_resend_is_still_caught(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'melder.db'}")
    for start in range(0, 400, 100):
        batch = [(report(n), State.APPROVED, None) for n in range(start, start + 100)]
        store.save(batch, now=NOW + timedelta(minutes=start), actor="polizei")
    with store.engine.connect() as conn:
        biggest = conn.execute(
            select(func.count())
            .select_from(FingerprintBandRow)
            .group_by(FingerprintBandRow.bucket)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar()
    assert biggest <= BUCKET_CAP
    # the newest report sent again, lightly edited, under another name: held as its duplicate
    newest = report(399)
    again = newest.model_copy(
        update={
            "id": release_id("polizei", "nochmal"),
            "identity": "nochmal",
            "text": newest.text.replace("eine Stunde", "zwei Stunden"),
            "content_hash": "f" * 64,
        }
    )
    [saved] = store.save([(again, State.APPROVED, None)], now=NOW + timedelta(hours=9), actor="p")
    assert saved.state == State.QUEUED
    assert store.get(saved.release_id).duplicate_of == newest.id
    store.close()


def test_a_new_text_of_a_release_replaces_its_bands_and_the_old_text_matches_no_more(
    database_url,
):
    """A corrected release is indexed by its new text only: a later release that repeats the
    old text is not held as a duplicate of it, one that repeats the new text is."""
    store = Store(database_url)
    first = report(1)
    store.save([(first, State.APPROVED, None)], now=NOW, actor="polizei")
    corrected = first.model_copy(
        update={
            "text": "Die Polizei korrigiert ihre Meldung vollständig. " * 8,
            "content_hash": "e" * 64,
        }
    )
    [saved] = store.save([(corrected, State.APPROVED, None)], now=NOW, actor="polizei")
    assert saved.outcome == "revised"
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(FingerprintBandRow.bucket).where(FingerprintBandRow.release_id == first.id)
        ).scalars()
        assert sorted(rows) == sorted(band_keys(fingerprint(corrected.title, corrected.text)))

    def resend(text: str, identity: str) -> Release:
        return first.model_copy(
            update={"id": release_id("polizei", identity), "identity": identity, "text": text,
                    "content_hash": identity.ljust(64, "0")}
        )  # fmt: skip

    [old] = store.save([(resend(first.text, "alt"), State.APPROVED, None)], now=NOW, actor="p")
    [new] = store.save([(resend(corrected.text, "neu"), State.APPROVED, None)], now=NOW, actor="p")
    assert store.get(old.release_id).duplicate_of is None
    assert store.get(new.release_id).duplicate_of == first.id
    store.close()


def test_a_store_with_hex_buckets_keeps_finding_duplicates_after_the_upgrade(database_url):
    """Buckets stored as hex text by an earlier Melder become integer keys in their order, and
    a release saved afterwards is still held as a near-duplicate of one stored before."""
    from alembic import command

    from pipeline.store.engine import _transactional_ddl, alembic_config

    old = report(7)
    made = fingerprint(old.title, old.text)
    engine = create_engine(database_url)
    if engine.dialect.name == "sqlite":
        engine.dispose()
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = _transactional_ddl(create_engine(database_url))
    command.upgrade(alembic_config(engine), "0011")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO releases (id, source, identity, state, revision, title, language,"
                " content_hash, created_at, changed_at, version) VALUES (:id, 'polizei', :identity,"
                " 'published', 1, :title, 'de', :hash, :at, :at, 1)"
            ),
            {"id": old.id, "identity": old.identity, "title": old.title,
             "hash": old.content_hash, "at": NOW.isoformat()},
        )  # fmt: skip
        conn.execute(
            text(
                "INSERT INTO fingerprints (release_id, source, exact, signature)"
                " VALUES (:id, 'polizei', :exact, :signature)"
            ),
            {"id": old.id, "exact": made.exact, "signature": made.signature},
        )
        conn.execute(
            text(
                "INSERT INTO fingerprint_bands (band, bucket, release_id)"
                " VALUES (:band, :bucket, :id)"
            ),
            [{"band": n, "bucket": hexed, "id": old.id} for n, hexed in enumerate(made.buckets)],
        )  # fmt: skip
    engine.dispose()
    store = Store(database_url)  # migrates to the newest schema
    with store.engine.connect() as conn:
        keys = conn.execute(select(FingerprintBandRow.bucket).order_by(FingerprintBandRow.id))
        assert list(keys.scalars()) == band_keys(made)
    again = report(7).model_copy(
        update={
            "id": release_id("polizei", "wieder"),
            "identity": "wieder",
            "text": old.text.replace("eine Stunde", "zwei Stunden"),
            "content_hash": "d" * 64,
        }
    )
    [saved] = store.save([(again, State.APPROVED, None)], now=NOW, actor="polizei")
    assert saved.state == State.QUEUED
    assert store.get(saved.release_id).duplicate_of == old.id
    store.close()
