"""A lead set apart from the body, wherever the page puts it, opens the release."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_article

BODY = (
    "<div class='text'><p>Seit mehreren Jahren wechseln jährlich über 6000 Personen nach der "
    "Rekrutenschule in den Zivildienst. Dies gefährdet die Bestände der Armee.</p><p>Der "
    "Bundesrat schlägt deshalb sechs Massnahmen vor, etwa mindestens 150 Diensttage.</p></div>"
)
LEAD = (
    "Der Bundesrat hat an seiner Sitzung vom 25. November 2026 die Vernehmlassung zur Revision "
    "des Zivildienstgesetzes eröffnet."
)
HEADLINE = "<h1>Bundesrat eröffnet Vernehmlassung zum Zivildienstgesetz</h1>"


def test_a_dateline_run_into_the_lead_over_the_headline_gives_both():
    article = extract_article(
        "<html><body><main><p class='pretitle'><span>Bern, 25.11.2026</span> - "
        f"<span>{LEAD}</span></p>{HEADLINE}{BODY}</main></body></html>"
    )
    assert article.above_headline == ("Bern, 25.11.2026",)
    assert article.text.startswith(f"{LEAD}\nSeit mehreren Jahren")


def test_a_dateline_beside_a_short_label_over_the_headline_stays_as_it_is():
    article = extract_article(
        "<html><body><main><p class='pretitle'><span>Bern, 25.11.2026</span> | "
        f"<span>Medienmitteilung</span></p>{HEADLINE}{BODY}</main></body></html>"
    )
    assert article.above_headline == ("Bern, 25.11.2026 | Medienmitteilung",)
    assert article.text.startswith("Seit mehreren Jahren")


@pytest.mark.parametrize(
    "name",
    [
        "field field--name-field-teaser",
        "field_teaser",
        "field--name-field-lead",
        "field--name-field-intro",
        "article-summary",
        "c-article__abstract",
        "standfirst",
    ],
)
def test_a_lead_field_under_the_headline_opens_the_text(name):
    article = extract_article(
        f"<html><body><article><div class='node__header'>{HEADLINE}</div>"
        f"<div class='{name}'><p>{LEAD}</p></div>{BODY}</article></body></html>"
    )
    assert article.text.startswith(f"{LEAD}\nSeit mehreren Jahren")


def test_teasers_of_other_releases_under_the_body_stay_out():
    article = extract_article(
        f"<html><body><article>{HEADLINE}{BODY}</article><div class='teaser'><p>Armee: Neue "
        "Rekrutierungszentren in Sumiswald und Mels eröffnet, wie das Departement mitteilte.</p>"
        "</div></body></html>"
    )
    assert "Sumiswald" not in article.text
