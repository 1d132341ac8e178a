"""A publish killed mid-write leaves temp files only where the next publish looks for them.

Temp files are made in one staging folder per channel, so the cleanup lists two small folders
instead of walking `releases/` (100,000 pages cost 130 ms a publish to walk).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

from pipeline import runner
from pipeline.atomic import STAGING, TEMP_SUFFIX, write_atomic
from pipeline.config import load_config
from pipeline.store import Store
from tests.conftest import write

WORDS = (
    "Stadt Rat Hafen Brücke Schule Park Verkehr Umwelt Kultur Museum Energie Bahnhof Woche "
    "Montag Planung Sanierung beginnt endet neue große kleine Bürger Verwaltung Förderung"
).split()
CHANNEL = (
    'title = "Portal"\ndescription = "d"\nlink = "https://portal.example/m"\nmax_items = 5\n'
    '[disclaimer]\ntext = "Inhalte Dritter: {source}."\n'
)


def backlog_root(tmp_path, count: int):
    root = tmp_path / "root"
    write(
        root / "sources" / "press.toml",
        'title = "Press"\nkind = "files"\npath = "inbox"\nreview = "auto"\nlanguage = "de"\n',
    )
    write(root / "outputs" / "portal.toml", CHANNEL)
    words = random.Random(count).choices(WORDS, k=count * 60)
    for number in range(count):
        # texts of their own: near-identical ones would be held as possible duplicates
        text = " ".join(words[number * 60 : (number + 1) * 60])
        write(
            root / "inbox" / f"{number:05d}.txt",
            f"Meldung {number} über den Hafen\n\n{text.capitalize()}.\n\nPressekontakt:\nAmt\n",
        )
    return root


def leftovers(folder) -> list:
    return sorted(path for path in folder.rglob(f"*{TEMP_SUFFIX}"))


def test_temp_files_go_to_the_staging_folder_and_nowhere_else(tmp_path):
    target = tmp_path / "channel" / "releases" / "a.html"
    staging = tmp_path / "channel" / STAGING
    seen = []
    real_replace = os.replace

    def watching(source, destination):
        seen.append(os.path.dirname(source))
        real_replace(source, destination)

    os.replace = watching
    try:
        assert write_atomic(target, b"<p>x</p>", staging=staging)
    finally:
        os.replace = real_replace
    assert seen == [str(staging)]
    assert target.read_bytes() == b"<p>x</p>"


def test_what_a_killed_publish_left_is_removed_by_the_next(tmp_path):
    root = backlog_root(tmp_path, 3)
    config = load_config(root)
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    now = datetime.now(UTC)
    runner.ingest(config, store, now=now)
    runner.publish(config, store, now=now)
    folder = root / "outputs" / "portal"
    assert not (folder / STAGING).exists(), "an empty staging folder is not left behind"
    # what `kill -9` during a write leaves: a temp file in staging (and one from an older
    # Melder, which wrote temp files beside the target)
    write(folder / STAGING / f".rss.xml.k2j4{TEMP_SUFFIX}", "half a feed")
    write(folder / f".atom.xml.x9q1{TEMP_SUFFIX}", "half a feed")
    runner.publish(config, store, now=now)
    store.close()
    assert leftovers(folder) == []
    assert not (folder / STAGING).exists()


def test_kill_nine_during_a_backlog_publish_then_publish_again(tmp_path):
    root = backlog_root(tmp_path, 400)
    env = {**os.environ, "MELDER_ROOT": str(root)}
    melder = [sys.executable, "-m", "pipeline"]
    subprocess.run([*melder, "ingest"], env=env, check=True, capture_output=True)
    publishing = subprocess.Popen(
        [*melder, "publish"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    pages = root / "outputs" / "portal" / "releases"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and publishing.poll() is None:
        if pages.is_dir() and any(pages.iterdir()):
            break
        time.sleep(0.005)
    publishing.send_signal(signal.SIGKILL)
    publishing.wait()
    again = subprocess.run([*melder, "publish"], env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert leftovers(root / "outputs") == []
    assert len(list(pages.glob("*.html"))) == 400
