"""A page's change history ("Published … / Last updated … / show all updates") is the site's
record of edits: it leaves the release, which keeps its notes to editors and their links, and
the release is dated by its first publication."""

from __future__ import annotations

from pipeline.extract import extract_article

ARTICLE = (
    "<h1>Council opens three new warm spaces for the winter</h1>"
    "<div class='body'><p>Residents can use three new warm spaces from Monday, the council said "
    "today, as temperatures are forecast to fall below freezing.</p>"
    "<p>The spaces at Riverside Library, Eastgate Community Centre and the Old Town Hall offer "
    "free hot drinks, Wi-Fi and phone charging from 9am to 5pm every weekday.</p>"
    "<h2>Notes to editors</h2><ul><li>Opening hours for each site are on the "
    "<a href='/warm-spaces'>warm spaces page</a>.</li><li>The scheme is funded by the "
    "<a href='https://www.gov.example/household-support-fund'>Household Support Fund</a> "
    "until March 2027.</li></ul></div>"
)


def page(history: str, head: str = "") -> str:
    return (
        f"<html><head><title>Warm spaces</title>{head}</head><body><main>{ARTICLE}{history}"
        "</main></body></html>"
    )


HISTORY = (
    "<div class='page-history'><dl><dt>First published:</dt><dd>3 March 2026</dd>"
    "<dt>Last updated:</dt><dd>5 March 2026, 4:10pm</dd></dl>"
    "<details><summary>See all updates</summary><ol>"
    "<li><time datetime='2026-03-05T16:10:00Z'>5 March 2026</time> Corrected the opening "
    "hours of Eastgate Community Centre.</li>"
    "<li><time datetime='2026-03-04T09:00:00Z'>4 March 2026</time> Added the Old Town Hall.</li>"
    "<li><time datetime='2026-03-03T08:00:00Z'>3 March 2026</time> First published.</li>"
    "</ol></details></div>"
)


def test_the_change_history_leaves_and_the_notes_to_editors_stay_with_their_links():
    article = extract_article(page(HISTORY), url="https://www.council.example/news/warm")
    assert article.text.endswith(
        "Notes to editors\nOpening hours for each site are on the warm spaces page.\n"
        "The scheme is funded by the Household Support Fund until March 2027."
    )
    assert "updated" not in article.text and "Added the Old Town Hall" not in article.text
    assert 'href="https://www.council.example/warm-spaces"' in article.body_html
    assert article.published_text == "3 March 2026"  # not the last edit's <time>


def test_a_head_date_of_first_publication_dates_the_page():
    head = "<meta name='govuk:first-published-at' content='2026-03-03T08:00:00+00:00'>"
    article = extract_article(page(HISTORY, head))
    assert article.published_text == "2026-03-03T08:00:00+00:00"


def test_a_dateline_that_names_an_update_stays_with_the_release():
    dateline = "<p>Published 3 March 2026, last updated 5 March 2026.</p><p>Residents"
    article = extract_article(page("").replace("<p>Residents", dateline, 1))
    assert article.text.startswith("Published 3 March 2026, last updated 5 March 2026.\n")
