"""A mail subject that only names the release's label, number and sender ('Pressemitteilung
Nr. 188/2026 des Landratsamtes Meißen') is no headline: the body's own headline is, and the
letterhead over it is not published."""

from __future__ import annotations

import pytest

from pipeline.normalize import normalize
from pipeline.normalize.letterhead import is_release_label
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_shapes import release


def test_a_numbered_label_as_subject_gives_way_to_the_bodys_headline():
    found = release("pm-nummer-betreff.eml")
    assert found.title == "Winterdienst startet mit neuen Streufahrzeugen"
    assert found.slug == "winterdienst-startet-mit-neuen-streufahrzeugen"
    assert found.body_html.startswith("<p>Der Straßenmeisterei des Landkreises Meißen stehen")
    assert "Landratsamt Meißen" not in found.text
    assert "Stabsstelle" not in found.text
    assert found.errors == ()


def test_a_letterhead_without_a_date_line_is_no_headline_either():
    raw = raw_release(
        format="email",
        title="Medieninformation Nr. 77/2026 der Stadtverwaltung Riesa",
        body_text="Stadtverwaltung Riesa\nPressestelle\n\nRiesa baut zweite Elbquerung für "
        "Radfahrer\n\nDie Stadt Riesa baut bis 2028 eine Brücke für Radfahrer und Fußgänger über "
        "die Elbe. Der Stadtrat hat dem Entwurf am Mittwoch zugestimmt.",
    )
    found = normalize(raw, SOURCE)
    assert found.title == "Riesa baut zweite Elbquerung für Radfahrer"
    assert found.text == (
        "Die Stadt Riesa baut bis 2028 eine Brücke für Radfahrer und Fußgänger über die Elbe. "
        "Der Stadtrat hat dem Entwurf am Mittwoch zugestimmt."
    )


def test_a_headline_that_names_an_office_stays_the_headline():
    raw = raw_release(
        body_text="Landratsamt erhält zwei Millionen Euro für Radwege\n\nNeue Verbindungen "
        "zwischen Görlitz und Zittau\n\nDer Landkreis Görlitz erhält vom Freistaat Sachsen zwei "
        "Millionen Euro für den Bau neuer Radwege. Das Geld fließt in drei Abschnitte."
    )
    found = normalize(raw, SOURCE)
    assert found.title == "Landratsamt erhält zwei Millionen Euro für Radwege"
    assert found.text.startswith("Neue Verbindungen zwischen Görlitz und Zittau")


@pytest.mark.parametrize(
    ("subject", "label_only"),
    [
        ("Pressemitteilung Nr. 188/2026 des Landratsamtes Meißen", True),
        ("Medieninformation Nr. 612/2026 der Polizeidirektion Zwickau", True),
        ("Pressemitteilung 287/2026", True),
        ("Press release No. 45/2026 from Harlow County", True),
        ("Pressemitteilung vom 24.11.2026", True),
        ("Pressemitteilung der Stadt Riesa zur neuen Elbbrücke", False),
        ("PM Stadtwerke senken Preise", False),
        ("Pressemitteilung", False),
    ],
)
def test_what_counts_as_a_label_only_subject(subject, label_only):
    assert is_release_label(subject) is label_only
