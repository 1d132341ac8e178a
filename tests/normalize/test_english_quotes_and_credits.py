"""English releases' quotes and photo credits as readers see them: who said a quote stays
under it, a credit reads as the name of whoever took the photo."""

from __future__ import annotations

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
