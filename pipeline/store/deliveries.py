"""The webhook delivery queue: kept in the store so a restart loses none and sends none twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline.store.tables import DeliveryRow


@dataclass(frozen=True)
class Delivery:
    id: int
    channel: str
    url: str
    release_id: str
    event: str
    revision: int
    body: str
    status: str
    attempts: int
    next_attempt_at: datetime | None
    last_status: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


def _delivery(row: DeliveryRow) -> Delivery:
    return Delivery(
        row.id, row.channel, row.url, row.release_id, row.event, row.revision, row.body,
        row.status, row.attempts, row.next_attempt_at, row.last_status, row.last_error,
        row.created_at, row.delivered_at,
    )  # fmt: skip


class DeliveryQueue:
    """Mixed into `Store`: enqueue once per (channel, url, release, event, revision)."""

    engine: object

    def enqueue_delivery(
        self, channel: str, url: str, release_id: str, event: str, revision: int, body: str,
        now: datetime,
    ) -> bool:  # fmt: skip
        """False when that delivery exists already (a publish that ran again)."""
        row = DeliveryRow(
            channel=channel, url=url, release_id=release_id, event=event, revision=revision,
            body=body, status="pending", attempts=0, next_attempt_at=now, created_at=now,
        )  # fmt: skip
        try:
            with Session(self.engine) as session, session.begin():
                session.add(row)
        except IntegrityError:
            return False
        return True

    def due_deliveries(self, now: datetime, limit: int = 100) -> list[Delivery]:
        with Session(self.engine) as session:
            rows = session.scalars(
                select(DeliveryRow)
                .where(DeliveryRow.status == "pending", DeliveryRow.next_attempt_at <= now)
                .order_by(DeliveryRow.id)
                .limit(limit)
            )
            return [_delivery(row) for row in rows]

    def deliveries(self, status: str | None = None, limit: int = 100) -> list[Delivery]:
        with Session(self.engine) as session:
            query = select(DeliveryRow).order_by(DeliveryRow.id.desc()).limit(limit)
            if status:
                query = query.where(DeliveryRow.status == status)
            return [_delivery(row) for row in session.scalars(query)]

    def delivery_counts(self) -> dict[str, int]:
        """How many webhook deliveries are pending, delivered and failed."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(DeliveryRow.status, func.count()).group_by(DeliveryRow.status)
            )
            found = dict(rows.all())
        return {status: found.get(status, 0) for status in ("pending", "delivered", "failed")}

    def stalled_deliveries(self) -> list[dict]:
        """Per channel, the deliveries still pending after a failed try (a receiver that
        answers 5xx, a secret variable that is not set): how many, the most tries, the next
        try and the newest error."""
        stuck = (DeliveryRow.status == "pending", DeliveryRow.last_error.is_not(None))
        with Session(self.engine) as session:
            groups = session.execute(
                select(
                    DeliveryRow.channel,
                    func.count(),
                    func.max(DeliveryRow.attempts),
                    func.min(DeliveryRow.next_attempt_at),
                    func.max(DeliveryRow.id),
                )
                .where(*stuck)
                .group_by(DeliveryRow.channel)
                .order_by(DeliveryRow.channel)
            ).all()
            return [
                {
                    "channel": channel,
                    "deliveries": count,
                    "attempts": attempts,
                    "next_attempt_at": next_at,
                    "last_error": session.get(DeliveryRow, newest).last_error,
                }
                for channel, count, attempts, next_at, newest in groups
            ]

    def record_attempt(
        self, delivery_id: int, *, status: str, http_status: int | None, error: str | None,
        next_attempt_at: datetime | None, now: datetime,
    ) -> None:  # fmt: skip
        with Session(self.engine) as session, session.begin():
            session.execute(
                update(DeliveryRow)
                .where(DeliveryRow.id == delivery_id)
                .values(
                    status=status,
                    attempts=DeliveryRow.attempts + 1,
                    last_status=http_status,
                    last_error=error,
                    next_attempt_at=next_attempt_at,
                    delivered_at=now if status == "delivered" else None,
                )
            )

    def replay_delivery(self, delivery_id: int, now: datetime) -> Delivery | None:
        """Send one delivery again at the next chance, whatever became of it."""
        with Session(self.engine) as session, session.begin():
            row = session.get(DeliveryRow, delivery_id)
            if row is None:
                return None
            row.status, row.next_attempt_at = "pending", now
            session.flush()
            return _delivery(row)
