"""Sections of other articles are removed by their heading, and nothing else is."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from pipeline.extract.related import drop_related_sections

PROSE = "<p>Die Stadt saniert im Frühjahr die Brücke über die Elster und sperrt sie dafür.</p>"


def cleaned(body: str) -> str:
    tree = lxml_html.document_fromstring(f"<html><body>{body}</body></html>")
    drop_related_sections(tree)
    return " ".join(tree.text_content().split())


def test_the_heading_and_its_section_go_up_to_the_next_heading_of_its_level():
    text = cleaned(
        f"<div>{PROSE}<h2>Mehr zum Thema</h2>"
        "<p><a href='/a'>Ein anderer Bericht</a> über etwas anderes.</p>"
        "<h3><a href='/x'>Noch ein Bericht</a></h3><p>Sein Anriss in ganzen Sätzen.</p>"
        "<h2>Kontakt</h2><p>Presseamt, Markt 1</p></div>"
    )
    assert "Brücke" in text and "Presseamt, Markt 1" in text
    assert "anderer Bericht" not in text and "Anriss" not in text and "Mehr zum Thema" not in text


def test_a_wrapped_heading_takes_the_box_it_heads():
    text = cleaned(
        f"<main>{PROSE}<aside><div class='head'><h3>Related articles</h3></div>"
        "<ul><li><a href='/b'>Another story</a> in full sentences.</li></ul></aside></main>"
    )
    assert "Brücke" in text and "Another story" not in text


def test_an_article_after_the_section_is_never_taken_with_it():
    text = cleaned(
        "<div><h2>Weitere Meldungen</h2><ul><li><a href='/c'>Ein Anriss.</a></li></ul>"
        f"<div class='article'><h1>Brücke wird saniert</h1>{PROSE}</div></div>"
    )
    assert "Brücke" in text and "Anriss" not in text


def test_headings_that_may_head_part_of_a_release_stay():
    for label in ("Empfehlungen", "Themen", "Weitere Informationen", "Hintergrund"):
        text = cleaned(f"<div>{PROSE}<h2>{label}</h2><p>Teil der Mitteilung.</p></div>")
        assert "Teil der Mitteilung" in text, label


def test_the_article_goes_on_after_a_box_of_teasers_set_into_it():
    text = cleaned(
        f"<div class='entry'>{PROSE}<h4>Auch interessant</h4>"
        "<ul><li><a href='/d'>Ein anderer Beitrag</a></li></ul>"
        "<p>Die Sperrung dauert bis zum Sommer, Umleitungen sind ausgeschildert.</p></div>"
    )
    assert "Brücke" in text and "Die Sperrung dauert bis zum Sommer" in text
    assert "anderer Beitrag" not in text


def test_ebenfalls_interessant_heads_other_releases():
    text = cleaned(
        f"<article>{PROSE}<section><h3>Ebenfalls interessant</h3>"
        "<h4><a href='/s'>Streuobstwiesen-Tag</a></h4><p>Beim Aktionstag pflanzten 150 Leute.</p>"
        "</section></article>"
    )
    assert "Brücke" in text and "Streuobst" not in text and "Aktionstag" not in text


def test_portal_labels_for_other_stories_head_sections_of_teasers():
    """News portals and wire pages head their teaser rails with these labels as well."""
    labels = (
        "Top stories",
        "Top-Themen",
        "Partner news",
        "Partner-Inhalte",
        "Sponsored content",
        "Editor’s picks",
        "Trending now",
        "Recommended for you",
        "Empfehlungen der Redaktion",
    )
    for label in labels:
        text = cleaned(
            f"<div>{PROSE}<h2>{label}</h2>"
            "<p><a href='/t'>Eine andere Geschichte</a> in ganzen Sätzen.</p></div>"
        )
        assert "Brücke" in text and "andere Geschichte" not in text, label


@pytest.mark.parametrize(
    "box",
    [
        '<div class="kg-card kg-signup-card"><h2>Get our research updates</h2><p>Join 12,000 '
        "clinicians who read our monthly briefing.</p></div>",
        '<div class="section-cta"><h2>Ready to cut your energy bill?</h2><p>Talk to our team '
        'and get a free savings estimate in 48 hours.</p><a href="/demo">Book a demo</a></div>',
        '<div class="cta-box"><h2>Jetzt zu Mobil wechseln</h2><p>Laden Sie zum Vorzugspreis '
        "von 39 Cent.</p></div>",
    ],
)
def test_a_sign_up_or_call_to_action_card_in_the_article_goes(box):
    from pipeline.extract import extract_article

    html = (
        "<html><body><article><h1>Northwind raises $12 million</h1><p>Northwind, a maker of "
        "heat pumps for small offices, has raised $12 million to expand to three new states. "
        "The round was led by Harbor Ventures.</p>"
        f"{box}<p>The company will hire 40 engineers next year, most of them in Denver.</p>"
        "</article></body></html>"
    )
    text = extract_article(html.encode()).text
    assert "Denver" in text and "Harbor Ventures" in text
    for words in ("Join 12,000", "Talk to our team", "Vorzugspreis"):
        assert words not in text


GOVSPEAK_PAGE = (
    "<html lang='en'><head><title>Funding for surgical hubs - GOV.UK</title></head><body><main>"
    "<h1>Funding for surgical hubs</h1><div class='govspeak'><p>Patients in the North East will "
    "get faster access to planned operations thanks to £186 million for three new surgical "
    "hubs, the Health Secretary announced today.</p>{box}<p>The first hub opens in spring "
    "2027, the second in the autumn.</p></div></main></body></html>"
)


def test_a_quote_that_the_article_announces_stays_in_a_call_to_action_box():
    from pipeline.extract import extract_article

    box = (
        "<p>Health and Social Care Secretary Jane Smith said:</p><div class='call-to-action'>"
        "<p>Nobody should wait in pain for a year for a new hip. These hubs will mean thousands "
        "more patients get their operation on the day it was booked.</p></div>"
    )
    lines = extract_article(GOVSPEAK_PAGE.format(box=box).encode()).text.splitlines()
    assert lines[1:4] == [
        "Health and Social Care Secretary Jane Smith said:",
        "Nobody should wait in pain for a year for a new hip. These hubs will mean thousands "
        "more patients get their operation on the day it was booked.",
        "The first hub opens in spring 2027, the second in the autumn.",
    ]


def test_a_highlighted_passage_with_nothing_to_click_stays():
    from pipeline.extract import extract_article

    box = (
        "<div class='call-to-action'><p>The consultation on the hubs' opening hours runs until "
        "5 January 2027.</p></div>"
    )
    text = extract_article(GOVSPEAK_PAGE.format(box=box).encode()).text
    assert "The consultation on the hubs' opening hours runs until 5 January 2027." in text


def test_a_call_to_action_box_that_asks_for_a_sign_up_still_goes():
    from pipeline.extract import extract_article

    box = (
        "<div class='call-to-action'><p>Get emails when we publish news about the NHS: "
        "<a href='/email-signup?topic=nhs'>sign up for email alerts</a>.</p></div>"
    )
    text = extract_article(GOVSPEAK_PAGE.format(box=box).encode()).text
    assert "email alerts" not in text and "Get emails" not in text
    assert text.splitlines()[-1] == "The first hub opens in spring 2027, the second in the autumn."
