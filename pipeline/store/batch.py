"""The rows one `save` call writes, collected first and then inserted with executemany."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from pipeline.models import TRANSITIONS, Release, State
from pipeline.store.bulk import insert_many
from pipeline.store.records import Saved
from pipeline.store.tables import EventRow, MediaUseRow, ReleaseRow, RevisionRow

CHUNK = 500  # ids per IN (...) query: well under every database's parameter limit


class Batch:
    """The rows one `save` call writes, collected first and then inserted with executemany.

    Per-row ORM flushes made a 10,000-file ingest spend most of its time in the session; the
    lifecycle rules are the same as for single transitions.
    """

    def __init__(self, *, now: datetime, actor: str) -> None:
        self.now = now
        self.actor = actor
        self.new_rows: list[dict] = []
        self.changed_rows: list[dict] = []
        self.revisions: list[dict] = []
        self.media_uses: list[dict] = []
        self.events: list[dict] = []

    def add(
        self,
        release: Release,
        state: State,
        existing: dict[str, dict],
        duplicate_of: str | None = None,
    ) -> Saved:
        current = existing.get(release.id)
        # the same content, or the sender's own last content again after an editor's edit
        if current is not None and release.content_hash in (
            current["content_hash"],
            current.get("sent_hash"),
        ):
            return Saved(release.id, "unchanged", State(current["state"]))
        if current is None:
            current = {"state": State.RECEIVED.value, "revision": 0, "version": 0}
            outcome = "new"
        else:
            outcome = "revised"
        revision = current["revision"] + 1
        arrival = State.INVALID if release.errors else state
        if duplicate_of is not None:
            release = release.model_copy(
                update={"warnings": (*release.warnings, f"possible duplicate of {duplicate_of}")}
            )
            if arrival == State.APPROVED:
                arrival = State.QUEUED  # a possible duplicate waits for an editor, trusted or not
        note = "; ".join(f"{p.field}: {p.message}" for p in release.errors) or None
        row = {
            "id": release.id,
            "revision": revision,
            "title": release.title,
            "language": release.language,
            "content_hash": release.content_hash,
            "changed_at": self.now,
            "version": current["version"] + 1,
        }
        if current["state"] == State.PUBLISHED.value:
            # live: readers keep the live revision while the new one is reviewed
            target = State.PUBLISHED
            row["pending"] = arrival.value
            row["publish_at"] = release.embargo_until if arrival == State.APPROVED else None
        else:
            target = arrival
            if target not in TRANSITIONS[State(current["state"])]:
                # A new revision of a withdrawn release stays withdrawn until an editor decides.
                target = State(current["state"])
            row["state"] = target.value
            row["reason"] = note if target in REASONED else None
            if target == State.APPROVED:
                row["publish_at"] = release.embargo_until
        if outcome == "new":
            row.update(
                source=release.source,
                identity=release.identity,
                created_at=self.now,
                duplicate_of=duplicate_of,
            )
            row.setdefault("publish_at", None)
            self.new_rows.append(row)
        else:
            if duplicate_of is not None:
                row["duplicate_of"] = duplicate_of
            self.changed_rows.append(row)
        existing[release.id] = {
            "state": target.value,
            "revision": revision,
            "version": row["version"],
            "content_hash": release.content_hash,
        }
        self.media_uses += media_uses(release)
        self.revisions.append(
            {
                "release_id": release.id,
                "number": revision,
                "content_hash": release.content_hash,
                "data": release.model_dump_json(),
                "created_at": self.now,
                "actor": self.actor,
            }
        )
        self.events.append(
            {
                "release_id": release.id,
                "at": self.now,
                "actor": self.actor,
                "action": "received" if outcome == "new" else "revised",
                "from_state": current["state"],
                "to_state": target.value,
                "revision": revision,
                "note": note,
            }
        )
        return Saved(release.id, outcome, target)

    def write(self, session: Session) -> None:
        connection = session.connection()
        for rows in _grouped_by_keys(self.new_rows).values():
            insert_many(connection, ReleaseRow.__table__, rows)
        for keys, rows in _grouped_by_keys(self.changed_rows).items():
            table = ReleaseRow.__table__
            session.connection().execute(
                update(table)
                .where(table.c.id == bindparam("row_id"))
                .values({key: bindparam(key) for key in keys if key != "id"}),
                [{"row_id": row["id"], **row} for row in rows],
            )
        insert_many(connection, RevisionRow.__table__, self.revisions)
        insert_many(connection, EventRow.__table__, self.events)
        insert_many(connection, MediaUseRow.__table__, self.media_uses)


def media_uses(release: Release) -> list[dict]:
    """The kept media files a revision of `release` shows."""
    shas = dict.fromkeys(media.sha256 for media in release.media if media.sha256)
    return [{"sha256": sha, "release_id": release.id} for sha in shas]


REASONED = frozenset({State.INVALID, State.REJECTED, State.WITHDRAWN})


def _grouped_by_keys(rows: list[dict]) -> dict[tuple[str, ...], list[dict]]:
    """executemany needs the same columns in every row; approved rows also set publish_at."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return groups
