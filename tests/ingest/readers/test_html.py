"""Press-release web pages: what Melder reads from a page, and what it refuses."""

from datetime import UTC, datetime
from pathlib import Path

from pipeline.config import ExtractRules, SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize.sanitize import clean_body
from tests.conftest import FIXTURES_ROOT

FIXTURES = FIXTURES_ROOT / "html"


def read(name: str, url: str | None = None, **config) -> object:
    source = SourceConfig(title="Test", kind="web", **config)
    context = InputContext(
        source="test",
        config=source,
        locator=url or f"inbox/{name}",
        received_at=datetime(2024, 5, 2, 12, 0, tzinfo=UTC),
        route="web" if url else "files",
        base_url=url,
    )
    return read_input((FIXTURES / name).read_bytes(), Path(name).suffix, context)


def test_article_is_found_among_navigation_ads_and_cookie_banner():
    release = read("stadtwerke-solarpark.html", url="https://www.stadtwerke-beispielstadt.de/x")
    assert release.problems == ()
    assert release.format == "html"
    assert release.title == "Stadtwerke eröffnen Solarpark am Mühlenweg"
    body = release.body_html
    assert "14.000 Module" in body
    assert "<h2>Bürgerbeteiligung geplant</h2>" in body
    assert "<li>Leistung: 8,4 Megawatt Peak</li>" in body
    for boilerplate in ("Cookies", "Karriere", "Impressum", "Anzeige", "Weitere Meldungen"):
        assert boilerplate not in body
    assert "<script" not in body and "dataLayer" not in body


def test_links_are_absolute_and_javascript_links_lose_their_target():
    release = read("stadtwerke-solarpark.html", url="https://www.stadtwerke-beispielstadt.de/x")
    body = release.body_html
    assert 'href="https://www.stadtwerke-beispielstadt.de/presse/2024/buergerbeteiligung"' in body
    assert 'href="https://www.beispielstadt.de/klima"' in body
    assert "javascript:" not in body
    assert "Bildergalerie öffnen" in body  # the text stays, the link goes


def test_canonical_url_is_identity_and_base_and_metadata_is_read():
    release = read("stadtwerke-solarpark.html", url="https://www.stadtwerke-beispielstadt.de/x")
    canonical = "https://www.stadtwerke-beispielstadt.de/presse/2024/solarpark-muehlenweg"
    assert release.identity == canonical
    assert release.base_url == canonical
    assert release.published_text == "2024-05-02T10:30:00+02:00"
    assert release.language == "de"
    assert release.teaser == "Der neue Solarpark versorgt rund 1.800 Haushalte mit Strom."


def test_latin1_page_with_meta_charset_is_decoded():
    release = read("heimatverein-latin1.html")
    assert release.problems == ()
    assert release.title == "Heimatverein Grünau lädt zum Mühlenfest"
    assert "historische Wassermühle in Grünau" in release.body_html
    assert "Jürgen Weiß" in release.body_html
    assert release.identity == "inbox/heimatverein-latin1.html"  # no canonical URL
    assert "Startseite" not in release.body_html


def test_configured_encoding_overrides_the_page():
    release = read("heimatverein-latin1.html", encoding="utf-8")
    assert "Gr\ufffdnau" in release.body_html  # the operator said UTF-8, the bytes are not


def test_per_source_css_rules_pick_title_body_date_and_strip_parts():
    rules = ExtractRules(
        title=".pm-headline", body=".pm-text", date=".pm-date", strip=[".pm-share"]
    )
    release = read(
        "pressroom-rules.html",
        url="https://www.northwind.example/press/2024/leeds.html",
        extract=rules,
    )
    assert release.problems == ()
    assert release.title == "Northwind Robotics opens training centre in Leeds"
    assert release.published_text == "14 March 2024"
    assert release.language == "en"
    body = release.body_html
    assert body.count("<p>") == 3
    assert "<strong>Sarah Collins</strong>" in body
    assert 'href="https://www.northwind.example/press/2024/training/courses.html"' in body
    for outside in ("Share", "newsletter", "Registered in England"):
        assert outside not in body


def test_rules_that_match_nothing_fall_back_to_the_generic_extractor():
    release = read("pressroom-rules.html", extract=ExtractRules(body=".no-such-class"))
    assert "training centre for service technicians" in release.body_html


def test_invalid_css_rule_is_reported_with_the_field():
    release = read("pressroom-rules.html", extract=ExtractRules(body="div[[["))
    assert [problem.field for problem in release.problems] == ["extract"]
    assert "not valid" in release.problems[0].message


def test_page_without_article_text_is_kept_invalid():
    release = read("no-article.html")
    assert len(release.problems) == 1
    assert release.problems[0].field == "body"
    assert "no article text" in release.problems[0].message
    assert release.body_html is None


def test_script_and_javascript_links_never_survive_sanitizing():
    page = (
        b"<html><body><article><h1>Test</h1><p>Ein langer Absatz mit genug Text, damit er als "
        b"Artikel gilt, und mit einem <a href=\"javascript:alert('x')\">gef\xc3\xa4hrlichen Link"
        b'</a> sowie <a href="JaVaScRiPt:void(0)">noch einem</a>.</p><script>alert(1)</script>'
        b'<p onclick="steal()">Ein zweiter Absatz, ebenfalls mit ausreichend Inhalt f\xc3\xbcr '
        b"die Erkennung als Haupttext der Seite.</p></article></body></html>"
    )
    context = InputContext(
        source="test",
        config=SourceConfig(title="Test", kind="files"),
        locator="inbox/evil.html",
        received_at=datetime(2024, 5, 2, tzinfo=UTC),
        route="files",
    )
    release = read_input(page, ".html", context)
    assert release.problems == ()
    cleaned = clean_body(release.body_html)
    assert "gefährlichen Link" in cleaned
    for dangerous in ("<script", "javascript:", "JaVaScRiPt", "onclick", "alert(1)"):
        assert dangerous not in cleaned


def test_a_photo_offered_in_the_files_box_is_a_photo_of_the_release():
    release = read("downloads-mit-foto.html", url="https://www.swr.example/presse/ladeparks")
    assert [(item.url, item.caption) for item in release.media] == [
        (
            "https://www.swr.example/media/ladepark-messeplatz.jpg",
            "Visualisierung Ladepark Messeplatz",
        )
    ]
    assert [link.url for link in release.links] == [
        "https://www.swr.example/media/pm-ladeparks.pdf"
    ]


NEWSROOM_WITH_FILES_BOX = """<html lang="en"><head><title>Fjordline orders two battery-electric
ferries</title></head><body><article><h1>Fjordline orders two battery-electric ferries</h1>
<p>Fjordline Ferries has signed a contract with Westcoast Yard for two battery-electric ferries
for the Bergen–Stord route, worth approximately NOK 780 million.</p>
<p>The two ferries will each carry 120 cars and 600 passengers and will be charged at both ports
during loading.</p>
<div class="attachments"><h2>Images &amp; Documents</h2><figure>
<a href="https://mb.newsroom.example/12345/ferry.jpg"><img
src="https://mb.newsroom.example/12345/ferry_640.jpg" alt="The new ferry"></a>
<figcaption>The new Bergen–Stord ferry. Illustration: Westcoast Yard</figcaption></figure>
<ul><li><a href="https://mb.newsroom.example/12345/yard.jpg">The yard in Leirvik (JPG, 2 MB)</a>
</li><li><a href="https://mb.newsroom.example/12345/release.pdf">The release (PDF)</a></li></ul>
</div></article></body></html>"""


def test_extract_shows_a_photo_once_when_the_files_box_links_it_again(empty_root):
    import json

    from typer.testing import CliRunner

    from pipeline.cli import app

    page = empty_root / "ferries.html"
    page.write_text(NEWSROOM_WITH_FILES_BOX, encoding="utf-8")
    result = CliRunner().invoke(app, ["--root", str(empty_root), "extract", str(page), "--json"])
    assert result.exit_code == 0, result.output
    media = json.loads(result.stdout)["media"]
    files = "https://mb.newsroom.example/12345"
    assert [(item["url"], item["caption"], item["credit"]) for item in media] == [
        (f"{files}/ferry.jpg", "The new Bergen–Stord ferry.", "Westcoast Yard"),
        # another photo the box offers stays
        (f"{files}/yard.jpg", "The yard in Leirvik", ""),
    ]
