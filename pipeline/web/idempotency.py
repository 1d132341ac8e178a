"""`Idempotency-Key`: the first answer to (token, key) is kept, and a retry gets it again."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline.store.tables import IdempotencyRow


class KeyReused(Exception):
    """The key was used before for a request with other content."""


def replay(engine: Engine, token_id: int, key: str, fingerprint: str) -> tuple[int, dict] | None:
    """The answer given to this key before, or None; `KeyReused` for a different request."""
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
        return row.status, json.loads(row.body)


def remember(
    engine: Engine,
    token_id: int,
    key: str,
    fingerprint: str,
    status: int,
    body: dict,
    *,
    now: datetime,
) -> tuple[int, dict]:
    """Keep this answer for the key; when a concurrent retry kept its answer first, that one."""
    row = IdempotencyRow(
        token_id=token_id,
        key=key,
        request_hash=fingerprint,
        status=status,
        body=json.dumps(body),
        created_at=now,
    )
    try:
        with Session(engine) as session, session.begin():
            session.add(row)
    except IntegrityError:
        return replay(engine, token_id, key, fingerprint) or (status, body)
    return status, body
