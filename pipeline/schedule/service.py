"""`melder run`: the long-running process that ingests, releases embargoes and publishes.

Schedules are rebuilt from schedule.toml and the sources' own `every` at every start, and again
whenever those change on disk while it runs; the last run of each job comes from the run history
in the store, so an interval job resumes where it left off instead of starting over, and a run
missed while Melder was down fires once (coalesced) on restart.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from pipeline.config import load_config
from pipeline.config.settings import Settings
from pipeline.schedule.jobs import JOBS, JobContext
from pipeline.schedule.leader import Tell, leadership, tell_nobody
from pipeline.schedule.plan import planned_jobs
from pipeline.schedule.triggers import build_scheduler
from pipeline.store import Store

log = logging.getLogger(__name__)


CLOCK_JUMP_SECONDS = 5.0
RECONNECT_LONGEST = 30.0
# How often the config files are looked at (their sizes and times, not their contents).
CONFIG_LOOK_SECONDS = 2.0


def run_forever(
    root: Path,
    settings: Settings,
    *,
    stop: threading.Event | None = None,
    announce: Callable[[], None] | None = None,
    tell: Tell | None = None,
) -> None:
    """Run schedule.toml's jobs until SIGTERM/SIGINT (or `stop`), then exit cleanly.

    A database that goes away (a PostgreSQL restart) ends neither leader nor standby: both
    reconnect with back-off and one of them leads again. `announce` is called once SIGTERM is
    handled, so whoever hears it may already stop us; so is `tell`, with this process's role
    (leader, standby and for whom, takeover) each time it is known."""
    from sqlalchemy.exc import DBAPIError

    stop = stop or threading.Event()
    _install_signal_handlers(stop)
    if announce:
        announce()
    wait = 0.5
    store = None
    try:
        while not stop.is_set():
            try:
                store = store or Store(settings.database_url_for(root))
                with leadership(store.engine, stop, tell=tell or tell_nobody) as held:
                    if held is None:
                        return
                    wait = 0.5
                    _schedule_until_stopped(root, store, stop, held.lost)
            except DBAPIError as exc:
                reason = str(exc.orig or exc).strip().splitlines()[0]
                log.error("event=database-unavailable error=%r retry_in=%.1fs", reason, wait)
            if stop.wait(wait):
                break
            wait = min(wait * 2, RECONNECT_LONGEST)
            log.info("event=reconnecting")
    finally:
        if store is not None:
            store.close()
        log.info("event=stopped")


def _schedule_until_stopped(root: Path, store: Store, stop, lost) -> None:
    """Schedule while this process leads; a clock jump or a changed plan (a source disabled,
    added, removed or given another `every`; schedule.toml edited) rebuilds the schedule."""
    while not stop.is_set() and not lost.is_set():
        rebuild = _schedule_once(root, store, stop, lost)
        if not rebuild:
            return


def config_files_stamp(root: Path) -> tuple:
    """What changes when a config file is written, added or removed: cheap to take often."""
    paths = [root / "schedule.toml"]
    for folder in ("sources", "outputs"):
        paths += sorted((root / folder).glob("*.toml"))
    stamp = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        stamp.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(stamp)


def _plan(config) -> tuple:
    return config.schedule.timezone, planned_jobs(config)


def _schedule_once(root: Path, store: Store, stop, lost) -> bool:
    """One scheduler's life; True when it ended because the wall clock jumped or the plan
    of jobs changed on disk."""
    stamp = config_files_stamp(root)
    config = load_config(root)
    for problem in config.problems:
        log.warning("config problem: %s", problem)
    context = JobContext(root=root, store=store)
    plan = _plan(config)
    jobs = plan[1]
    scheduler = build_scheduler(
        config.schedule,
        {name: (job, _action(context, name, job)) for name, job in jobs.items()},
        last_runs=store.last_job_runs(),
        now=datetime.now(UTC),
    )
    scheduler.start()
    log.info("event=started jobs=%s", ",".join(sorted(jobs)))
    wall, steady = time.time(), time.monotonic()
    looked = steady
    try:
        while not stop.wait(0.5):
            if lost.is_set():
                log.error("event=lost-leadership stopping scheduler")
                return False
            # Intervals are measured on the monotonic clock; the wall clock may be stepped.
            now_wall, now_steady = time.time(), time.monotonic()
            drift = (now_wall - wall) - (now_steady - steady)
            wall, steady = now_wall, now_steady
            if abs(drift) > CLOCK_JUMP_SECONDS:
                log.warning("event=clock-jump seconds=%+.0f rebuilding the schedule", drift)
                return True
            if now_steady - looked >= CONFIG_LOOK_SECONDS:
                looked = now_steady
                if _plan_changed(root, stamp, plan):
                    return True
                stamp = config_files_stamp(root)
        return False
    finally:
        # finish the running step (its transaction commits or rolls back), then stop
        scheduler.shutdown(wait=True)


def _plan_changed(root: Path, stamp: tuple, plan: tuple) -> bool:
    """Whether the files on disk now plan other jobs than the running scheduler has."""
    if config_files_stamp(root) == stamp:
        return False
    changed = _plan(load_config(root)) != plan
    if changed:
        log.info("event=config-changed rebuilding the schedule")
    return changed


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
