"""A quotation inside a sentence stays in its paragraph, in the marks of the page's language."""

from __future__ import annotations

from pipeline.extract import extract_article

MUSEUM = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>Museum</title></head><body>
<div class="wrapper"><div class="content">
<h1>{headline}</h1>
<p>{first}</p>
<h2>{subheading}</h2>
<p>{quoted}</p>
{extra}
<p>{last}</p>
</div><div class="sidebar"><h3>Mehr</h3><ul><li><a href="/x">Archiv der Meldungen</a></li></ul>
</div></div></body></html>"""

GERMAN = {
    "lang": "de",
    "headline": "Stadtmuseum zeigt Fotografien aus hundert Jahren",
    "first": "Das Stadtmuseum eröffnet am Freitag eine Ausstellung mit 240 Fotografien aus dem "
    "Archiv der Lokalzeitung, die zum ersten Mal öffentlich zu sehen sind.",
    "subheading": "Führungen",
    "quoted": "Die Kuratorin nennt die Schau <q>ein Familienalbum der ganzen Stadt</q> und bietet "
    "jeden Sonntag um 11 Uhr eine kostenlose Führung an.",
    "extra": "",
    "last": "Die Ausstellung ist bis zum 30. April dienstags bis sonntags von 10 bis 18 Uhr "
    "geöffnet, der Eintritt kostet fünf Euro.",
}


def test_an_inline_quotation_stays_in_its_paragraph_with_german_marks():
    article = extract_article(MUSEUM.format(**GERMAN))
    assert article.body_html == (
        f"<p>{GERMAN['first']}</p>\n"
        "<h2>Führungen</h2>\n"
        "<p>Die Kuratorin nennt die Schau „ein Familienalbum der ganzen Stadt“ und bietet "
        "jeden Sonntag um 11 Uhr eine kostenlose Führung an.</p>\n"
        f"<p>{GERMAN['last']}</p>"
    )


def test_an_english_page_quotes_in_english_marks():
    page = MUSEUM.format(
        lang="en-GB",
        headline="City museum shows a century of photographs",
        first="The city museum opens an exhibition of 240 photographs from the archive of the "
        "local newspaper on Friday, most of them never shown in public before.",
        subheading="Guided tours",
        quoted="The curator calls the show <q>a family album of the whole town</q> and offers a "
        "free guided tour every Sunday at 11 am.",
        extra="",
        last="The exhibition is open until 30 April, Tuesday to Sunday from 10 am to 6 pm, "
        "and admission costs five pounds.",
    )
    assert (
        "<p>The curator calls the show “a family album of the whole town” and offers a free "
        "guided tour every Sunday at 11 am.</p>" in extract_article(page).body_html
    )


def test_a_quotation_set_apart_stays_a_block_quote():
    block_quote = (
        "<blockquote><p>Wir haben jedes Bild mit den Familien besprochen, bevor es an die "
        "Wand kam, und viele haben uns ihre eigenen Geschichten dazu erzählt.</p></blockquote>"
    )
    article = extract_article(MUSEUM.format(**{**GERMAN, "extra": block_quote}))
    assert (
        "<blockquote><p>Wir haben jedes Bild mit den Familien besprochen, bevor es an die Wand "
        "kam, und viele haben uns ihre eigenen Geschichten dazu erzählt.</p></blockquote>"
        in article.body_html
    )
    assert "„ein Familienalbum der ganzen Stadt“ und bietet" in article.body_html


def article_page(quoted: str) -> str:
    return (
        '<!DOCTYPE html><html lang="de"><head><title>Museum</title></head><body><article>'
        f"<h1>{GERMAN['headline']}</h1><p>{GERMAN['first']}</p><p>{quoted}</p>"
        f"<p>{GERMAN['last']}</p></article></body></html>"
    )


def test_a_quotation_in_an_article_element_does_not_split_its_paragraph():
    assert extract_article(article_page(GERMAN["quoted"])).body_html == (
        f"<p>{GERMAN['first']}</p>\n"
        "<p>Die Kuratorin nennt die Schau „ein Familienalbum der ganzen Stadt“ und bietet "
        "jeden Sonntag um 11 Uhr eine kostenlose Führung an.</p>\n"
        f"<p>{GERMAN['last']}</p>"
    )


def test_marks_the_page_sets_around_a_quotation_are_not_doubled():
    quoted = (
        "Die Kuratorin nennt die Schau „<q>ein Familienalbum der ganzen Stadt</q>“ und bietet "
        "jeden Sonntag um 11 Uhr eine kostenlose Führung an."
    )
    for page in (MUSEUM.format(**{**GERMAN, "quoted": quoted}), article_page(quoted)):
        body = extract_article(page).body_html
        assert "Schau „ein Familienalbum der ganzen Stadt“ und bietet" in body


def converted(extractor_xml: str) -> str:
    from lxml import etree

    from pipeline.extract.fragment import XML_KINDS, _convert, fragment_html

    return fragment_html(_convert(etree.fromstring(extractor_xml), XML_KINDS, None, "de"))


def test_a_block_quote_the_extractor_set_into_loose_lines_of_text_stays_apart():
    """A blog post without paragraphs runs into a <blockquote> after a colon; trafilatura
    writes the quote into the paragraph around it, where it does not continue a sentence."""
    quoted = (
        "Wir haben jedes Bild mit den Familien besprochen, bevor es an die Wand kam, und viele "
        "haben uns ihre eigenen Geschichten dazu erzählt."
    )
    assert converted(
        f"<body><p>Die Kuratorin erklärt dazu: <quote>{quoted}</quote> Die Ausstellung ist bis "
        "April geöffnet.</p></body>"
    ) == (
        "<p>Die Kuratorin erklärt dazu:</p>\n"
        f"<blockquote><p>{quoted}</p></blockquote>\n"
        "<p>Die Ausstellung ist bis April geöffnet.</p>"
    )
    assert (
        converted(
            "<body><p>Ein Satz. <quote>Erste Zeile<lb/>zweite Zeile</quote></p></body>"
        ).count("<blockquote>")
        == 1
    )


def test_a_quotation_opening_a_sentence_stays_in_it():
    assert (
        converted("<body><p><quote>Ein Familienalbum</quote>, sagt die Kuratorin.</p></body>")
        == "<p>„Ein Familienalbum“, sagt die Kuratorin.</p>"
    )
