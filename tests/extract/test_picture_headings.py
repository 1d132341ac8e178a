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
