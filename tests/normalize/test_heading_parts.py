"""The parts of a page's <h1>: a kicker or a label set in it beside the headline, by its class or
by what it says."""

from __future__ import annotations

import pytest

from tests.normalize.test_page_headlines import HEADLINE, PAGE, SOURCE, normalize, read_page


def headline_of(h1: str):
    return normalize(read_page(PAGE.format(title="Gemeinde Lindenau", og="", h1=h1)), SOURCE)


@pytest.mark.parametrize(
    "h1",
    [
        # a kicker beside the headline, neither named a kicker
        '<span class="intro">Kultusministerium</span><span class="headline">{}</span>',
        '<span class="dach">Finanzen</span><span class="titel">{}</span>',
        '<span class="topline">Landtag</span><span class="news-title">{}</span>',
    ],
)
def test_a_kicker_beside_the_headline_in_the_h1_is_not_glued_to_it(h1):
    found = headline_of(h1.format(HEADLINE))
    assert found.title == HEADLINE
    assert found.text.startswith("Hannover, 26. November 2026 – Die Fraktion")


def test_a_line_set_under_the_headline_in_the_h1_opens_the_text_as_its_deck():
    found = headline_of(
        f'{HEADLINE}<span class="subline">Fraktion zieht Bilanz nach einem Jahr</span>'
    )
    assert found.title == HEADLINE
    assert found.text.startswith("Fraktion zieht Bilanz nach einem Jahr\n\nHannover, 26. November")


def test_parts_of_the_headline_set_apart_by_their_classes_are_separate_words():
    found = headline_of('<span class="ort">Lindenau</span><span class="text">bekommt Radweg</span>')
    assert found.title == "Lindenau bekommt Radweg"


def test_a_headline_with_a_highlighted_word_keeps_it_in_place():
    found = headline_of('Land muss <em class="hl">dauerhaft</em> finanzieren')
    assert found.title == "Land muss dauerhaft finanzieren"


@pytest.mark.parametrize("label", ["Pressemitteilung Nr. 12", "Medieninformation 214/2026"])
def test_the_release_s_number_set_small_in_the_h1_is_no_part_of_the_headline(label):
    found = headline_of(f"{HEADLINE} <small>{label}</small>")
    assert found.title == HEADLINE
    assert label not in found.text and label.split()[-1] not in found.slug


def test_words_set_small_in_the_h1_that_say_more_than_the_page_s_kind_stay():
    found = headline_of("Schulsozialarbeit <small>Land muss dauerhaft finanzieren</small>")
    assert found.title == HEADLINE.replace(":", "")


def test_a_headline_set_in_two_lines_one_named_title_stays_whole():
    found = headline_of(
        '<span class="pf-title">Schulsozialarbeit:</span><br>'
        '<span class="blue">Land muss dauerhaft finanzieren</span>'
    )
    assert found.title == HEADLINE
