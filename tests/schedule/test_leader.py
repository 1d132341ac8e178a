"""The scheduler's lock: a process forked from the leader (an ingest worker) never keeps it, so
a standby takes over as soon as the leader is gone."""

from __future__ import annotations

import fcntl
import os
import threading
import time

from sqlalchemy import create_engine

from pipeline.schedule.leader import leadership


def test_a_forked_worker_does_not_hold_the_lock_once_the_leader_lets_go(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'melder.db'}")
    lock_file = tmp_path / "melder.scheduler.lock"
    stop = threading.Event()
    with leadership(engine, stop, poll_seconds=0.05) as held:
        assert held is not None
        child = os.fork()
        if child == 0:  # a worker: busy long after the leader is gone
            time.sleep(3)
            os._exit(0)
    try:
        # the leader let go (or died); the worker still runs: a standby gets the lock, as soon
        # as the worker has started and dropped its copy (a standby asks every two seconds)
        assert _lock_taken_within(lock_file, seconds=2.0)
    finally:
        os.kill(child, 9)
        os.waitpid(child, 0)


def _lock_taken_within(path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    with open(path, "a+") as handle:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.05)
