"""Which pictures of a press page go out as the release's photos, with which caption and
credit: page builders, newsroom galleries, lazy loaders and teaser cards of other releases."""

from __future__ import annotations

import pytest

from tests.extract.test_page_dates import release_of_page
from tests.normalize.test_release_shapes import release


def described(found) -> list[tuple[str, str, str]]:
    return [(photo.url.rsplit("/", 1)[-1], photo.caption, photo.credit) for photo in found.media]


def test_an_elementor_page_keeps_its_featured_image_and_the_photo_in_its_text():
    found = release("elementor-stadtwerke.html")
    assert described(found) == [
        ("speicher-1800.jpg", "", ""),
        (
            "leitstand-1200.jpg",
            "Im Leitstand wird der Speicher überwacht.",
            "Stadtwerke Feldkirchen/Lena Hofmair",
        ),
    ]
    assert "Im Leitstand" not in found.text  # the caption left the body
    # the site logo widget, the posts widget's teaser cards and the sidebar's ad are not taken


def test_a_divi_page_keeps_the_image_module_inside_its_text():
    found = release("divi-bergbahnen.html")
    assert described(found) == [
        ("gondel-visualisierung.jpg", "Die künftige Talstation in Schangnau.", "Garaventa")
    ]
    assert found.media[0].credit_label == "Visualisierung"
    assert "Talstation in Schangnau" not in found.text
    # the blog grid's cards under 'Zuletzt veröffentlicht' are other releases


def test_a_caption_printed_without_its_credit_takes_it_from_the_gallery_caption():
    found = release("newsroom-bildergalerie.html")
    assert described(found) == [
        (
            "strassenbahn-traun-3000.jpg",
            "Die erste Testfahrt an der neuen Haltestelle Traun Hauptplatz.",
            "Linz AG / Kerstin Wimmer",
        ),
        (
            "haltestelle-3000.jpg",
            "Barrierefreie Haltestelle Schloss Traun.",
            "Linz AG / Kerstin Wimmer",
        ),
        ("streckenplan-3000.png", "Der Streckenverlauf der Verlängerung.", "Linz AG"),
        # caption and credit in lines of their own; the original offered for download
        ("depot_org.jpg", "Die neue Remise in Traun bietet Platz für zwölf Garnituren.", "Linz AG"),
    ]
    assert [photo.credit_label for photo in found.media] == ["", "", "Grafik", ""]
    assert "portrait-reiter.jpg" not in [photo.url.rsplit("/", 1)[-1] for photo in found.media]
    assert "Remise" not in found.text


def test_a_lazy_loaders_noscript_copy_does_not_part_the_photo_from_its_caption():
    found = release("stadt-noscript-bild.html")
    assert described(found) == [
        (
            "trinkbrunnen-jakominiplatz.jpg",
            "Einer der neuen Trinkbrunnen am Jakominiplatz.",
            "Stadt Graz/Fischer",
        )
    ]
    assert found.text.endswith("ist auf der Website der Stadt abrufbar.")


def test_teaser_cards_of_other_releases_are_no_photos_whatever_their_heading():
    found = release("neueste-meldungen-karten.html")
    # the article's own gallery links each photo to a page of its own and stays
    assert described(found) == [
        ("aino-1200.jpg", "Aino auf dem Kletterfelsen.", "Zoo Lindenau/Petra Sommer"),
        ("tuuli-1200.jpg", "Tuuli im Bachlauf.", "Zoo Lindenau/Petra Sommer"),
    ]


def test_a_text_set_with_line_breaks_keeps_the_photo_beside_its_headline():
    found = release("zeilenumbruch-foto.html")
    assert described(found) == [("72c9e_g.jpg", "", "Klimaschutzagentur Mittelrhein")]
    # the portal's logo and the ad banner are not taken


PHOTO_IN_LINE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Kultusminister
stellt Programm vor</title></head><body><main><article><h1>Kultusminister stellt Programm vor</h1>
<p>Dresden. Kultusminister Conrad Clemens hat am Mittwoch ein Programm vorgestellt, mit dem der
Freistaat bis 2030 zusätzlich 1.200 Lehrkräfte für den ländlichen Raum gewinnen will.</p>
<p>„Wir müssen dort ansetzen, wo der Mangel am größten ist“, sagte Clemens. Das Programm richtet
sich an Referendarinnen und Referendare ebenso wie an Seiteneinsteiger.</p>
<p class="bildrecht"><img src="https://www.smk.example/img/clemens.jpg" alt="Kultusminister
Clemens" width="400"><br>{line}</p></article></main></body></html>"""


@pytest.mark.parametrize(
    "line",
    [
        "Kultusminister Conrad Clemens bei der Vorstellung des Programms. (Foto: SMK/J. Männel)",
        "Kultusminister Conrad Clemens bei der Vorstellung des Programms. Foto: SMK/J. Männel",
    ],
)
def test_a_caption_under_a_photo_after_a_line_break_is_its_caption(line):
    found = release_of_page(PHOTO_IN_LINE.format(line=line))
    assert described(found) == [
        (
            "clemens.jpg",
            "Kultusminister Conrad Clemens bei der Vorstellung des Programms.",
            "SMK/J. Männel",
        )
    ]
    assert "bei der Vorstellung" not in found.text


def test_text_after_a_photo_s_line_break_without_a_credit_stays_text():
    line = "Das Programm startet zum Schuljahr 2027/28 in allen Landkreisen des Freistaats."
    found = release_of_page(PHOTO_IN_LINE.format(line=line))
    assert described(found) == [("clemens.jpg", "", "")]
    assert found.text.endswith(line)
