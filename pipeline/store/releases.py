"""Saving releases and deciding about them; every write is one short transaction.

Nothing is deleted: a changed input adds a revision, a decision adds an event. Every decision
is a compare-and-swap on the release's version, enforced by the UPDATE's WHERE clause.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pipeline.errors import Conflict
from pipeline.models import Release, State
from pipeline.store.batch import (
    CHUNK,
    Batch,
    media_uses,
    remember_inputs,
    rounds_of_distinct_ids,
    same_content,
    told_of_earlier_inputs,
)
from pipeline.store.corrections import corrected_release, correction_warning
from pipeline.store.queries import ReleaseQueries
from pipeline.store.records import Change, ReleaseView, Saved
from pipeline.store.tables import EventRow, InputRow, MediaUseRow, ReleaseRow, RevisionRow

if TYPE_CHECKING:
    from pipeline.normalize.fingerprint import Fingerprint


WRITE_CACHE_KIB = 32 * 1024
# Pages of write-ahead log between checkpoints while saving batches (SQLite's default is 1,000,
# less than one batch writes). A checkpoint copies every page the log holds into the database
# file once, however often it changed since: an index page that several batches in a row
# change is copied once for all of them (saving 100,000 releases took 12 % less time).
CHECKPOINT_PAGES = 32 * 1024
WAL_LIMIT_BYTES = 128 * 1024 * 1024  # what the log file is cut back to after a checkpoint


# the note `review.decisions.merge` leaves on the release it closes
MERGED_NOTE = re.compile(r"merged into (\w+)")


def _rejected(row: dict) -> bool:
    return row.get("state") == "rejected"


class ReleaseWrites(ReleaseQueries):
    """Saving inputs and releases in batches, and every move of a release's state."""

    # -- inputs -------------------------------------------------------------------------------

    def input_unchanged(self, source: str, locator: str, content_hash: str) -> bool:
        return self.known_inputs(source).get(locator) == content_hash

    def known_inputs(self, source: str) -> dict[str, str]:
        """Locator -> content hash of every input already read from `source`."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(InputRow.locator, InputRow.content_hash).where(InputRow.source == source)
            )
            return {locator: digest for locator, digest in rows}

    # -- releases -----------------------------------------------------------------------------

    def save(
        self,
        items: list[tuple[Release, State, str | None]],
        *,
        now: datetime,
        actor: str,
        fingerprints: dict[str, Fingerprint] | None = None,
    ) -> list[Saved]:
        """Store a batch of normalized releases in one transaction.

        Each item is (release, state for a new or changed release, input locator). The same
        (source, identity) with the same content is `unchanged`; with other content it becomes
        a new revision of the same release, never a second release. `fingerprints` are those
        already made (by the worker that normalized the release); the others are made here.
        """
        with Session(self.engine) as session, session.begin():
            if self.engine.dialect.name == "sqlite":
                # A batch writes into indexes keyed by hashes, a page anywhere in each: with
                # SQLite's default 2 MB of cache, a store of 100,000 releases reads most of
                # them back for every batch (a fifth slower than with this). Only the writing
                # connection grows its cache, and only as far as the pages it touches.
                connection = session.connection()
                connection.exec_driver_sql(f"PRAGMA cache_size=-{WRITE_CACHE_KIB}")
                connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}")
                connection.exec_driver_sql(f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}")
                # begun by the driver at the first INSERT, after the reads that number revisions
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            items = told_of_earlier_inputs(items)
            rounds = rounds_of_distinct_ids(items)
            repeated = {items[position][0].id for later in rounds[1:] for position in later}
            # a fingerprint made for one of several inputs of a release is not the others'
            made = {
                release_id: made_print
                for release_id, made_print in (fingerprints or {}).items()
                if release_id not in repeated
            }
            results: list[Saved | None] = [None] * len(items)
            for positions in rounds:
                saved = self._save_round(
                    session,
                    [items[position] for position in positions],
                    now=now,
                    actor=actor,
                    made=made,
                )
                for position, outcome in zip(positions, saved, strict=True):
                    results[position] = outcome
        return [saved for saved in results if saved is not None]

    def _save_round(
        self,
        session: Session,
        items: list[tuple[Release, State, str | None]],
        *,
        now: datetime,
        actor: str,
        made: dict[str, Fingerprint],
    ) -> list[Saved]:
        """Store releases of distinct ids: each is new, a new revision, or unchanged."""
        # numpy and MinHash are imported on first use: reading commands never pay for them
        from pipeline.normalize.fingerprint import fingerprint
        from pipeline.store.duplicates import DuplicateIndex

        existing = self._current_rows(session, [release.id for release, _, _ in items])
        edited = [
            release.id
            for release, _, _ in items
            if existing.get(release.id, {}).get("content_hash") not in (None, release.content_hash)
        ]
        incoming = {release.id: release for release, _, _ in items}
        for release_id, (sent, data, number) in self._sent_revisions(session, edited).items():
            # the same content in other bytes (keys reordered, CRLF line ends) is no news
            same = same_content(Release.model_validate_json(data), incoming[release_id])
            existing[release_id]["sent_hash"] = incoming[release_id].content_hash if same else sent
            existing[release_id]["sent_revision"] = number
        texts = {
            release.id: made.get(release.id) or fingerprint(release.title, release.text)
            for release, _, _ in items
            if not release.errors
            and existing.get(release.id, {}).get("content_hash") != release.content_hash
        }
        duplicates = DuplicateIndex(session, texts)
        merged = self._merged_into(session, [i for i in edited if _rejected(existing[i])])
        batch = Batch(now=now, actor=actor)
        results, saved_before = [], []
        for release, state, _ in items:
            text = texts.get(release.id)
            new = release.id not in existing and text is not None
            # a release merged into another comes back, changed, as that one's duplicate
            twin = duplicates.match(release.id, text) if new else merged.get(release.id)
            if new and release.sent_as_correction:
                corrected = corrected_release(session, release, saved_before)
                if corrected is not None:
                    twin = corrected
                    note = correction_warning(release.id, corrected)
                    release = release.model_copy(update={"warnings": (*release.warnings, note)})
            saved_before.append((release.id, release.source, release.title))
            saved = batch.add(release, state, existing, duplicate_of=twin)
            if text is not None and saved.outcome != "unchanged":
                duplicates.remember(
                    release.id, release.source, text, replaces=saved.outcome == "revised"
                )
            results.append(saved)
        batch.write(session)
        duplicates.write()
        remember_inputs(session, items, now)
        return results

    def _current_rows(self, session: Session, ids: list[str]) -> dict[str, dict]:
        """State, revision and content hash of the releases a batch touches, in few queries.

        Locked until the batch commits (in id order: two batches never wait for each other): a
        process storing the same release meanwhile (two `melder serve` answering one sender)
        waits, then numbers its revision after this batch's. SQLite: see `save`."""
        found: dict[str, dict] = {}
        ids = sorted(set(ids))
        columns = (
            ReleaseRow.id,
            ReleaseRow.state,
            ReleaseRow.revision,
            ReleaseRow.version,
            ReleaseRow.content_hash,
            ReleaseRow.reason,
        )
        for start in range(0, len(ids), CHUNK):
            rows = session.execute(
                select(*columns)
                .where(ReleaseRow.id.in_(ids[start : start + CHUNK]))
                .order_by(ReleaseRow.id)
                .with_for_update()
            )
            for row in rows:
                found[row.id] = {
                    "state": row.state,
                    "revision": row.revision,
                    "version": row.version,
                    "content_hash": row.content_hash,
                    "reason": row.reason,
                }
        return found

    def _merged_into(self, session: Session, ids: list[str]) -> dict[str, str]:
        """The release each of `ids` was last merged into (`melder merge`), if any."""
        merged: dict[str, str] = {}
        for start in range(0, len(ids), CHUNK):
            rows = session.execute(
                select(EventRow.release_id, EventRow.action, EventRow.note)
                .where(EventRow.release_id.in_(ids[start : start + CHUNK]))
                .order_by(EventRow.id)
            )
            for release_id, action, note in rows:
                target = MERGED_NOTE.match(note or "") if action == "merged" else None
                if target:
                    merged[release_id] = target.group(1)
                else:
                    merged.pop(release_id, None)  # a later decision ('reopened') counts
        return merged

    def _sent_revisions(self, session: Session, ids: list[str]) -> dict[str, tuple[str, str, int]]:
        """(content hash, data, number) of each release's last revision from its sender: the sender
        sending the same again changes nothing, and above all does not undo an editor's edit
        or decision that came after it."""
        sent: dict[str, tuple[str, str, int]] = {}
        for start in range(0, len(ids), CHUNK):
            rows = session.execute(
                select(RevisionRow.release_id, RevisionRow.content_hash)
                .add_columns(RevisionRow.data, RevisionRow.number)
                .join(
                    EventRow,
                    (EventRow.release_id == RevisionRow.release_id)
                    & (EventRow.revision == RevisionRow.number),
                )
                .where(
                    RevisionRow.release_id.in_(ids[start : start + CHUNK]),
                    EventRow.action.in_(("received", "revised")),
                )
                .order_by(RevisionRow.number)
            )
            sent.update({row.release_id: tuple(row[1:]) for row in rows})
        return sent

    def apply(
        self, release_id: str, change: Change, *, seen: int, actor: str, now: datetime
    ) -> ReleaseView:
        """Write one decision if the release is still at version `seen`, else raise `Conflict`.

        The compare-and-swap is the UPDATE's own WHERE clause, checked by its row count, so two
        processes deciding at once cannot both win, on SQLite and PostgreSQL alike.
        """
        with Session(self.engine) as session:
            with session.begin():
                written = session.execute(
                    update(ReleaseRow)
                    .where(ReleaseRow.id == release_id, ReleaseRow.version == seen)
                    .values(version=ReleaseRow.version + 1, changed_at=now, **change.values)
                    .execution_options(synchronize_session=False)
                )
                if written.rowcount == 1:
                    session.add(
                        EventRow(
                            release_id=release_id,
                            at=now,
                            actor=actor,
                            action=change.action,
                            from_state=change.from_state,
                            to_state=change.to_state,
                            revision=change.revision,
                            note=change.note,
                        )
                    )
            if written.rowcount != 1:
                raise self._conflict(session, release_id)
        return self.get(release_id)

    def decided_together(self, actor: str, at: datetime, action: str) -> list[str]:
        """The releases `actor` gave `action` in one go at `at` (a bulk decision of the desk)."""
        with Session(self.engine) as session:
            query = select(EventRow.release_id).where(
                EventRow.actor == actor, EventRow.at == at, EventRow.action == action
            )
            return sorted(set(session.scalars(query)))

    def conflict(self, release_id: str) -> Conflict:
        """The error for a decision on a version that is gone, naming what changed it."""
        with Session(self.engine) as session:
            return self._conflict(session, release_id)

    def _conflict(self, session: Session, release_id: str) -> Conflict:
        last = session.scalars(
            select(EventRow)
            .where(EventRow.release_id == release_id)
            .order_by(EventRow.id.desc())
            .limit(1)
        ).first()
        if last is None:
            return Conflict(f"release {release_id} changed meanwhile; reload it and decide again")
        return Conflict(
            f"release {release_id} was changed meanwhile: {last.action} by {last.actor} at "
            f"{last.at.isoformat(timespec='seconds')}; reload it and decide again",
            action=last.action,
            actor=last.actor,
            at=last.at,
        )

    # -- the desk: edits, search, versions -------------------------------------------------

    def edit(
        self,
        release_id: str,
        release: Release,
        *,
        actor: str,
        now: datetime,
        seen: int,
        action: str = "edited",
    ) -> ReleaseView:
        """Store an editor's change as a new revision; every earlier revision stays as it was.

        Written only while the release is at version `seen` (the one the editor saw): an edit
        on a stale page raises `Conflict` instead of silently overwriting someone else's work.
        """
        with Session(self.engine) as session, session.begin():
            claimed = session.execute(
                update(ReleaseRow)
                .where(ReleaseRow.id == release_id, ReleaseRow.version == seen)
                .values(
                    version=ReleaseRow.version + 1,
                    revision=ReleaseRow.revision + 1,
                    title=release.title,
                    language=release.language,
                    content_hash=release.content_hash,
                    changed_at=now,
                )
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount == 1:
                self._add_revision(
                    session, release_id, release, actor=actor, now=now, action=action
                )
        if claimed.rowcount != 1:
            with Session(self.engine) as session:
                raise self._conflict(session, release_id)
        return self.get(release_id)

    def _add_revision(
        self, session: Session, release_id: str, release: Release, *, actor: str, now, action: str
    ) -> None:
        row = session.get(ReleaseRow, release_id, populate_existing=True)
        session.add(
            RevisionRow(
                release_id=row.id,
                number=row.revision,
                content_hash=release.content_hash,
                data=release.model_dump_json(),
                created_at=now,
                actor=actor,
            )
        )
        session.add_all(MediaUseRow(**use) for use in media_uses(release))
        from_state = row.state
        arrival = State.INVALID if release.errors else None
        note = "; ".join(f"{p.field}: {p.message}" for p in release.errors) or None
        if row.published_revision is not None and row.state in WHAT_READERS_KEEP:
            # live or withdrawn: readers keep what they see until an editor approves the edit
            row.pending = (arrival or State.QUEUED).value
        elif arrival is not None:
            row.state, row.reason = arrival.value, note
        elif row.state == State.INVALID.value:
            row.state, row.reason = State.QUEUED.value, None
        session.add(
            EventRow(
                release_id=row.id,
                at=now,
                actor=actor,
                action=action,
                from_state=from_state,
                to_state=row.state,
                revision=row.revision,
                note=note,
            )
        )


WHAT_READERS_KEEP = frozenset({State.PUBLISHED.value, State.WITHDRAWN.value})
