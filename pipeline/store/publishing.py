"""Publishing in the store: approved revisions become live at the first publish after their time."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy import false, func, or_, select, tuple_, update
from sqlalchemy.orm import Session

from pipeline.models import Release, State
from pipeline.store.batch import CHUNK
from pipeline.store.queries import ReleaseQueries
from pipeline.store.tables import EventRow, ReleaseRow, RevisionRow


class ReleasePublishing(ReleaseQueries):
    """Making approved revisions live when their time has come, and what still waits."""

    # -- publishing ---------------------------------------------------------------------------

    def publish_due(
        self,
        now: datetime,
        public_name,
        sources: list[str] | None = None,
        progress=None,
        accepts=None,
    ) -> list[str]:
        """Make every approved revision whose time has come live; returns the release ids.

        `public_name(release, row_id)` gives the file name a release keeps forever. `sources`
        limits this to releases some channel takes (None: all), and `accepts(release)` to those
        some channel's filters let through; the others stay approved.
        """
        published: list[str] = []
        total = self.due_count(now) if progress else 0
        with Session(self.engine) as session:
            listed_last = session.scalar(select(func.max(ReleaseRow.sort_at)))
        # new releases, then corrections of live ones: each walked along its own index in
        # chunks, so a backlog of any size goes out in bounded memory and time per release
        for kind in ("state", "pending"):
            after: tuple | None = None
            while True:
                chunk, after = self._publish_chunk(
                    now, public_name, sources, kind, after, accepts, listed_last
                )
                published.extend(chunk)
                if progress:
                    progress("the queue", len(published), max(total, len(published)))
                if after is None:
                    break
        return published

    def _publish_chunk(
        self,
        now: datetime,
        public_name,
        sources,
        kind,
        after: tuple | None,
        accepts=None,
        listed_last: datetime | None = None,
    ):
        with Session(self.engine) as session, session.begin():
            _write_lock(session)
            query = (
                select(ReleaseRow, RevisionRow.data)
                .join(
                    RevisionRow,
                    (RevisionRow.release_id == ReleaseRow.id)
                    & (RevisionRow.number == ReleaseRow.revision),
                )
                .where(getattr(ReleaseRow, kind) == State.APPROVED.value)
                .where(or_(ReleaseRow.publish_at.is_(None), ReleaseRow.publish_at <= now))
                .order_by(ReleaseRow.created_at, ReleaseRow.id)
                .limit(CHUNK)
            )
            if kind == "pending":
                query = query.where(ReleaseRow.state == State.PUBLISHED.value)
            if sources is not None:
                query = query.where(ReleaseRow.source.in_(sources))
            if after is not None:
                query = query.where(tuple_(ReleaseRow.created_at, ReleaseRow.id) > after)
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(of=ReleaseRow)
            rows = session.execute(query).all()
            published = []
            for row, data in rows:
                release = Release.model_validate_json(data)
                if release.embargo_until is not None and release.embargo_until > now:
                    continue
                if accepts is not None and not accepts(release):
                    continue  # no channel's filters take it: live, it would be on no feed
                if row.first_published_at is None:
                    row.first_published_at = now
                    row.sort_at = _sort_time(release, now, listed_last)
                    row.public_name = public_name(release, row.id)
                    action = "published"
                elif row.state == State.PUBLISHED.value:
                    action = "updated"  # a correction of a live release goes live
                else:
                    action = "republished"
                    # listed anew, as a release going out late is: with the notice gone, a
                    # feed whose window it had left would otherwise keep no word of it
                    row.sort_at = _sort_time(release, now, listed_last)
                session.add(
                    EventRow(
                        release_id=row.id,
                        at=now,
                        actor="melder",
                        action=action,
                        from_state=row.state,
                        to_state=State.PUBLISHED.value,
                        revision=row.revision,
                        note=None,
                    )
                )
                row.state, row.pending, row.reason = State.PUBLISHED.value, None, None
                row.withdrawn_at = None
                row.updated_at = row.changed_at = now
                row.published_revision = row.revision
                row.version += 1
                published.append(row.id)
            last = (rows[-1][0].created_at, rows[-1][0].id) if len(rows) == CHUNK else None
        return published, last

    def waiting(
        self, now: datetime, sources: list[str] | None = None
    ) -> list[tuple[str, datetime | None]]:
        """Approved revisions that are not live yet: (release id, when it may go out).

        With `sources`, only the releases that no channel takes (they wait for a channel).
        """
        found: list[tuple[str, datetime | None]] = []
        with Session(self.engine) as session:
            # new releases and corrections, each along its own index: never the live ones
            for column in (ReleaseRow.state, ReleaseRow.pending):
                query = select(ReleaseRow.id, ReleaseRow.publish_at).where(
                    column == State.APPROVED.value
                )
                if sources is not None:
                    query = query.where(ReleaseRow.source.not_in(sources))
                found += [(release_id, at) for release_id, at in session.execute(query)]
        unscheduled = datetime.min.replace(tzinfo=UTC)  # no time of their own: first
        return sorted(found, key=lambda item: (item[1] or unscheduled, item[0]))


def _write_lock(session: Session) -> None:
    """SQLite: take the write lock before reading. In WAL mode a transaction that read an older
    snapshot cannot become a writer once another process wrote; taken first, the read is fresh.
    PostgreSQL locks the rows it reads instead (`FOR UPDATE`)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(ReleaseRow).where(false()).values(version=ReleaseRow.version))


# A year is log2 ≈ 25 → 0.7 s; releases two months old three hours apart are 87 µs apart, a
# year old an hour apart 5 µs: a backlog going out at once keeps its order.
AGE_MARK_SCALE = 28_000
MAX_AGE_MARK = 999_999  # microseconds: less than the time between two publishes
ROOM_FOR_MARKS = timedelta(microseconds=MAX_AGE_MARK + 1)


def _sort_time(release: Release, now: datetime, listed_last: datetime | None = None) -> datetime:
    """Where a channel lists a release: when it went out, so that a release approved after
    newer ones (an embargo, a long review) still enters every feed's window and a portal
    learns of it. Within one publish, the newer own date comes first: the release's age sets
    a mark of less than a second before the moment (on a log scale, minutes to years), kept
    after `listed_last`, the latest place an earlier publish gave (a publish a moment after
    another still lists its releases above that one's)."""
    if release.published_at is None:
        return now
    age = (now - release.published_at).total_seconds()
    mark = min(MAX_AGE_MARK, round(AGE_MARK_SCALE * math.log2(1 + abs(age))))
    if listed_last is not None and timedelta(0) < now - listed_last < ROOM_FOR_MARKS:
        room = (now - listed_last) // timedelta(microseconds=1) - 1
        mark = mark * room // (MAX_AGE_MARK + 1)
    return now - timedelta(microseconds=mark if age >= 0 else -mark)
