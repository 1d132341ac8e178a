"""Only one `melder run` may hold the scheduler; others wait as hot standbys.

SQLite: an exclusive lock on a file beside the database (released by the OS when the process
dies, even by kill -9). PostgreSQL: a session-level advisory lock on a dedicated connection
(released by the server when that connection ends).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import threading
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, datetime
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


# What a process tells its operator about its role: ("leader" | "standby" | "takeover", the
# instance holding the scheduler as `holder()` gives it, for a standby).
Tell = Callable[[str, dict | None], None]


def tell_nobody(role: str, holder: dict | None) -> None:
    pass


def _this_instance() -> dict:
    since = datetime.now(UTC).isoformat()
    return {"pid": os.getpid(), "host": socket.gethostname(), "since": since}


def _application_name(instance: dict) -> str:
    # PostgreSQL keeps 63 bytes of it: the time first, shortened, so that the pid fits
    since = datetime.fromisoformat(instance["since"]).strftime("%Y%m%dT%H%M%SZ")
    return f"melder-run {since} {instance['pid']} {instance['host']}"[:63]


def _from_application_name(name: str) -> dict | None:
    parts = name.split(" ", 3)
    if len(parts) != 4 or parts[0] != "melder-run":
        return None
    since = datetime.strptime(parts[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return {"pid": int(parts[2]), "host": parts[3], "since": since.isoformat()}


def holder(engine: Engine) -> dict | None:
    """The `melder run` that holds the scheduler now (`pid`, `host`, `since`), or None."""
    if engine.dialect.name == "postgresql":
        # pg_locks lists every database of the server: another Melder's scheduler holds the
        # same key in its own database
        with engine.connect() as connection:
            name = connection.execute(
                text(
                    "SELECT a.application_name FROM pg_locks l "
                    "JOIN pg_stat_activity a ON a.pid = l.pid "
                    "WHERE l.locktype = 'advisory' AND l.granted AND l.objid = :key "
                    "AND l.database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"
                ),
                {"key": LOCK_KEY},
            ).scalar()
        return _from_application_name(name) if name else None
    return _file_holder(_lock_path(engine))


def _file_holder(path: Path) -> dict | None:
    try:
        handle = open(path)  # noqa: SIM115 - closed below, after the lock is tried
    except OSError:
        return None
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                return json.loads(handle.read())
            except ValueError:  # written by an older Melder: its pid alone
                return None
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return None  # nobody holds it


class Leadership:
    """A held scheduler lock; `lost` is set when a PostgreSQL lock's connection dies."""

    def __init__(self) -> None:
        self.lost = threading.Event()


@contextmanager
def leadership(
    engine: Engine, stop: threading.Event, poll_seconds: float = 2.0, tell: Tell = tell_nobody
):
    """Block until this process holds the scheduler lock (or `stop` is set), then yield.

    `tell` hears whether this process leads at once, waits as a standby (and for whom), or
    takes over from one that stopped."""
    if engine.dialect.name == "postgresql":
        with _postgres_lock(engine, stop, poll_seconds, tell) as held:
            yield held
    else:
        with _file_lock(_lock_path(engine), stop, poll_seconds, tell) as held:
            yield held


def _lock_path(engine: Engine) -> Path:
    database = engine.url.database or "melder.db"
    return Path(database).with_suffix(".scheduler.lock")


@contextmanager
def _file_lock(path: Path, stop: threading.Event, poll_seconds: float, tell: Tell):
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
                    tell("standby", _file_holder(path))
                    announced = True
                stop.wait(poll_seconds)
        if stop.is_set():
            yield None
            return
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(_this_instance()) + "\n")
        handle.flush()
        LOCK_FDS.add(handle.fileno())
        log.info("role=leader lock=%s pid=%d", path, os.getpid())
        tell("takeover" if announced else "leader", None)
        yield Leadership()
    finally:
        LOCK_FDS.discard(handle.fileno())
        handle.close()


@contextmanager
def _postgres_lock(engine: Engine, stop: threading.Event, poll_seconds: float, tell: Tell):
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
                tell("standby", holder(engine))
                announced = True
            stop.wait(poll_seconds)
        if stop.is_set():
            yield None
            return
        # the lock's own connection names this instance, for standbys and `melder status`
        name = _application_name(_this_instance())
        connection.execute(text("SELECT set_config('application_name', :n, false)"), {"n": name})
        connection.commit()
        log.info("role=leader lock=advisory:%d pid=%d", LOCK_KEY, os.getpid())
        tell("takeover" if announced else "leader", None)
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
