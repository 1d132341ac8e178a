"""Whole pages saved as text: a browser's copy, a text browser's dump, a PDF's text."""

from __future__ import annotations

from pipeline.normalize import normalize
from tests.normalize.test_normalize import SOURCE, raw_release

LEAD = (
    "Der Kreis fördert ab Dezember neue Dorfläden mit insgesamt 300.000 Euro. Das hat der "
    "Kreistag am Dienstag einstimmig beschlossen."
)


def _release(text: str):
    return normalize(raw_release(body_text=text), SOURCE)


def test_a_copied_page_has_its_headline_not_the_site_name_nor_its_menu_or_other_news():
    found = _release(
        "Kreisblatt – Nachrichten aus dem Oberland\n\nHome\nPolitik\nKultur\nSport\nRegion\n\n"
        "Wirtschaft\n\nDorfläden bekommen Geld vom Kreis\n\n"
        f"{LEAD}\n\nAnträge nimmt das Landratsamt bis Ende März entgegen.\n\n"
        "━━━━━━━━━━━━━━━━━━━━\n\nÄhnliche Beiträge\n\nNeue Buslinie im Oberland\n\n"
        "Schreibe einen Kommentar Antworten abbrechen\n\n"
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert"
    )
    assert found.title == "Dorfläden bekommen Geld vom Kreis"
    assert found.text == f"{LEAD}\n\nAnträge nimmt das Landratsamt bis Ende März entgegen."


def test_a_subtitle_under_the_headline_stays_and_a_headline_of_few_words_is_kept():
    found = _release(
        "Home\nPolitik\nKultur\nSport\nRegion\nDorfläden gerettet\n\n"
        f"{LEAD}\n\nWeitere Informationen gibt es im Landratsamt."
    )
    assert found.title == "Dorfläden gerettet"
    assert found.text.endswith("Weitere Informationen gibt es im Landratsamt.")
    found = _release(f"Kreis fördert neue Dorfläden\n\nBis zu 25.000 Euro je Laden\n\n{LEAD}")
    assert found.title == "Kreis fördert neue Dorfläden"
    assert found.text.startswith("Bis zu 25.000 Euro je Laden")


def test_a_text_browser_dump_links_the_cited_words_and_drops_its_reference_list():
    found = _release(
        "   [1]Startseite | [2]Presse\n\n   Kreis fördert Dorfläden\n\n"
        f"   {LEAD}\n\n   Die Richtlinie steht auf der [3]Internetseite des Kreises bereit.\n\n"
        "   Pressekontakt:\n   Pressestelle Landkreis\n   E-Mail: [4]presse@kreis.example\n\n"
        "   [5]Drucken\n\nReferences\n\n   1. https://kreis.example/\n"
        "   2. https://kreis.example/presse/\n   3. https://kreis.example/doerfer\n"
        "   4. mailto:presse@kreis.example\n   5. javascript:window.print()\n"
    )
    assert found.title == "Kreis fördert Dorfläden"
    assert [(link.url, link.text) for link in found.links] == [
        # lynx does not say where a link's words end: they run to the end of the clause
        ("https://kreis.example/doerfer", "Internetseite des Kreises bereit")
    ]
    assert '<a href="https://kreis.example/doerfer"' in found.body_html
    assert "[" not in found.text and "References" not in found.text
    assert found.contact == "Pressestelle Landkreis\nE-Mail: presse@kreis.example"


def test_bracketed_numbers_without_a_reference_list_stay_text():
    found = _release(f"Kreis fördert Dorfläden\n\n{LEAD} Laut Satzung [3] gilt das ab 2027.")
    assert found.text.endswith("Laut Satzung [3] gilt das ab 2027.")


def test_a_pdf_text_loses_its_letterhead_and_running_header_and_keeps_its_date():
    right = " " * 50
    found = _release(
        f"{right}Gemeinde Talheim\n{right}Rathaus\n{right}Hauptstraße 1\n\n"
        f"Pressemitteilung 7/2026{' ' * 25}Talheim, 12. November 2026\n\n"
        f"Rathaus bekommt Solardach\n\n{LEAD}\n\nSeite 1 von 2\n\n"
        f"Pressemitteilung 7/2026{' ' * 40}Seite 2\n\n"
        "Die Arbeiten beginnen im Januar und dauern drei Monate.\n"
    )
    assert found.title == "Rathaus bekommt Solardach"
    assert found.text == f"{LEAD}\n\nDie Arbeiten beginnen im Januar und dauern drei Monate."
    assert found.published_at.date().isoformat() == "2026-11-12"


def test_two_pdf_columns_are_read_one_after_the_other():
    rows = [
        ("Der Kreis fördert ab Dezember neue", "Anträge nimmt das Landratsamt bis Ende"),
        ("Dorfläden mit insgesamt 300.000 Euro. Das", "März entgegen. Beraten wird im Zimmer"),
        ("hat der Kreistag am Dienstag einstimmig", "12 des Landratsamtes an der Hauptstraße."),
        ("beschlossen.", ""),
    ]
    columns = "\n".join(f"{left:<44}{right}".rstrip() for left, right in rows)
    found = _release(f"Kreis fördert Dorfläden\n\n{columns}\n")
    assert found.text == (
        f"{LEAD}\n\nAnträge nimmt das Landratsamt bis Ende März entgegen. Beraten wird im "
        "Zimmer 12 des Landratsamtes an der Hauptstraße."
    )


def test_a_table_set_in_columns_of_figures_stays_a_table():
    found = _release(
        f"Kreis fördert Dorfläden\n\n{LEAD}\n\n"
        "Ort          Läden    Euro\nAhorn        3        45.000\nBirkenau     2        30.000\n"
    )
    assert "Ahorn | 3 | 45.000" in found.text


def test_a_box_of_other_news_above_the_lead_ends_nothing_an_old_disclaimer_over_it_neither():
    """A portal puts 'Mehr zum Thema' between headline and text, under its old disclaimer."""
    found = _release(
        "Im „Melder“ finden Sie Inhalte Dritter, die uns tagtäglich erreichen. Diese Inhalte "
        "werden nicht redaktionell bearbeitet; für sie ist allein der Absender verantwortlich.\n\n"
        "Dorfläden bekommen Geld vom Kreis\n\nAnzeige\n\nMehr zum Thema\n\nMehr\n\n"
        f"{LEAD}\n\nAnträge nimmt das Landratsamt bis Ende März entgegen, teilt der Kreis mit. "
        "Beraten werden Gründerinnen und Gründer im Wirtschaftsamt des Kreises.\n\n"
        "Ähnliche Beiträge\n\nNeue Buslinie im Oberland"
    )
    assert found.title == "Dorfläden bekommen Geld vom Kreis"
    assert found.text.startswith(LEAD)
    assert found.text.endswith("im Wirtschaftsamt des Kreises.")
