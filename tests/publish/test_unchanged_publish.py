"""A publish where nothing a channel shows has changed renders nothing and touches no file;
a correction, a new disclaimer, or a file deleted or edited by hand is still written."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline.publish.fragment as fragment
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


def files(root: Path) -> dict[str, tuple[int, bytes]]:
    folder = root / "outputs" / "portal"
    return {
        str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The titles of the releases whose article was rendered."""
    titles: list[str] = []
    render = fragment.render_article

    def counting(item, channel, source):
        titles.append(item.release.title)
        return render(item, channel, source)

    monkeypatch.setattr(fragment, "render_article", counting)
    return titles


@pytest.fixture
def published(empty_root: Path) -> Path:
    for name, text in RELEASES.items():
        write(empty_root / "inbox" / "trusted" / name, text)
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    return empty_root


def test_an_unchanged_publish_renders_nothing_and_touches_no_file(published, rendered, caplog):
    before = files(published)
    with caplog.at_level(logging.INFO, logger="pipeline.publish"):
        said = melder(published, "publish")
    assert "outputs/portal/: 0 file(s) changed" in said
    assert rendered == []
    assert files(published) == before
    assert "channel=portal outcome=unchanged rendered=0" in caplog.messages


def test_a_correction_rewrites_its_page_and_the_feeds(published, rendered):
    before = files(published)
    write(
        published / "inbox" / "trusted" / "b-bad.txt",
        "Stadtbad Mitte schließt\n\nDas Stadtbad schließt im Februar für 18 Monate.\n",
    )
    melder(published, "ingest")
    melder(published, "publish")
    after = files(published)
    changed = {name for name in after if after[name][1] != before.get(name, (0, b""))[1]}
    page = next(name for name in after if name.startswith("releases/stadtbad-mitte"))
    assert page in changed
    assert {"rss.xml", "atom.xml", "feed.json"} <= changed
    assert "im Februar" in after[page][1].decode()
    assert not any(name.startswith("releases/weihnachtsmarkt") for name in changed)
    assert "Stadtbad Mitte schließt" in rendered


def test_a_new_disclaimer_is_rendered_into_every_page(published, rendered):
    channel = published / "outputs" / "portal.toml"
    text = channel.read_text(encoding="utf-8")
    channel.write_text(text.replace("Inhalte Dritter.", "Inhalte anderer."), encoding="utf-8")
    melder(published, "publish")
    for name, (_, data) in files(published).items():
        if name.startswith("releases/"):
            assert data.decode().count("Inhalte anderer.") == 1, name
    assert len(rendered) >= len(RELEASES)


def test_a_deleted_file_comes_back(published, rendered):
    before = files(published)
    folder = published / "outputs" / "portal"
    page = next(name for name in before if name.startswith("releases/winterdienst"))
    (folder / page).unlink()
    (folder / "rss.xml").unlink()
    melder(published, "publish")
    assert (folder / page).read_bytes() == before[page][1]
    assert (folder / "rss.xml").read_bytes() == before["rss.xml"][1]
    rendered.clear()
    melder(published, "publish")
    assert rendered == []


def test_a_file_edited_by_hand_is_written_again(published):
    before = files(published)
    feed = published / "outputs" / "portal" / "feed.json"
    noted = (published / "outputs" / "portal" / ".shown").stat().st_mtime_ns
    # the same size, so only its time tells the edit
    feed.write_bytes(before["feed.json"][1].replace(b"Markt", b"MARKT"))
    os.utime(feed, ns=(noted + 1_000_000_000, noted + 1_000_000_000))
    melder(published, "publish")
    assert feed.read_bytes() == before["feed.json"][1]
