"""Corrections and withdrawals reach readers: real feed readers read our feeds before and after.

feedparser reads RSS and Atom; newsboat (Debian's, headless `-x reload`) keeps its own cache,
which is read back, so the test sees what a reader's list shows: one item, updated in place.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import write

runner = CliRunner()
LINK = "https://portal.example/melder"
KITA = (
    "Neue Kita öffnet im Westen\n\nDie Stadt eröffnet am Montag eine Kita mit 80 Plätzen im "
    "Westen der Stadt. Eltern melden ihre Kinder im Bürgerbüro an.\n"
)


def melder(root: Path, *args: str) -> str:
    result = runner.invoke(app, ["--root", str(root), *args])
    assert result.exit_code == 0, result.output + str(result.exception or "")
    return result.stdout


def feeds(root: Path):
    folder = root / "outputs" / "portal"
    return (
        feedparser.parse((folder / "rss.xml").read_bytes()),
        feedparser.parse((folder / "atom.xml").read_bytes()),
        json.loads((folder / "feed.json").read_text(encoding="utf-8")),
    )


class Newsboat:
    """newsboat with its own home, urls file and cache, reloading once per call."""

    def __init__(self, home: Path, feed: Path):
        binary = shutil.which("newsboat")
        if binary is None:
            if os.environ.get("CI") == "true":
                pytest.fail("newsboat is not installed; .ci/run must install it")
            pytest.skip("needs newsboat (apt-get install newsboat)")
        self.binary, self.home = binary, home
        home.mkdir(parents=True, exist_ok=True)
        (home / "urls").write_text(f"{feed.as_uri()}\n", encoding="utf-8")

    def reload(self) -> list[tuple[str, str, str]]:
        subprocess.run(
            [self.binary, "-x", "reload", "-u", "urls", "-c", "cache.db", "-C", "/dev/null"],
            cwd=self.home,
            env={**os.environ, "HOME": str(self.home)},
            check=True,
            timeout=60,
            capture_output=True,
        )
        with sqlite3.connect(self.home / "cache.db") as cache:
            return cache.execute("SELECT guid, title, content FROM rss_item").fetchall()


def test_a_correction_and_a_withdrawal_update_the_item_in_place(empty_root, tmp_path):
    path = write(empty_root / "inbox" / "trusted" / "kita.txt", KITA)
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    rss, atom, jsonfeed = feeds(empty_root)
    [item] = rss.entries
    guid, built = item.id, rss.feed.updated
    reader = Newsboat(tmp_path / "newsboat", empty_root / "outputs" / "portal" / "rss.xml")
    [(seen_guid, title, content)] = reader.reload()
    assert (seen_guid, title) == (guid, "Neue Kita öffnet im Westen") and "80 Plätzen" in content

    time.sleep(1.1)  # feed dates have whole seconds: the update must be a later one
    path.write_text(KITA.replace("80 Plätzen", "90 Plätzen"), encoding="utf-8")
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    rss, atom, jsonfeed = feeds(empty_root)
    [corrected] = rss.entries
    assert corrected.id == guid and "90 Plätzen" in corrected.content[0].value
    assert rss.feed.updated != built and atom.entries[0].updated != atom.entries[0].published
    [(seen_guid, _, content)] = reader.reload()
    assert seen_guid == guid and "90 Plätzen" in content

    time.sleep(1.1)
    release_id = json.loads(melder(empty_root, "queue", "--json"))[0]["id"]
    melder(empty_root, "withdraw", release_id, "--reason", "falsche Angaben")
    melder(empty_root, "publish")
    rss, atom, jsonfeed = feeds(empty_root)
    for entry in (rss.entries[0], atom.entries[0]):
        assert entry.id == guid and entry.title == "Zurückgezogen: Neue Kita öffnet im Westen"
        assert "90 Plätzen" not in json.dumps(entry, default=str)
    assert jsonfeed["items"][0]["title"].startswith("Zurückgezogen: ")
    assert rss.feed.updated != built
    # the tombstone is there, and its link is not taken for the feed's own
    assert "deleted-entry" in (empty_root / "outputs" / "portal" / "atom.xml").read_text()
    assert atom.feed.link == LINK and rss.feed.link == LINK
    [(seen_guid, title, content)] = reader.reload()
    assert (seen_guid, title) == (guid, "Zurückgezogen: Neue Kita öffnet im Westen")
    assert "zurückgezogen" in content and "90 Plätzen" not in content
    index = (empty_root / "outputs" / "portal" / "index.html").read_text(encoding="utf-8")
    assert "Kita" not in index


def test_after_the_retention_window_a_withdrawn_release_leaves_the_feeds(empty_root):
    channel = empty_root / "outputs" / "portal.toml"
    channel.write_text(
        channel.read_text(encoding="utf-8").replace('link = "', 'withdrawn_days = 0\nlink = "', 1),
        encoding="utf-8",
    )
    write(empty_root / "inbox" / "trusted" / "kita.txt", KITA)
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    release_id = json.loads(melder(empty_root, "queue", "--json"))[0]["id"]
    [fragment] = (empty_root / "outputs" / "portal" / "releases").glob("*.html")
    melder(empty_root, "withdraw", release_id, "--reason", "falsche Angaben")
    melder(empty_root, "publish")
    rss, atom, jsonfeed = feeds(empty_root)
    assert rss.entries == [] and atom.entries == [] and jsonfeed["items"] == []
    notice = fragment.read_text(encoding="utf-8")
    assert "zurückgezogen" in notice
    # dated in the channel's zone, like every other date of the channel, not in the store's UTC
    stamp = re.search(r'<time datetime="([^"]+)">', notice).group(1)
    assert (
        datetime.fromisoformat(stamp).utcoffset()
        == datetime.now(ZoneInfo("Europe/Berlin")).utcoffset()
    )


@pytest.mark.parametrize("filters", ["", 'languages = ["de"]\n'])
def test_a_withdrawal_reaches_every_feed_when_the_release_left_the_window(empty_root, filters):
    channel = empty_root / "outputs" / "portal.toml"
    channel.write_text(
        channel.read_text(encoding="utf-8").replace(
            'link = "', f'max_items = 2\n{filters}link = "', 1
        ),
        encoding="utf-8",
    )
    for day, topic in ((20, "Schwimmbad öffnet wieder"), (21, "Neues Löschfahrzeug")):
        write(
            empty_root / "inbox" / "trusted" / f"{day}.txt",
            f"{topic}\n\nLindenau, {day}.11.2026, 10:00 Uhr. Die Stadt teilt mit: {topic}. "
            "Die Einzelheiten stehen auf der Website der Stadt.\n",
        )
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    write(
        empty_root / "inbox" / "trusted" / "22.txt",
        "Neue Ampel an der Schule\n\nLindenau, 22.11.2026, 10:00 Uhr. Die Stadt baut eine "
        "Ampel an der Schule. Sie soll im Frühjahr stehen.\n",
    )
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    rss, _atom, _jsonfeed = feeds(empty_root)
    assert [entry.title for entry in rss.entries] == [
        "Neue Ampel an der Schule",
        "Neues Löschfahrzeug",
    ]
    [oldest] = [
        item["id"]
        for item in json.loads(melder(empty_root, "queue", "--json", "--state", "published"))
        if item["title"] == "Schwimmbad öffnet wieder"
    ]
    melder(empty_root, "withdraw", oldest, "--reason", "falsche Angaben")
    melder(empty_root, "publish")
    rss, atom, jsonfeed = feeds(empty_root)
    notice = "Zurückgezogen: Schwimmbad öffnet wieder"
    assert rss.entries[0].title == atom.entries[0].title == notice
    assert jsonfeed["items"][0]["title"] == notice
    # the feed's date moved to the withdrawal, in the channel's zone like every other date
    offset = datetime.now(ZoneInfo("Europe/Berlin")).isoformat()[-6:]
    assert atom.feed.updated.endswith(offset), atom.feed.updated
    ninjs = (empty_root / "outputs" / "portal" / "ninjs.json").read_text(encoding="utf-8")
    assert "Schwimmbad" in ninjs
    # the window of live releases is unchanged
    assert [entry.title for entry in rss.entries[1:]] == [
        "Neue Ampel an der Schule",
        "Neues Löschfahrzeug",
    ]


LAB = (
    "Northwind opens a new research lab in Leipzig\n\nNorthwind Energy opens its new research "
    "lab for battery storage in Leipzig on Monday. Forty engineers will work there from "
    "January.\n"
)


def test_a_withdrawal_is_told_in_the_release_s_own_language_in_feed_and_page(empty_root):
    write(
        empty_root / "sources" / "northwind.toml",
        'title = "Northwind Energy"\nkind = "files"\npath = "inbox/northwind"\n'
        'review = "auto"\nlanguage = "en"\n',
    )
    write(empty_root / "inbox" / "northwind" / "lab.txt", LAB)
    write(empty_root / "inbox" / "trusted" / "kita.txt", KITA)
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    for item in json.loads(melder(empty_root, "queue", "--json")):
        melder(empty_root, "withdraw", item["id"], "--reason", "sender withdrew it")
    melder(empty_root, "publish")
    rss, atom, jsonfeed = feeds(empty_root)
    titles = sorted(entry.title for entry in atom.entries)
    assert titles == [
        "Withdrawn: Northwind opens a new research lab in Leipzig",
        "Zurückgezogen: Neue Kita öffnet im Westen",
    ]
    english = next(i for i in jsonfeed["items"] if i["title"].startswith("Withdrawn"))
    assert english["language"] == "en"
    assert '<article class="melder-release melder-withdrawn" lang="en">' in english["content_html"]
    assert "This release has been withdrawn." in english["content_html"]
    pages = (empty_root / "outputs" / "portal" / "releases").glob("*.html")
    page = next(p.read_text(encoding="utf-8") for p in pages if "Northwind" in p.read_text())
    assert 'lang="en"' in page and "This release has been withdrawn." in page
    assert "zurückgezogen" not in page
