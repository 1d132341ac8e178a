"""Possible duplicates: the same release arriving twice, by another route or under another name.

Each valid release's fingerprint (`normalize.fingerprint`) is kept with its LSH buckets. A new
release whose text matches an earlier one exactly, or whose signature reaches the similarity
threshold, is marked `duplicate_of` that release and held for an editor.

A bucket keeps its newest `BUCKET_CAP` releases. Releases written from one template (a police
office's daily reports) share buckets by the thousand; without a cap every new one would be
compared with all of them, and ingest would slow down with every release ever stored. A resent
release arrives while its original is among the newest of its bucket.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from pipeline.normalize.fingerprint import THRESHOLD, Fingerprint, bands_of, similarity
from pipeline.store.bulk import insert_many, select_in
from pipeline.store.tables import FingerprintBandRow, FingerprintRow

CHUNK = 500
BUCKET_CAP = 50


class DuplicateIndex:
    """The fingerprints one batch needs, read in few queries, and the ones it adds."""

    def __init__(self, session: Session, fingerprints: dict[str, Fingerprint]):
        self.session = session
        self.exact: dict[str, str] = {}  # digest -> release id
        self.buckets: dict[tuple[int, str], list[str]] = defaultdict(list)  # oldest first
        self.stored: Counter[tuple[int, str]] = Counter()  # rows a bucket has in the database
        self.signatures: dict[str, bytes] = {}
        self.added: list[tuple[str, str, Fingerprint]] = []
        self.replaced: list[str] = []
        self._load(fingerprints)

    def _load(self, fingerprints: dict[str, Fingerprint]) -> None:
        connection = self.session.connection()
        digests = sorted({fp.exact for fp in fingerprints.values()})
        sql = "SELECT exact, release_id FROM fingerprints WHERE exact IN ({marks})"
        for digest, release_id in select_in(connection, sql, digests, CHUNK):
            self.exact.setdefault(digest, release_id)
        buckets = sorted({bucket for fp in fingerprints.values() for bucket in fp.buckets})
        sql = (
            "SELECT band, bucket, release_id FROM fingerprint_bands WHERE bucket IN ({marks})"
            " ORDER BY id"
        )
        for band, bucket, release_id in select_in(connection, sql, buckets, CHUNK):
            self.stored[(band, bucket)] += 1
            members = self.buckets[(band, bucket)]
            members.append(release_id)
            del members[:-BUCKET_CAP]
        wanted = sorted({rid for ids in self.buckets.values() for rid in ids})
        sql = "SELECT release_id, signature FROM fingerprints WHERE release_id IN ({marks})"
        for rid, signature in select_in(connection, sql, wanted, CHUNK):
            self.signatures[rid] = bytes(signature)

    def match(self, release_id: str, fp: Fingerprint) -> str | None:
        """The earlier release this one most likely repeats, or None."""
        same = self.exact.get(fp.exact)
        if same is not None and same != release_id:
            return same
        candidates = {
            rid
            for band, bucket in enumerate(fp.buckets)
            for rid in self.buckets.get((band, bucket), ())
            if rid != release_id
        }
        scored = sorted(
            ((similarity(fp.signature, self.signatures[rid]), rid) for rid in candidates),
            reverse=True,
        )
        return scored[0][1] if scored and scored[0][0] >= THRESHOLD else None

    def remember(
        self, release_id: str, source: str, fp: Fingerprint, *, replaces: bool = False
    ) -> None:
        """Index a release's newest text, so later arrivals (in this batch too) compare to it.
        `replaces`: the release had a fingerprint already (a new revision); it is swapped."""
        self.exact.setdefault(fp.exact, release_id)
        for band, bucket in enumerate(fp.buckets):
            members = self.buckets[(band, bucket)]
            members.append(release_id)
            del members[:-BUCKET_CAP]
        self.signatures[release_id] = fp.signature
        self.added.append((release_id, source, fp))
        if replaces:
            self.replaced.append(release_id)

    def write(self) -> None:
        connection = self.session.connection()
        self._forget(connection, self.replaced)
        if not self.added:
            return
        insert_many(
            connection,
            FingerprintRow.__table__,
            [
                {"release_id": rid, "source": source, "exact": fp.exact, "signature": fp.signature}
                for rid, source, fp in self.added
            ],
        )
        insert_many(
            connection,
            FingerprintBandRow.__table__,
            [
                {"band": band, "bucket": bucket, "release_id": rid}
                for rid, _, fp in self.added
                for band, bucket in enumerate(fp.buckets)
            ],
        )
        added = Counter(key for _, _, fp in self.added for key in enumerate(fp.buckets))
        self._trim({key: self.stored[key] + count for key, count in added.items()})

    def _forget(self, connection, ids: list[str]) -> None:
        """Remove the fingerprints of releases that have a new text. Their band rows are found
        by the buckets of the stored signature, through the bucket index: an index on the
        release would cost every saved band row a second index write."""
        if not ids:
            return
        sql = "SELECT release_id, signature FROM fingerprints WHERE release_id IN ({marks})"
        stale = [
            {"old_bucket": bucket, "old_band": band, "old_release": rid}
            for rid, signature in select_in(connection, sql, ids, CHUNK)
            for band, bucket in enumerate(bands_of(bytes(signature)))
        ]
        table = FingerprintBandRow.__table__
        if stale:
            connection.execute(
                delete(table).where(
                    table.c.bucket == bindparam("old_bucket"),
                    table.c.band == bindparam("old_band"),
                    table.c.release_id == bindparam("old_release"),
                ),
                stale,
            )
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            connection.execute(delete(FingerprintRow).where(FingerprintRow.release_id.in_(chunk)))

    def _trim(self, sizes: dict[tuple[int, str], int]) -> None:
        """Keep the newest BUCKET_CAP releases of every bucket this batch made larger."""
        table = FingerprintBandRow
        for (band, bucket), size in sizes.items():
            if size <= BUCKET_CAP:
                continue
            oldest = (
                select(table.id)
                .where(table.band == band, table.bucket == bucket)
                .order_by(table.id)
                .limit(size - BUCKET_CAP)
                .scalar_subquery()
            )
            self.session.execute(delete(table).where(table.id.in_(oldest)))
