"""A release dated more than a day ahead is held for an editor even from a trusted source, and
no feed ever shows a date after the moment the release went out."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import feedparser

from pipeline import runner
from pipeline.config import load_config
from pipeline.models import State
from pipeline.review import approve
from pipeline.store import Store
from tests.conftest import write

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _ingest(root, name: str, date_line: str) -> str:
    write(
        root / "inbox" / "trusted" / name,
        f"Weihnachtskonzert im Rathaus\n\n{date_line}\n\nDas Konzert beginnt um 18 Uhr im "
        "großen Saal des Rathauses; der Eintritt ist frei, sagt die Stadt.\n",
    )
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    [view] = [v for v in store.queue(limit=1000) if v.release.identity.endswith(name)]
    store.close()
    return view.release.id


def test_a_date_weeks_ahead_from_a_trusted_source_waits_for_an_editor(empty_root):
    release_id = _ingest(empty_root, "konzert.txt", "Lindenau, 24.12.2026 – ")
    store = Store(f"sqlite:///{empty_root / 'var' / 'melder.db'}")
    view = store.get(release_id)
    assert view.state == State.QUEUED
    assert any("lies in the future" in warning for warning in view.release.warnings)
    approve(store, release_id, actor="erika", now=NOW)
    runner.publish(load_config(empty_root), store, now=NOW)
    store.close()
    feed = feedparser.parse((empty_root / "outputs" / "portal" / "rss.xml").read_bytes())
    [entry] = feed.entries
    assert datetime(*entry.published_parsed[:6], tzinfo=UTC) == NOW
    item = json.loads((empty_root / "outputs" / "portal" / "feed.json").read_text())["items"][0]
    assert datetime.fromisoformat(item["date_published"]) == NOW


def test_a_date_later_the_same_day_goes_out_as_usual(empty_root):
    release_id = _ingest(empty_root, "heute.txt", "Lindenau, 25.11.2026 18:00 Uhr – ")
    store = Store(f"sqlite:///{empty_root / 'var' / 'melder.db'}")
    assert store.get(release_id).state == State.APPROVED
    store.close()
