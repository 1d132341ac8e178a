"""What a page prints outside the article that a release still needs: the date and embargo
beside the headline, and a press contact in its own box."""

from __future__ import annotations

from pipeline.extract import extract_article
from pipeline.extract.contact_box import contact_box_lines
from pipeline.extract.parse import parse_html
from pipeline.extract.surroundings import lines_near_headline
from tests.normalize.test_release_shapes import release

PROSE = "<p>" + "Die Stadt saniert im Frühjahr die Brücke über die Elster und sperrt sie. " * 4
PROSE += "</p>"


def tree(body: str):
    return parse_html(f"<html><body>{body}</body></html>")


def test_lines_beside_the_headline_stop_at_running_text_and_leave_out_links():
    page = tree(
        "<nav><a href='/'>Start</a></nav><div class='head'><span>Dortmund, 26.11.2026</span>"
        "<p><strong>Sperrfrist: 27.11.2026, 10:00 Uhr</strong></p><a href='/presse'>Presse</a>"
        f"<h1>Großauftrag für die Rheinbrücke</h1></div><div>{PROSE}<p>Stand: 01.01.2020</p></div>"
    )
    assert lines_near_headline(page) == (
        ("Dortmund, 26.11.2026", "Sperrfrist: 27.11.2026, 10:00 Uhr"),
        (),
    )


def test_a_page_without_a_headline_element_has_no_lines_beside_it():
    assert lines_near_headline(tree(PROSE)) == ((), ())


def test_a_contact_box_is_found_by_its_name_or_heading_but_never_in_the_page_frame():
    box = (
        "<div class='sectionRelated'><h2>Ansprechpartner</h2><p>Pressestelle<br>"
        "Telefon: 0611 815-1021<br>presse@land.example</p></div>"
    )
    footer = "<footer><div class='contact'>Kontakt: Rathaus, Tel. 0341 123-0</div></footer>"
    assert contact_box_lines(tree(f"{PROSE}{footer}")) == ()
    assert contact_box_lines(tree(f"{PROSE}{box}{footer}")) == (
        "Ansprechpartner",
        "Pressestelle",
        "Telefon: 0611 815-1021",
        "presse@land.example",
    )


def test_a_press_contact_in_the_article_s_own_footer_is_the_release_contact():
    found = release("wordpress-entry-footer-kontakt.html")
    assert found.contact == (
        "Sabine Rohlfing\nUnternehmenskommunikation\nTelefon 03741 49-2210\n"
        "sabine.rohlfing@kkh-lindenau.example"
    )
    assert found.text.endswith("zur Tagesklinik für Kinder- und Jugendpsychiatrie umgebaut.")


def test_a_contact_box_in_the_page_s_footer_stays_out_beside_an_article_with_its_own_footer():
    page = tree(
        f"<main><article><h1>Brücke wird saniert</h1>{PROSE}<footer class='entry-footer'>"
        "Veröffentlicht in Pressemitteilungen</footer></article></main><footer><div "
        "class='contact'>Kontakt: Rathaus, Tel. 0341 123-0</div></footer>"
    )
    assert contact_box_lines(page) == ()


def test_the_contact_box_beside_the_article_becomes_the_release_contact():
    found = release("datentabelle.html")
    assert found.contact.startswith("Agentur für Arbeit Sonnenfeld\nPressestelle\nJan-Philipp")


LEAD_PAGE = (
    "<html><head><meta name='description' content='Pressemitteilung der Stadt Lindenfels'>"
    "</head><body><main><div class='article'><div class='header'><h1>Neue Stadtbibliothek "
    "öffnet am 5. Dezember</h1></div><div class='teaser-text' itemprop='description'><p>Nach "
    "zweieinhalb Jahren Umbau zieht die Stadtbibliothek in den alten Güterbahnhof. Zur Eröffnung "
    "lädt die Stadt zu einem Familienfest ein.</p></div><div class='news-text-wrap'>"
    + PROSE * 3
    + "</div></div></main></body></html>"
)


def test_a_lead_box_under_the_headline_is_the_first_paragraph_and_the_teaser():

    article = extract_article(LEAD_PAGE, url="https://stadt.example/pm/1")
    assert article.body_html.startswith("<p>Nach zweieinhalb Jahren Umbau")
    assert article.body_html.count("Nach zweieinhalb Jahren") == 1


def test_a_meta_description_that_only_names_the_site_is_no_teaser():
    from pathlib import Path

    from pipeline.config import SourceConfig
    from pipeline.ingest.readers import InputContext, read_input
    from pipeline.normalize import normalize
    from tests.normalize.test_release_shapes import ARRIVED

    source = SourceConfig(title="Stadt", kind="files", path="inbox")
    context = InputContext(
        source="stadt", config=source, locator="inbox/pm.html", received_at=ARRIVED, route="files"
    )
    found = normalize(read_input(LEAD_PAGE.encode(), Path("pm.html").suffix, context), source)
    assert found.teaser.startswith("Nach zweieinhalb Jahren Umbau zieht die Stadtbibliothek")


def lead_layout(between: str, body: str = PROSE * 3) -> str:
    """The headline in a header of its own; `between` it and the block named as the article's
    body (which extractors take on its own), the page's picture and lead."""
    return (
        "<html><body><main><article><header class='article-header'><div class='title-wrap'>"
        "<h1>Neue Buslinie zum Klinikum ab Dezember</h1></div><div class='meta'><span>"
        f"26.11.2026</span> <a href='/share'>Teilen</a></div></header>{between}"
        f"<div class='article-body' itemprop='articleBody'>{body}</div></article></main>"
        "</body></html>"
    )


LEAD = (
    "Ab dem 1. Dezember fährt die Linie 7 im 20-Minuten-Takt vom Bahnhof zum Klinikum, "
    "auch am Wochenende."
)
PICTURE = (
    "<figure><img src='/bus.jpg' alt=''><figcaption class='image-subtitle'>Ein Bus der Linie 7"
    "</figcaption></figure>"
)


def test_a_lead_further_down_than_the_headline_s_neighbours_opens_the_body():

    for lead in (f"<p class='introduction'>{LEAD}</p>", f"<p class='atc-IntroText'>{LEAD}</p>"):
        page = lead_layout(f"<div class='media'>{PICTURE}{lead}</div>")
        article = extract_article(page, url="https://stadt.example/pm/7")
        assert article.text.startswith(LEAD), lead
        assert article.text.count(LEAD) == 1 and "Ein Bus der Linie 7" not in article.text


def test_a_lead_box_that_holds_the_picture_gives_the_lead_alone():
    from pipeline.extract.surroundings import lead_after_headline

    page = lead_layout(f"<div class='article-intro'>{PICTURE}<p>{LEAD}</p></div>")
    assert lead_after_headline(parse_html(page)) == LEAD


def test_a_box_named_like_a_lead_after_the_first_paragraph_is_another_article_s():
    from pipeline.extract.surroundings import lead_after_headline

    other = (
        "<div class='teaser-text'><p>Der Stadtrat berät am Donnerstag über den Haushalt für das "
        "kommende Jahr und die Gebühren.</p></div>"
    )
    assert lead_after_headline(parse_html(lead_layout(other))).startswith("Der Stadtrat")
    assert lead_after_headline(parse_html(lead_layout(PROSE + other))) is None


def test_a_page_whose_only_h1_follows_the_text_keeps_its_text_and_title():
    """A blog theme's comment form is the page's one <h1>: the article above it is no
    letterhead to drop, and the page's <title> is its headline."""

    first = (
        "Die Stadtwerke erneuern ab Montag die Leitungen in der Bahnhofstraße, sagte ein Sprecher."
    )
    page = (
        "<html><head><title>Leitungsbau in der Bahnhofstraße</title></head><body>"
        f"<div class='post'><p>{first}</p>{PROSE}</div><div id='respond'><h1>Leave a Response"
        "</h1><form><textarea name='comment'></textarea></form></div></body></html>"
    )
    article = extract_article(page)
    assert article.text.startswith(first) and "Die Stadt saniert im Frühjahr" in article.text
    assert article.title == "Leitungsbau in der Bahnhofstraße"


def test_a_contact_box_is_read_as_a_reader_sees_it():
    """Hidden anti-spam text is no part of the address, a definition list's terms label their
    values, a mailto link says its address, and a 'Pressestelle' heading opens the box."""
    sidebar = (
        '<div class="col-right"><div class="box"><h3>Pressestelle</h3>'
        "<dl><dt>Name</dt><dd>Frank Viereck</dd><dt>Telefon</dt><dd>+49 341 121-3333</dd></dl>"
        '<p>E-Mail: presse<span style="display:none">remove-this.</span>@stadtwerke.example</p>'
        '<p><a href="mailto:presse@stadtwerke.example">E-Mail senden</a></p></div>'
        '<div class="box"><h3>Notruf</h3><p>Im Notfall wählen Sie bitte 110 oder 112.</p></div>'
        "</div>"
    )
    assert contact_box_lines(tree(f"{PROSE}{sidebar}")) == (
        "Pressestelle",
        "Name: Frank Viereck",
        "Telefon: +49 341 121-3333",
        "E-Mail: presse@stadtwerke.example",
        "presse@stadtwerke.example",
    )


def test_a_fact_box_set_as_an_aside_between_two_paragraphs_stays_in_the_text():

    first = (
        "Die Stadt lädt zum ersten Spatenstich für das neue Hallenbad ein, das am Standort des "
        "ehemaligen Freibads entsteht."
    )
    second = (
        "Das neue Bad erhält ein Sportbecken mit sechs Bahnen und einen Saunabereich, die "
        "Kosten liegen bei 18,5 Millionen Euro."
    )
    page = (
        "<html><body><nav><a href='/'>Start</a></nav><main><article><h1>Spatenstich für das "
        f"Hallenbad</h1><p>{first}</p><aside class='infobox'><h3>Termin</h3><p>Wann: "
        "Donnerstag, 3. Dezember 2026, 10 Uhr<br>Wo: Leipziger Straße 40</p></aside>"
        f"<p>{second}</p><aside class='related'><h3>Mehr</h3><a href='/a'>Neue Kita im Westen "
        "eröffnet</a> <a href='/b'>Radweg wird gebaut</a></aside></article></main>"
        "<aside class='sidebar'><p>Unser Newsletter informiert Sie einmal im Monat.</p></aside>"
        "</body></html>"
    )
    text = extract_article(page).text
    assert "Wann: Donnerstag, 3. Dezember 2026, 10 Uhr" in text
    assert text.index(first) < text.index("Termin") < text.index(second)
    assert "Radweg wird gebaut" not in text and "Newsletter" not in text


def test_boxes_that_ask_the_reader_for_something_are_no_part_of_the_article():
    text = (
        "Die Stadtbibliothek verlängert ab Januar ihre Öffnungszeiten am Samstag bis 18 Uhr, "
        "wie die Stadt am Mittwoch mitteilte."
    )
    more = "Die Kosten für das zusätzliche Personal trägt die Stadt aus dem Kulturetat des Jahres."
    page = (
        "<html><body><main><article><h1>Bibliothek länger offen</h1>"
        f"<p>{text}</p><div class='newsletter-box'><p>Bleiben Sie informiert: Unser Newsletter "
        "informiert Sie einmal im Monat.</p><form><input type='email'></form></div>"
        f"<p>{more}</p><div class='support-box'><p>Unterstützen Sie lokalen Journalismus! "
        "<a href='/abo'>Jetzt Abo abschließen</a></p></div><div class='page-rating'><p>War diese "
        "Seite hilfreich?</p><p>Vielen Dank für Ihr Feedback!</p></div></article></main>"
        "</body></html>"
    )
    assert extract_article(page).text == f"{text}\n{more}"


def test_a_definition_list_keeps_each_term_with_its_definition():
    page = (
        "<html><body><main><article><h1>Tag der offenen Tür im Rathaus</h1><p>Das Rathaus "
        "öffnet am Samstag von 10 bis 16 Uhr seine Türen für alle, die hinter die Kulissen der "
        "Verwaltung schauen wollen.</p><p>Das Programm im Überblick:</p><dl><dt>10:00 Uhr</dt>"
        "<dd>Begrüßung durch den Oberbürgermeister im Ratssaal</dd><dt>11:00 Uhr</dt><dd>Führung "
        "durch den Rathausturm</dd></dl><p>Der Eintritt ist frei, und für das leibliche Wohl "
        "sorgt der Förderverein der Grundschule.</p></article></main></body></html>"
    )
    text = extract_article(page).text
    assert "10:00 Uhr: Begrüßung durch den Oberbürgermeister im Ratssaal" in text
    assert "11:00 Uhr: Führung durch den Rathausturm" in text


def test_a_lead_box_of_a_subhead_over_bullet_points_keeps_the_subhead():
    page = (
        "<html><body><article><h1>Helio Reports Third Quarter 2026 Results</h1>"
        "<div class='bw-release-subhead'><h2><i>Revenue of $48.2 million, up 63% year over year"
        "</i></h2><ul><li>Phase 3 trial fully enrolled</li><li>Cash runway extended into 2029"
        "</li></ul></div><div class='bw-release-story'><p>BOSTON--(BUSINESS WIRE)--Helio "
        "Therapeutics today reported financial results for the third quarter of 2026.</p>"
        "<p>The company ended the quarter with $412 million in cash and investments.</p></div>"
        "</article></body></html>"
    )
    text = extract_article(page).text
    assert text.startswith(
        "Revenue of $48.2 million, up 63% year over year\nPhase 3 trial fully enrolled\n"
        "Cash runway extended into 2029\nBOSTON"
    )


def test_an_address_hidden_by_cloudflare_s_email_protection_is_shown():
    encoded = "42" + bytes(b ^ 0x42 for b in b"presse@trust.example").hex()
    page = (
        "<html><body><article><h1>Spendenrekord</h1><p>Wer helfen möchte, schreibt an "
        f"<a href='/cdn-cgi/l/email-protection#{encoded}'><span class='__cf_email__' "
        f"data-cfemail='{encoded}'>[email&#160;protected]</span></a> oder ruft an.</p>"
        "</article></body></html>"
    )
    article = extract_article(page)
    assert "Wer helfen möchte, schreibt an presse@trust.example oder ruft an." in article.text
    assert 'href="mailto:presse@trust.example"' in article.body_html
    assert "protected" not in article.body_html


def test_an_address_cloaked_by_a_script_is_shown_and_the_notice_is_not():
    page = (
        "<html><body><article><h1>Kita eröffnet</h1><p>Anmeldungen nimmt das Hauptamt entgegen: "
        "Tel. 08123 456-20, <span id='cloak1234'>Diese E-Mail-Adresse ist vor Spambots "
        "geschützt! Zur Anzeige muss JavaScript eingeschaltet sein!</span><script>"
        "document.getElementById('cloak1234').innerHTML = '';var addy = 'kita' + '&#64;' + "
        "'hollenbach.example';</script></p></article></body></html>"
    )
    text = extract_article(page).text
    assert text.endswith("Tel. 08123 456-20, kita@hollenbach.example")


def test_raised_and_lowered_digits_never_run_into_a_figure():
    page = (
        "<html><body><article><h1>Arbeitsmarkt</h1><p>Die Zahl der offenen Stellen lag bei "
        "3.105<sup>3</sup> und die Wohnfläche bei 85 m<sup>2</sup>; der CO<sub>2</sub>-Ausstoß "
        "sank, wie die Agentur für Arbeit am Dienstag mitteilte.</p></article></body></html>"
    )
    text = extract_article(page).text
    assert "3.105³ und die Wohnfläche bei 85 m²; der CO₂-Ausstoß" in text


def test_what_the_page_hides_is_not_published_and_what_a_button_reveals_is():
    shown = (
        "Die Kunsthalle zeigt vom 5. Dezember an rund 60 Gemälde aus dem Frühwerk der Malerin, "
        "viele davon zum ersten Mal."
    )
    revealed = (
        "Im Mittelpunkt stehen die Jahre in Worpswede, als die Künstlerin ihren eigenen Stil "
        "entwickelte und erste Porträts malte."
    )
    page = (
        "<html><body><article><h1>Frühwerk in der Kunsthalle</h1>"
        f"<p>{shown}</p><p hidden>ENTWURF – interne Freigabe steht aus. Nicht veröffentlichen."
        "</p><div class='d-none'><p>Interne Notiz: Termin mit dem Leihgeber noch offen, bitte "
        "nicht vor Freitag verschicken.</p></div><button aria-controls='more-1'>Weiterlesen"
        f"</button><div id='more-1' style='display:none'><p>{revealed}</p></div>"
        "<div class='hidden lg:block'><p>Die Ausstellung läuft bis zum 28. Februar und ist "
        "dienstags bis sonntags von 10 bis 18 Uhr geöffnet.</p></div>"
        "<p>Mehr im <a href='https://kunsthalle.example/pdf'>Katalog <span class='sr-only'>"
        "(PDF, öffnet in einem neuen Fenster)</span></a> der Ausstellung.</p></article></body>"
        "</html>"
    )
    text = extract_article(page).text
    assert shown in text and revealed in text
    assert "bis zum 28. Februar" in text  # hidden on small screens only
    assert "ENTWURF" not in text and "Interne Notiz" not in text and "neuen Fenster" not in text


def test_spans_a_stylesheet_sets_one_per_line_are_lines_of_the_contact_box():
    tree = parse_html(
        "<html><body><article><h1>Right to repair</h1><p>MEPs adopted new rules on repairs "
        "today, with 584 votes in favour and 3 against.</p>"
        '<div class="ep-a_contact"><span class="ep_name">Jane KOWALSKA</span><span>Press '
        "Officer</span><span>Phone number: (+32) 2 28 40000</span><span>E-mail: "
        "press@ep.example</span></div></article></body></html>"
    )
    assert contact_box_lines(tree)[:4] == (
        "Jane KOWALSKA",
        "Press Officer",
        "Phone number: (+32) 2 28 40000",
        "E-mail: press@ep.example",
    )


def test_a_newsroom_component_s_contact_box_keeps_the_person_under_its_label_box():
    """Component markup sets the box's label in a box of its own ('contact__head'): the label
    opens the contact, and the person's lines under it are the contact, not left out."""
    block = (
        '<div class="contact"><div class="contact__head">Kontakt</div><div class="contact__item">'
        "<p><strong>Karin Schneider</strong><br>Kommunikation<br>Heidenhofstraße 2<br>79110 "
        'Freiburg<br>Telefon +49 761 4588-5150<br><a href="mailto:karin.schneider@ise.example">'
        "E-Mail senden</a></p></div></div>"
    )
    assert contact_box_lines(tree(f"{PROSE}{block}")) == (
        "Kontakt",
        "Karin Schneider",
        "Kommunikation",
        "Heidenhofstraße 2",
        "79110 Freiburg",
        "Telefon +49 761 4588-5150",
        "karin.schneider@ise.example",
    )
    card = (
        '<div class="M-ContactPerson"><div class="M-ContactPerson__label">Ihr Ansprechpartner'
        '</div><div class="M-ContactPerson__name">Julia Brenner</div><div class="M-ContactPerson'
        '__position">Leiterin Presse</div><div class="M-ContactPerson__phone">+49 9721 555-210'
        '</div><div class="M-ContactPerson__mail"><a href="mailto:presse@kessler.example">'
        "presse@kessler.example</a></div></div>"
    )
    assert contact_box_lines(tree(f"{PROSE}{card}")) == (
        "Ihr Ansprechpartner",
        "Julia Brenner",
        "Leiterin Presse",
        "+49 9721 555-210",
        "presse@kessler.example",
    )
