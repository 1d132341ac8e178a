"""Reading releases: views for the queue, `show` and the desk, a channel's entries, search."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.orm import Session

from pipeline.errors import NotFound
from pipeline.models import Entry, Release, State, Withdrawal, listing_order
from pipeline.store.records import Event, ReleaseView
from pipeline.store.tables import EventRow, MediaUseRow, ReleaseRow, RevisionRow
from pipeline.store.text_search import text_match


class ReleaseQueries:
    """Reading releases: one, a queue, counts, a channel's entries and withdrawals, search."""

    engine: Engine

    def _row(self, session: Session, release_id: str) -> ReleaseRow:
        if not release_id.isprintable():  # ids are hex; PostgreSQL refuses a NUL in a query
            raise NotFound(f"no release with id {release_id!r}; see `melder queue`")
        row = session.get(ReleaseRow, release_id)
        if row is None:
            if len(release_id) < 2:
                raise NotFound(f"id {release_id!r} is too short: give at least 2 characters")
            matches = session.scalars(
                select(ReleaseRow).where(ReleaseRow.id.startswith(release_id)).limit(6)
            ).all()
            if not matches:
                raise NotFound(f"no release with id {release_id!r}; see `melder queue`")
            if len(matches) > 1:
                shown = ", ".join(match.id for match in matches[:5])
                raise NotFound(
                    f"id {release_id!r} fits several releases ({shown}"
                    f"{', …' if len(matches) > 5 else ''}); give more characters"
                )
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
            version=row.version,
            pending=row.pending,
            live_revision=row.published_revision,
            withdrawn_at=row.withdrawn_at,
            duplicate_of=row.duplicate_of,
            public_name=row.public_name,
            updated_at=row.updated_at,
        )

    def revision(self, release_id: str, number: int) -> Release:
        with Session(self.engine) as session:
            return self._release(session, self._row(session, release_id).id, number)

    def queue(
        self, state: State | None = None, source: str | None = None, limit: int = 200
    ) -> list[ReleaseView]:
        return self.search(state=state, source=source, limit=limit)

    def languages(self) -> list[str]:
        """Every language a stored release has, for the queue's filter ("ar", "de", "he", …)."""
        with Session(self.engine) as session:
            found = session.scalars(select(ReleaseRow.language).distinct())
            return sorted({code for code in found if code})

    def counts(
        self, *, source: str | None = None, language: str | None = None, text: str | None = None
    ) -> dict[str, int]:
        """Releases per state (with the filters `search` takes), in one pass over them."""
        with Session(self.engine) as session:
            match = [ReleaseRow.source == source] if source else []
            match += [ReleaseRow.language == language] if language else []
            if text and text.strip():
                match.append(text_match(session, text))
            rows = session.execute(
                select(ReleaseRow.state, func.count()).where(*match).group_by(ReleaseRow.state)
            )
            found = Counter({state: count for state, count in rows})
            # a live release's correction waits for an editor too: it counts as queued
            found[State.QUEUED.value] += session.scalar(
                select(func.count())
                .select_from(ReleaseRow)
                .where(ReleaseRow.pending == State.QUEUED.value, *match)
            )
        return {state.value: found.get(state.value, 0) for state in State}

    def entries(
        self,
        sources: list[str] | None,
        limit: int,
        *,
        withdrawn_since: datetime | None = None,
        after: Entry | None = None,
    ) -> list[Entry]:
        """The live releases of a channel, newest first, at most `limit`; with
        `withdrawn_since`, also (beyond the limit) the ones withdrawn since then, listed by when
        (feeds tell readers about them). `after` continues the live ones behind that live entry
        of an earlier page; withdrawals come with the first page only.

        Each source is read in the order of its index and stops at `limit`, so the cost is
        the same in a store of a thousand releases and of a million.
        """
        with Session(self.engine) as session:
            found: list[tuple[ReleaseRow, str]] = []
            for source in [None] if sources is None else sorted(set(sources)):
                query = _listing(after).where(ReleaseRow.state == State.PUBLISHED.value)
                if source is not None:
                    query = query.where(ReleaseRow.source == source)
                found += session.execute(query.limit(limit)).all()
            found.sort(key=lambda pair: (-pair[0].sort_at.timestamp(), pair[0].id))
            found = found[:limit]
            if withdrawn_since is not None and after is None:
                # the few withdrawn lately, wherever the release stood: a reader must learn of
                # a withdrawal however old the release was (see `listing_order`)
                query = (
                    _with_live_revision()
                    .where(ReleaseRow.sort_at.is_not(None))
                    .where(
                        ReleaseRow.state == State.WITHDRAWN.value,
                        ReleaseRow.withdrawn_at >= withdrawn_since,
                    )
                )
                if sources is not None:
                    query = query.where(ReleaseRow.source.in_(sources))
                found += session.execute(query).all()
            return sorted((_entry(row, data) for row, data in found), key=listing_order)

    def published_ids(self, sources: list[str] | None) -> list[str]:
        """Every live release (of `sources`): what a channel rebuilds after a failed write."""
        with Session(self.engine) as session:
            query = select(ReleaseRow.id).where(ReleaseRow.state == State.PUBLISHED.value)
            if sources is not None:
                query = query.where(ReleaseRow.source.in_(sources))
            return list(session.scalars(query))

    def live_entries(self, ids: list[str], sources: list[str] | None) -> list[Entry]:
        """The live releases among `ids` (of `sources`), in chunks: pages for a whole backlog."""
        found: list[Entry] = []
        for start in range(0, len(ids), 500):
            with Session(self.engine) as session:
                query = (
                    _with_live_revision()
                    .where(ReleaseRow.id.in_(ids[start : start + 500]))
                    .where(ReleaseRow.state == State.PUBLISHED.value)
                )
                if sources is not None:
                    query = query.where(ReleaseRow.source.in_(sources))
                found.extend(_entry(row, data) for row, data in session.execute(query))
        return found

    def withdrawals(self, sources: list[str] | None, limit: int) -> list[Withdrawal]:
        """Withdrawn releases that had been published, most recently withdrawn first."""
        with Session(self.engine) as session:
            rows: list[ReleaseRow] = []
            for source in [None] if sources is None else sorted(set(sources)):
                query = (
                    select(ReleaseRow)
                    .where(ReleaseRow.state == State.WITHDRAWN.value)
                    .where(ReleaseRow.public_name.is_not(None))
                    .order_by(ReleaseRow.withdrawn_at.desc(), ReleaseRow.id)
                    .limit(limit)
                )
                if source is not None:
                    query = query.where(ReleaseRow.source == source)
                rows += session.scalars(query)
            rows.sort(key=lambda row: (-(row.withdrawn_at or row.changed_at).timestamp(), row.id))
            return [
                Withdrawal(
                    release_id=row.id,
                    title=row.title,
                    language=row.language,
                    public_name=row.public_name,
                    withdrawn_at=row.withdrawn_at or row.changed_at,
                )
                for row in rows[:limit]
            ]

    def media_in_use(self, shas: list[str], excluding: list[str]) -> set[str]:
        """Which of `shas` a published release (other than `excluding`) shows or showed."""
        if not shas:
            return set()
        with Session(self.engine) as session:
            query = (
                select(MediaUseRow.sha256)
                .join(ReleaseRow, ReleaseRow.id == MediaUseRow.release_id)
                .where(MediaUseRow.sha256.in_(sorted(set(shas))))
                .where(ReleaseRow.state == State.PUBLISHED.value)
                .where(ReleaseRow.id.not_in(excluding))
                .distinct()
            )
            return set(session.scalars(query))

    def public_names(self) -> dict[str, str]:
        with Session(self.engine) as session:
            rows = session.execute(
                select(ReleaseRow.id, ReleaseRow.public_name).where(
                    ReleaseRow.public_name.is_not(None)
                )
            )
            return {release_id: name for release_id, name in rows}

    def due_count(self, now: datetime) -> int:
        """Approved revisions whose time has come: what the embargo job checks every minute."""
        with Session(self.engine) as session:
            return sum(
                session.scalar(
                    select(func.count())
                    .select_from(ReleaseRow)
                    .where(column == State.APPROVED.value)
                    .where(or_(ReleaseRow.publish_at.is_(None), ReleaseRow.publish_at <= now))
                )
                for column in (ReleaseRow.state, ReleaseRow.pending)
            )

    def version(self, release_id: str) -> int:
        """Changes with every revision and every decision: what a decision must name."""
        with Session(self.engine) as session:
            return self._row(session, release_id).version

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
        after: tuple[datetime, str] | None = None,
        before: tuple[datetime, str] | None = None,
    ) -> list[ReleaseView]:
        """The queue with filters, newest first (arrival, then id); `text` searches title,
        teaser and body. `after` (arrival, id) of a listed release gives the page behind it,
        `before` the page in front of it, still newest first: keyset pages, never an OFFSET.

        "Waiting" is two states (a new release, or a live one's correction): each is read
        newest first along its own index and the two are merged, never sorted whole.
        """
        backwards = before is not None and after is None
        order = (ReleaseRow.created_at, ReleaseRow.id)
        query = select(ReleaseRow).order_by(
            *(column.asc() if backwards else column.desc() for column in order)
        )
        if after is not None:
            query = query.where(_behind(after))
        elif before is not None:
            query = query.where(_in_front(before))
        if source:
            query = query.where(ReleaseRow.source == source)
        if language:
            query = query.where(ReleaseRow.language == language)
        with Session(self.engine) as session:
            if text and text.strip():
                query = query.where(text_match(session, text))
            if state is None:
                queries = [query]
            elif state == State.QUEUED:
                queries = [
                    query.where(ReleaseRow.state == state.value),
                    query.where(ReleaseRow.pending == state.value),
                ]
            else:
                queries = [query.where(ReleaseRow.state == state.value)]
            rows = {row.id: row for q in queries for row in session.scalars(q.limit(limit))}
            chosen = sorted(rows.values(), key=lambda row: (row.created_at, row.id))
            chosen = chosen[:limit] if backwards else chosen[::-1][:limit]
            newest = sorted(chosen, key=lambda row: (row.created_at, row.id), reverse=True)
            return [self._view(session, row) for row in newest]

    def count(
        self,
        *,
        state: State | None = None,
        source: str | None = None,
        language: str | None = None,
        text: str | None = None,
    ) -> int:
        """How many releases `search` finds with these filters (all pages)."""
        query = select(func.count()).select_from(ReleaseRow)
        if source:
            query = query.where(ReleaseRow.source == source)
        if language:
            query = query.where(ReleaseRow.language == language)
        with Session(self.engine) as session:
            if text and text.strip():
                query = query.where(text_match(session, text))
            if state is None:
                return session.scalar(query) or 0
            found = session.scalar(query.where(ReleaseRow.state == state.value)) or 0
            if state == State.QUEUED:
                found += session.scalar(query.where(ReleaseRow.pending == state.value)) or 0
            return found


def _behind(key: tuple[datetime, str]):
    at, release_id = key
    return or_(
        ReleaseRow.created_at < at, and_(ReleaseRow.created_at == at, ReleaseRow.id < release_id)
    )


def _in_front(key: tuple[datetime, str]):
    at, release_id = key
    return or_(
        ReleaseRow.created_at > at, and_(ReleaseRow.created_at == at, ReleaseRow.id > release_id)
    )


def _with_live_revision():
    """Releases with the data of the revision readers see."""
    return select(ReleaseRow, RevisionRow.data).join(
        RevisionRow,
        (RevisionRow.release_id == ReleaseRow.id)
        & (RevisionRow.number == ReleaseRow.published_revision),
    )


def _listing(after: Entry | None):
    """Rows of a channel in its order (newest first) with the data of the revision shown."""
    query = (
        _with_live_revision()
        .where(ReleaseRow.sort_at.is_not(None))
        .order_by(ReleaseRow.sort_at.desc(), ReleaseRow.id)
    )
    if after is not None:
        query = query.where(
            ReleaseRow.sort_at <= after.sort_at,
            or_(ReleaseRow.sort_at < after.sort_at, ReleaseRow.id > after.release.id),
        )
    return query


def _entry(row: ReleaseRow, data: str) -> Entry:
    withdrawn = row.state == State.WITHDRAWN.value
    return Entry(
        release=Release.model_validate_json(data),
        state=State(row.state),
        revision=row.published_revision,
        first_published_at=row.first_published_at,
        updated_at=row.withdrawn_at if withdrawn else row.updated_at,
        public_name=row.public_name,
        withdrawn_at=row.withdrawn_at if withdrawn else None,
        sort_at=row.sort_at,
    )
