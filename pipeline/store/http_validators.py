"""The HTTP validators (ETag, Last-Modified) the ingest stage remembers between runs."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pipeline.ingest.http import Validators
from pipeline.store.tables import HttpValidatorRow


class StoredValidators(Validators):
    """Validators kept in the database, so that conditional GET works across runs."""

    def __init__(self, engine: Engine):
        super().__init__()
        self.engine = engine

    def get(self, source: str, url: str) -> tuple[str | None, str | None]:
        with Session(self.engine) as session:
            row = session.scalar(
                select(HttpValidatorRow).where(
                    HttpValidatorRow.source == source, HttpValidatorRow.url_hash == _url_hash(url)
                )
            )
            return (row.etag, row.last_modified) if row else (None, None)

    def commit(self, source: str | None = None) -> None:
        now = datetime.now(UTC)
        with Session(self.engine) as session, session.begin():
            for (owner, url), (etag, modified) in self.taken(source).items():
                row = session.scalar(
                    select(HttpValidatorRow).where(
                        HttpValidatorRow.source == owner,
                        HttpValidatorRow.url_hash == _url_hash(url),
                    )
                )
                if row is None:
                    row = HttpValidatorRow(source=owner, url_hash=_url_hash(url), url=url)
                    session.add(row)
                row.etag, row.last_modified, row.updated_at = etag, modified, now


def _url_hash(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()
