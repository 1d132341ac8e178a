"""Our feeds as real consumers read them, field by field: feedparser (Python), newsboat
(Debian's reader, its cache read back) and rss-parser (npm, as Node portals use it)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from pipeline import runner
from pipeline.config import load_config
from pipeline.store import Store
from tests.conftest import write
from tests.media_helpers import photo
from tests.publish.test_readers_see_changes import Newsboat

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
NODE_MODULES = Path(os.environ.get("MELDER_NODE_MODULES", Path.home() / ".cache/melder-node"))
DISCLAIMER = "Inhalte Dritter, verantwortlich ist {source}."
TITLES = {"Museum öffnet im Westen": "de", "Night ferry links the harbour": "en"}
PHOTO_RE = r"^https://portal\.example/m/media/[0-9a-f]{64}-1200\.jpg$"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("consumers") / "root"
    write(root / "sources" / "inbox.toml",
          'title = "Stadt Lindenau"\nkind = "files"\npath = "in"\nreview = "auto"\n')  # fmt: skip
    write(
        root / "outputs" / "portal.toml",
        'title = "Portal"\ndescription = "d"\nlink = "https://portal.example/m"\n'
        f'[disclaimer]\ntext = "{DISCLAIMER}"\n',
    )
    write(root / "in" / "museum.md", "---\ntitle: Museum öffnet im Westen\ndate: 2026-11-24 10:30\n"
          "categories: [Kultur, Bildung]\nlanguage: de\n---\n\n![Der neue Saal](saal.jpg \"Der "
          "Saal im Westflügel. Foto: Museum Lindenau\")\n\nDas neue Museum zeigt ab Montag "
          "Bilder aus drei Jahrhunderten, sagt die Stadt.\n")  # fmt: skip
    (root / "in" / "saal.jpg").write_bytes(photo(1600, 1000))
    write(root / "in" / "ferry.md", "---\ntitle: Night ferry links the harbour\ndate: "
          "2026-11-24 18:00\ncategories: [Transport]\nlanguage: en\n---\n\nA new night ferry "
          "runs between the two harbours from Monday, the council said.\n")  # fmt: skip
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    runner.publish(load_config(root), store, now=NOW)
    store.close()
    return root / "outputs" / "portal"


def test_feedparser_reads_every_field(published):
    for name in ("rss.xml", "atom.xml", "feed.json"):
        if name == "feed.json":
            items = json.loads((published / name).read_text())["items"]
            seen = {item["title"]: item for item in items}
            assert {title: item["language"] for title, item in seen.items()} == TITLES
            assert seen["Museum öffnet im Westen"]["tags"] == ["Kultur", "Bildung"]
            assert re.match(PHOTO_RE, seen["Museum öffnet im Westen"]["image"])
            [attachment] = seen["Museum öffnet im Westen"]["attachments"]
            assert attachment["mime_type"] == "image/jpeg" and attachment["size_in_bytes"] > 0
            assert all("Pressemitteilung" in item["summary"] or "Press release" in item["summary"]
                       for item in items)  # fmt: skip
            continue
        feed = feedparser.parse((published / name).read_bytes())
        assert feed.bozo == 0
        entries = {entry.title: entry for entry in feed.entries}
        assert set(entries) == set(TITLES)
        museum = entries["Museum öffnet im Westen"]
        assert museum.link.startswith("https://portal.example/m/releases/")
        assert museum.id.startswith("urn:uuid:")
        assert museum.published.endswith(("+0100", "+01:00"))
        assert [tag.term for tag in museum.tags] == ["Kultur", "Bildung"]
        assert museum.author == "Stadt Lindenau"
        assert museum.content[0].value.count("Inhalte Dritter, verantwortlich ist") == 1
        assert museum.summary.startswith("Pressemitteilung: Stadt Lindenau – ")
        ferry = entries["Night ferry links the harbour"]
        assert ferry.summary.startswith("Press release: Stadt Lindenau – ")
        [enclosure] = museum.enclosures
        assert re.match(PHOTO_RE, enclosure.href) and enclosure.type == "image/jpeg"
        assert int(enclosure.length) == (published / enclosure.href[25:]).stat().st_size
        assert ferry.enclosures == []
        if name == "atom.xml":  # feedparser gives an entry's xml:lang to its content
            assert museum.content[0].language == "de" and ferry.content[0].language == "en"
        else:
            assert museum.language == "de" and ferry.language == "en"


def test_newsboat_keeps_every_item_with_its_author_and_date(published, tmp_path):
    reader = Newsboat(tmp_path / "newsboat", published / "rss.xml")
    reader.reload()
    with sqlite3.connect(tmp_path / "newsboat" / "cache.db") as cache:
        rows = cache.execute("SELECT title, url, guid, author, pubDate, content FROM rss_item")
        items = {row[0]: row for row in rows}

    assert set(items) == set(TITLES)
    title, url, guid, author, date, content = items["Museum öffnet im Westen"]
    assert url.startswith("https://portal.example/m/releases/") and guid.startswith("urn:uuid:")
    assert author == "Stadt Lindenau"
    assert datetime.fromtimestamp(date, UTC) == datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    assert content.count("Inhalte Dritter, verantwortlich ist") == 1
    # newsboat keeps only podcast enclosures (audio, video): the photo reaches it in the content
    [photo_url] = re.findall(r'<img src="([^"]+)"', content)
    assert re.match(PHOTO_RE, photo_url)


READ_WITH_RSS_PARSER = """
const Parser = require('rss-parser');
const fs = require('fs');
const parser = new Parser({customFields: {item: ['dc:language']}});
(async () => {
  const out = {};
  for (const name of ['rss.xml', 'atom.xml']) {
    const feed = await parser.parseString(fs.readFileSync(process.argv[2] + '/' + name, 'utf8'));
    out[name] = feed.items.map(i => ({title: i.title, link: i.link, id: i.guid || i.id,
      date: i.isoDate, creator: i.creator || i.author, categories: i.categories || [],
      summary: i.summary || i.contentSnippet, content: i['content:encoded'] || i.content,
      enclosure: i.enclosure || null}));
  }
  console.log(JSON.stringify(out));
})();
"""


def test_rss_parser_from_npm_reads_every_field(published, tmp_path):
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "node_modules" / "rss-parser").is_dir():
        install = (
            "apt-get install nodejs npm && npm install --prefix ~/.cache/melder-node rss-parser@3"
        )
        pytest.skip(f"needs rss-parser: {install}")
    script = tmp_path / "read.js"
    script.write_text(READ_WITH_RSS_PARSER)
    done = subprocess.run(
        [node, str(script), str(published)],
        env={**os.environ, "NODE_PATH": str(NODE_MODULES / "node_modules")},
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    result = json.loads(done.stdout)
    for name in ("rss.xml", "atom.xml"):
        items = {item["title"]: item for item in result[name]}
        assert set(items) == set(TITLES), name
        museum = items["Museum öffnet im Westen"]
        assert museum["link"].startswith("https://portal.example/m/releases/")
        assert museum["id"].startswith("urn:uuid:")
        assert museum["date"] == "2026-11-24T09:30:00.000Z"
        assert museum["creator"] == "Stadt Lindenau"
        if name == "rss.xml":  # rss-parser reads categories and enclosures from RSS only
            assert "Kultur" in json.dumps(museum["categories"], ensure_ascii=False)
            assert re.match(PHOTO_RE, museum["enclosure"]["url"])
            assert museum["enclosure"]["type"] == "image/jpeg"
        assert museum["summary"].startswith("Pressemitteilung: Stadt Lindenau")
        assert museum["content"].count("Inhalte Dritter, verantwortlich ist") == 1


GOFEED_READER = """package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/mmcdole/gofeed"
)

func main() {
	out := map[string]interface{}{}
	for _, path := range os.Args[1:] {
		file, err := os.Open(path)
		if err != nil {
			panic(err)
		}
		feed, err := gofeed.NewParser().Parse(file)
		if err != nil {
			panic(err)
		}
		out[path] = feed.Items
	}
	data, _ := json.Marshal(out)
	fmt.Println(string(data))
}
"""
GOPATH = Path("/usr/share/gocode")


def test_gofeed_reads_rss_atom_and_json_feed(published, tmp_path):
    go = shutil.which("go")
    if go is None or not (GOPATH / "src/github.com/mmcdole/gofeed").is_dir():
        pytest.skip(
            "needs Go and gofeed: apt-get install golang-go golang-github-mmcdole-gofeed-dev"
        )
    (tmp_path / "main.go").write_text(GOFEED_READER)
    env = {**os.environ, "GO111MODULE": "off", "GOPATH": str(GOPATH),
           "GOCACHE": str(tmp_path / "cache"), "HOME": str(tmp_path)}  # fmt: skip
    subprocess.run([go, "build", "-o", "reader", "main.go"], cwd=tmp_path, env=env, check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    paths = [str(published / name) for name in ("rss.xml", "atom.xml", "feed.json")]
    done = subprocess.run([str(tmp_path / "reader"), *paths], capture_output=True, text=True,
                          check=True, timeout=60)  # fmt: skip
    for path, items in json.loads(done.stdout).items():
        seen = {item["title"]: item for item in items}
        assert set(seen) == set(TITLES), path
        museum = seen["Museum öffnet im Westen"]
        assert museum["link"].startswith("https://portal.example/m/releases/")
        assert museum["guid"].startswith("urn:uuid:")
        moment = datetime.fromisoformat(museum["publishedParsed"].replace("Z", "+00:00"))
        assert moment == datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # with its zone
        assert museum["authors"] == [{"name": "Stadt Lindenau"}]
        assert museum["description"].startswith("Pressemitteilung: Stadt Lindenau – ")
        assert museum["content"].count("Inhalte Dritter, verantwortlich ist") == 1
        if not path.endswith("feed.json"):
            assert museum["categories"] == ["Kultur", "Bildung"], path
        [enclosure] = museum["enclosures"]
        assert re.match(PHOTO_RE, enclosure["url"]) and enclosure["type"] == "image/jpeg", path
        if path.endswith("feed.json"):  # gofeed drops JSON Feed's size_in_bytes itself
            assert museum["image"]["url"] == enclosure["url"]
        else:
            assert int(enclosure["length"]) > 0, path
