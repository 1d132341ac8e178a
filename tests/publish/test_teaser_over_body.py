"""A portal prints the teaser over the body only where it says something the body's
opening does not: no paragraph twice, also where the body opens with a lead or subheadings."""

from __future__ import annotations

import lxml.html

from pipeline.publish import render_channel
from tests.publish_helpers import channel, entry, release, sources


def rendered_article(rel):
    an_entry = entry(rel)
    files = render_channel("melder", channel(), [an_entry], sources())
    html = files[f"releases/{an_entry.public_name}"].decode()
    return lxml.html.fragment_fromstring(html, create_parent="div").find("article")


def body_of(*paragraphs: str) -> dict[str, str]:
    return {
        "body_html": "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
        "text": "\n\n".join(paragraphs),
    }


FIRST_PARAGRAPH = (
    "Governor Kathy Hochul today announced $85 million in awards to expand child care "
    "capacity in 28 counties across Upstate New York. The funding will create more than "
    "4,000 new child care slots."
)


def test_a_teaser_copying_the_paragraph_after_two_subheadings_is_printed_once():
    rel = release(
        teaser=FIRST_PARAGRAPH,
        **body_of(
            "Funding Will Create More Than 4,000 New Child Care Slots Across 28 Counties",
            "Builds on Governor's $1.8 Billion Investment in Child Care Included in the Budget",
            FIRST_PARAGRAPH,
            "Applications for the next round open on January 15, 2027.",
        ),
    )
    node = rendered_article(rel)
    assert node.find(".//p[@class='melder-teaser']") is None
    assert node.text_content().count("Governor Kathy Hochul today announced") == 1


def test_a_teaser_copying_the_paragraph_after_a_page_lead_is_printed_once():
    first = (
        "Die Sienova AG hat am Donnerstag ihren neuen Wasserstoff-Campus in Erlangen eröffnet. "
        "Auf rund 30.000 Quadratmetern fertigt das Unternehmen dort künftig Elektrolyse-Stacks."
    )
    rel = release(
        teaser=first,
        **body_of(
            "Investition von 180 Millionen Euro schafft 400 neue Arbeitsplätze / Elektrolyseure "
            "für den europäischen Markt",
            first,
            "„Mit dem Campus setzen wir ein klares Zeichen“, sagte die Vorstandsvorsitzende.",
        ),
    )
    node = rendered_article(rel)
    assert node.find(".//p[@class='melder-teaser']") is None
    assert node.text_content().count("Die Sienova AG hat am Donnerstag") == 1


def test_a_summary_that_no_opening_paragraph_says_is_still_printed_over_a_lead():
    summary = "Neuer Campus in Erlangen: 400 Arbeitsplätze, Produktion ab 2027 voll ausgelastet."
    rel = release(
        teaser=summary,
        **body_of(
            "Investition von 180 Millionen Euro in Erlangen",
            "Die Sienova AG hat am Donnerstag ihren neuen Campus in Erlangen eröffnet.",
            "Bereits 2027 soll die Produktion voll ausgelastet sein.",
        ),
    )
    teaser = rendered_article(rel).find(".//p[@class='melder-teaser']")
    assert teaser is not None and teaser.text_content() == summary
