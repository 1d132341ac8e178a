"""`melder run` as a real process: it schedules, stops cleanly, survives kill -9, and only one
instance holds the scheduler at a time."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import feedparser
import pytest

from pipeline.store import Store
from tests.conftest import write

FAST_SCHEDULE = """
timezone = "Europe/Berlin"
[jobs.ingest]
every = "1s"
[jobs.publish]
every = "1s"
"""


def start(root: Path, *args: str, database_url: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "MELDER_ROOT": str(root), "PYTHONUNBUFFERED": "1"}
    if database_url:
        env["MELDER_DATABASE_URL"] = database_url
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "-v", "run", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(predicate, timeout: float = 30.0, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def add_release(root: Path, number: int) -> None:
    write(
        root / "inbox" / "trusted" / f"meldung-{number:03d}.txt",
        f"Meldung Nummer {number} aus dem Rathaus\n\n"
        f"Der Stadtrat hat in seiner Sitzung Nummer {number} über den Haushalt beraten.\n",
    )


def feed_titles(root: Path) -> list[str]:
    path = root / "outputs" / "portal" / "rss.xml"
    if not path.exists():
        return []
    feed = feedparser.parse(path.read_bytes())
    assert feed.bozo == 0
    return [entry.title for entry in feed.entries]


@pytest.fixture
def fast_root(empty_root):
    write(empty_root / "schedule.toml", FAST_SCHEDULE)
    channel = empty_root / "outputs" / "portal.toml"
    channel.write_text(channel.read_text().replace("[disclaimer]", "max_items = 500\n[disclaimer]"))
    return empty_root


def test_run_publishes_on_schedule_and_stops_cleanly_on_sigterm(fast_root):
    add_release(fast_root, 1)
    process = start(fast_root)
    try:
        assert wait_for(lambda: "Meldung Nummer 1 aus dem Rathaus" in feed_titles(fast_root))
        add_release(fast_root, 2)
        assert wait_for(lambda: len(feed_titles(fast_root)) == 2)
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert "job=ingest" in output and "outcome=ok" in output
    status = subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(fast_root), "status", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    jobs = {run["job"] for run in json.loads(status.stdout)["runs"]}
    assert {"job:ingest", "job:publish"} <= jobs


class Lines:
    """Collects a process's output lines as they come, so a test can wait for one."""

    def __init__(self, process: subprocess.Popen):
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stdout:
            self.lines.append(line)

    def seen(self, text: str) -> bool:
        return any(text in line for line in self.lines)


def scheduler_line(root: Path, database_url: str | None) -> str:
    """The line of `melder status` that names the instance holding the scheduler."""
    env = {**os.environ, "MELDER_DATABASE_URL": database_url} if database_url else None
    status = subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(root), "status"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return next(line for line in status.stdout.splitlines() if line.startswith("scheduler:"))


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_second_instance_waits_as_standby_and_takes_over(fast_root, database, request):
    url = request.getfixturevalue("postgres").new_database() if database == "postgresql" else None
    first = start(fast_root, database_url=url)
    second = start(fast_root, database_url=url)
    processes = [first, second]
    logs = [Lines(first), Lines(second)]
    try:
        both_started = wait_for(lambda: all(log.seen("role=") for log in logs), timeout=60)
        assert both_started, [log.lines for log in logs]
        leader, standby = (0, 1) if logs[0].seen("role=leader") else (1, 0)
        assert logs[standby].seen("role=standby") and not logs[standby].seen("role=leader")
        holder = f"(pid {processes[leader].pid}, host {socket.gethostname()}, since "
        waiting = f"melder run: standby: another melder run holds the scheduler {holder}"
        assert wait_for(lambda: logs[standby].seen(waiting))
        assert wait_for(lambda: logs[leader].seen("melder run: scheduling ingest, publish"))
        assert not logs[standby].seen("melder run: scheduling")
        assert scheduler_line(fast_root, url).startswith(f"scheduler: melder run {holder[1:]}")
        add_release(fast_root, 1)
        assert wait_for(lambda: len(feed_titles(fast_root)) == 1)
        processes[leader].kill()
        processes[leader].wait()
        assert wait_for(lambda: logs[standby].seen("role=leader"), timeout=30)
        took_over = "melder run: taking over: the melder run that held the scheduler stopped"
        assert wait_for(lambda: logs[standby].seen(took_over))
        taken = f"scheduler: melder run pid {processes[standby].pid}, host {socket.gethostname()}"
        assert scheduler_line(fast_root, url).startswith(taken)
        add_release(fast_root, 2)
        assert wait_for(lambda: len(feed_titles(fast_root)) == 2, timeout=30)
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
    assert processes[standby].returncode == 0
    assert scheduler_line(fast_root, url) == "scheduler: no melder run holds it"


def test_kill_minus_nine_at_random_moments_loses_and_duplicates_nothing(fast_root):
    rng = random.Random(7)
    number = 0
    for _ in range(30):
        for _ in range(2):
            number += 1
            add_release(fast_root, number)
        process = start(fast_root)
        time.sleep(rng.uniform(0.3, 3.0))
        process.kill()
        process.communicate()
    settle = subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(fast_root), "run", "--once"],
        capture_output=True,
        text=True,
    )
    assert settle.returncode == 0, settle.stdout + settle.stderr

    store = Store(f"sqlite:///{fast_root / 'var' / 'melder.db'}")
    views = store.queue(limit=1000)
    assert len(views) == number
    assert len({view.release.identity for view in views}) == number
    for view in views:
        history = store.get(view.release.id).events
        assert [event.action for event in history].count("published") == 1, view.release.id
    store.close()
    titles = feed_titles(fast_root)
    assert len(titles) == number == len(set(titles))
    folder = fast_root / "outputs" / "portal"
    assert json.loads((folder / "feed.json").read_text())["items"]
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def status_json(root: Path, database_url: str) -> dict:
    env = {**os.environ, "MELDER_DATABASE_URL": database_url}
    status = subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(root), "status", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(status.stdout)


def test_status_names_only_the_scheduler_of_its_own_database(fast_root, tmp_path, postgres):
    """Two Melders share one PostgreSQL server, each with a database of its own: one's
    `melder run` is not the other's scheduler, and each can lead its own at the same time."""
    ours, theirs = postgres.new_database(), postgres.new_database()
    neighbour = tmp_path / "neighbour"
    write(neighbour / "sources" / "amt.toml", 'title = "Amt"\nkind = "files"\npath = "inbox"\n')
    (neighbour / "inbox").mkdir()
    write(neighbour / "schedule.toml", FAST_SCHEDULE)
    their_run = start(neighbour, database_url=theirs)
    their_log = Lines(their_run)
    our_run = None
    try:
        assert wait_for(lambda: their_log.seen("role=leader"), timeout=60), their_log.lines
        assert status_json(fast_root, ours)["scheduler"] is None
        assert scheduler_line(fast_root, ours) == "scheduler: no melder run holds it"
        assert status_json(neighbour, theirs)["scheduler"]["pid"] == their_run.pid

        our_run = start(fast_root, database_url=ours)
        our_log = Lines(our_run)
        assert wait_for(lambda: our_log.seen("role="), timeout=60), our_log.lines
        assert our_log.seen("role=leader") and not our_log.seen("role=standby")
        assert status_json(fast_root, ours)["scheduler"]["pid"] == our_run.pid
        assert status_json(neighbour, theirs)["scheduler"]["pid"] == their_run.pid
    finally:
        for process in (their_run, our_run):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
