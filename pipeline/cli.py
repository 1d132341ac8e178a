"""`melder`: a thin command-line shell over the pipeline's functions.

Exit codes: 0 ok, 1 invalid input or config (the message says what and where), 2 usage.
"""

from __future__ import annotations

import json
import logging
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from pipeline import runner
from pipeline.config import Config, SourceConfig, load_config
from pipeline.errors import InvalidTransition, NotFound
from pipeline.models import State
from pipeline.settings import Settings
from pipeline.store import Store
from pipeline.views import release_json, status_json, view_json

app = typer.Typer(
    help="Melder: press releases in, validated and disclaimed feeds and snippets out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


@dataclass
class Context:
    root: Path
    settings: Settings

    def config(self, *, strict: bool = False) -> Config:
        config = load_config(self.root)
        if config.problems:
            for problem in config.problems:
                err.print(f"[red]{problem}[/red]", highlight=False, soft_wrap=True)
            if strict:
                raise typer.Exit(1)
        return config

    @contextmanager
    def store(self):
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


@app.callback()
def main_options(
    ctx: typer.Context,
    root: Annotated[
        Path,
        typer.Option(
            "--root",
            envvar="MELDER_ROOT",
            help="Folder holding schedule.toml, sources/ and outputs/.",
            file_okay=False,
        ),
    ] = Path("."),
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every step.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    ctx.obj = Context(root=root.resolve(), settings=Settings())


@app.command()
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
    """Validate every config file; list each problem as `file: key: message`."""
    config = _ctx(ctx).config()
    if online and not config.problems:
        from pipeline.online import online_problems

        for problem in online_problems(config):
            err.print(f"[red]{problem}[/red]", highlight=False, soft_wrap=True)
            config.problems.append(problem)
    if config.problems:
        err.print(f"{len(config.problems)} problem(s) found.")
        raise typer.Exit(1)
    out.print(
        f"ok: {len(config.sources)} source(s), {len(config.channels)} channel(s), "
        f"{len(config.schedule.jobs)} scheduled job(s) in {config.root}"
    )


@app.command()
def extract(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An input file (.html .txt .md .json .eml).")],
    source: Annotated[
        str | None, typer.Option("--source", help="Read it with this source's rules.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Print the release Melder would make of one file, without storing it."""
    from pipeline.formats import InputContext, read_input
    from pipeline.normalize import normalize

    if not file.is_file():
        raise _fail(f"{file}: no such file")
    source_config = _source_or_default(_ctx(ctx), source)
    context = InputContext(
        source=source or "extract",
        config=source_config,
        locator=str(file),
        received_at=_now(),
        route="extract",
    )
    release = normalize(read_input(file.read_bytes(), file.suffix, context), source_config)
    if as_json:
        print(json.dumps(release_json(release), ensure_ascii=False, indent=2))
    else:
        _print_release(release)
    if release.errors:
        raise typer.Exit(1)


def _source_or_default(context: Context, name: str | None) -> SourceConfig:
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


@app.command()
def ingest(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None, typer.Argument(help="Source names; default: all enabled.")
    ] = None,
) -> None:
    """Fetch or read sources once and store what is new or changed."""
    context = _ctx(ctx)
    config = context.config()
    unknown = [name for name in sources or [] if name not in config.sources]
    if unknown:
        raise _fail(f"unknown source(s): {', '.join(unknown)}; known: {', '.join(config.sources)}")
    with context.store() as store, Progress(console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=None)

        def progress(name: str, done: int, total: int) -> None:
            bar.update(task, description=f"ingest {name}", completed=done, total=total)

        reports = runner.ingest(config, store, sources, now=_now(), progress=progress)
    _print_source_reports(reports)
    if config.problems or any(report.error for report in reports):
        raise typer.Exit(1)


def _print_source_reports(reports: list[runner.SourceReport]) -> None:
    table = Table("source", "new", "revised", "unchanged", "invalid", "error")
    for report in reports:
        table.add_row(
            report.source,
            str(report.new),
            str(report.revised),
            str(report.unchanged),
            str(report.invalid),
            report.error or "; ".join(report.failures),
        )
    out.print(table)


@app.command()
def submit(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Files to submit.")],
    source: Annotated[str, typer.Option("--source", help="Submit as this source.")],
) -> None:
    """Submit files as that source would; print each release's id and state."""
    context = _ctx(ctx)
    config = context.config()
    if source not in config.sources:
        raise _fail(f"unknown source {source!r}; known: {', '.join(sorted(config.sources))}")
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        raise _fail(f"no such file: {', '.join(missing)}")
    with context.store() as store:
        results = runner.submit(config, store, files, source, now=_now())
    invalid = False
    for path, release, saved in results:
        out.print(
            f"{path}: {saved.release_id} {saved.state.value} ({saved.outcome})", highlight=False
        )
        for problem in release.errors:
            invalid = True
            err.print(f"{path}: {problem.field}: {problem.message}", highlight=False)
    if invalid:
        raise typer.Exit(1)


def _state(value: str | None) -> State | None:
    if value is None:
        return None
    try:
        return State(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r}; use one of {', '.join(s.value for s in State)}", param_hint="--state"
        ) from None


@app.command()
def queue(
    ctx: typer.Context,
    state: Annotated[
        str | None, typer.Option("--state", help="Only releases in this state.")
    ] = None,
    source: Annotated[str | None, typer.Option("--source", help="Only this source.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many.")] = 200,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List releases, newest first (default: all states)."""
    chosen = _state(state)
    with _ctx(ctx).store() as store:
        views = store.queue(chosen, source, limit)
    if as_json:
        print(json.dumps([view_json(view) for view in views], ensure_ascii=False, indent=2))
        return
    table = Table("state", "source", "title", "received", "problems")
    table.add_column("id", no_wrap=True)  # ids are copied into approve/reject: never cut them
    for view in views:
        table.add_row(
            view.state.value,
            view.release.source,
            view.release.title,
            view.created_at.strftime("%Y-%m-%d %H:%M"),
            "; ".join(f"{p.field}: {p.message}" for p in view.release.errors),
            view.release.id,
        )
    out.print(table)


@app.command()
def show(
    ctx: typer.Context,
    release_id: Annotated[
        str, typer.Argument(metavar="ID", help="Release id (or a unique prefix).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one release with its state, problems and history."""
    with _ctx(ctx).store() as store:
        try:
            view = store.get(release_id)
        except NotFound as exc:
            raise _fail(str(exc)) from None
    if as_json:
        print(json.dumps(view_json(view, history=True), ensure_ascii=False, indent=2))
        return
    out.print(f"[dim]state:[/dim] {view.state.value}  [dim]revision:[/dim] {view.revision}")
    if view.reason:
        out.print(f"[dim]reason:[/dim] {view.reason}", highlight=False)
    _print_release(view.release)
    out.print("\n[dim]history:[/dim]")
    for event in view.events:
        out.print(
            f"  {event.at.isoformat()} {event.actor}: {event.action} → {event.to_state}"
            + (f" ({event.note})" if event.note else ""),
            highlight=False,
        )


def _decide(ctx: typer.Context, action) -> None:
    with _ctx(ctx).store() as store:
        try:
            view = action(store)
        except (NotFound, InvalidTransition, ValueError) as exc:
            raise _fail(str(exc)) from None
    out.print(f"{view.release.id}: {view.state.value}", highlight=False)


def _parse_at(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date-time", param_hint="--at") from None
    if moment.tzinfo is None:
        raise typer.BadParameter(
            f"{value!r} has no time zone; add one, e.g. {value}+01:00", param_hint="--at"
        )
    return moment


@app.command()
def approve(
    ctx: typer.Context,
    release_id: Annotated[str, typer.Argument(metavar="ID")],
    at: Annotated[
        str | None, typer.Option("--at", help="Publish at this ISO date-time (with offset).")
    ] = None,
    actor: Annotated[str, typer.Option("--as", help="Who decides (audit trail).")] = "cli",
) -> None:
    """Approve a release for the next publish, or for a later time with --at."""
    from pipeline.review import approve as do_approve

    moment = _parse_at(at)
    _decide(ctx, lambda store: do_approve(store, release_id, actor=actor, now=_now(), at=moment))


@app.command()
def reject(
    ctx: typer.Context,
    release_id: Annotated[str, typer.Argument(metavar="ID")],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept in the audit trail).")],
    actor: Annotated[str, typer.Option("--as", help="Who decides (audit trail).")] = "cli",
) -> None:
    """Reject a release; it stays in the store with the reason."""
    from pipeline.review import reject as do_reject

    _decide(ctx, lambda store: do_reject(store, release_id, reason=reason, actor=actor, now=_now()))


@app.command()
def withdraw(
    ctx: typer.Context,
    release_id: Annotated[str, typer.Argument(metavar="ID")],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept in the audit trail).")],
    actor: Annotated[str, typer.Option("--as", help="Who decides (audit trail).")] = "cli",
) -> None:
    """Withdraw a published release from every feed at the next publish."""
    from pipeline.review import withdraw as do_withdraw

    _decide(
        ctx, lambda store: do_withdraw(store, release_id, reason=reason, actor=actor, now=_now())
    )


@app.command()
def publish(
    ctx: typer.Context,
    channels: Annotated[
        list[str] | None, typer.Argument(help="Channel names; default: all.")
    ] = None,
) -> None:
    """Release what is due and write every channel's files."""
    context = _ctx(ctx)
    config = context.config()
    unknown = [name for name in channels or [] if name not in config.channels]
    if unknown:
        raise _fail(
            f"unknown channel(s): {', '.join(unknown)}; known: {', '.join(config.channels)}"
        )
    with context.store() as store:
        report = runner.publish(config, store, channels, now=_now())
    _print_publish(report)
    if config.problems:
        raise typer.Exit(1)


def _print_publish(report: runner.RunReport) -> None:
    out.print(f"released {len(report.published)} release(s)")
    for name, changed in report.channels.items():
        out.print(f"  outputs/{name}/: {changed} file(s) changed", highlight=False)


@app.command()
def run(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option("--once", help="Ingest all, publish, then exit.")] = False,
) -> None:
    """Run the scheduler from schedule.toml (or with --once a single pass)."""
    context = _ctx(ctx)
    config = context.config()
    if once:
        with context.store() as store:
            report = runner.run_once(config, store, now=_now())
        _print_source_reports(report.sources)
        _print_publish(report)
        if config.problems or report.failed:
            raise typer.Exit(1)
        return
    from pipeline.scheduled import run_forever

    run_forever(context.root, context.settings)


@app.command()
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the last runs and errors per source and job, and queue counts."""
    context = _ctx(ctx)
    config = load_config(context.root)  # quietly: `check` is where problems are told
    sources = config.sources
    with context.store() as store:
        runs = store.last_runs()
        counts = store.counts()
        health = _source_health(store, sources)
        schedule = _next_runs(config, store.last_job_runs())
    data = status_json(runs, counts, health)
    data["schedule"] = schedule
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print_health(data["sources"])
    if schedule:
        jobs = Table("scheduled job", "last run", "next run")
        for item in schedule:
            jobs.add_row(item["job"], item["last_run"] or "never", item["next_run"])
        out.print(jobs)
    table = Table("job", "target", "started", "outcome", "counts", "error")
    for item in data["runs"]:
        table.add_row(
            item["job"],
            item["target"] or "",
            item["started_at"][:19],
            item["outcome"],
            " ".join(f"{k}={v}" for k, v in item["counts"].items()),
            item["error"] or "",
        )
    out.print(table)
    out.print(" ".join(f"{state}={count}" for state, count in counts.items()))


from pipeline.web.commands import register as register_web_commands  # noqa: E402

register_web_commands(app)


def _next_runs(config: Config, last_runs: dict[str, datetime]) -> list[dict]:
    """When each job of schedule.toml last ran and will next fire under `melder run`."""
    from pipeline.jobs import planned_jobs
    from pipeline.schedule import next_fire_times

    jobs = planned_jobs(config)
    zone = config.schedule.timezone
    upcoming = next_fire_times(jobs, zone, last_runs, _now())
    return [
        {
            "job": name,
            "last_run": (
                last_runs[name].isoformat(timespec="seconds") if name in last_runs else None
            ),
            "next_run": moment.isoformat(timespec="seconds"),
        }
        for name, moment in sorted(upcoming.items())
    ]


def _source_health(store: Store, sources: dict[str, SourceConfig]) -> list[dict]:
    from pipeline.health import HealthBook, SourceHealth, health_json

    now = _now()
    recorded = HealthBook(store.engine).all()
    names = sorted(set(recorded) | {name for name, s in sources.items() if s.enabled})
    return [
        health_json(recorded.get(name) or SourceHealth(source=name), sources.get(name), now)
        for name in names
    ]


def _print_health(items: list[dict]) -> None:
    if not items:
        return
    table = Table("source", "last attempt", "last success", "last new", "failures", "state")
    for item in items:
        state = "ok" if item["consecutive_failures"] == 0 else f"failing: {item['last_error']}"
        if item["last_attempt_at"] is None:
            state = "never run"
        if item["backoff_until"]:
            state += f" (backing off until {item['backoff_until'][:16]})"
        if item["silent"]:
            state += f" (silent: nothing new for over {item['expect_every']})"
        table.add_row(
            item["source"],
            (item["last_attempt_at"] or "")[:16],
            (item["last_success_at"] or "")[:16],
            (item["last_new_at"] or "")[:16],
            str(item["consecutive_failures"]),
            state,
        )
    out.print(table)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
