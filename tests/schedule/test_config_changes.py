"""A running `melder run` follows the source files: a source switched off is left alone from
its next tick on, a new `every` is taken up, and the sources nobody touched go on as before."""

from __future__ import annotations

import signal
import subprocess
import sys

from pipeline.store import Store
from tests.conftest import write
from tests.schedule.test_run_process import FAST_SCHEDULE, Lines, feed_titles, start, wait_for

OWN_PACE_SOURCE = """
title = "Stadt"
kind = "files"
path = "inbox/stadt"
review = "auto"
language = "de"
every = "1s"
"""


def add(root, folder: str, name: str, title: str) -> None:
    write(
        root / "inbox" / folder / f"{name}.txt",
        f"{title}\n\nIm Rathaus wurde heute über {title} beraten und abgestimmt.\n",
    )


def publish_runs(lines: Lines) -> int:
    return sum("job=publish " in line for line in lines.lines)


def test_a_source_disabled_while_running_is_no_longer_fetched(empty_root):
    write(empty_root / "schedule.toml", FAST_SCHEDULE)
    stadt = empty_root / "sources" / "stadt.toml"
    write(stadt, OWN_PACE_SOURCE)
    add(empty_root, "stadt", "erste", "Die erste Meldung der Stadt")
    process = start(empty_root)
    log = Lines(process)
    try:
        assert wait_for(lambda: "Die erste Meldung der Stadt" in feed_titles(empty_root))
        assert log.seen("event=started jobs=ingest,ingest:stadt,publish")

        stadt.write_text(stadt.read_text() + "enabled = false\n")
        assert wait_for(lambda: log.seen("event=config-changed"))
        assert wait_for(lambda: log.seen("event=started jobs=ingest,publish"))
        add(empty_root, "stadt", "spaet", "Die späte Meldung der Stadt")
        add(empty_root, "trusted", "weiter", "Die Meldung des Amtes")
        assert wait_for(lambda: "Die Meldung des Amtes" in feed_titles(empty_root))
        seen = publish_runs(log)
        assert wait_for(lambda: publish_runs(log) >= seen + 2)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert process.returncode == 0

    assert "Die späte Meldung der Stadt" not in feed_titles(empty_root)
    store = Store(f"sqlite:///{empty_root / 'var' / 'melder.db'}")
    try:
        titles = {view.release.title for view in store.queue(source="stadt")}
    finally:
        store.close()
    assert titles == {"Die erste Meldung der Stadt"}
    status = subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(empty_root), "status"],
        capture_output=True,
        text=True,
        check=True,
    )
    [row] = [line for line in status.stdout.splitlines() if line.startswith("stadt\t")]
    assert row.endswith("\tdisabled")


def test_an_every_given_while_running_gets_its_own_job(empty_root):
    write(empty_root / "schedule.toml", FAST_SCHEDULE)
    process = start(empty_root)
    log = Lines(process)
    try:
        assert wait_for(lambda: log.seen("event=started jobs=ingest,publish"))
        write(empty_root / "sources" / "stadt.toml", OWN_PACE_SOURCE)
        assert wait_for(lambda: log.seen("event=started jobs=ingest,ingest:stadt,publish"))
        add(empty_root, "stadt", "neu", "Die Meldung der neuen Quelle")
        assert wait_for(lambda: "Die Meldung der neuen Quelle" in feed_titles(empty_root))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert process.returncode == 0
