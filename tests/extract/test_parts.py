"""An article that a page sets in two chunks, with a box between, comes out whole and in order."""

from __future__ import annotations

from lxml import html as lxml_html

from pipeline.extract import extract_article
from pipeline.extract.generic import article_value
from pipeline.extract.parts import joined_halves

FIRST_HALF = [
    "Die Stadtwerke Lindenau haben am Dienstag den ersten Abschnitt des neuen Solarparks an "
    "der Kreisstraße in Betrieb genommen, nach nur acht Monaten Bauzeit.",
    "Auf einer Fläche von zwölf Hektar stehen nun rund 21.000 Module, die im Jahr etwa elf "
    "Millionen Kilowattstunden Strom erzeugen sollen.",
]
SECOND_HALF = [
    "Das reicht rechnerisch für gut 3.500 Haushalte, sagte Werkleiterin Anna Berger bei der "
    "Eröffnung vor Gästen aus Rat und Verwaltung.",
    "Zwischen den Modulreihen weiden künftig Schafe eines Betriebs aus dem Ortsteil Rehfelde, "
    "der die Pflege der Wiesen übernimmt.",
    "Für den zweiten Abschnitt, der im kommenden Frühjahr folgen soll, hat der Aufsichtsrat "
    "bereits weitere 9,5 Millionen Euro freigegeben.",
    "Bürgerinnen und Bürger können sich ab Januar mit Anteilen zwischen 500 und 10.000 Euro "
    "an einer Genossenschaft beteiligen.",
    "Die Verzinsung liegt nach Angaben der Stadtwerke bei drei Prozent im Jahr, die Laufzeit "
    "beträgt zwanzig Jahre ohne Kündigungsrecht.",
    "Eine Informationsveranstaltung findet am 14. Januar um 18 Uhr im großen Saal des "
    "Rathauses statt; eine Anmeldung ist nicht nötig.",
    "Weitere Auskünfte gibt die Pressestelle der Stadtwerke unter der Telefonnummer "
    "03456 789-0 oder per E-Mail an presse@example.org.",
]
BOX = "Jeden Freitag das Wichtigste aus Lindenau in Ihrem Postfach."


def chunk(paragraphs: list[str]) -> str:
    """One chunk of a magazine layout: the text column and an empty ad rail beside it."""
    text = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        '<div class="grid grid-layout--adrail">'
        f'<div class="body body__container article__body">{text}</div>'
        '<div class="grid-layout__aside"><div class="sticky-box"></div></div></div>'
    )


def page(between: str, first: list[str] = FIRST_HALF, second: list[str] = SECOND_HALF) -> bytes:
    menu = "".join(f'<li><a href="/r/{n}">Rubrik Nummer {n}</a></li>' for n in range(15))
    return f"""<!DOCTYPE html><html lang="de"><head>
<title>Solarpark in Betrieb | Stadtwerke Lindenau</title></head><body>
<header><nav><ul>{menu}</ul></nav></header><main><article class="article">
<h1>Erster Abschnitt des Solarparks in Betrieb</h1>
<div class="article__chunks">{chunk(first)}{between}{chunk(second)}</div>
</article></main><footer><p>© Stadtwerke Lindenau</p><a href="/impressum">Impressum</a>
</footer></body></html>""".encode()


NEWSLETTER = (
    f'<div class="newsletter"><h3>Newsletter</h3><p>{BOX}</p>'
    '<form><input type="email"><button>Anmelden</button></form></div>'
)


def test_both_chunks_of_a_release_split_by_a_newsletter_box_are_kept_in_order():
    """Extractors take one chunk each (the first body container, or the longer one); the
    release is both, without the box."""
    lines = extract_article(page(NEWSLETTER)).text.splitlines()
    assert lines == FIRST_HALF + SECOND_HALF
    assert BOX not in "\n".join(lines)


def test_an_ad_slot_between_the_chunks_joins_them_as_well():
    ad = '<div class="row full-bleed-ad"><div class="ad"><span>Anzeige</span></div></div>'
    assert extract_article(page(ad)).text.splitlines() == FIRST_HALF + SECOND_HALF


def test_a_headline_that_an_extractor_sets_under_the_first_paragraph_is_not_body_text():
    """With a one-paragraph first chunk, trafilatura returns that paragraph, then the <h1>."""
    paragraphs = FIRST_HALF + SECOND_HALF
    article = extract_article(page(NEWSLETTER, paragraphs[:1], paragraphs[1:]))
    assert article.title == "Erster Abschnitt des Solarparks in Betrieb"
    assert article.text.splitlines() == paragraphs


def fragment(lines: list[str]):
    return lxml_html.fragment_fromstring(
        "".join(f"<p>{line}</p>" for line in lines), create_parent="div"
    )


def page_tree(*blocks: list[str]):
    body = "".join(f"<div>{''.join(f'<p>{line}</p>' for line in block)}</div>" for block in blocks)
    return lxml_html.document_fromstring(f"<html><body>{body}</body></html>")


def value(text: str) -> float:
    return article_value(text, set())


def texts(joined) -> list[str]:
    return ["".join(paragraph.itertext()) for paragraph in joined]


def test_halves_are_joined_in_page_order_whichever_was_chosen():
    tree = page_tree(FIRST_HALF, [BOX], SECOND_HALF)
    chosen, other = fragment(SECOND_HALF), fragment(FIRST_HALF)
    assert texts(joined_halves(chosen, other, tree, value)) == FIRST_HALF + SECOND_HALF


def test_a_pull_quote_repeating_the_last_sentence_does_not_hide_where_the_half_ends():
    quote = [FIRST_HALF[-1]]  # set in a box higher up, as magazines do
    tree = page_tree(quote, FIRST_HALF, [BOX], SECOND_HALF)
    joined = joined_halves(fragment(FIRST_HALF), fragment(SECOND_HALF), tree, value)
    assert texts(joined) == FIRST_HALF + SECOND_HALF


MORE = [
    "Der Netzbetreiber hat den Anschluss an das Umspannwerk Nord bereits im Sommer fertig "
    "gestellt und die Leitung über vier Kilometer unter der Erde verlegt.",
    "Für Besucher gibt es am Samstag, 12. Dezember, eine Führung über das Gelände; Treffpunkt "
    "ist um 10 Uhr der Parkplatz an der Kreisstraße.",
    "Schulklassen können ab dem Frühjahr Termine für einen Projekttag vereinbaren, an dem sie "
    "die Technik und die Pflege der Wiesen kennenlernen.",
]


def test_a_paragraph_both_halves_hold_is_kept_once():
    """A pull quote in the second chunk repeats a sentence of the first."""
    first = FIRST_HALF + MORE
    second = [*SECOND_HALF[:3], FIRST_HALF[0], *SECOND_HALF[3:]]
    tree = page_tree(first, [BOX], second)
    joined = joined_halves(fragment(first), fragment(second), tree, value)
    assert texts(joined) == first + SECOND_HALF


def test_texts_far_apart_on_the_page_are_not_one_article():
    """Two reports with a list of teasers between them: not the halves of one article."""
    teasers = [f"Weitere Meldung aus dem Rathaus Nummer {n}" for n in range(20)]
    tree = page_tree(FIRST_HALF, teasers, SECOND_HALF)
    assert joined_halves(fragment(FIRST_HALF), fragment(SECOND_HALF), tree, value) is None


def test_a_comment_thread_after_the_release_is_not_joined():
    comments = [
        "Martina K.",
        "14. November 2026 um 09:12",
        "Endlich passiert hier etwas, die Fläche lag jahrelang brach und keiner hat sich "
        "darum gekümmert, das freut mich sehr für unsere Stadt.",
        "Antworten",
        "Jens P.",
        "14. November 2026 um 10:40",
        "Schön und gut, aber wer bezahlt am Ende den Netzanschluss und die Leitungen?",
        "Antworten",
    ]
    tree = page_tree(FIRST_HALF + SECOND_HALF, ["3 Kommentare"], comments)
    release = FIRST_HALF + SECOND_HALF
    assert joined_halves(fragment(release), fragment(comments), tree, value) is None


def test_the_same_text_twice_is_not_two_halves():
    """A candidate that runs the same paragraphs into one line is the article, not more of it."""
    blob = [" ".join(FIRST_HALF + SECOND_HALF)]
    tree = page_tree(FIRST_HALF + SECOND_HALF)
    assert joined_halves(fragment(FIRST_HALF + SECOND_HALF), fragment(blob), tree, value) is None


def test_a_half_of_menu_entries_is_not_prose():
    menu = [f"Rubrik Nummer {n}" for n in range(12)]
    tree = page_tree(FIRST_HALF, menu)
    assert joined_halves(fragment(FIRST_HALF), fragment(menu), tree, value) is None


def test_the_same_paragraphs_with_other_boxes_around_them_are_not_two_halves():
    """Most pages' two candidates: the same article, one with a box more or less."""
    release = FIRST_HALF + SECOND_HALF
    tree = page_tree(release, [BOX])
    assert joined_halves(fragment(release), fragment([*release, BOX]), tree, value) is None
    assert joined_halves(fragment([BOX, *SECOND_HALF]), fragment(release), tree, value) is None
