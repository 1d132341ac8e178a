"""Opening the database: SQLite tuned for one writer and many readers, migrations applied."""

from __future__ import annotations

import re
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

from pipeline.atomic import disk_problem, exclusive, free_space
from pipeline.migrations import HEAD
from pipeline.store.writable import read_only_advice, store_write_problem

MIGRATION_KEY = zlib.crc32(b"melder-migrations")
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def open_engine(url: str, *, read_only: bool = False) -> Engine:
    """The engine for `url`, migrated. With `read_only`, a SQLite store that cannot be opened
    for writing (a full disk leaves no room for its WAL index) is opened as it lies on disk."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _tune_sqlite)
        try:
            upgrade(engine)
        except OperationalError:
            engine.dispose()
            if not read_only or not Path(url.removeprefix("sqlite:///")).exists():
                raise
            return _frozen_sqlite(url)
        return engine
    engine = create_engine(url, pool_pre_ping=True)
    upgrade(engine)
    return engine


def _frozen_sqlite(url: str) -> Engine:
    """Read the file without locks or a WAL index (`immutable`): only for showing a store that
    nothing can write to at the moment, such as on a full disk."""
    path = Path(url.removeprefix("sqlite:///")).resolve()
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&immutable=1&uri=true")
    if _current_revision(engine) != HEAD:
        engine.dispose()
        raise OperationalError("open read-only", {}, Exception("the store is not current"))
    return engine


# the password in a URL's user info (up to its last '@': a password may hold one) and in
# its query or a libpq keyword string ('?password=…', 'sslpassword=…', 'password=… host=…')
_USERINFO_PASSWORD_RE = re.compile(r"^([\w+.-]+://[^:/?#@]*:)([^/?#]*)@")
_KEYWORD_PASSWORD_RE = re.compile(r"(?i)\b((?:ssl)?password\s*=\s*)('[^']*'|[^&\s'\"]+)")


def shown_url(url: str) -> str:
    """The database URL as it may be printed: every password in it masked."""
    return mask_secrets(url, url)


def mask_secrets(text: str, url: str | None) -> str:
    """`text` (a URL, a driver's message) with the passwords of `url` masked wherever they
    appear, whole or in the pieces a parser split them into."""
    secrets: set[str] = set()
    if url:
        if found := _USERINFO_PASSWORD_RE.match(url):
            secrets.add(found.group(2))
        secrets.update(value.strip("'") for _, value in _KEYWORD_PASSWORD_RE.findall(url))
    pieces = {
        piece for secret in secrets for piece in re.split(r"[@:/]", secret) if len(piece) >= 3
    }
    text = _USERINFO_PASSWORD_RE.sub(r"\1***@", text)
    text = _KEYWORD_PASSWORD_RE.sub(r"\1***", text)
    for secret in sorted(secrets | pieces, key=len, reverse=True):
        if secret and secret != "***":
            # a password standing alone, never letters of another word: a password 'postgres'
            # leaves 'postgresql+psycopg' as it is
            text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(secret)}(?![A-Za-z0-9])", "***", text)
    return text


SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def database_problem(url: str) -> str | None:
    """Why the store at `url` cannot be used, in one line with every password masked, or
    None. Opens no new SQLite file."""
    problem = _database_problem(url)
    return mask_secrets(problem, url) if problem else None


def _database_problem(url: str) -> str | None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

    try:
        parsed = make_url(url)
        parsed.port  # noqa: B018 - a port that is no number ('host:notaport') fails here
    except (ArgumentError, ValueError):
        return (
            f"{shown_url(url)!r} is not a database URL; use sqlite:///PATH or "
            "postgresql+psycopg://USER:PASSWORD@HOST/DB"
        )
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        return (
            f"{shown_url(url)}: Melder keeps its store in SQLite or PostgreSQL; use "
            "sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST/DB"
        )
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return None
        if unwritable := store_write_problem(url):
            return unwritable
        if not Path(parsed.database).exists():
            return None
    try:
        engine = create_engine(parsed, connect_args=_connect_args(parsed))
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except NoSuchModuleError:
        return f"{shown_url(url)}: no driver for it; for PostgreSQL `pip install -e '.[postgres]'`"
    except (DBAPIError, OSError, ValueError) as exc:
        reason = (str(getattr(exc, "orig", exc)).strip() or type(exc).__name__).splitlines()[0]
        return f"{shown_url(url)}: {reason}; is the server running and the URL right?"
    return None


DISK_FULL_WORDS = ("disk is full", "disk i/o error", "no space left")


def is_store_failure(exc: BaseException) -> bool:
    """The database failed (not a source, not Melder's own code)."""
    return isinstance(exc, SQLAlchemyError)


def failure_line(exc: BaseException, url: str | None = None) -> str:
    """One line for a failure of the store or the disk: never a traceback, never the SQL and
    its parameters. A full disk names where and how much is free, and what to do."""
    if isinstance(exc, OSError) and not hasattr(exc, "orig"):
        return disk_problem(exc)
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    reason = text.splitlines()[0] if text else type(exc).__name__
    where = shown_url(url) if url else "the database"
    if any(words in reason.lower() for words in DISK_FULL_WORDS):
        folder = _sqlite_folder(url)
        space = f" ({free_space(folder)})" if folder else ""
        return (
            f"{where}: {reason}{space}; the database volume is probably full: free space "
            "there and run the command again; nothing already stored is lost"
        )
    if advice := read_only_advice(url, reason):
        return f"{where}: {reason}: {advice}"
    return mask_secrets(f"{where}: {reason}", url)


def _sqlite_folder(url: str | None) -> Path | None:
    if url and url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).parent
    return None


def _connect_args(parsed) -> dict:
    return {"timeout": 30} if parsed.get_backend_name() == "sqlite" else {"connect_timeout": 5}


def _tune_sqlite(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config(engine: Engine) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration; cheap when it is there already.

    Processes that start together on a new database (`serve` and `run`, or two `run`s) take
    turns: the first migrates, the others find the schema current once they get the lock. All
    pending migrations run as one transaction, DDL included (SQLite too, see
    `_transactional_ddl`), so a process killed half-way leaves the store as it was before.
    """
    if _current_revision(engine) == HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    with _migration_lock(engine):
        if _current_revision(engine) == HEAD:
            return
        migrating = _transactional_ddl(engine)
        try:
            config = alembic_config(migrating)
            head = ScriptDirectory.from_config(config).get_current_head()
            if _current_revision(migrating) != head:
                _clear_half_made(migrating)
                command.upgrade(config, "head")
        finally:
            if migrating is not engine:
                migrating.dispose()


def _transactional_ddl(engine: Engine) -> Engine:
    """For SQLite an engine of its own whose transactions really contain DDL: Python's sqlite3
    runs CREATE TABLE outside any transaction unless told to leave BEGIN to us (the SQLAlchemy
    documentation's recipe for transactional DDL on pysqlite)."""
    if engine.dialect.name != "sqlite":
        return engine
    migrating = create_engine(engine.url, connect_args={"timeout": 30})

    @event.listens_for(migrating, "connect")
    def _autocommit_driver(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        _tune_sqlite(dbapi_connection, _record)

    @event.listens_for(migrating, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return migrating


class HalfMadeStore(RuntimeError):
    """A store with Melder's tables but no record of its migrations, holding data."""


def _clear_half_made(engine: Engine) -> None:
    """A first start killed by an older Melder could leave tables without `alembic_version`.
    Empty ones are dropped and made again; a store with rows in them is named, never touched."""
    if _current_revision(engine) is not None:
        return
    from sqlalchemy import inspect

    from pipeline.store.tables import Base

    found = [name for name in inspect(engine).get_table_names() if name in Base.metadata.tables]
    if not found:
        return
    with engine.begin() as connection:
        rows = {
            name: connection.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar()
            for name in found
        }
        if any(rows.values()):
            raise HalfMadeStore(
                f"{shown_url(str(engine.url))}: has Melder's tables ({', '.join(sorted(found))}) "
                "but no record of its schema version; it was not made by this Melder or a first "
                "start was interrupted. Move the file away and start again, or restore a backup"
            )
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(text(f'DROP TABLE IF EXISTS "{table.name}"'))
        connection.execute(text("DROP TABLE IF EXISTS release_search"))


def _current_revision(engine: Engine) -> str | None:
    """The store's migration, read with plain SQL; None for a new (or foreign) database."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError):  # no table yet
        return None


@contextmanager
def _migration_lock(engine: Engine):
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_KEY})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_KEY})
                connection.commit()
    elif engine.url.database and engine.url.database != ":memory:":
        with exclusive(Path(engine.url.database).with_suffix(".migrate.lock")):
            yield
    else:
        yield
