"""The furniture table answers exactly as trying each of its patterns on the whole line would:
the shortcuts (widths, first characters, needed words) never change what is dropped."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.normalize.furniture_table import FOOTERS, LINES
from pipeline.normalize.line_patterns import LineTable, first_chars

PATTERNS = [pattern for patterns in (*LINES.values(), *FOOTERS.values()) for pattern in patterns]
TABLE = LineTable(PATTERNS, needled=True)
EACH = [re.compile(pattern, re.I) for pattern in PATTERNS]


def matched_one_by_one(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in EACH)


def case_swapped(text: str, data) -> str:
    flips = data.draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.swapcase() if flip else c for c, flip in zip(text, flips, strict=True))


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_lines_made_from_the_patterns_are_furniture_in_any_case(data):
    pattern = data.draw(st.sampled_from(PATTERNS))
    line = data.draw(st.from_regex(re.compile(pattern, re.I), fullmatch=True))
    for variant in (line, case_swapped(line, data), line.upper()):
        assert TABLE.fullmatch(variant) == matched_one_by_one(variant)
    assert TABLE.fullmatch(line)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_other_line_gets_the_same_answer(line):
    assert TABLE.fullmatch(line) == matched_one_by_one(line)


def test_real_furniture_and_prose_lines():
    furniture = [
        "Original-Content von: Stadt Musterstadt, übermittelt durch news aktuell",
        "View original content: https://www.prnewswire.com/news-releases/x.html",
        "« zurück",
        "Seite drucken",
    ]
    prose = "Die Stadt saniert ab Montag die Ringstraße; der Verkehr wird umgeleitet. " * 5
    for line in [*furniture, prose, "", "Ärger im Rathaus"]:
        assert TABLE.fullmatch(line) == matched_one_by_one(line), line
    assert TABLE.fullmatch(furniture[0]) and not TABLE.fullmatch(prose)


def test_a_letter_outside_ascii_that_matches_one_inside_ignoring_case():
    table = LineTable([r"impressum\b.*", r"seite \d+"], needled=False)
    assert table.fullmatch("İMPRESSUM der Stadt")  # the matcher reads 'İ' as 'i'
    assert table.fullmatch("ſeite 3")  # and 'ſ' as 's'
    assert not table.fullmatch("Impressionen")


def test_first_characters_are_read_from_the_pattern():
    assert first_chars(r"(?:seite|page) \d+") == frozenset("sp")
    assert first_chars(r"\d{1,2}\.\d{4}") == frozenset("0123456789")
    assert first_chars(r"(?:©|\(c\))?\s*dpa") is not None  # an optional start reads past it
    assert "d" in first_chars(r"(?:©|\(c\))?\s*dpa")
    assert first_chars(r".{0,40}news") is None  # may start with anything
    assert first_chars(r"[^|]+\|") is None
    assert first_chars(r"(?:x)?") is None  # may match an empty line
    assert first_chars("ſeite") == frozenset("s")  # 'ſ' matches 's' ignoring case
