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
from pipeline.store.bulk import insert_many, insert_values, select_in
from pipeline.store.tables import FingerprintBandRow, FingerprintRow

CHUNK = 500
BUCKET_CAP = 50


def band_keys(fp: Fingerprint) -> list[int]:
    """Each band's bucket as one signed 64-bit integer, the band folded into its top bits: an
    integer key makes the bucket index half as large as the hex text and its band did."""
    return [bucket_key(band, bucket) for band, bucket in enumerate(fp.buckets)]


def bucket_key(band: int, bucket: str) -> int:
    """Fixed for good, like the signature scheme: stored keys are compared with new ones (the
    migration to integer buckets computes the same)."""
    value = int(bucket, 16) ^ (band << 56)
    return value - (1 << 64) if value >= 1 << 63 else value


class DuplicateIndex:
    """The fingerprints one batch needs, read in few queries, and the ones it adds."""

    def __init__(self, session: Session, fingerprints: dict[str, Fingerprint]):
        self.session = session
        self.exact: dict[str, str] = {}  # digest -> release id
        self.buckets: dict[int, list[str]] = defaultdict(list)  # bucket key -> ids, oldest first
        self.stored: Counter[int] = Counter()  # rows a bucket has in the database
        self.signatures: dict[str, bytes] = {}
        self.added: list[tuple[str, str, Fingerprint, list[int]]] = []
        self.replaced: list[str] = []
        self.prints = fingerprints
        self.keys = {rid: band_keys(fp) for rid, fp in fingerprints.items()}  # made once each
        self._load(fingerprints)

    def _keys(self, release_id: str, fp: Fingerprint) -> list[int]:
        if self.prints.get(release_id) is fp:
            return self.keys[release_id]
        return band_keys(fp)

    def _load(self, fingerprints: dict[str, Fingerprint]) -> None:
        connection = self.session.connection()
        digests = sorted({fp.exact for fp in fingerprints.values()})
        sql = "SELECT exact, release_id FROM fingerprints WHERE exact IN ({marks})"
        for digest, release_id in select_in(connection, sql, digests, CHUNK):
            self.exact.setdefault(digest, release_id)
        keys = sorted({key for made in self.keys.values() for key in made})
        sql = (
            "SELECT bucket, release_id FROM fingerprint_bands WHERE bucket IN ({marks}) ORDER BY id"
        )
        for key, release_id in select_in(connection, sql, keys, CHUNK):
            self.stored[key] += 1
            members = self.buckets[key]
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
            for key in self._keys(release_id, fp)
            for rid in self.buckets.get(key, ())
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
        keys = self._keys(release_id, fp)
        for key in keys:
            members = self.buckets[key]
            members.append(release_id)
            del members[:-BUCKET_CAP]
        self.signatures[release_id] = fp.signature
        self.added.append((release_id, source, fp, keys))
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
                for rid, source, fp, _ in self.added
            ],
        )
        insert_values(
            connection,
            FingerprintBandRow.__table__,
            ("bucket", "release_id"),
            [(key, rid) for rid, _, _, keys in self.added for key in keys],
        )
        added = Counter(key for _, _, _, keys in self.added for key in keys)
        self._trim({key: self.stored[key] + count for key, count in added.items()})

    def _forget(self, connection, ids: list[str]) -> None:
        """Remove the fingerprints of releases that have a new text. Their band rows are found
        by the buckets of the stored signature, through the bucket index: an index on the
        release would cost every saved band row a second index write."""
        if not ids:
            return
        sql = "SELECT release_id, signature FROM fingerprints WHERE release_id IN ({marks})"
        stale = [
            {"old_bucket": bucket_key(band, bucket), "old_release": rid}
            for rid, signature in select_in(connection, sql, ids, CHUNK)
            for band, bucket in enumerate(bands_of(bytes(signature)))
        ]
        table = FingerprintBandRow.__table__
        if stale:
            connection.execute(
                delete(table).where(
                    table.c.bucket == bindparam("old_bucket"),
                    table.c.release_id == bindparam("old_release"),
                ),
                stale,
            )
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            connection.execute(delete(FingerprintRow).where(FingerprintRow.release_id.in_(chunk)))

    def _trim(self, sizes: dict[int, int]) -> None:
        """Keep the newest BUCKET_CAP releases of every bucket this batch made larger."""
        table = FingerprintBandRow
        for key, size in sizes.items():
            if size <= BUCKET_CAP:
                continue
            oldest = (
                select(table.id)
                .where(table.bucket == key)
                .order_by(table.id)
                .limit(size - BUCKET_CAP)
                .scalar_subquery()
            )
            self.session.execute(delete(table).where(table.id.in_(oldest)))
