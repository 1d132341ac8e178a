"""Pages a browser saved ("Webseite, komplett": page.html beside page_files/): their files are
read from the folder, their links to the site from the address the browser names, and the
editor is told of links no address could be found for."""

from datetime import UTC, datetime
from pathlib import Path

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input

ADDRESS = "https://www.stadt-lindenau.example/aktuelles/adventsmarkt-2026"
ARTICLE = (
    "<main><h1>Adventsmarkt auf dem Lindenplatz öffnet am Freitag</h1>"
    "<figure><a href='./adventsmarkt_files/markt_gross.jpg'><img "
    "src='./adventsmarkt_files/markt_klein.jpg' alt='Buden auf dem Lindenplatz'></a>"
    "<figcaption>Die Buden auf dem Lindenplatz. Foto: Stadt Lindenau</figcaption></figure>"
    "<p>Oberbürgermeisterin Petra Holm eröffnet am Freitag um 17 Uhr den Adventsmarkt auf dem "
    "Lindenplatz. Bis zum 22. Dezember laden 48 Stände zum Bummeln ein.</p>"
    "<p>Das Programm steht als <a href='./adventsmarkt_files/programm.pdf'>Programmheft "
    "(PDF)</a> bereit; Plätze für Schulklassen vergibt die <a href='/kulturbuero'>Kulturbüro"
    "-Seite</a>.</p></main>"
)


def saved_page(tmp_path: Path, head: str = "", top: str = "") -> Path:
    files = tmp_path / "adventsmarkt_files"
    files.mkdir()
    (files / "markt_gross.jpg").write_bytes(b"\xff\xd8\xff\xe0 a photo")
    (files / "programm.pdf").write_bytes(b"%PDF-1.7 a programme")
    page = tmp_path / "adventsmarkt.html"
    page.write_text(
        f"<!DOCTYPE html>{top}<html><head><title>Adventsmarkt</title>{head}</head>"
        f"<body>{ARTICLE}</body></html>",
        encoding="utf-8",
    )
    return page


def read(page: Path):
    context = InputContext(
        source="stadt",
        config=SourceConfig(title="Stadt", kind="files", path="inbox"),
        locator=f"inbox/{page.name}",
        received_at=datetime(2026, 11, 27, 9, 0, tzinfo=UTC),
        route="files",
        folder=page.parent,
    )
    return read_input(page.read_bytes(), ".html", context)


def test_a_saved_page_with_a_canonical_link_reads_its_photo_and_document_from_its_folder(
    tmp_path: Path,
):
    raw = read(saved_page(tmp_path, head=f"<link rel='canonical' href='{ADDRESS}'>"))
    assert raw.identity == ADDRESS
    assert [(item.url, item.caption) for item in raw.media] == [
        (
            "./adventsmarkt_files/markt_gross.jpg",
            "Die Buden auf dem Lindenplatz. Foto: Stadt Lindenau",
        ),
        ("./adventsmarkt_files/programm.pdf", "Programmheft (PDF)"),
    ]
    assert "adventsmarkt_files" not in raw.body_html  # no dead address on the site
    # the site's own page is still reached through the canonical address
    assert 'href="https://www.stadt-lindenau.example/kulturbuero"' in raw.body_html


def test_a_file_the_browser_did_not_save_is_taken_from_the_page_address(tmp_path: Path):
    page = saved_page(tmp_path, head=f"<link rel='canonical' href='{ADDRESS}'>")
    (tmp_path / "adventsmarkt_files" / "programm.pdf").unlink()
    raw = read(page)
    assert ("https://www.stadt-lindenau.example/aktuelles/adventsmarkt_files/programm.pdf") in [
        link.url for link in raw.links
    ]


def test_the_address_a_browser_saved_the_page_from_resolves_its_links(tmp_path: Path):
    raw = read(saved_page(tmp_path, top=f"<!-- saved from url=(0061){ADDRESS} -->\n"))
    assert 'href="https://www.stadt-lindenau.example/kulturbuero"' in raw.body_html
    assert raw.media[0].url == "./adventsmarkt_files/markt_gross.jpg"
    assert not any("left out" in warning for warning in raw.warnings)


def test_links_a_page_without_an_address_cannot_resolve_are_named_in_a_warning(tmp_path: Path):
    raw = read(saved_page(tmp_path))
    assert "kulturbuero" not in raw.body_html and "Kulturbüro-Seite" in raw.body_html
    assert raw.warnings == (
        "1 link(s) of the page were left out (/kulturbuero): they name addresses on the page's "
        "own site, and the page gives no address of its own (no canonical link); add them from "
        "the original before approving",
    )
