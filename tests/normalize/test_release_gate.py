"""The release gate: a page that holds no release (a listing, an error or empty result, a login,
a sign-up form, a contact page, a gallery) is refused and says what it is; a real release,
however short, passes with its own text and nothing of the page around it."""

from __future__ import annotations

import pytest

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize
from tests.normalize.test_release_shapes import ARRIVED

SOURCE = SourceConfig(title="Probe", kind="files", path="inbox")
MENU = "".join(
    f'<li><a href="/{slug}/">{label}</a></li>'
    for slug, label in [
        ("rathaus", "Rathaus & Politik"),
        ("leben", "Leben & Wohnen"),
        ("wirtschaft", "Wirtschaft und Arbeit"),
        ("kultur", "Kultur & Freizeit"),
        ("presse", "Presse"),
    ]
)
FOOTER = (
    "<footer><p>Stadt Beispielstadt<br>Rathausplatz 1<br>12345 Beispielstadt</p>"
    '<p><a href="/impressum/">Impressum</a> <a href="/datenschutz/">Datenschutz</a></p></footer>'
)


def site(main: str, *, title: str = "Presse | Stadt Beispielstadt", body_class: str = "") -> str:
    return (
        f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body class='{body_class}'><a href='#main'>Zum Inhalt springen</a>"
        f"<header><nav><ul>{MENU}</ul></nav></header><main id='main'>{main}</main>{FOOTER}"
        "</body></html>"
    )


def extracted(page: str):
    context = InputContext(
        source="probe", config=SOURCE, locator="inbox/p.html", received_at=ARRIVED, route="files"
    )
    return normalize(read_input(page.encode(), ".html", context), SOURCE)


def refusal(page: str) -> str:
    found = extracted(page)
    assert len(found.errors) == 1, found.errors
    return found.errors[0].message


TEASERS = [
    ("/presse/hub", "Northwind Robotics Opens European Service Hub in Rotterdam",
     "The new facility will employ 120 technicians and serve customers across the Benelux "
     "region with spare parts delivered within 24 hours."),
    ("/presse/q3", "Northwind Reports Third Quarter 2026 Results",
     "Revenue grew 18 percent year over year to $214 million, driven by strong demand for the "
     "AMR-400 autonomous mobile robot."),
    ("/presse/helix", "Northwind and Helix Logistics Sign Multi-Year Fleet Agreement",
     "Helix Logistics will deploy up to 1,500 Northwind robots across its North American "
     "fulfillment centers over the next three years."),
]  # fmt: skip


@pytest.mark.parametrize(
    "item",
    [
        # a date written with the month's name, the teaser's title a link
        '<div class="post"><h2><a href="{href}">{title}</a></h2>'
        '<span class="date">November 24, 2026</span><p>{excerpt}</p></div>',
        # a German 'mehr' link under each teaser, the date in a <time>
        '<div class="news-item"><time datetime="2026-11-24">24. November 2026</time>'
        '<h3><a href="{href}">{title}</a></h3><p>{excerpt} <a href="{href}">» mehr</a></p></div>',
        # WordPress: 'Read More »' with the title for screen readers in the same link
        '<article class="post"><h2 class="entry-title"><a href="{href}">{title}</a></h2>'
        '<div class="ast-excerpt-container"><p>{excerpt}</p></div><p class="read-more">'
        '<a href="{href}">Read More »<span class="screen-reader-text">{title}</span></a></p>'
        "</article>",
        # no dates and no 'more' links at all: only titles and excerpts
        '<li class="teaser"><a href="{href}">{title}</a><p>{excerpt}</p></li>',
    ],
)
def test_a_listing_of_teasers_is_refused_however_its_items_are_written(item):
    items = "".join(
        item.format(href=href, title=title, excerpt=excerpt) for href, title, excerpt in TEASERS
    )
    if item.startswith("<li"):
        items = f"<ul class='news-list'>{items}</ul>"
    message = refusal(site(f"<h1>Category: Press Releases</h1>{items}"))
    assert message.startswith("no press release found on this page (looks like a listing")


def test_a_release_with_teasers_of_other_releases_under_it_passes_without_them():
    teasers = "".join(
        f'<div class="teaser"><h3><a href="{href}">{title}</a></h3><p>{excerpt}</p></div>'
        for href, title, excerpt in TEASERS
    )
    lead = (
        "Northwind Robotics opens a service hub in Rotterdam. The new facility will employ 120 "
        "technicians and serve customers across the Benelux region with spare parts."
    )
    page = site(
        "<article><h1>Northwind Robotics Opens European Service Hub in Rotterdam</h1>"
        f"<p>{lead}</p><p>The hub opens on 1 February 2027 and takes over the repairs that "
        "customers in the region used to send to Portland, which saves them two weeks.</p>"
        f"</article><aside><h2>Weitere Meldungen</h2>{teasers}</aside>"
    )
    found = extracted(page)
    assert found.errors == ()
    assert found.text.startswith("Northwind Robotics opens a service hub")
    assert "Helix Logistics" not in found.text


@pytest.mark.parametrize(
    ("title", "body_class", "main", "says"),
    [
        # the head title and WordPress's body class say it; the <h1> does not
        (
            "Page not found – Northwind Robotics",
            "error404",
            "<h1>This page doesn't seem to exist.</h1><p>It looks like the link pointing here "
            "was faulty. Maybe try searching?</p>",
            "error page",
        ),
        (
            "Fehler 404 | Stadt Beispielstadt",
            "",
            "<h1>Ups! Hier ist leider nichts.</h1><p>Vielleicht hilft Ihnen die Suche weiter.</p>",
            "error page",
        ),
        (
            "Wartungsarbeiten – Landratsamt Musterkreis",
            "",
            "<h1>Wir sind gleich wieder da</h1><p>Diese Seite befindet sich in Bearbeitung. "
            "Bitte versuchen Sie es später erneut.</p>",
            "error page ('Wir sind gleich wieder da')",
        ),
        (
            "Newsroom search | Northwind Robotics",
            "search search-no-results",
            "<h1>Search Results for: drone</h1><p>Sorry, but nothing matched your search "
            "terms. Please try again with some different keywords.</p>",
            "looks like a listing",
        ),
        (
            "Meldungen der Feuerwehr | Stadt Beispielstadt",
            "",
            "<h1>Meldungen der Feuerwehr</h1><div class='news-list'><p>Keine Meldungen "
            "gefunden.</p></div>",
            "looks like a listing/navigation): it says it found none ('Keine Meldungen gefunden.')",
        ),
    ],
)
def test_an_error_an_empty_result_or_maintenance_is_refused(title, body_class, main, says):
    assert says in refusal(site(main, title=title, body_class=body_class))


def test_a_consent_dialog_over_a_page_that_loads_its_release_by_script_is_refused():
    dialog = (
        '<div id="cmpbox" class="cmpbox" role="dialog" aria-modal="true">'
        "<h2>Wir respektieren Ihre Privatsphäre</h2><p>Sie können Ihre Einwilligung jederzeit "
        "über den Link „Datenschutzeinstellungen“ im Fußbereich widerrufen. Ohne Ihre "
        "Einwilligung können einige Inhalte dieser Seite nicht angezeigt werden.</p>"
        '<a role="button" href="#">Alle akzeptieren</a></div>'
    )
    page = (
        f"<html><head><title>Pressemitteilung | Stadtwerke</title></head><body>{dialog}"
        '<div class="site" aria-hidden="true"><header><a href="/">Start</a></header>'
        '<main><div id="press-article" data-src="/api/press/1"></div></main></div></body></html>'
    )
    assert "only a cookie or consent banner" in refusal(page)


@pytest.mark.parametrize(
    ("main", "says"),
    [
        (
            "<h1>Zugang für Journalistinnen und Journalisten</h1><p>Dieser Inhalt ist nur für "
            "registrierte Medienvertreter verfügbar. Bitte melden Sie sich an.</p>"
            '<form method="post"><input type="email" name="user"><input type="password" '
            'name="pass"><button>Anmelden</button></form>',
            "asks for a login",
        ),
        (
            "<h1>Presseverteiler und Newsletter</h1><p>Tragen Sie sich in unseren "
            "Presseverteiler ein, dann erhalten Sie jede Pressemitteilung per E-Mail.</p>"
            '<form><label>E-Mail <input type="email" name="mail"></label>'
            "<button>Verteiler abonnieren</button></form>",
            "sign-up form",
        ),
        (
            "<h1>Ansprechpartner Pressestelle</h1><p>Die Pressestelle ist Ihr Ansprechpartner "
            "für alle Medienanfragen.</p>"
            + "".join(
                f'<div class="vcard"><p>{name}<br>Telefon 0123 456-{number}<br>'
                f'<a href="mailto:{name.lower()}@beispielstadt.de">{name.lower()}@'
                "beispielstadt.de</a></p></div>"
                for name, number in [("Sabine", 101), ("Jana", 102), ("Deniz", 103)]
            ),
            "lists contacts",
        ),
        (
            "<h1>Pressefotos</h1><p>Die Fotos dürfen mit Nennung der Quelle honorarfrei "
            "verwendet werden.</p>"
            + "".join(
                f'<figure><img src="https://www.beispielstadt.de/fotos/{n}.jpg" alt="Foto {n}">'
                f"<figcaption>Rathaus im Winter, Ansicht {n}</figcaption></figure>"
                for n in range(6)
            ),
            "photo gallery",
        ),
    ],
)
def test_a_page_of_a_form_contacts_or_photos_with_a_sentence_is_refused(main, says):
    assert says in refusal(site(main))


def test_a_release_of_one_sentence_is_that_sentence_without_the_page_around_it():
    page = site(
        '<div class="news-single"><div class="header"><h1>Friedhof Nord am Montag geschlossen'
        '</h1></div><p class="date"><time datetime="2026-11-26T12:05:00+01:00">26.11.2026</time>'
        '</p><div class="text"><p>Der Friedhof Nord bleibt am Montag wegen Baumpflegearbeiten '
        "geschlossen.</p></div></div>"
    )
    found = extracted(page)
    assert found.errors == ()
    assert found.title == "Friedhof Nord am Montag geschlossen"
    assert found.text == "Der Friedhof Nord bleibt am Montag wegen Baumpflegearbeiten geschlossen."
    assert found.published_at.isoformat() == "2026-11-26T12:05:00+01:00"


def test_a_bare_page_of_a_headline_and_one_sentence_keeps_them_apart():
    found = extracted(
        "<html><head><title>Friedhof Nord am Montag geschlossen</title></head><body>"
        "<h1>Friedhof Nord am Montag geschlossen</h1><p>Der Friedhof Nord bleibt am Montag "
        "wegen Baumpflegearbeiten geschlossen.</p></body></html>"
    )
    assert found.errors == ()
    assert found.title == "Friedhof Nord am Montag geschlossen"
    assert found.text == "Der Friedhof Nord bleibt am Montag wegen Baumpflegearbeiten geschlossen."


BANNER = (
    '<div class="cmp-banner"><h2>Ihre Privatsphäre ist uns wichtig</h2><p>Wir und unsere '
    "Partner verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren. Sie "
    "können Ihre Einwilligung jederzeit in den Einstellungen widerrufen.</p>"
    "<button>Alle akzeptieren</button><button>Ablehnen</button></div>"
)


def test_a_banner_under_an_unmarked_name_over_an_empty_app_is_refused_as_one():
    page = site(
        f'<div id="app"></div>{BANNER}<noscript>Bitte aktivieren Sie JavaScript.</noscript>'
    )
    says = refusal(page)
    assert "only a cookie or consent banner" in says


def test_a_short_report_under_such_a_banner_passes():
    found = extracted(
        site(
            f"{BANNER}<h1>Radfahrer bei Unfall leicht verletzt</h1><p>Ein 34 Jahre alter "
            "Radfahrer ist am Dienstagmorgen an der Kreuzung Hauptstraße/Ringstraße von einem "
            "abbiegenden Auto erfasst und leicht verletzt worden.</p>"
        )
    )
    assert found.errors == ()
    assert found.title == "Radfahrer bei Unfall leicht verletzt"


RELEASE = (
    "<h1>Neue Eisbahn auf dem Marktplatz</h1><p>Die Stadt eröffnet am Donnerstag eine 400 "
    "Quadratmeter große Eisbahn auf dem Marktplatz, teilte das Rathaus am Mittwoch mit.</p>"
    "<p>Bis zum 6. Januar kann täglich von 11 bis 21 Uhr gelaufen werden, Schulklassen laufen "
    "vormittags kostenlos. Schlittschuhe werden gegen eine Gebühr verliehen.</p>"
)


def test_teasers_of_other_releases_under_a_release_without_a_heading_go():
    teasers = "".join(
        f"<li><h3><a href='/presse/{number}'>{title}</a></h3><p>{blurb} Weiterlesen …</p>"
        f"<p>{date}</p></li>"
        for number, title, blurb, date in [
            (1, "Bürgerbüro am Samstag geschlossen", "Wegen einer Schulung bleibt das Büro zu.",
             "24.11.2026"),
            (2, "Neue Buslinie ab Dezember", "Die Linie 7 fährt künftig bis ins Gewerbegebiet.",
             "23.11.2026"),
            (3, "Laternenumzug am Martinstag", "Der Umzug startet um 17 Uhr an der Kirche.",
             "20.11.2026"),
        ]
    )  # fmt: skip
    found = extracted(site(f"<article>{RELEASE}<ul class='list'>{teasers}</ul></article>"))
    assert found.errors == ()
    assert found.text.endswith("Schlittschuhe werden gegen eine Gebühr verliehen.")


def test_a_chronology_and_a_schedule_under_their_dates_stay_in_the_release():
    chronology = (
        "<p>12.03.2026</p><p>Der Stadtrat beschließt den Bau der Eisbahn und stellt dafür "
        "200.000 Euro im Haushalt bereit.</p><p>15.09.2026</p><p>Die Stadt vergibt den Auftrag "
        "an eine Firma aus der Region, die bereits drei Eisbahnen gebaut hat.</p>"
    )
    schedule = "".join(
        f"<p>{day}</p><p>Eislaufen für Familien und Kinder von 11 bis 13 Uhr, danach Eisstock"
        f"schießen für Vereine und Gruppen bis 21 Uhr auf der Bahn am Markt</p>"
        for day in ("Freitag, 27. November 2026", "Samstag, 28. November 2026",
                    "Sonntag, 29. November 2026")
    )  # fmt: skip
    found = extracted(site(f"<article>{RELEASE}{chronology}{schedule}</article>"))
    assert found.errors == ()
    assert "Die Stadt vergibt den Auftrag" in found.text
    assert found.text.count("Eislaufen für Familien") == 3


INTRO = (
    "<p>Hier finden Sie die aktuellen Pressemitteilungen der Stadt Beispielstadt. Ältere "
    "Meldungen stehen im Archiv.</p>"
)


@pytest.mark.parametrize(
    ("heading", "intro", "items"),
    [
        # an introduction over the teasers
        (
            "Medieninformationen",
            INTRO,
            "".join(
                f'<div class="news"><h3><a href="{href}">{title}</a></h3>'
                f'<div class="teaser-text">{excerpt}</div></div>'
                for href, title, excerpt in TEASERS
            ),
        ),
        # a search's results under their count
        (
            "Suchergebnisse",
            "<p>Zeige Ergebnisse 1 bis 3 von 87 für „Northwind“</p>",
            "<ol class='results'>"
            + "".join(
                f'<li><a href="{href}">{title}</a><p>{excerpt}</p><span>Geändert: 24.11.2026 · '
                "Größe: 12 KB</span></li>"
                for href, title, excerpt in TEASERS
            )
            + "</ol>",
        ),
        # a table of dates and linked titles under an introduction
        (
            "Pressemitteilungen 2026",
            INTRO,
            "<table><tr><th>Datum</th><th>Titel</th></tr>"
            + "".join(
                f'<tr><td>2{day}.11.2026</td><td><a href="{href}">{title}</a></td></tr>'
                for day, (href, title, _) in enumerate(TEASERS * 2)
            )
            + "</table>",
        ),
    ],
)
def test_a_listing_under_an_introduction_is_refused(heading, intro, items):
    """The page's headline names what it is; its few lines of its own do not make it a release."""
    message = refusal(site(f"<h1>{heading}</h1>{intro}{items}", title=f"{heading} | Stadt"))
    assert message.startswith("no press release found on this page (looks like a listing")


def test_a_short_release_with_a_box_of_links_under_a_generic_page_title_passes():
    page = site(
        "<h1>Vollsperrung der Brückenstraße ab Montag</h1><p>Wegen Arbeiten an der Fernwärme "
        "ist die Brückenstraße ab Montag voll gesperrt. Die Umleitung ist ausgeschildert.</p>"
        '<ul><li><a href="/baustellen">Alle Baustellen im Stadtgebiet</a></li>'
        '<li><a href="/umleitungen">Umleitungen und Busfahrpläne</a></li>'
        '<li><a href="/karte">Karte der Verkehrseinschränkungen</a></li>'
        '<li><a href="/kontakt">Kontakt zum Tiefbauamt der Stadt</a></li></ul>',
        title="Pressemitteilungen | Stadt Beispielstadt",
    )
    found = extracted(page)
    assert found.errors == ()
    assert found.title == "Vollsperrung der Brückenstraße ab Montag"


def test_a_calendar_of_events_with_short_titles_is_a_listing():
    events = "".join(
        f'<div class="event"><h3><a href="/events/{slug}">{title}</a></h3><p>{when}</p>'
        f"<p>{blurb}</p></div>"
        for slug, title, when, blurb in [
            ("storytime", "Storytime", "Mon, Dec 1, 2026 · 10:00 AM · Main Library",
             "Songs, rhymes and stories for children ages 1 to 3 and their caregivers."),
            ("tax-help", "Tax Help", "Tue, Dec 2, 2026 · 1:00 PM · Eastside Branch",
             "Volunteers help you prepare and file your tax return this winter."),
            ("book-club", "Book Club", "Wed, Dec 3, 2026 · 6:30 PM · Main Library",
             "This month we discuss a classic whodunit; new members are welcome."),
        ]
    )  # fmt: skip
    message = refusal(site(f"<h1>Events</h1>{events}"))
    assert message.startswith("no press release found on this page (looks like a listing")
