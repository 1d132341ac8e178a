"""Embargoes against a controlled clock, across the spring DST change in Europe/Berlin."""

from __future__ import annotations

from datetime import UTC, datetime

import feedparser
import time_machine
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import write

runner = CliRunner()
EMBARGOED = """Sperrfrist: 29.03.2026, 10:00 Uhr

Frühjahrsputz im Stadtpark

Am Sonntag räumen Freiwillige gemeinsam mit dem Grünflächenamt den Stadtpark auf.
"""


def melder(root, *args):
    result = runner.invoke(app, ["--root", str(root), *args])
    assert result.exit_code == 0, result.output
    return result


def atom_entries(root):
    return feedparser.parse(root / "outputs" / "portal" / "atom.xml").entries


def test_an_embargoed_release_appears_at_the_first_publish_after_its_time(empty_root):
    write(empty_root / "inbox" / "trusted" / "putz.txt", EMBARGOED)
    # 01:30 UTC on the night of the change: still CET (+01:00) in Berlin
    with time_machine.travel(datetime(2026, 3, 29, 0, 30, tzinfo=UTC), tick=False):
        melder(empty_root, "run", "--once")
    assert atom_entries(empty_root) == []
    # 09:59 CEST (+02:00) = 07:59 UTC: one minute before the embargo ends
    with time_machine.travel(datetime(2026, 3, 29, 7, 59, tzinfo=UTC), tick=False):
        melder(empty_root, "publish")
    assert atom_entries(empty_root) == []
    with time_machine.travel(datetime(2026, 3, 29, 8, 0, 5, tzinfo=UTC), tick=False):
        melder(empty_root, "publish")
    [entry] = atom_entries(empty_root)
    assert entry.title == "Frühjahrsputz im Stadtpark"
    fragment = next((empty_root / "outputs" / "portal" / "releases").glob("*.html")).read_text()
    # dated by the publish moment, shown in the source's zone with the summer offset
    assert 'datetime="2026-03-29T10:00:05+02:00"' in fragment


def test_the_embargo_is_kept_in_the_source_time_zone(empty_root):
    write(empty_root / "inbox" / "trusted" / "putz.txt", EMBARGOED)
    with time_machine.travel(datetime(2026, 3, 28, 12, 0, tzinfo=UTC), tick=False):
        melder(empty_root, "ingest")
        result = runner.invoke(app, ["--root", str(empty_root), "queue", "--json"])
    assert '"embargo_until": "2026-03-29T10:00:00+02:00"' in result.stdout
