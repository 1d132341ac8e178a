"""A press corner's contact card: each field's name on a line over its value ('Phone' /
'+32 2 …') reads as one line; the citizens' helpline under the press contacts is none of them."""

from __future__ import annotations

from tests.normalize.test_plain_layouts import release

ARTICLE = (
    "<h1>Commission proposes single booking for rail journeys across Europe</h1>"
    "<p>The European Commission today proposed new rules so that passengers can book a rail "
    "journey across several countries in one ticket.</p>"
    "<p>The proposal will now be discussed by the European Parliament and the Council.</p>"
)
CARD = (
    "<div class='press-contacts'><h3>Press contacts</h3><ul>"
    "<li><span>Anna-Kaisa ITKONEN</span><br>Phone<br><a href='tel:+3222956186'>+32 2 29 56186"
    "</a><br>Mail<br><a href='mailto:anna-kaisa.itkonen@ec.example'>"
    "anna-kaisa.itkonen@ec.example</a></li>"
    "<li><span>Tim McPHIE</span><br>Phone<br><a href='tel:+3222958602'>+32 2 29 58602</a><br>"
    "Mail<br><a href='mailto:tim.mcphie@ec.example'>tim.mcphie@ec.example</a></li></ul>"
    "{after}</div>"
)
CONTACT = (
    "Anna-Kaisa ITKONEN\nPhone: +32 2 29 56186\nMail: anna-kaisa.itkonen@ec.example\n"
    "Tim McPHIE\nPhone: +32 2 29 58602\nMail: tim.mcphie@ec.example"
)


def page(body: str) -> str:
    return f"<html><head><title>Rail</title></head><body><main>{body}</main></body></html>"


def test_field_names_over_their_values_read_as_one_line() -> None:
    found = release(page(ARTICLE + CARD.format(after="")))
    assert found.contact == CONTACT


def test_the_public_helpline_is_no_press_contact() -> None:
    helpline = (
        "<p>General public inquiries: <a href='https://europa.example/contact'>Europe Direct</a>"
        " by phone <a href='tel:0080067891011'>00 800 67 89 10 11</a> or by "
        "<a href='https://europa.example/write'>email</a></p>"
    )
    found = release(page(ARTICLE + CARD.format(after=helpline)))
    assert found.contact == CONTACT


def test_a_press_office_line_under_the_card_stays() -> None:
    office = "<p>Press office: press@ec.example</p>"
    found = release(page(ARTICLE + CARD.format(after=office)))
    assert found.contact == CONTACT + "\nPress office: press@ec.example"
