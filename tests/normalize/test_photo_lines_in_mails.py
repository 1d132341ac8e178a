"""A mail's one attached photo and the lines its sender wrote about it: the caption and the
credit go to the photo, without their labels, and leave the body; release text stays."""

from __future__ import annotations

import pytest

from pipeline.models import Media, MediaInput
from pipeline.normalize import normalize
from pipeline.normalize.captions import clean_media
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_shapes import release

PHOTO = MediaInput(filename="IMG_0815.jpg", declared_type="image/jpeg", data=b"\xff\xd8\xff\xe0")
TEXT = (
    "The Riverside Food Bank will open a second warehouse in East Hartford on Dec. 1, "
    "doubling its storage capacity.\n\n"
    "The building on Prestige Park Road was donated by Aldermark Properties and includes a "
    "walk-in freezer for 40,000 pounds of frozen protein.\n\n"
)


def mail(lines: str, media: tuple = (PHOTO,)):
    raw = raw_release(
        title="Riverside Food Bank opens second warehouse",
        body_text=TEXT + lines,
        media=media,
        format="email",
    )
    return normalize(raw, SOURCE)


def the_photo(found):
    [photo] = [item for item in found.media if item.kind == "image"]
    return photo.caption, photo.credit


def test_an_english_caption_and_credit_line_describe_the_attached_photo():
    found = release("mail-gmail-photo-credit-en.eml", "en")
    assert the_photo(found) == (
        "Library director Alan Okafor shelves books in the new children's wing.",
        "Cedar Creek Public Library/Mia Lund",
    )
    assert found.text.endswith(
        "A reopening celebration with story time and a bake sale starts at 10 a.m. on Dec. 7."
    )
    assert "Photo" not in found.text and "Mia Lund" not in found.text
    assert found.contact.startswith("Dana Whitfield\n")


@pytest.mark.parametrize(
    "lines",
    [
        "Photo attached: Executive director Lorraine Castillo in the new freezer room. "
        "Photo credit: Riverside Food Bank/Jenna Ortiz",
        "Photo caption: Executive director Lorraine Castillo in the new freezer room. "
        "(Photo: Riverside Food Bank/Jenna Ortiz)",
        "Pictured: Executive director Lorraine Castillo in the new freezer room.\n\n"
        "Credit: Riverside Food Bank/Jenna Ortiz",
        "Caption: Executive director Lorraine Castillo in the new freezer room.\n"
        "Image: Riverside Food Bank/Jenna Ortiz",
        "Image: Executive director Lorraine Castillo in the new freezer room. "
        "Credit: Riverside Food Bank/Jenna Ortiz",
    ],
)
def test_each_english_way_of_writing_the_caption_reaches_the_photo(lines):
    found = mail(lines)
    assert the_photo(found) == (
        "Executive director Lorraine Castillo in the new freezer room.",
        "Riverside Food Bank/Jenna Ortiz",
    )
    assert "Castillo" not in found.text and "Ortiz" not in found.text
    assert found.text.endswith("for 40,000 pounds of frozen protein.")


def test_a_german_caption_for_the_attachment_loses_its_label():
    found = release("mail-bu-zum-foto-im-anhang.eml", "de")
    assert the_photo(found) == (
        "Bibliotheksleiterin Hanna Petersen am umgebauten Karteischrank mit den Samentütchen.",
        "Stadtbibliothek Aubach",
    )
    assert "BU" not in found.text and "Karteischrank mit den" not in found.text


@pytest.mark.parametrize(
    "caption",
    [
        "Bildunterschrift: Blick über die Steillage Kapitelberg auf die Albrechtsburg.",
        "Bildunterschrift zum Foto im Anhang: Blick über die Steillage Kapitelberg auf die "
        "Albrechtsburg.",
        "BU: Blick über die Steillage Kapitelberg auf die Albrechtsburg.",
        "Bildunterschrift zu Bild Nr. 2: Blick über die Steillage Kapitelberg auf die "
        "Albrechtsburg.",
        "Bildtext: Blick über die Steillage Kapitelberg auf die Albrechtsburg.",
        "Caption: Blick über die Steillage Kapitelberg auf die Albrechtsburg.",
    ],
)
def test_a_photo_s_caption_is_published_without_the_sender_s_label(caption):
    photo = Media(
        filename="Kapitelberg.jpg",
        content_type="image/jpeg",
        size=1,
        kind="image",
        caption=f"{caption} Foto: Winzergenossenschaft Meißen / Jörg Pfeiffer",
    )
    [cleaned] = clean_media((photo,))
    assert (cleaned.caption, cleaned.credit) == (
        "Blick über die Steillage Kapitelberg auf die Albrechtsburg.",
        "Winzergenossenschaft Meißen / Jörg Pfeiffer",
    )


PLAYGROUND = "Bildunterschrift zum Spielplatz am Rosenweg. Foto: Stadt Lindenau"


def test_a_caption_that_opens_with_the_word_bildunterschrift_but_no_label_keeps_its_words():
    # a Markdown image's title or a page's figcaption
    photo = Media(
        filename="foto.jpg", content_type="image/jpeg", size=1, kind="image", caption=PLAYGROUND
    )
    [cleaned] = clean_media((photo,))
    assert (cleaned.caption, cleaned.credit) == (
        "Bildunterschrift zum Spielplatz am Rosenweg.",
        "Stadt Lindenau",
    )


def test_a_mail_line_that_opens_with_the_word_bildunterschrift_but_no_label_keeps_its_words():
    found = mail(PLAYGROUND)
    assert the_photo(found) == ("Bildunterschrift zum Spielplatz am Rosenweg.", "Stadt Lindenau")
    assert "Rosenweg" not in found.text


def test_a_caption_that_opens_with_a_word_like_a_label_keeps_it():
    photo = Media(
        filename="bus.jpg",
        content_type="image/jpeg",
        size=1,
        kind="image",
        caption="Bus und Bahn am neuen Umsteigepunkt: die Linie 87 am Hauptbahnhof.",
    )
    [cleaned] = clean_media((photo,))
    assert cleaned.caption == "Bus und Bahn am neuen Umsteigepunkt: die Linie 87 am Hauptbahnhof."


def test_release_text_beside_the_photo_that_mentions_photos_or_a_credit_stays():
    lines = (
        "Photos from the opening will be posted at riversidefoodbank.org/gallery.\n\n"
        "Donors of $250 or more can claim a tax credit: up to half of the gift."
    )
    found = mail(lines)
    assert found.text.endswith(lines)
    assert the_photo(found) == ("", "")
