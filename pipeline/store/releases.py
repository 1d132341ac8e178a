"""Saving releases and moving them through their lifecycle; every write one short transaction.

Nothing is deleted: a changed input adds a revision, a decision adds an event.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, insert, or_, select, tuple_, update
from sqlalchemy.orm import Session

from pipeline.errors import InvalidTransition
from pipeline.models import TRANSITIONS, Release, State
from pipeline.store.queries import ReleaseQueries
from pipeline.store.records import ReleaseView, Saved
from pipeline.store.tables import EventRow, InputRow, ReleaseRow, RevisionRow


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
    ) -> list[Saved]:
        """Store a batch of normalized releases in one transaction.

        Each item is (release, state for a new or changed release, input locator). The same
        (source, identity) with the same content is `unchanged`; with other content it becomes
        a new revision of the same release, never a second release.
        """
        with Session(self.engine) as session, session.begin():
            existing = self._current_rows(session, [release.id for release, _, _ in items])
            batch = _Batch(now=now, actor=actor)
            results = [batch.add(release, state, existing) for release, state, _ in items]
            batch.write(session)
            self._remember_inputs(session, items, now)
        return results

    def _current_rows(self, session: Session, ids: list[str]) -> dict[str, dict]:
        """State, revision and content hash of the releases a batch touches, in few queries."""
        found: dict[str, dict] = {}
        columns = (ReleaseRow.id, ReleaseRow.state, ReleaseRow.revision, ReleaseRow.content_hash)
        for start in range(0, len(ids), CHUNK):
            rows = session.execute(
                select(*columns).where(ReleaseRow.id.in_(ids[start : start + CHUNK]))
            )
            for row in rows:
                found[row.id] = {
                    "state": row.state,
                    "revision": row.revision,
                    "content_hash": row.content_hash,
                }
        return found

    def _remember_inputs(self, session: Session, items, now: datetime) -> None:
        located = {
            (release.source, locator): release
            for release, _, locator in items
            if locator is not None
        }
        if not located:
            return
        known: dict[tuple[str, str], int] = {}
        for source in {source for source, _ in located}:
            rows = session.execute(
                select(InputRow.id, InputRow.locator).where(InputRow.source == source)
            )
            known.update({(source, locator): row_id for row_id, locator in rows})
        fresh, seen = [], []
        for key, release in located.items():
            values = {
                "content_hash": release.content_hash,
                "release_id": release.id,
                "seen_at": now,
            }
            if key in known:
                seen.append({"row_id": known[key], **values})
            else:
                fresh.append({"source": key[0], "locator": key[1], **values})
        if fresh:
            session.execute(insert(InputRow), fresh)
        if seen:
            session.connection().execute(
                update(InputRow.__table__)
                .where(InputRow.__table__.c.id == bindparam("row_id"))
                .values(
                    content_hash=bindparam("content_hash"),
                    release_id=bindparam("release_id"),
                    seen_at=bindparam("seen_at"),
                ),
                seen,
            )

    def _move(
        self,
        session: Session,
        row: ReleaseRow,
        target: State,
        actor: str,
        action: str,
        now: datetime,
        note: str | None = None,
    ) -> None:
        current = State(row.state)
        if target not in TRANSITIONS[current]:
            raise InvalidTransition(
                f"release {row.id} is {current.value}; it cannot become {target.value}"
            )
        self._record(session, row, target, actor, action, now, note)

    def _record(
        self,
        session: Session,
        row: ReleaseRow,
        target: State,
        actor: str,
        action: str,
        now: datetime,
        note: str | None,
    ) -> None:
        session.add(
            EventRow(
                release_id=row.id,
                at=now,
                actor=actor,
                action=action,
                from_state=row.state,
                to_state=target.value,
                revision=row.revision,
                note=note,
            )
        )
        row.state = target.value
        row.changed_at = now
        row.reason = note if target in {State.INVALID, State.REJECTED, State.WITHDRAWN} else None

    def transition(
        self,
        release_id: str,
        target: State,
        *,
        actor: str,
        action: str,
        now: datetime,
        note: str | None = None,
        publish_at: datetime | None = None,
        expected_revision: int | None = None,
    ) -> ReleaseView:
        with Session(self.engine) as session, session.begin():
            row = self._row(session, release_id)
            if expected_revision is not None and row.revision != expected_revision:
                raise InvalidTransition(
                    f"release {release_id} changed meanwhile (now revision {row.revision}); "
                    "reload it and decide again"
                )
            if target == State.APPROVED:
                release = self._release(session, row.id, row.revision)
                if release.errors:
                    raise InvalidTransition(
                        f"release {release_id} is invalid and cannot be approved: "
                        + "; ".join(f"{p.field}: {p.message}" for p in release.errors)
                    )
                times = [t for t in (publish_at, release.embargo_until) if t is not None]
                row.publish_at = max(times) if times else None
            self._move(session, row, target, actor, action, now, note)
        return self.get(release_id)

    # -- publishing ---------------------------------------------------------------------------

    def publish_due(self, now: datetime, public_name) -> list[str]:
        """Mark every approved release whose time has come as published; returns their ids.

        `public_name(release, row_id)` gives the file name a release keeps forever.
        """
        published: list[str] = []
        after: tuple | None = None
        while True:  # in chunks, so a backlog of any size is published in bounded memory
            chunk, after = self._publish_chunk(now, public_name, after)
            published.extend(chunk)
            if after is None:
                return published

    def _publish_chunk(self, now: datetime, public_name, after: tuple | None):
        with Session(self.engine) as session, session.begin():
            query = (
                select(ReleaseRow, RevisionRow.data)
                .join(
                    RevisionRow,
                    (RevisionRow.release_id == ReleaseRow.id)
                    & (RevisionRow.number == ReleaseRow.revision),
                )
                .where(ReleaseRow.state == State.APPROVED.value)
                .where(or_(ReleaseRow.publish_at.is_(None), ReleaseRow.publish_at <= now))
                .order_by(ReleaseRow.created_at, ReleaseRow.id)
                .limit(CHUNK)
            )
            if after is not None:
                query = query.where(tuple_(ReleaseRow.created_at, ReleaseRow.id) > after)
            rows = session.execute(query).all()
            published = []
            for row, data in rows:
                release = Release.model_validate_json(data)
                if release.embargo_until is not None and release.embargo_until > now:
                    continue
                if row.first_published_at is None:
                    row.first_published_at = now
                    row.sort_at = _sort_time(release, now)
                    row.public_name = public_name(release, row.id)
                    action = "published"
                else:
                    action = "republished"
                row.updated_at = now
                row.published_revision = row.revision
                self._move(session, row, State.PUBLISHED, "melder", action, now)
                published.append(row.id)
            last = (rows[-1][0].created_at, rows[-1][0].id) if len(rows) == CHUNK else None
        return published, last

    # -- the desk: edits, search, versions -------------------------------------------------

    def edit(
        self,
        release_id: str,
        release: Release,
        *,
        actor: str,
        now: datetime,
        expected_revision: int,
    ) -> ReleaseView:
        """Store an editor's change as a new revision; every earlier revision stays as it was.

        `expected_revision` is the revision the editor saw: if someone changed the release
        since, the edit is refused instead of silently overwriting theirs.
        """
        with Session(self.engine) as session, session.begin():
            row = self._row(session, release_id)
            if row.revision != expected_revision:
                raise InvalidTransition(
                    f"release {row.id} changed meanwhile (now revision {row.revision}); "
                    "reload it and edit again"
                )
            row.revision += 1
            row.title = release.title
            row.language = release.language
            row.content_hash = release.content_hash
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
            current = State(row.state)
            target = current if current != State.INVALID else State.QUEUED
            if release.errors:
                target = State.INVALID
            note = "; ".join(f"{p.field}: {p.message}" for p in release.errors) or None
            self._move(session, row, target, actor, "edited", now, note)
            release_id = row.id
        return self.get(release_id)


def _sort_time(release: Release, now: datetime) -> datetime:
    """A release is dated by its own date unless that lies in the future."""
    if release.published_at is not None and release.published_at <= now:
        return release.published_at
    return now


CHUNK = 500  # ids per IN (...) query: well under every database's parameter limit


class _Batch:
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
        self.events: list[dict] = []

    def add(self, release: Release, state: State, existing: dict[str, dict]) -> Saved:
        current = existing.get(release.id)
        if current is not None and current["content_hash"] == release.content_hash:
            return Saved(release.id, "unchanged", State(current["state"]))
        if current is None:
            current = {"state": State.RECEIVED.value, "revision": 0}
            outcome = "new"
        else:
            outcome = "revised"
        revision = current["revision"] + 1
        target = State.INVALID if release.errors else state
        if target not in TRANSITIONS[State(current["state"])]:
            # A new revision of a withdrawn release stays withdrawn until an editor decides.
            target = State(current["state"])
        note = "; ".join(f"{p.field}: {p.message}" for p in release.errors) or None
        row = {
            "id": release.id,
            "state": target.value,
            "revision": revision,
            "title": release.title,
            "language": release.language,
            "content_hash": release.content_hash,
            "changed_at": self.now,
            "reason": note if target in REASONED else None,
        }
        if target == State.APPROVED:
            row["publish_at"] = release.embargo_until
        if outcome == "new":
            row.update(source=release.source, identity=release.identity, created_at=self.now)
            row.setdefault("publish_at", None)
            self.new_rows.append(row)
        else:
            self.changed_rows.append(row)
        existing[release.id] = {
            "state": target.value,
            "revision": revision,
            "content_hash": release.content_hash,
        }
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
        if self.new_rows:
            session.execute(insert(ReleaseRow), self.new_rows)
        for keys, rows in _grouped_by_keys(self.changed_rows).items():
            table = ReleaseRow.__table__
            session.connection().execute(
                update(table)
                .where(table.c.id == bindparam("row_id"))
                .values({key: bindparam(key) for key in keys if key != "id"}),
                [{"row_id": row["id"], **row} for row in rows],
            )
        if self.revisions:
            session.execute(insert(RevisionRow), self.revisions)
        if self.events:
            session.execute(insert(EventRow), self.events)


REASONED = frozenset({State.INVALID, State.REJECTED, State.WITHDRAWN})


def _grouped_by_keys(rows: list[dict]) -> dict[tuple[str, ...], list[dict]]:
    """executemany needs the same columns in every row; approved rows also set publish_at."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return groups
