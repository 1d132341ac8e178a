"""Press pages whose release is only a PDF in a viewer, a lone download or another framed page:
refused with the document's address and what to send instead, never queued as menu text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input

HEADER = (
    '<header><nav><a href="/">Startseite</a> <a href="/rathaus/">Rathaus</a> '
    '<a href="/presse/">Presse</a></nav></header>'
)
FOOTER = (
    '<footer><a href="/impressum/">Impressum</a> <a href="/datenschutz/">Datenschutz</a></footer>'
)
RELEASE = (
    "<p>Die Gemeinde Oberdorf stellt ab Januar alle 412 Straßenleuchten an der Hauptstraße auf "
    "LED um. Die neuen Leuchten sparen nach Berechnungen des Bauamts rund 60 Prozent Strom.</p>"
    "<p>Die Arbeiten beginnen am 12. Januar und dauern etwa sechs Wochen. Während der Arbeiten "
    "bleibt eine Fahrspur frei; Anwohnerinnen und Anwohner werden vorab informiert.</p>"
    "<p>Bürgermeisterin Anna Vogt: „Wir senken damit unsere Stromkosten dauerhaft und sorgen "
    "zugleich für mehr Sicherheit auf dem Schulweg.“</p>"
)


def read(html: str, *, url: str | None = "https://www.oberdorf.example/presse/pm-118/"):
    context = InputContext(
        source="oberdorf",
        config=SourceConfig(title="Gemeinde Oberdorf", kind="files", path="inbox"),
        locator="inbox/pm-118.html",
        received_at=datetime(2026, 11, 26, 9, tzinfo=UTC),
        route="files",
        base_url=url,
    )
    return read_input(html.encode(), Path("pm-118.html").suffix, context)


def page(main: str, title: str = "LED-Leuchten für die Hauptstraße | Gemeinde Oberdorf") -> str:
    return (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body>{HEADER}<main>{main}</main>{FOOTER}</body></html>"
    )


def messages(raw) -> list[str]:
    return [problem.message for problem in raw.problems]


def test_a_page_that_shows_its_release_as_a_pdf_in_a_viewer_is_refused_naming_the_pdf():
    raw = read(
        page(
            "<h1>LED-Leuchten für die Hauptstraße</h1><p>24.11.2026</p>"
            '<object data="/fileadmin/presse/PM_LED.pdf" type="application/pdf" height="800">'
            '<embed src="/fileadmin/presse/PM_LED.pdf" type="application/pdf">'
            "<p>Ihr Browser kann keine PDF-Dateien anzeigen. "
            '<a href="/fileadmin/presse/PM_LED.pdf">PDF herunterladen (184 KB)</a></p></object>'
        )
    )
    assert messages(raw) == [
        "no release text on this page: it only shows a document "
        "(https://www.oberdorf.example/fileadmin/presse/PM_LED.pdf); Melder does not read PDF "
        "or office files: submit the release's text (a page, a mail or a text file that holds "
        "it)"
    ]


def test_a_pdf_viewer_that_names_its_file_in_the_query_is_a_document_too():
    raw = read(
        page(
            "<h1>Haushalt 2027 eingebracht</h1><p class='date'>26.11.2026</p>"
            '<iframe src="/pdfjs/web/viewer.html?file=%2Fpresse%2FPM_119.pdf" height="900">'
            "</iframe>"
        )
    )
    assert (
        "it only shows a document (https://www.oberdorf.example/presse/PM_119.pdf)"
        in (messages(raw)[0])
    )


def test_a_page_of_labels_around_one_download_names_that_file():
    raw = read(
        page(
            "<h1>Haushalt 2027 eingebracht</h1><p>26.11.2026</p>"
            '<p><a href="/presse/PM_119_Haushalt.pdf">Pressemitteilung als PDF (212 KB)</a></p>'
        )
    )
    assert (
        "only shows a document (https://www.oberdorf.example/presse/PM_119_Haushalt.pdf)"
        in (messages(raw)[0])
    )


def test_a_page_that_frames_another_page_says_which_page_to_submit():
    # whether the headline and menu count as text or as labels, the message names the frame
    raw = read(
        page(
            "<h1>Pressemitteilung 47/2026</h1>"
            '<iframe src="/fileadmin/presse/pm-47-2026.html" height="900"></iframe>',
            title="Pressemitteilung 47/2026 | Gemeinde Oberdorf",
        )
    )
    assert messages(raw)[0].endswith(
        "the page shows its content in a frame: submit the framed page instead "
        "(https://www.oberdorf.example/fileadmin/presse/pm-47-2026.html)"
    )


def test_a_release_with_its_pdf_in_a_viewer_below_the_text_stays_a_release():
    raw = read(
        page(
            f"<h1>LED-Leuchten für die Hauptstraße</h1>{RELEASE}"
            '<iframe src="/fileadmin/presse/PM_LED.pdf" height="600"></iframe>'
            '<p><a href="/fileadmin/presse/PM_LED.pdf">Pressemitteilung als PDF</a></p>'
        )
    )
    assert raw.problems == ()
    assert "412 Straßenleuchten" in raw.body_html
    assert "https://www.oberdorf.example/fileadmin/presse/PM_LED.pdf" in {
        link.url for link in raw.links
    }


def test_a_short_police_report_with_its_pdf_stays_a_release():
    raw = read(
        page(
            "<h1>Unfallflucht in der Bahnhofstraße</h1>"
            "<p>Oberdorf (ots) - Ein unbekannter Autofahrer hat am Dienstagabend in der "
            "Bahnhofstraße einen geparkten Kleinwagen gestreift und ist davongefahren. Der "
            "Schaden beträgt rund 2.000 Euro. Zeugen melden sich bitte bei der Polizei.</p>"
            '<p><a href="/presse/bericht-2026-11-24.pdf">Bericht als PDF</a></p>'
        )
    )
    assert raw.problems == ()
