"""Press pages from CMS layouts of other countries and kinds: a theme that sets the site's name
in the <h1>, an Austrian state's correspondence, a Swiss canton, an AMP page, a US agency with
a deck, a release split over pages, a police report with its own contact box."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tests.normalize.test_release_shapes import release

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_site_name_in_the_h1_gives_way_to_the_h2_the_title_names():
    found = release("wordpress-h1-seitenname.html")
    assert found.title == "Kreis schafft 14 neue Schulsozialarbeiterstellen"
    # 'Veröffentlicht am 24. November 2026 von Pressestelle' under that headline
    assert found.published_at.date().isoformat() == "2026-11-24"


def test_an_austrian_correspondence_page_gives_date_time_contact_and_credit():
    found = release("landesregierung-at.html")
    # 'Verkehr 25. Nov. 2026, 11:45 Uhr LK 1247/2026' above the headline
    assert found.published_at == datetime(2026, 11, 25, 11, 45, tzinfo=BERLIN)
    assert found.contact.startswith("Büro Landesrätin Mag. Theresia Hofer")  # 'Rückfragehinweis:'
    [photo] = found.media
    assert photo.credit == "Land Salzach/Neumayr"  # 'Bild: …' at the caption's end
    assert not photo.caption.endswith("Neumayr")


def test_a_swiss_contact_may_say_when_the_person_can_be_reached():
    found = release("kanton-ch.html")
    assert found.contact.startswith("Cornelia Brändli-Meier, Regierungsrätin")
    assert "Dr. Simon Egli" in found.contact
    assert "Telefon 058 345 61 00" not in found.text


def test_an_amp_page_keeps_its_press_photo():
    found = release("amp-newsroom.html")
    assert [photo.url.rsplit("/", 1)[-1] for photo in found.media] == [
        "heizkraftwerk-nord-1600.jpg"
    ]
    assert found.media[0].credit == "Stadtwerke Neuhafen / Jörg Harms"


def test_a_deck_under_the_headline_and_a_contact_in_the_release_header_are_kept():
    found = release("state-agency-us.html", "en")
    assert found.text.startswith("Survey finds lowest adult walleye numbers since")
    assert found.contact.startswith("Dana Whitcomb, Public Information Officer")


def test_a_release_that_goes_on_over_further_pages_says_so():
    found = release("seite-1-von-3.html")
    assert any("next page" in warning for warning in found.warnings)
    assert not any("next page" in w for w in release("typo3-teaser-text.html").warnings)


def test_a_release_over_further_pages_loses_its_pager_and_keeps_the_link_to_the_next():
    found = release("seite-1-von-2-blaettern.html")
    assert found.text.endswith(
        "Damit werden 60 neue Gruppen in Kindergärten und Kindertagesstätten finanziert."
    )
    assert any("next page" in warning for warning in found.warnings)
    assert [(link.url, link.text) for link in found.links] == [
        (
            "https://www.ktn.gv.at/presse/artikel/doppelbudget-2027-28?page=2",
            "Weiter zu Seite 2: Nahverkehr und Straßenbau »",
        )
    ]


def test_a_police_report_takes_its_contact_from_the_rueckfragen_box():
    found = release("polizei-rueckfragen.html")
    assert found.contact.startswith("Polizeipräsidium Mittelfranken-Süd")
