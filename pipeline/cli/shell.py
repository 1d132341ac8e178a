"""What every command shares: the root and settings, consoles, the clock, failing with a message."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

if TYPE_CHECKING:
    from pipeline.config import Config
    from pipeline.config.settings import Settings

out = Console()
err = Console(stderr=True)


@dataclass
class Context:
    root: Path
    settings: Settings

    def config(self, *, strict: bool = False) -> Config:
        from pipeline.config import load_config  # commands import what they use: a fast start

        config = load_config(self.root)
        if config.problems:
            for problem in config.problems:
                err.print(f"[red]{problem}[/red]", highlight=False, soft_wrap=True)
            if strict:
                raise typer.Exit(1)
        return config

    @contextmanager
    def store(self):
        from pipeline.store import Store

        store = Store(self.settings.database_url_for(self.root))
        try:
            yield store
        finally:
            store.close()


def _ctx(ctx: typer.Context) -> Context:
    return ctx.obj


def _now() -> datetime:
    return datetime.now(UTC)


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)
