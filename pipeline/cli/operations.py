"""The operator's view: `melder status`, last runs and errors per source and job."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.cli.shell import _ctx, _now, out

if TYPE_CHECKING:
    from pipeline.config import Config, SourceConfig
    from pipeline.store import Store


def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the last runs and errors per source and job, and queue counts."""
    from rich.table import Table

    from pipeline.cli.views import status_json
    from pipeline.config import load_config

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


def _next_runs(config: Config, last_runs: dict[str, datetime]) -> list[dict]:
    """When each job of schedule.toml last ran and will next fire under `melder run`."""
    from pipeline.schedule.jobs import planned_jobs
    from pipeline.schedule.triggers import next_fire_times

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
    from pipeline.ingest.health import SourceHealth, health_json
    from pipeline.store.health import HealthBook

    now = _now()
    recorded = HealthBook(store.engine).all()
    names = sorted(set(recorded) | {name for name, s in sources.items() if s.enabled})
    return [
        health_json(recorded.get(name) or SourceHealth(source=name), sources.get(name), now)
        for name in names
    ]


def _print_health(items: list[dict]) -> None:
    from rich.table import Table

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


def register(app: typer.Typer) -> None:
    app.command()(status)
