"""`melder ingest` killed in the middle of a 3,000-input backlog keeps everything it stored
before the kill, and the next run picks up where it stopped: nothing lost, nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from sqlalchemy import create_engine, text

from tests.conftest import write
from tests.security.test_xss_routes import _paragraphs

INPUTS = 3000


def _count(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT COUNT(*) FROM releases")).scalar()
    except Exception:  # the store is not made yet
        return 0
    finally:
        engine.dispose()


def test_a_killed_backlog_ingest_keeps_what_it_stored_and_resumes(tmp_path):
    root = tmp_path / "root"
    write(root / "sources" / "inbox.toml", 'title = "Inbox"\nkind = "files"\npath = "in"\n')
    (root / "outputs").mkdir()
    inbox = root / "in"
    inbox.mkdir()
    for number in range(INPUTS):
        text_ = "\n\n".join(_paragraphs(["Ende."], number, "backlog"))
        (inbox / f"pm-{number:05d}.txt").write_text(f"Meldung {number}\n\n{text_}\n")
    url = f"sqlite:///{root / 'var' / 'melder.db'}"
    env = {**os.environ, "MELDER_ROOT": str(root), "MELDER_DATABASE_URL": url}
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "ingest"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen = 0
    deadline = time.monotonic() + 120
    while seen < INPUTS // 2 and process.poll() is None and time.monotonic() < deadline:
        seen = _count(url)
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    kept = _count(url)
    print(f"\nkilled at {seen}/{INPUTS} stored: {kept} kept")
    assert INPUTS // 2 <= kept < INPUTS, (seen, kept)
    resumed = subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", "--json"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert resumed.returncode == 0, resumed.stderr
    assert _count(url) == INPUTS
    engine = create_engine(url)
    with engine.connect() as connection:
        twice = connection.execute(
            text(
                "SELECT COUNT(*) FROM (SELECT identity FROM releases GROUP BY identity "
                "HAVING COUNT(*) > 1)"
            )  # fmt: skip
        ).scalar()
    engine.dispose()
    assert twice == 0
