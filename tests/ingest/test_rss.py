"""Kind `rss` against feeds served by a real server on 127.0.0.1."""

from __future__ import annotations

import time

import pytest
from werkzeug import Request, Response

from pipeline import runner
from pipeline.config import load_config
from pipeline.errors import SourceError
from pipeline.store import Store
from tests.conftest import write
from tests.remote_helpers import FAST_TOML, NOW, fixture, local, remote_source, run_kind

RSS = "application/rss+xml; charset=utf-8"


def serve(httpserver, path: str, name: str, content_type: str = RSS) -> str:
    httpserver.expect_request(path).respond_with_data(fixture(name), content_type=content_type)
    return local(httpserver, path)


def test_a_full_text_feed_gives_one_release_per_entry(httpserver, tmp_path):
    url = serve(httpserver, "/feed.xml", "feed-full.xml")
    result = run_kind("rss", remote_source("rss", url), tmp_path)
    assert result.failures == []
    raws = {raw.identity: raw for raw, _ in result.raws}
    assert set(raws) == {
        "lindenau-pm-2026-0412",
        "https://www.lindenau.example/presse/2026/winterdienst",
    }
    library = raws["lindenau-pm-2026-0412"]
    assert library.title == "Neue Stadtbibliothek öffnet am Montag"
    assert "80.000 Medien" in library.body_html
    assert library.published.isoformat() == "2026-11-24T08:30:00+00:00"
    assert library.language == "de"
    assert library.categories == ("Kultur",)
    assert [m.url.rsplit("/", 1)[-1] for m in library.media] == ["bibliothek.jpg"]
    assert library.provenance.route == "rss"
    assert [locator for _, locator in result.raws] == list(raws)


def test_script_injection_in_a_feed_never_reaches_a_release(httpserver, tmp_path):
    url = serve(httpserver, "/feed.xml", "feed-full.xml")
    result = run_kind("rss", remote_source("rss", url), tmp_path)
    winter = next(raw for raw, _ in result.raws if "winterdienst" in raw.identity)
    for bad in ("<script", "document.cookie", "onclick", "javascript:"):
        assert bad not in winter.body_html
    assert "Bürgertelefon" in winter.body_html


def test_a_teaser_entry_is_completed_from_its_page(httpserver, tmp_path):
    url = serve(httpserver, "/presse/feed.atom", "feed-teaser.xml", "application/atom+xml")
    serve(httpserver, "/presse/waermepumpen.html", "teaser-page.html", "text/html; charset=utf-8")
    result = run_kind("rss", remote_source("rss", url), tmp_path)
    assert result.failures == []
    [(raw, locator)] = result.raws
    assert raw.identity == locator == "tag:nordlicht.example,2026:pm-77"
    assert raw.title == "Nordlicht fördert 500 neue Wärmepumpen"
    assert raw.problems == ()
    assert "3.000 Euro" in raw.body_html
    assert raw.provenance.original_url == local(httpserver, "/presse/waermepumpen.html")
    assert raw.published.isoformat() == "2026-11-25T07:00:00+00:00"


def test_a_linked_page_that_is_gone_leaves_the_feed_s_text_with_a_warning(httpserver, tmp_path):
    url = serve(httpserver, "/presse/feed.atom", "feed-teaser.xml", "application/atom+xml")
    httpserver.expect_request("/presse/waermepumpen.html").respond_with_data("", status=404)
    result = run_kind("rss", remote_source("rss", url), tmp_path)
    assert result.failures == []
    [(raw, _)] = result.raws
    assert "Förderprogramm für Wärmepumpen" in raw.body_html
    assert raw.warnings == ("its linked page answered 404: the feed's own text was taken",)


def test_a_linked_page_that_keeps_failing_is_a_per_entry_failure_saying_why(httpserver, tmp_path):
    url = serve(httpserver, "/presse/feed.atom", "feed-teaser.xml", "application/atom+xml")
    httpserver.expect_request("/presse/waermepumpen.html").respond_with_data("", status=503)
    result = run_kind("rss", remote_source("rss", url), tmp_path)
    assert result.raws == []
    assert result.failures == [
        "entry 'Nordlicht fördert 500 neue Wärmepumpen' not taken: HTTP 503 SERVICE UNAVAILABLE "
        "(after 2 attempt(s)) (fetched because the entry looked like a teaser; "
        'follow_links = "never" takes the feed\'s text)'
    ]


def test_a_linked_page_that_redirects_to_a_listing_is_a_failure_not_a_release(httpserver, tmp_path):
    url = serve(httpserver, "/presse/feed.atom", "feed-teaser.xml", "application/atom+xml")
    httpserver.expect_request("/presse/waermepumpen.html").respond_with_data(
        "", status=302, headers={"Location": "/presse/"}
    )
    serve(httpserver, "/presse/", "listing.html", "text/html; charset=utf-8")
    result = run_kind("rss", remote_source("rss", url), tmp_path)
    assert result.raws == []
    [failure] = result.failures
    assert "the link led to a listing or navigation page" in failure
    assert failure.startswith("entry 'Nordlicht fördert 500 neue Wärmepumpen' not taken: the link")
    assert "tried again next run (fetched because the entry looked like a teaser" in failure


def test_entries_already_stored_are_skipped_without_fetching_their_pages(httpserver, tmp_path):
    url = serve(httpserver, "/presse/feed.atom", "feed-teaser.xml", "application/atom+xml")
    result = run_kind("rss", remote_source("rss", url), tmp_path, seen=lambda *_: True)
    assert (result.raws, result.skipped) == ([], 1)
    assert [request.path for request, _ in httpserver.log] == ["/presse/feed.atom"]


def test_a_304_on_the_second_run_reads_nothing(httpserver, tmp_path):
    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"feed-1"':
            return Response(status=304)
        return Response(fixture("feed-full.xml"), content_type=RSS, headers={"ETag": '"feed-1"'})

    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    source = remote_source("rss", local(httpserver, "/feed.xml"))
    from tests.remote_helpers import quick_client

    client = quick_client()
    assert len(run_kind("rss", source, tmp_path, client=client).raws) == 2
    second = run_kind("rss", source, tmp_path, client=client)
    assert (second.raws, second.skipped, second.failures) == ([], 0, [])
    assert [response.status_code for _, response in httpserver.log] == [200, 304]


@pytest.mark.parametrize("name", ["feed-billion-laughs.xml", "feed-external-entity.xml"])
def test_feeds_with_entity_declarations_are_refused_quickly(httpserver, tmp_path, name):
    url = serve(httpserver, "/evil.xml", name)
    started = time.monotonic()
    with pytest.raises(SourceError, match="declares XML entities"):
        run_kind("rss", remote_source("rss", url), tmp_path)
    assert time.monotonic() - started < 1


def test_entities_behind_a_long_comment_are_refused_and_a_post_about_them_is_read(
    httpserver, tmp_path
):
    evil = fixture("feed-billion-laughs.xml").decode()
    padded = evil.replace("<!DOCTYPE", "<!--" + "x" * 100_000 + "-->\n<!DOCTYPE", 1)
    httpserver.expect_request("/padded.xml").respond_with_data(padded, content_type=RSS)
    with pytest.raises(SourceError, match="declares XML entities"):
        run_kind("rss", remote_source("rss", local(httpserver, "/padded.xml")), tmp_path)
    post = (
        fixture("feed-full.xml")
        .decode()
        .replace(
            "</description>", " Ein Beispiel: &lt;!ENTITY lol &quot;lol&quot;&gt;</description>", 1
        )
    )
    httpserver.expect_request("/post.xml").respond_with_data(post, content_type=RSS)
    result = run_kind("rss", remote_source("rss", local(httpserver, "/post.xml")), tmp_path)
    assert list(result.raws) and result.failures == []


def test_two_items_with_one_guid_keep_the_first_and_name_the_other(httpserver, tmp_path):
    feed = (
        fixture("feed-full.xml")
        .decode()
        .replace(
            "<guid>https://www.lindenau.example/presse/2026/winterdienst</guid>",
            '<guid isPermaLink="false">lindenau-pm-2026-0412</guid>',
        )
    )
    httpserver.expect_request("/dup.xml").respond_with_data(feed, content_type=RSS)
    result = run_kind("rss", remote_source("rss", local(httpserver, "/dup.xml")), tmp_path)
    assert len(list(result.raws)) == 1
    [failure] = result.failures
    assert "two items share the id 'lindenau-pm-2026-0412'" in failure
    assert "own <guid>" in failure


def test_a_page_that_is_no_feed_is_a_clear_source_error(httpserver, tmp_path):
    url = serve(httpserver, "/feed.xml", "not-a-feed.html", "text/html")
    with pytest.raises(SourceError, match="not a readable RSS/Atom feed"):
        run_kind("rss", remote_source("rss", url), tmp_path)


def test_invalid_xml_is_read_leniently_or_refused_but_never_crashes(httpserver, tmp_path):
    url = serve(httpserver, "/feed.xml", "feed-invalid.xml")
    try:
        result = run_kind("rss", remote_source("rss", url), tmp_path)
    except SourceError as exc:
        assert "feed" in str(exc)
    else:
        assert all(raw.identity for raw, _ in result.raws)


def test_a_feed_declared_utf8_but_sent_as_latin1_reads_right(httpserver, tmp_path):
    url = serve(httpserver, "/feed.xml", "feed-latin1.xml")
    result = run_kind("rss", remote_source("rss", url), tmp_path)
    titles = sorted(raw.title for raw, _ in result.raws)
    assert titles == ["Neue Stadtbibliothek öffnet am Montag", "Winterdienst startet in die Saison"]
    assert all("\ufffd" not in raw.body_html for raw, _ in result.raws)


# -- whole runs: store, revisions, dates ----------------------------------------------------------


@pytest.fixture
def feed_root(tmp_path, httpserver):
    root = tmp_path / "root"
    write(
        root / "sources" / "lindenau.toml",
        f'title = "Stadt Lindenau"\nkind = "rss"\nurl = "{local(httpserver, "/feed.xml")}"\n'
        + FAST_TOML,
    )
    (root / "outputs").mkdir(parents=True)
    return root


def ingest_once(root, store):
    config = load_config(root)
    assert config.problems == []
    [report] = runner.ingest(config, store, now=NOW)
    return report


def test_an_edited_entry_becomes_a_new_revision_not_a_new_release(httpserver, feed_root):
    feed = {"body": fixture("feed-full.xml")}
    httpserver.expect_request("/feed.xml").respond_with_handler(
        lambda request: Response(feed["body"], content_type=RSS)
    )
    store = Store(f"sqlite:///{feed_root / 'var' / 'melder.db'}")
    try:
        first = ingest_once(feed_root, store)
        assert (first.new, first.error) == (2, None)
        assert ingest_once(feed_root, store).unchanged == 2
        feed["body"] = feed["body"].replace(b"80.000 Medien", b"85.000 Medien")
        third = ingest_once(feed_root, store)
        assert (third.new, third.revised, third.unchanged) == (0, 1, 1)
        views = store.queue(source="lindenau")
        assert len(views) == 2
        library = next(v for v in views if v.release.identity == "lindenau-pm-2026-0412")
        assert library.revision == 2 and "85.000 Medien" in library.release.text
    finally:
        store.close()


def test_impossible_dates_are_clear_per_entry_problems(httpserver, feed_root):
    serve(httpserver, "/feed.xml", "feed-dates.xml")
    store = Store(f"sqlite:///{feed_root / 'var' / 'melder.db'}")
    try:
        report = ingest_once(feed_root, store)
        assert report.error is None and report.new == 2
        by_identity = {v.release.identity: v for v in store.queue(source="lindenau")}
        old = by_identity["date-1970"].release
        future = by_identity["date-2999"].release
        assert any("1990" in p.message for p in old.errors)
        assert any("future" in p.message for p in future.errors)
    finally:
        store.close()


def test_check_online_tells_when_a_feed_url_no_longer_gives_a_feed(httpserver, feed_root):
    from typer.testing import CliRunner

    from pipeline.cli import app

    serve(httpserver, "/feed.xml", "not-a-feed.html", "text/html")
    cli = CliRunner()
    assert cli.invoke(app, ["--root", str(feed_root), "check"]).exit_code == 0
    result = cli.invoke(app, ["--root", str(feed_root), "check", "--online"])
    assert result.exit_code == 1
    assert "sources/lindenau.toml: url:" in result.output
    assert "not a readable RSS/Atom feed" in result.output


def test_a_photo_in_an_entry_s_content_is_the_release_s_photo(httpserver, tmp_path):
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Landkreis'
        "</title><link>https://www.landkreis.example/</link><description>Presse</description>"
        "<item><title>Schulradweg eröffnet</title><guid>lk-2026-88</guid>"
        "<content:encoded><![CDATA[<p>Der neue Schulradweg zwischen Grimma und Nerchau ist "
        "fertig, teilte der Landkreis am Mittwoch mit.</p><figure><img src='/bilder/radweg.jpg' "
        "alt='Landrat mit Schülern am Radweg'><figcaption>Landrat Weber im Gespräch mit "
        "Schülern. Foto: Landkreis Muldental</figcaption></figure><p>Er ist drei Kilometer lang "
        "und beleuchtet.</p>]]></content:encoded></item></channel></rss>"
    )
    httpserver.expect_request("/feed.xml").respond_with_data(feed, content_type=RSS)
    result = run_kind("rss", remote_source("rss", local(httpserver, "/feed.xml")), tmp_path)
    assert result.failures == []
    [(raw, _)] = result.raws
    [photo] = raw.media
    assert photo.url == local(httpserver, "/bilder/radweg.jpg")  # against the feed's address
    assert photo.caption == "Landrat Weber im Gespräch mit Schülern. Foto: Landkreis Muldental"
    assert photo.alt == "Landrat mit Schülern am Radweg"
    from pipeline.normalize import normalize

    release = normalize(raw, remote_source("rss", local(httpserver, "/feed.xml")))
    [described] = release.media
    assert (described.caption, described.credit) == (
        "Landrat Weber im Gespräch mit Schülern.",
        "Landkreis Muldental",
    )
    assert "Landrat Weber" not in release.text  # the caption is the photo's, not a paragraph


def test_a_source_that_fails_says_so_in_its_own_words_without_the_database(httpserver, feed_root):
    httpserver.expect_request("/feed.xml").respond_with_data("kein Feed", content_type="text/html")
    store = Store(f"sqlite:///{feed_root / 'var' / 'melder.db'}")
    try:
        report = ingest_once(feed_root, store)
        assert report.error.startswith("http://")
        assert "sqlite" not in report.error and "melder.db" not in report.error
    finally:
        store.close()
