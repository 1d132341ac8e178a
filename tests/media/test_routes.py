"""A release with photos arrives by every route and comes out with its figure, caption, credit
and alt text in the fragment and in every feed, as real readers see them.

Routes: an HTML page and a Markdown file beside their photos, an e-mail with an inline (cid:)
photo and a PDF attached, an RSS feed with an enclosure and Media RSS, the API with a JSON
body carrying a data: URL, and the API with a multipart image part.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import feedparser
import httpx
import pytest

from pipeline import runner
from pipeline.config import load_config
from tests.conftest import write
from tests.media_helpers import has_gps, photo
from tests.web_support import open_store, serving, token

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
NODE_MODULES = Path(os.environ.get("MELDER_NODE_MODULES", Path.home() / ".cache/melder-node"))
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
TEXTS = {
    "radweg": "Der Radweg entlang der Elster ist drei Kilometer lang und verbindet die Südstadt "
    "mit dem Zentrum; gebaut wurde zwölf Monate lang für 2,4 Millionen Euro.",
    "spielplatz": "Im Westpark stehen jetzt ein Klettergerüst, zwei Schaukeln und ein Sandkasten "
    "mit Wasserspiel, geplant zusammen mit Kindern der benachbarten Grundschule.",
    "hafen": "Das Hafenfest beginnt am Samstag um 18 Uhr mit Livemusik am Kai; um 22 Uhr "
    "startet das Feuerwerk über dem alten Speicher, der Eintritt ist frei.",
    "faehre": "Die neue Fähre pendelt ab Montag stündlich zwischen Nordhafen und Südhafen, nimmt "
    "120 Fahrgäste und 40 Fahrräder mit und fährt mit Strom aus Batterien.",
    "solar": "Auf 14 Hektar am Stadtrand entstehen bis zum Sommer 30.000 Solarmodule, die Strom "
    "für rund 4.000 Haushalte liefern; Bürger können sich mit Anteilen beteiligen.",
    "bibliothek": "Die Stadtbibliothek öffnet probeweise auch sonntags von 11 bis 17 Uhr; der "
    "Lesesaal bietet 80 Plätze, WLAN und eine Kinderecke mit Vorlesestunde.",
}
# title → (alt, caption, credit) of its lead photo, as the portal must show them
EXPECTED = {
    "Neuer Radweg an der Elster eröffnet": (
        "Radfahrer auf dem neuen Weg",
        "Der neue Radweg an der Elster.",
        "Stadt Lindenau",
    ),
    "Neuer Spielplatz im Westpark": (
        "Kinder auf dem Klettergerüst",
        "Der neue Spielplatz.",
        "Grünflächenamt",
    ),
    "Hafenfest mit Feuerwerk": ("Feuerwerk über dem Hafen", "Das Feuerwerk 2025.", "Hafenamt"),
    "Neue Fähre verbindet die Häfen": ("", "Die neue Fähre im Hafen.", "Reederei Nord"),
    "Stadtwerke bauen Solarpark": ("Solarmodule auf dem Feld", "Der Solarpark.", "Stadtwerke"),
    "Bibliothek öffnet am Sonntag": ("Lesesaal der Bibliothek", "Der Lesesaal.", "Max Muster"),
}


def feed_xml(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
<title>Reederei</title><link>{base}/</link><description>Presse</description>
<item><title>Neue Fähre verbindet die Häfen</title><guid>faehre-2026</guid>
<link>{base}/faehre</link><pubDate>Tue, 24 Nov 2026 10:00:00 +0100</pubDate>
<description>{TEXTS["faehre"]} {TEXTS["faehre"]} {TEXTS["faehre"]}</description>
<enclosure url="{base}/faehre.jpg" length="1000" type="image/jpeg"/>
<media:content url="{base}/faehre.jpg" type="image/jpeg" medium="image">
<media:credit role="photographer">Reederei Nord</media:credit>
<media:description>Die neue Fähre im Hafen.</media:description></media:content>
</item></channel></rss>"""


def mail() -> bytes:
    message = EmailMessage()
    message["From"] = "Hafenamt <presse@hafen.example>"
    message["Subject"] = "Hafenfest mit Feuerwerk"
    message["Date"] = "Tue, 24 Nov 2026 10:00:00 +0100"
    message["Message-ID"] = "<hafenfest@hafen.example>"
    message.set_content(TEXTS["hafen"])
    message.add_alternative(
        f"<html><body><p>{TEXTS['hafen']}</p><figure><img src='cid:feuerwerk@hafen' "
        "alt='Feuerwerk über dem Hafen'><figcaption>Das Feuerwerk 2025. Foto: Hafenamt"
        "</figcaption></figure><p>Ab 20 Uhr spielt die Stadtkapelle.</p></body></html>",
        subtype="html",
    )
    html_part = message.get_payload()[1]
    html_part.add_related(photo(1400, 900), "image", "jpeg", cid="<feuerwerk@hafen>")
    message.add_attachment(PDF, maintype="application", subtype="pdf", filename="Programm.pdf")
    return message.as_bytes()


def sources(root: Path, feed_url: str) -> None:
    write(root / "sources" / "stadt.toml",
          'title = "Stadt Lindenau"\nkind = "files"\npath = "in"\nreview = "auto"\n'
          'language = "de"\n')  # fmt: skip
    write(root / "sources" / "reederei.toml",
          f'title = "Reederei Nord"\nkind = "rss"\nurl = "{feed_url}"\nreview = "auto"\n'
          'language = "de"\nallow_private = true\nrobots = false\ndelay = 0\n')  # fmt: skip
    write(root / "sources" / "press.toml",
          'title = "Stadtwerke"\nkind = "api"\nreview = "auto"\nlanguage = "de"\n')  # fmt: skip
    write(root / "outputs" / "portal.toml",
          'title = "Portal"\ndescription = "d"\nlink = "https://portal.example/m"\n'
          '[disclaimer]\ntext = "Inhalte Dritter, verantwortlich ist {source}."\n')  # fmt: skip


def inbox(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "radweg.jpg").write_bytes(photo(1600, 1000))
    (folder / "spielplatz.png").write_bytes(photo(1000, 800, image_format="PNG"))
    (folder / "radweg.html").write_text(
        "<html lang='de'><head><title>Neuer Radweg an der Elster eröffnet</title></head><body>"
        "<header><img src='logo.png' alt='Logo'></header><main><article>"
        "<h1>Neuer Radweg an der Elster eröffnet</h1><figure><img src='x-400.jpg' "
        "data-src='radweg.jpg' alt='Radfahrer auf dem neuen Weg'><figcaption>Der neue Radweg an "
        "der Elster. <span class='credit'>Foto: Stadt Lindenau</span></figcaption></figure>"
        f"<p>{TEXTS['radweg']}</p><p>Er ist ab sofort befahrbar.</p></article></main>"
        "<aside><p>Anzeige: Fahrräder im Angebot, nur diese Woche im Fachhandel.</p>"
        "<img src='radweg.jpg' alt='Werbung'></aside></body></html>",
        encoding="utf-8",
    )
    (folder / "spielplatz.md").write_text(
        "---\ntitle: Neuer Spielplatz im Westpark\ndate: 2026-11-24 10:00\n---\n\n"
        '![Kinder auf dem Klettergerüst](spielplatz.png "Der neue Spielplatz. Foto: '
        f'Grünflächenamt")\n\n{TEXTS["spielplatz"]}\n\nEr ist ab sofort geöffnet.\n',
        encoding="utf-8",
    )
    (folder / "hafenfest.eml").write_bytes(mail())


def submit_by_api(base: str, secret: str) -> None:
    headers = {"Authorization": f"Bearer {secret}"}
    data_url = "data:image/jpeg;base64," + base64.b64encode(photo(1200, 800)).decode()
    release = {
        "title": "Stadtwerke bauen Solarpark",
        "text": f"{TEXTS['solar']}\n\nDer Bau beginnt im Januar.",
        "images": [
            {
                "url": data_url,
                "caption": "Der Solarpark.",
                "credit": "Stadtwerke",
                "alt": "Solarmodule auf dem Feld",
            }
        ],
    }
    with httpx.Client(base_url=base, headers=headers, timeout=30) as api:
        answer = api.post("/api/v1/releases", json=release)
        assert answer.status_code == 201, answer.text
        text = f"Bibliothek öffnet am Sonntag\n\n{TEXTS['bibliothek']}\n\nDer Eintritt ist frei.\n"
        answer = api.post(
            "/api/v1/releases",
            files=[
                ("file", ("bibliothek.txt", text.encode())),
                ("image", ("lesesaal.jpg", photo(1300, 900), "image/jpeg")),
            ],
            data={
                "caption": "Der Lesesaal.",
                "credit": "© Max Muster",
                "alt": "Lesesaal der Bibliothek",
            },
        )
        assert answer.status_code == 201, answer.text


@pytest.fixture(scope="module")
def published(tmp_path_factory, httpserver_listen_address=None) -> Path:
    from pytest_httpserver import HTTPServer

    remote = HTTPServer(host="127.0.0.1", port=0)
    remote.start()
    base = remote.url_for("").rstrip("/")
    remote.expect_request("/feed.xml").respond_with_data(
        feed_xml(base), content_type="application/rss+xml"
    )
    remote.expect_request("/faehre.jpg").respond_with_data(
        photo(1500, 1000), content_type="image/jpeg"
    )
    root = tmp_path_factory.mktemp("routes") / "root"
    sources(root, f"{base}/feed.xml")
    inbox(root / "in")
    store = open_store(root)
    try:
        runner.ingest(load_config(root), store, now=NOW)
        with serving(root) as web:
            submit_by_api(web, token(store, root, "press"))
        report = runner.publish(load_config(root), store, now=datetime.now(UTC))
        assert len(report.published) == len(EXPECTED), report.published
    finally:
        store.close()
        remote.stop()
    return root / "outputs" / "portal"


def release_pages(out: Path) -> dict[str, str]:
    pages = {}
    for page in (out / "releases").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        title = re.search(r"<h2>(.*?)</h2>", html).group(1)
        pages[title] = html
    return pages


def test_every_route_gives_a_figure_with_caption_credit_and_alt(published):
    pages = release_pages(published)
    assert set(pages) == set(EXPECTED)
    for title, (alt, caption, credit) in EXPECTED.items():
        html = pages[title]
        figure = re.search(r'<figure class="melder-figure">(.*?)</figure>', html, re.S).group(1)
        assert f'alt="{alt}"' in figure, title
        assert re.search(r'src="https://portal\.example/m/media/[0-9a-f]{64}-\d+\.jpg"', figure)
        assert 'loading="lazy"' in figure and "srcset=" in figure and 'width="' in figure
        assert f'<figcaption>{caption} <span class="melder-credit">Foto: {credit}</span>' in figure
        assert html.count(caption) == 2, f"{title}: the caption left the body"  # figure + JSON-LD
        ld = json.loads(re.search(r'ld\+json">(.*?)</script>', html).group(1))
        [image] = ld["image"]
        assert image["@type"] == "ImageObject" and image["creditText"] == credit
        assert image["copyrightNotice"] == f"© {credit}"


def test_the_mail_s_pdf_is_a_download_and_the_sidebar_photo_is_not_taken(published):
    pages = release_pages(published)
    assert re.search(
        r'<a href="https://portal\.example/m/media/[0-9a-f]{64}\.pdf" download="Programm\.pdf" '
        r'type="application/pdf">Programm\.pdf</a> \(PDF, 1 kB\)',
        pages["Hafenfest mit Feuerwerk"],
    )
    assert "Werbung" not in pages["Neuer Radweg an der Elster eröffnet"]
    assert pages["Neuer Radweg an der Elster eröffnet"].count("<figure") == 1


def test_every_published_file_exists_and_no_photo_keeps_its_gps(published):
    named = set()
    for page in (published / "releases").glob("*.html"):
        named |= set(re.findall(r"https://portal\.example/m/(media/[^\s\"]+)", page.read_text()))
    assert named and all((published / path).is_file() for path in named)
    photos = list((published / "media").glob("*.jpg"))
    assert len(photos) == 2 * len(EXPECTED)  # 1200 and 400 wide (or the photo's own width)
    for path in photos:
        assert not has_gps(path.read_bytes()), path.name


def test_feedparser_sees_the_enclosures_and_media_rss(published):
    rss = feedparser.parse((published / "rss.xml").read_bytes())
    assert rss.bozo == 0
    entries = {entry.title: entry for entry in rss.entries}
    assert set(entries) == set(EXPECTED)
    for title, (_alt, _caption, credit) in EXPECTED.items():
        entry = entries[title]
        [enclosure] = entry.enclosures
        assert enclosure.type == "image/jpeg" and int(enclosure.length) > 1000
        assert enclosure.href.startswith("https://portal.example/m/media/")
        assert entry.media_content[0]["url"] == enclosure.href
        assert entry.media_credit[0]["content"] == credit
    atom = feedparser.parse((published / "atom.xml").read_bytes())
    assert atom.bozo == 0
    for entry in atom.entries:
        [enclosure] = [link for link in entry.links if link.rel == "enclosure"]
        assert enclosure.type == "image/jpeg" and int(enclosure.length) > 1000
    items = json.loads((published / "feed.json").read_text())["items"]
    for item in items:
        assert item["image"] == item["attachments"][0]["url"]
        assert item["attachments"][0]["size_in_bytes"] > 1000
    pdfs = [a for item in items for a in item["attachments"] if a["mime_type"] == "application/pdf"]
    assert [a["title"] for a in pdfs] == ["Programm.pdf"]


READ_ENCLOSURES = """
const Parser = require('rss-parser');
const fs = require('fs');
(async () => {
  const feed = await new Parser().parseString(fs.readFileSync(process.argv[2], 'utf8'));
  console.log(JSON.stringify(feed.items.map(i => ({title: i.title, enclosure: i.enclosure}))));
})();
"""


def test_rss_parser_from_npm_sees_each_enclosure(published, tmp_path):
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "node_modules" / "rss-parser").is_dir():
        pytest.skip("needs rss-parser: npm install --prefix ~/.cache/melder-node rss-parser@3")
    script = tmp_path / "read.js"
    script.write_text(READ_ENCLOSURES)
    result = subprocess.run(
        [node, str(script), str(published / "rss.xml")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES / "node_modules")},
        check=True,
    )
    items = {item["title"]: item["enclosure"] for item in json.loads(result.stdout)}
    assert set(items) == set(EXPECTED)
    for enclosure in items.values():
        assert enclosure["type"] == "image/jpeg" and int(enclosure["length"]) > 1000
        assert (published / enclosure["url"].removeprefix("https://portal.example/m/")).is_file()


def test_melder_serve_serves_the_media_as_immutable_files_and_documents_as_downloads(published):
    from pipeline.web.feeds import FeedFiles

    files = FeedFiles(published.parent)
    photo_file = next((published / "media").glob("*-400.jpg"))
    pdf_file = next((published / "media").glob("*.pdf"))
    served = dict(files.get(f"/feeds/portal/media/{photo_file.name}").plain.headers)
    assert served[b"content-type"] == b"image/jpeg"
    assert served[b"cache-control"] == b"public, max-age=31536000, immutable"
    assert int(served[b"content-length"]) == photo_file.stat().st_size
    served = dict(files.get(f"/feeds/portal/media/{pdf_file.name}").plain.headers)
    assert served[b"content-type"] == b"application/pdf"
    assert served[b"content-disposition"] == b"attachment"
    assert files.get("/feeds/portal/media/../../../portal.toml") is None


def test_the_ninjs_pictures_are_valid_against_the_iptc_schema(published):
    import jsonschema

    schema = json.loads(
        (Path(__file__).parents[1] / "schemas" / "ninjs-schema_2.0.json").read_text()
    )
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    items = json.loads((published / "ninjs.json").read_text())
    for item in items:
        validator.validate(item)
        [picture] = item["associations"]
        assert picture["type"] == "picture" and len(picture["renditions"]) == 2
        assert picture["by"] and picture["descriptions"][0]["role"] == "caption"
