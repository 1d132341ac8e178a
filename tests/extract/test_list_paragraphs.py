"""Lists whose items hold paragraphs ('<li><p>…</p></li>', as LibreOffice, CKEditor and
TinyMCE write them) are printed once, as a list."""

from __future__ import annotations

from pipeline.extract import extract_article

PAGE = (
    "<html><head><meta charset='utf-8'><title>Freibad</title></head><body>"
    "<h1>Gemeinde Obermühl saniert Freibad für 2,3 Millionen Euro</h1>"
    "<p>Das Freibad Obermühl wurde 1972 eröffnet und ist seitdem kaum modernisiert worden. Der "
    "Gemeinderat hat am Montag die Sanierung beschlossen.</p>"
    "<p>Geplant sind:</p>"
    "<{tag}>\n<li><p>Edelstahlbecken für Schwimmer und Nichtschwimmer</p>\n"
    "<li><p>neue Filter- und Umwälzanlage</p>\n<li><p>Rampe und Hublift am Beckenrand</p>\n"
    "</{tag}>{after}</body></html>"
)
AFTER = "<p>Die Wiedereröffnung ist für Juni 2027 geplant.</p>"
ITEMS = (
    "<li><p>Edelstahlbecken für Schwimmer und Nichtschwimmer</p></li>"
    "<li><p>neue Filter- und Umwälzanlage</p></li>"
    "<li><p>Rampe und Hublift am Beckenrand</p></li>"
)


def test_a_list_whose_items_hold_paragraphs_is_printed_once():
    for tag in ("ul", "ol"):
        body = extract_article(PAGE.format(tag=tag, after=AFTER).encode()).body_html
        assert body.endswith(
            f"<p>Geplant sind:</p>\n<{tag}>{ITEMS}</{tag}>\n"
            "<p>Die Wiedereröffnung ist für Juni 2027 geplant.</p>"
        )


def test_a_paragraph_after_the_list_that_repeats_an_item_stays():
    after = "<p>Rampe und Hublift am Beckenrand</p>" + AFTER
    body = extract_article(PAGE.format(tag="ul", after=after).encode()).body_html
    assert body.count("Rampe und Hublift am Beckenrand") == 2
