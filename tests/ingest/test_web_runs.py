"""Kind `web` over whole runs: what a release keeps in the store when its page misbehaves."""

from __future__ import annotations

import pytest
from werkzeug import Response

from pipeline import runner
from pipeline.config import load_config
from pipeline.store import Store
from tests.conftest import write
from tests.remote_helpers import FAST_TOML, NOW, fixture, local

HTML = "text/html; charset=utf-8"


@pytest.fixture
def site_root(tmp_path, httpserver):
    root = tmp_path / "root"
    write(
        root / "sources" / "hafen.toml",
        f'title = "Hafen Lindenau"\nkind = "web"\nurl = "{local(httpserver, "/presse/")}"\n'
        + FAST_TOML
        + '[extract]\nitem_links = "ul.press-list a"\n',
    )
    (root / "outputs").mkdir(parents=True)
    return root


@pytest.fixture
def store(site_root):
    store = Store(f"sqlite:///{site_root / 'var' / 'melder.db'}")
    yield store
    store.close()


def ingest_once(root, store):
    config = load_config(root)
    assert config.problems == []
    [report] = runner.ingest(config, store, now=NOW)
    return report


def serve_listing(httpserver, *links: str) -> None:
    items = "".join(f"<li><a href='{link}'>Meldung</a></li>" for link in links)
    httpserver.expect_request("/presse/").respond_with_data(
        f"<ul class='press-list'>{items}</ul>", content_type=HTML
    )


def test_a_release_page_that_redirects_to_the_listing_keeps_its_release_as_it_was(
    httpserver, site_root, store
):
    serve_listing(httpserver, "/presse/pm-1.html")
    moved = {"now": False}

    def page(request):
        if moved["now"]:
            return Response(status=301, headers={"Location": local(httpserver, "/presse/")})
        return Response(fixture("pm-1.html"), content_type=HTML)

    httpserver.expect_request("/presse/pm-1.html").respond_with_handler(page)
    assert ingest_once(site_root, store).new == 1
    moved["now"] = True
    report = ingest_once(site_root, store)
    assert (report.new, report.revised, report.invalid) == (0, 0, 0)
    [failure] = report.failures
    assert failure.startswith(local(httpserver, "/presse/pm-1.html") + ": redirects to the listing")
    assert failure.endswith("tried again next run")
    [view] = store.queue(source="hafen")
    assert (view.state, view.revision) == ("queued", 1)
    assert view.release.title == "Hafen meldet Rekordumschlag"
    moved["now"] = False
    again = ingest_once(site_root, store)
    assert (again.new, again.revised, again.failures) == (0, 0, [])


def test_a_link_that_now_shows_a_listing_is_a_failure_not_a_revision(httpserver, site_root, store):
    serve_listing(httpserver, "/presse/pm-1.html")
    httpserver.expect_request("/presse/pm-1.html").respond_with_data(
        fixture("listing.html"), content_type=HTML
    )
    report = ingest_once(site_root, store)
    assert (report.new, report.invalid) == (0, 0)
    [failure] = report.failures
    link = local(httpserver, "/presse/pm-1.html")
    assert failure.startswith(f"{link}: the link led to a listing")
    assert store.queue(source="hafen") == []
