"""The wall clock stepped under a running scheduler (time-machine moves it; the monotonic clock,
as on a real machine, does not): jobs keep their pace, and a clock that was ahead for a moment
leaves no job waiting until "tomorrow"."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import text

from pipeline.config import load_config
from pipeline.config.settings import Settings
from pipeline.schedule.service import run_forever
from pipeline.schedule.triggers import next_fire_times
from pipeline.store import Store
from tests.conftest import write
from tests.schedule.test_run_process import FAST_SCHEDULE, wait_for


def _runs(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(
            text("SELECT COUNT(*) FROM runs WHERE job = 'job:publish'")
        ).scalar()


class Running:
    """`melder run` in a thread of this process, so time-machine reaches its clock."""

    def __init__(self, root):
        self.stop = threading.Event()
        settings = Settings(database_url=f"sqlite:///{root / 'var' / 'melder.db'}")
        self.thread = threading.Thread(
            target=run_forever, args=(root, settings), kwargs={"stop": self.stop}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=30)


def test_a_clock_stepped_back_does_not_stall_the_jobs(empty_root, caplog):
    write(empty_root / "schedule.toml", FAST_SCHEDULE)
    store = Store(f"sqlite:///{empty_root / 'var' / 'melder.db'}")
    with Running(empty_root):
        assert wait_for(lambda: _runs(store) >= 2, timeout=20)
        with time_machine.travel(datetime.now(UTC) - timedelta(seconds=120), tick=True):
            before = _runs(store)
            stepped = time.monotonic()
            assert wait_for(lambda: _runs(store) >= before + 2, timeout=15)
            took = time.monotonic() - stepped
    store.close()
    print(f"\nclock stepped back 120 s: two more runs within {took:.1f} s")
    assert took < 10
    assert "event=clock-jump" in caplog.text


def test_a_clock_ahead_for_a_moment_leaves_no_job_waiting_for_tomorrow(empty_root):
    write(empty_root / "schedule.toml", FAST_SCHEDULE)
    store = Store(f"sqlite:///{empty_root / 'var' / 'melder.db'}")
    with time_machine.travel(datetime.now(UTC) + timedelta(days=1), tick=True):
        with Running(empty_root):
            assert wait_for(lambda: _runs(store) >= 1, timeout=20)
    ahead = _runs(store)
    last_runs = store.last_job_runs()
    assert max(last_runs.values()) > datetime.now(UTC) + timedelta(hours=23)
    config = load_config(empty_root)
    upcoming = next_fire_times(
        config.schedule.jobs, config.schedule.timezone, last_runs, datetime.now(UTC)
    )
    assert max(upcoming.values()) < datetime.now(UTC) + timedelta(minutes=1)
    restarted = time.monotonic()
    with Running(empty_root):
        assert wait_for(lambda: _runs(store) > ahead, timeout=15)
    store.close()
    print(
        f"\nclock corrected after a day ahead: a job ran {time.monotonic() - restarted:.1f} s "
        "after the restart"
    )
