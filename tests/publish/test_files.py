"""publish_channel on disk: the files, byte-identical republish, URLs kept, speed."""

from __future__ import annotations

import time
from datetime import datetime

from pipeline.publish import FORMATS, publish_channel
from tests.publish_helpers import BERLIN, channel, entry, release, sample_entries, sources

EXPECTED = {"rss.xml", "atom.xml", "feed.json", "ninjs.json", "news-sitemap.xml", "index.html"}


def snapshot(folder) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_registry_names_every_format():
    assert set(FORMATS) == {"rss", "atom", "jsonfeed", "ninjs", "sitemap", "html"}


def test_publish_writes_feeds_index_and_one_fragment_per_release(tmp_path):
    entries = sample_entries()
    report = publish_channel("melder", channel(), entries, sources(), tmp_path / "melder")
    written = {str(path.relative_to(tmp_path / "melder")) for path in report.written}
    assert written == EXPECTED | {f"releases/{e.public_name}" for e in entries}
    assert report.unchanged == []
    assert not list((tmp_path / "melder").rglob("*.tmp"))


def test_release_pages_are_written_before_the_feeds_that_link_them(tmp_path):
    """A reader following a new item's link while a publish is under way finds its page."""
    report = publish_channel("melder", channel(), sample_entries(), sources(), tmp_path / "m")
    order = [str(path.relative_to(tmp_path / "m")) for path in report.written]
    pages = [i for i, name in enumerate(order) if name.startswith("releases/")]
    linking = [i for i, name in enumerate(order) if name in EXPECTED]
    assert len(pages) == 2 and max(pages) < min(linking)


def test_republish_is_byte_identical_and_writes_nothing(tmp_path):
    out = tmp_path / "melder"
    publish_channel("melder", channel(), sample_entries(), sources(), out)
    before = snapshot(out)
    mtimes = {path: path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()}
    time.sleep(0.01)
    report = publish_channel("melder", channel(), sample_entries(), sources(), out)
    assert report.written == [] and not report.changed
    assert len(report.unchanged) == len([name for name in before if not name.startswith(".")])
    assert snapshot(out) == before
    assert {path: path.stat().st_mtime_ns for path in mtimes} == mtimes


def test_an_update_rewrites_only_what_changed(tmp_path):
    out = tmp_path / "melder"
    german, english = sample_entries()
    publish_channel("melder", channel(), [german, english], sources(), out)
    revised = entry(
        release(body_html="<p>Neues Programm.</p>"),
        updated_at=datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN),
        revision=3,
    )
    report = publish_channel("melder", channel(), [revised, english], sources(), out)
    written = {str(path.relative_to(out)) for path in report.written}
    assert f"releases/{english.public_name}" not in written
    assert f"releases/{revised.public_name}" in written
    assert revised.public_name == german.public_name  # same URL for the new revision
    assert "Neues Programm." in (out / "releases" / revised.public_name).read_text()


def test_fragments_outside_max_items_stay_on_disk(tmp_path):
    out = tmp_path / "melder"
    german, english = sample_entries()
    publish_channel("melder", channel(), [german, english], sources(), out)
    publish_channel("melder", channel(max_items=1), [german], sources(), out)
    assert (out / "releases" / english.public_name).is_file()
    assert english.public_name not in (out / "rss.xml").read_text()
