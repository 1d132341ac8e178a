"""Releases in Arabic, Persian or Hebrew: labelled with their own language, so portals set them
right to left, whatever German sentence stands beside them or what the source is set to."""

from __future__ import annotations

import pytest

from pipeline.config import SourceConfig
from pipeline.normalize import normalize
from pipeline.publish.labels import text_direction
from tests.normalize.test_normalize import raw_release

ARABIC = (
    "مدينة بايشبيلشتات تفتح مركزًا جديدًا للاندماج\n\n"
    "Beispielstadt, 27. November 2026. افتتحت المدينة اليوم مركزًا جديدًا للاندماج في حي "
    "الشمال. يقدم المركز دورات اللغة والاستشارات القانونية مجانًا لجميع السكان.\n\n"
    "Das neue Integrationszentrum bietet Beratung auf Arabisch, Deutsch und Ukrainisch.\n"
)
HEBREW = (
    "העירייה פותחת מרכז קליטה חדש\n\n"
    "העירייה פתחה היום מרכז קליטה חדש בשכונה הצפונית. המרכז מציע קורסי שפה וייעוץ משפטי "
    "ללא תשלום לכל התושבים.\n"
)
GERMAN = (
    "Stadt eröffnet neues Integrationszentrum\n\n"
    "Beispielstadt, 27. November 2026. Die Stadt hat heute im Nordviertel ein neues "
    "Integrationszentrum eröffnet. Es bietet Sprachkurse und Rechtsberatung kostenlos an.\n"
)
UNSET = SourceConfig(title="Stadt Beispielstadt", kind="files", path="x")
GERMAN_SOURCE = SourceConfig(title="Stadt Beispielstadt", kind="files", path="x", language="de")


@pytest.mark.parametrize(("text", "language"), [(ARABIC, "ar"), (HEBREW, "he")])
def test_a_release_written_in_a_right_to_left_script_is_labelled_with_its_language(text, language):
    release = normalize(raw_release(body_text=text), UNSET)
    assert release.language == language


def test_an_arabic_version_a_german_source_tags_as_arabic_is_published_right_to_left():
    release = normalize(raw_release(body_text=ARABIC, language="ar"), GERMAN_SOURCE)
    assert release.language == "ar"
    assert text_direction(release.language) == "rtl"


def test_a_source_s_language_stands_against_a_tag_its_text_does_not_bear_out():
    # a CMS's default 'en' on a German page of a German source
    release = normalize(raw_release(body_text=GERMAN, language="en"), GERMAN_SOURCE)
    assert release.language == "de"


def test_the_joiners_persian_words_and_emoji_are_written_with_stay():
    """A zero-width non-joiner is part of a Persian word ('می‌خواهد'), a joiner part of an
    emoji family: taking them out spells the word wrongly and breaks the picture apart."""
    persian = (
        "شهر مرکز جدیدی را افتتاح می‌کند\n\n"
        "شهرداری می‌خواهد مرکز جدیدی برای همه‌ی ساکنان افتتاح کند. این مرکز کلاس‌های زبان "
        "و مشاوره‌ی حقوقی رایگان ارائه می‌دهد. 👨\u200d👩\u200d👧\n"
    )
    found = normalize(raw_release(body_text=persian), UNSET)
    assert "می\u200cکند" in found.title
    assert "می\u200cخواهد" in found.text and "همه\u200cی" in found.text
    assert "👨\u200d👩\u200d👧" in found.text
    assert found.language == "fa"
