"""The scheduler behind `melder run`: jobs from schedule.toml on APScheduler 3."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from pipeline.config import JobConfig, ScheduleConfig, parse_interval

log = logging.getLogger(__name__)

DEFAULT_JOBS = {
    "ingest": JobConfig(every="10m"),
    "publish": JobConfig(every="5m"),
    "embargo": JobConfig(every="1m"),
}


def cron_problem(expression: str, timezone: str) -> str | None:
    """Why a crontab expression is wrong, naming the field, or None when it is fine."""
    fields = expression.split()
    names = ["minute", "hour", "day", "month", "day_of_week"]
    if len(fields) != 5:
        return f"cron {expression!r} needs 5 fields (minute hour day month day_of_week)"
    for name, value in zip(names, fields, strict=True):
        try:
            CronTrigger(**{name: value}, timezone=timezone)
        except ValueError as exc:
            return f"cron field {name} {value!r} is invalid: {exc}"
    return None


def trigger_for(job: JobConfig, timezone: str):
    if job.cron is not None:
        return CronTrigger.from_crontab(job.cron, timezone=timezone, jitter=job.jitter or None)
    return IntervalTrigger(
        seconds=parse_interval(job.every or "10m"), timezone=timezone, jitter=job.jitter or None
    )


def build_scheduler(schedule: ScheduleConfig, actions: dict[str, Callable[[JobConfig], None]]):
    """A BlockingScheduler with one job per schedule.toml entry (defaults when there are none).

    A job never runs twice at once, missed runs are coalesced, and an exception is logged by
    the job wrapper and retried at the next fire time.
    """
    scheduler = BlockingScheduler(timezone=schedule.timezone)
    jobs = schedule.jobs or DEFAULT_JOBS
    for name, job in jobs.items():
        if not job.enabled:
            continue
        action = actions[job.job or name]
        scheduler.add_job(
            _guarded(name, action, job),
            trigger_for(job, schedule.timezone),
            id=name,
            name=name,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=300,
            next_run_time=None if job.cron else _soon(),
        )
    return scheduler


def _soon():
    from datetime import UTC, datetime, timedelta

    return datetime.now(UTC) + timedelta(seconds=random.uniform(0, 1))


def _guarded(name: str, action: Callable[[JobConfig], None], job: JobConfig):
    def run() -> None:
        try:
            action(job)
        except Exception:  # the scheduler must outlive any one failing job
            log.exception("job=%s outcome=error", name)

    run.__name__ = f"job_{name}"
    return run
