"""`melder run`: the long-running process that ingests, releases embargoes and publishes.

Schedules are rebuilt from schedule.toml at every start; the last run of each job comes from the
run history in the store, so an interval job resumes where it left off instead of starting over,
and a run missed while Melder was down fires once (coalesced) on restart.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from pipeline.config import load_config
from pipeline.config.settings import Settings
from pipeline.schedule.jobs import JOBS, JobContext, planned_jobs
from pipeline.schedule.leader import leadership
from pipeline.schedule.triggers import build_scheduler
from pipeline.store import Store

log = logging.getLogger(__name__)


def run_forever(
    root: Path,
    settings: Settings,
    *,
    stop: threading.Event | None = None,
    announce: Callable[[], None] | None = None,
) -> None:
    """Run schedule.toml's jobs until SIGTERM/SIGINT (or `stop`), then exit cleanly.

    `announce` is called once SIGTERM is handled, so whoever hears it may already stop us."""
    stop = stop or threading.Event()
    _install_signal_handlers(stop)
    if announce:
        announce()
    store = Store(settings.database_url_for(root))
    try:
        with leadership(store.engine, stop) as held:
            if held is None:
                return
            _schedule_until_stopped(root, store, stop, held.lost)
    finally:
        store.close()
        log.info("event=stopped")


def _schedule_until_stopped(root: Path, store: Store, stop, lost) -> None:
    config = load_config(root)
    for problem in config.problems:
        log.warning("config problem: %s", problem)
    context = JobContext(root=root, store=store)
    jobs = planned_jobs(config)
    last_runs = store.last_job_runs()
    scheduler = build_scheduler(
        config.schedule,
        {name: (job, _action(context, name, job)) for name, job in jobs.items()},
        last_runs=last_runs,
        now=datetime.now(UTC),
    )
    scheduler.start()
    log.info("event=started jobs=%s", ",".join(sorted(jobs)))
    try:
        while not stop.wait(0.5):
            if lost.is_set():
                log.error("event=lost-leadership stopping scheduler")
                break
    finally:
        # finish the running step (its transaction commits or rolls back), then stop
        scheduler.shutdown(wait=True)


def _action(context: JobContext, name: str, job):
    kind = job.job or name.split(":", 1)[0]
    return lambda: JOBS[kind](context, name, job)


def _install_signal_handlers(stop: threading.Event) -> None:
    if threading.current_thread() is not threading.main_thread():
        return

    def handle(signum, _frame) -> None:
        log.info("event=signal signal=%s stopping after the running job", signum)
        stop.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
