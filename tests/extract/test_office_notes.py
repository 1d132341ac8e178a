"""Footnotes of a text saved as a web page by LibreOffice or Word: the mark stays raised in the
sentence and the note is listed under the text, as Markdown's '[^1]' gives."""

from __future__ import annotations

from pipeline.extract import extract_article

HEAD = "<html><head><meta charset='utf-8'><title>Freibad</title></head><body>"
TEXT = (
    "<h1>Gemeinde Obermühl saniert Freibad für 2,3 Millionen Euro</h1>"
    "<p>Das Freibad Obermühl wurde 1972 eröffnet und wird nun saniert. Die Becken werden mit "
    "Edelstahl ausgekleidet und die Technik erneuert.</p>"
    "<p>Die Wiedereröffnung ist für Juni 2027 geplant. Der Freistaat fördert das Vorhaben mit "
    "1,1 Millionen Euro{mark}.</p>"
)
NOTE = "Aus dem Programm „Sportstätten 2026“ des Sächsischen Staatsministeriums des Innern."
LIBREOFFICE_NOTE = (
    "<div id='sdfootnote1'><p class='sdfootnote'><a class='sdfootnotesym' name='sdfootnote1sym' "
    f"href='#sdfootnote1anc'>1</a>{NOTE}</p></div>"
)
FUNDED = "<p>Die Wiedereröffnung ist für Juni 2027 geplant. Der Freistaat fördert das Vorhaben mit"
LISTED = f"1,1 Millionen Euro¹.</p>\n<ol><li>{NOTE}</li></ol>"


def test_a_libreoffice_mark_in_nested_raised_text_is_read_with_its_note_under_the_text():
    mark = (
        "<sup><a class='sdfootnoteanc' name='sdfootnote1anc' href='#sdfootnote1sym'>"
        "<sup>1</sup></a></sup>"
    )
    article = extract_article((HEAD + TEXT.format(mark=mark) + LIBREOFFICE_NOTE).encode())
    assert article.body_html.endswith(LISTED)
    assert FUNDED in article.body_html


def test_a_libreoffice_mark_without_its_note_is_read_as_a_raised_number():
    mark = "<sup><a class='sdfootnoteanc' href='#sdfootnote1sym'><sup>1</sup></a></sup>"
    article = extract_article((HEAD + TEXT.format(mark=mark) + "</body></html>").encode())
    assert "1,1 Millionen Euro¹.</p>" in article.body_html


def test_a_libreoffice_mark_in_plain_raised_text_does_not_run_into_its_note():
    mark = "<a class='sdfootnoteanc' name='sdfootnote1anc' href='#sdfootnote1sym'><sup>1</sup></a>"
    article = extract_article((HEAD + TEXT.format(mark=mark) + LIBREOFFICE_NOTE).encode())
    assert article.body_html.endswith(LISTED)
    assert "1Aus" not in article.text


def test_a_word_footnote_becomes_a_raised_mark_and_a_note_under_the_text():
    mark = (
        "<a style='mso-footnote-id:ftn1' href='#_ftn1' name='_ftnref1' title=''>"
        "<span class=MsoFootnoteReference><span style='mso-special-character:footnote'>"
        "<span class=MsoFootnoteReference><span style='font-size:11.0pt'>[1]</span></span>"
        "</span></span></a>"
    )
    notes = (
        "<div style='mso-element:footnote-list'><br clear=all><hr align=left size=1 width='33%'>"
        "<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText>"
        "<a style='mso-footnote-id:ftn1' href='#_ftnref1' name='_ftn1' title=''>"
        "<span class=MsoFootnoteReference><span style='font-size:10.0pt'>[1]</span></span></a>"
        f"\n{NOTE}<o:p></o:p></p></div></div>"
    )
    article = extract_article((HEAD + TEXT.format(mark=mark) + notes).encode())
    assert article.body_html.endswith(LISTED)
    assert "[1]" not in article.text


def test_a_numbered_section_linked_from_its_table_of_contents_stays_a_heading():
    page = (
        HEAD + "<h1>Sommerferienprogramm 2027 der Stadt Obermühl</h1>"
        "<p>Inhalt: <a href='#s1' name='t1'>1</a> Anmeldung</p>"
        "<p>Die Stadt Obermühl bietet in den Sommerferien wieder ein Programm für Kinder von "
        "sechs bis zwölf Jahren an. Es gibt Ausflüge, Workshops und Sportangebote.</p>"
        "<h2><a name='s1' href='#t1'>1</a> Anmeldung</h2>"
        "<p>Anmeldungen nimmt das Jugendamt ab dem 1. März 2027 entgegen, online oder vor Ort "
        "im Rathaus.</p></body></html>"
    )
    article = extract_article(page.encode())
    assert "<ol>" not in article.body_html
    assert "Anmeldungen nimmt das Jugendamt ab dem 1. März 2027 entgegen" in article.text
