"""A server's session id in its links (Government Site Builder's ';jsessionid=…', PHPSESSID):
fresh on every visit, it never makes the same release new again, nor reaches a reader."""

from __future__ import annotations

import itertools

import pytest
from werkzeug import Response

from pipeline import runner
from pipeline.config import load_config
from pipeline.store import Store
from tests.conftest import write
from tests.remote_helpers import FAST_TOML, NOW, local

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Bundeskabinett beschließt Novelle des Wasserhaushaltsgesetzes</title></head><body>
<main id="content"><h1>Bundeskabinett beschließt Novelle des Wasserhaushaltsgesetzes</h1>
<p class="date">25.11.2026</p>
<p>Das Bundeskabinett hat heute die Novelle des Wasserhaushaltsgesetzes beschlossen. Künftig
müssen Kommunen ihre Starkregenvorsorge in einem eigenen Plan darlegen, der alle fünf Jahre
fortgeschrieben wird.</p>
<p>Die Ministerin betonte, dass die Länder bei der Umsetzung unterstützt werden. Weitere
Informationen bietet die <a href="https://www.bmuv.de/DE/Themen/Wasser/starkregen.html;jsessionid={sid}.live891?nn=16046">Themenseite
Starkregen</a> des Ministeriums.</p>
</main></body></html>"""
SESSIONS = (f"{n:024X}" for n in itertools.count(0xA1B2C3))


def listing(request) -> Response:
    href = f"/SharedDocs/DE/2026/11/pm-124.html;jsessionid={next(SESSIONS)}.live891?nn=16046"
    body = f'<div class="c-teaser"><h2><a href="{href}">Bundeskabinett beschließt</a></h2></div>'
    return Response(body, content_type=HTML)


def release_page(request) -> Response:
    return Response(PAGE.replace("{sid}", next(SESSIONS)), content_type=HTML)


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'melder.db'}")
    yield store
    store.close()


def ingest(root, store):
    config = load_config(root)
    assert config.problems == []
    [report] = runner.ingest(config, store, now=NOW)
    return report


def source_root(tmp_path, body: str, extract: str = ""):
    root = tmp_path / "root"
    write(root / "sources" / "bmuv.toml", body + FAST_TOML + extract)
    (root / "outputs").mkdir(parents=True)
    return root


def test_a_listing_that_links_its_releases_with_a_fresh_session_makes_no_new_release(
    httpserver, tmp_path, store
):
    httpserver.expect_request("/presse/").respond_with_handler(listing)
    httpserver.expect_request("/SharedDocs/DE/2026/11/pm-124.html").respond_with_handler(
        release_page
    )
    root = source_root(
        tmp_path,
        f'title = "BMUV"\nkind = "web"\nurl = "{local(httpserver, "/presse/")}"\n',
        '[extract]\nitem_links = ".c-teaser h2 a"\n',
    )
    first = ingest(root, store)
    assert (first.new, first.error) == (1, None)
    second = ingest(root, store)
    assert (second.new, second.revised, second.unchanged) == (0, 0, 1)
    [view] = store.queue(source="bmuv")
    release = view.release
    assert release.identity == local(httpserver, "/SharedDocs/DE/2026/11/pm-124.html?nn=16046")
    assert "jsessionid" not in release.body_html
    assert "https://www.bmuv.de/DE/Themen/Wasser/starkregen.html?nn=16046" in release.body_html


def test_a_feed_written_anew_for_each_visit_keeps_its_entries(httpserver, tmp_path, store):
    def feed(request) -> Response:
        link = local(httpserver, f"/pm-124.html;jsessionid={next(SESSIONS)}")
        return Response(
            f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>BMUV</title><link>{local(httpserver, "/")}</link><description>Presse</description>
<item><title>Bundeskabinett beschließt Novelle</title><link>{link}</link>
<pubDate>Wed, 25 Nov 2026 10:00:00 +0100</pubDate>
<description>Das Bundeskabinett hat heute die Novelle des Wasserhaushaltsgesetzes
beschlossen. Künftig müssen Kommunen ihre Starkregenvorsorge in einem Plan darlegen.</description>
</item></channel></rss>""",
            content_type=RSS,
        )

    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    root = source_root(
        tmp_path,
        f'title = "BMUV"\nkind = "rss"\nurl = "{local(httpserver, "/feed.xml")}"\n'
        'follow_links = "never"\n',
    )
    assert ingest(root, store).new == 1
    assert ingest(root, store).unchanged == 1
    [view] = store.queue(source="bmuv")
    assert view.release.identity == local(httpserver, "/pm-124.html")
