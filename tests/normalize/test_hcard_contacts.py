"""A contact box marked up as an hCard: the person's given and family name in spans of their
own, one name; the box's heading is no line of the contact."""

from __future__ import annotations

import pytest

from tests.normalize.test_page_headlines import HEADLINE, PAGE, SOURCE, normalize, read_page


def contact_of(box: str) -> str | None:
    page = PAGE.format(title=HEADLINE, og=HEADLINE, h1=HEADLINE).replace(
        "</article>", f"{box}</article>"
    )
    return normalize(read_page(page), SOURCE).contact


@pytest.mark.parametrize("heading", ["Ansprechpartner", "Pressekontakt"])
def test_an_hcard_s_name_is_one_line_under_no_heading(heading):
    box = (
        f'<div class="contact"><h3>{heading}</h3><div class="fn n"><span class="given-name">'
        'Thomas</span> <span class="family-name">Wagner</span></div><div class="title">'
        'Pressesprecher</div><div class="tel">Telefon: 0511 123-4567</div><div class="email">'
        '<a href="mailto:presse@fraktion.example">presse@fraktion.example</a></div></div>'
    )
    assert contact_of(box) == (
        "Thomas Wagner\nPressesprecher\nTelefon: 0511 123-4567\npresse@fraktion.example"
    )


def test_spans_set_one_per_line_without_a_space_stay_lines_of_their_own():
    box = (
        '<div class="contact"><h3>Pressekontakt</h3><p><span>Thomas Wagner</span>'
        "<span>Pressesprecher</span><br>Telefon: 0511 123-4567</p></div>"
    )
    assert contact_of(box) == "Thomas Wagner\nPressesprecher\nTelefon: 0511 123-4567"
