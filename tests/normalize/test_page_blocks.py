"""Blocks of a release page that extractors drop or run together: a notice's signature, a lead
named the article's teaser, a pull quote in a figure, a list between a deck and the text."""

from __future__ import annotations

import pytest

from tests.normalize.test_release_gate import extracted
from tests.normalize.test_release_shapes import release


def page(article: str, title: str = "Pressemitteilung") -> str:
    return (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Start</a> "
        f"<a href='/presse/'>Presse</a></nav><main><article>{article}</article></main>"
        "</body></html>"
    )


def test_a_notice_keeps_its_place_and_date_signature_and_the_signer_s_office():
    found = extracted(
        page(
            "<h1>Öffentliche Bekanntmachung</h1><p>Der Gemeinderat hat am 24. November 2026 den "
            "Bebauungsplan „Am Mühlbach“ als Satzung beschlossen. Er tritt heute in Kraft.</p>"
            "<p>Der Plan kann im Rathaus, Zimmer 12, eingesehen werden.</p>"
            "<p>Oberhausen-Rheinhausen, 26. November 2026<br>gez. Martin Büchner<br>"
            "Bürgermeister</p>"
        )
    )
    assert found.text.endswith(
        "Oberhausen-Rheinhausen, 26. November 2026\n\ngez. Martin Büchner\n\nBürgermeister"
    )


def test_a_lead_paragraph_named_the_article_s_teaser_stays_the_first_paragraph():
    found = extracted(
        page(
            "<header><h1>Hallenbad Süd öffnet später</h1><p class='SP-Meta'>Veröffentlicht am "
            "25.11.2026, 14:20 Uhr</p></header><div class='SP-Text'><p class='SP-Teaser'>Die "
            "Sanierung des Hallenbads Süd verzögert sich. Grund sind Schäden an der "
            "Beckenabdichtung.</p><p>Ursprünglich sollte das Bad am 1. Dezember wieder öffnen. "
            "Das Sportamt rechnet nun mit einer Wiedereröffnung Mitte Februar 2027.</p></div>"
        )
    )
    assert found.text.startswith("Die Sanierung des Hallenbads Süd verzögert sich.")
    assert "Veröffentlicht" not in found.text
    assert found.published_at.isoformat() == "2026-11-25T14:20:00+01:00"


MINISTRY_TEXT = (
    "<p>HANNOVER. Das Land unterstützt 31 Städte und Gemeinden beim Aufbau klimafreundlicher "
    "Wärmenetze. Die Ministerin hat am Dienstag die Förderbescheide übergeben.</p><p>Ein "
    "weiterer Förderaufruf ist für März 2027 geplant. Anträge stellen Kommunen bei der "
    "Förderbank des Landes.</p>"
)


def test_a_lead_named_the_teaser_under_the_headline_and_its_date_opens_the_text():
    found = release("gsb-teaser-nach-datum.html")
    assert found.text.startswith(
        "Staatssekretärin Maren Albers überreicht Förderbescheide über 3,2 Millionen Euro – "
        "Nahversorgung in kleinen Gemeinden\n\nPOTSDAM. Das Land unterstützt 27 Dorfläden"
    )
    assert found.published_at.date().isoformat() == "2026-11-25"


def test_a_teaser_named_line_after_a_sentence_under_the_headline_is_no_lead():
    found = extracted(
        page(
            "<div class='text'><h1>Land fördert 31 neue Wärmenetze</h1><p class='date'>"
            "24.11.2026</p><p>Die Bescheide gingen am Dienstag heraus.</p><p class='teaser'>"
            f"Mehr zur Wärmewende auf der Themenseite des Ministeriums</p>{MINISTRY_TEXT}</div>"
        )
    )
    assert "Themenseite" not in found.text
    assert found.text.startswith("Die Bescheide gingen am Dienstag heraus.\n\nHANNOVER.")


def test_a_pull_quote_in_a_figure_keeps_its_words_and_speaker():
    found = extracted(
        page(
            "<h1>Zwei Luchse im Tierpark geboren</h1><div class='entry-content'><p>Im Tierpark "
            "sind zwei Luchse zur Welt gekommen. Die Jungtiere sind gesund, sagt der Tierarzt.</p>"
            "<figure class='wp-block-pullquote'><blockquote><p>Für das Erhaltungszuchtprogramm "
            "ist jeder Nachwuchs ein wichtiger Erfolg.</p><cite>Zoologischer Leiter Dr. Frank "
            "Ebeling</cite></blockquote></figure><p>Für die beiden Jungtiere sucht der Tierpark "
            "nun Namenspaten. Vorschläge können bis zum 6. Dezember eingereicht werden.</p></div>"
        )
    )
    assert "ist jeder Nachwuchs ein wichtiger Erfolg." in found.text
    assert "Dr. Frank Ebeling" in found.text


def test_a_list_one_extractor_drops_is_kept_when_the_other_lacks_only_the_deck():
    found = extracted(
        "<html><head><title>Harborview Dental Group Opens Fourth Clinic</title></head><body>"
        "<section class='release-body'><header><h1>Harborview Dental Group Opens Fourth Clinic"
        "</h1><p class='subtitle'>New location adds Saturday appointments and a pediatric suite"
        "</p></header><div class='row'><div class='col-lg-10'><p>TACOMA, Wash., Nov. 24, 2026 "
        "-- Harborview Dental Group today opened its fourth clinic in Tacoma's Stadium District, "
        "adding Saturday appointments for families.</p><p>The clinic has nine treatment rooms "
        "and will employ 22 staff, including three dentists.</p><p><b>What patients can expect"
        "</b></p><ul><li>Saturday hours from 8 a.m. to 2 p.m.</li><li>A sensory-friendly "
        "pediatric suite</li><li>Same-day emergency appointments</li></ul><p>The clinic accepts "
        "most major PPO plans.</p></div></div></section></body></html>"
    )
    assert found.text.startswith("New location adds Saturday appointments")
    for item in ("Saturday hours from 8 a.m. to 2 p.m.", "Same-day emergency appointments"):
        assert f"- {item}" in found.text


@pytest.mark.parametrize(
    ("block", "contact"),
    [
        # the Swiss label, bold over the names
        (
            "<p><strong>Auskünfte</strong><br>Claudia Meier, Gemeindepräsidentin, Tel. 044 789 "
            "71 11<br>Reto Gisler, Ressortvorsteher, Tel. 044 789 72 40</p>",
            "Claudia Meier, Gemeindepräsidentin, Tel. 044 789 71 11\n"
            "Reto Gisler, Ressortvorsteher, Tel. 044 789 72 40",
        ),
        # a state portal's long line of fields
        (
            "<p><strong>Verantwortlich für diesen Pressetext:</strong> Lena Hartwig | Ministerium "
            "für Inneres, Kommunales, Wohnen und Sport | Düsternbrooker Weg 92, 24105 Kiel | "
            "Telefon 0431 988-3007 | E-Mail: pressestelle@im.landsh.example | Medien-Informationen "
            "der Landesregierung finden Sie im Internet unter www.schleswig-holstein.example</p>",
            "Lena Hartwig | Ministerium für Inneres",
        ),
        # Austria's 'Nähere Informationen beim Büro … unter <phone>'
        (
            "<p>Nähere Informationen beim Büro LH-Stellvertreter Landbauer unter 02742/9005-12345, "
            "Stefan Binder.</p>",
            "Büro LH-Stellvertreter Landbauer unter 02742/9005-12345, Stefan Binder.",
        ),
    ],
)
def test_contact_labels_of_swiss_austrian_and_state_offices(block, contact):
    found = extracted(
        page(
            "<h1>Neues Schulhaus Rietli</h1><p>Der Gemeinderat beantragt der Gemeindeversammlung "
            "einen Kredit von 24 Millionen Franken für den Neubau der Schulanlage Rietli.</p>"
            + block
        )
    )
    assert found.contact.startswith(contact)
    assert "Gemeindepräsidentin" not in found.text and "Hartwig" not in found.text
    assert "Binder" not in found.text


def test_an_sec_exhibit_s_document_name_is_no_headline_and_its_logo_no_photo():
    found = extracted(
        "<html><head><title>EX-99.1</title></head><body><div><b>Exhibit 99.1</b></div>"
        "<p style='text-align:center'><img src='https://www.sec.example/g1124001.jpg' "
        "alt='LOGO'></p><p style='font-weight:bold'>Cascade Freight Reports Third Quarter "
        "Results</p><p>PORTLAND, Ore.—November 24, 2026—Cascade Freight Holdings, Inc. today "
        "reported results for its third quarter, which ended October 31, 2026.</p><p>Revenue "
        "rose 6.2 percent to $412.6 million, the company said in a statement.</p></body></html>"
    )
    assert found.title == "Cascade Freight Reports Third Quarter Results"
    assert found.published_at.date().isoformat() == "2026-11-24"
    assert found.media == ()


def test_bullet_points_under_the_headline_stay_a_list():
    found = extracted(
        "<html><head><title>Veridian Announces Positive Topline Results</title></head><body>"
        "<article><div class='news-headline'><h1>Veridian Announces Positive Topline Results</h1>"
        "</div><div class='news-subheadline'><ul><li><i>ASPEN met its primary endpoint</i></li>"
        "<li><i>Favorable safety profile with no new safety signals</i></li></ul></div>"
        "<div class='xn-content'><p>BOSTON, Nov. 24, 2026 (GLOBE NEWSWIRE) -- Veridian "
        "Therapeutics, Inc. today announced positive topline results from its Phase 2b trial.</p>"
        "<p>The most common adverse events were headache and nasopharyngitis, the company said."
        "</p></div></article></body></html>"
    )
    assert found.text.startswith(
        "- ASPEN met its primary endpoint\n- Favorable safety profile with no new safety signals"
    )


def test_contact_cards_after_the_text_that_ends_with_their_heading_are_all_kept():
    cards = "".join(
        f"<div class='contact-card'><p class='name'>{name}</p><p>{office}</p><p>Tel: {phone}</p>"
        f"<p>Email: <a href='mailto:{mail}'>{mail}</a></p></div>"
        for name, office, phone, mail in (
            ("Marixie Mercado", "UNICEF Geneva", "+41 79 559 7172", "mmercado@unicef.example"),
            ("Moussa Diop", "UNICEF Dakar", "+221 77 740 3576", "mdiop@unicef.example"),
        )
    )
    found = extracted(
        "<html><head><title>Measles vaccination campaign reaches 2 million children</title>"
        "</head><body><main><div class='body'><h1>Measles vaccination campaign reaches 2 million "
        "children</h1><p>A vaccination campaign in the Sahel has reached two million children in "
        "six weeks, UNICEF said on Tuesday.</p><p>Health workers travelled to remote villages "
        "by motorbike and boat to reach families.</p><h3>Media contacts</h3></div>"
        f"<div class='media-contacts'>{cards}</div></main></body></html>"
    )
    assert found.contact.startswith("Marixie Mercado\nUNICEF Geneva")
    assert "Moussa Diop" in found.contact


def test_links_under_for_more_information_are_no_contact_and_a_listed_contact_keeps_its_mail():
    found = extracted(
        page(
            "<h1>Commission proposes new grid rules</h1><p>Today, the Commission is proposing a "
            "European Grids Package to speed up the permitting of electricity networks.</p>"
            "<h2>For More Information</h2><p><a href='https://energy.ec.example/grids_en'>"
            "Questions and answers on the European Grids Package</a></p><h3>Press contacts</h3>"
            "<ul><li>Anna-Kaisa ITKONEN<br>Phone<br>+32 2 29 56186<br>Mail<br>"
            "anna-kaisa.itkonen@ec.example</li><li>Lea ZUBER<br>Phone<br>+32 2 29 56298<br>Mail"
            "<br>lea.zuber@ec.example</li></ul>"
        )
    )
    assert found.contact.startswith("Anna-Kaisa ITKONEN\nPhone: +32 2 29 56186\nMail: ")
    assert "lea.zuber@ec.example" in found.contact
    assert "Questions and answers on the European Grids Package" in found.text


def test_documents_listed_beside_the_text_become_the_release_s_links():
    found = extracted(
        "<html><head><title>Weihnachtsmarkt</title><link rel='canonical' "
        "href='https://www.stadt.example/presse/weihnachtsmarkt'></head><body><nav><ul><li>"
        "<a href='/formulare/antrag.pdf'>Antrag (PDF)</a></li></ul></nav><main><article>"
        "<h1>Weihnachtsmarkt öffnet am Freitag</h1><p>Der Weihnachtsmarkt auf dem Marktplatz "
        "öffnet am Freitag um 11 Uhr, teilte die Stadt am Mittwoch mit.</p><p>Bis zum 23. "
        "Dezember sind 62 Stände geöffnet, der Eintritt ist frei.</p><h4>Zugehörige Dateien</h4>"
        "<ul><li><a href='/fileadmin/lageplan.pdf'>Lageplan Weihnachtsmarkt 2026</a> (845 KB)"
        "</li></ul></article></main></body></html>"
    )
    assert (
        "https://www.stadt.example/fileadmin/lageplan.pdf",
        "Lageplan Weihnachtsmarkt 2026",
    ) in [(link.url, link.text) for link in found.links]
    assert not any("antrag.pdf" in link.url for link in found.links)  # the menu's is not its


def test_a_files_box_named_related_still_gives_its_documents():
    found = extracted(
        "<html><head><link rel='canonical' href='https://www.stadt.example/presse/markt'></head>"
        "<body><main><div class='news-single'><h1>Weihnachtsmarkt öffnet am Donnerstag</h1>"
        "<div class='news-text-wrap'><p>Der Weihnachtsmarkt auf dem Marktplatz öffnet am "
        "Donnerstag um 17 Uhr, teilte die Stadt am Mittwoch mit.</p><p>Bis zum 23. Dezember "
        "sind 62 Stände täglich von 11 bis 21 Uhr geöffnet.</p></div>"
        "<div class='news-related-files'><h4>Zugehörige Dateien</h4><ul><li>"
        "<a href='/fileadmin/lageplan.pdf'>Lageplan (PDF, 1,2 MB)</a></li></ul></div>"
        "<div class='news-related-links'><a href='/presse/eisbahn.pdf'>Eisbahn 2025 (PDF)</a>"
        "</div></div></main><footer><div class='downloads'><a href='/agb.pdf'>AGB</a></div>"
        "</footer></body></html>"
    )
    urls = [link.url for link in found.links]
    assert "https://www.stadt.example/fileadmin/lageplan.pdf" in urls
    assert not any(url.endswith(("eisbahn.pdf", "agb.pdf")) for url in urls)


def test_a_files_box_in_the_article_s_column_beside_an_article_of_text_only_gives_its_documents():
    found = extracted(
        "<html><head><link rel='canonical' href='https://www.bund.example/mm/104321.html'></head>"
        "<body><div class='container'><div class='mod-headline'><h1>Bundesrat verabschiedet "
        "Botschaft</h1></div><div class='mod-text'><article><p>Bern, 25.11.2026 - Der Bundesrat "
        "will die Verkehrssicherheit weiter verbessern und hat die Botschaft verabschiedet.</p>"
        "<p>Im Zentrum stehen automatisiertes Fahren und Tempo 30 in den Gemeinden.</p>"
        "</article></div><div class='mod mod-download'><h2>Dokumente</h2><ul><li><a "
        "href='/mm/104321/botschaft.pdf'>Botschaft (PDF, 1 MB)</a></li></ul></div></div>"
        "<footer><div class='downloads'><a href='/agb.pdf'>AGB</a></div></footer></body></html>"
    )
    urls = [link.url for link in found.links]
    assert urls == ["https://www.bund.example/mm/104321/botschaft.pdf"]
