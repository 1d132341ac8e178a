"""Posts copied out of a social network as text: the page's header and counters go, the post
is the release."""

# ruff: noqa: E501  (the posts keep their long lines, as the browser copies them)

from __future__ import annotations

from tests.normalize.test_pasted_messages import pasted

PROFILE_POST = """Amt für Umwelt und Energie Kreis Lindenau
12.408 Follower:innen
5 Std. • Bearbeitet •

Förderprogramm für Balkonkraftwerke geht in die zweite Runde 🌞

Lindenau, 24. November 2026 – Der Kreis Lindenau fördert ab Januar erneut steckerfertige Solaranlagen mit bis zu 200 Euro je Haushalt. Anträge sind ab dem 5. Januar 2027 online möglich.

Im ersten Jahr wurden mehr als 1.900 Anlagen gefördert; das Budget ist auf 500.000 Euro aufgestockt worden.

…mehr anzeigen

Gefällt mir
Kommentieren
Reposten
Senden

87 · 12 Kommentare · 9 Reposts
"""


def test_a_copied_profile_post_loses_the_page_name_followers_and_counters():
    found = pasted(PROFILE_POST)
    assert found.title == "Förderprogramm für Balkonkraftwerke geht in die zweite Runde 🌞"
    assert found.text.startswith("Lindenau, 24. November 2026 – Der Kreis Lindenau fördert")
    assert found.text.endswith("auf 500.000 Euro aufgestockt worden.")
    for furniture in ("Follower", "Bearbeitet", "mehr anzeigen", "Reposten", "Kommentare"):
        assert furniture not in found.text, furniture


PAGE_POST = """Wasserverband Obere Lein
24. November um 16:40 · 🌍

📢 Pressemitteilung: Trinkwasser wieder ohne Abkochgebot

Das Gesundheitsamt hat das Abkochgebot für die Ortsteile Heuchlingen und Leinzell aufgehoben. Die Proben der vergangenen drei Tage waren ohne Befund.

Alle Reaktionen:
56
7 Kommentare
14-mal geteilt

Gefällt mir
Kommentieren
Teilen

Erika Schmid
Danke für die Info!
Gefällt mir · Antworten · 3 Std.
"""


def test_a_page_post_has_its_headline_without_the_symbol_and_label_and_ends_before_the_reactions():
    found = pasted(PAGE_POST)
    assert found.title == "Trinkwasser wieder ohne Abkochgebot"
    assert found.published_at.isoformat() == "2026-11-24T16:40:00+01:00"
    assert found.text == (
        "Das Gesundheitsamt hat das Abkochgebot für die Ortsteile Heuchlingen und Leinzell "
        "aufgehoben. Die Proben der vergangenen drei Tage waren ohne Befund."
    )


def test_counts_and_ages_inside_a_release_stay():
    found = pasted(
        "Freibad schließt für die Saison\n\n"
        "Das Freibad am Stadtpark schließt am Sonntag für diese Saison. Die Stadt zieht Bilanz über die Sommermonate.\n\n"
        "Öffnungstage\n"
        "98 Tage\n\n"
        "Besucher\n"
        "48.213 Gäste\n\n"
        "Becken | Bahnen\n"
        "3 | 14\n\n"
        "Im nächsten Jahr öffnet das Bad wieder im Mai, wenn das Wetter es erlaubt.\n"
    )
    assert found.title == "Freibad schließt für die Saison"
    assert "98 Tage" in found.text
    assert "48.213 Gäste" in found.text
    assert "3 | 14" in found.text
    assert found.text.endswith("wenn das Wetter es erlaubt.")
