"""`/feeds/<channel>/...` and `/healthz`: cached bytes, conditional GET, gzip, CORS."""

from __future__ import annotations

import gzip
import os
import time

import pytest
from fastapi.testclient import TestClient

from pipeline.web import create_app
from pipeline.web.feeds import FeedFiles
from tests.web_support import make_root, settings_for


@pytest.fixture
def root(tmp_path):
    root = make_root(tmp_path / "root")
    folder = root / "outputs" / "portal"
    (folder / "releases").mkdir(parents=True)
    (folder / "rss.xml").write_text("<rss>" + "eintrag " * 200 + "</rss>", encoding="utf-8")
    (folder / "feed.json").write_text('{"version": "https://jsonfeed.org/version/1.1"}')
    (folder / "index.html").write_text("<div>index</div>")
    (folder / "releases" / "a-1234abcd.html").write_text("<article>a</article>")
    (root / "secret.txt").write_text("not for the web")
    return root


@pytest.fixture
def client(root):
    with TestClient(create_app(root, settings_for(root))) as client:
        yield client


def test_content_types_charset_cache_headers_and_cors(client):
    rss = client.get("/feeds/portal/rss.xml", headers={"accept-encoding": "identity"})
    assert (
        rss.status_code == 200
        and rss.headers["content-type"] == "application/rss+xml; charset=utf-8"
    )
    assert rss.headers["etag"].startswith('"') and "last-modified" in rss.headers
    assert "max-age" in rss.headers["cache-control"]
    assert rss.headers["access-control-allow-origin"] == "*"
    feed = client.get("/feeds/portal/feed.json")
    assert feed.headers["content-type"] == "application/feed+json; charset=utf-8"
    assert feed.headers["access-control-allow-origin"] == "*"
    fragment = client.get("/feeds/portal/releases/a-1234abcd.html")
    assert fragment.headers["content-type"] == "text/html; charset=utf-8"
    assert fragment.headers["access-control-allow-origin"] == "*"
    assert client.get("/feeds/portal/").text == "<div>index</div>"


def test_conditional_requests_answer_304(client):
    first = client.get("/feeds/portal/rss.xml", headers={"accept-encoding": "identity"})
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    again = client.get(
        "/feeds/portal/rss.xml", headers={"if-none-match": etag, "accept-encoding": "identity"}
    )
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    weak = client.get(
        "/feeds/portal/rss.xml",
        headers={"if-none-match": f"W/{etag}", "accept-encoding": "identity"},
    )
    assert weak.status_code == 304
    since = client.get("/feeds/portal/rss.xml", headers={"if-modified-since": modified})
    assert since.status_code == 304
    stale = client.get("/feeds/portal/rss.xml", headers={"if-none-match": '"other"'})
    assert stale.status_code == 200


def test_gzip_when_asked_with_its_own_etag(client):
    plain = client.get("/feeds/portal/rss.xml", headers={"accept-encoding": "identity"})
    packed = client.get("/feeds/portal/rss.xml", headers={"accept-encoding": "gzip"}, extensions={})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["etag"] != plain.headers["etag"]
    assert packed.text == plain.text  # the client unpacked it
    raw = client.get("/feeds/portal/rss.xml", headers={"accept-encoding": "gzip;q=0"})
    assert "content-encoding" not in raw.headers
    assert gzip.decompress(gzip.compress(plain.content)) == plain.content


def test_head_unknown_files_and_no_way_out_of_the_channel(client):
    head = client.head("/feeds/portal/rss.xml")
    assert head.status_code == 200 and head.content == b""
    for path in (
        "/feeds/portal/nothing.xml",
        "/feeds/portal/../secret.txt",
        "/feeds/portal/%2e%2e/secret.txt",
        "/feeds/unknown/rss.xml",
        "/feeds/portal/releases/../../../secret.txt",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post("/feeds/portal/rss.xml").status_code == 405


def test_a_republished_file_is_served_fresh(root):
    files = FeedFiles(root / "outputs")
    path = root / "outputs" / "portal" / "index.html"
    assert files.get("/feeds/portal/index.html").plain.body == b"<div>index</div>"
    path.write_text("<div>neu</div>")
    os.utime(path, (time.time() + 5, time.time() + 5))
    files.invalidate()
    assert files.get("/feeds/portal/index.html").plain.body == b"<div>neu</div>"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/healthz", "/desk/login", "/api/docs", "/api/v1/releases"])
def test_head_answers_like_get_without_a_body(client, path):
    """Monitors and load balancers probe with HEAD."""
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code != 405
    assert head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers["content-type"] == got.headers["content-type"]
