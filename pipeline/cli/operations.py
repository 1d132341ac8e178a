"""The operator's view: `melder status`, last runs and errors per source and job."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer

from pipeline.cli.shell import MelderCommand, _ctx, _fail, _now, out, print_table

if TYPE_CHECKING:
    from pipeline.config import Config, SourceConfig
    from pipeline.store import Store


def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="One line for a monitor (Nagios, systemd): exit 0 ok, 1 warning (a source "
            "silent or backing off, webhook deliveries failed or stalled), 2 critical (a source "
            "or job failing, a store that cannot be written).",
        ),
    ] = False,
) -> None:
    """Show the last runs and errors per source and job, and queue counts.

    Examples:

    \b
      melder status
      melder status --json | jq '.sources[] | select(.consecutive_failures > 0)'
      melder status --check || notify-admin
    """
    from pipeline.cli.content import instance
    from pipeline.cli.views import status_json
    from pipeline.config import load_config
    from pipeline.schedule.leader import holder
    from pipeline.store.writable import store_write_problem

    context = _ctx(ctx)
    config = load_config(context.root)  # quietly: `check` is where problems are told
    sources = config.sources
    with context.store(read_only=True, fail=_critical if check else None) as store:
        runs = store.last_runs()
        counts = store.counts()
        health = _source_health(store, sources, config.unreadable_sources)
        schedule = _next_runs(config, store.last_job_runs())
        pushed = store.delivery_counts()
        stalled = store.stalled_deliveries()
        leading = holder(store.engine)
    _add_item_failures(health, runs)
    data = status_json(runs, counts, health)
    data["schedule"] = schedule
    data["deliveries"] = pushed
    data["stalled_deliveries"] = [
        {**item, "next_attempt_at": _iso(item["next_attempt_at"])} for item in stalled
    ]
    data["scheduler"] = leading
    data["store_problem"] = store_write_problem(context.database_url())
    if check:
        data["config_problems"] = config.problems
        level, line = monitor_line(data)
        print(line)
        raise typer.Exit(level)
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    zone = ZoneInfo(config.schedule.timezone)
    if data["store_problem"]:
        out.print(f"store cannot be written: {data['store_problem']}", highlight=False)
    _print_health(data["sources"], zone)
    if leading:
        out.print(f"scheduler: melder run {instance(leading, zone)}", highlight=False)
    else:
        out.print("scheduler: no melder run holds it", highlight=False)
    if schedule:
        print_table(
            ["scheduled job", "last run", "next run"],
            [
                [
                    item["job"],
                    local(item["last_run"], zone) or "never",
                    f"overdue since {local(item['overdue_since'], zone)}"
                    if item["overdue_since"]
                    else local(item["next_run"], zone),
                ]
                for item in schedule
            ],
        )
    rows = [
        [
            item["job"],
            item["target"] or "",
            local(item["started_at"], zone),
            item["outcome"],
            " ".join(f"{k}={v}" for k, v in item["counts"].items()),
            item["error"] or "",
        ]
        for item in data["runs"]
    ]
    print_table(["job", "target", "started", "outcome", "counts", "error"], rows)
    out.print(" ".join(f"{state}={count}" for state, count in counts.items()))
    if any(pushed.values()):
        out.print("webhooks: " + " ".join(f"{key}={value}" for key, value in pushed.items()))
    if stalled:
        print_table(
            ["stalled webhooks", "deliveries", "tries", "next try", "last error"],
            [
                [
                    item["channel"],
                    str(item["deliveries"]),
                    str(item["attempts"]),
                    local(item["next_attempt_at"], zone),
                    item["last_error"] or "",
                ]
                for item in data["stalled_deliveries"]
            ],
        )


def _critical(message: str) -> typer.Exit:
    """What a monitor reads when Melder cannot even look: one CRITICAL line on stdout."""
    print(f"MELDER CRITICAL - {message}")
    return typer.Exit(2)


def _add_item_failures(health: list[dict], runs: list) -> None:
    """Each source's `item_failures`: what its last ingest skipped (an entry without id, a
    listed page answering 404) while the source as a whole worked."""
    skipped = {
        run.target: run.error.splitlines()
        for run in runs
        if run.job == "ingest" and run.outcome == "ok" and run.counts.get("failures") and run.error
    }
    for item in health:
        item["item_failures"] = skipped.get(item["source"], [])


def _items_failed(item: dict) -> str:
    failures = item.get("item_failures") or []
    noun = "item" if len(failures) == 1 else "items"
    return f"{len(failures)} {noun} failed: {'; '.join(failures)}"


def monitor_line(data: dict) -> tuple[int, str]:
    """Nagios-style: (0 OK | 1 WARNING | 2 CRITICAL, one line saying why)."""
    # a source nobody fetches any more (`enabled = false`, its file gone) is no alarm
    watched = [item for item in data["sources"] if item.get("enabled", True)]
    unwritable = data.get("store_problem")
    critical = [f"store cannot be written: {unwritable}"] if unwritable else []
    critical += [
        f"source {item['source']} failing ({item['consecutive_failures']}x): {item['last_error']}"
        for item in watched
        if item["consecutive_failures"]
    ]
    latest: dict[str, dict] = {}
    for run in data["runs"]:  # newest first
        latest.setdefault(f"{run['job']} {run['target'] or ''}".strip(), run)
    critical += [
        f"{name} failed: {run['error']}"
        for name, run in latest.items()
        if run["outcome"] == "error" and not name.startswith("ingest ")
    ]
    critical += [
        f"job {item['job']} overdue since {item['overdue_since']} (is `melder run` running?)"
        for item in data.get("schedule", [])
        if item.get("overdue_since")
    ]
    warning = [
        f"source {item['source']} silent for over {item['expect_every']}"
        for item in watched
        if item["silent"]
    ]
    warning += [
        f"source {item['source']}: {_items_failed(item)}"
        for item in watched
        if item.get("item_failures") and not item["consecutive_failures"]
    ]
    problems = data.get("config_problems") or []
    if problems:
        warning.append(f"config: {len(problems)} problem(s), first {problems[0]} (melder check)")
    failed = data.get("deliveries", {}).get("failed", 0)
    if failed:
        warning.append(f"{failed} webhook deliveries failed (melder deliveries --status failed)")
    warning += [
        f"{_counted(item['deliveries'], 'webhook delivery', 'webhook deliveries')} of "
        f"{item['channel']} stalled after {_counted(item['attempts'], 'try', 'tries')}: "
        f"{item['last_error']} (melder deliveries --status pending)"
        for item in data.get("stalled_deliveries", [])
    ]
    waiting = data["queue"].get("queued", 0)
    if critical:
        return 2, f"MELDER CRITICAL - {'; '.join(critical)}"
    if warning:
        return 1, f"MELDER WARNING - {'; '.join(warning)}"
    return 0, f"MELDER OK - {len(watched)} source(s) fine, {waiting} waiting for review"


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _next_runs(config: Config, last_runs: dict[str, datetime]) -> list[dict]:
    """When each job of schedule.toml last ran and will next fire under `melder run`."""
    from pipeline.schedule.plan import planned_jobs
    from pipeline.schedule.triggers import next_fire_times, stalled_since

    jobs = planned_jobs(config)
    zone = config.schedule.timezone
    now = _now()
    upcoming = next_fire_times(jobs, zone, last_runs, now)
    return [
        {
            "job": name,
            "last_run": _iso(last_runs.get(name)),
            "next_run": _iso(moment),
            # only a job the scheduler ran before can be late: never run is not started yet
            "overdue_since": _iso(
                stalled_since(jobs[name], zone, last_runs[name], now) if name in last_runs else None
            ),
        }
        for name, moment in sorted(upcoming.items())
    ]


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else None


def _source_health(
    store: Store, sources: dict[str, SourceConfig], unreadable: dict[str, str]
) -> list[dict]:
    from pipeline.ingest.health import SourceHealth, health_json
    from pipeline.store.health import HealthBook

    now = _now()
    recorded = HealthBook(store.engine).all()
    enabled = {name for name, s in sources.items() if s.enabled}
    names = sorted(set(recorded) | enabled | set(unreadable))
    items = []
    for name in names:
        item = health_json(recorded.get(name) or SourceHealth(source=name), sources.get(name), now)
        item["configured"] = name in sources or name in unreadable
        item["config_problem"] = unreadable.get(name)
        if name in unreadable:
            item["enabled"] = True  # meant to run: its file says so, or says nothing readable
        items.append(item)
    return items


def local(iso: str | None, zone: ZoneInfo) -> str:
    """A stored UTC time as the operator reads it: local, to the minute, the zone named."""
    if not iso:
        return ""
    return datetime.fromisoformat(iso).astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def _print_health(items: list[dict], zone: ZoneInfo) -> None:
    if not items:
        return
    rows = []
    for item in items:
        state = "ok" if item["consecutive_failures"] == 0 else f"failing: {item['last_error']}"
        if item["last_attempt_at"] is None:
            state = "never run"
        elif state == "ok" and item["item_failures"]:
            state = f"ok, {_items_failed(item)}"
        if item["backoff_until"]:
            state += f" (backing off until {local(item['backoff_until'], zone)})"
        if item["silent"]:
            state += f" (silent: nothing new for over {item['expect_every']})"
        if not item["enabled"]:
            state = "disabled" if item["configured"] else "removed (no sources/ file)"
        if item["config_problem"]:
            state = f"failing: config problem, not read: {item['config_problem']}"
        rows.append(
            [
                item["source"],
                local(item["last_attempt_at"], zone),
                local(item["last_success_at"], zone),
                local(item["last_new_at"], zone),
                str(item["consecutive_failures"]),
                state,
            ]
        )
    print_table(["source", "last attempt", "last success", "last new", "failures", "state"], rows)


def deliveries(
    ctx: typer.Context,
    replay: Annotated[
        int | None,
        typer.Option("--replay", metavar="ID", help="Send delivery ID again at the next publish."),
    ] = None,
    status_filter: Annotated[
        str | None,
        typer.Option("--status", metavar="STATUS", help="Only pending, delivered or failed."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """The webhook delivery log, newest first; --replay queues one delivery again.

    Examples:

    \b
      melder deliveries --status failed
      melder deliveries --replay 17 && melder publish
    """
    context = _ctx(ctx)
    if replay is not None:
        with context.store() as store:
            found = store.replay_delivery(replay, datetime.now(UTC))
        if found is None:
            raise _fail(f"no delivery {replay}; see `melder deliveries`")
        out.print(f"delivery {replay} to {found.url} is queued again", highlight=False)
        return
    with context.store(read_only=True) as store:
        rows = store.deliveries(status_filter)
    items = [
        {
            "id": row.id,
            "channel": row.channel,
            "url": row.url,
            "event": row.event,
            "release": row.release_id,
            "status": row.status,
            "attempts": row.attempts,
            "last_status": row.last_status,
            "last_error": row.last_error,
            "next_attempt_at": row.next_attempt_at.isoformat() if row.next_attempt_at else None,
            "delivered_at": row.delivered_at.isoformat() if row.delivered_at else None,
        }
        for row in rows
    ]
    if as_json:
        print(json.dumps({"deliveries": items}, ensure_ascii=False, indent=2))
        return
    print_table(
        ["id", "channel", "event", "release", "status", "tries", "last", "url"],
        [
            [item["id"], item["channel"], item["event"], item["release"], item["status"],
             item["attempts"], item["last_error"] or item["last_status"] or "", item["url"]]
            for item in items
        ],
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command(cls=MelderCommand)(status)
    app.command(cls=MelderCommand)(deliveries)
