"""A channel's changed settings reach every live release page at the next publish, not only
the pages of the releases still in the feed window."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import write

runner = CliRunner()

RELEASES = {
    "a-markt.txt": "Weihnachtsmarkt öffnet am Montag\n\nDer Markt hat in diesem Jahr 64 Buden.\n",
    "b-bad.txt": "Stadtbad Mitte schließt\n\nDas Stadtbad schließt im Januar für 18 Monate.\n",
    "c-winter.txt": "Winterdienst startet\n\nDer Winterdienst hat 42 Streufahrzeuge bereit.\n",
}


def melder(root: Path, *args: str) -> str:
    result = runner.invoke(app, ["--root", str(root), *args])
    assert result.exit_code == 0, result.output + str(result.exception or "")
    return result.stdout


def pages(root: Path) -> dict[str, str]:
    folder = root / "outputs" / "portal" / "releases"
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.html"))}


def three_pages_two_in_the_window(root: Path) -> Path:
    channel = root / "outputs" / "portal.toml"
    channel.write_text(
        channel.read_text(encoding="utf-8")
        .replace('link = "', 'max_items = 2\nlink = "', 1)
        .replace("Inhalte Dritter.", "ALTER HINWEIS."),
        encoding="utf-8",
    )
    for name, text in RELEASES.items():
        write(root / "inbox" / "trusted" / name, text)
        melder(root, "ingest")
        melder(root, "publish")
    assert len(pages(root)) == 3
    return channel


def test_a_new_disclaimer_reaches_every_live_page_once_and_then_nothing_changes(empty_root):
    channel = three_pages_two_in_the_window(empty_root)
    channel.write_text(
        channel.read_text(encoding="utf-8").replace("ALTER HINWEIS.", "NEUER HINWEIS."),
        encoding="utf-8",
    )
    said = melder(empty_root, "publish")
    assert "outputs/portal/: 0 file(s) changed" not in said
    for name, page in pages(empty_root).items():
        assert page.count("NEUER HINWEIS.") == 1, name
        assert "ALTER HINWEIS" not in page, name
    before = pages(empty_root)
    assert "outputs/portal/: 0 file(s) changed" in melder(empty_root, "publish")
    assert pages(empty_root) == before
    # a smaller window changes no page: they carry the same settings already
    channel.write_text(
        channel.read_text(encoding="utf-8").replace("max_items = 2", "max_items = 1"),
        encoding="utf-8",
    )
    melder(empty_root, "publish")
    assert pages(empty_root) == before


def test_a_renamed_source_signs_its_old_pages_with_the_new_name(empty_root):
    three_pages_two_in_the_window(empty_root)
    source = empty_root / "sources" / "trusted.toml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Trusted Office", "Stadt Mühlheim"),
        encoding="utf-8",
    )
    melder(empty_root, "publish")
    for name, page in pages(empty_root).items():
        assert "Verantwortlich ist allein Stadt Mühlheim." in page, name
        assert "Trusted Office" not in page, name


def test_a_withdrawn_release_keeps_its_notice_when_the_settings_change(empty_root):
    channel = three_pages_two_in_the_window(empty_root)
    [market] = [
        item["id"]
        for item in json.loads(melder(empty_root, "queue", "--json"))
        if item["title"].startswith("Weihnachtsmarkt")
    ]
    melder(empty_root, "withdraw", market, "--reason", "Rechtliche Prüfung")
    melder(empty_root, "publish")
    channel.write_text(
        channel.read_text(encoding="utf-8").replace("ALTER HINWEIS.", "NEUER HINWEIS."),
        encoding="utf-8",
    )
    melder(empty_root, "publish")
    notice = pages(empty_root)[f"weihnachtsmarkt-oeffnet-am-montag-{market[:8]}.html"]
    assert "zurückgezogen" in notice and "64 Buden" not in notice
    assert "HINWEIS" not in notice
