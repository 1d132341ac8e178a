"""A page that names its update beside its first publication is dated by the first; the
update's line is no part of the text."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.extract.test_page_dates import release_of_page

BERLIN = ZoneInfo("Europe/Berlin")
TEXT = (
    "<p>Der Landkreis Lindenau saniert ab dem 1. Dezember die Kreisstraße K 7412 zwischen "
    "Böhlitz und Gundorf. Die Arbeiten dauern voraussichtlich bis Ende März 2027.</p>"
    "<p>Die Kosten von 1,4 Millionen Euro trägt zu 75 Prozent der Freistaat. Anlieger erreichen "
    "ihre Grundstücke während der gesamten Bauzeit.</p>"
)


def page(date_lines: str) -> str:
    return (
        "<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>Landkreis saniert "
        "Kreisstraße K 7412</title></head><body><main><article><h1>Landkreis saniert "
        f"Kreisstraße K 7412</h1>{date_lines}{TEXT}</article></main></body></html>"
    )


@pytest.mark.parametrize(
    ("date_lines", "published"),
    [
        (
            "<p class='date'>Aktualisiert am 26.11.2026, 10:15 Uhr (erstmals veröffentlicht am "
            "25.11.2026, 14:30 Uhr)</p>",
            datetime(2026, 11, 25, 14, 30, tzinfo=BERLIN),
        ),
        (
            "<p class='date'>Update vom 26.11.2026, 10:15 Uhr</p>"
            "<p class='date'>Pressemitteilung vom 25.11.2026, 14:30 Uhr</p>",
            datetime(2026, 11, 25, 14, 30, tzinfo=BERLIN),
        ),
        (
            "<p class='meta'>Veröffentlicht am 24.11.2026, zuletzt geändert am 26.11.2026 "
            "um 9:40 Uhr</p>",
            date(2026, 11, 24),
        ),
    ],
)
def test_the_first_publication_dates_the_release_and_the_update_line_leaves_the_text(
    date_lines, published
):
    release = release_of_page(page(date_lines))
    assert release.text.startswith("Der Landkreis Lindenau saniert")
    assert "26.11.2026" not in release.text
    if isinstance(published, datetime):
        assert (release.published_at, release.published_date_only) == (published, False)
    else:
        assert (release.published_at.date(), release.published_date_only) == (published, True)


def test_an_update_s_time_never_lends_itself_to_the_first_publication_s_day():
    release = release_of_page(
        page("<p class='date'>Pressemitteilung vom 25.11.2026 – aktualisiert am 26.11.2026, "
             "10:15 Uhr</p>")
    )  # fmt: skip
    assert release.published_at == datetime(2026, 11, 25, tzinfo=BERLIN)
    assert release.published_date_only


def test_a_line_that_only_names_an_update_still_dates_a_page_without_another_date():
    release = release_of_page(
        page("<p class='date'>Zuletzt aktualisiert am 26.11.2026, 10:15 Uhr</p>")
    )
    assert release.published_at == datetime(2026, 11, 26, 10, 15, tzinfo=BERLIN)
    assert release.text.startswith("Der Landkreis Lindenau saniert")


def test_an_update_told_in_the_text_stays_text():
    release = release_of_page(
        page(
            "<p class='date'>25.11.2026</p><p>Update: Die Vollsperrung beginnt erst am 3. "
            "Dezember, weil der Asphalt später geliefert wird. Die Umleitung bleibt gleich.</p>"
        )
    )
    assert release.published_at.date() == date(2026, 11, 25)
    assert "Update: Die Vollsperrung beginnt erst am 3. Dezember" in release.text
