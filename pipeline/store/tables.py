"""The database schema (SQLAlchemy 2). Alembic migrations in pipeline/migrations follow it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
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
        # Each hot query reads one of these in its own order and stops at its LIMIT, so its
        # cost does not grow with history (tests/store/test_query_plans.py holds them to it).
        # Arrival order: the queue (read backwards) and publishing (forwards).
        Index("ix_releases_created", "created_at", "id"),
        Index("ix_releases_state_created", "state", "created_at", "id"),
        Index("ix_releases_pending_created", "pending", "created_at", "id"),
        Index("ix_releases_source_created", "source", "created_at", "id"),
        # A channel's order, newest first: of all sources, of one source, and withdrawals.
        Index("ix_releases_listing", "state", text("sort_at DESC"), "id"),
        Index("ix_releases_source_listing", "state", "source", text("sort_at DESC"), "id"),
        Index("ix_releases_withdrawn", "state", text("withdrawn_at DESC"), "id"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    source: Mapped[str] = mapped_column(String(200))
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
    # Every change (revision or decision) adds one: a decision is written only while the
    # version is still the one its actor saw (compare-and-swap in the UPDATE's WHERE).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # While a revision is live, the review state of a newer one (queued, approved, rejected,
    # invalid); None when the newest revision is the live one or nothing is live.
    pending: Mapped[str | None] = mapped_column(String(20), nullable=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    duplicate_of: Mapped[str | None] = mapped_column(String(32), nullable=True)


class FingerprintRow(Base):
    """A release's text fingerprint: an exact hash and a MinHash signature for near-duplicates."""

    __tablename__ = "fingerprints"

    release_id: Mapped[str] = mapped_column(ForeignKey("releases.id"), primary_key=True)
    source: Mapped[str] = mapped_column(String(200))
    exact: Mapped[str] = mapped_column(String(64), index=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class FingerprintBandRow(Base):
    """One LSH band of a signature: releases sharing a bucket are candidates for a comparison.
    `bucket` is the band's hash with the band folded in (`duplicates.bucket_key`)."""

    __tablename__ = "fingerprint_bands"
    __table_args__ = (Index("ix_fingerprint_bands_bucket", "bucket"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bucket: Mapped[int] = mapped_column(BigInteger)
    # no index of its own: a release's rows are found by its signature's buckets
    release_id: Mapped[str] = mapped_column(ForeignKey("releases.id"))


class RevisionRow(Base):
    """Every version of a release's content, append-only."""

    __tablename__ = "revisions"
    # a release's revisions are found by this index (release_id first): no second one
    __table_args__ = (UniqueConstraint("release_id", "number", name="uq_revision_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    release_id: Mapped[str] = mapped_column(ForeignKey("releases.id"))
    number: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)  # Release as JSON
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    actor: Mapped[str] = mapped_column(String(200))


class MediaUseRow(Base):
    """Which release's revisions carry which kept media file: a withdrawn release's photo
    leaves the portal unless a published release still shows it. Append-only."""

    __tablename__ = "release_media"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    release_id: Mapped[str] = mapped_column(ForeignKey("releases.id"))


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
    __table_args__ = (
        Index("ix_runs_job_started", "job", "started_at"),
        Index("ix_runs_latest", "job", "target", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job: Mapped[str] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(String(200), nullable=True)
    started_at: Mapped[datetime] = mapped_column(AwareDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    outcome: Mapped[str] = mapped_column(String(20))
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)


class DeliveryRow(Base):
    """One webhook delivery: what a portal is sent about one release, and how it went."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("channel", "url", "release_id", "event", "revision", name="uq_delivery"),
        Index("ix_deliveries_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(Text)
    release_id: Mapped[str] = mapped_column(String(32))
    event: Mapped[str] = mapped_column(String(20))  # published | updated | withdrawn
    revision: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)  # the exact JSON that is signed and sent
    status: Mapped[str] = mapped_column(String(20))  # pending | delivered | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    last_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)


# --- the web app: desk users, API tokens, idempotent submissions ------------------------------


class UserRow(Base):
    """A desk user. Only an argon2 hash of the password is kept."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # editor | admin
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    disabled_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)


class DeskSessionRow(Base):
    """A desk login: the cookie carries a random id, the store keeps its SHA-256 digest.

    Deleting the row ends the session at once (logout, password change, a disabled user)."""

    __tablename__ = "desk_sessions"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    expires_at: Mapped[datetime] = mapped_column(AwareDateTime())


class ApiTokenRow(Base):
    """A source's submission token: shown once, kept only as a SHA-256 digest, revocable."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(200), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(20))  # the first characters, to tell tokens apart
    label: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)


class IdempotencyRow(Base):
    """The answer given to one (token, Idempotency-Key): a retry gets it again, nothing new."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("token_id", "key", name="uq_idempotency_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("api_tokens.id"))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())


class SourceHealthRow(Base):
    """How a source has been doing: one row per source, updated after every attempt."""

    __tablename__ = "source_health"

    source: Mapped[str] = mapped_column(String(200), primary_key=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    last_success_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    last_new_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_error_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    backoff_until: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)


class HttpValidatorRow(Base):
    """The ETag / Last-Modified a source last stored content for, per URL (conditional GET)."""

    __tablename__ = "http_validators"
    __table_args__ = (UniqueConstraint("source", "url_hash", name="uq_http_validator"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(200))
    url_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the URL: URLs may be long
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(String(100), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(AwareDateTime())
