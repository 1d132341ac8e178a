"""Which pictures of a page are the release's: its photos, not the site's furniture."""

from __future__ import annotations

from pipeline.extract import extract_article

TEXT = (
    "Die Stadt hat am Mittwoch den neuen Spielplatz im Westpark eröffnet; er bietet ein "
    "Klettergerüst, zwei Schaukeln und einen Sandkasten mit Wasserspiel für alle Kinder."
)


def page(pictures: str) -> str:
    return (
        "<html><body><header><img src='/img/logo.png' alt='Stadt'></header><main><article>"
        f"<h1>Spielplatz eröffnet</h1>{pictures}<p>{TEXT}</p><p>{TEXT} Mehr im Rathaus.</p>"
        "</article></main><aside><p>Lesen Sie auch: Neue Bibliothek öffnet am Montag im "
        "Zentrum</p><img src='/bilder/bibliothek.jpg' alt='Bibliothek'></aside></body></html>"
    )


def test_the_photo_is_taken_and_buttons_theme_pictures_and_repeats_are_not():
    html = page(
        "<figure><img src='/bilder/spielplatz.jpg' alt='Kinder'><figcaption>Der Spielplatz. "
        "Foto: Stadt</figcaption></figure>"
        "<a href='https://pinterest.com/pin/create/button/?url=x'><img src='/img/pin.png'></a>"
        "<img src='/wp-content/themes/stadt/images/divider.jpg' alt=''>"
        "<img src='/bilder/spielplatz.jpg' alt='noch einmal'>"
    )
    article = extract_article(html, url="https://stadt.example/pm/1.html")
    assert [image.url for image in article.images] == [
        "https://stadt.example/bilder/spielplatz.jpg"
    ]
    [photo] = article.images
    assert (photo.caption, photo.credit, photo.alt) == ("Der Spielplatz. Foto: Stadt", "", "Kinder")
    assert "Der Spielplatz" not in article.body_html  # the caption left the body


def test_a_lazy_picture_gives_its_largest_source():
    html = page(
        "<picture><source srcset='/b/s-800.webp 800w, /b/s-1600.webp 1600w'>"
        "<img src='data:image/gif;base64,R0lGOD' data-src='/b/s-400.jpg' alt='Schaukel'></picture>"
    )
    [photo] = extract_article(html, url="https://stadt.example/pm/2.html").images
    assert photo.url == "https://stadt.example/b/s-1600.webp" and photo.alt == "Schaukel"


def test_logos_by_folder_or_wrapper_and_teaser_cards_of_other_releases_are_not_taken():
    html = page(
        "<figure><img src='/bilder/spielplatz.jpg' alt='Kinder'></figure>"
        "<div class='newsroom-logo'><a href='/nr/1'><img src='/static/x/55123.png' alt='Amt'></a>"
        "</div><img src='/static/logos/stadtwerke.png' alt='Stadtwerke'>"
    ).replace(
        "</article>",
        "<h2>Mehr aus dem Rathaus</h2><div class='card'><img src='/bilder/markt.jpg' alt='Markt'>"
        "<h3><a href='/pm/2'>Wochenmarkt zieht um</a></h3><p>Ab Montag auf dem Domplatz.</p>"
        "</div></article>",
    )
    article = extract_article(html, url="https://stadt.example/pm/1.html")
    assert [image.url for image in article.images] == [
        "https://stadt.example/bilder/spielplatz.jpg"
    ]
    assert "Wochenmarkt" not in article.body_html


def test_a_wire_s_favicon_and_a_call_to_action_button_are_not_photos():
    html = page(
        "<figure><img src='/bilder/halle.jpg' alt='Halle'></figure>"
        "<p><img alt='Cision' src='https://c212.example/c/img/favicon.png?sn=SF1' title='Cision'>"
        " View original content</p><span class='hs-cta-wrapper'><a href='/cta/redirect/1'>"
        "<img class='hs-cta-img' src='/cta/default/123/abc.png' alt='Start your free trial'></a>"
        "</span>"
    )
    article = extract_article(html, url="https://stadt.example/pm/1.html")
    assert [image.url for image in article.images] == ["https://stadt.example/bilder/halle.jpg"]


def test_a_page_s_header_strip_is_no_press_photo():
    html = page(
        "<figure><img src='/bilder/halle.jpg' alt='Halle' width='1200' height='800'></figure>"
        "<img src='/bilder/kopf.jpg' width='800' height='120' alt='Gemeinde Großpösna'>"
    )
    article = extract_article(html, url="https://stadt.example/pm/1.html")
    assert [image.url for image in article.images] == ["https://stadt.example/bilder/halle.jpg"]


def test_a_credit_line_of_its_own_beside_the_figure_is_the_photos_credit():
    from pipeline.extract import extract_article

    for credit_line, before in (
        ("<p>Foto: Land OÖ/Max Mayrhofer</p>", False),
        ("<p>Fotos: Land OÖ/Max Mayrhofer; Honorarfreier Abdruck bei Quellenangabe</p>", True),
    ):
        figure = (
            '<figure><img src="https://land.example/bus.jpg" alt="Bus" width="800" '
            'height="533"><figcaption>Der neue Regionalbus in Freistadt.</figcaption></figure>'
        )
        around = f"{credit_line}{figure}" if before else f"{figure}{credit_line}"
        html = (
            "<html><body><article><h1>Neue Buslinien im Mühlviertel</h1><p>Mit dem "
            "Fahrplanwechsel fahren drei neue Regionalbuslinien im Bezirk Freistadt.</p>"
            f"{around}<p>Die Linien fahren im Stundentakt von 5.30 bis 21 Uhr.</p>"
            "</article></body></html>"
        )
        [photo] = extract_article(html.encode()).images
        assert photo.caption == "Der neue Regionalbus in Freistadt."
        # normalize takes the label off ('Land OÖ/Max Mayrhofer'); the editor's note is gone
        assert photo.credit.endswith(": Land OÖ/Max Mayrhofer") and "Abdruck" not in photo.credit


def test_a_gallery_s_captions_and_credits_come_from_its_lightbox_links():
    html = page(
        "<div class='gallery'>"
        "<a href='/bilder/turm.jpg' data-lightbox='galerie' title='Der neue Kletterturm. "
        "Foto: Presseamt/Jana Ries'><img src='/bilder/turm_k.jpg' alt='Kletterturm'></a>"
        "<a href='/bilder/sand.jpg' data-fancybox='g' data-caption='Der Sandkasten mit "
        "Wasserspiel. Bild: Grünflächenamt'><img src='/bilder/sand_k.jpg' alt='Sandkasten'></a>"
        "<a href='/bilder/schaukel.jpg' class='glightbox' data-sub-html='<h4>Die Schaukeln</h4>"
        "<p>Foto: Presseamt</p>'><img src='/bilder/schaukel_k.jpg' alt='Schaukeln'></a></div>"
    )
    article = extract_article(html, url="https://stadt.example/pm/1.html")
    assert [(image.url, image.caption, image.alt) for image in article.images] == [
        ("https://stadt.example/bilder/turm.jpg", "Der neue Kletterturm. Foto: Presseamt/Jana Ries",
         "Kletterturm"),
        ("https://stadt.example/bilder/sand.jpg",
         "Der Sandkasten mit Wasserspiel. Bild: Grünflächenamt", "Sandkasten"),
        ("https://stadt.example/bilder/schaukel.jpg", "Die Schaukeln Foto: Presseamt", "Schaukeln"),
    ]  # fmt: skip


def test_the_title_of_a_link_to_another_page_is_no_caption():
    html = page(
        "<a href='/pm/2.html' title='Zur Meldung über den Westpark'>"
        "<img src='/bilder/westpark.jpg' alt='Westpark'></a>"
    )
    article = extract_article(html, url="https://stadt.example/pm/1.html")
    assert [(image.caption, image.alt) for image in article.images] == [("", "Westpark")]


def test_a_gallery_name_on_every_lightbox_link_or_the_alt_again_is_no_caption():
    html = page(
        "<a href='/bilder/a.jpg' class='lightbox' title='Westpark'><img src='/bilder/a_k.jpg' "
        "alt=''></a><a href='/bilder/b.jpg' class='lightbox' title='Westpark'>"
        "<img src='/bilder/b_k.jpg' alt=''></a><a href='/bilder/c.jpg' data-lightbox='x' "
        "title='Die Schaukeln'><img src='/bilder/c_k.jpg' alt='Die Schaukeln'></a>"
    )
    article = extract_article(html, url="https://stadt.example/pm/1.html")
    assert [image.caption for image in article.images] == ["", "", ""]


def test_a_sponsors_logo_and_a_contact_cards_portrait_are_no_press_photos():
    html = page(
        "<figure><img src='/bilder/spielplatz.jpg' alt='Kinder'><figcaption>Partner der Stadt "
        "eröffnen den Spielplatz.</figcaption></figure>"
        "<div class='sponsor-bar'><p>Präsentiert von</p><img src='/cdn/bank.png' "
        "alt='Stadtsparkasse'></div><div><p>Mit freundlicher Unterstützung</p><img "
        "src='/cdn/brauerei.png' alt='Brauerei'></div>"
        "<div class='paragraph--type-pressekontakt'><h2>Pressekontakt</h2><div class='person'>"
        "<div class='person__image'><img src='/files/presse_team.jpg' alt='Porträt Pressestelle'>"
        "</div><p>Pressestelle<br>Tel. 0211 3809-101</p></div></div>"
        "<div class='box'><h3>Ihre Ansprechpartnerin</h3><img src='/files/mueller.jpg' "
        "alt='Anna Müller'><p>Anna Müller, Tel. 0211 3809-102</p></div>"
    )
    article = extract_article(html, url="https://stadt.example/pm/1.html")
    assert [image.url for image in article.images] == [
        "https://stadt.example/bilder/spielplatz.jpg"
    ]


def test_the_portrait_of_the_person_a_release_is_about_stays_its_photo():
    html = page(
        "<div class='person'><div class='person__image'><img src='/bilder/direktorin.jpg' "
        "alt='Porträt Prof. Dr. Anna Kowalski'></div><p class='caption'>Prof. Dr. Anna "
        "Kowalski leitet das Institut ab Januar.</p></div>"
    )
    article = extract_article(html, url="https://stadt.example/pm/1.html")
    assert [image.url for image in article.images] == [
        "https://stadt.example/bilder/direktorin.jpg"
    ]


def test_a_credit_line_under_a_break_in_the_caption_is_the_credit_apart_from_it():
    from tests.normalize.test_release_gate import extracted

    def figure(caption: str) -> str:
        return (
            "<html><body><article><h1>Sozialmärkte melden Rekord</h1><p>Die Sozialmärkte der "
            "Caritas verzeichnen so viele Einkäufe wie nie zuvor.</p><figure><a href='https://"
            "www.ots.example/bild/sozialmarkt-full.jpg'><img src='https://www.ots.example/bild/"
            f"sozialmarkt-600.jpg' alt='Sozialmarkt'></a><figcaption>{caption}</figcaption>"
            "</figure><p>Die Caritas bittet daher um Spenden für die Inlandshilfe.</p>"
            "</article></body></html>"
        )

    [photo] = extracted(
        figure("Sozialmarkt der Caritas in Wien-Favoriten<br><small>Fotocredit: Caritas/"
               "Stefanie Steindl</small>")
    ).media  # fmt: skip
    assert (photo.caption, photo.credit) == (
        "Sozialmarkt der Caritas in Wien-Favoriten",
        "Caritas/Stefanie Steindl",
    )
    # a second line that credits nobody stays the caption's, its words apart
    [photo] = extracted(
        figure("Sozialmarkt in Wien-Favoriten<br><small>Eröffnet 2019</small>")
    ).media
    assert (photo.caption, photo.credit) == ("Sozialmarkt in Wien-Favoriten Eröffnet 2019", "")


def test_a_credit_element_after_the_figcaption_inside_the_figure_is_the_credit():
    html = page(
        "<figure><img src='/bilder/spielplatz.jpg' alt='Kinder'><figcaption>Das neue "
        "Klettergerüst im Westpark.</figcaption><span class='figure-credit'>Foto: Stadt "
        "Lindenau/Amt für Grünflächen</span></figure>"
    )
    [photo] = extract_article(html, url="https://stadt.example/pm/1.html").images
    assert photo.caption == "Das neue Klettergerüst im Westpark."
    assert photo.credit == "Foto: Stadt Lindenau/Amt für Grünflächen"
