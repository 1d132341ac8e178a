"""The queue of a SQLite store, read with the standard library alone.

`melder queue` is the command an editor types most, and importing SQLAlchemy costs more CPU
than the whole listing. A store at the migrations' `HEAD` is read here with `sqlite3`,
read-only, in the same order and with the same filters as `Store.queue`. Anything else (a
PostgreSQL URL, an older store, a file that cannot be read) gives None, and the caller takes
the `Store`, which migrates, locks and explains what is wrong.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.migrations import HEAD

_QUEUED = "queued"
_COLUMNS = (
    "r.state, r.revision, r.created_at, r.changed_at, r.publish_at, r.first_published_at, "
    "r.reason, r.version, r.pending, r.published_revision, r.withdrawn_at, r.duplicate_of, "
    "r.public_name, r.updated_at"
)


@dataclass(frozen=True)
class Listed:
    """One queue entry: the stored release as JSON and its lifecycle, named as `ReleaseView`
    names them, so one JSON shape serves both (`pipeline.cli.views.view_json`)."""

    release: dict  # the revision as stored: `Release.model_dump(mode="json")`
    state: str
    revision: int
    created_at: datetime
    changed_at: datetime
    publish_at: datetime | None
    first_published_at: datetime | None
    reason: str | None
    version: int
    pending: str | None
    live_revision: int | None
    withdrawn_at: datetime | None
    duplicate_of: str | None
    public_name: str | None
    updated_at: datetime | None


def read_queue(
    url: str, state: str | None = None, source: str | None = None, limit: int = 200
) -> list[Listed] | None:
    """Releases newest first (arrival, then id), as `Store.queue` lists them; None when the
    store is not a current SQLite file this function can read."""
    path = _sqlite_path(url)
    if path is None:
        return None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error:
        return None
    try:
        if connection.execute("SELECT version_num FROM alembic_version").fetchone() != (HEAD,):
            return None
        # waiting is two states (a new release, or a live one's correction): each is read
        # along its own index and the two are merged, never sorted whole
        if state is None:
            matches: list[tuple[str, ...]] = [()]
        elif state == _QUEUED:
            matches = [("r.state = ?", _QUEUED), ("r.pending = ?", _QUEUED)]
        else:
            matches = [("r.state = ?", state)]
        rows: dict[str, tuple] = {}
        for match in matches:
            for row in _newest(connection, match, source, limit):
                rows[row[0]] = row
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    newest = sorted(rows.values(), key=lambda row: (row[4], row[0]), reverse=True)[:limit]
    return [_listed(row) for row in newest]


def _sqlite_path(url: str) -> Path | None:
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    path = Path(url.removeprefix("sqlite:///"))
    return path.resolve() if path.is_file() else None


def _newest(connection, match: tuple[str, ...], source: str | None, limit: int) -> list[tuple]:
    conditions, parameters = list(match[:1]), list(match[1:])
    if source:
        conditions.append("r.source = ?")
        parameters.append(source)
    where = f"WHERE {' AND '.join(conditions)} " if conditions else ""
    return connection.execute(
        f"SELECT r.id, v.data, {_COLUMNS} FROM releases AS r "
        "JOIN revisions AS v ON v.release_id = r.id AND v.number = r.revision "
        f"{where}ORDER BY r.created_at DESC, r.id DESC LIMIT ?",
        [*parameters, limit],
    ).fetchall()


def _moment(value: str | None) -> datetime | None:
    # the store keeps UTC without a zone on SQLite (`AwareDateTime`)
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def _listed(row: tuple) -> Listed:
    (_, data, state, revision, created, changed, publish_at, first_published, reason) = row[:9]
    (version, pending, live_revision, withdrawn, duplicate_of, public_name, updated) = row[9:]
    return Listed(
        release=json.loads(data),
        state=state,
        revision=revision,
        created_at=_moment(created),
        changed_at=_moment(changed),
        publish_at=_moment(publish_at),
        first_published_at=_moment(first_published),
        reason=reason,
        version=version,
        pending=pending,
        live_revision=live_revision,
        withdrawn_at=_moment(withdrawn),
        duplicate_of=duplicate_of,
        public_name=public_name,
        updated_at=_moment(updated),
    )
