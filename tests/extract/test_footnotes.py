"""Footnotes: the notes the text's marks point to stay with the release, numbered."""

from __future__ import annotations

from pipeline.extract import extract_article
from tests.normalize.test_release_shapes import release


def test_footnotes_under_the_contact_are_kept_numbered_without_their_way_back():
    found = release("council-footnotes.html")
    assert "by 2035.¹" in found.text and "three corridors.²" in found.text
    assert (
        "<ol>\n<li>Based on the 2026 regional housing needs assessment.</li>\n"
        "<li>Corridors: Main Street, Harbor Road and 5th Avenue.</li>\n</ol>"
    ) in found.body_html
    assert "↩" not in found.body_html
    assert found.teaser.endswith("by 2035.")  # the teaser stands without the marks
    assert found.contact.startswith("Sam Lee")


def test_footnotes_between_the_text_and_the_contact_stay_an_ordered_list():
    found = release("arbeitsagentur-footnotes.html")
    assert "<ol>\n<li>Vorläufige Zahlen, Stichtag 12. November 2026.</li>" in found.body_html
    assert "↩" not in found.body_html and "<ul>" not in found.body_html


PROSE = (
    "<p>Der Verein hat am Samstag sein neues Vereinsheim eröffnet. Rund 300 Gäste kamen zur "
    "Feier, darunter der Bürgermeister und die Landrätin des Kreises.</p>"
)


def test_numbered_comments_are_no_footnotes():
    page = (
        "<html><body><article><h1>Vereinsheim eröffnet</h1>" + PROSE + "</article>"
        "<ol class='comments'>"
        "<li id='c1'><a href='#c1'>1</a> Anna: Tolles Fest, danke an alle Helfer!</li>"
        "<li id='c2'><a href='#c2'>2</a> Ben: Wann ist das nächste Fest geplant?</li>"
        "</ol></body></html>"
    )
    assert "Helfer" not in extract_article(page.encode()).text


def test_a_wikipedia_style_back_mark_and_its_brackets_go():
    page = (
        "<html><body><article><h1>Vereinsheim eröffnet</h1>"
        "<p>Der Verein hat am Samstag sein neues Vereinsheim eröffnet.<sup><a href='#n1'>[1]"
        "</a></sup> Rund 300 Gäste kamen zur Feier, darunter der Bürgermeister.</p>"
        "<p>Die Kosten lagen bei 1,2 Millionen Euro, die Hälfte trug das Land.</p>"
        "<ol class='references'><li id='n1'>[<a href='#r1'>↩</a>] Vereinschronik, S. 12."
        "</li></ol></article></body></html>"
    )
    text = extract_article(page.encode()).text
    assert "Vereinschronik, S. 12." in text
    assert "[]" not in text and "↩" not in text


def test_a_numbered_list_put_back_into_the_text_keeps_its_numbers():
    found = release("numbered-list-before-contact-box.html")
    assert "<ol>" in found.body_html and "<ul>" not in found.body_html


STATION = (
    "<html lang='de'><head><title>Neue Radstation am Bahnhof</title></head><body><article>"
    "<h1>Neue Radstation am Bahnhof eröffnet</h1>"
    "<p>Probe, 20.11.2026 – Die Stadt Probe hat am Freitag die neue Radstation am Hauptbahnhof "
    "eröffnet. Sie bietet 400 Stellplätze, eine Werkstatt und Schließfächer.</p>"
    "<h3>Öffnungszeiten</h3><p>Die Station ist täglich von 5 bis 23 Uhr geöffnet.<sup>1</sup></p>"
    "{notes}</article></body></html>"
)


def test_notes_the_page_names_under_marks_without_links_stay_and_the_marked_line_is_text():
    article = extract_article(
        STATION.format(
            notes="<ol class='footnotes'><li>An Feiertagen gelten Sonderzeiten.</li></ol>"
        ).encode()
    )
    assert article.body_html.endswith(
        "<h3>Öffnungszeiten</h3>\n<p>Die Station ist täglich von 5 bis 23 Uhr geöffnet.¹</p>\n"
        "<ol><li>An Feiertagen gelten Sonderzeiten.</li></ol>"
    )


def test_a_list_named_notes_that_no_mark_counts_to_is_not_put_back():
    page = STATION.replace("<sup>1</sup>", "").format(
        notes="<ul class='footnotes'><li><a href='/impressum'>Impressum</a></li>"
        "<li><a href='/datenschutz'>Datenschutz</a></li></ul>"
    )
    assert "Impressum" not in extract_article(page.encode()).body_html
