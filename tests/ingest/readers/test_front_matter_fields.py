"""Front matter fields that hold the wrong kind of value: each is named as a problem of its
field, the way a JSON file's are, and what is right in the file is still read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.models import Problem

BODY = (
    "# Bürgerversammlung zum Haushalt 2027\n\n"
    "Oberdorf, 26. November 2026. Die Gemeinde lädt am 3. Dezember zur Bürgerversammlung ein.\n"
)


def read_file(tmp_path: Path, front_matter: str, body: str = BODY):
    path = tmp_path / "pm.md"
    path.write_text(f"---\n{front_matter}---\n\n{body}", encoding="utf-8")
    context = InputContext(
        source="test",
        config=SourceConfig(title="Test", kind="files", path="inbox"),
        locator="inbox/pm.md",
        received_at=datetime(2026, 11, 26, 9, tzinfo=UTC),
        route="files",
    )
    return read_input(path.read_bytes(), ".md", context)


def test_a_title_given_as_a_list_is_a_problem_and_the_heading_stays_the_headline(tmp_path):
    raw = read_file(tmp_path, "title: [1, 2]\n")
    assert raw.problems == (
        Problem(field="front_matter.title", message="must be a text, not a list (2 items)"),
    )
    assert raw.title == "Bürgerversammlung zum Haushalt 2027"
    assert "Bürgerversammlung zum Haushalt" not in raw.body_html


def test_a_title_in_two_languages_is_a_problem_not_a_headline_of_braces(tmp_path):
    raw = read_file(tmp_path, "title:\n  de: Bürgerversammlung\n  en: Town meeting\n", "Text.\n")
    assert raw.problems == (
        Problem(
            field="front_matter.title",
            message="must be a text, not a mapping (de, en): give one text; a release in two "
            "languages is two releases",
        ),
    )
    assert raw.title is None


def test_an_unreadable_date_and_language_are_named(tmp_path):
    raw = read_file(tmp_path, "title: Bürgerversammlung\ndate: morgen\nlanguage: deutsch\n")
    assert raw.problems == (
        Problem(
            field="front_matter.date",
            message="'morgen' is not a date; write it like 2026-11-26 or 2026-11-26T10:00:00+01:00",
        ),
        Problem(
            field="front_matter.language",
            message="'deutsch' is not a language code such as 'de' or 'en'",
        ),
    )
    assert raw.language is None and raw.published_text is None


def test_a_yaml_boolean_where_a_text_belongs_asks_for_quotes(tmp_path):
    raw = read_file(tmp_path, "title: Møte i kommunen\nlanguage: no\n")
    assert raw.problems == (
        Problem(
            field="front_matter.language",
            message="YAML read it as false (yes/no/on/off are booleans): put the value in "
            'quotes, e.g. "no"',
        ),
    )


def test_numbers_and_written_dates_are_taken_as_the_text_they_are(tmp_path):
    raw = read_file(
        tmp_path,
        "title: Bürgerversammlung\nid: 4711\ndate: 26. November 2026\nlanguage: de-DE\n"
        "tags: [Haushalt, 2027]\n",
    )
    assert raw.problems == ()
    assert raw.identity == "4711"
    assert raw.published_text == "26. November 2026"
    assert raw.language == "de-DE"
    assert raw.categories == ("Haushalt", "2027")


def test_a_title_that_is_a_year_is_the_headline_of_the_release(tmp_path):
    from pipeline.normalize import normalize

    body = (
        "Das Jahr 2027 wird ein Jahr der Baustellen in der Stadt, sagt der Oberbürgermeister "
        "bei der Vorstellung der Planung.\n\nWeitere Informationen folgen im Dezember.\n"
    )
    raw = read_file(tmp_path, "title: 2027\ndate: 2026-11-25\n", body)
    release = normalize(raw, SourceConfig(title="Test", kind="files", path="inbox"))
    assert release.title == "2027"
    assert release.text.startswith("Das Jahr 2027 wird ein Jahr der Baustellen")
    assert not release.errors
