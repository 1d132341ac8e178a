"""A heading over nothing but the release's pictures ('Product Photos') heads nothing once the
pictures go out as media; a heading over text and pictures stays."""

from __future__ import annotations

from pipeline.extract import extract_article

PAGE = (
    "<html><body><main><h1>Harvest Lane Foods recalls Almond Crunch Granola</h1>"
    "<p>Harvest Lane Foods, LLC of Boise, Idaho is recalling 4,212 cases of Almond Crunch "
    "Granola because it may contain undeclared peanut.</p>"
    "<p>Consumers who have purchased the product are urged to return it to the place of "
    "purchase for a full refund.</p>"
    "<h2>Product Photos</h2>{under}"
    "<figure><img src='https://www.fda.example/files/granola-front.png' alt='Front of the "
    "pouch'><figcaption>Front of pouch</figcaption></figure>"
    "<figure><img src='https://www.fda.example/files/granola-back.png' alt='Back of the pouch'>"
    "<figcaption>Back of pouch showing lot code</figcaption></figure>"
    "</main></body></html>"
)


def test_a_heading_over_pictures_alone_leaves() -> None:
    article = extract_article(PAGE.format(under=""))
    assert len(article.images) == 2
    assert "Product Photos" not in article.body_html


def test_a_heading_over_text_and_pictures_stays() -> None:
    under = "<p>The lot code is printed on the back of the pouch, under the best-by date.</p>"
    article = extract_article(PAGE.format(under=under))
    assert "<h2>Product Photos</h2>" in article.body_html


def test_a_gallery_keeps_the_title_over_each_picture() -> None:
    gallery = (
        "<html><body><main><h1>Our holiday cards for 2026</h1>"
        "<p>This year's cards were drawn by pupils from six primary schools across the county, "
        "and every card sold funds the children's ward.</p>"
        "<h3>Season's Greetings</h3><figure><img src='https://cards.example/greetings.jpg' "
        "alt='A snowy village'></figure>"
        "<h3>Christmas Angels</h3><figure><img src='https://cards.example/angels.jpg' "
        "alt='Two angels over a church'></figure>"
        "<p>Cards cost £4 for a pack of ten from the hospital shop.</p></main></body></html>"
    )
    article = extract_article(gallery)
    assert "<h3>Season's Greetings</h3>" in article.body_html
    assert "<h3>Christmas Angels</h3>" in article.body_html
