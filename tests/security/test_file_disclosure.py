"""Content that names a file: a feed guid or a Message-ID that looks like a path must never make
the desk show a file of the Melder folder (the database with its password hashes, TOML, keys)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from pipeline import runner
from pipeline.config import load_config
from pipeline.models import Provenance, State
from pipeline.web import create_app
from tests.conftest import write
from tests.factories import make_release
from tests.remote_helpers import FAST_TOML, local
from tests.web_support import login, make_root, open_store, seed_users, settings_for

SECRET_MARKERS = ("SQLite format", "argon2", "MELDER", "BEGIN PRIVATE KEY", "kind = ")
PATHS = ["var/melder.db", "../root/var/melder.db", "sources/office.toml", "/etc/passwd",
         "var/tls/key.pem"]  # fmt: skip


@pytest.fixture
def root(tmp_path):
    root = make_root(tmp_path / "root")
    write(root / "var" / "tls" / "key.pem", "-----BEGIN PRIVATE KEY-----\nabc\n")
    store = open_store(root)
    seed_users(store)
    store.close()
    return root


def desk_page(root, release_id: str) -> str:
    with TestClient(create_app(root, settings_for(root))) as client:
        login(client)
        return client.get(f"/desk/releases/{release_id}").text


@pytest.mark.parametrize("guid", PATHS)
def test_a_feed_guid_that_names_a_file_shows_the_entry_not_the_file(root, httpserver, guid):
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>P</title>
      <link>https://p.example/</link><description>d</description>
      <item><title>Neue Brücke über die Saale eröffnet</title>
      <guid isPermaLink="false">{guid}</guid>
      <description>&lt;p&gt;Die Stadt eröffnet am Montag die neue Brücke über die Saale.
      Sie verbindet die Altstadt mit dem Neubaugebiet.&lt;/p&gt;</description>
      </item></channel></rss>"""
    httpserver.expect_request("/feed.xml").respond_with_data(
        feed, content_type="application/rss+xml"
    )
    write(
        root / "sources" / "feed.toml",
        f'title = "Feed"\nkind = "rss"\nurl = "{local(httpserver, "/feed.xml")}"\n{FAST_TOML}',
    )
    store = open_store(root)
    runner.ingest(load_config(root), store, now=datetime.now(UTC))
    [view] = [v for v in store.queue(State.QUEUED) if v.release.source == "feed"]
    store.close()
    page = desk_page(root, view.release.id)
    assert "Saale" in page
    for marker in SECRET_MARKERS:
        assert marker not in page, marker
    assert view.release.provenance.path.startswith("var/originals/feed/")


@pytest.mark.parametrize("path", PATHS)
def test_a_stored_path_outside_the_input_folders_shows_nothing(root, path):
    """Releases stored before this rule, or by any future route, are held to it too."""
    store = open_store(root)
    release = make_release("x-" + path, source="office")
    release = release.model_copy(
        update={"provenance": Provenance(route="imap", received_at=datetime.now(UTC), path=path)}
    )
    [saved] = store.save([(release, State.QUEUED, None)], now=datetime.now(UTC), actor="office")
    store.close()
    page = desk_page(root, saved.release_id)
    for marker in SECRET_MARKERS:
        assert marker not in page, marker


def test_the_original_of_a_files_input_is_still_shown(root):
    write(root / "inbox" / "office" / "pm.txt", "Neue Brücke eröffnet\n\nDie Stadt eröffnet.\n")
    store = open_store(root)
    runner.ingest(load_config(root), store, now=datetime.now(UTC))
    [view] = store.queue(State.QUEUED)
    store.close()
    assert "Die Stadt eröffnet." in desk_page(root, view.release.id).split("original")[-1]
