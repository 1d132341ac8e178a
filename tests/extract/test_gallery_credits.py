"""A gallery of pictures with one credit line under it: the line credits each picture."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_article
from tests.extract.test_images import page

GALLERY = (
    "<div class='gallery'><a href='/bilder/a.jpg'><img src='/bilder/a-300.jpg' alt=''></a>"
    "<a href='/bilder/b.jpg'><img src='/bilder/b-300.jpg' alt=''></a>"
    "<a href='/bilder/c.jpg'><img src='/bilder/c-300.jpg' alt=''></a></div>"
)


def credits_of(pictures: str) -> list[tuple[str, str]]:
    article = extract_article(page(pictures), url="https://stadt.example/pm/1.html")
    return [(image.url.rsplit("/", 1)[-1], image.credit) for image in article.images]


@pytest.mark.parametrize("line", ["Fotos: Stadt Lindenau", "Foto: Stadt Lindenau"])
def test_one_credit_line_under_a_gallery_credits_each_of_its_pictures(line):
    # the label goes when the release is normalized, as every credit's does
    assert credits_of(f"{GALLERY}<p>{line}</p>") == [
        ("a.jpg", line),
        ("b.jpg", line),
        ("c.jpg", line),
    ]


def test_a_paragraph_under_a_gallery_credits_none_of_its_pictures():
    line = "Der Spielplatz wurde von Kindern der Grundschule mitgestaltet."
    assert credits_of(f"{GALLERY}<p>{line}</p>") == [("a.jpg", ""), ("b.jpg", ""), ("c.jpg", "")]
