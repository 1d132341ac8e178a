"""Housekeeping: trim old run history, compact SQLite, and keep dated online backups."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from pipeline.store import Store

KEEP_BACKUPS = 7


def housekeep(store: Store, root: Path, *, now: datetime, keep_runs: timedelta) -> dict:
    trimmed = store.trim_runs(before=now - keep_runs)
    counts = {"runs_trimmed": trimmed}
    if store.engine.dialect.name == "sqlite":
        database = Path(store.engine.url.database)
        counts["backup"] = str(backup_sqlite(database, database.parent / "backups", now).name)
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.exec_driver_sql("PRAGMA optimize")
    return counts


def backup_sqlite(database: Path, folder: Path, now: datetime) -> Path:
    """A consistent copy made with SQLite's online backup API while others keep writing."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{database.stem}-{now:%Y%m%d}.db"
    partial = target.with_suffix(".db.part")
    source = sqlite3.connect(database)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    partial.replace(target)
    for old in sorted(folder.glob(f"{database.stem}-*.db"))[:-KEEP_BACKUPS]:
        old.unlink()
    return target
