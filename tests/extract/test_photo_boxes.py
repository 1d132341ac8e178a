"""Boxes around a page's pictures: a page builder's widgets hold the article, a sidebar's
widgets and the teaser cards of other releases do not."""

from __future__ import annotations

from pipeline.extract import extract_article

TEXT = (
    "Der Landkreis hat am Montag den Radschnellweg zwischen Ahrweiler und Sinzig eröffnet; "
    "auf elf Kilometern fahren Radlerinnen und Radler nun kreuzungsfrei und beleuchtet."
)


def names(html: str) -> list[str]:
    article = extract_article(html, url="https://kreis.example/presse/radweg.html")
    return [image.url.rsplit("/", 1)[-1] for image in article.images]


def test_a_picture_widget_after_the_article_is_a_sidebar_s_not_the_release_s():
    html = (
        "<html><body><main><div class='entry'><h1>Radschnellweg eröffnet</h1>"
        "<div class='widget text-widget'><figure><img src='/b/radweg.jpg' alt='Radweg'>"
        f"<figcaption>Der neue Radweg. Foto: Kreis</figcaption></figure><p>{TEXT}</p>"
        f"<p>{TEXT} Mehr im Kreishaus.</p></div></div>"
        "<div class='widget widget_media_image'><img src='/b/wahlaufruf.jpg' alt='Wählen gehen'>"
        "</div></main></body></html>"
    )
    assert names(html) == ["radweg.jpg"]


def test_teaser_cards_in_a_list_are_not_taken_a_single_linked_photo_in_the_text_is():
    cards = "".join(
        f"<li><div class='teaser'><a href='/presse/{slug}.html'><img src='/b/{slug}-400.jpg' "
        f"alt=''></a><h4><a href='/presse/{slug}.html'>{title}</a></h4></div></li>"
        for slug, title in (("bruecke", "Brücke wird saniert"), ("bus", "Neuer Busfahrplan"))
    )
    html = (
        "<html><body><article><h1>Radschnellweg eröffnet</h1>"
        f"<p>{TEXT}</p><p><a href='https://radweg.example/karte'><img src='/b/karte.jpg' "
        f"alt='Karte des Radwegs'></a></p><p>{TEXT} Mehr im Kreishaus.</p>"
        f"<ul class='more'>{cards}</ul></article></body></html>"
    )
    assert names(html) == ["karte.jpg"]
