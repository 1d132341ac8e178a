"""A line that only offers a file (a newsroom's 'PDF-Dokument · 240 KB', WordPress's file block
with its 'Herunterladen' button) and the headings of a page's emptied panels leave the text;
the file stays one of the release's links, under its own name."""

from __future__ import annotations

from pipeline.normalize import normalize
from tests.extract.test_page_dates import release_of_page
from tests.normalize.test_normalize import SOURCE, raw_release

NEWSROOM = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>LVB bestellen 24 Elektrobusse | Lindenauer Verkehrsbetriebe</title></head><body><main>
<article class="panel-pressrelease"><header><h1>LVB bestellen 24 Elektrobusse</h1></header>
<div class="panel-pressrelease__body">
<p>Der Auftrag mit einem Volumen von 17,5 Millionen Euro ging an einen Hersteller aus Polen. Die
Busse haben eine Reichweite von bis zu 350 Kilometern und werden nachts im Betriebshof geladen.</p>
<p>„Bis 2030 wollen wir die gesamte Flotte umgestellt haben“, sagte Geschäftsführerin Ulrike
Franke. Bund und Land fördern die Anschaffung mit 6,2 Millionen Euro.</p></div>
<section class="panel-images"><h2>Bilder</h2><div class="media-item">
<a href="https://newsroom.example/lvb/bus.jpg"><img src="https://newsroom.example/lvb/bus.jpg"
alt="Elektrobus der LVB"></a><div class="media-item__meta"><h3>Elektrobus der LVB</h3>
<p>Einer der neuen Elektrobusse bei der Probefahrt.</p><dl><dt>Lizenz:</dt><dd>Creative Commons
Namensnennung</dd><dt>Fotograf:</dt><dd>Tom Schulze</dd><dt>Dateiformat:</dt><dd>.jpg</dd></dl>
<a href="https://newsroom.example/lvb/bus.jpg">Herunterladen</a></div></div></section>
<section class="panel-documents"><h2>Dokumente</h2><div class="media-item">
<a href="https://newsroom.example/lvb/factsheet.pdf">Factsheet Elektrobusse</a>
<span>PDF-Dokument · 240 KB</span></div></section>
<section class="panel-about"><h2>Über die Lindenauer Verkehrsbetriebe</h2><p>Die Lindenauer
Verkehrsbetriebe befördern jährlich rund 150 Millionen Fahrgäste mit Bus und Straßenbahn.</p>
</section></article></main></body></html>"""


def test_a_newsroom_s_emptied_panels_and_download_line_leave_the_text():
    found = release_of_page(NEWSROOM)
    assert found.text.split("\n\n") == [
        "Der Auftrag mit einem Volumen von 17,5 Millionen Euro ging an einen Hersteller aus Polen. "
        "Die Busse haben eine Reichweite von bis zu 350 Kilometern und werden nachts im "
        "Betriebshof geladen.",
        "„Bis 2030 wollen wir die gesamte Flotte umgestellt haben“, sagte Geschäftsführerin Ulrike "
        "Franke. Bund und Land fördern die Anschaffung mit 6,2 Millionen Euro.",
    ]
    assert [(link.url, link.text) for link in found.links] == [
        ("https://newsroom.example/lvb/factsheet.pdf", "Factsheet Elektrobusse")
    ]


def test_a_photo_s_listed_photographer_and_licence_are_its_credit_and_licence():
    [photo] = release_of_page(NEWSROOM).media
    assert (photo.caption, photo.credit, photo.license) == (
        "Einer der neuen Elektrobusse bei der Probefahrt.",
        "Tom Schulze",
        "Creative Commons Namensnennung",
    )


FEED_CONTENT = """<p class="has-text-align-left"><strong>Nr. 87/2026</strong></p>
<p>Nach zweijähriger Bauzeit hat die Hochschule Lindenau am Mittwoch ihren neuen Hörsaal am Campus
Süd eröffnet. Der Saal bietet 420 Plätze und moderne Medientechnik.</p>
<div class="wp-block-file"><a id="wp-block-file--media-1"
href="https://hs.example/wp-content/uploads/2026/11/PM_87_2026_Hoersaal.pdf">PM_87_2026_Hoersaal</a><a
href="https://hs.example/wp-content/uploads/2026/11/PM_87_2026_Hoersaal.pdf"
class="wp-block-file__button wp-element-button" download>Herunterladen</a></div>
<p>Die Baukosten lagen bei 11,2 Millionen Euro, davon trug der Freistaat 8,4 Millionen.</p>"""


def feed_entry(content: str):
    raw = raw_release(
        format="html",
        identity="https://hs.example/?p=18342",
        title="Neuer Hörsaal am Campus Süd eröffnet",
        body_html=content,
    )
    return normalize(raw, SOURCE)


def test_a_wordpress_file_block_is_one_link_under_the_file_s_name():
    found = feed_entry(FEED_CONTENT)
    assert [(link.url, link.text) for link in found.links] == [
        (
            "https://hs.example/wp-content/uploads/2026/11/PM_87_2026_Hoersaal.pdf",
            "PM_87_2026_Hoersaal",
        )
    ]
    assert "Herunterladen" not in found.text and "PM_87_2026" not in found.text


def test_the_release_s_number_alone_over_the_text_is_letterhead():
    found = feed_entry(FEED_CONTENT)
    assert found.text.startswith("Nach zweijähriger Bauzeit")


def test_a_document_named_in_a_sentence_stays_text():
    content = (
        "<p>Nach zweijähriger Bauzeit hat die Hochschule ihren neuen Hörsaal eröffnet.</p>"
        '<p>Den <a href="https://hs.example/plan.pdf">Lageplan des Campus</a> finden Sie hier.</p>'
        '<p><a href="https://hs.example/bericht.pdf">Jahresbericht 2026</a></p>'
    )
    found = feed_entry(content)
    assert found.text.split("\n\n")[1:] == [
        "Den Lageplan des Campus finden Sie hier.",
        "Jahresbericht 2026",
    ]


def test_sections_with_their_own_text_keep_their_headings():
    content = (
        "<p>Nach zweijähriger Bauzeit hat die Hochschule Lindenau ihren neuen Hörsaal eröffnet.</p>"
        "<h2>Technik</h2><h3>Medien</h3><p>Der Saal hat zwei Beamer und eine Tonanlage.</p>"
    )
    found = feed_entry(content)
    assert found.text.split("\n\n")[1:] == [
        "Technik",
        "Medien",
        "Der Saal hat zwei Beamer und eine Tonanlage.",
    ]
