"""`Idempotency-Key`: the first answer to (token, key) is kept, and a retry gets it again.

The key is claimed before the submission is read: of two requests with one key at the same
moment, exactly one is processed; the other gets 409 (another body) or is asked to retry (the
same body, its answer not yet known), and nothing is stored for it.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline.store.tables import IdempotencyRow

PENDING = 0  # the status of a claimed key whose answer is being made


class KeyReused(Exception):
    """The key was used before for a request with other content."""


class InProgress(Exception):
    """A request with this key and this content is being processed right now."""


def replay(engine: Engine, token_id: int, key: str, fingerprint: str) -> tuple[int, dict] | None:
    """The answer given to this key before, or None; `KeyReused` for a different request,
    `InProgress` while the first request with it is still being processed."""
    with Session(engine) as session:
        row = session.scalar(
            select(IdempotencyRow).where(
                IdempotencyRow.token_id == token_id, IdempotencyRow.key == key
            )
        )
        if row is None:
            return None
        if row.request_hash != fingerprint:
            raise KeyReused(key)
        if row.status == PENDING:
            raise InProgress(key)
        return row.status, json.loads(row.body)


def claim(engine: Engine, token_id: int, key: str, fingerprint: str, *, now: datetime) -> None:
    """Take the key for this request before it is processed; a request that holds it already
    (or held it) wins, and this one gets `KeyReused`, `InProgress` or its answer replayed."""
    row = IdempotencyRow(
        token_id=token_id, key=key, request_hash=fingerprint, status=PENDING, body="{}",
        created_at=now,
    )  # fmt: skip
    try:
        with Session(engine) as session, session.begin():
            session.add(row)
    except IntegrityError:
        found = replay(engine, token_id, key, fingerprint)
        if found is not None:
            raise Answered(*found) from None
        raise InProgress(key) from None


class Answered(Exception):
    """The key's request was answered before: this is that answer."""

    def __init__(self, status: int, body: dict):
        super().__init__(status)
        self.status, self.body = status, body


def remember(
    engine: Engine, token_id: int, key: str, fingerprint: str, status: int, body: dict
) -> tuple[int, dict]:
    """Keep the answer for the claimed key."""
    with Session(engine) as session, session.begin():
        row = session.scalar(
            select(IdempotencyRow).where(
                IdempotencyRow.token_id == token_id, IdempotencyRow.key == key
            )
        )
        if row is not None and row.request_hash == fingerprint:
            row.status, row.body = status, json.dumps(body)
    return status, body


def release_claim(engine: Engine, token_id: int, key: str) -> None:
    """A request that failed gives its key back: a retry is processed anew."""
    with Session(engine) as session, session.begin():
        session.execute(
            delete(IdempotencyRow).where(
                IdempotencyRow.token_id == token_id,
                IdempotencyRow.key == key,
                IdempotencyRow.status == PENDING,
            )
        )
