"""An editor's withdrawal stands until an editor decides otherwise: a new revision from the
sender, trusted or not, waits in the queue; approved, it comes back into every feed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from typer.testing import CliRunner

from pipeline import review
from pipeline.cli import app
from pipeline.store import Store
from tests.conftest import write

runner = CliRunner()

MARKET = (
    "Weihnachtsmarkt öffnet am Montag\n\nMühlheim, 27. November 2026, 09:00 Uhr. Der "
    "Oberbürgermeister eröffnet am Montag um 17 Uhr den Weihnachtsmarkt auf dem Rathausmarkt "
    "mit 64 Buden.\n"
)
POOL = (
    "Stadtbad Mitte schließt für Sanierung\n\nMühlheim, 27. November 2026, 10:00 Uhr. Das "
    "Stadtbad Mitte schließt ab dem 4. Januar 2027 für rund 18 Monate, das Dach wird erneuert.\n"
)
WINTER = (
    "Winterdienst startet in die Saison\n\nMühlheim, 27. November 2026, 11:00 Uhr. Der "
    "Winterdienst ist ab sofort einsatzbereit: 42 Streufahrzeuge stehen rund um die Uhr bereit.\n"
)


def melder(root: Path, *args: str, code: int = 0):
    result = runner.invoke(app, ["--root", str(root), *args])
    assert result.exit_code == code, result.output + str(result.exception or "")
    return result


def titles(root: Path) -> list[str]:
    feed = feedparser.parse((root / "outputs" / "portal" / "rss.xml").read_bytes())
    return [entry.title for entry in feed.entries]


def show(root: Path, release_id: str) -> dict:
    return json.loads(melder(root, "show", release_id, "--json").stdout)


def withdrawn_market(root: Path, source: str, max_items: int) -> tuple[str, Path]:
    """Three live releases of `source`, the oldest withdrawn and the withdrawal published."""
    channel = root / "outputs" / "portal.toml"
    channel.write_text(
        channel.read_text(encoding="utf-8").replace(
            'link = "', f'max_items = {max_items}\nlink = "', 1
        ),
        encoding="utf-8",
    )
    inbox = root / "inbox" / source
    market = write(inbox / "a-markt.txt", MARKET)
    melder(root, "ingest")
    write(inbox / "b-bad.txt", POOL)
    write(inbox / "c-winter.txt", WINTER)
    melder(root, "ingest")
    for item in json.loads(melder(root, "queue", "--state", "queued", "--json").stdout):
        melder(root, "approve", item["id"])
    melder(root, "publish")
    [release_id] = [
        item["id"]
        for item in json.loads(melder(root, "queue", "--json").stdout)
        if item["title"].startswith("Weihnachtsmarkt")
    ]
    melder(root, "withdraw", release_id, "--reason", "Rechtliche Prüfung")
    melder(root, "publish")
    return release_id, market


@pytest.mark.parametrize("max_items", [2, 50])
@pytest.mark.parametrize("source", ["trusted", "reviewed"])
def test_a_changed_withdrawn_release_waits_for_an_editor_and_comes_back_when_approved(
    empty_root, source, max_items
):
    release_id, market = withdrawn_market(empty_root, source, max_items)
    page = next((empty_root / "outputs" / "portal" / "releases").glob("weihnachtsmarkt-*.html"))
    notice = page.read_bytes()
    assert "Zurückgezogen: Weihnachtsmarkt öffnet am Montag" in titles(empty_root)

    market.write_text(MARKET.replace("64 Buden", "65 Buden"), encoding="utf-8")
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    shown = show(empty_root, release_id)
    assert (shown["state"], shown["pending"], shown["revision"]) == ("withdrawn", "queued", 2)
    assert shown["history"][-1]["note"] == (
        "release withdrawn, reason: Rechtliche Prüfung; this revision waits for an editor"
    )
    waiting = json.loads(melder(empty_root, "queue", "--state", "queued", "--json").stdout)
    assert [item["id"] for item in waiting] == [release_id]
    # readers are still told of the withdrawal, and nothing of the new text
    assert titles(empty_root)[0] == "Zurückgezogen: Weihnachtsmarkt öffnet am Montag"
    assert page.read_bytes() == notice

    said = melder(empty_root, "approve", release_id).stdout
    assert said.startswith(
        f"release {release_id} approved: revision 2 goes out, not revision 1 that went out "
        "before; it goes out at the next publish"
    )
    melder(empty_root, "publish")
    shown = show(empty_root, release_id)
    assert (shown["state"], shown["pending"], shown["live_revision"]) == ("published", None, 2)
    # back in the window, first, as a release that just went out; the notice is gone
    assert (
        titles(empty_root)
        == [
            "Weihnachtsmarkt öffnet am Montag",
            "Winterdienst startet in die Saison",
            "Stadtbad Mitte schließt für Sanierung",
        ][:max_items]
    )
    text = page.read_text(encoding="utf-8")
    assert "65 Buden" in text and "zurückgezogen" not in text.lower()


def test_a_withdrawn_release_s_rejected_revision_leaves_the_withdrawal_standing(empty_root):
    release_id, market = withdrawn_market(empty_root, "trusted", 50)
    market.write_text(MARKET.replace("64 Buden", "65 Buden"), encoding="utf-8")
    melder(empty_root, "ingest")
    said = melder(empty_root, "reject", release_id, "--reason", "Prüfung läuft").stdout
    assert "revision 2 of release" in said and "stays withdrawn" in said
    melder(empty_root, "publish")
    shown = show(empty_root, release_id)
    assert (shown["state"], shown["pending"]) == ("withdrawn", "rejected")
    assert titles(empty_root)[0] == "Zurückgezogen: Weihnachtsmarkt öffnet am Montag"
    assert json.loads(melder(empty_root, "queue", "--state", "queued", "--json").stdout) == []
    melder(empty_root, "reopen", release_id)
    assert show(empty_root, release_id)["pending"] == "queued"


def test_a_trusted_sender_s_correction_of_a_live_release_still_goes_out_unreviewed(empty_root):
    inbox = empty_root / "inbox" / "trusted"
    market = write(inbox / "a-markt.txt", MARKET)
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    market.write_text(MARKET.replace("64 Buden", "65 Buden"), encoding="utf-8")
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    assert (item["state"], item["pending"], item["live_revision"]) == ("published", None, 2)
    assert titles(empty_root) == ["Weihnachtsmarkt öffnet am Montag"]


def test_an_editor_s_edit_of_a_withdrawn_release_leaves_the_notice_up_until_approved(empty_root):
    release_id, _ = withdrawn_market(empty_root, "reviewed", 50)
    store = Store(f"sqlite:///{empty_root / 'var' / 'melder.db'}")
    seen = store.get(release_id, history=False).version
    # an empty title makes the edit invalid: it must not take the withdrawal down either
    review.edit(store, release_id, title="", teaser="", categories=[], actor="erika",
                now=datetime.now(UTC), seen=seen, text="Der Markt hat 65 Buden.")  # fmt: skip
    melder(empty_root, "publish")
    shown = show(empty_root, release_id)
    assert (shown["state"], shown["pending"]) == ("withdrawn", "invalid")
    assert titles(empty_root)[0] == "Zurückgezogen: Weihnachtsmarkt öffnet am Montag"
    seen = store.get(release_id, history=False).version
    review.edit(store, release_id, title="Weihnachtsmarkt öffnet am Montag", teaser="",
                categories=[], actor="erika", now=datetime.now(UTC), seen=seen,
                text="Der Markt hat in diesem Jahr 65 Buden.")  # fmt: skip
    assert show(empty_root, release_id)["pending"] == "queued"
    melder(empty_root, "approve", release_id)
    melder(empty_root, "publish")
    assert titles(empty_root)[0] == "Weihnachtsmarkt öffnet am Montag"
