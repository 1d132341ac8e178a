"""Markdown releases with YAML front matter."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize
from tests.conftest import FIXTURES_ROOT

FIXTURES = FIXTURES_ROOT / "markdown"


def read(data: bytes, name: str = "release.md"):
    context = InputContext(
        source="test",
        config=SourceConfig(title="Test", kind="files"),
        locator=f"inbox/{name}",
        received_at=datetime(2024, 6, 1, tzinfo=UTC),
        route="files",
    )
    return read_input(data, Path(name).suffix, context)


def fixture(name: str):
    return read((FIXTURES / name).read_bytes(), name)


def test_front_matter_fields_are_read():
    release = fixture("kita-eroeffnung.md")
    assert release.problems == ()
    assert release.format == "markdown"
    assert release.title == "Neue Kita „Sonnenblume“ öffnet im August"
    assert release.teaser == "Die Stadt schafft 90 neue Betreuungsplätze im Westviertel."
    assert release.language == "de"
    assert release.published == datetime(2024, 6, 12, 9, 0)  # naive: the source's zone applies
    assert release.embargo_until == datetime(
        2024, 6, 12, 11, 0, tzinfo=timezone(timedelta(hours=2))
    )
    assert release.contact.startswith("Presseamt Beispielstadt")
    assert release.categories == ("Bildung", "Familie", "Westviertel")
    assert release.identity == "pm-2024-117"
    assert release.base_url == "https://www.beispielstadt.example/presse/kita-sonnenblume"


def test_body_is_rendered_as_html():
    body = fixture("kita-eroeffnung.md").body_html
    assert "<strong>„Sonnenblume“</strong>" in body
    assert "<h2>Anmeldung</h2>" in body
    assert '<a href="https://kita.beispielstadt.example/anmeldung">Kita-Portal</a>' in body
    assert "<li>Öffnungszeiten: 7 bis 17 Uhr</li>" in body
    assert "---" not in body and "sperrfrist" not in body


def test_first_heading_is_the_title_when_front_matter_has_none():
    release = fixture("library-app.md")
    assert release.title == "City Library launches lending app"
    assert "<h1>" not in release.body_html and "<h2>City Library" not in release.body_html
    assert release.body_html.startswith("<p>The City Library has released an app")
    assert release.identity == "inbox/library-app.md"


def test_bad_yaml_is_a_front_matter_problem_with_a_line():
    release = fixture("bad-front-matter.md")
    assert [problem.field for problem in release.problems] == ["front_matter"]
    assert "line 4" in release.problems[0].message or "line 5" in release.problems[0].message
    assert "Sommerfest" in release.body_html  # the body is still shown to the editor


def test_unreadable_embargo_stops_the_release():
    release = read("---\ntitle: X\nembargo: nächste Woche\n---\nText.\n".encode())
    assert [problem.field for problem in release.problems] == ["embargo"]


def test_plain_markdown_without_front_matter_and_extra_headings():
    release = read(b"Ein Absatz.\n\n# Titel weiter unten\n\n##### Klein\n")
    assert release.title == "Titel weiter unten"
    assert release.body_html == "<p>Ein Absatz.</p>\n<h4>Klein</h4>"


def test_hugo_s_toml_front_matter_is_read():
    release = read(
        b'+++\ntitle = "Stadtbibliothek \xc3\xb6ffnet Zweigstelle"\n'
        b'date = 2026-12-03T10:00:00+01:00\ntags = ["Kultur"]\n+++\n\nDie Stadtbibliothek '
        b"er\xc3\xb6ffnet am Samstag ihre neue Zweigstelle.\n"
    )
    assert release.title == "Stadtbibliothek öffnet Zweigstelle"
    assert release.published.isoformat() == "2026-12-03T10:00:00+01:00"
    assert release.problems == () and "+++" not in release.body_html
    broken = read(b"+++\ntitle = Zweigstelle\n+++\n\nText.\n")
    assert broken.problems[0].message.startswith("not valid TOML: ")
    assert "line 1" in broken.problems[0].message


def test_front_matter_never_closed_or_with_an_unquoted_colon_says_how_to_fix_it():
    unclosed = read(
        b"---\ntitle: Neue Zweigstelle\ndate: 2026-12-03\n\n# Neue Zweigstelle\n\nText."
    )
    assert "never closed; add a line '---' after its last field" in unclosed.problems[0].message
    assert "title:" not in (unclosed.body_html or "")
    colon = read(b"---\ntitle: Pressemitteilung: Neue Zweigstelle\n---\n\nText.\n")
    assert "needs quotes" in colon.problems[0].message


def test_front_matter_images_by_any_common_key_and_one_without_an_address_is_only_a_warning():
    raw = read(
        b"---\ntitle: Radweg freigegeben\nimages:\n"
        b"  - src: radweg.jpg\n    caption: Freigabe am Europaplatz\n"
        b"    credit: Stadt / J. K\xc3\xb6hler\n"
        b"  - caption: ein Bild ohne Adresse\n---\n\nDer Radweg ist frei.\n"
    )
    assert raw.problems == ()
    [image] = raw.media
    assert (image.url, image.caption, image.credit) == (
        "radweg.jpg",
        "Freigabe am Europaplatz",
        "Stadt / J. Köhler",
    )
    assert any("images[1] was left out" in warning for warning in raw.warnings)


def test_a_heading_s_entities_and_emphasis_are_read_as_text():
    raw = read('# Gebühren für 5 &lt; 6 &amp; "Parkplätze" **steigen**\n\nText.\n'.encode())
    assert raw.title == 'Gebühren für 5 < 6 & "Parkplätze" steigen'


def test_a_text_with_more_marks_than_any_release_is_read_as_plain_text():
    from pipeline.extract.plain import MAX_MARKS
    from pipeline.review.markdown import to_html

    marked = "# Titel\n\nEin Absatz.\n\n" + "*a _" * (MAX_MARKS // 2 + 1)
    raw = read(marked.encode())
    assert raw.body_html.startswith("<p># Titel</p>\n<p>Ein Absatz.</p>\n<p>*a _*a _")
    assert any("read as plain text" in warning for warning in raw.warnings)
    assert to_html(marked).startswith("<p># Titel</p>")
    assert "<em>" in to_html("Ein *betontes* Wort.")  # an ordinary text is still Markdown


def test_windows_line_ends_close_the_front_matter_and_tabbed_paragraphs_stay_paragraphs():
    text = (
        '---\r\ntitle: "Neues Bürgerbüro öffnet"\r\ndate: 2026-12-02\r\n---\r\n'
        "\tDas Bürgerbüro im Rathaus Nord öffnet am 7. Dezember.\r\n\r\n"
        "\tEs ist montags bis freitags von 8 bis 18 Uhr geöffnet.\r\n\r\n"
        "```\r\nTermine: 0341 123-0\r\n```\r\n"
    )
    raw = read(text.encode())
    assert raw.title == "Neues Bürgerbüro öffnet" and raw.problems == ()
    assert raw.body_html.count("<p>") == 2 and "<pre>" in raw.body_html
    assert "title:" not in raw.body_html


def test_a_video_player_in_the_markdown_becomes_a_link_with_a_note_as_in_a_page():
    release = read(
        b"# LED-Leuchten\n\nDie Gemeinde tauscht 84 Leuchten.\n\n"
        b'<iframe width="560" src="https://www.youtube.com/embed/abc123XYZ_0"></iframe>\n\n'
        b'<iframe src="https://maps.example/embed?q=Hauptstrasse"></iframe>\n\n'
        b"Mehr im [Kanal](https://www.youtube.com/@oberdorf).\n"
    )
    assert [(link.url, link.text) for link in release.links] == [
        ("https://www.youtube.com/embed/abc123XYZ_0", "Video")
    ]
    assert release.warnings == (
        "the release embeds a video (https://www.youtube.com/embed/abc123XYZ_0): Melder carries "
        "it as a link, not as a player",
    )


def test_footnotes_become_raised_marks_and_a_numbered_list_of_notes_under_the_text():
    raw = read(
        "# Radverkehrsplan beschlossen\n\n"
        "Der Stadtrat hat den Radverkehrsplan beschlossen.[^plan] Bis 2030 entstehen 40 "
        "Kilometer neue Radwege.[^2]\n\n"
        "Die Kosten trägt zu 60 Prozent das Land.\n\n"
        "[^plan]: Beschluss Nr. 2026/117 vom 19. November 2026.\n"
        "[^2]: Davon 12 Kilometer an Landesstraßen.\n".encode()
    )
    release = normalize(raw, SourceConfig(title="Stadt", kind="files", path="inbox"))
    assert release.body_html == (
        "<p>Der Stadtrat hat den Radverkehrsplan beschlossen.¹ Bis 2030 entstehen 40 Kilometer"
        " neue Radwege.²</p>\n<p>Die Kosten trägt zu 60 Prozent das Land.</p>\n"
        "<ol>\n<li>Beschluss Nr. 2026/117 vom 19. November 2026.</li>\n"
        "<li>Davon 12 Kilometer an Landesstraßen.</li>\n</ol>"
    )


EXHIBITION = (
    "Das Stadtmuseum Lindenau zeigt ab dem 4. Dezember 2026 rund 120 Fotografien der Berliner "
    "Fotografin Helga Paris. Die Ausstellung ist bis zum 28. Februar 2027 zu sehen."
)
MUSEUM = SourceConfig(title="Museum", kind="files", path="inbox", timezone="Europe/Berlin")


def test_an_embargo_in_a_notion_callout_holds_the_release():
    raw = read(
        "# Museum Lindenau zeigt Fotografien von Helga Paris\n\n<aside>\n"
        f"📌 **Sperrfrist:** 12.06.2024, 10:00 Uhr\n</aside>\n\n{EXHIBITION}\n".encode()
    )
    release = normalize(raw, MUSEUM)
    assert release.embargo_until == datetime(2024, 6, 12, 8, 0, tzinfo=UTC)
    assert release.body_html == f"<p>{EXHIBITION}</p>"


def test_a_note_in_a_notion_callout_is_text_of_the_release():
    raw = read(
        "# Museum Lindenau zeigt Fotografien von Helga Paris\n\n"
        f"{EXHIBITION}\n\n<aside>\n💡 Der Eintritt am Eröffnungsabend ist frei.\n"
        "</aside>\n".encode()
    )
    release = normalize(raw, MUSEUM)
    assert release.body_html == (
        f"<p>{EXHIBITION}</p>\n<p>💡 Der Eintritt am Eröffnungsabend ist frei.</p>"
    )


def test_a_callout_quote_is_one_quote_without_its_type_marker_and_keeps_its_title():
    raw = read(
        "# Museum Lindenau zeigt Fotografien von Helga Paris\n\n"
        f"{EXHIBITION}\n\n> [!NOTE]\n> Pressefotos stehen im Pressebereich zum Download bereit.\n"
        "\n> [!tip]- Anfahrt\n> Die Straßenbahnlinie 3 hält vor dem Museum.\n".encode()
    )
    release = normalize(raw, MUSEUM)
    assert release.body_html == (
        f"<p>{EXHIBITION}</p>\n"
        "<blockquote><p>Pressefotos stehen im Pressebereich zum Download bereit.</p></blockquote>\n"
        "<blockquote><p>Anfahrt</p></blockquote>\n"
        "<blockquote><p>Die Straßenbahnlinie 3 hält vor dem Museum.</p></blockquote>"
    )


def test_a_quote_that_opens_with_a_bracket_keeps_it():
    raw = read(
        "# Museum Lindenau zeigt Fotografien von Helga Paris\n\n"
        f"{EXHIBITION}\n\n> [Aus dem Katalog] Helga Paris fotografierte Menschen in ihrem "
        "Alltag.\n".encode()
    )
    release = normalize(raw, MUSEUM)
    assert "[Aus dem Katalog] Helga Paris" in release.body_html
