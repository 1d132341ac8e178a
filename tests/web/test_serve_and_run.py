"""`melder serve` and `melder run` on one SQLite file at once: editors approve in the web while
the scheduler ingests and publishes; nobody sees "database is locked" and nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx

from pipeline.models import State
from tests.conftest import write
from tests.web_support import (
    form_fields,
    login,
    make_root,
    open_store,
    seed_users,
    serving,
    settings_for,
)

COUNT = 24


def add_input(root, number: int) -> None:
    write(
        root / "inbox" / "office" / f"meldung-{number:02d}.txt",
        f"Bauausschuss tagt zum Thema {number}\n\n"
        f"Der Bauausschuss berät in seiner Sitzung über Vorlage Nummer {number}.\n",
    )


def test_approvals_in_the_web_while_the_scheduler_runs(tmp_path):
    root = make_root(tmp_path / "root")
    write(root / "schedule.toml", '[jobs.ingest]\nevery = "1s"\n[jobs.publish]\nevery = "1s"\n')
    store = open_store(root)
    seed_users(store)
    env = {
        **os.environ,
        "MELDER_ROOT": str(root),
        "MELDER_DATABASE_URL": settings_for(root).database_url,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "-v", "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    approved: set[str] = set()
    statuses: list[int] = []
    try:
        with (
            serving(root) as base,
            httpx.Client(base_url=base, timeout=30, follow_redirects=True) as client,
        ):
            assert login(client).status_code == 200
            deadline = time.monotonic() + 90
            number = 0
            while len(approved) < COUNT and time.monotonic() < deadline:
                if number < COUNT:
                    number += 1
                    add_input(root, number)
                for view in store.queue(State.QUEUED):
                    page = client.get(f"/desk/releases/{view.release.id}")
                    statuses.append(page.status_code)
                    action = f"/desk/releases/{view.release.id}/approve"
                    response = client.post(action, data=form_fields(page.text, action))
                    statuses.append(response.status_code)
                    if response.status_code < 400:
                        approved.add(view.release.id)
                time.sleep(0.1)
            published = lambda: store.counts()["published"] == COUNT  # noqa: E731
            while not published() and time.monotonic() < deadline:
                time.sleep(0.2)
            # the server re-reads changed files at most once a second
            feed = ""
            while feed.count("<item>") < COUNT and time.monotonic() < deadline:
                feed = client.get("/feeds/portal/rss.xml").text
                time.sleep(0.3)
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
        store.close()
    assert len(approved) == COUNT
    assert all(status < 500 for status in statuses), statuses
    assert store.counts()["published"] == COUNT
    assert feed.count("<item>") == COUNT
    assert "database is locked" not in output
    assert process.returncode == 0, output
