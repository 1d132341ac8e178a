"""Captions and credits as wires and press offices write them: the credit is the name alone,
and a wire's note on using the picture is no part of the caption."""

from __future__ import annotations

import pytest

from pipeline.normalize.captions import credit_name, split_credit
from tests.normalize.test_release_shapes import release


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "Die neuen Linien. Bild: Land Salzach/Neumayr",
            ("Die neuen Linien.", "Land Salzach/Neumayr"),
        ),
        (
            "Das Büro in München. (PRNewsfoto/Veltrona Inc.)",
            ("Das Büro in München.", "Veltrona Inc."),
        ),
        ("Centre in Kelowna. (Photo: Cedarline Inc.)", ("Centre in Kelowna.", "Cedarline Inc.")),
        ("Ohne Angabe eines Urhebers.", ("Ohne Angabe eines Urhebers.", "")),
        # credits in words, opening the caption or one of its sentences
        (
            "The mapped aquifer. Image courtesy of Ridgeview Hydrology Lab",
            ("The mapped aquifer.", "Ridgeview Hydrology Lab"),
        ),
        ("The sensor. Photo by Jane Roe/Ridgeview", ("The sensor.", "Jane Roe/Ridgeview")),
        ("Photo courtesy of NASA", ("", "NASA")),
        # a photo taken beside something is no credit
        (
            "Students pose for a photo by the fountain.",
            ("Students pose for a photo by the fountain.", ""),
        ),
    ],
)
def test_a_credit_at_the_caption_s_end_is_split_off(caption, expected):
    assert split_credit(caption) == expected


def test_a_credit_loses_its_label():
    assert credit_name("Bildrechte: Hanseatische Fährlinien GmbH") == "Hanseatische Fährlinien GmbH"
    assert credit_name("Bildrechte: Firma GmbH Fotograf: Lisa Brandt") == "Firma GmbH / Lisa Brandt"


def test_the_rights_holder_inside_news_aktuell_s_usage_note_is_the_credit():
    from pipeline.models import Media
    from pipeline.normalize.captions import clean_media

    caption = (
        "Die neue Filiale am Markt. Weiterer Text über ots und www.presseportal.de/nr/123456 / "
        "Die Verwendung dieses Bildes für redaktionelle Zwecke ist unter Beachtung aller "
        "mitgeteilten Nutzungsbedingungen zulässig und dann auch honorarfrei. Veröffentlichung "
        "ausschließlich mit Bildrechte-Hinweis. Bildrechte: Bäckerei Kornblume GmbH Fotograf: "
        "Lisa Brandt"
    )
    photo = Media(
        filename="f.jpg", content_type="image/jpeg", size=1, kind="image", caption=caption
    )
    [photo] = clean_media((photo,))
    assert photo.caption == "Die neue Filiale am Markt."
    assert photo.credit == "Bäckerei Kornblume GmbH / Lisa Brandt"


def test_news_aktuell_s_usage_note_leaves_the_caption_and_the_date_beside_a_button_counts():
    found = release("presseportal-firma.html")
    [photo] = found.media
    assert photo.caption == "Die neue Elektrofähre „Finkenwerder“ bei einer Testfahrt auf der Elbe."
    assert found.published_at.isoformat() == "2026-11-25T10:30:00+01:00"  # '… Folgen'


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        (
            "Stena Harmony arriving at Harwich. © Stena-Hart Ferries Download License: Use for "
            "journalistic and editorial purposes",
            ("Stena Harmony arriving at Harwich. © Stena-Hart Ferries", "Use for journalistic "
             "and editorial purposes"),
        ),
        (
            "Verlegung einer Fernwärmeleitung. Lizenz: Creative Commons Namensnennung 4.0 · "
            "Fotograf: Stadtwerke Lüneburg",
            ("Verlegung einer Fernwärmeleitung. Fotograf: Stadtwerke Lüneburg",
             "Creative Commons Namensnennung 4.0"),
        ),
        ("Die neue Fähre im Hafen. Foto: Stadt Grimma", ("Die neue Fähre im Hafen. Foto: Stadt "
         "Grimma", "")),
    ],
)  # fmt: skip
def test_a_licence_in_the_caption_becomes_the_picture_s_licence(caption, expected):
    from pipeline.normalize.captions import split_license

    assert split_license(caption) == expected


def test_the_portrait_in_a_contact_person_s_box_is_no_press_photo():
    from pipeline.normalize import normalize
    from tests.normalize.test_page_headlines import HEADLINE, PAGE, SOURCE, read_page

    box = (
        "<div class='contact-person'><img src='https://x.example/contact_jharris.jpg' "
        "alt='James Harris'><div><h3>James Harris</h3><p>Press contact</p><p>+44 1255 555 210"
        "</p></div></div>"
    )
    page = PAGE.format(title=HEADLINE, og=HEADLINE, h1=HEADLINE).replace(
        "</article>", f"{box}</article>"
    )
    assert normalize(read_page(page), SOURCE).media == ()


def test_a_line_under_a_newsletters_one_photo_ending_in_its_credit_is_its_caption():
    from pipeline.models import MediaInput
    from pipeline.normalize import normalize
    from tests.normalize.test_normalize import SOURCE, raw_release

    body = (
        "Am Samstag feiert Shakespeares „Der Sturm“ Premiere im Großen Haus. Die Regie führt "
        "Lea Brandt.\n\nKarl Vogt als Prospero. Foto: Jörg Landsberg\n\n"
        "Weitere Vorstellungen gibt es am 24. und 28. März. Karten gibt es an der Theaterkasse.\n"
    )
    photo = MediaInput(data=b"\xff\xd8\xff", filename="sturm.jpg", declared_type="image/jpeg")
    found = normalize(raw_release(title="Premiere", body_text=body, media=(photo,)), SOURCE)
    assert "Landsberg" not in found.text
    [image] = found.media
    assert (image.caption, image.credit) == ("Karl Vogt als Prospero.", "Jörg Landsberg")
    # without a photo to give it to, the line stays where the sender put it
    alone = normalize(raw_release(title="Premiere", body_text=body), SOURCE)
    assert "Karl Vogt als Prospero. Foto: Jörg Landsberg" in alone.text


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Der Entwurf. Grafik: Planungsbüro Lenz", ("Der Entwurf.", "Planungsbüro Lenz")),
        ("Die Schule. Visualisierung: Haase + Partner", ("Die Schule.", "Haase + Partner")),
        ("The new bridge. Rendering: Arup", ("The new bridge.", "Arup")),
        ("Die Route. Abbildung: Landkreis", ("Die Route.", "Landkreis")),
        ("Der Igel. Illustration: Mia Roth", ("Der Igel.", "Mia Roth")),
    ],
)  # fmt: skip
def test_drawn_and_rendered_pictures_are_credited_like_photos(caption, expected):
    assert split_credit(caption) == expected


def test_a_mail_s_picture_with_a_graphic_credit_under_it_takes_its_caption_out_of_the_body():
    from datetime import UTC, datetime
    from email.message import EmailMessage

    from pipeline.config import SourceConfig
    from pipeline.ingest.readers import InputContext, read_input
    from pipeline.normalize import normalize

    mail = EmailMessage()
    mail["From"] = "presse@lindenau.example"
    mail["Subject"] = "Neue Sporthalle für die Oberschule"
    mail["Date"] = "Thu, 26 Nov 2026 10:00:00 +0100"
    mail.set_content("Die Stadt baut eine Sporthalle.")
    mail.add_alternative(
        "<p>Lindenau, 26. November 2026 – Die Stadt baut an der Oberschule eine Sporthalle "
        "mit drei Feldern. Sie soll im Sommer 2028 fertig sein.</p>"
        "<p><img src='cid:halle@lindenau' alt='Sporthalle'><br><i>So soll die Halle aussehen. "
        "Visualisierung: Architekten Bauer</i></p>"
        "<p>Die Baukosten liegen bei 9 Millionen Euro; der Freistaat trägt die Hälfte.</p>",
        subtype="html",
    )
    mail.get_payload()[1].add_related(
        b"\xff\xd8\xff\xe0 picture", "image", "jpeg", cid="<halle@lindenau>", filename="halle.jpg"
    )
    source = SourceConfig(title="Post", kind="files", path="inbox")
    context = InputContext(
        source="post", config=source, locator="inbox/halle.eml",
        received_at=datetime(2026, 11, 26, 12, 0, tzinfo=UTC), route="files",
    )  # fmt: skip
    found = normalize(read_input(mail.as_bytes(), ".eml", context), source)
    assert "Visualisierung" not in found.text and "aussehen" not in found.text
    [picture] = found.media
    assert (picture.caption, picture.credit) == ("So soll die Halle aussehen.", "Architekten Bauer")


def caption_list_mail(listing: str) -> bytes:
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["From"] = "presse@lindenau.example"
    mail["Subject"] = "Neuer Spielplatz im Stadtpark"
    mail["Date"] = "Thu, 26 Nov 2026 10:00:00 +0100"
    mail.set_content(
        "Lindenau, 26. November 2026 – Im Stadtpark ist der neue Spielplatz eröffnet. Er hat "
        "einen Kletterturm und eine Wasserspielanlage.\n\nDie Anlage hat 380.000 Euro "
        f"gekostet.\n\n{listing}\n"
    )
    for name in ("spielplatz_1.jpg", "spielplatz_2.jpg"):
        mail.add_attachment(b"\xff\xd8\xff\xe0 picture", "image", "jpeg", filename=name)
    return mail.as_bytes()


def read_mail(data: bytes):
    from datetime import UTC, datetime

    from pipeline.config import SourceConfig
    from pipeline.ingest.readers import InputContext, read_input
    from pipeline.normalize import normalize

    source = SourceConfig(title="Post", kind="files", path="inbox")
    context = InputContext(
        source="post", config=source, locator="inbox/spielplatz.eml",
        received_at=datetime(2026, 11, 26, 12, 0, tzinfo=UTC), route="files",
    )  # fmt: skip
    return normalize(read_input(data, ".eml", context), source)


def test_a_caption_list_by_file_name_captions_each_attached_photo_and_leaves_the_body():
    found = read_mail(
        caption_list_mail(
            "Fotos:\nspielplatz_1.jpg: Der Kletterturm. Foto: Stadt Lindenau\n"
            "Spielplatz_2.JPG – Die Wasserspielanlage. Foto: Stadt Lindenau/Ina Berg"
        )
    )
    assert found.text.endswith("Die Anlage hat 380.000 Euro gekostet.")
    assert [(m.filename, m.caption, m.credit) for m in found.media] == [
        ("spielplatz_1.jpg", "Der Kletterturm.", "Stadt Lindenau"),
        ("spielplatz_2.jpg", "Die Wasserspielanlage.", "Stadt Lindenau/Ina Berg"),
    ]


def test_a_file_name_of_no_attachment_stays_in_the_text():
    found = read_mail(caption_list_mail("plan_2027.png: Der Plan für 2027 folgt im Januar."))
    assert "plan_2027.png: Der Plan für 2027 folgt im Januar." in found.text
    assert [m.caption for m in found.media] == ["", ""]


def test_a_credit_in_its_own_element_beside_the_caption_is_the_photo_s_credit():
    found = release("ein-credit-beside-caption.html", "en")
    assert [(photo.caption, photo.credit) for photo in found.media] == [
        ("The new warehouse on Peach Street holds 18 loading bays", "Lakeshore Food Bank"),
        # the paragraph after a caption is the article, not a credit
        ("Volunteers sorted the first 20 tons of produce on opening day", ""),
    ]
    assert "Photo:" not in found.text
    assert found.text.split("\n\n")[:2] == [
        "New 40,000-square-foot site doubles the food bank's cold storage",
        "ERIE, PA, UNITED STATES, November 24, 2026 /EINPresswire.com/ -- Lakeshore Food Bank "
        "opened its second warehouse on Monday, doubling the cold storage it can offer to 112 "
        "partner pantries across northwestern Pennsylvania.",
    ]
    assert "Volunteers can sign up for shifts on the food bank's website." in found.text
