"""A university's release names its scientist under the text and its press office in a box
beside it: the press office is the contact, the scientist stays in the text under its label."""

from __future__ import annotations

from tests.normalize.test_page_headlines import SOURCE, normalize, read_page

PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Neues Verfahren recycelt Lithium - Universität Greifenstein</title></head><body>
<main><article><h1>Neues Verfahren recycelt Lithium</h1>
<div class="news-text"><p>Ein Forschungsteam der Universität Greifenstein hat ein Verfahren
entwickelt, mit dem sich Lithium aus ausgedienten Akkus nahezu vollständig zurückgewinnen
lässt.</p><p>Das Team will das Verfahren nun mit einem Industriepartner in einer Pilotanlage
erproben.</p>
<h3>Wissenschaftliche Ansprechpartner:</h3>
<p>Prof. Dr. Jana Brandt<br>Institut für Chemie<br>Tel.: +49 3834 42-7890<br>
E-Mail: <a href="mailto:brandt@uni-greifenstein.example">brandt@uni-greifenstein.example</a></p>
<h3>Originalpublikation:</h3><p>Brandt, J. (2026): Recovery of lithium. Nature Sustainability.</p>
</div>{box}</article></main></body></html>"""
PRESS_BOX = """<div class="news-contact"><h3>{heading}</h3><p>Dr. Sabine Kurz<br>
Hochschulkommunikation<br>Telefon: +49 3834 42-1000<br>
<a href="mailto:presse@uni-greifenstein.example">presse@uni-greifenstein.example</a></p></div>"""
SCIENTIST = (
    "Wissenschaftliche Ansprechpartner: Prof. Dr. Jana Brandt, Institut für Chemie, "
    "Tel.: +49 3834 42-7890, E-Mail: brandt@uni-greifenstein.example"
)


def release(box: str):
    return normalize(read_page(PAGE.format(box=box)), SOURCE)


def test_the_press_box_beside_the_text_is_the_contact_and_the_scientist_stays_in_the_text():
    found = release(PRESS_BOX.format(heading="Pressekontakt"))
    assert found.contact == (
        "Dr. Sabine Kurz\nHochschulkommunikation\nTelefon: +49 3834 42-1000\n"
        "presse@uni-greifenstein.example"
    )
    assert f"{SCIENTIST}\n\nOriginalpublikation:" in found.text


def test_without_a_press_box_the_scientist_is_the_contact():
    found = release("")
    assert found.contact == (
        "Prof. Dr. Jana Brandt\nInstitut für Chemie\nTel.: +49 3834 42-7890\n"
        "E-Mail: brandt@uni-greifenstein.example"
    )
    assert "Jana Brandt" not in found.text
