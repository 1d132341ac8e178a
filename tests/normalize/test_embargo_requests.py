"""Embargoes that press offices write as a request ('Bitte nicht vor … veröffentlichen!',
'Please do not publish before …') or as a 'Sperrvermerk': held like a Sperrfrist, and never
the headline or the body's first paragraph."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pipeline.normalize import normalize
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_shapes import release

BERLIN = ZoneInfo("Europe/Berlin")
FOURTH_OF_DECEMBER = datetime(2026, 12, 4, 10, tzinfo=BERLIN)


def test_a_mail_that_asks_not_to_publish_before_a_time_is_held_until_then():
    found = release("bitte-nicht-vor.eml")
    assert found.title == "Neues Batterielabor in Mittweida eröffnet"
    assert found.embargo_until == FOURTH_OF_DECEMBER
    assert found.published_at == FOURTH_OF_DECEMBER
    assert found.body_html.startswith("<p>Mittweida, 4. Dezember 2026. Die Technische")
    assert "veröffentlichen" not in found.text
    assert found.errors == ()


def test_a_sperrvermerk_over_a_text_release_is_no_headline():
    found = release("sperrvermerk.txt")
    assert found.title == "Gemeinderat beschließt neue Kita in Oberlauterbach"
    assert found.slug == "gemeinderat-beschliesst-neue-kita-in-oberlauterbach"
    assert found.embargo_until == FOURTH_OF_DECEMBER
    assert found.text.startswith("Der Gemeinderat hat am Dienstag")
    assert "Sperrvermerk" not in found.text


@pytest.mark.parametrize(
    "line",
    [
        "Bitte nicht vor Freitag, 4. Dezember 2026, 10 Uhr veröffentlichen!",
        "Bitte nicht vor dem 4.12.2026, 10:00 Uhr verbreiten.",
        "Sperrvermerk: 04.12.2026, 10 Uhr",
        "SPERRVERMERK 4. Dezember 2026, 10.00 Uhr",
        "Veröffentlichung nicht vor 4. Dezember 2026, 10 Uhr",
        "Not for publication before 10 a.m. CET, December 4, 2026",
        "Hold for release until December 4, 2026, 10:00 CET",
        "Please do not publish before 4 December 2026, 10:00 CET",
        "Do not release until 10:00 CET on 4 December 2026",
    ],
)
def test_requests_to_wait_hold_the_release_like_a_sperrfrist(line):
    raw = raw_release(title="Meldung", body_text=f"{line}\n\nDer Text der Meldung steht hier.")
    found = normalize(raw, SOURCE)
    assert found.embargo_until == FOURTH_OF_DECEMBER
    assert found.text == "Der Text der Meldung steht hier."
    assert found.errors == ()


@pytest.mark.parametrize(
    "line",
    [
        "Bitte nicht vor Ende der Pressekonferenz veröffentlichen!",
        "Sperrvermerk bis Ende der Pressekonferenz",
        "Please do not publish before the end of the press conference",
    ],
)
def test_a_request_to_wait_that_names_no_readable_time_holds_with_an_error(line):
    raw = raw_release(title="Meldung", body_text=f"{line}\n\nDer Text der Meldung steht hier.")
    found = normalize(raw, SOURCE)
    assert found.embargo_until is None
    assert [(p.field, p.message) for p in found.errors] == [
        ("embargo_until", f"cannot read the embargo date in {line!r}")
    ]
    assert found.text == "Der Text der Meldung steht hier."


@pytest.mark.parametrize(
    "line",
    [
        "Bitte nicht vor Mittwoch anrufen, das Büro ist bis dahin geschlossen.",
        "Der Sperrvermerk im Grundbuch wurde am Montag gelöscht.",
        "Sperrvermerk im Grundbuch gelöscht",
        "Do not publish before you have checked the photo credits.",
    ],
)
def test_sentences_that_only_sound_like_a_request_to_wait_stay_text(line):
    raw = raw_release(title="Meldung", body_text=f"{line}\n\nDer Text der Meldung steht hier.")
    found = normalize(raw, SOURCE)
    assert found.embargo_until is None
    assert found.errors == ()
    assert found.text.startswith(line)
