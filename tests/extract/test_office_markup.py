"""Pages Word saved as a web page: its own markup ('<o:p>', VML) changes nothing a reader
sees, and a picture comes in its full size."""

from __future__ import annotations

from pipeline.extract import extract_article

LEAD = (
    "<html><head><meta charset='utf-8'><title>PM</title></head><body><div class=WordSection1>"
    "<h1>Stadtwerke Lindenau schließen 1.200 Haushalte an das Fernwärmenetz an</h1>"
    "<p class=MsoNormal>Die Stadtwerke Lindenau haben den ersten Bauabschnitt des neuen "
    "Fernwärmenetzes in der Südvorstadt abgeschlossen. Seit dieser Woche beziehen 1.200 "
    "Haushalte ihre Wärme aus dem Biomasse-Heizkraftwerk am Hafen.<o:p></o:p></p>"
)
REST = (
    "<p class=MsoCaption>Bauarbeiten in der Bahnhofstraße. Foto: Stadtwerke Lindenau/Tom Richter"
    "<o:p></o:p></p><p class=MsoNormal>Für die Anwohnerinnen und Anwohner ändert sich einiges: "
    "Die Bahnhofstraße ist vom 1. Dezember bis 19. Dezember gesperrt.<o:p></o:p></p>"
    "</div></body></html>"
)
CAPTION = "Bauarbeiten in der Bahnhofstraße. Foto: Stadtwerke Lindenau/Tom Richter"


def test_a_photo_followed_by_words_empty_paragraph_mark_keeps_its_caption():
    picture = (
        "<p class=MsoNormal><span style='mso-no-proof:yes'><img width=604 height=340 "
        "src='bild.png' alt='Bauarbeiten in der Bahnhofstraße'></span><o:p></o:p></p>"
    )
    article = extract_article((LEAD + picture + REST).encode())
    assert [(image.url, image.caption) for image in article.images] == [("bild.png", CAPTION)]
    assert "Bauarbeiten" not in article.text
    assert article.text.endswith("bis 19. Dezember gesperrt.")


def test_a_vml_picture_is_taken_in_its_original_size():
    picture = (
        "<p class=MsoNormal><span style='mso-no-proof:yes'><!--[if gte vml 1]><v:shape "
        "id='Grafik_x0020_2' o:spid='_x0000_i1025' type='#_x0000_t75' style='width:453pt'>\n"
        ' <v:imagedata src="PM_files/image001.png" o:title=""/>\n</v:shape><![endif]-->'
        '<![if !vml]><img width=604 height=340\nsrc="PM_files/image002.png" '
        "alt='Bauarbeiten in der Bahnhofstraße' v:shapes='Grafik_x0020_2'><![endif]></span>"
        "<o:p></o:p></p>"
    )
    article = extract_article((LEAD + picture + REST).encode())
    assert [image.url for image in article.images] == ["PM_files/image001.png"]


def test_a_picture_without_vml_keeps_its_own_address():
    picture = (
        "<p class=MsoNormal><![if !vml]><img width=604 height=340 src='PM_files/image002.png' "
        "alt='Bauarbeiten in der Bahnhofstraße'><![endif]><o:p></o:p></p>"
    )
    article = extract_article((LEAD + picture + REST).encode())
    assert [image.url for image in article.images] == ["PM_files/image002.png"]
