"""Main-text extraction: the fragment Melder keeps from a page, and the decoding before it."""

import pytest

from pipeline.config import ExtractRules
from pipeline.extract import extract_article, extract_text, html_fragment
from pipeline.extract.decode import decode_text

PAGE = """<!DOCTYPE html><html lang="en-GB"><head><title>Bridge opens | City News</title>
<meta name="author" content="Press Office"><base href="https://city.example/news/">
</head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>New footbridge opens over the river</h1>
<p>The new footbridge between the old town and the station opened on Monday. It is 120 metres
long and was built in eighteen months by a local firm.</p>
<p>The mayor said the bridge <em>shortens the walk</em> to the station by ten minutes. More in
the <a href="bridge-faq.html">questions and answers</a>.</p>
<blockquote><p>It is a good day for everyone who walks or cycles.</p></blockquote>
<ol><li>Length: 120 metres</li><li>Cost: 4 million pounds</li></ol>
</article><footer>City News · Contact</footer></body></html>"""


def test_generic_extraction_keeps_structure_and_resolves_links_against_base():
    article = extract_article(PAGE, url="https://city.example/elsewhere")
    assert article.title == "New footbridge opens over the river"
    assert article.language == "en"
    assert article.author == "Press Office"
    assert 'href="https://city.example/news/bridge-faq.html"' in article.body_html
    assert "<ol><li>Length: 120 metres</li>" in article.body_html
    assert "Home" not in article.body_html and "Contact" not in article.body_html


def test_text_has_one_line_per_block_and_no_markup():
    text = extract_text(PAGE.encode())
    lines = text.splitlines()
    assert "The new footbridge between the old town and the station opened on Monday." in text
    assert "Length: 120 metres" in lines
    assert "<" not in text
    assert extract_article(PAGE).text.splitlines()[-1] == "Cost: 4 million pounds"


def test_rules_keep_headings_quotes_and_emphasis():
    article = extract_article(PAGE, rules=ExtractRules(body="article", title="h1"))
    assert article.body_html.startswith("<p>The new footbridge")  # the h1 is the title
    assert "<em>shortens the walk</em>" in article.body_html
    assert "<blockquote><p>It is a good day" in article.body_html


def test_invalid_selector_raises_value_error():
    with pytest.raises(ValueError, match="not valid"):
        extract_article(PAGE, rules=ExtractRules(body="p[["))


def test_empty_or_unparseable_input_gives_an_empty_article():
    assert extract_article(b"   ").body_html == ""
    assert extract_text(b"") == ""


def test_soft_hyphens_and_control_characters_are_removed():
    page = "<p>Ober\u00adb\u00fcrger\u00admeisterin\x0b er\u00f6ffnet das Fest.</p>"
    assert "Oberbürgermeisterin eröffnet das Fest." in html_fragment(page)


def test_html_fragment_turns_layout_markup_into_paragraphs():
    fragment = html_fragment(
        "<table><tr><td>Erste Zeile<br>zweite Zeile</td></tr></table>"
        "<div>Zweiter <b>Absatz</b> <span style='display:none'>versteckt</span></div>"
        "<img src='x.png'><style>p{}</style>"
    )
    assert fragment == "<p>Erste Zeile<br>zweite Zeile</p>\n<p>Zweiter <strong>Absatz</strong></p>"


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        ("Grüße".encode("utf-8-sig"), "iso-8859-1", "Grüße"),  # BOM wins
        ("Grüße".encode("cp1252"), "iso-8859-1", "Grüße"),  # declared legacy charset
        ("Grüße €".encode("cp1252"), "iso-8859-1", "Grüße €"),  # latin-1 read as windows-1252
        ("Grüße".encode(), "iso-8859-1", "Grüße"),  # mislabelled UTF-8
        (  # a few windows-1252 bytes pasted into UTF-8 text are read as windows-1252
            "Straße, Grüße, Bäume, Öfen, Übermaß".encode() + b" \x84Gr\xfc\xdfe\x93 \x81",
            "utf-8",
            "Straße, Grüße, Bäume, Öfen, Übermaß „Grüße“ \ufffd",
        ),
    ],
)
def test_decoding_order(data, declared, expected):
    assert decode_text(data, declared=declared).text == expected


def test_configured_encoding_is_used_and_loss_is_flagged():
    decoded = decode_text("Grüße".encode("cp1252"), override="utf-8")
    assert decoded.lossy and decoded.encoding == "utf-8"
    assert decode_text("Grüße".encode("cp1252"), override="latin-1").text == "Grüße"


def test_inline_code_in_a_paragraph_stays_in_its_sentence():
    from pipeline.extract import extract_text

    html = (
        "<html><body><article><h1>Rivet 3 is out</h1><p>Rivet 3 builds large projects twice as "
        "fast and caches the output of every plugin across builds.</p><p>Run <code>npx rivet@3 "
        "migrate</code> in your project. The migration guide lists every breaking change.</p>"
        "<pre><code>export default definePlugin({\n  name: 'svg'\n})</code></pre>"
        "<p>Plugins written for Rivet 2 keep working without a change in almost every case.</p>"
        "</article></body></html>"
    )
    text = extract_text(html.encode())
    assert "Run npx rivet@3 migrate in your project." in text


def test_a_currency_sign_in_a_column_of_its_own_joins_its_figure_under_the_heading():
    page = (
        "<html><body><article><h1>Harbourline Bancorp Reports Third Quarter 2026 Results</h1>"
        "<p>Harbourline Bancorp reported net income of $9.8 million for the quarter, up from "
        "$8.1 million a year earlier, on stronger commercial lending.</p><table>"
        "<tr><td>(in thousands)</td><td colspan='2'>2026</td><td colspan='2'>2025</td></tr>"
        "<tr><td>Net interest income</td><td>$</td><td>28,440</td><td>$</td><td>25,102</td></tr>"
        "<tr><td>Provision for credit losses</td><td></td><td>950</td><td></td><td>(215)</td>"
        "</tr><tr><td>Total</td><td>$</td><td>29,390</td><td>$</td><td>24,887</td></tr>"
        "</table><p>The Company will host a conference call on Thursday at 5:00 p.m. Eastern "
        "Time to discuss the results.</p></article></body></html>"
    )
    lines = extract_article(page.encode()).text.splitlines()
    assert lines[1:5] == [
        "(in thousands) | 2026 | 2025",
        "Net interest income | $28,440 | $25,102",
        "Provision for credit losses | 950 | (215)",
        "Total | $29,390 | $24,887",
    ]


def test_a_sign_beside_a_label_is_a_cell_of_its_own():
    page = (
        "<html><body><article><h1>Tarife 2027</h1><p>Die Stadtwerke passen zum Januar ihre "
        "Tarife an, die Grundgebühr bleibt für alle Haushalte unverändert.</p><table>"
        "<tr><th>Tarif</th><th>Währung</th><th>Preis</th></tr>"
        "<tr><td>Grundversorgung</td><td>€</td><td>Grundgebühr entfällt</td></tr>"
        "<tr><td>Ökostrom</td><td>€</td><td>auf Anfrage</td></tr></table>"
        "<p>Die neuen Preise gelten ab dem 1. Januar 2027 für alle Kundinnen und Kunden.</p>"
        "</article></body></html>"
    )
    lines = extract_article(page.encode()).text.splitlines()
    assert lines[1:4] == [
        "Tarif | Währung | Preis",
        "Grundversorgung | € | Grundgebühr entfällt",
        "Ökostrom | € | auf Anfrage",
    ]
