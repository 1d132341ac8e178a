"""Only one `melder run` may hold the scheduler; others wait as hot standbys.

SQLite: an exclusive lock on a file beside the database (released by the OS when the process
dies, even by kill -9). PostgreSQL: a session-level advisory lock on a dedicated connection
(released by the server when that connection ends).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import zlib
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

log = logging.getLogger(__name__)

LOCK_KEY = zlib.crc32(b"melder-scheduler")  # fits PostgreSQL's bigint advisory key
# The descriptors that hold the lock (the lock file, the advisory lock's socket). A process
# forked from the leader (an ingest worker) closes them at once: holding a copy, it would
# keep the lock for as long as it lives, and no standby could take over if the leader died.
LOCK_FDS: set[int] = set()


def _drop_inherited_locks() -> None:
    for fd in list(LOCK_FDS):
        try:
            os.close(fd)
        except OSError:
            pass
    LOCK_FDS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_inherited_locks)


class Leadership:
    """A held scheduler lock; `lost` is set when a PostgreSQL lock's connection dies."""

    def __init__(self) -> None:
        self.lost = threading.Event()


@contextmanager
def leadership(engine: Engine, stop: threading.Event, poll_seconds: float = 2.0):
    """Block until this process holds the scheduler lock (or `stop` is set), then yield."""
    if engine.dialect.name == "postgresql":
        with _postgres_lock(engine, stop, poll_seconds) as held:
            yield held
    else:
        with _file_lock(_lock_path(engine), stop, poll_seconds) as held:
            yield held


def _lock_path(engine: Engine) -> Path:
    database = engine.url.database or "melder.db"
    return Path(database).with_suffix(".scheduler.lock")


@contextmanager
def _file_lock(path: Path, stop: threading.Event, poll_seconds: float):
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")  # noqa: SIM115 - held for the scheduler's whole life
    try:
        announced = False
        while not stop.is_set():
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not announced:
                    log.info("role=standby reason=another melder run holds %s", path)
                    announced = True
                stop.wait(poll_seconds)
        if stop.is_set():
            yield None
            return
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        LOCK_FDS.add(handle.fileno())
        log.info("role=leader lock=%s pid=%d", path, os.getpid())
        yield Leadership()
    finally:
        LOCK_FDS.discard(handle.fileno())
        handle.close()


@contextmanager
def _postgres_lock(engine: Engine, stop: threading.Event, poll_seconds: float):
    connection = engine.connect()
    try:
        announced = False
        while not stop.is_set():
            got = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY})
            connection.commit()
            if got.scalar():
                break
            if not announced:
                log.info("role=standby reason=another melder run holds the advisory lock")
                announced = True
            stop.wait(poll_seconds)
        if stop.is_set():
            yield None
            return
        log.info("role=leader lock=advisory:%d pid=%d", LOCK_KEY, os.getpid())
        socket = _socket_of(connection)
        if socket is not None:
            LOCK_FDS.add(socket)
        held = Leadership()
        watcher = threading.Thread(
            target=_watch, args=(connection, held, stop, poll_seconds), daemon=True
        )
        watcher.start()
        yield held
    finally:
        LOCK_FDS.discard(_socket_of(connection))
        connection.close()


def _socket_of(connection) -> int | None:
    try:
        return connection.connection.dbapi_connection.fileno()
    except Exception:  # a driver without a descriptor: nothing a child could inherit
        return None


def _watch(connection, held: Leadership, stop: threading.Event, poll_seconds: float) -> None:
    """A dead lock connection means another instance may take over: stop scheduling."""
    while not stop.wait(poll_seconds):
        try:
            connection.execute(text("SELECT 1"))
            connection.commit()
        except Exception:
            log.error("role=leader lost=advisory lock connection")
            held.lost.set()
            return
