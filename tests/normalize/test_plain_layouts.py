"""Pages whose article stands in plain <div>s and <section>s, as wire services and city
content systems print them: lists, headlines and footers that extractors miss there."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize
from tests.normalize.test_release_shapes import release as shaped_release

PARAGRAPH = "The company will show the arm at the trade fair in Chicago in March, booth S3417."


def release(content: str, suffix: str = ".html"):
    source = SourceConfig(title="Probe", kind="files", path="inbox", language="en")
    context = InputContext(
        source="probe",
        config=source,
        locator=f"inbox/page{suffix}",
        received_at=datetime(2026, 11, 25, 12, tzinfo=UTC),
        route="files",
    )
    return normalize(read_input(content.encode(), suffix, context), source)


def wire_page(body: str, head: str = "") -> str:
    return (
        f"<html><head><title>Robot arm learns new items in minutes</title>{head}</head><body>"
        "<div class='header'><a href='/'>Wire</a> <a href='/news/'>News</a></div>"
        "<h1>Robot arm learns new items in minutes</h1>"
        f"<section class='release-body container'>{body}</section>"
        "<section class='more'><h2>Also from this source</h2><div class='card'>"
        "<a href='/x.html'>Robotics maker raises $42 million</a><p>Oct 02, 2026</p></div></section>"
        "</body></html>"
    )


def test_a_bullet_list_between_paragraphs_of_a_plain_section_is_kept():
    found = release(
        wire_page(
            "<p>NEW YORK, Nov. 24, 2026 /PRNewswire/ -- Brightline Robotics today unveiled a "
            "picking arm that learns a new item from fewer than twenty demonstrations.</p>"
            "<p>Key features include:</p><ul><li>Few-shot learning for new items on site</li>"
            "<li>Suction &amp; two-finger gripper on one tool changer</li>"
            "<li>Integration with warehouse systems via REST API</li></ul>"
            f"<p>{PARAGRAPH}</p><p>SOURCE Brightline Robotics, Inc.</p>"
        )
    )
    assert "Key features include:\n\n- Few-shot learning for new items on site\n" in found.text
    assert "- Suction & two-finger gripper on one tool changer\n" in found.text
    assert f"REST API\n\n{PARAGRAPH}" in found.text
    assert "Also from this source" not in found.text and "$42 million" not in found.text


def test_a_link_list_after_the_article_is_not_taken_for_its_list():
    found = release(
        wire_page(
            "<p>NEW YORK, Nov. 24, 2026 /PRNewswire/ -- Brightline Robotics today unveiled a "
            f"picking arm that learns a new item from fewer than twenty demonstrations.</p>"
            f"<p>{PARAGRAPH}</p><ul><li><a href='/a'>Robotics maker opens plant</a></li>"
            "<li><a href='/b'>Robotics maker names new chief</a></li></ul>"
        )
    )
    assert found.text.endswith(PARAGRAPH)


def test_a_description_cut_off_with_dots_gives_way_to_the_lead():
    found = release(
        wire_page(
            "<p>Brightline Robotics today unveiled a picking arm that learns a new item from "
            f"fewer than twenty demonstrations.</p><p>{PARAGRAPH}</p>",
            head="<meta name='description' content='Brightline Robotics today unveiled ...'>",
        )
    )
    assert found.teaser == (
        "Brightline Robotics today unveiled a picking arm that learns a new item from fewer "
        "than twenty demonstrations."
    )


def test_a_city_news_page_without_h1_is_titled_by_the_heading_over_its_text():
    found = release(
        "<html><head><title>News Flash • Riverton, WY • CivicEngage</title></head><body>"
        "<div class='breadCrumbs'><a href='/'>Home</a> › <a href='/news'>News Flash</a></div>"
        "<h2>City News</h2><div class='single'><h3>Winter Parking Restrictions Begin December 1"
        "</h3><div class='date'>Posted on: November 25, 2026</div><div class='intro'>"
        "<p>The City of Riverton reminds residents that winter parking restrictions take effect "
        "on Monday and remain in place through March 31.</p><p>Between 2 a.m. and 6 a.m., "
        "parking is not allowed on designated snow routes, marked with blue signs.</p></div>"
        "</div><div class='otherNews'><h3>Other News in City News</h3><ul><li>"
        "<a href='/n/801'>Leaf Pickup Extended</a></li></ul></div></body></html>"
    )
    assert found.title == "Winter Parking Restrictions Begin December 1"
    assert found.errors == ()
    assert found.text.startswith("The City of Riverton reminds residents")


def test_a_wire_footer_set_in_pre_leaves_neither_text_nor_links():
    found = release(
        "<html><body><h1>Nordwerk Solar steigert Umsatz um 18 Prozent</h1><div class='body'>"
        "<p>Hamburg, 20. November 2026 – Die Nordwerk Solar AG hat in den ersten neun Monaten "
        "einen Umsatz von 214,6 Mio. Euro erzielt.</p><p>„Die Nachfrage bleibt hoch“, sagt "
        "Vorstandsvorsitzende Katrin Ohlsen. „Wir bestätigen unsere Prognose.“</p></div>"
        "<pre class='news-footer'>20.11.2026 CET/CEST Die EQS Distributionsservices umfassen "
        "gesetzliche Meldepflichten, Corporate News/Finanznachrichten und Pressemitteilungen.\n"
        "Archiv unter https://eqs-news.com\n\nSprache:     Deutsch\n"
        "Unternehmen: Nordwerk Solar AG\n             Am Sandtorkai 12\n"
        "Internet:    www.nordwerk-solar.de\nISIN:        DE000A2NB123\n"
        "EQS News ID: 2045678\n\nEnde der Mitteilung    EQS News-Service</pre></body></html>"
    )
    assert found.text.endswith("„Wir bestätigen unsere Prognose.“")
    assert found.links == ()


def test_an_apa_ots_responsibility_line_without_its_asterisks_goes():
    found = release(
        "<html><body><h1>Neue Straßenbahnlinie 12 fährt ab Montag</h1><div class='text'>"
        "<p>Wien (OTS) - Ab Montag verbindet die neue Linie 12 den Westen der Stadt mit dem "
        "Nordbahnviertel, tagsüber alle siebeneinhalb Minuten.</p><p>OTS-ORIGINALTEXT "
        "PRESSEAUSSENDUNG UNTER AUSSCHLIESSLICHER INHALTLICHER VERANTWORTUNG DES AUSSENDERS | "
        "NEF0001</p></div></body></html>"
    )
    assert found.text.endswith("tagsüber alle siebeneinhalb Minuten.")


def test_the_time_in_a_wire_s_line_under_the_headline_is_kept_with_its_zone():
    found = release(
        "<html><head><meta name='dc.date' content='2026-11-23'></head><body>"
        "<h1>Aurora Announces Positive Topline Data from Phase 2 Trial</h1>"
        "<p class='article-published'>November 23, 2026 07:00 ET | Source: <a href='/org/1'>"
        "Aurora Biotherapeutics, Inc.</a></p><div class='article-body'><p>CAMBRIDGE, Mass., "
        "Nov. 23, 2026 (GLOBE NEWSWIRE) -- Aurora Biotherapeutics today announced positive "
        "topline results from its Phase 2 trial.</p><p>The trial met its primary endpoint, "
        "showing a 44% reduction in proteinuria at week 24 compared to placebo.</p></div>"
        "</body></html>"
    )
    assert found.published_at.isoformat() == "2026-11-23T07:00:00-05:00"
    assert "Source:" not in found.text


def test_a_contact_box_that_the_article_also_holds_is_the_contact_only():
    found = release(
        "<html><body><h1>Halvorsen Foods Reports Third Quarter Results</h1><div class='bw'>"
        "<p>MINNEAPOLIS--(BUSINESS WIRE)--Nov. 25, 2026--Halvorsen Foods today reported net "
        "sales of $1.2 billion for the third quarter, up 6 percent.</p><p>The company raised "
        "its outlook for the full year and will pay a dividend of 42 cents.</p>"
        "<div class='bw-release-contact'><h2>Contacts</h2><p>Investors: Tom Reyes, "
        "612-555-0199, ir@halvorsen.example<br>Media: Dana Kim, 612-555-0100, "
        "media@halvorsen.example</p></div></div></body></html>"
    )
    assert found.contact == (
        "Investors: Tom Reyes, 612-555-0199, ir@halvorsen.example\n"
        "Media: Dana Kim, 612-555-0100, media@halvorsen.example"
    )
    assert found.text.endswith("will pay a dividend of 42 cents.")


def test_a_bare_media_label_goes_with_the_contact_under_it():
    found = release(
        "Keystone Mutual names Rachel Oduya chief financial officer\n\n"
        "PHILADELPHIA--(BUSINESS WIRE)--Nov. 25, 2026--Keystone Mutual Insurance Company today "
        "announced that Rachel Oduya will join the company as chief financial officer.\n\n"
        "Oduya most recently served as deputy CFO of a reinsurer, where she led its move to "
        "new reporting rules.\n\nMedia:\nAlicia Moreno\n215-555-0163\namoreno@keystone.example\n",
        ".txt",
    )
    assert found.contact == "Media:\nAlicia Moreno\n215-555-0163\namoreno@keystone.example"
    assert found.text.endswith("new reporting rules.")


def test_an_ots_mail_s_sender_and_material_lines_are_neither_text_nor_contact():
    found = release(
        "Mehr Züge zwischen Berlin und Hamburg\n\nBerlin (ots) - Die Deutsche Bahn fährt ab "
        "Dezember jede halbe Stunde zwischen Berlin und Hamburg, teilte das Unternehmen mit.\n\n"
        "Tickets sind ab sofort im DB Navigator buchbar.\n\nPressekontakt:\nDeutsche Bahn AG\n"
        "Telefon: +49 30 297-61030\n\nWeiteres Material: "
        "https://www.presseportal.de/pm/13088/5679999\nOTS: Deutsche Bahn AG\n",
        ".txt",
    )
    assert found.contact == "Deutsche Bahn AG\nTelefon: +49 30 297-61030"
    assert found.text.endswith("Tickets sind ab sofort im DB Navigator buchbar.")
    assert not any("presseportal" in link.url for link in found.links)


def test_a_markdown_release_s_stay_connected_line_goes_with_its_links():
    found = release(
        "# Orbital Lattice raises $14 million\n\nSAN FRANCISCO, Nov. 24, 2026 -- Orbital Lattice "
        "today announced a $14 million round to build a search engine for satellite images.\n\n"
        "Stay connected: [LinkedIn](https://www.linkedin.com/company/orbital) | "
        "[X](https://x.com/orbital)\n",
        ".md",
    )
    assert found.text.endswith("search engine for satellite images.")
    assert found.links == ()


def test_the_time_in_a_wire_header_set_in_pre_over_the_headline_dates_the_release():
    found = release(
        "<html><body><div class='news-detail'><pre class='news-header'>EQS-News: Nordwerk Solar "
        "AG / Schlagwort(e): 9-Monatszahlen\nNordwerk Solar AG steigert Umsatz um 18 Prozent\n\n"
        "20.11.2026 / 07:30 CET/CEST\nFür den Inhalt der Mitteilung ist der Emittent / "
        "Herausgeber verantwortlich.</pre><hr><h1>Nordwerk Solar AG steigert Umsatz um 18 "
        "Prozent</h1><p>Hamburg, 20. November 2026 – Die Nordwerk Solar AG hat in den ersten "
        "neun Monaten einen Umsatz von 214,6 Mio. Euro erzielt.</p><p>„Die Nachfrage bleibt "
        "hoch“, sagt Vorstandsvorsitzende Katrin Ohlsen.</p></div></body></html>"
    )
    assert found.published_at.isoformat() == "2026-11-20T07:30:00+01:00"
    assert found.text.startswith("Hamburg, 20. November 2026 – Die Nordwerk Solar AG")


def test_an_address_s_labelled_lines_under_a_sentence_stay_apart_from_it():
    found = release(
        "# Orbital Lattice raises $14 million\n\nSAN FRANCISCO, Nov. 24, 2026 -- Orbital Lattice "
        "today announced a $14 million round to build a search engine for satellite images.\n\n"
        "Orbital Lattice was founded in 2023 and is based in San Francisco.  \n"
        "Web: https://orbitallattice.example  \nPress: press@orbitallattice.example\n",
        ".md",
    )
    assert "based in San Francisco.\n\nWeb: https://orbitallattice.example" in found.text


def test_a_police_report_s_dateline_with_its_time_dates_it():
    found = release(
        "Einbruch in Kleingartenanlage – Zeugen gesucht\n\nLeipzig-Gohlis, 26.11.2026, 08:15 Uhr. "
        "In der Nacht zum Donnerstag sind Unbekannte in mehrere Lauben eingebrochen.\n",
        ".txt",
    )
    assert found.published_at.isoformat() == "2026-11-26T08:15:00+01:00"


def test_protocol_relative_links_of_a_page_without_its_address_become_https():
    found = release(
        "<html><body><h1>Library opens on Sundays</h1><div class='text'><p>From December the "
        "central library opens on Sundays, see <a href='//cdn.city.example/hours.pdf'>the "
        "schedule (PDF)</a> and <a href='//www.city.example/library'>the library website</a>."
        "</p><p>The city council approved the longer hours with a large majority on Tuesday."
        "</p></div></body></html>"
    )
    assert [link.url for link in found.links] == [
        "https://cdn.city.example/hours.pdf",
        "https://www.city.example/library",
    ]


def test_the_end_mark_goes_and_the_notes_and_about_under_it_stay_with_their_links():
    found = release(
        "City of Austin Launches Free Tree Giveaway\n\nAUSTIN, Texas – The City of Austin will "
        "give away 5,000 free trees to residents this winter as part of its forest program.\n\n"
        '"Trees cool our neighborhoods," said Mayor Kirk Watson.\n\n###\n\nNotes to editors:\n'
        "A map of the pickup sites is at https://www.austin.example/trees/map.\n\nMedia contact: "
        "Maria Lopez, (512) 555-0199, maria.lopez@austin.example\n\nAbout the City of Austin\n"
        "The city serves more than one million residents in Central Texas.\n",
        ".txt",
    )
    assert "###" not in found.text
    assert found.text.endswith(
        '"Trees cool our neighborhoods," said Mayor Kirk Watson.\n\nNotes to editors:\n\n'
        "A map of the pickup sites is at https://www.austin.example/trees/map.\n\n"
        "About the City of Austin\n\n"
        "The city serves more than one million residents in Central Texas."
    )
    assert [link.url for link in found.links] == ["https://www.austin.example/trees/map"]
    assert found.contact == "Maria Lopez, (512) 555-0199, maria.lopez@austin.example"


ARTICLE = (
    "<p>MADISON, Wis. - The Department of Natural Resources today announced that a record "
    "2.4 million walleye fingerlings were stocked in the lake system this fall.</p><p>The "
    "fingerlings were raised at two state hatcheries and at cooperative rearing ponds.</p>"
)


def test_a_short_og_title_that_names_the_site_gives_way_to_the_long_headline():
    found = release(
        "<html><head><title>Press corner | European Commission</title><meta property='og:title' "
        "content='Press corner'></head><body><h1>Commission approves €3.2 billion Italian State "
        f"aid scheme for renewable hydrogen</h1><div class='text'>{ARTICLE}</div></body></html>"
    )
    assert found.title.startswith("Commission approves €3.2 billion Italian State aid scheme")


def test_contact_labels_of_us_agencies_and_swiss_offices_are_read():
    agency = release(
        "<html><body><div class='release-contact'><strong>Contact(s):</strong> Jason Breeggemann,"
        " DNR Fisheries Biologist<br>920-303-5444<br>Sarah Hoye, DNR Communications<br>"
        f"608-220-6227</div><h1>Record walleye stocking in the lake system</h1>{ARTICLE}"
        "</body></html>"
    )
    assert agency.contact.startswith("Jason Breeggemann, DNR Fisheries Biologist\n920-303-5444")
    swiss = release(
        f"<html><body><h1>Neue Förderung für Museen</h1>{ARTICLE}<h3>Adresse für Rückfragen</h3>"
        "<p>Daniel Zimmermann, Leiter Kommunikation<br>Bundesamt für Kultur BAK<br>"
        "Tel. +41 58 462 92 66</p></body></html>"
    )
    assert swiss.contact.endswith("Bundesamt für Kultur BAK\nTel. +41 58 462 92 66")


def test_a_contact_ends_before_a_study_s_citation_and_a_box_of_other_releases():
    found = release(
        f"<html><body><h1>Peptide protects roots from drought</h1>{ARTICLE}"
        "<p>Wissenschaftliche Ansprechpartner:</p><p>Prof. Dr. Anna Lindner, T +49 711 459-22345"
        "</p><p>Originalpublikation:</p><p>Lindner, A. et al. (2026): A mobile peptide controls "
        "root suberization. Nature Plants 12. DOI: 10.1038/s41477-026-01234-5</p>"
        "<p>Aktuelle Pressemitteilungen</p><p>Weihnachtsmarkt öffnet am Donnerstag</p>"
        "</body></html>"
    )
    assert found.contact == "Prof. Dr. Anna Lindner, T +49 711 459-22345"
    assert "Originalpublikation:\n\nLindner, A. et al. (2026)" in found.text


def test_a_recent_releases_section_under_the_article_is_not_its_text():
    found = shaped_release("recall-recent-releases.html", "en")
    assert found.text.startswith("SACRAMENTO, Calif., Nov. 23, 2026 – Brightline Foods")
    assert "Granola" not in found.text and "granola" not in found.teaser
    assert not any("granola" in link.url for link in found.links)


def test_a_lead_box_named_with_an_underscore_opens_the_body():
    found = release(
        "<html><body><table><tr><td><h1 class='news_title'>Peptide protects roots from drought"
        "</h1></td></tr></table><div class='news_teaser'><p><b>A team has found out how plants "
        "protect their roots from drought: a small peptide controls a waxy layer.</b></p></div>"
        f"<div class='news_text'>{ARTICLE}</div></body></html>"
    )
    assert found.text.startswith("A team has found out how plants protect their roots")


def test_the_date_line_over_a_headline_set_in_a_div_dates_the_release():
    found = release(
        "<html><head><title>Pressemitteilung - Stadtwerke</title></head><body><div class='news'>"
        "<div class='news-date'>Lübeck, 25.11.2026</div><div class='title'>Fernwärme für St. "
        "Lorenz: Stadtwerke starten Ausbau im Januar</div><div class='text'><p>Die Stadtwerke "
        "bauen ihr Fernwärmenetz im Stadtteil St. Lorenz Nord aus, teilte das Unternehmen mit."
        "</p><p>Rund 1.400 Haushalte können sich bis 2028 an das Netz anschließen lassen.</p>"
        "</div></div></body></html>"
    )
    assert found.title == "Fernwärme für St. Lorenz: Stadtwerke starten Ausbau im Januar"
    assert found.published_at.date().isoformat() == "2026-11-25"


def test_a_police_report_s_running_number_goes_and_the_dateline_opens_the_text():
    found = release(
        "<html><body><h1>POL-MS: Radfahrer bei Unfall an der Weseler Straße verletzt</h1>"
        "<div class='card'><p>Münster (ots) - </p><p>Lfd. Nr.: 0412</p><p>Ein 34-jähriger "
        "Radfahrer ist am Montagmorgen an der Weseler Straße von einem abbiegenden Lastwagen "
        "erfasst und schwer verletzt worden.</p><p>Die Polizei sucht Zeugen, die den Unfall "
        "gegen 7.40 Uhr beobachtet haben, unter Telefon 0251 275-0.</p></div></body></html>"
    )
    assert found.text.startswith("Münster (ots) - Ein 34-jähriger Radfahrer ist am Montagmorgen")
    assert "0412" not in found.text and "<h3>" not in found.body_html


def test_a_number_the_text_gives_in_a_sentence_stays():
    found = release(
        "Radweg am Kanal wird verbreitert\n\nDie Stadt verbreitert den Radweg am Kanal auf vier "
        "Meter. Die Bauarbeiten beginnen am Montag.\n\nLfd. Nr. 12 des Radverkehrsplans ist "
        "damit umgesetzt, teilte das Tiefbauamt mit.\n",
        ".txt",
    )
    assert "Lfd. Nr. 12 des Radverkehrsplans ist damit umgesetzt" in found.text


def test_a_word_list_copied_as_text_keeps_its_second_level_items_apart():
    """Word copies its second-level bullet as an 'o' and a tab; a sentence starting 'o' stays."""
    found = release(
        "Volkshochschule stellt ihr Frühjahrsprogramm vor\n\n"
        "Die Volkshochschule Bamberg bietet im Frühjahr 2027 mehr als 400 Kurse an. "
        "Schwerpunkte sind:\n\n"
        "•\tSprachen\n•\tGesundheit und Bewegung\n\to\tYoga am Morgen\n\to\tRückenfit\n"
        "•\tPolitische Bildung\n\n"
        "Die Anmeldung beginnt am 1. Februar, teilt die Volkshochschule mit.\n",
        ".txt",
    )
    assert "- Gesundheit und Bewegung\n- Yoga am Morgen\n- Rückenfit\n" in found.text
    assert " o " not in found.text
