"""Triggers and the APScheduler instance behind `melder run`, built from schedule.toml."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from pipeline.config import JobConfig, ScheduleConfig, parse_interval

log = logging.getLogger(__name__)

MISFIRE_GRACE_SECONDS = 300


class SchedulerLines(logging.Filter):
    """APScheduler's own lines about runs it did not start, in the one-line `key=value` form of
    every other line. A job still running when its next run comes is not a fault: that run is
    coalesced into the next one, and one INFO line says so."""

    def filter(self, record: logging.LogRecord) -> bool:
        template = str(record.msg)
        job = getattr(record.args[0], "id", record.args[0]) if record.args else None
        if template.startswith("Execution of job") and "maximum number of running" in template:
            record.msg, record.args = "job=%s event=coalesced reason=still-running", (job,)
            record.levelno, record.levelname = logging.INFO, "INFO"
        elif template.startswith("Run time of job") and len(record.args or ()) == 2:
            record.msg, record.args = "job=%s event=missed late_by=%s", (job, record.args[1])
        # lowered to INFO, a line shows only where INFO lines are shown
        return logging.getLogger(record.name).isEnabledFor(record.levelno)


for _name in ("apscheduler.scheduler", "apscheduler.executors.default"):
    logging.getLogger(_name).addFilter(SchedulerLines())


class SteadyCronTrigger(CronTrigger):
    """A cron trigger whose next fire time never lies before the moment it is asked about.

    In the hour that repeats when summer time ends, the plain trigger maps wall-clock times to
    their first occurrence, an hour in the past, and a scheduler would fire again and again.
    Here the repeated hour is stepped over: its times fire once, in their first occurrence.
    """

    def get_next_fire_time(self, previous_fire_time, now):
        candidate = super().get_next_fire_time(previous_fire_time, now)
        probe = now
        for _ in range(24 * 60):  # a day of minutes bounds the search
            if candidate is None or candidate >= now:
                return candidate
            probe += timedelta(minutes=1)
            candidate = super().get_next_fire_time(None, probe)
        return None


def trigger_for(job: JobConfig, timezone: str):
    jitter = job.jitter or None
    if job.cron is not None:
        minute, hour, day, month, day_of_week = job.cron.split()
        return SteadyCronTrigger(
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=day_of_week,
            timezone=timezone,
            jitter=jitter,
        )
    return IntervalTrigger(
        seconds=parse_interval(job.every or "10m"), timezone=timezone, jitter=jitter
    )


def first_run(job: JobConfig, timezone: str, last_run: datetime | None, now: datetime) -> datetime:
    """When a job should first fire after a (re)start, given when it last ran.

    A run that fell due while Melder was down fires at once, and only once. A last run in the
    future (the clock was ahead when it was recorded) counts as now, so a corrected clock never
    leaves a job waiting until "tomorrow".
    """
    if last_run is not None and last_run > now:
        last_run = now
    if job.cron is None:
        if last_run is None:
            return now
        due = last_run + timedelta(seconds=parse_interval(job.every or "10m"))
        return max(due, now)
    trigger = trigger_for(job.model_copy(update={"jitter": 0}), timezone)
    if last_run is not None:
        missed = trigger.get_next_fire_time(None, last_run + timedelta(seconds=1))
        if missed is not None and missed <= now:
            return now
    return trigger.get_next_fire_time(None, now)


# How long past its due time a job may not have started before `melder status --check` calls
# the scheduler stalled: runs are recorded when they end, and one long ingest delays the jobs
# behind it in the single worker.
STALL_GRACE = timedelta(minutes=30)


def stalled_since(job: JobConfig, timezone: str, last_run: datetime, now: datetime):
    """When a job that last started at `last_run` fell due again, if that is longer ago than
    STALL_GRACE (and the job's jitter): `melder run` is not running, or hangs. Else None."""
    if job.cron is None:
        due = last_run + timedelta(seconds=parse_interval(job.every or "10m"))
    else:
        trigger = trigger_for(job.model_copy(update={"jitter": 0}), timezone)
        due = trigger.get_next_fire_time(None, last_run + timedelta(seconds=1))
    if due is None or now - due <= STALL_GRACE + timedelta(seconds=job.jitter):
        return None
    return due


def next_fire_times(
    jobs: dict[str, JobConfig], timezone: str, last_runs: dict[str, datetime], now: datetime
) -> dict[str, datetime]:
    return {
        name: first_run(job, timezone, last_runs.get(name), now)
        for name, job in jobs.items()
        if job.enabled
    }


def build_scheduler(
    schedule: ScheduleConfig,
    jobs: dict[str, tuple[JobConfig, Callable[[], None]]],
    *,
    last_runs: dict[str, datetime],
    now: datetime,
) -> BackgroundScheduler:
    """A scheduler where no job runs twice at once and missed runs are coalesced."""
    scheduler = BackgroundScheduler(
        timezone=schedule.timezone,
        job_defaults={
            "max_instances": 1,
            "coalesce": True,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
        },
        executors={"default": {"type": "threadpool", "max_workers": 1}},
    )
    for name, (job, action) in jobs.items():
        if not job.enabled:
            continue
        scheduler.add_job(
            action,
            trigger_for(job, schedule.timezone),
            id=name,
            name=name,
            next_run_time=first_run(job, schedule.timezone, last_runs.get(name), now),
        )
    return scheduler
