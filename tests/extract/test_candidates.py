"""Two candidates for a page's article, one chosen: what reads like an article wins."""

from __future__ import annotations

from lxml import html as lxml_html

from pipeline.extract import extract_article
from pipeline.extract.generic import article_value, choose

SENTENCE = (
    "Die Stadtwerke erneuern ab Montag die Wasserleitungen in der Bahnhofstraße, und die "
    "Arbeiten dauern nach Auskunft der Bauleitung voraussichtlich bis Ende März."
)


def fragment(*blocks: str):
    return lxml_html.fragment_fromstring("".join(blocks), create_parent="div")


def test_prose_counts_and_menus_and_labels_count_against():
    menu = {"Startseite", "Aktuelles aus dem Rathaus"}
    assert article_value(SENTENCE, menu) == len(SENTENCE.split())
    assert article_value("Aktuelles aus dem Rathaus", menu) < 0
    assert article_value("Teilen\nDrucken\nNach oben", menu) < 0
    assert article_value("Die Feuerwehr war schnell vor Ort.", menu) > 0  # a short sentence


def test_a_candidate_with_clearly_more_prose_replaces_the_first():
    teaser = fragment(f"<p>{SENTENCE}</p>")
    article = fragment(*(f"<p>{SENTENCE}</p>" for _ in range(4)))
    assert choose(teaser, article, set()) is article


def test_a_near_tie_keeps_the_first_candidate():
    first = fragment(*(f"<p>{SENTENCE}</p>" for _ in range(4)))
    second = fragment(*(f"<p>{SENTENCE}</p>" for _ in range(5)))
    assert choose(first, second, set()) is first


def test_more_text_that_is_menu_and_labels_does_not_win():
    article = fragment(*(f"<p>{SENTENCE}</p>" for _ in range(3)))
    links = [f"Meldung Nummer {number}" for number in range(60)]
    padded = fragment(
        *(f"<p>{SENTENCE}</p>" for _ in range(3)), *(f"<p>{link}</p>" for link in links)
    )
    assert choose(article, padded, set(links)) is article


def test_a_shred_never_replaces_a_long_list():
    """A candidate of list items (no sentences) has little value, but one sentence taken from
    beside it is no better article."""
    items = fragment(*(f"<p>Punkt {n}: Termin am Montag</p>" for n in range(80)))
    shred = fragment(f"<p>{SENTENCE}</p>")
    assert choose(items, shred, set()) is items


PAGE = """<!DOCTYPE html><html lang="de"><head><title>Wasserleitungen | Stadt Lindenau</title>
</head><body><header><nav><ul>{nav}</ul></nav></header>
<div class="layout"><div class="col-main"><div class="intro"><p>{intro}</p></div>
<div class="text">{body}</div></div>
<div class="col-side"><h3>Weitere Meldungen</h3><ul>{side}</ul></div></div>
<footer><p>Impressum</p><p>Datenschutz</p></footer></body></html>"""


def test_a_page_without_article_markup_still_gives_its_whole_text():
    """Div soup with no <article> or <main>: every paragraph of the text arrives, the side
    column's headlines do not."""
    body = "".join(
        f"<p>{SENTENCE.replace('Montag', day)}</p>"
        for day in ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag")
    )
    page = PAGE.format(
        nav="".join(f'<li><a href="/r/{n}">Rubrik {n}</a></li>' for n in range(12)),
        intro="Lindenau, 25.11.2026. Die Stadt informiert über Bauarbeiten.",
        body=body,
        side="".join(
            f'<li><a href="/m/{n}">Meldung Nummer {n} aus dem Rathaus</a></li>' for n in range(15)
        ),
    )
    text = extract_article(page.encode()).text
    for day in ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"):
        assert f"ab {day} die Wasserleitungen" in text
    assert "Meldung Nummer" not in text and "Rubrik" not in text


def test_trafilatura_leaves_the_page_it_reads_as_it_was():
    """The later passes (the thorough one, the block around the headline, the halves) read
    the page after trafilatura's candidate without a copy of their own."""
    from lxml import etree

    from pipeline.extract.generic import _trafilatura_candidate
    from pipeline.extract.parse import parse_html

    page = PAGE.format(
        nav="".join(f'<li><a href="/r/{n}">Rubrik {n}</a></li>' for n in range(12)),
        intro="Lindenau, 25.11.2026. Die Stadt informiert über Bauarbeiten.",
        body=f"<p>{SENTENCE}</p>" * 3
        + "<table><tr><th>Abschnitt</th><th>Zeitraum</th></tr>"
        + "<tr><td>Bahnhofstraße</td><td>März</td></tr></table>",
        side="".join(f'<li><a href="/m/{n}">Meldung {n}</a></li>' for n in range(5)),
    )
    tree = parse_html(page.encode())
    before = etree.tostring(tree)
    _trafilatura_candidate(tree, None)
    _trafilatura_candidate(tree, None, thorough=True)
    assert etree.tostring(tree) == before


BLURBS = (
    "Drivers crossing the river will have to use the northern bridge for four months while the "
    "deck is replaced. The council expects delays at rush hour and asks commuters to take the "
    "bus where they can.",
    "Line 14 will run every twenty minutes between the station and the hospital, with stops at "
    "the university and the market. Tickets cost the same as on every other line in the city.",
    "Forty pupils from the Riverside comprehensive sang their way to first place in the regional "
    "choir contest on Saturday. They will travel to the national final in the capital next "
    "spring.",
    "From December the Saturday market will be held in the old tram depot, where stalls have "
    "heat and light. The organisers hope that more growers will stay through the cold months "
    "this year.",
    "The draft budget plans higher spending on schools and roads and a small cut for parks. "
    "Councillors will vote on it in the last session before Christmas after two more public "
    "hearings.",
    "More than a hundred pictures from the harbour's busiest years are on display until March. "
    "Many of them were lent by families whose grandparents worked on the docks and in the "
    "warehouses.",
)


def test_a_short_article_does_not_take_the_blurbs_of_a_box_under_it():
    """A three-sentence notice is short, but all prose: the fallbacks for pages with little
    prose (which read the whole page) are not asked, and the box of blurbs under the article,
    more prose than the notice itself, stays out."""
    blurbs = "".join(f'<div class="item"><p>{blurb}</p></div>' for blurb in BLURBS)
    page = f"""<!DOCTYPE html><html lang="en"><head><title>Library extends opening hours</title>
    </head><body><div class="top"><a href="/">Riverside Daily</a> <a href="/news">News</a></div>
    <div class="main"><article><h1>Library extends opening hours</h1>
    <div class="article-body">
    <p>The central library on Market Street will stay open until 9 pm on weekdays from
    1 December, the city council announced on Tuesday.</p>
    <p>The longer hours follow a survey in which more than 2,000 residents asked for evening
    access to the reading rooms.</p>
    <p>Saturday hours remain unchanged.</p></div></article>
    <div class="more"><h2>More from Riverside</h2>{blurbs}</div></div>
    <div class="bottom"><a href="/imprint">Imprint</a></div></body></html>"""
    text = extract_article(page.encode()).text
    assert text.startswith("The central library on Market Street will stay open until 9 pm")
    assert text.endswith("Saturday hours remain unchanged.")
    assert "tram depot" not in text and "More from Riverside" not in text


LEAD_PAGE = """<!DOCTYPE html><html lang="de"><head><title>Freibad öffnet | Gemeinde Ahrweiler
</title></head><body><nav><a href="/">Start</a> <a href="/presse">Presse</a></nav>
<main><article class="news-detail"><h1>Freibad Am Weiher öffnet nach der Sanierung</h1>
<p class="date">14.05.2027</p>
<div class="teaser-text"><p>Nach zwei Jahren Sanierung öffnet das Freibad Am Weiher am
Samstag wieder für Schwimmerinnen und Schwimmer aller Altersgruppen.</p></div>
<p>Die Gemeinde hat 4,2 Millionen Euro in das Bad investiert, davon kamen 60 Prozent aus dem
Förderprogramm des Landes für kommunale Sportstätten.</p>
<p>Neu sind in diesem Sommer:</p>
<ul>{items}</ul>
<p>Der Eintritt kostet für Erwachsene vier Euro und für Kinder zwei Euro, Saisonkarten gibt es
an der Kasse.</p>
</article></main><footer><a href="/impressum">Impressum</a></footer></body></html>"""
NEW_THIS_SUMMER = ("ein Edelstahlbecken mit sechs Bahnen", "eine Breitrutsche für Familien",
                   "ein barrierefreier Zugang zum Becken")  # fmt: skip


def test_a_list_the_text_announces_stays_with_the_text_after_it_under_a_lead_box():
    """The scorer's candidate has the lead box but stops before the list; trafilatura's has
    the list and what follows, and the lead goes back in front of it."""
    page = LEAD_PAGE.format(items="".join(f"<li>{item}</li>" for item in NEW_THIS_SUMMER))
    body = extract_article(page.encode()).body_html
    assert body == (
        "<p>14.05.2027</p>\n"  # the date over the lead, where normalize reads it
        "<p>Nach zwei Jahren Sanierung öffnet das Freibad Am Weiher am Samstag wieder für "
        "Schwimmerinnen und Schwimmer aller Altersgruppen.</p>\n"
        "<p>Die Gemeinde hat 4,2 Millionen Euro in das Bad investiert, davon kamen 60 Prozent "
        "aus dem Förderprogramm des Landes für kommunale Sportstätten.</p>\n"
        "<p>Neu sind in diesem Sommer:</p>\n"
        "<ul><li>ein Edelstahlbecken mit sechs Bahnen</li><li>eine Breitrutsche für Familien</li>"
        "<li>ein barrierefreier Zugang zum Becken</li></ul>\n"
        "<p>Der Eintritt kostet für Erwachsene vier Euro und für Kinder zwei Euro, Saisonkarten "
        "gibt es an der Kasse.</p>"
    )


def test_a_candidate_that_drops_an_announced_list_is_not_chosen():
    lead = "Nach zwei Jahren Sanierung öffnet das Freibad am Samstag wieder für alle Gäste."
    listed = fragment(
        "<h2>Freibad öffnet</h2>",
        f"<p>{SENTENCE}</p>",
        "<p>Neu sind in diesem Sommer:</p>",
        "<ul>",
        *(f"<li>{item}</li>" for item in NEW_THIS_SUMMER),
        "</ul>",
    )
    cut = fragment(f"<p>{lead}</p>", f"<p>{SENTENCE}</p>")
    assert choose(listed, cut, set()) is listed


def test_a_menu_under_a_colon_is_no_announced_list():
    """Link texts of the page are a menu, colon or not: a candidate of prose without it wins."""
    menu = [f"Rubrik Nummer {n} der Stadt" for n in range(8)]
    with_menu = fragment(
        "<p>Unsere Themen:</p>", "<ul>", *(f"<li>{entry}</li>" for entry in menu), "</ul>",
        f"<p>{SENTENCE}</p>",
    )  # fmt: skip
    article = fragment(*(f"<p>{SENTENCE}</p>" for _ in range(3)))
    assert choose(with_menu, article, set(menu)) is article
