"""What every command shares: the root and settings, consoles, the clock, failing with a message."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

if TYPE_CHECKING:
    from collections.abc import Callable

    from pipeline.config import Config
    from pipeline.config.settings import Settings


class _Console:
    """A rich `Console`, made when first used: a command that prints plain lines into a pipe
    (`melder queue | grep …`) never imports rich, and starts faster for it."""

    def __init__(self, **options):
        self._options = options
        self._console = None

    def __getattr__(self, name: str):
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)

    @property
    def is_terminal(self) -> bool:
        stream = sys.stderr if self._options.get("stderr") else sys.stdout
        isatty = getattr(stream, "isatty", None)
        forced = os.environ.get("FORCE_TERMINAL") or os.environ.get("TTY_COMPATIBLE")
        if self._console is None and not forced and not (isatty and isatty()):
            return False  # a pipe or a file: settled without rich
        return self.__getattr__("is_terminal")


# soft_wrap: long lines stay whole in pipes and narrow terminals (grep finds what it looks for)
out = _Console(soft_wrap=True)
err = _Console(stderr=True, soft_wrap=True)


def escape(text: str) -> str:
    """`text` printed as it is, never read as rich markup."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def _plain_metavars(params: list) -> list:
    """Help names a value by what it is (STATE, ID), never by its Python type (`<str>`)."""
    for param in params:
        if isinstance(param, TyperArgument) or (
            isinstance(param, TyperOption) and (param.is_flag or param.count)
        ):
            param.display_type_rich = lambda ctx: None
        elif isinstance(param, TyperOption) and param.metavar is None:
            param.display_type_rich = lambda ctx, name=param.name: name.upper()
    return params


class MelderCommand(TyperCommand):
    def get_params(self, ctx):
        return _plain_metavars(super().get_params(ctx))


class MelderGroup(TyperGroup):
    def get_params(self, ctx):
        return _plain_metavars(super().get_params(ctx))

    def parse_args(self, ctx, args):
        # a command's help is shown anywhere: a newcomer reads it before `melder init`
        ctx.meta["asks_help"] = "--help" in args
        return super().parse_args(ctx, args)


@contextmanager
def progress_reporter(verb: str, every: float = 2.0):
    """A callback (source, done, total) for long runs: a bar on a terminal, and elsewhere a
    line at most every `every` seconds plus one per finished source, e.g.
    `ingested 1200/2000 from stadt (240/s)`, so logs show a run is alive."""
    import time

    if err.is_terminal:
        from rich.progress import Progress

        with Progress(console=err, transient=True) as bar:
            task = bar.add_task(verb, total=None)

            def show(name: str, done: int, total: int) -> None:
                bar.update(task, description=f"{verb} {name}", completed=done, total=total)

            yield show
        return
    started: dict[str, float] = {}
    last = [0.0]

    def report(name: str, done: int, total: int) -> None:
        now = time.monotonic()
        since = started.setdefault(name, now)
        if done == 0 or (done < total and now - last[0] < every):
            return
        last[0] = now
        rate = done / (now - since) if now > since else 0.0
        err.print(f"{verb} {done}/{total} from {name} ({rate:.0f}/s)", highlight=False)

    yield report


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """A table on a terminal; tab-separated lines (a header line first) in a pipe or a file, so
    nothing is cut and every cell is one field. Cells are text, never markup."""
    if not out.is_terminal:
        clean = [[" ".join(str(cell).split()) for cell in row] for row in [headers, *rows]]
        for row in clean:
            print("\t".join(row))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(*headers)
    for row in rows:
        table.add_row(*(Text(str(cell)) for cell in row))
    out.print(table)


def require_melder_folder(root: Path) -> None:
    if not (root / "sources").is_dir():
        raise _fail(
            f"{root} is not a Melder folder (it has no sources/); run melder in the folder "
            "that holds schedule.toml, sources/ and outputs/, or name it with --root DIR"
        )


@dataclass
class Context:
    root: Path
    _settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        """The MELDER_* settings, read when a command first needs them."""
        if self._settings is None:
            from pydantic import ValidationError

            from pipeline.config.settings import Settings, settings_problem

            try:
                self._settings = Settings()
            except ValidationError as exc:
                raise _fail(settings_problem(exc)) from None
        return self._settings

    def database_url(self) -> str:
        """The store's URL, without building the settings: quick commands read one variable."""
        if self._settings is not None:
            return self._settings.database_url_for(self.root)
        from pipeline.config.peek import database_url_for, environment_value

        return database_url_for(self.root, environment_value("database_url"))

    def config(self, *, strict: bool = False) -> Config:
        from pipeline.config import load_config  # commands import what they use: a fast start

        config = load_config(self.root)
        if config.problems:
            for problem in config.problems:
                err.print(f"[red]{escape(problem)}[/red]", highlight=False, soft_wrap=True)
            if strict:
                raise typer.Exit(1)
        return config

    @contextmanager
    def store(self, *, read_only: bool = False, fail: Callable[[str], typer.Exit] | None = None):
        """The store for one command; `read_only` commands still work on a full disk. `fail`
        turns a database problem into the command's exit (default: an error line, exit 1)."""
        fail = fail or _fail
        from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

        from pipeline.store import Store
        from pipeline.store.engine import HalfMadeStore, database_problem, failure_line
        from pipeline.store.writable import sqlite_file, store_write_problem

        url = self.database_url()
        unwritable = store_write_problem(url)
        # a store that exists can still be read for `status`, `queue` and `show`
        if unwritable and not (read_only and sqlite_file(url).exists()):
            raise fail(f"database {unwritable}")
        unusable = _configured_store_problem(url, read_only=read_only)
        if unusable is not None:
            raise fail(f"database {unusable} (MELDER_DATABASE_URL)")
        try:
            store = Store(url, read_only=read_only)
        except HalfMadeStore as exc:
            raise fail(f"database {exc}") from None
        except (ArgumentError, DBAPIError, NoSuchModuleError, OSError) as exc:
            problem = database_problem(url) or failure_line(exc, url)
            raise fail(f"database {problem} (MELDER_DATABASE_URL)") from None
        try:
            yield store
        except DBAPIError as exc:  # the server went away, or the disk filled, mid-command
            raise fail(f"database {failure_line(exc, url)}; nothing was half-written") from None
        finally:
            store.close()


def _configured_store_problem(url: str, *, read_only: bool) -> str | None:
    """What is wrong with the store MELDER_DATABASE_URL names, before anything is made there: a
    command that only reads would otherwise make a new, empty store (and its folders) at a
    mistyped path and report nothing queued; an unsupported URL would end in a traceback."""
    from pipeline.config.peek import environment_value
    from pipeline.store.engine import database_problem, shown_url

    if not environment_value("database_url"):
        return None  # the default file under var/ is made on first use
    if read_only and url.startswith("sqlite:///"):
        if not Path(url.removeprefix("sqlite:///")).exists():
            return (
                f"{shown_url(url)}: no store there; check the path, or let a command that "
                "writes (`melder ingest`, `melder run`) make it"
            )
    return database_problem(url)


def _ctx(ctx: typer.Context) -> Context:
    return ctx.obj


def _now() -> datetime:
    return datetime.now(UTC)


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)
