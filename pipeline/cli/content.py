"""Commands that move content: ingest, submit, publish, run."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer

from pipeline.cli.shell import (
    MelderCommand,
    _ctx,
    _fail,
    _now,
    err,
    escape,
    out,
    print_table,
    progress_reporter,
)
from pipeline.errors import NotFound, Rejected

if TYPE_CHECKING:
    from pipeline import runner


def ingest(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None, typer.Argument(help="Source names; default: all enabled.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Fetch or read sources once and store what is new or changed.

    Examples:

    \b
      melder ingest
      melder ingest stadt-lindenau harbor-wire
    """

    from pipeline import runner

    context = _ctx(ctx)
    context.settings  # noqa: B018 - a wrong MELDER_* value: one line before anything runs
    config = context.config()
    unknown = [name for name in sources or [] if name not in config.sources]
    for name in sources or []:
        broken = any(p.startswith(f"sources/{name}.toml:") for p in config.problems)
        if name in unknown and (context.root / "sources" / f"{name}.toml").is_file() or broken:
            raise _fail(
                f"sources/{name}.toml cannot be used (see the problems above); "
                "`melder check` lists them all"
            )
    if unknown:
        known = ", ".join(sorted(config.sources))
        raise _fail(f"unknown source(s): {', '.join(unknown)}; known: {known}")
    with context.store() as store, progress_reporter("ingested") as progress:
        reports = runner.ingest(config, store, sources, now=_now(), progress=progress)
    if as_json:
        print(json.dumps({"sources": [source_json(r) for r in reports]}, ensure_ascii=False))
    else:
        _print_source_reports(reports)
    # the named sources' run says the code; another file's mistake is `melder check`'s to report
    if (config.problems and not sources) or any(report.error for report in reports):
        raise typer.Exit(1)


def source_json(report) -> dict:
    """One source's ingest as JSON: stable names, documented in the README."""
    return {
        "source": report.source,
        **report.counts(),
        "error": report.error,
        "failure_messages": list(report.failures),
    }


def publish_json(report) -> dict:
    return {
        "released": report.published,
        "channels": report.channels,
        "waiting": [
            {"id": release_id, "at": at.isoformat() if at else None}
            for release_id, at in report.waiting
        ],
        "unrouted": report.unrouted,
        "behind": report.behind,
    }


def _print_source_reports(reports: list[runner.SourceReport]) -> None:

    rows = [
        [
            report.source,
            str(report.new),
            str(report.revised),
            str(report.unchanged),
            str(report.invalid),
            report.error or "; ".join(report.failures),
        ]
        for report in reports
    ]
    print_table(["source", "new", "revised", "unchanged", "invalid", "error"], rows)


def submit(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Files to submit.")],
    source: Annotated[str, typer.Option("--source", help="Submit as this source.")],
    replaces: Annotated[
        str | None,
        typer.Option(
            "--replaces",
            metavar="ID",
            help="The file corrects this release (a new revision of it, same id and URL).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Submit files as that source would; print each release's id and state.

    A file without an id of its own is a new release each time, unless the source sent the
    same bytes before; a correction names its release with --replaces.

    Examples:

    \b
      melder submit pm.txt --source stadt
      melder submit pm-korrigiert.txt --source stadt --replaces 3f2a9c1d
    """
    from pipeline import runner

    context = _ctx(ctx)
    context.settings  # noqa: B018 - a wrong MELDER_* value: one line before anything runs
    config = context.config()
    if source not in config.sources:
        raise _fail(f"unknown source {source!r}; known: {', '.join(sorted(config.sources))}")
    folders = [str(path) for path in files if path.is_dir()]
    if folders:
        raise _fail(
            f"{', '.join(folders)}: a folder; name the files (e.g. `melder submit "
            f"{folders[0]}/*.txt --source {source}`) or make it a `files` source"
        )
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        raise _fail(f"no such file: {', '.join(missing)}")
    if replaces and len(files) != 1:
        raise _fail("--replaces takes exactly one file: the correction of that release")
    with context.store() as store:
        try:
            results = runner.submit(config, store, files, source, now=_now(), replaces=replaces)
        except (NotFound, Rejected) as exc:
            raise _fail(str(exc)) from None
    invalid = any(release.errors for _, release, _ in results)
    if as_json:
        items = [
            {
                "file": str(path),
                "id": saved.release_id,
                "state": saved.state.value,
                "outcome": saved.outcome,
                "errors": [{"field": p.field, "message": p.message} for p in release.errors],
            }
            for path, release, saved in results
        ]
        print(json.dumps({"submitted": items}, ensure_ascii=False))
    else:
        for path, release, saved in results:
            out.print(
                escape(f"{path}: {saved.release_id} {saved.state.value} ({saved.outcome})"),
                highlight=False,
            )
            for problem in release.errors:
                err.print(escape(f"{path}: {problem.field}: {problem.message}"), highlight=False)
    if invalid:
        raise typer.Exit(1)


def publish(
    ctx: typer.Context,
    channels: Annotated[
        list[str] | None, typer.Argument(help="Channel names; default: all.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Say what would go out and what waits; write nothing."),
    ] = False,
) -> None:
    """Release what is due and write every channel's files.

    Examples:

    \b
      melder publish
      melder publish melder
      melder publish --dry-run
    """
    from pipeline import runner

    context = _ctx(ctx)
    context.settings  # noqa: B018 - a wrong MELDER_* value: one line before anything runs
    config = context.config()
    unknown = [name for name in channels or [] if name not in config.channels]
    if unknown:
        raise _fail(
            f"unknown channel(s): {', '.join(unknown)}; known: {', '.join(config.channels)}"
        )
    if dry_run:
        with context.store(read_only=True) as store:
            plan = runner.publish_plan(config, store, now=_now())
        if as_json:
            print(json.dumps(plan, ensure_ascii=False))
            return
        zone = ZoneInfo(config.schedule.timezone)
        out.print(f"would release {len(plan['due'])} release(s); nothing was written")
        for item in plan["due"]:
            out.print(escape(f"  {item['id']}  {item['source']}  {item['title']}"), highlight=False)
        for item in plan["waiting"]:
            at = datetime.fromisoformat(item["at"]).astimezone(zone) if item["at"] else None
            taken = "a channel takes it (its source and filters)"
            when = at.isoformat(timespec="minutes") if at else taken
            out.print(
                escape(f"  waits until {when}: {item['id']}  {item['title']}"), highlight=False
            )
        return
    with context.store() as store, progress_reporter("released") as progress:
        report = runner.publish(config, store, channels, now=_now(), progress=progress)
    if as_json:
        print(json.dumps(publish_json(report), ensure_ascii=False))
    else:
        _print_publish(report, ZoneInfo(config.schedule.timezone))
    if config.problems or report.behind:
        raise typer.Exit(1)


def _print_publish(report: runner.RunReport, zone: ZoneInfo | None = None) -> None:
    out.print(f"released {len(report.published)} release(s)")
    for name, changed in report.channels.items():
        out.print(f"  outputs/{name}/: {changed} file(s) changed", highlight=False)
    for name, why in report.behind.items():
        err.print(
            escape(f"error: channel {name} is behind, its files were not written: {why}"),
            highlight=False,
            soft_wrap=True,
        )
    later = [at for _, at in report.waiting if at is not None]
    if report.waiting:
        first = min(later).astimezone(zone) if later else None
        until = f", the next at {first.isoformat(timespec='minutes')}" if first else ""
        out.print(
            f"{len(report.waiting)} approved release(s) wait{until} (embargo or approval time)",
            highlight=False,
            soft_wrap=True,
        )
    if report.unrouted:
        err.print(
            f"warning: {len(report.unrouted)} approved release(s) stay approved: no channel in "
            "outputs/ takes their source, or its filters (languages, categories, regions, "
            "exclude) let none of them through (see `melder check`, `melder show ID`)",
            highlight=False,
            soft_wrap=True,
        )


def run(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option("--once", help="Ingest all, publish, then exit.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log every job run (as `melder -v run`).")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="With --once: print one JSON object.")
    ] = False,
) -> None:
    """Run the scheduler from schedule.toml (or with --once a single pass).

    Examples:

    \b
      melder run
      melder run --once
    """
    from pipeline import runner

    context = _ctx(ctx)
    context.settings  # noqa: B018 - a wrong MELDER_* value: one line before anything runs
    config = context.config()
    if once:
        with context.store() as store, progress_reporter("ingested") as progress:
            report = runner.run_once(config, store, now=_now(), progress=progress)
        if as_json:
            data = {"sources": [source_json(r) for r in report.sources], **publish_json(report)}
            print(json.dumps(data, ensure_ascii=False))
        else:
            _print_source_reports(report.sources)
            _print_publish(report, ZoneInfo(config.schedule.timezone))
        if config.problems or report.failed:
            raise typer.Exit(1)
        return
    import logging

    from pipeline.schedule.service import run_forever
    from pipeline.store.writable import store_write_problem

    if unwritable := store_write_problem(context.database_url()):
        raise _fail(f"database {unwritable}")  # every job would fail at its first write

    if verbose:
        logging.getLogger().setLevel(logging.INFO)
    jobs = ", ".join(sorted(config.schedule.jobs)) or "none (add [jobs.…] to schedule.toml)"
    zone = ZoneInfo(config.schedule.timezone)
    scheduling = (
        f"scheduling {jobs} in {config.schedule.timezone} for {context.root}; "
        "SIGTERM or Ctrl-C stops after the running step"
    )

    def tell(role: str, holder: dict | None) -> None:
        if role == "standby":
            line = (
                f"standby: another melder run holds the scheduler ({instance(holder, zone)}); "
                "this one takes over when it stops; SIGTERM or Ctrl-C stops it"
            )
        elif role == "takeover":
            line = f"taking over: the melder run that held the scheduler stopped; {scheduling}"
        else:
            line = scheduling
        err.print(escape(f"melder run: {line}"), highlight=False)

    run_forever(context.root, context.settings, tell=tell)


def instance(holder: dict | None, zone: ZoneInfo) -> str:
    """The `melder run` holding the scheduler as an operator reads it."""
    if not holder:
        return "which one is not known"
    since = datetime.fromisoformat(holder["since"]).astimezone(zone)
    return f"pid {holder['pid']}, host {holder['host']}, since {since:%Y-%m-%d %H:%M %Z}"


def register(app: typer.Typer) -> None:
    app.command(cls=MelderCommand)(ingest)
    app.command(cls=MelderCommand)(submit)
    app.command(cls=MelderCommand)(publish)
    app.command(cls=MelderCommand)(run)
