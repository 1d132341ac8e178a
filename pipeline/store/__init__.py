"""The store: releases, their revisions, the audit trail and the run history.

Nothing is deleted: a changed input adds a revision, a decision adds an event. Every write is
one short transaction, so `melder serve` and `melder run` can share a SQLite file (WAL).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete, func, insert, or_, select, tuple_, update
from sqlalchemy.orm import Session

from pipeline.errors import InvalidTransition, NotFound
from pipeline.models import TRANSITIONS, Entry, Release, State, Withdrawal
from pipeline.store.engine import open_engine
from pipeline.store.tables import EventRow, InputRow, ReleaseRow, RevisionRow, RunRow


@dataclass(frozen=True)
class Saved:
    release_id: str
    outcome: str  # new | revised | unchanged
    state: State


@dataclass(frozen=True)
class Event:
    at: datetime
    actor: str
    action: str
    from_state: str | None
    to_state: str
    revision: int
    note: str | None


@dataclass(frozen=True)
class ReleaseView:
    """A release with its lifecycle, as the queue, `show` and the desk present it."""

    release: Release
    state: State
    revision: int
    created_at: datetime
    changed_at: datetime
    publish_at: datetime | None
    first_published_at: datetime | None
    reason: str | None
    events: tuple[Event, ...] = ()
    revisions: tuple[int, ...] = ()


class Store:
    def __init__(self, url: str):
        self.engine = open_engine(url)

    def close(self) -> None:
        self.engine.dispose()

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

    def _row(self, session: Session, release_id: str) -> ReleaseRow:
        row = session.get(ReleaseRow, release_id)
        if row is None:
            matches = session.scalars(
                select(ReleaseRow).where(ReleaseRow.id.startswith(release_id)).limit(2)
            ).all()
            if len(matches) != 1 or len(release_id) < 4:
                raise NotFound(f"no release with id {release_id!r}; see `melder queue`")
            row = matches[0]
        return row

    def _release(self, session: Session, release_id: str, number: int) -> Release:
        data = session.scalar(
            select(RevisionRow.data).where(
                RevisionRow.release_id == release_id, RevisionRow.number == number
            )
        )
        return Release.model_validate_json(data)

    def get(self, release_id: str, *, history: bool = True) -> ReleaseView:
        with Session(self.engine) as session:
            row = self._row(session, release_id)
            events: tuple[Event, ...] = ()
            revisions: tuple[int, ...] = ()
            if history:
                events = tuple(
                    Event(e.at, e.actor, e.action, e.from_state, e.to_state, e.revision, e.note)
                    for e in session.scalars(
                        select(EventRow).where(EventRow.release_id == row.id).order_by(EventRow.id)
                    )
                )
                revisions = tuple(range(1, row.revision + 1))
            return self._view(session, row, events, revisions)

    def _view(self, session, row, events=(), revisions=()) -> ReleaseView:
        return ReleaseView(
            release=self._release(session, row.id, row.revision),
            state=State(row.state),
            revision=row.revision,
            created_at=row.created_at,
            changed_at=row.changed_at,
            publish_at=row.publish_at,
            first_published_at=row.first_published_at,
            reason=row.reason,
            events=events,
            revisions=revisions,
        )

    def revision(self, release_id: str, number: int) -> Release:
        with Session(self.engine) as session:
            return self._release(session, self._row(session, release_id).id, number)

    def queue(
        self, state: State | None = None, source: str | None = None, limit: int = 200
    ) -> list[ReleaseView]:
        with Session(self.engine) as session:
            query = select(ReleaseRow).order_by(ReleaseRow.created_at.desc(), ReleaseRow.id)
            if state is not None:
                query = query.where(ReleaseRow.state == state.value)
            if source is not None:
                query = query.where(ReleaseRow.source == source)
            return [self._view(session, row) for row in session.scalars(query.limit(limit))]

    def counts(self) -> dict[str, int]:
        with Session(self.engine) as session:
            rows = session.execute(
                select(ReleaseRow.state, func.count()).group_by(ReleaseRow.state)
            )
            found = Counter({state: count for state, count in rows})
        return {state.value: found.get(state.value, 0) for state in State}

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

    def entries(self, sources: list[str] | None, limit: int) -> list[Entry]:
        """The live releases of a channel, newest first, at most `limit`."""
        with Session(self.engine) as session:
            query = (
                select(ReleaseRow, RevisionRow.data)
                .join(
                    RevisionRow,
                    (RevisionRow.release_id == ReleaseRow.id)
                    & (RevisionRow.number == ReleaseRow.published_revision),
                )
                .where(ReleaseRow.sort_at.is_not(None))
                .where(ReleaseRow.state != State.WITHDRAWN.value)
                .order_by(ReleaseRow.sort_at.desc(), ReleaseRow.id)
                .limit(limit)
            )
            if sources is not None:
                query = query.where(ReleaseRow.source.in_(sources))
            return [
                Entry(
                    release=Release.model_validate_json(data),
                    state=State(row.state),
                    revision=row.published_revision,
                    first_published_at=row.first_published_at,
                    updated_at=row.updated_at,
                    public_name=row.public_name,
                )
                for row, data in session.execute(query)
            ]

    def withdrawals(self, sources: list[str] | None, limit: int) -> list[Withdrawal]:
        """Withdrawn releases that had been published, most recently withdrawn first."""
        with Session(self.engine) as session:
            query = (
                select(ReleaseRow)
                .where(ReleaseRow.state == State.WITHDRAWN.value)
                .where(ReleaseRow.public_name.is_not(None))
                .order_by(ReleaseRow.changed_at.desc(), ReleaseRow.id)
                .limit(limit)
            )
            if sources is not None:
                query = query.where(ReleaseRow.source.in_(sources))
            return [
                Withdrawal(
                    release_id=row.id,
                    title=row.title,
                    language=row.language,
                    public_name=row.public_name,
                    withdrawn_at=row.changed_at,
                )
                for row in session.scalars(query)
            ]

    def public_names(self) -> dict[str, str]:
        with Session(self.engine) as session:
            rows = session.execute(
                select(ReleaseRow.id, ReleaseRow.public_name).where(
                    ReleaseRow.public_name.is_not(None)
                )
            )
            return {release_id: name for release_id, name in rows}

    # -- runs ---------------------------------------------------------------------------------

    def record_run(
        self,
        job: str,
        target: str | None,
        started_at: datetime,
        finished_at: datetime,
        outcome: str,
        counts: dict,
        error: str | None = None,
    ) -> None:
        with Session(self.engine) as session, session.begin():
            session.add(
                RunRow(
                    job=job,
                    target=target,
                    started_at=started_at,
                    finished_at=finished_at,
                    outcome=outcome,
                    counts=counts,
                    error=error,
                )
            )

    def last_job_runs(self) -> dict[str, datetime]:
        """When each scheduled job last started (job names without the `job:` prefix)."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(RunRow.job, func.max(RunRow.started_at))
                .where(RunRow.job.startswith("job:"))
                .group_by(RunRow.job)
            )
            return {job.removeprefix("job:"): started for job, started in rows}

    def trim_runs(self, *, before: datetime) -> int:
        """Forget run records older than `before` (releases and their history stay)."""
        with Session(self.engine) as session, session.begin():
            result = session.execute(delete(RunRow).where(RunRow.started_at < before))
            return result.rowcount or 0

    def due_count(self, now: datetime) -> int:
        with Session(self.engine) as session:
            return session.scalar(
                select(func.count())
                .select_from(ReleaseRow)
                .where(ReleaseRow.state == State.APPROVED.value)
                .where(or_(ReleaseRow.publish_at.is_(None), ReleaseRow.publish_at <= now))
            )

    def last_runs(self) -> list[RunRow]:
        """The latest run of every (job, target)."""
        with Session(self.engine) as session:
            latest = (
                select(func.max(RunRow.id)).group_by(RunRow.job, RunRow.target).scalar_subquery()
            )
            rows = session.scalars(
                select(RunRow).where(RunRow.id.in_(latest)).order_by(RunRow.job, RunRow.target)
            ).all()
            session.expunge_all()
            return list(rows)

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

    def version(self, release_id: str) -> str:
        """Changes with every revision and every decision: the desk's optimistic lock."""
        with Session(self.engine) as session:
            row = self._row(session, release_id)
            events = session.scalar(
                select(func.count()).select_from(EventRow).where(EventRow.release_id == row.id)
            )
            return f"{row.revision}.{events}"

    def public_name(self, release_id: str) -> str | None:
        with Session(self.engine) as session:
            return self._row(session, release_id).public_name

    def search(
        self,
        *,
        state: State | None = None,
        source: str | None = None,
        language: str | None = None,
        text: str | None = None,
        limit: int = 200,
    ) -> list[ReleaseView]:
        """The queue with filters, newest first; `text` searches title, teaser and body."""
        query = select(ReleaseRow).order_by(ReleaseRow.created_at.desc(), ReleaseRow.id)
        if state is not None:
            query = query.where(ReleaseRow.state == state.value)
        if source:
            query = query.where(ReleaseRow.source == source)
        if language:
            query = query.where(ReleaseRow.language == language)
        with Session(self.engine) as session:
            if text and text.strip():
                query = query.where(_text_match(session, text))
            return [self._view(session, row) for row in session.scalars(query.limit(limit))]


def _sort_time(release: Release, now: datetime) -> datetime:
    """A release is dated by its own date unless that lies in the future."""
    if release.published_at is not None and release.published_at <= now:
        return release.published_at
    return now


def _text_match(session: Session, text: str):
    """SQLite: the FTS5 index kept by a trigger (each word as a quoted prefix, so no user input
    is read as FTS syntax); other databases: a case-insensitive match on the title."""
    if session.get_bind().dialect.name != "sqlite":
        return ReleaseRow.title.ilike(f"%{text.strip()}%")
    words = [word.replace('"', "") for word in text.split()]
    phrase = " ".join(f'"{word}"*' for word in words if word)
    if not phrase:
        return ReleaseRow.id.is_(None)
    from sqlalchemy import text as text_clause

    matching = text_clause(
        "SELECT release_id FROM release_search WHERE release_search MATCH :phrase"
    ).bindparams(phrase=phrase)
    return ReleaseRow.id.in_(matching)


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
