"""`melder`: a thin command-line shell over the pipeline's functions.

Exit codes: 0 ok, 1 invalid input or config (the message says what and where), 2 usage.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli import accounts, checks, content, operations, review, site
from pipeline.cli.shell import Context, MelderGroup, require_melder_folder
from pipeline.config.peek import schedule_zone

app = typer.Typer(
    help="Melder: press releases in, validated and disclaimed feeds and snippets out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=MelderGroup,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"melder {version('melder')}")
        raise typer.Exit()


class ZonedFormatter(logging.Formatter):
    """Log lines dated in ISO 8601 with their offset, in the schedule's zone: the times
    `melder status` and the desk show, whatever zone the process itself runs in."""

    def __init__(self, zone: tzinfo) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")
        self.zone = zone

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created, self.zone)
        return moment.isoformat(timespec="milliseconds")


@app.callback()
def main_options(
    ctx: typer.Context,
    root: Annotated[
        Path,
        typer.Option(
            "--root",
            metavar="DIR",
            envvar="MELDER_ROOT",
            help="Folder holding schedule.toml, sources/ and outputs/.",
            file_okay=False,
        ),
    ] = Path("."),
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every step.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print Melder's version and exit."
        ),
    ] = False,
) -> None:
    root = root.resolve()
    handler = logging.StreamHandler()
    handler.setFormatter(ZonedFormatter(schedule_zone(root)))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])
    # trafilatura warns about its own candidates ("discarding data: None") on pages where
    # Melder then takes another one; what Melder decided, it reports itself
    logging.getLogger("trafilatura").setLevel(logging.INFO if verbose else logging.ERROR)
    # `init` makes the folder; `extract` reads one file anywhere, and asks for the folder
    # only when told to read it with a source's rules
    if ctx.invoked_subcommand not in ("init", "extract") and not ctx.meta.get("asks_help"):
        require_melder_folder(root)
    ctx.obj = Context(root=root)


for commands in (site, checks, content, review, operations, accounts):
    commands.register(app)


def main() -> None:
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as exc:  # a full disk or a folder Melder may not write: one line, not a trace
        from pipeline.atomic import disk_problem

        sys.stderr.write(f"error: {disk_problem(exc)}\n")
        sys.exit(1)
