"""Commands that move content: check, extract, ingest, submit, publish, run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer
from rich.markup import escape

from pipeline.cli.shell import Context, MelderCommand, _ctx, _fail, _now, err, out, print_table
from pipeline.errors import NotFound, Rejected

if TYPE_CHECKING:
    from pipeline import runner
    from pipeline.config import SourceConfig


def check(
    ctx: typer.Context,
    online: Annotated[
        bool,
        typer.Option(
            "--online",
            help="Also reach every enabled remote source: test_url gives test_title, "
            "feeds parse, mailboxes log in.",
        ),
    ] = False,
) -> None:
    """Validate every config file; list each problem as `file: key: message`.

    Examples:

    \b
      melder check
      melder check --online
      melder --root /srv/melder check
    """
    context = _ctx(ctx)
    config = context.config()
    from pipeline.store.engine import database_problem

    problem = database_problem(context.settings.database_url_for(context.root))
    if problem:
        message = f"(environment): MELDER_DATABASE_URL: {problem}"
        err.print(f"[red]{escape(message)}[/red]", highlight=False)
        config.problems.append(message)
    if online and not config.problems:
        from pipeline.ingest.online import online_problems

        for problem in online_problems(config):
            err.print(f"[red]{problem}[/red]", highlight=False, soft_wrap=True)
            config.problems.append(problem)
    for warning in config.warnings:
        err.print(f"[yellow]warning: {warning}[/yellow]", highlight=False, soft_wrap=True)
    if config.problems:
        err.print(f"{len(config.problems)} problem(s) found.")
        raise typer.Exit(1)
    out.print(
        f"ok: {len(config.sources)} source(s), {len(config.channels)} channel(s), "
        f"{len(config.schedule.jobs)} scheduled job(s) in {config.root}"
    )


def extract(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE|URL",
            help="An input file (.html .txt .md .json .eml), or an http(s) URL fetched "
            "through Melder's guarded fetcher (robots.txt, size limits, no private addresses "
            "unless the source allows them).",
        ),
    ],
    source: Annotated[
        str | None, typer.Option("--source", help="Read it with this source's rules.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Print the release Melder would make of one file, without storing it.

    Examples:

    \b
      melder extract inbox/stadt/pm.html --source stadt
      melder extract pm.eml --json | jq .title
      melder extract https://www.stadt.example/presse/123 --source stadt
    """
    from pipeline.cli.views import release_json
    from pipeline.ingest.readers import InputContext, read_input
    from pipeline.normalize import normalize

    source_config = _source_or_default(_ctx(ctx), source)
    if file.startswith(("http://", "https://")):
        raw = _fetched(file, source or "extract", source_config)
    else:
        path = Path(file)
        if not path.is_file():
            hint = "; a URL must start with http:// or https://" if "://" in file else ""
            raise _fail(f"{file}: no such file{hint}")
        context = InputContext(
            source=source or "extract",
            config=source_config,
            locator=file,
            received_at=_now(),
            route="extract",
        )
        raw = read_input(path.read_bytes(), path.suffix, context)
    release = normalize(raw, source_config)
    if as_json:
        print(json.dumps(release_json(release), ensure_ascii=False, indent=2))
    else:
        _print_release(release)
    if release.errors:
        raise typer.Exit(1)


def _fetched(url: str, name: str, source: SourceConfig):
    """A live page through the same guarded fetcher the `web` kind uses."""
    from pipeline.ingest.client import HttpClient
    from pipeline.ingest.http import FetchError, FetchPolicy
    from pipeline.ingest.pages import page_release

    client = HttpClient()
    try:
        page = client.get(url, FetchPolicy.for_source(name, source), conditional=False)
    except FetchError as exc:
        raise _fail(str(exc)) from None
    finally:
        client.close()
    return page_release(page, name=name, source=source, identity=url, route="web", now=_now())


def _source_or_default(context: Context, name: str | None) -> SourceConfig:
    from pipeline.config import SourceConfig

    if name is None:
        return SourceConfig(title="(extract)", kind="files")
    config = context.config()
    if name not in config.sources:
        known = ", ".join(sorted(config.sources)) or "none"
        raise _fail(f"unknown source {name!r}; known sources: {known}")
    return config.sources[name]


def _print_release(release) -> None:
    out.print(f"[bold]{release.title or '(no title)'}[/bold]", highlight=False)
    for label, value in [
        ("id", release.id),
        ("language", release.language),
        ("published", release.published_at and release.published_at.isoformat()),
        ("embargo until", release.embargo_until and release.embargo_until.isoformat()),
        ("teaser", release.teaser),
    ]:
        if value:
            out.print(f"[dim]{label}:[/dim] {value}", highlight=False)
    out.print()
    out.print(release.text, highlight=False)
    if release.links:
        out.print("\n[dim]links:[/dim]")
        for link in release.links:
            out.print(f"  {link.url}", highlight=False)
    if release.contact:
        out.print(f"\n[dim]contact:[/dim]\n{release.contact}", highlight=False)
    for problem in release.errors:
        err.print(f"[red]error:[/red] {problem.field}: {problem.message}", highlight=False)
    for warning in release.warnings:
        err.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)


def ingest(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None, typer.Argument(help="Source names; default: all enabled.")
    ] = None,
) -> None:
    """Fetch or read sources once and store what is new or changed.

    Examples:

    \b
      melder ingest
      melder ingest stadt-lindenau harbor-wire
    """
    from rich.progress import Progress

    from pipeline import runner

    context = _ctx(ctx)
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
    with context.store() as store, Progress(console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=None)

        def progress(name: str, done: int, total: int) -> None:
            bar.update(task, description=f"ingest {name}", completed=done, total=total)

        reports = runner.ingest(config, store, sources, now=_now(), progress=progress)
    _print_source_reports(reports)
    if config.problems or any(report.error for report in reports):
        raise typer.Exit(1)


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
    invalid = False
    for path, release, saved in results:
        out.print(
            f"{path}: {saved.release_id} {saved.state.value} ({saved.outcome})",
            highlight=False,
            soft_wrap=True,
        )
        for problem in release.errors:
            invalid = True
            err.print(f"{path}: {problem.field}: {problem.message}", highlight=False)
    if invalid:
        raise typer.Exit(1)


def publish(
    ctx: typer.Context,
    channels: Annotated[
        list[str] | None, typer.Argument(help="Channel names; default: all.")
    ] = None,
) -> None:
    """Release what is due and write every channel's files.

    Examples:

    \b
      melder publish
      melder publish melder
    """
    from pipeline import runner

    context = _ctx(ctx)
    config = context.config()
    unknown = [name for name in channels or [] if name not in config.channels]
    if unknown:
        raise _fail(
            f"unknown channel(s): {', '.join(unknown)}; known: {', '.join(config.channels)}"
        )
    with context.store() as store:
        report = runner.publish(config, store, channels, now=_now())
    _print_publish(report, ZoneInfo(config.schedule.timezone))
    if config.problems:
        raise typer.Exit(1)


def _print_publish(report: runner.RunReport, zone: ZoneInfo | None = None) -> None:
    out.print(f"released {len(report.published)} release(s)")
    for name, changed in report.channels.items():
        out.print(f"  outputs/{name}/: {changed} file(s) changed", highlight=False)
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
            "outputs/ takes their source (see `melder check`)",
            highlight=False,
            soft_wrap=True,
        )


def run(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option("--once", help="Ingest all, publish, then exit.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log every job run (as `melder -v run`).")
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
    config = context.config()
    if once:
        with context.store() as store:
            report = runner.run_once(config, store, now=_now())
        _print_source_reports(report.sources)
        _print_publish(report, ZoneInfo(config.schedule.timezone))
        if config.problems or report.failed:
            raise typer.Exit(1)
        return
    import logging

    from pipeline.schedule.service import run_forever

    if verbose:
        logging.getLogger().setLevel(logging.INFO)
    jobs = ", ".join(sorted(config.schedule.jobs)) or "none (add [jobs.…] to schedule.toml)"
    err.print(
        f"melder run: scheduling {jobs} in {config.schedule.timezone} for {context.root}; "
        "SIGTERM or Ctrl-C stops after the running step",
        highlight=False,
    )
    run_forever(context.root, context.settings)


def register(app: typer.Typer) -> None:
    app.command(cls=MelderCommand)(check)
    app.command(cls=MelderCommand)(extract)
    app.command(cls=MelderCommand)(ingest)
    app.command(cls=MelderCommand)(submit)
    app.command(cls=MelderCommand)(publish)
    app.command(cls=MelderCommand)(run)
