"""A link goes where the page sends it: an address its text shows is never taken for its
target, and a target no address can be found for leaves the text as the page wrote it."""

from __future__ import annotations

from pipeline.normalize import normalize
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_gate import extracted

CANONICAL = "https://www.innenministerium.example/med/aktuell/pm-412-2026/"


def ministry_page(head: str = "") -> str:
    return (
        "<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>Pressemitteilung "
        f"Nr. 412/2026</title>{head}</head><body><div id='kopf'><a href='/'>Startseite</a> "
        "<a href='/kontakt/'>Kontakt</a></div><div id='inhalt'><h1>Weniger Verkehrstote auf "
        "den Straßen des Landes</h1><p>Auf den Straßen des Landes sind im Oktober 2026 weniger "
        "Menschen ums Leben gekommen als im Vorjahresmonat. Die Polizei registrierte 41 "
        "Verkehrstote, elf weniger als im Oktober 2025.</p><p>Bei den Motorradfahrern fällt die "
        "Bilanz gemischt aus: Die Zahl getöteter Biker sank um acht auf 129. Die detaillierten "
        "Zahlen finden Sie unter <a href='/med/aktuell/statistik_oktober_2026.pdf'>"
        "www.innenministerium.example</a>.</p><p>Das Formular für Schwerpunktkontrollen steht "
        "unter <a href='/buergerservice/kontrollen-antrag'>www.innenministerium.example/"
        "kontrollen</a> bereit. Mehr über die Verkehrswacht lesen Sie auf "
        "www.verkehrswacht.example, die Unfallkarte unter <a "
        "href='https://unfallatlas.example/karte'>www.unfallatlas.example</a>.</p></div>"
        "<div id='fuss'><a href='/impressum/'>Impressum</a></div></body></html>"
    )


def test_a_link_to_the_page_s_own_site_stays_text_when_the_page_has_no_address():
    found = extracted(ministry_page())
    assert "Zahlen finden Sie unter www.innenministerium.example." in found.text
    assert [link.url for link in found.links] == [
        "https://www.verkehrswacht.example",
        "https://unfallatlas.example/karte",
    ]
    assert 'href="https://www.innenministerium.example' not in found.body_html
    assert [warning for warning in found.warnings if "left out" in warning] == [
        "2 link(s) of the page were left out (/med/aktuell/statistik_oktober_2026.pdf, "
        "/buergerservice/kontrollen-antrag): they name addresses on the page's own site, and "
        "the page gives no address of its own (no canonical link); add them from the original "
        "before approving"
    ]


def test_a_link_whose_text_shows_an_address_goes_where_the_page_sends_it():
    found = extracted(ministry_page(f"<link rel='canonical' href='{CANONICAL}'>"))
    assert [(link.url, link.text) for link in found.links] == [
        (
            "https://www.innenministerium.example/med/aktuell/statistik_oktober_2026.pdf",
            "www.innenministerium.example",
        ),
        (
            "https://www.innenministerium.example/buergerservice/kontrollen-antrag",
            "www.innenministerium.example/kontrollen",
        ),
        ("https://www.verkehrswacht.example", "www.verkehrswacht.example"),
        ("https://unfallatlas.example/karte", "www.unfallatlas.example"),
    ]
    assert not any("left out" in warning for warning in found.warnings)


def test_an_uploaded_body_s_link_without_a_usable_target_keeps_its_text_unlinked():
    raw = raw_release(
        title="Laubsäcke jetzt auch in den Stadtteilbüros",
        format="json",
        body_html=(
            "<p>Die Stadtreiniger stellen die Laubentsorgung in diesem Herbst um. Ab sofort gibt "
            "es die Laubsäcke auch in den sechs Stadtteilbüros.</p><p>Das Formular steht unter "
            "<a href='/buergerservice/laubsack-antrag'>www.stadt.example/laubsack</a> bereit, "
            "die Termine unter www.stadtreiniger.example/termine.</p>"
        ),
    )
    release = normalize(raw, SOURCE)
    assert "Das Formular steht unter www.stadt.example/laubsack bereit" in release.text
    assert [link.url for link in release.links] == ["https://www.stadtreiniger.example/termine"]
