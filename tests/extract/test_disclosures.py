"""Accordions and <details>: a section the reader opens with a click goes out with the release,
under the label that opens it."""

from __future__ import annotations

from pipeline.extract import extract_article

LEAD = (
    "<p>Junge Zebrafinken lernen ihren Gesang, indem sie die Lieder ihres Vaters nachahmen. "
    "Ein Team des Instituts hat nun gezeigt, welche Nervenzellen dabei zählen.</p>"
)
PUBLICATION = (
    "Kowalski A, Weber M (2026). Error signals in songbird basal ganglia. Nature 612: 455–461."
)


def page(body: str) -> str:
    headline = "<h1>Wie Zebrafinken singen lernen</h1>"
    return f"<html><body><article>{headline}{LEAD}{body}</article></body></html>"


def test_a_closed_accordion_panel_goes_out_under_its_button_label():
    article = extract_article(
        page(
            "<div class='accordion'><button class='accordion__toggle' aria-expanded='false'>"
            "Originalpublikation</button><div class='accordion__panel' hidden><p>"
            f"{PUBLICATION} <a href='https://doi.org/10.1038/s41586-026-01234-5'>DOI</a></p>"
            "</div></div>"
        )
    )
    assert article.body_html.endswith(
        "<h3>Originalpublikation</h3>\n<p>Kowalski A, Weber M (2026). Error signals in songbird "
        'basal ganglia. Nature 612: 455–461. <a href="https://doi.org/10.1038/s41586-026-01234-5">'
        "DOI</a></p>"
    )


def test_a_bootstrap_accordion_keeps_the_heading_that_holds_its_button():
    article = extract_article(
        page(
            "<div class='accordion'><div class='accordion-item'><h2 class='accordion-header'>"
            "<button class='accordion-button collapsed' data-bs-target='#n1' aria-expanded='false'>"
            "Notes for editors</button></h2><div id='n1' class='accordion-collapse collapse'>"
            f"<div class='accordion-body'><p>{PUBLICATION}</p></div></div></div></div>"
        )
    )
    assert article.body_html.endswith(f"<h2>Notes for editors</h2>\n<p>{PUBLICATION}</p>")


def test_a_details_summary_heads_its_text():
    article = extract_article(
        page(f"<details><summary>Originalpublikation</summary><p>{PUBLICATION}</p></details>")
    )
    assert article.body_html.endswith(f"<h3>Originalpublikation</h3>\n<p>{PUBLICATION}</p>")


def test_a_read_more_button_is_no_heading_and_a_hidden_draft_note_stays_hidden():
    rest = "Die Ergebnisse könnten helfen, auch das Sprechenlernen beim Menschen zu verstehen."
    article = extract_article(
        page(
            "<p hidden>ENTWURF – Freigabe durch die Pressestelle steht noch aus.</p>"
            f"<button aria-controls='more' aria-expanded='false'>Weiterlesen</button>"
            f"<div id='more' hidden><p>{rest}</p></div>"
        )
    )
    assert article.text.endswith(rest)
    assert "Weiterlesen" not in article.text and "ENTWURF" not in article.text


def test_a_menu_button_is_no_heading_of_the_article():
    article = extract_article(
        "<html><body><div class='top'><button aria-controls='menu' aria-expanded='false'>Menü"
        "</button><nav id='menu'><a href='/presse'>Presse</a><a href='/themen'>Themen</a></nav>"
        f"</div><article><h1>Wie Zebrafinken singen lernen</h1>{LEAD}</article></body></html>"
    )
    assert "Menü" not in article.body_html
