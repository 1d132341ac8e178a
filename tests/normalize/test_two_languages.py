"""One release in two languages (a Swiss canton's German and French, or German and Italian
versions one under the other): kept whole with a warning naming both languages, and the
contact under each version is the release's contact, not a paragraph of its text."""

from __future__ import annotations

from tests.normalize.test_portal_and_wire_notes import typed
from tests.normalize.test_release_shapes import release

TWO_LANGUAGES = (
    "held for an editor: the release is written in two languages (de, then {other}): publish "
    "one version, or each as a release of its own"
)

GERMAN = (
    "<p>Der Kanton Tessin saniert ab Januar die Kantonsstrasse zwischen Airolo und Bedretto. "
    "Die Arbeiten dauern bis im Herbst 2027, die Strasse bleibt während der ganzen Zeit "
    "einspurig befahrbar.</p>"
    "<p>Die Strasse ist für die Bewohnerinnen und Bewohner des Tals die einzige Verbindung "
    "zur Autobahn. Der Belag ist über vierzig Jahre alt und wird auf der ganzen Länge von "
    "sieben Kilometern ersetzt.</p>"
    "<p>Die Kosten von 9,5 Millionen Franken trägt der Kanton. Die Gemeinde Bedretto "
    "beteiligt sich an der Erneuerung der Beleuchtung bei den beiden Dorfeinfahrten.</p>"
)
ITALIAN = (
    "<h2>Comunicato stampa</h2><h2>Risanamento della strada cantonale Airolo–Bedretto</h2>"
    "<p>Il Cantone Ticino risanerà da gennaio la strada cantonale tra Airolo e Bedretto. I "
    "lavori dureranno fino all'autunno 2027 e la strada resterà sempre percorribile su una "
    "sola corsia.</p>"
    "<p>Per gli abitanti della valle la strada è l'unico collegamento con l'autostrada. La "
    "pavimentazione ha più di quarant'anni e sarà sostituita su tutti i sette chilometri.</p>"
    "<p>I costi di 9,5 milioni di franchi sono a carico del Cantone. Il Comune di Bedretto "
    "partecipa al rinnovo dell'illuminazione presso i due ingressi del paese.</p>"
)


def page(body: str) -> str:
    return (
        "<html lang='de'><head><title>Sanierung der Strasse Airolo–Bedretto</title></head>"
        f"<body><main><h1>Sanierung der Strasse Airolo–Bedretto</h1>{body}</main></body></html>"
    )


def test_a_german_release_with_its_french_version_is_flagged_and_both_contacts_leave_it():
    found = release("kanton-zweisprachig-de-fr.html")
    assert TWO_LANGUAGES.format(other="fr") in found.warnings
    assert found.contact == (
        "Tiefbauamt des Kantons Bern, Sandra Roth, Projektleiterin, Tel. +41 31 636 41 10\n"
        "Office des ponts et chaussées du canton de Berne, Sandra Roth, cheffe de projet, "
        "tél. +41 31 636 41 10"
    )
    assert found.text.endswith(
        "La Confédération participe au projet à hauteur de 1,2 million de francs."
    )
    assert "Renseignements" not in found.text


def test_a_german_release_with_its_italian_version_is_flagged_and_its_informazioni_go():
    body = (
        f"{GERMAN}<h2>Auskünfte</h2><p>Divisione delle costruzioni, Luca Bernasconi, "
        "Tel. +41 91 814 26 11</p><hr>"
        f"{ITALIAN}<p>Informazioni:</p><p>Divisione delle costruzioni, Luca Bernasconi, "
        "tel. +41 91 814 26 11</p>"
    )
    found = typed(page(body), ".html")
    assert TWO_LANGUAGES.format(other="it") in found.warnings
    assert found.contact.endswith(
        "Divisione delle costruzioni, Luca Bernasconi, tel. +41 91 814 26 11"
    )
    assert found.text.endswith(
        "partecipa al rinnovo dell'illuminazione presso i due ingressi del paese."
    )


def test_a_german_release_ending_in_a_list_of_places_and_figures_is_one_language():
    places = "".join(
        f"<p>{place}: {km} km, Bauzeit {months} Monate</p>"
        for place, km, months in (
            ("Airolo Nord", 1.2, 3), ("Fontana", 0.8, 2), ("Villa", 1.5, 4),
            ("Ossasco", 1.1, 3), ("Ronco", 0.9, 2), ("Bedretto", 1.5, 4),
            ("All'Acqua", 0.6, 2), ("Cioss Prato", 0.7, 2), ("Fontanella", 0.5, 1),
            ("Pesciüm", 0.4, 1), ("Nante", 0.9, 2), ("Madrano", 1.0, 3),
        )
    )  # fmt: skip
    found = typed(page(GERMAN + "<h2>Abschnitte</h2>" + places), ".html")
    assert not any("two languages" in warning for warning in found.warnings)


def test_a_german_release_quoting_a_french_sentence_is_one_language():
    quote = (
        "<p>«Nous sommes heureux que la route soit enfin rénovée», sagt die Gemeindepräsidentin "
        "von Bedretto, die selbst aus der Romandie stammt und seit zwanzig Jahren im Tal lebt.</p>"
    )
    found = typed(page(GERMAN + quote), ".html")
    assert not any("two languages" in warning for warning in found.warnings)
