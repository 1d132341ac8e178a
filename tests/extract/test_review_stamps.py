"""A page's own review stamps ("Page last reviewed: …", "Content current as of: …") say when
the site last checked the page: they leave the release and do not date it."""

from __future__ import annotations

from pipeline.extract import extract_article
from pipeline.extract.article import extract_text

LIBRARY = (
    "<html><head><title>Library</title></head><body><main>"
    "<h1>Council opens new library in Eastfield district</h1>"
    "<p>The new Eastfield library opened today with 40,000 books, a makerspace and a "
    "children's reading room.</p>"
    "<p>It is open seven days a week and cost £6.2 million to build.</p>"
    "{stamp}</main></body></html>"
)


def test_review_stamps_leave_the_text() -> None:
    stamp = (
        "<p class='last-reviewed'>Page last reviewed: 27 November 2026<br>"
        "Next review due: 27 November 2027</p>"
    )
    text = extract_text(LIBRARY.format(stamp=stamp).encode())
    assert text.splitlines() == [
        "Council opens new library in Eastfield district",
        "The new Eastfield library opened today with 40,000 books, a makerspace and a "
        "children's reading room.",
        "It is open seven days a week and cost £6.2 million to build.",
    ]


def test_a_sentence_about_a_review_stays() -> None:
    stamp = "<p>The next review of the opening hours is due on 1 March 2027.</p>"
    article = extract_article(LIBRARY.format(stamp=stamp))
    assert "The next review of the opening hours is due on 1 March 2027." in article.text


RECALL = (
    "<html><head><title>Recall</title></head><body><main>"
    "<h1>Harvest Lane Foods Recalls Almond Crunch Granola</h1>"
    "<div class='panel'><h2>Summary</h2><dl>"
    "<dt>Company Announcement Date:</dt><dd><time datetime='2026-11-24T00:00:00Z'>"
    "November 24, 2026</time></dd>"
    "<dt>Product Type:</dt><dd>Food &amp; Beverages</dd></dl></div>"
    "<p>Harvest Lane Foods, LLC of Boise, Idaho is recalling 4,212 cases of Almond Crunch "
    "Granola because it may contain undeclared peanut.</p>"
    "<p>The recalled granola was distributed nationwide through retail grocery stores.</p>"
    "<div class='content-date'>Content current as of:<br>"
    "<time datetime='2026-11-25T14:02:11Z'>11/25/2026</time></div>"
    "</main></body></html>"
)


def test_the_page_edit_stamp_does_not_date_the_release() -> None:
    article = extract_article(RECALL)
    assert article.published_text == "2026-11-24T00:00:00Z"
    assert "current as of" not in article.text
