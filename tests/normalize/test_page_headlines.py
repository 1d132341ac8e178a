"""The headline of a page whose <h1> is not (only) the headline: a section's name, the site's
name in a theme's header, a label or a kicker set inside the <h1>."""

from __future__ import annotations

import pytest

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize
from tests.normalize.test_release_shapes import ARRIVED, SHAPES, release

SOURCE = SourceConfig(title="Probe", kind="files", path="inbox", language="de")


@pytest.mark.parametrize(
    ("name", "title"),
    [
        (
            "typo3-rubrik-h1.html",
            "Grippeschutzimpfung: Gesundheitsamt bietet offene Sprechstunden an",
        ),
        (
            "site-title-h1.html",
            "Skiflug-Weltcup: Gemeinde sperrt Zufahrt zur Heini-Klopfer-Schanze",
        ),
        ("h1-label-span.html", "Neue Buslinie verbindet Buchholz und Tostedt ab Fahrplanwechsel"),
        ("gsb-kicker-im-h1.html", "Bund fördert 120 neue Stadtbäume-Projekte"),
    ],
)
def test_the_headline_is_the_release_s_own(name, title):
    found = release(name, "de")
    assert found.title == title
    assert not found.text.startswith(title)
    assert found.errors == ()


def test_a_time_element_s_shown_time_beats_its_date_only_attribute():
    found = release("time-element-mit-uhrzeit.html", "de")
    assert found.published_at.isoformat() == "2026-11-24T14:30:00+01:00"


def test_a_stand_line_and_a_numbered_label_line_leave_the_body_and_date_it():
    found = release("stand-und-nummer.html", "de")
    assert "Stand:" not in found.text and "Pressemitteilung 312/2026" not in found.text
    assert found.published_at.date().isoformat() == "2026-11-24"


def test_a_place_and_date_in_a_list_under_the_headline_dates_the_release():
    found = release("elementor-post-info.html", "de")
    assert found.published_at.date().isoformat() == "2026-11-19"


def test_a_heading_that_shares_its_text_with_a_menu_entry_gets_no_menu_link():
    found = release("menue-link-gleicher-text.html", "de")
    assert "/service/" not in found.body_html
    assert all("/service/" not in link.url for link in found.links)


@pytest.mark.parametrize(
    ("name", "deck"),
    [
        ("sitefinity-summary.html", "Niederlassungsprämie von bis zu 60.000 Euro"),
        ("typo3-subheader.html", "Neubau mit 180 Betten und sechs Hybrid-OP-Sälen"),
    ],
)
def test_a_deck_under_the_headline_opens_the_body(name, deck):
    assert release(name, "de").text.startswith(deck)


@pytest.mark.parametrize(
    ("name", "speaker"),
    [
        ("zitat-footer.html", "Prof. Dr. Martin Lindner, Institut für Baustoffforschung"),
        ("zitat-cite.html", "Dr. Andreas Kuhn, Vorstandsvorsitzender"),
    ],
)
def test_a_quote_keeps_its_speaker(name, speaker):
    assert speaker in release(name, "de").text


def test_an_embedded_video_becomes_a_link_and_a_note():
    found = release("video-iframe.html", "de")
    assert [link.url for link in found.links if link.text == "Video"] == [
        "https://www.youtube-nocookie.com/embed/aBcD1234xyz"
    ]
    assert any("embeds a video" in warning for warning in found.warnings)


def test_a_table_one_extractor_skips_between_paragraphs_is_kept():
    found = release("contao-tabelle.html", "de")
    assert "Montag bis Donnerstag | 11 bis 20 Uhr" in found.text
    assert "Sonntag | 12 bis 20 Uhr" in found.text


@pytest.mark.parametrize(
    ("name", "credit"),
    [
        ("mail-fotos-mit-unterschrift.eml", "Zoo Wellheim/Ralf Brenner"),
        ("wordpress-bild-mit-em.html", "Zoo Osnabrück / Jan Paulsen"),
    ],
)
def test_a_credited_line_under_a_picture_is_its_caption_not_body_text(name, credit):
    found = release(name, "de")
    assert found.media and all(media.credit == credit for media in found.media)
    assert all(media.caption for media in found.media)
    assert "Foto:" not in found.text


PAGE = (
    "<html><head><title>{title}</title><meta property='og:title' content='{og}'></head><body>"
    "<nav><a href='/'>Start</a></nav><main><article><h1>{h1}</h1>"
    "<p>Hannover, 26. November 2026 – Die Fraktion fordert eine dauerhafte Finanzierung der "
    "Schulsozialarbeit an allen Schulen des Landes.</p><p>Eine befristete Förderung reiche "
    "nicht aus, sagte die Sprecherin am Donnerstag im Landtag.</p></article></main></body></html>"
)
HEADLINE = "Schulsozialarbeit: Land muss dauerhaft finanzieren"


@pytest.mark.parametrize(
    ("og", "title"),
    [
        ("Pressemitteilung", "Pressemitteilung"),
        ("Pressemitteilung Nr. 214/2026 – Universität Greifenstein", "Presse | Universität"),
        ("Pressemitteilung", "Pressemitteilung Nr. 12 | Fraktion"),
    ],
)
def test_a_head_that_names_only_the_kind_of_page_gives_way_to_the_h1(og, title):
    found = normalize(read_page(PAGE.format(title=title, og=og, h1=HEADLINE)), SOURCE)
    assert found.title == HEADLINE and not found.errors
    assert found.text.startswith("Hannover, 26. November 2026 – Die Fraktion")


def test_the_separator_after_a_kicker_in_the_h1_goes_with_it():
    h1 = (
        '<span class="dachzeile">Digitalisierung</span><span class="sr-only">: </span>'
        "Jede Schule bekommt eine IT-Fachkraft"
    )
    head = "Ministerium für Bildung Rheinland-Pfalz"
    page = PAGE.format(title=head, og="", h1=h1)
    assert normalize(read_page(page), SOURCE).title == "Jede Schule bekommt eine IT-Fachkraft"


def test_a_kicker_set_in_the_h1_without_a_space_is_neither_title_nor_body():
    h1 = (
        '<span class="dachzeile">Medieninformation Nr. 512</span>'
        '<span class="headline">Neue Ampel an der Kreuzung Georg-Schumann-Straße</span>'
    )
    found = normalize(read_page(PAGE.format(title="Stadt Leipzig", og="", h1=h1)), SOURCE)
    assert found.title == "Neue Ampel an der Kreuzung Georg-Schumann-Straße"
    assert found.text.startswith("Hannover, 26. November 2026 – Die Fraktion")
    assert "512" not in found.text and "512" not in found.slug


@pytest.mark.parametrize(
    ("meta", "published"),
    [
        (
            "Polizeidirektion Hannover | Veröffentlicht am: 26. November 2026, 13:05 Uhr",
            "2026-11-26T13:05:00+01:00",
        ),
        ("Stand: 26.11.2026, 09:40 Uhr · Landtagsfraktion", "2026-11-26T09:40:00+01:00"),
    ],
)
def test_a_row_of_fields_with_the_publication_date_under_the_h1_dates_it_and_leaves_the_body(
    meta, published
):
    first, second = meta.split(" | ") if " | " in meta else meta.split(" · ")
    page = PAGE.replace(
        "<h1>{h1}</h1>",
        "<h1>Medieninformation 612/2026</h1><div class='mi-meta'><span>" + first + "</span> | "
        "<span>" + second + "</span></div><h2>{h1}</h2>",
    )
    head = "Medieninformation 612/2026 - Polizei Niedersachsen"
    found = normalize(read_page(page.format(title=head, og="", h1=HEADLINE)), SOURCE)
    # the h1 only names the label and number: the heading under it is the headline
    assert found.title == HEADLINE
    assert found.text.startswith("Hannover, 26. November 2026 – Die Fraktion")
    assert found.published_at.isoformat() == published


def test_an_update_note_in_the_text_does_not_date_the_release():
    page = PAGE.replace(
        "<p>Eine befristete",
        "<p><strong>Update, 27.11.2026, 16:45 Uhr:</strong> Der Landtag hat die Debatte auf "
        "Dezember vertagt.</p><p>Eine befristete",
    ).replace("<p>Hannover, 26. November 2026 – Die", "<p>Hannover. Die")
    page = page.replace(
        "<h1>{h1}</h1>",
        "<h1>{h1}</h1><p class='meta'>Erstellt am 26.11.2026, "
        "09:10 Uhr | Zuletzt aktualisiert: 27.11.2026, 16:45 Uhr</p>",
    )
    found = normalize(read_page(page.format(title=HEADLINE, og="", h1=HEADLINE)), SOURCE)
    assert found.published_at.isoformat() == "2026-11-26T09:10:00+01:00"
    assert "Update, 27.11.2026" in found.text  # the note stays: it is news


@pytest.mark.parametrize("separator", ["›", "/", "»"])
def test_a_head_title_set_as_the_breadcrumb_trail_gives_its_last_step(separator):
    headline = "Freibad Schkeuditz bleibt bis Ende September geöffnet"
    steps = ["Startseite", "Presse", "Aktuelle Meldungen", headline]
    trail = f" {separator} ".join(
        [f"<a href='/{i}'>{step}</a>" for i, step in enumerate(steps[:-1])]
        + [f"<span>{headline}</span>"]
    )
    page = (
        f"<html><head><title>{f' {separator} '.join(steps)}</title></head><body>"
        f"<div class='crumbs'>{trail}</div><div class='content'><p>Schkeuditz, 28.08.2026</p>"
        "<p>Wegen des warmen Wetters verlängert die Stadt die Freibadsaison bis zum 30. "
        "September. Das Bad ist täglich von 10 bis 19 Uhr geöffnet.</p></div></body></html>"
    )
    found = normalize(read_page(page), SOURCE)
    assert found.title == headline
    assert found.text.startswith("Wegen des warmen Wetters")


def test_a_deck_that_opens_with_a_date_is_no_dateline():
    page = PAGE.replace(
        "<p>Hannover,",
        "<p>Ab 12. Februar 2027 zeigt das Landesmuseum Funde aus 10.000 Jahren Moorgeschichte "
        "– darunter die Frau von Uchte</p><p>Hannover,",
    ).format(title=HEADLINE, og=HEADLINE, h1=HEADLINE)
    found = normalize(read_page(page), SOURCE)
    assert found.published_at.date().isoformat() == "2026-11-26"


def read_page(page: str):
    context = InputContext(
        source="probe", config=SOURCE, locator="inbox/p.html", received_at=ARRIVED, route="files"
    )
    return read_input(page.encode(), ".html", context)


@pytest.mark.parametrize(
    ("before", "inside", "after", "published"),
    [
        # a box over the article: the office's number and the place and date
        (
            "<div class='kopf'><p>Pressemitteilung Nr. 187/26</p><p>München, 24. November "
            "2026</p></div>",
            "",
            "",
            "2026-11-24T00:00:00+01:00",
        ),
        # a table of fields with the headline in it
        (
            "<table><tr><td>Titel</td><td><h1>Glauber startet Förderprogramm</h1></td></tr>"
            "<tr><td>Datum</td><td>24. November 2026</td></tr>"
            "<tr><td>Kategorie</td><td>Bildung</td></tr></table>",
            "",
            "",
            "2026-11-24T00:00:00+01:00",
        ),
        ("", "<div><b>Post Date:</b>11/24/2026 3:15 PM</div>", "", "2026-11-24T15:15:00+01:00"),
        ("", "<p>Issued: 24 November 2026</p>", "", "2026-11-24T00:00:00+01:00"),
        # the page's 'Stand' line under the article, with its time
        ("", "", "<p>Stand: 24.11.2026, 14:30 Uhr</p>", "2026-11-24T14:30:00+01:00"),
    ],
)
def test_a_date_the_page_prints_beside_the_article_dates_it(before, inside, after, published):
    page = (
        f"<html><head><title>Glauber startet Förderprogramm | Ministerium</title></head><body>"
        f"<nav><a href='/'>Start</a></nav><main>{before}<article>"
        f"{'' if '<h1>' in before else '<h1>Glauber startet Förderprogramm</h1>'}{inside}"
        "<p>Der Freistaat unterstützt Städte und Gemeinden künftig gezielt beim Schutz der "
        "Bevölkerung vor Hitze, sagte der Minister am Dienstag in der Landeshauptstadt.</p>"
        "<p>Für das Programm stehen im kommenden Doppelhaushalt 40 Millionen Euro bereit, "
        f"die Kommunen können ab Januar Anträge stellen.</p>{after}</article></main></body></html>"
    )
    found = normalize(read_page(page), SOURCE)
    assert found.published_at.isoformat() == published
    assert found.text.startswith("Der Freistaat") and "Stand:" not in found.text


@pytest.mark.parametrize(
    "heading",
    [
        "Pressemeldungen der Polizeidirektion Süd",
        "Pressemeldungen der Polizeiinspektion Weißenburg vom 25.11.2026",
        "Pressebericht vom 25.11.2026",
    ],
)
def test_a_page_of_reports_under_a_heading_that_names_them_is_flagged(heading):
    reports = "".join(
        f"<div class='meldung'><h2>{title}</h2><p>{text}</p></div>"
        for title, text in (
            (
                "Wohnungseinbruch in Cottbus-Sandow",
                "Unbekannte sind am Dienstag in eine Wohnung eingebrochen und haben Schmuck "
                "gestohlen. Die Kriminalpolizei sicherte Spuren.",
            ),
            (
                "Wildunfall auf der B 169",
                "Ein Autofahrer ist am Mittwochmorgen mit einem Rothirsch zusammengestoßen. Der "
                "Mann wurde leicht verletzt, sein Wagen war nicht mehr fahrbereit.",
            ),
            (
                "Kupferkabel von Baustelle entwendet",
                "Von einer Baustelle an der Bahnstrecke haben Unbekannte rund 300 Meter "
                "Kupferkabel gestohlen. Der Schaden beträgt etwa 4.000 Euro.",
            ),
        )
    )
    page = (
        "<html><head><title>Pressemeldungen | Polizei</title></head><body><main>"
        f"<h1>{heading}</h1>{reports}<div><h3>Pressestelle "
        "Polizeidirektion Süd</h3><p>Telefon 0355 4937-1040</p></div></main></body></html>"
    )
    found = normalize(read_page(page), SOURCE)
    for report in ("Wohnungseinbruch", "Wildunfall", "Kupferkabel"):  # nothing lost
        assert report in found.text
    [warning] = [warning for warning in found.warnings if "seems to hold" in warning]
    assert "seems to hold 3 releases ('Wohnungseinbruch" in warning  # named once, by the reports


@pytest.mark.parametrize(
    ("box", "contact"),
    [
        (
            "<div class='pm-footer'><p>Pressesprecherin: Dr. Anna Reiter<br>Telefon: 089 "
            "9214-2207<br>E-Mail: presse@stmuv.example</p></div>",
            "Dr. Anna Reiter\nTelefon: 089 9214-2207\nE-Mail: presse@stmuv.example",
        ),
        (
            "<div class='ansprechpartner-box'><div><strong>Ihre Ansprechpartnerin</strong><br>"
            "Birte Sommer<br>Tel.: 04181 13-1024<br>presse@klinikum.example</div></div>",
            "Birte Sommer\nTel.: 04181 13-1024\npresse@klinikum.example",
        ),
    ],
)
def test_a_spokesperson_or_your_contact_box_under_the_article_is_the_contact(box, contact):
    page = PAGE.format(title=HEADLINE, og=HEADLINE, h1=HEADLINE).replace(
        "</article>", f"</article>{box}"
    )
    found = normalize(read_page(page), SOURCE)
    assert found.contact == contact


def test_the_article_s_own_tags_become_its_categories_and_a_tag_cloud_does_not():
    head = (
        "<meta property='article:tag' content='Verkehr'><meta property='article:tag' "
        "content='Bildung'><script type='application/ld+json'>{\"@context\": "
        '"https://schema.org", "@graph": [{"@type": "NewsArticle", "keywords": '
        '"Schule, verkehr, Hitzeschutz"}]}</script>'
    )
    cloud = "<aside><a rel='tag' href='/t/1'>Sport</a> <a rel='tag' href='/t/2'>Wetter</a></aside>"
    page = (
        PAGE.format(title=HEADLINE, og=HEADLINE, h1=HEADLINE)
        .replace("</head>", f"{head}</head>")
        .replace("</main>", f"</main>{cloud}")
    )
    found = normalize(read_page(page), SOURCE)
    assert found.categories == ("Verkehr", "Bildung", "Schule", "Hitzeschutz")


def test_a_date_label_left_alone_and_a_row_of_release_fields_leave_the_body():
    labelled = PAGE.format(title=HEADLINE, og=HEADLINE, h1=HEADLINE).replace(
        "<p>Hannover,",
        "<p><strong>Release Date:</strong> <time datetime='2026-11-23T12:00:00Z'>November 23, "
        "2026</time></p><p>Hannover,",
    )
    found = normalize(read_page(labelled), SOURCE)
    assert found.text.startswith("Hannover, 26. November 2026")
    fields = PAGE.format(title=HEADLINE, og=HEADLINE, h1=HEADLINE).replace(
        "<p>Hannover,",
        "<table><tr><td><b>Date:</b></td><td>Wednesday, November 25, 2026 - 11:20 AM</td></tr>"
        "</table><p>Hannover,",
    )
    found = normalize(read_page(fields), SOURCE)
    assert found.text.startswith("Hannover, 26. November 2026")
    assert "Date:" not in found.text


@pytest.mark.parametrize(
    "day", ["Dienstag, 24. November 2026", "Tuesday, November 24, 2026 9:15 AM", "24 Nov 2026"]
)
def test_a_date_set_as_the_page_s_only_heading_gives_way_to_the_head_s_title(day):
    """A blog theme heads each day's posts with the date, and the post title is a link or
    plain text: the page's <title> names the release."""
    page = (
        "<html><head><title>Neue Buslinie zum Klinikum</title></head><body><div class='date-outer'>"
        f"<h2 class='date-header'><span>{day}</span></h2><div class='post'><p>Ab dem 1. Dezember "
        "fährt die Linie 7 im 20-Minuten-Takt vom Bahnhof zum Klinikum, auch am Wochenende, "
        "teilten die Stadtwerke mit.</p></div></div></body></html>"
    )
    found = normalize(read_page(page), SOURCE)
    assert found.title == "Neue Buslinie zum Klinikum"


def test_reports_with_datelines_under_a_listing_heading_are_flagged_once_by_their_names():
    long_title = "Kreisstraße K 7434 zwischen Delitzsch und Zschepen wird ab Montag für vier Wochen saniert und voll gesperrt"  # noqa: E501
    reports = "".join(
        f"<h2>{title}</h2><p>{place}, 25.11.2026 – {text}</p>"
        for title, place, text in (
            (long_title, "Delitzsch", "Die Umleitung führt über Zschortau und ist ausgeschildert."),
            ("Impfaktion gegen Grippe im Gesundheitsamt Torgau", "Torgau",
             "Am Samstag impft das Gesundheitsamt ohne Termin von 9 bis 13 Uhr."),
        )
    )  # fmt: skip
    page = (
        "<html><body><main><h1>Pressemitteilungen des Landratsamtes Nordsachsen</h1>"
        f"{reports}</main></body></html>"
    )
    found = normalize(read_page(page), SOURCE)
    [warning] = [warning for warning in found.warnings if "seems to hold" in warning]
    cut = "('Kreisstraße K 7434 zwischen Delitzsch und Zschepen wird ab Montag für vier Wochen "
    assert cut + "saniert und voll …', 'Impfaktion" in warning


def test_a_word_page_s_big_bold_first_line_is_the_headline_not_its_file_name():
    found = release("word-webseite.htm")
    assert found.title == "Neues Bürgerbüro im Rathaus Nord öffnet am 7. Dezember"
    assert found.text.startswith("Die Stadt Lindenau eröffnet am Montag")
    assert "docx" not in found.title and "Neues Bürgerbüro" not in found.text


def test_a_page_whose_h1_only_names_the_release_number_is_headed_by_its_h2():
    found = release("pm-nummer-h1.html")
    assert found.title == "Freistaat fördert 40 neue Streuobstwiesen im Erzgebirge"
    assert found.slug == "freistaat-foerdert-40-neue-streuobstwiesen-im-erzgebirge"
    assert found.text.startswith("Der Freistaat Sachsen fördert die Anlage von 40 neuen")
    assert "97/2026" not in found.text


def test_an_h1_that_says_what_happened_behind_a_label_stays_the_headline():
    page = (
        (SHAPES / "pm-nummer-h1.html")
        .read_text("utf-8")
        .replace(
            "<h1>Pressemitteilung Nr. 97/2026</h1>",
            "<h1>Pressemitteilung 97/2026: Erste Streuobstwiesen übergeben</h1>",
        )
        .replace(
            "<title>Pressemitteilung Nr. 97/2026",
            "<title>Pressemitteilung 97/2026: Erste Streuobstwiesen übergeben",
        )
    )
    found = normalize(read_page(page), SOURCE)
    assert found.title == "Erste Streuobstwiesen übergeben"


NUMBERED_PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title}</title>
</head><body><main><article><h1>{title}</h1><p>Dresden. Kultusminister Conrad Clemens hat am
Mittwoch ein Programm vorgestellt, mit dem der Freistaat bis 2030 zusätzlich 1.200 Lehrkräfte für
den ländlichen Raum gewinnen will.</p></article></main></body></html>"""


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Nr. 123/2026: Kultusminister stellt Programm vor", "Kultusminister stellt Programm vor"),
        ("Nr. 123/2026 – Kultusminister stellt Programm vor", "Kultusminister stellt Programm vor"),
        ("No. 45/26 - Minister presents teaching scheme", "Minister presents teaching scheme"),
        # a count in a headline is its words, no release number
        ("Nr. 1: Programm für Lehrkräfte im Land", "Nr. 1: Programm für Lehrkräfte im Land"),
    ],
)  # fmt: skip
def test_a_release_number_in_front_of_the_headline_is_cut(title, headline):
    source = SourceConfig(title="SMK", kind="files", path="inbox", timezone="Europe/Berlin")
    context = InputContext(
        source="smk", config=source, locator="pm.html", received_at=ARRIVED, route="files"
    )
    raw = read_input(NUMBERED_PAGE.format(title=title).encode(), ".html", context)
    assert normalize(raw, source).title == headline
