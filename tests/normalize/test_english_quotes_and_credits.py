"""English releases' quotes and photo credits as readers see them: who said a quote stays
under it, a credit reads as the name of whoever took the photo."""

from __future__ import annotations

import pytest

from tests.normalize.test_portal_and_wire_notes import typed

QUOTED_MINISTER = """<html lang="en"><head><title>Province opens two new rural clinics</title>
</head>
<body><main><h1>Province opens two new rural clinics</h1>
<p>Today, Aaron Whitfield, Minister of Health and Wellness, opened two new primary care clinics
in Shelburne and Yarmouth counties, giving 6,000 residents a family practice team.</p>
<p>Each clinic has room for four doctors and two nurse practitioners.</p>
<blockquote><p>“People in rural communities should not have to drive an hour to see a doctor.
These clinics bring care closer to home.”</p>
<p>Aaron Whitfield, Minister of Health and Wellness</p></blockquote>
<p>The clinics open to patients on December 1.</p>
</main></body></html>"""


def test_a_quote_keeps_who_said_it_when_the_opening_names_them_too():
    found = typed(QUOTED_MINISTER, ".html", "en")
    assert "These clinics bring care closer to home.”\n\n" in found.text
    assert "home.”\n\nAaron Whitfield, Minister of Health and Wellness\n\nThe clinics open" in (
        found.text
    )


def test_a_pull_quote_that_repeats_the_text_still_goes():
    page = QUOTED_MINISTER.replace(
        "<p>Aaron Whitfield, Minister of Health and Wellness</p></blockquote>",
        "</blockquote><p>“People in rural communities should not have to drive an hour to see a"
        " doctor. These clinics bring care closer to home,” said Whitfield.</p>",
    )
    found = typed(page, ".html", "en")
    assert found.text.count("drive an hour") == 1


def _figure(caption_html: str) -> str:
    return (
        "<html lang='en'><body><main><h1>New battery lab opens at Lakeshore University</h1>"
        "<figure><img src='https://news.lakeshore.example/files/battery-lab.jpg'"
        " alt='Two researchers in a lab'>"
        f"<figcaption>{caption_html}</figcaption></figure>"
        "<p>Lakeshore University opened a $14 million battery research lab on Monday, with room"
        " for 40 researchers and a pilot line for pouch cells.</p>"
        "<p>The lab is funded by the state and three industry partners.</p>"
        "</main></body></html>"
    )


CAPTION = "Professor Ana Ruiz with a prototype cell."


@pytest.mark.parametrize(
    ("caption_html", "credit"),
    [
        (f"{CAPTION} <span class='credit'>Photo by Sam Okoro/Lakeshore University</span>",
         "Sam Okoro/Lakeshore University"),
        (f"{CAPTION} <span class='credit'>Courtesy of the Lakeshore Energy Institute</span>",
         "the Lakeshore Energy Institute"),
        (f"{CAPTION} Photo © Sam Okoro", "Sam Okoro"),
        (f"{CAPTION} (AP Photo/Sam Okoro)", "AP Photo/Sam Okoro"),
    ],
)  # fmt: skip
def test_a_photo_s_credit_is_the_name_alone_and_the_caption_clean(caption_html, credit):
    (photo,) = typed(_figure(caption_html), ".html", "en").media
    assert (photo.caption, photo.credit) == (CAPTION, credit)


def test_words_in_brackets_after_a_caption_are_no_credit():
    caption = "Professor Ana Ruiz (left) with a prototype cell (photo taken in 2025)."
    (photo,) = typed(_figure(caption), ".html", "en").media
    assert (photo.caption, photo.credit) == (caption, "")
