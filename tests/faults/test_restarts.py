"""The database restarts under `melder run` with a standby: nobody exits, and one of the two
leads again within seconds."""

from __future__ import annotations

import signal
import time

import pytest

from tests.schedule.test_run_process import (  # noqa: F401 - fast_root is a fixture
    Lines,
    add_release,
    fast_root,
    feed_titles,
    start,
    wait_for,
)


@pytest.fixture
def own_postgres(postgres):
    """A server of this test's own: restarting the shared one would disturb other tests."""
    from tests.postgres import PostgresServer

    server = PostgresServer().start()
    yield server
    server.stop()


def test_a_postgres_restart_under_a_leader_and_a_standby(fast_root, own_postgres):  # noqa: F811
    url = own_postgres.new_database()
    processes = [start(fast_root, database_url=url), start(fast_root, database_url=url)]
    logs = [Lines(process) for process in processes]
    try:
        assert wait_for(lambda: all(log.seen("role=") for log in logs), timeout=60)
        add_release(fast_root, 1)
        assert wait_for(lambda: len(feed_titles(fast_root)) == 1, timeout=30)
        leads_before = sum(log.lines.count(line) for log in logs for line in log.lines
                           if "role=leader" in line)  # fmt: skip
        restarted = time.monotonic()
        own_postgres.restart(pause=0.3)
        assert all(process.poll() is None for process in processes), [log.lines for log in logs]
        add_release(fast_root, 2)
        back = wait_for(lambda: len(feed_titles(fast_root)) == 2, timeout=30)
        took = time.monotonic() - restarted
        assert back, [log.lines[-20:] for log in logs]
        print(f"\nPostgreSQL restart: publishing again after {took:.1f} s")
        assert took < 10
        assert all(process.poll() is None for process in processes)
        leads_after = sum(1 for log in logs for line in log.lines if "role=leader" in line)
        assert leads_after >= leads_before
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
    assert [process.returncode for process in processes] == [0, 0]
    tracebacks = [log.lines for log in logs if any("Traceback" in line for line in log.lines)]
    assert not tracebacks, tracebacks
