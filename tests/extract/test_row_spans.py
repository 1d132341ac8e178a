"""A table cell that spans rows stands in each row it covers: a row is one line of the text."""

from __future__ import annotations

from pipeline.extract import extract_article

INTRO = (
    "<p>Zwischen Nordheim und Südstadt fahren vom 5. bis 13. Dezember Busse statt Züge. Die "
    "Fahrzeit verlängert sich um bis zu 35 Minuten. Die Busse halten an folgenden Stellen:</p>"
)
OUTRO = "<p>Alle Fahrplanänderungen sind in den Auskunftssystemen hinterlegt.</p>"


def text_of(table: str) -> str:
    page = (
        "<html><body><main><article><h1>Ersatzverkehr zwischen Nordheim und Südstadt</h1>"
        f"{INTRO}{table}{OUTRO}</article></main></body></html>"
    )
    return extract_article(page).text


def test_a_cell_spanning_rows_is_repeated_in_each_row():
    text = text_of(
        "<table><tr><th>Bahnhof</th><th>Ersatzhaltestelle</th><th>Abfahrt</th></tr>"
        "<tr><td>Nordheim Hbf</td><td>Busbahnhof, Steig 4</td><td>xx:05</td></tr>"
        "<tr><td rowspan='2'>Südstadt</td><td>ZOB, Steig B</td><td>xx:40</td></tr>"
        "<tr><td>Bahnhofsvorplatz</td><td>xx:48</td></tr></table>"
    )
    assert (
        "Bahnhof | Ersatzhaltestelle | Abfahrt\nNordheim Hbf | Busbahnhof, Steig 4 | xx:05\n"
        "Südstadt | ZOB, Steig B | xx:40\nSüdstadt | Bahnhofsvorplatz | xx:48"
    ) in text


def test_a_cell_spanning_rows_in_the_middle_column_stays_in_its_column():
    text = text_of(
        "<table><tr><th>Linie</th><th>Zeitraum</th><th>Halt</th></tr>"
        "<tr><td>RE 4</td><td rowspan='2'>5.–13. Dezember</td><td>Nordheim</td></tr>"
        "<tr><td>RB 12</td><td>Südstadt</td></tr></table>"
    )
    assert "RE 4 | 5.–13. Dezember | Nordheim\nRB 12 | 5.–13. Dezember | Südstadt" in text


def test_a_long_column_of_a_page_laid_out_in_a_table_is_not_repeated():
    column = (
        "Aktuelles aus dem Rathaus: Der Gemeinderat tagt am Dienstag, die Bürgersprechstunde "
        "entfällt, und die Sanierung der Grundschule beginnt nach den Ferien mit dem Dach und "
        "den Fenstern im Altbau, wie die Verwaltung mitteilt."
    )
    text = text_of(
        f"<table><tr><td rowspan='2'>{column}</td><td>Sprechzeiten</td></tr>"
        "<tr><td>Montag bis Freitag 8 bis 12 Uhr</td></tr></table>"
    )
    assert text.count("Aktuelles aus dem Rathaus") <= 1


def test_a_head_of_two_rows_names_its_columns_once():
    text = text_of(
        "<table><tr><th rowspan='2'>Halt</th><th colspan='2'>Abfahrt</th></tr>"
        "<tr><th>Mo–Fr</th><th>Sa–So</th></tr>"
        "<tr><td>Nordheim</td><td>xx:05</td><td>xx:35</td></tr>"
        "<tr><td>Südstadt</td><td>xx:40</td><td>xx:10</td></tr></table>"
    )
    assert "Halt | Abfahrt |\n| Mo–Fr | Sa–So\nNordheim | xx:05 | xx:35" in text
