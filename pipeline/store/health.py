"""Source health as the store keeps it: one row per source, updated after every attempt."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline.config import SourceConfig
from pipeline.ingest.health import FIELDS, SourceHealth, after_attempt, backoff_base
from pipeline.store.tables import SourceHealthRow


class HealthBook:
    """Source health kept in the store's database."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def get(self, source: str) -> SourceHealth:
        with Session(self.engine) as session:
            row = session.get(SourceHealthRow, source)
            return _health(row) if row else SourceHealth(source=source)

    def all(self) -> dict[str, SourceHealth]:
        with Session(self.engine) as session:
            rows = session.scalars(select(SourceHealthRow).order_by(SourceHealthRow.source))
            return {row.source: _health(row) for row in rows}

    def record(
        self,
        source: str,
        config: SourceConfig | None,
        *,
        now: datetime,
        error: str | None,
        new: int,
    ) -> SourceHealth:
        health = after_attempt(
            self.get(source), now=now, error=error, new=new, base=backoff_base(config)
        )
        with Session(self.engine) as session, session.begin():
            row = session.get(SourceHealthRow, source) or SourceHealthRow(source=source)
            for name in FIELDS:
                setattr(row, name, getattr(health, name))
            session.add(row)
        return health

    def arrived(self, source: str, *, now: datetime) -> None:
        """A release came in by itself (a submission, the API): the source is alive, whatever
        its last fetch said, so `status --check` does not call it silent."""
        try:
            self._note_arrival(source, now)
        except IntegrityError:
            # another request's arrival made the source's first row at the same moment
            self._note_arrival(source, now)

    def _note_arrival(self, source: str, now: datetime) -> None:
        with Session(self.engine) as session, session.begin():
            row = session.get(SourceHealthRow, source)
            if row is None:
                row = SourceHealthRow(source=source, consecutive_failures=0)
                session.add(row)
            row.last_new_at = now


def _health(row: SourceHealthRow) -> SourceHealth:
    return SourceHealth(**{name: getattr(row, name) for name in FIELDS})
