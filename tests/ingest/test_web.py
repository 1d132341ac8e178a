"""Kind `web`: a listing page and release pages served by a real server on 127.0.0.1."""

from __future__ import annotations

import pytest
from werkzeug import Request, Response

from pipeline.config import ExtractRules
from pipeline.errors import SourceError
from pipeline.ingest import web
from tests.remote_helpers import fixture, local, quick_client, remote_source, run_kind

HTML = "text/html; charset=utf-8"
RULES = {"item_links": "ul.press-list a", "title": "h1.headline", "body": "div.pm-text"}


def serve_site(httpserver, *, leer: bytes | None = None) -> str:
    for name in ("listing.html", "pm-1.html", "pm-2.html"):
        path = "/presse/" + ("" if name == "listing.html" else name)
        httpserver.expect_request(path).respond_with_data(fixture(name), content_type=HTML)
    httpserver.expect_request("/presse/leer.html").respond_with_data(
        leer if leer is not None else fixture("leer.html"), content_type=HTML
    )
    return local(httpserver, "/presse/")


def site_source(url: str, **keys):
    return remote_source("web", url, extract=ExtractRules(**RULES), **keys)


def test_release_links_are_found_on_the_listing_page(httpserver, tmp_path):
    url = serve_site(httpserver)
    result = run_kind("web", site_source(url), tmp_path)
    assert [locator for _, locator in result.raws] == [
        local(httpserver, "/presse/pm-1.html"),
        local(httpserver, "/presse/pm-2.html"),
        local(httpserver, "/presse/leer.html"),
    ]
    assert result.failures == []


def test_release_pages_are_read_with_the_sources_rules(httpserver, tmp_path):
    result = run_kind("web", site_source(serve_site(httpserver)), tmp_path)
    first = result.raws[0][0]
    assert first.title == "Hafen meldet Rekordumschlag"
    assert "4,2 Millionen Tonnen" in first.body_html
    assert "Kreuzfahrt" not in first.body_html  # the ad outside the body rule
    assert first.provenance.route == "web"
    assert first.identity == local(httpserver, "/presse/pm-1.html")


def test_script_injection_on_a_page_is_neutralized_by_the_pipeline(httpserver, tmp_path):
    from pipeline.normalize import normalize

    source = site_source(serve_site(httpserver))
    raw = run_kind("web", source, tmp_path).raws[1][0]
    release = normalize(raw, source)
    assert "Fährverbindung" in release.title
    for bad in ("<script", "document.cookie", "onmouseover", "javascript:", "<iframe", "onload"):
        assert bad not in release.body_html
    assert "Fahrräder werden kostenlos mitgenommen" in release.text


def test_a_page_without_an_article_is_kept_with_the_reason(httpserver, tmp_path):
    result = run_kind("web", site_source(serve_site(httpserver)), tmp_path)
    empty = result.raws[2][0]
    assert empty.problems
    assert any("article" in problem.message for problem in empty.problems)


def test_a_gigantic_page_is_a_per_page_failure(httpserver, tmp_path):
    giant = b"<html><body><p>" + b"Bla " * 300_000 + b"</p></body></html>"
    url = serve_site(httpserver, leer=giant)
    result = run_kind("web", site_source(url, max_bytes=500_000), tmp_path)
    assert len(result.raws) == 2
    [failure] = result.failures
    assert "leer.html" in failure and "over the limit of 500,000" in failure


def test_a_listing_without_matching_links_says_the_layout_changed(httpserver, tmp_path):
    url = serve_site(httpserver)
    source = remote_source("web", url, extract=ExtractRules(item_links="div.gone a"))
    with pytest.raises(SourceError, match="site may have changed its layout"):
        run_kind("web", source, tmp_path)


def test_unchanged_pages_cost_nothing_on_the_next_run(httpserver, tmp_path):
    def page(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"pm1"':
            return Response(status=304)
        return Response(fixture("pm-1.html"), content_type=HTML, headers={"ETag": '"pm1"'})

    httpserver.expect_request("/presse/").respond_with_data(
        b'<ul class="press-list"><li><a href="/presse/pm-1.html">PM</a></li></ul>',
        content_type=HTML,
    )
    httpserver.expect_request("/presse/pm-1.html").respond_with_handler(page)
    client = quick_client()
    source = site_source(local(httpserver, "/presse/"))
    assert len(run_kind("web", source, tmp_path, client=client).raws) == 1
    again = run_kind("web", source, tmp_path, client=client)
    assert (again.raws, again.skipped) == ([], 1)


def test_check_online_compares_the_test_pages_title(httpserver):
    serve_site(httpserver)
    rules = dict(RULES, test_url=local(httpserver, "/presse/pm-1.html"))
    client = quick_client()
    good = remote_source(
        "web", "http://x", extract=ExtractRules(**rules, test_title="Hafen meldet Rekordumschlag")
    )
    assert web.check_online("hafen", good, client) == []
    changed = remote_source("web", "http://x", extract=ExtractRules(**rules, test_title="Anders"))
    [problem] = web.check_online("hafen", changed, client)
    assert problem.startswith("extract.test_title:") and "changed its layout" in problem


def test_a_release_page_is_one_release_however_the_listing_links_it(httpserver, tmp_path):
    page = (
        "<html><head><link rel='canonical' href='{canonical}'></head><body><h1 class='headline'>"
        "Hafen meldet Rekordumschlag</h1><div class='pm-text'><p>Der Hafen hat 4,2 Millionen "
        "Tonnen umgeschlagen, so viel wie nie zuvor.</p></div></body></html>"
    )
    listing = (
        "<ul class='press-list'><li><a href='a.html?utm_source=liste&amp;utm_medium=web'>A</a>"
        "</li><li><a href='b.html'>B</a></li><li><a href='c.html'>C</a></li></ul>"
    )
    canonicals = {
        "a.html": "",  # none: the address without its tracking parameters
        "b.html": local(httpserver, "/archiv/2026/rekordumschlag"),  # the page's own address
        "c.html": local(httpserver, "/"),  # a CMS that names its home page for every page
    }
    httpserver.expect_request("/presse/").respond_with_data(listing, content_type=HTML)
    for name, canonical in canonicals.items():
        httpserver.expect_request(f"/presse/{name}").respond_with_data(
            page.format(canonical=canonical), content_type=HTML
        )
    result = run_kind("web", site_source(local(httpserver, "/presse/")), tmp_path)
    assert [raw.identity for raw, _ in result.raws] == [
        local(httpserver, "/presse/a.html"),
        local(httpserver, "/archiv/2026/rekordumschlag"),
        local(httpserver, "/presse/c.html"),
    ]


def test_a_release_corrected_on_its_own_page_is_seen_while_the_listing_stays_the_same(
    httpserver, tmp_path
):
    tonnes = ["4,2"]

    def listing(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"list"':
            return Response(status=304)
        body = b'<ul class="press-list"><li><a href="/presse/pm-1.html">PM</a></li></ul>'
        return Response(body, content_type=HTML, headers={"ETag": '"list"'})

    def page(request: Request) -> Response:
        tag = f'"pm1-{tonnes[0]}"'
        if request.headers.get("If-None-Match") == tag:
            return Response(status=304)
        body = fixture("pm-1.html").replace(b"4,2", tonnes[0].encode())
        return Response(body, content_type=HTML, headers={"ETag": tag})

    httpserver.expect_request("/presse/").respond_with_handler(listing)
    httpserver.expect_request("/presse/pm-1.html").respond_with_handler(page)
    client = quick_client()
    source = site_source(local(httpserver, "/presse/"))
    run_kind("web", source, tmp_path, client=client)
    tonnes[0] = "4,3"  # the office corrects the figure on the release's page only
    again = run_kind("web", source, tmp_path, client=client)
    [(raw, _)] = again.raws
    assert "4,3 Millionen Tonnen" in raw.body_html


def test_a_maintenance_notice_served_as_200_is_no_revision_and_is_asked_again(httpserver, tmp_path):
    notice = (
        "<html lang='de'><head><title>Wartungsarbeiten</title></head><body><h1>"
        "Wartungsarbeiten</h1><p>Unsere Website ist wegen Wartungsarbeiten vorübergehend nicht "
        "erreichbar. Bitte versuchen Sie es später erneut.</p></body></html>"
    ).encode()
    url = serve_site(httpserver, leer=notice)
    source = remote_source("web", url, extract=ExtractRules(item_links=RULES["item_links"]))
    result = run_kind("web", source, tmp_path)
    assert local(httpserver, "/presse/leer.html") not in [loc for _, loc in result.raws]
    [failure] = result.failures
    assert "answered with an error page instead of the release" in failure
    assert "tried again next run" in failure


def test_a_canonical_naming_the_listing_or_shared_by_pages_is_no_identity(httpserver, tmp_path):
    page = (
        "<html><head><link rel='canonical' href='{canonical}'></head><body><h1 class='headline'>"
        "{title}</h1><div class='pm-text'><p>Der Hafen hat heute mitgeteilt, dass {title} "
        "und so viel wie nie zuvor.</p></div></body></html>"
    )
    listing_url = local(httpserver, "/presse/")
    shared = local(httpserver, "/archiv/")
    canonicals = {"a.html": listing_url, "b.html": shared, "c.html": shared}
    links = "".join(f"<li><a href='{name}'>{name}</a></li>" for name in canonicals)
    httpserver.expect_request("/presse/").respond_with_data(
        f"<ul class='press-list'>{links}</ul>", content_type=HTML
    )
    for name, canonical in canonicals.items():
        httpserver.expect_request(f"/presse/{name}").respond_with_data(
            page.format(canonical=canonical, title=f"Meldung {name}"), content_type=HTML
        )
    result = run_kind("web", site_source(listing_url), tmp_path)
    assert [raw.identity for raw, _ in result.raws] == [
        local(httpserver, f"/presse/{name}") for name in canonicals
    ]
    first, second, _ = (raw.warnings for raw, _ in result.raws)
    assert any(f"names {listing_url} as its canonical URL" in note for note in first)
    assert any("2 pages of this run name it" in note for note in second)


def test_a_release_linked_twice_is_asked_once_and_a_teasers_pdf_is_no_release(httpserver, tmp_path):
    httpserver.expect_request("/presse/").respond_with_data(
        b'<ul class="press-list">'
        b'<li><a href="/presse/pm-1.html?utm_source=liste&amp;utm_medium=web">Hafen</a> '
        b'<a href="/presse/pm-1.html">mehr</a> <a href="/presse/pm-1.pdf">PDF (120 KB)</a></li>'
        b'<li><a href="/presse/pm-2.html">F\xc3\xa4hre</a> <a href="/presse/pm-2.jpg">Foto</a></li>'
        b"</ul>",
        content_type=HTML,
    )
    for name in ("pm-1.html", "pm-2.html"):
        httpserver.expect_request("/presse/" + name).respond_with_data(
            fixture(name), content_type=HTML
        )
    result = run_kind("web", site_source(local(httpserver, "/presse/")), tmp_path)
    assert [locator for _, locator in result.raws] == [
        local(httpserver, "/presse/pm-1.html"),
        local(httpserver, "/presse/pm-2.html"),
    ]
    asked = [request.path for request, _ in httpserver.log]
    assert asked.count("/presse/pm-1.html") == 1
    assert not any(path.endswith((".pdf", ".jpg")) for path in asked)
    assert result.failures == []
