"""A police office's daily report mails several reports, each under a headline with its time
and place lines: the editor is told to split them, and the teaser is the first report's text,
not its headline and fact lines."""

from __future__ import annotations

from pipeline.normalize import normalize
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_shapes import release


def test_a_daily_report_with_two_reports_is_flagged_with_both_headlines():
    found = release("polizei-tagesbericht.eml")
    assert found.title == "Einbrecher erbeuten Werkzeug aus Gartenlaube"
    assert found.warnings == (
        "held for an editor: the input seems to hold 2 reports, each with a headline and its "
        "time and place ('Einbrecher erbeuten Werkzeug aus Gartenlaube', 'Autofahrerin "
        "kollidiert mit Reh'): they are kept as one; split them before approving",
    )
    assert found.teaser.startswith("Unbekannte sind in eine Gartenlaube an der Macherstraße")
    # the time and place lines stay paragraphs of the report, never subheadings
    assert "<p>Ort: Kamenz, Macherstraße</p>" in found.body_html
    assert "Autofahrerin kollidiert mit Reh" in found.text


def test_a_single_report_with_time_and_place_lines_is_one_release():
    raw = raw_release(
        title="Autofahrerin kollidiert mit Reh",
        body_text="Zeit: 23.11.2026, 06:10 Uhr\nOrt: Niesky, Staatsstraße 122\n\nEine "
        "41-jährige Autofahrerin ist am frühen Montagmorgen auf der Staatsstraße 122 mit einem "
        "Reh zusammengestoßen. Das Tier verendete an der Unfallstelle.",
    )
    found = normalize(raw, SOURCE)
    assert not any("split them" in warning for warning in found.warnings)
    assert found.teaser.startswith("Eine 41-jährige Autofahrerin ist am frühen Montagmorgen")


def test_a_release_announcing_several_events_with_their_times_is_one_release():
    raw = raw_release(
        title="Stadtbibliothek lädt im Dezember zu zwei Lesungen ein",
        body_text="Die Stadtbibliothek Niesky lädt im Dezember zu zwei Lesungen mit Autorinnen "
        "aus der Oberlausitz ein. Der Eintritt ist frei.\n\nJana Kühn liest aus ihrem Roman\n\n"
        "Termin: 3. Dezember 2026, 19 Uhr\nOrt: Stadtbibliothek, Lesesaal\n\nDie Autorin liest "
        "aus ihrem neuen Roman über eine Familie in der Lausitz nach der Wende.\n\n"
        "Marie Lorenz stellt Gedichte vor\n\nTermin: 10. Dezember 2026, 19 Uhr\nOrt: "
        "Stadtbibliothek, Lesesaal\n\nDie Lyrikerin stellt ihren ersten Gedichtband vor, der "
        "im Herbst erschienen ist.",
    )
    found = normalize(raw, SOURCE)
    assert not any("split them" in warning for warning in found.warnings)
