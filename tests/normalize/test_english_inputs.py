"""English releases as US and UK offices, newsrooms and wires send them: lists kept, banners,
wire notices and page questions gone, UK-style contacts taken, no false embargo error."""

from __future__ import annotations

import pytest

from tests.normalize.test_release_shapes import release


def test_an_embargo_line_over_the_headline_and_a_page_title_saying_embargoed_are_no_error():
    found = release("embargo-museum-uk.html", "en")
    assert found.errors == ()
    assert found.embargo_until.isoformat() == "2026-11-26T00:01:00+00:00"
    assert found.contact.startswith("Isla Murray, Press Officer, 0131 496 0233")
    assert "ENDS" not in found.text.split()


def test_a_uk_council_page_gives_its_contact_and_drops_its_page_question():
    found = release("uk-council.html", "en")
    assert "Was this page helpful?" not in found.text
    assert "01632 960 450" in found.contact and "01632 960 450" not in found.text


def test_ends_closes_a_uk_release():
    found = release("charity-ends.txt", "en")
    assert "ENDS" not in found.text.split()
    assert found.contact.startswith("Ben Howells, Media Manager")


@pytest.mark.parametrize(
    ("name", "items"),
    [
        ("civicplus-news-flash.html", ["$3.4 million for pavement management", "ash trees"]),
        ("hubspot-newsroom.html", ["Expand to 1,500 rural", "Double its clinical safety team"]),
    ],
)
def test_a_list_one_extractor_skips_between_paragraphs_is_kept(name, items):
    found = release(name, "en")
    for item in items:
        assert item in found.text, item
    assert "<li>" in found.body_html


def test_a_cookie_banner_above_the_article_is_not_its_first_paragraph():
    found = release("hubspot-newsroom.html", "en")
    assert "cookie" not in found.text.lower()
    assert found.text.startswith("Funding led by Harbor Ventures")
    assert "cookie" not in found.teaser.lower()


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        ("ein-presswire.eml", ["Legal Disclaimer", "Distribution channels", "Visit us on social"]),
        ("prnewswire-get-started.html", ["WANT YOUR COMPANY", "GET STARTED"]),
        ("access-newswire.txt", ["View the original press release"]),
        ("globenewswire-alert.eml", ["distributed by GlobeNewswire"]),
        ("newswire-related-files.md", ["Related Files", "Related Images"]),
    ],
)
def test_wire_notices_leave_the_body(name, furniture):
    found = release(name, "en")
    assert found.errors == ()
    for line in furniture:
        assert line.lower() not in found.text.lower(), line


def test_a_timed_date_beside_a_styled_headline_beats_a_date_only_meta_tag():
    found = release("newsroom-styled-headline.html", "en")
    assert found.title == "Harlow Foods Recalls Frozen Chicken Dumplings Due to Undeclared Sesame"
    assert found.published_at.isoformat() == "2026-11-24T16:30:00-05:00"  # '4:30 PM EST'
    assert found.warnings == ()


@pytest.mark.parametrize("name", ["wire-table-pipes.txt", "wire-table-tabs.txt"])
def test_a_table_in_plain_text_keeps_a_line_per_row(name):
    found = release(name, "en")
    assert "Endpoint | ALD-204 (n=612) | Placebo (n=204)" in found.text
    assert "PASI 75 at week 16 | 71.4% | 12.8%" in found.text
    assert "PASI 90 at week 16 | 44.2% | 3.1%" in found.text


def test_menus_separated_by_bars_in_a_text_dump_are_no_table():
    from pipeline.normalize.body import text_lines

    lines = text_lines("Startseite | Aktuelles | Presse\nImpressum | Datenschutz | Kontakt\n")
    assert [line.kind for line in lines] == ["p", "p"]


def test_a_contact_card_gives_a_line_per_link_and_its_portrait_is_no_press_photo():
    found = release("newsroom-contact-card.html", "en")
    assert found.contact == "Tom Akers\nPR Manager UK\ntom.akers@lumora.example\n+44 20 7946 0321"
    assert [media.filename for media in found.media] == ["balcony-kit.jpg"]


def test_a_caption_written_into_a_text_leaves_the_body_and_is_named():
    found = release("photo-caption-line.txt", "en")
    assert "PHOTO CAPTION" not in found.text and "Sam Ortiz" not in found.text
    assert any("photo caption in the text" in w and "Sam Ortiz" in w for w in found.warnings)


def test_a_wire_page_s_provided_by_block_goes_and_its_timed_date_dates_the_release():
    from pipeline.normalize import normalize
    from tests.normalize.test_normalize import SOURCE, raw_release

    text = (
        "Shoreline Health System Names Dr. Alicia Moreno President and CEO\n\n"
        "News provided by\n\nShoreline Health System\n\nNov 24, 2026, 14:30 ET\n\n"
        "SAN DIEGO, Nov. 24, 2026 /PRNewswire/ -- The Shoreline Health System Board of Trustees "
        "today named Dr. Alicia Moreno president and chief executive officer.\n\n"
        "Moreno, a 20-year veteran of the system, succeeds retiring CEO Robert Haines.\n"
    )
    found = normalize(raw_release(body_text=text), SOURCE)
    assert found.text.startswith("SAN DIEGO, Nov. 24, 2026 /PRNewswire/ -- The Shoreline")
    assert found.published_at.isoformat() == "2026-11-24T14:30:00-05:00"


def test_a_pull_quote_set_out_above_the_text_that_repeats_it_goes_once():
    from pipeline.normalize import normalize
    from tests.normalize.test_page_headlines import SOURCE, read_page

    quote = "Patients told us they could not take two mornings off work for a crown."
    page = (
        "<html><head><title>Dental group opens sixth clinic</title></head><body><article>"
        "<h1>Dental group opens sixth clinic</h1>"
        f"<blockquote class='pullquote'><p>“{quote}”</p><p>— Dr. Lena Morales</p></blockquote>"
        "<p>TAMPA, Fla., Nov. 24, 2026 -- Harborview Dental Group today opened its sixth clinic "
        "in Westchase, with twelve treatment rooms and evening hours.</p>"
        f"<p>“{quote} Now they do not have to,” said Dr. Lena Morales, the group's founder.</p>"
        "</article></body></html>"
    )
    found = normalize(read_page(page), SOURCE)
    assert found.text.startswith("TAMPA, Fla., Nov. 24, 2026 -- Harborview")
    assert found.text.count("two mornings off work") == 1 and "— Dr. Lena" not in found.text


def test_a_starred_footnote_under_a_starred_figure_is_no_list_item():
    from pipeline.normalize import normalize
    from tests.normalize.test_normalize import SOURCE, raw_release

    text = (
        "Tidewater reports third-quarter results\n\n"
        "NORFOLK, Va., Nov. 24, 2026 -- Tidewater Shipping Corp. today reported revenue of "
        "$412 million and adjusted diluted EPS* of $1.42 for the third quarter.\n\n"
        "* Adjusted diluted EPS is a non-GAAP financial measure.\n"
    )
    found = normalize(raw_release(body_text=text), SOURCE)
    assert "<li>" not in found.body_html
    assert found.text.endswith("* Adjusted diluted EPS is a non-GAAP financial measure.")
    listed = normalize(raw_release(body_text=text.replace("EPS*", "EPS")), SOURCE)
    assert "<li>Adjusted diluted EPS" in listed.body_html  # without a starred word: an item


def test_every_wire_s_dateline_leaves_the_teaser():
    from pipeline.normalize import normalize
    from tests.normalize.test_normalize import SOURCE, raw_release

    for dateline in (
        "SAN DIEGO, Nov. 24, 2026 /PRNewswire/ --",
        "TORONTO, Nov. 24, 2026 /CNW/ -",
        "PLYMOUTH, MN, UNITED STATES, November 24, 2026 /EINPresswire.com/ --",
    ):
        text = f"{dateline} Shoreline Health today named a new chief executive officer.\n"
        found = normalize(raw_release(title="New CEO", body_text=text), SOURCE)
        assert found.teaser.startswith("Shoreline Health today named"), dateline


def test_the_commissions_line_for_the_public_is_not_the_press_contact():
    found = release("eu-commission-press-corner.html", "en")
    assert found.contact == "Lukas Brenner, +32 2 555 01 23, lukas.brenner@ec.example.eu"
    assert "Europe Direct" not in found.text + found.contact
    assert found.text.endswith("which allows aid for the coordination of transport.")


def test_an_investor_contact_above_the_media_contact_goes_with_it():
    from pipeline.normalize import normalize
    from tests.normalize.test_normalize import SOURCE, raw_release

    body = (
        "MINNEAPOLIS, Nov. 25, 2026 -- Harbor Bank reported record deposits for the third "
        "quarter of 2026, up 9 percent from a year earlier.\n\n"
        "About Harbor Bank\n\nHarbor Bank is a regional bank with 40 branches in Minnesota.\n\n"
        "Investor Contact:\nSarah Nguyen\nHarbor Bank\n612-555-0177\nir@harbor.example\n\n"
        "Media Contact:\nPaul Berg\nHarbor Bank\n612-555-0188\nmedia@harbor.example\n"
    )
    found = normalize(
        raw_release(title="Harbor Bank reports record deposits", body_text=body), SOURCE
    )
    assert found.contact.startswith("Investor Contact:\nSarah Nguyen")
    assert "Media Contact:\nPaul Berg" in found.contact
    assert "Sarah Nguyen" not in found.text and "ir@harbor.example" not in found.text
    assert found.text.endswith("Harbor Bank is a regional bank with 40 branches in Minnesota.")


def test_a_wires_home_and_ticker_search_are_no_links_of_the_release():
    from pipeline.normalize import normalize
    from tests.normalize.test_normalize import SOURCE, raw_release

    body_html = (
        '<p>AUSTIN, Texas--(<a href="https://www.businesswire.com/">BUSINESS WIRE</a>)--Nov. '
        '25, 2026--Helio Labs (NASDAQ: <a href="https://www.businesswire.com/news/home/search/'
        '?rss=1&amp;searchType=ticker&amp;searchTerm=HLIO">HLIO</a>) today opened a plant in '
        'Austin. Details: <a href="https://investors.helio.example/plant">investors.helio.example'
        "</a>.</p>"
    )
    raw = raw_release(title="Helio Labs opens Austin plant", body_html=body_html, format="html")
    found = normalize(raw, SOURCE)
    assert [link.url for link in found.links] == ["https://investors.helio.example/plant"]
    assert "BUSINESS WIRE" in found.text and "HLIO" in found.text


def test_a_pull_quote_set_out_below_the_sentence_it_repeats_goes_and_a_new_quote_stays():
    from pipeline.normalize import normalize
    from tests.normalize.test_page_headlines import SOURCE, read_page

    said = "We can see the population of an entire island change in perhaps ten generations."
    page = (
        "<html><head><title>Ancient DNA reveals Bronze Age migration into Ireland</title></head>"
        "<body><article><h1>Ancient DNA reveals Bronze Age migration into Ireland</h1>"
        "<p>A study published today in Nature has found that a large-scale migration from "
        "continental Europe reached Ireland around 2300 BC.</p>"
        f"<p>Lead author Professor Rhys Llewellyn said: “{said} That is faster than anything we "
        "have seen in Britain.”</p>"
        f"<aside class='pull-quote'><blockquote><p>“{said}”</p></blockquote></aside>"
        "<p>The team sequenced genomes from teeth and inner-ear bones recovered from 31 sites.</p>"
        "<blockquote><p>“The Beaker people did not replace the farmers; they married into their "
        "families,” the authors write in their conclusion.</p></blockquote>"
        "<p>The research was funded by the European Research Council.</p></article></body></html>"
    )
    found = normalize(read_page(page), SOURCE)
    assert found.text.split("\n\n") == [
        "A study published today in Nature has found that a large-scale migration from "
        "continental Europe reached Ireland around 2300 BC.",
        f"Lead author Professor Rhys Llewellyn said: “{said} That is faster than anything we have "
        "seen in Britain.”",
        "The team sequenced genomes from teeth and inner-ear bones recovered from 31 sites.",
        "“The Beaker people did not replace the farmers; they married into their families,” the "
        "authors write in their conclusion.",
        "The research was funded by the European Research Council.",
    ]


def test_highlights_set_between_dashes_become_bullets_without_the_closing_dash():
    from pipeline.normalize import normalize
    from tests.normalize.test_page_headlines import SOURCE, read_page

    page = (
        "<html><head><title>Veridian Announces Positive Phase 3 Results</title></head><body>"
        "<div class='module_body'><h1>Veridian Announces Positive Phase 3 Results</h1>"
        "<p><i>- ASTRA-2 met its primary endpoint with a 47% reduction in attack rate versus "
        "placebo (p&lt;0.001) -</i></p><p><i>- Company plans to submit a New Drug Application "
        "in the first half of 2027 -</i></p>"
        "<p>BOSTON, Nov. 23, 2026 (GLOBE NEWSWIRE) -- Veridian Therapeutics, Inc. today "
        "announced positive topline results from ASTRA-2, its pivotal Phase 3 trial.</p>"
        "<p>Key secondary endpoints:</p><p>- Attack-free rate over 24 weeks</p>"
        "<p>- Time to first attack - median not reached</p></div></body></html>"
    )
    found = normalize(read_page(page), SOURCE)
    assert found.body_html.count("<li>") == 4
    assert "(p&lt;0.001)</li>" in found.body_html and "2027</li>" in found.body_html
    assert found.text.split("\n\n") == [
        "- ASTRA-2 met its primary endpoint with a 47% reduction in attack rate versus placebo "
        "(p<0.001)\n- Company plans to submit a New Drug Application in the first half of 2027",
        "BOSTON, Nov. 23, 2026 (GLOBE NEWSWIRE) -- Veridian Therapeutics, Inc. today announced "
        "positive topline results from ASTRA-2, its pivotal Phase 3 trial.",
        "Key secondary endpoints:",
        # a dash inside an item stays
        "- Attack-free rate over 24 weeks\n- Time to first attack - median not reached",
    ]
