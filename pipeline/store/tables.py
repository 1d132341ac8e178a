"""The database schema (SQLAlchemy 2). Alembic migrations in pipeline/migrations follow it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class AwareDateTime(TypeDecorator):
    """Stores UTC, hands back tz-aware datetimes on every database (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; Melder keeps time zone-aware")
        from datetime import UTC

        return value.astimezone(UTC).replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        from datetime import UTC

        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class ReleaseRow(Base):
    """One release at one source: its current state and public life. Never deleted."""

    __tablename__ = "releases"
    __table_args__ = (
        UniqueConstraint("source", "identity", name="uq_release_identity"),
        Index("ix_releases_state_sort", "state", "sort_at"),
        Index("ix_releases_sort", "sort_at"),
        Index("ix_releases_created", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    source: Mapped[str] = mapped_column(String(200), index=True)
    identity: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20))
    revision: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(12))
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    changed_at: Mapped[datetime] = mapped_column(AwareDateTime())
    publish_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    published_revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    first_published_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    sort_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    public_name: Mapped[str | None] = mapped_column(String(200), nullable=True, unique=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class RevisionRow(Base):
    """Every version of a release's content, append-only."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("release_id", "number", name="uq_revision_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    release_id: Mapped[str] = mapped_column(ForeignKey("releases.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)  # Release as JSON
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    actor: Mapped[str] = mapped_column(String(200))


class EventRow(Base):
    """The audit trail: who did what to which release, when. Append-only."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    release_id: Mapped[str] = mapped_column(ForeignKey("releases.id"), index=True)
    at: Mapped[datetime] = mapped_column(AwareDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(20), nullable=True)
    to_state: Mapped[str] = mapped_column(String(20))
    revision: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class InputRow(Base):
    """Inputs already read per source location, so a re-run skips what did not change."""

    __tablename__ = "inputs"
    __table_args__ = (UniqueConstraint("source", "locator", name="uq_input_locator"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(200))
    locator: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    release_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    seen_at: Mapped[datetime] = mapped_column(AwareDateTime())


class RunRow(Base):
    """One run of a job or a source: what it did and how it ended."""

    __tablename__ = "runs"
    __table_args__ = (Index("ix_runs_job_started", "job", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job: Mapped[str] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(String(200), nullable=True)
    started_at: Mapped[datetime] = mapped_column(AwareDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    outcome: Mapped[str] = mapped_column(String(20))
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
