"""What each scheduled job does, and the record every job run leaves behind.

A job that raises is logged and recorded as an error; the scheduler keeps running and the job
fires again at its next time.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from pipeline import runner
from pipeline.config import Config, JobConfig, load_config
from pipeline.schedule.housekeeping import housekeep
from pipeline.store import Store
from pipeline.store.engine import failure_line

log = logging.getLogger(__name__)


@dataclass
class JobContext:
    root: Path
    store: Store
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)


def _recorded(kind: str):
    """Wrap a job so that every run is logged as one line and stored in the run history."""

    def wrap(work: Callable[[JobContext, Config, JobConfig, datetime], dict]):
        def run(context: JobContext, name: str, job: JobConfig) -> None:
            started = context.clock()
            clock = time.perf_counter()
            counts: dict = {}
            error = None
            try:
                counts = work(context, load_config(context.root), job, started)
            except Exception as exc:  # recorded, retried at the next fire time
                if isinstance(exc, (ChannelsBehind, DBAPIError, OSError)):
                    # expected in production (a full disk, a database restart): one line
                    error = str(exc) if isinstance(exc, ChannelsBehind) else failure_line(exc)
                    log.error("job=%s outcome=error error=%s", name, error)
                else:
                    error = f"{type(exc).__name__}: {exc}"
                    log.exception("job=%s outcome=error", name)
            finished = context.clock()
            try:
                context.store.record_run(
                    f"job:{name}",
                    None,
                    started,
                    finished,
                    "error" if error else "ok",
                    counts,
                    error,
                )
            except DBAPIError as exc:  # the database is away: the next run is recorded
                log.error("job=%s run not recorded: %s", name, failure_line(exc))
            figures = " ".join(f"{key}={value}" for key, value in counts.items())
            log.info(
                "job=%s kind=%s outcome=%s duration_ms=%d %s",
                name,
                kind,
                "error" if error else "ok",
                (time.perf_counter() - clock) * 1000,
                figures,
            )

        return run

    return wrap


@_recorded("ingest")
def ingest_job(context: JobContext, config: Config, job: JobConfig, now: datetime) -> dict:
    names = job.sources if job.sources is not None else None
    if names is not None:
        # read now, not when the schedule was built: a source disabled or removed meanwhile
        # is left alone from its next run on
        names = [name for name in names if name in config.sources and config.sources[name].enabled]
        if not names:
            return {"sources": 0}
    reports = runner.ingest(config, context.store, names, now=now)
    return {
        "sources": len(reports),
        "new": sum(r.new for r in reports),
        "revised": sum(r.revised for r in reports),
        "invalid": sum(r.invalid for r in reports),
        "failed": sum(1 for r in reports if r.error),
    }


@_recorded("publish")
def publish_job(context: JobContext, config: Config, job: JobConfig, now: datetime) -> dict:
    return _published(runner.publish(config, context.store, now=now))


def _published(report: runner.RunReport) -> dict:
    """The counts of a publish; a channel left behind makes the job's run an error."""
    if report.behind:
        raise ChannelsBehind(
            "; ".join(f"channel {name} is behind: {why}" for name, why in report.behind.items())
        )
    return {"released": len(report.published), "files_changed": sum(report.channels.values())}


class ChannelsBehind(Exception):
    """A publish could not write some channel's files; the next run writes them."""


@_recorded("embargo")
def embargo_job(context: JobContext, config: Config, job: JobConfig, now: datetime) -> dict:
    """Publish only when something fell due: cheap enough to run every minute."""
    if not context.store.due_count(now) and not context.store.channels_behind(
        sorted(config.channels)
    ):
        return {"released": 0}
    return _published(runner.publish(config, context.store, now=now))


@_recorded("housekeeping")
def housekeeping_job(context: JobContext, config: Config, job: JobConfig, now: datetime) -> dict:
    return housekeep(context.store, context.root, now=now, keep_runs=timedelta(days=90))


JOBS = {
    "ingest": ingest_job,
    "publish": publish_job,
    "embargo": embargo_job,
    "housekeeping": housekeeping_job,
}
