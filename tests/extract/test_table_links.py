"""A link in a cell of a data table keeps its address in the row it becomes."""

from __future__ import annotations

from pipeline.extract import extract_article

PAGE = (
    "<html><body><main><h1>Museum announces Turner exhibition for spring</h1>"
    "<p>Harbour Museum today announces Turner and the Sea, the largest exhibition of marine "
    "paintings in a generation.</p>"
    "<p>Drawing on loans from Tate and private collections, the exhibition traces a lifelong "
    "fascination with the sea.</p>"
    "<table><tr><td>Dates</td><td>20 March 2027</td></tr>"
    "<tr><td>Tickets</td><td>£18; under-18s free. "
    "<a href='https://www.harbourmuseum.example/turner'>harbourmuseum.example/turner</a></td></tr>"
    "<tr><td>Venue</td><td>{venue}</td></tr></table>"
    "<p>The exhibition is supported by the Turner Circle.</p></main></body></html>"
)


def test_a_link_in_a_table_cell_keeps_its_address() -> None:
    article = extract_article(PAGE.format(venue="Harbour Museum"))
    assert (
        '<p class="row">Tickets | £18; under-18s free. <a href="https://www.harbourmuseum.example'
        '/turner">harbourmuseum.example/turner</a></p>'
    ) in article.body_html


def test_a_cell_without_a_link_gains_none() -> None:
    article = extract_article(PAGE.format(venue="harbourmuseum.example/turner"))
    assert '<p class="row">Venue | harbourmuseum.example/turner</p>' in article.body_html
