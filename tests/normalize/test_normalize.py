"""normalize: what a reader sees of a release after cleaning.

Golden files under tests/fixtures/text/ hold the expected release for each sample input.
After a deliberate change, rewrite them with MELDER_UPDATE_GOLDEN=1 and review the diff by eye.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.models import Link, Problem, Provenance, RawRelease
from pipeline.normalize import make_slug, make_teaser, normalize
from pipeline.normalize.disclaimers import is_disclaimer
from tests.conftest import FIXTURES_ROOT, SHARED_SAMPLES

FIXTURES = FIXTURES_ROOT / "text"
SAMPLES = SHARED_SAMPLES
DUMP = SAMPLES / "melder-page-dump.txt"
RECEIVED = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
SOURCE = SourceConfig(title="Stadt Leipzig", kind="files", path="x")
GOLDEN_FIELDS = (
    "title", "slug", "teaser", "text", "language", "published_at", "embargo_until", "contact",
    "links", "errors", "warnings",
)  # fmt: skip


def read_file(path: Path, source: SourceConfig = SOURCE):
    context = InputContext(
        source="leipzig", config=source, locator=path.name, received_at=RECEIVED, route="files"
    )
    return read_input(path.read_bytes(), path.suffix, context)


def raw_release(**fields) -> RawRelease:
    values = {
        "source": "leipzig",
        "identity": "inbox/release.txt",
        "format": "text",
        "provenance": Provenance(route="files", received_at=RECEIVED),
        "content_hash": "0" * 64,
    }
    values.update(fields)
    return RawRelease(**values)


def golden_view(release) -> dict:
    data = release.model_dump(mode="json")
    return {name: data[name] for name in GOLDEN_FIELDS}


def check_golden(release, expected_path: Path) -> None:
    actual = golden_view(release)
    if os.environ.get("MELDER_UPDATE_GOLDEN") or not expected_path.exists():
        expected_path.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", "utf-8")
    expected = json.loads(expected_path.read_text("utf-8"))
    assert actual == expected


# --- The real page dump ------------------------------------------------------------------------

needs_dump = pytest.mark.skipif(
    not DUMP.exists(), reason=f"sample page dump not present at {DUMP} (shared/ is not checked out)"
)


@pytest.fixture(scope="module")
def dump_release():
    if not DUMP.exists():
        pytest.skip(f"sample page dump not present at {DUMP}")
    return normalize(read_file(DUMP), SOURCE)


@needs_dump
def test_page_dump_matches_golden(dump_release):
    check_golden(dump_release, FIXTURES / "melder-page-dump.expected.json")


@needs_dump
def test_page_dump_keeps_the_release(dump_release):
    release = dump_release
    assert release.title == "3. Asienkonferenz nimmt kommunale Partnerschaften in Fokus"
    paragraphs = release.text.split("\n\n")
    assert paragraphs[0].startswith("Vom 1. bis 3. März")
    body = [p for p in paragraphs if len(p) > 150]
    assert len(body) == 6
    assert body[-1].endswith("so Jung.")
    assert "Mehr Infos zur Partnerschaft mit Vietnam unter:" in paragraphs
    urls = [link.url for link in release.links]
    assert urls == [
        "https://www.leipzig.de/buergerservice-und-verwaltung/internationales/"
        "entwicklungszusammenarbeit/vietnam/",
        "https://www.leipzig.de/buergerservice-und-verwaltung/internationales/"
        "internationale-kooperationen/ho-chi-minh-stadt-und-vietnam/",
    ]
    for url in urls:
        assert f'href="{url}"' in release.body_html
    assert release.errors == ()
    assert release.language == "de"


@needs_dump
@pytest.mark.parametrize(
    "junk",
    ["Warenkorb", "Anzeige", "Werbung", "Topthemen", "Aktuell auf LZ", "Mehr zum Thema", "6.1 C",
     "Inhalte Dritter", "0,00 EUR", "redaktion@"],
)  # fmt: skip
def test_page_dump_drops_widgets_ads_and_old_disclaimer(dump_release, junk):
    assert junk not in dump_release.text
    assert junk not in dump_release.body_html
    assert junk not in dump_release.title


# --- Own fixtures ------------------------------------------------------------------------------

FIXTURE_INPUTS = sorted(FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("path", FIXTURE_INPUTS, ids=[p.stem for p in FIXTURE_INPUTS])
def test_fixture_matches_golden(path):
    release = normalize(read_file(path), SOURCE)
    check_golden(release, path.with_suffix(".expected.json"))


def test_german_release_with_embargo_and_contact():
    release = normalize(read_file(FIXTURES / "de-sperrfrist-kontakt.txt"), SOURCE)
    assert release.title == "Neue Stadtteilbibliothek in Grünau öffnet im Frühjahr"
    assert release.embargo_until == datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)
    # the date line (25.11.) lies before the embargo: readers first see it when that lifts
    assert release.published_at == release.embargo_until
    assert (
        "dated by its embargo (2026-11-26T10:00:00+01:00); the input's own date 2026-11-25 "
        "lies before it" in release.warnings
    )
    assert release.contact.startswith("Stadt Leipzig, Referat Kommunikation\n")
    assert "presse@example.org" in release.contact
    assert "SPERRFRIST" not in release.text and "Pressekontakt" not in release.text
    assert "Telefon" not in release.text
    # hard-wrapped lines are one paragraph again
    assert "an der Stuttgarter Allee zu einer modernen" in release.text
    assert "<li>ein Repair-Café einmal im Monat</li>" in release.body_html
    assert release.links == (Link(url="https://www.leipzig.de/bibliotheken?id=42",
                                  text="https://www.leipzig.de/bibliotheken?id=42"),)  # fmt: skip
    assert release.slug == "neue-stadtteilbibliothek-in-gruenau-oeffnet-im-fruehjahr"


def test_english_wire_release():
    release = normalize(read_file(FIXTURES / "en-wire-embargo.txt"), SOURCE)
    assert release.title == "Northwind Robotics opens research centre in Leipzig"
    assert release.language == "en"
    assert release.embargo_until == datetime(2026, 11, 26, 0, 1, tzinfo=UTC)
    assert release.contact.splitlines()[0] == "Alex Example"
    assert "Media contact" not in release.text and "###" not in release.text
    assert "FOR IMMEDIATE RELEASE" not in release.text
    assert [link.url for link in release.links] == [
        "https://www.northwind-robotics.example/leipzig",
        "https://northwind-robotics.example/press?lang=en",
    ]


def test_english_page_dump_loses_furniture_and_disclaimer():
    release = normalize(read_file(FIXTURES / "en-page-dump.txt"), SOURCE)
    assert release.title == "City council approves new cycle lanes for Ring Road"
    for junk in ("cookies", "Advertisement", "Related articles", "Bus timetable", "Facebook",
                 "third-party", "Subscribe", "All rights reserved", "Press releases"):  # fmt: skip
        assert junk not in release.text
    assert release.text.startswith("The city council has approved")


def test_mojibake_is_repaired():
    release = normalize(read_file(FIXTURES / "de-mojibake.txt"), SOURCE)
    assert release.title.startswith("Für mehr Sicherheit")
    assert "Karl-Liebknecht-Straße" in release.title
    assert "Ã" not in release.text and "Â" not in release.text
    assert "Fußgänger" in release.text


def test_soft_hyphens_and_invisible_characters_are_removed():
    release = normalize(read_file(FIXTURES / "de-soft-hyphens.txt"), SOURCE)
    assert release.title == "Stadtwerke starten Energieberatung für Mieter"
    for char in ("\u00ad", "\u200b", "\u00a0"):
        assert char not in release.text and char not in release.title
    assert "45 Minuten" in release.text


# --- Single behaviours -------------------------------------------------------------------------


def test_given_title_is_not_repeated_in_body():
    raw = raw_release(title="Neue Brücke freigegeben", body_text=(
        "Neue Brücke freigegeben\n\nDie neue Brücke über die Weiße Elster ist seit heute "
        "für den Verkehr freigegeben. Sie ersetzt einen Bau aus dem Jahr 1910."
    ))  # fmt: skip
    release = normalize(raw, SOURCE)
    assert release.title == "Neue Brücke freigegeben"
    assert release.text.startswith("Die neue Brücke")


def test_no_headline_and_no_body_are_errors_but_still_a_release():
    release = normalize(raw_release(body_text="Anzeige\nWerbung\n"), SOURCE)
    fields = {problem.field for problem in release.errors}
    assert {"title", "body"} <= fields
    assert release.title == ""
    assert release.slug
    assert not release.is_valid


def test_reader_problems_are_carried_over():
    problem = Problem(field="input", message="the file looks like binary data")
    release = normalize(raw_release(format="unknown", problems=(problem,)), SOURCE)
    assert release.errors == (problem,)


def test_long_title_is_an_error():
    raw = raw_release(title="Lang " * 80, body_text="Ein Absatz mit genug Text für eine Meldung.")
    assert any(p.field == "title" for p in normalize(raw, SOURCE).errors)


@pytest.mark.parametrize("published", [datetime(1985, 5, 1), datetime(2031, 1, 1)])
def test_implausible_publication_date_is_an_error(published):
    raw = raw_release(title="Titel der Meldung", body_text="Text der Meldung.", published=published)
    errors = normalize(raw, SOURCE).errors
    assert [p.field for p in errors] == ["published_at"]


def test_naive_dates_are_source_local_time():
    raw = raw_release(
        title="Sommerfest im Rathaus",
        body_text="Das Sommerfest beginnt um 15 Uhr.",
        published=datetime(2026, 7, 1, 10, 0),
        embargo_until=datetime(2026, 1, 15, 10, 0),
    )
    release = normalize(raw, SOURCE)
    assert release.published_at.utcoffset() == timedelta(hours=2)  # CEST
    assert release.embargo_until.utcoffset() == timedelta(hours=1)  # CET
    assert release.published_at == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)


def test_published_text_is_parsed():
    raw = raw_release(
        title="Meldung", body_text="Text.", published_text="25. November 2026, 10:30 Uhr"
    )
    assert normalize(raw, SOURCE).published_at == datetime(2026, 11, 25, 10, 30, tzinfo=BERLIN)


def test_unreadable_embargo_is_an_error():
    raw = raw_release(title="Meldung", body_text="Sperrfrist: nach der Ratssitzung\n\nText.")
    release = normalize(raw, SOURCE)
    assert [p.field for p in release.errors] == ["embargo_until"]
    assert "Sperrfrist" not in release.text


def test_embargo_word_in_a_headline_is_not_an_embargo():
    raw = raw_release(
        body_text="Embargo gegen Billigimporte verlängert\n\n" + "Text der Meldung. " * 5
    )
    release = normalize(raw, SOURCE)
    assert release.title == "Embargo gegen Billigimporte verlängert"
    assert release.embargo_until is None


def test_contact_given_by_reader_wins():
    raw = raw_release(
        title="Meldung", contact="Presse\u00a0Team", body_text="Text.\n\nKontakt: Erika Muster"
    )
    release = normalize(raw, SOURCE)
    assert release.contact == "Presse Team"
    assert "Erika" not in release.text


def test_source_strip_rules_apply():
    source = SOURCE.model_copy(update={"strip": [r"^Foto-Strecke:.*$", r"\[Bild \d+\]"]})
    raw = raw_release(title="Meldung", body_text=(
        "Foto-Strecke: 12 Bilder\n\nDer Zoo hat ein neues Elefantenhaus [Bild 1] eröffnet."
    ))  # fmt: skip
    release = normalize(raw, source)
    assert release.text == "Der Zoo hat ein neues Elefantenhaus eröffnet."


def test_html_body_is_cleaned_and_links_resolved():
    body = (
        '<h1>Neue Buslinie</h1><p class="date">25.11.2026</p>'
        '<div class="social-share"><a href="https://facebook.com/x">Teilen</a></div>'
        '<p onclick="x()">Ab Montag fährt die <a href="/linie-90?utm_source=nl" '
        'onmouseover="y()">Linie 90</a> alle zehn Minuten.<script>alert(1)</script></p>'
        '<p><a href="javascript:alert(1)">Klick</a> <a href="data:text/html,x">Daten</a></p>'
        "<style>p{}</style><p>Anzeige</p>"
    )
    raw = raw_release(format="html", body_html=body, base_url="https://www.example.org/presse/")
    release = normalize(raw, SOURCE)
    assert release.title == "Neue Buslinie"
    assert release.published_at == RECEIVED
    assert release.links == (Link(url="https://www.example.org/linie-90", text="Linie 90"),)
    html = release.body_html
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
    assert "data:" not in html and "Teilen" not in html and "Anzeige" not in html
    assert "alert" not in release.text


def test_old_disclaimer_detection_is_by_meaning():
    assert is_disclaimer(
        "Die hier veröffentlichten Texte sind Mitteilungen Dritter. Sie wurden nicht redaktionell "
        "bearbeitet; verantwortlich sind allein die Absender."
    )
    assert is_disclaimer(
        "The views expressed in this third-party content do not necessarily reflect those of "
        "the publisher, and it has not been verified."
    )
    assert not is_disclaimer(
        "Die Stadt übernimmt Verantwortung für die Umsetzung der Agenda 2030 und prüft weitere "
        "Partnerschaften."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Hinweis der Redaktion: Bei diesem Text handelt es sich um eine Pressemitteilung, die "
        "unverändert veröffentlicht wurde. Für den Inhalt ist der Absender verantwortlich.",
        "Dieser Beitrag ist eine Pressemitteilung. Die Redaktion macht sich den Inhalt nicht zu "
        "eigen und übernimmt keine Haftung.",
        "Die Pressemitteilung wurde uns zur Verfügung gestellt. Für den Inhalt ist allein der "
        "Herausgeber verantwortlich.",
        "This is a press release published as received. The publisher is not responsible for "
        "its content.",
    ],
)
def test_old_disclaimers_in_the_wordings_portals_use_are_found(text):
    assert is_disclaimer(text)


def test_every_demo_channels_disclaimer_is_found_when_an_input_carries_it():
    """A release that carries the channel's own disclaimer (a press office copied it from the
    portal) must not show it twice, in any language the channel speaks."""
    from pipeline.config import load_config
    from pipeline.normalize.disclaimers import render_disclaimer

    config = load_config(FIXTURES_ROOT.parent.parent)
    assert config.channels
    for channel in config.channels.values():
        for language in ("de", *channel.disclaimer.variants):
            text = render_disclaimer(
                channel.disclaimer, language=language, source="x", source_title="Harbor Wire",
                contact_email="presse@harbor.example",
            )  # fmt: skip
            assert is_disclaimer(text), (language, text)
    assert not is_disclaimer(
        "Harbor Wire alone is responsible for the new terminal, which third-party auditors "
        "checked before it opened."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Verantwortlich für den Inhalt dieser Pressemitteilung: Stadt Lindenau, Pressestelle.",
        "Für den Inhalt der Ausstellung ist das Stadtarchiv verantwortlich, das die Dokumente "
        "unverändert zeigt.",
        "Die Stadt hat die Pressemitteilung des Landes unverändert auf ihrer Website "
        "veröffentlicht.",
    ],
)
def test_a_release_s_own_lines_about_its_content_are_no_disclaimer(text):
    assert not is_disclaimer(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Stadt Leipzig baut eine neue Schule für rund 600 Kinder im Stadtteil Grünau.", "de"),
        ("The city of Leipzig is building a new school for around 600 children in Grünau.", "en"),
        ("", "de"),
    ],
)
def test_language_is_detected(text, language):
    assert normalize(raw_release(title="Titel", body_text=text), SOURCE).language == language


def test_configured_language_wins():
    source = SOURCE.model_copy(update={"language": "fr"})
    assert normalize(raw_release(title="Titel", body_text="Der Text."), source).language == "fr"


def test_teaser_cuts_at_sentence_end_or_word():
    sentence = "Die Stadt baut am Ring eine neue Radspur mit breiten Bordsteinen. "
    teaser = make_teaser(sentence * 10)
    assert len(teaser) <= 300 and teaser.endswith("Bordsteinen.")
    words = make_teaser("Wort " * 100)
    assert len(words) <= 300 and words.endswith("Wort…")
    # 'a.m.' and 'U.S.' end no sentence, even before a capital
    timed = make_teaser(
        "The tour starts at 10 a.m. PT on Wednesday at the new hub. The U.S. Department of "
        "Labor funds the training. " + "Then more follows in a long sentence of many words. " * 6
    )
    assert timed.startswith("The tour starts at 10 a.m. PT on Wednesday at the new hub. The U.S.")


def test_slug_transliterates_german():
    assert make_slug("Größere Übersicht für Ärzte", "x") == "groessere-uebersicht-fuer-aerzte"
    assert len(make_slug("Sehr " * 40, "x")) <= 80
    # cut after the last whole word that fits: no word left out in the middle
    long_title = (
        "Das Jahr 2027 wird ein Jahr der Baustellen in der Stadt, sagt der Oberbürgermeister "
        "heute bei der Vorstellung der Planung"
    )
    assert make_slug(long_title, "x") == (
        "das-jahr-2027-wird-ein-jahr-der-baustellen-in-der-stadt-sagt-der"
    )  # not '…-sagt-der-heute-bei-der'
    assert make_slug("Die Stadt " + "ehrt " * 14 + "Ehrenamtliche am Sonntag", "x").endswith(
        "ehrt-ehrt"
    )
    assert (
        make_slug("Donaudampfschifffahrtsgesellschaftskapitän" * 3, "x")
        == ("donaudampfschifffahrtsgesellschaftskapitaen" * 3)[:80]
    )
    assert make_slug("", "inbox/2026-11-25 Meldung.txt") == "2026-11-25-meldung"


def test_identity_and_copied_fields():
    raw = raw_release(title="T", body_text="Text.", categories=("Kultur",), content_hash="abc")
    release = normalize(raw, SOURCE)
    assert release.identity == raw.identity and release.content_hash == "abc"
    assert release.categories == ("Kultur",) and release.provenance == raw.provenance
    assert release.id == normalize(raw, SOURCE).id


# --- Properties --------------------------------------------------------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß", min_size=3, max_size=12)
CAPITALIZED = WORD.map(str.capitalize)
SENTENCE = st.tuples(CAPITALIZED, st.lists(WORD, min_size=4, max_size=25)).map(
    lambda parts: " ".join([parts[0], *parts[1]]) + "."
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=5).map(" ".join)
RELEASE_TEXT = st.lists(PARAGRAPH, min_size=1, max_size=6).map("\n\n".join)
HEADLINE = st.tuples(CAPITALIZED, st.lists(WORD, min_size=2, max_size=8)).map(
    lambda parts: " ".join([parts[0], *parts[1]])
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=HEADLINE, body=RELEASE_TEXT)
def test_normalizing_twice_changes_nothing(title, body):
    # a paragraph that merely repeats the headline is dropped on purpose, so keep them apart
    assume(all(p.rstrip(".").casefold() != title.casefold() for p in body.split("\n\n")))
    first = normalize(raw_release(body_text=f"{title}\n\n{body}"), SOURCE)
    assert first.title == title
    again = normalize(raw_release(title=first.title, body_text=first.text), SOURCE)
    assert (again.title, again.text, again.teaser) == (first.title, first.text, first.teaser)
    from_text = normalize(raw_release(body_text=f"{first.title}\n\n{first.text}"), SOURCE)
    assert (from_text.title, from_text.text) == (first.title, first.text)


@settings(max_examples=40, deadline=None)
@given(body=RELEASE_TEXT)
def test_teaser_is_never_longer_than_300(body):
    assert len(normalize(raw_release(title="T", body_text=body), SOURCE).teaser) <= 300


HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<p onclick="evil()">Klick</p>',
        "<style>body{}</style>",
        '<a href="JaVaScRiPt:alert(1)">y</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<svg onload="alert(1)"></svg>',
        '<a href=" javascript:alert(1)">z</a>',
        '<div style="background:url(javascript:x)">s</div>',
        "<p>Ein ganz normaler Absatz mit Text.</p>",
        "<h2>Zwischentitel</h2>",
        "<ul><li>Punkt</li></ul>",
        '<a href="https://example.org/?utm_source=x">Link</a>',
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<scr<script>ipt>alert(1)</script>",
        "<!-- <script>x</script> -->",
        "<br>",
        "text ",
        "<b>",
    ]
)


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.one_of(HOSTILE, st.text(max_size=30)), max_size=15))
def test_body_html_is_always_safe(parts):
    raw = raw_release(format="html", body_html="".join(parts) or "<p></p>")
    html = normalize(raw, SOURCE).body_html
    assert "<script" not in html.lower()
    assert not re.search(r"\son\w+\s*=", html, re.I)
    # the word as text is harmless; as a link or a source it runs
    assert not re.search(r"(?:href|src)\s*=\s*[\"']?\s*javascript:", html, re.I)
    assert "<iframe" not in html and "<style" not in html and "style=" not in html


@settings(max_examples=100, deadline=None)
@given(body=st.text(max_size=400))
def test_any_text_gives_a_release(body):
    release = normalize(raw_release(body_text=body), SOURCE)
    assert len(release.teaser) <= 300
    assert release.slug
    assert "<script" not in release.body_html.lower()


def test_dateline_is_never_the_headline_and_joins_its_paragraph():
    body = "Berlin (ots) -\nDie Stadt eröffnet heute eine neue Kita mit 120 Plätzen in Lindenau."
    release = normalize(raw_release(body_text=body), SOURCE)
    assert release.title == ""
    assert [p.field for p in release.errors] == ["title"]
    assert release.text.startswith("Berlin (ots) - Die Stadt eröffnet")


def test_contact_after_a_heading_and_inline_contact():
    html = (
        "<h2>Neue Kita in Lindenau eröffnet</h2><p>Die Stadt eröffnet heute eine neue Kita mit "
        "120 Plätzen.</p><h3>Medienkontakt</h3><p>Erika Muster<br>presse@example.org</p>"
    )
    release = normalize(raw_release(format="html", body_html=html), SOURCE)
    assert release.contact == "Erika Muster\npresse@example.org"
    assert "Erika" not in release.text
    inline = normalize(
        raw_release(
            title="T", body_text="Text der Meldung.\n\nFür Rückfragen: Max Muster, Tel. 0341 0"
        ),
        SOURCE,
    )
    assert inline.contact == "Max Muster, Tel. 0341 0"


def test_a_date_without_time_never_becomes_a_silent_midnight():
    earlier = raw_release(title="Meldung", body_text="Leipzig, 20.11.2026 – Der Zoo hat ein neues "
                          "Elefantenhaus eröffnet, das größte in Sachsen.")  # fmt: skip
    release = normalize(earlier, SOURCE)
    assert release.published_at == datetime(2026, 11, 20, tzinfo=BERLIN)
    assert release.published_date_only
    assert "the date 2026-11-20 gives no time of day: it stays a date" in release.warnings[0]
    timed = raw_release(title="Meldung", body_text="Leipzig, 20.11.2026, 14:30 Uhr – Der Zoo hat "
                        "ein neues Elefantenhaus eröffnet, das größte in Sachsen.")  # fmt: skip
    release = normalize(timed, SOURCE)
    assert release.published_at == datetime(2026, 11, 20, 14, 30, tzinfo=BERLIN)
    assert not release.published_date_only
    assert not any("time of day" in warning for warning in release.warnings)


def test_an_undated_text_is_dated_by_its_file_name_or_says_it_has_no_date():
    named = raw_release(title="Meldung", body_text="Der Zoo hat ein neues Elefantenhaus eröffnet.")
    named = named.model_copy(
        update={
            "provenance": named.provenance.model_copy(update={"path": "inbox/2026-11-20-zoo.txt"})
        }
    )
    assert normalize(named, SOURCE).published_at == datetime(2026, 11, 20, tzinfo=BERLIN)
    plain = raw_release(title="Meldung", body_text="Der Zoo hat ein neues Elefantenhaus eröffnet.")
    release = normalize(plain, SOURCE)
    assert release.published_at is None
    assert "no publication date found: it goes out dated by its publishing" in release.warnings


GERMAN_TEXT = (
    "Die Stadt baut im kommenden Jahr eine neue Grundschule. Der Stadtrat hat dafür am Dienstag "
    "die Mittel freigegeben, und die Arbeiten sollen im Frühjahr beginnen. Die Schule wird für "
    "rund 400 Kinder gebaut und hat eine eigene Sporthalle."
)
ENGLISH_TEXT = (
    "The city will build a new primary school next year. The council approved the funds on "
    "Tuesday, and the work is expected to begin in the spring. The school is being built for "
    "about 400 children and will have its own gym."
)


@pytest.mark.parametrize(
    ("declared", "text", "language"),
    [("en-US", GERMAN_TEXT, "de"), ("de-DE", ENGLISH_TEXT, "en"), ("de", GERMAN_TEXT, "de")],
)
def test_a_text_that_is_clearly_german_or_english_outweighs_a_wrong_language_tag(
    declared, text, language
):
    found = normalize(raw_release(title="Titel", body_text=text, language=declared), SOURCE)
    assert found.language == language
    assert any("says its language" in w for w in found.warnings) == (declared[:2] != language)


def test_a_language_tag_the_text_cannot_contradict_stays():
    found = normalize(raw_release(title="Titel", body_text="Kurz.", language="fr"), SOURCE)
    assert found.language == "fr"


OLD_DISCLAIMER = (
    "Im „Melder“ finden Sie Inhalte Dritter, die uns auf verschiedenen Wegen erreichen. Für die "
    "Inhalte sind allein die Übersender verantwortlich."
)


@pytest.mark.parametrize("format_", ["json", "html", "markdown"])
def test_an_old_disclaimer_given_as_the_teaser_is_not_the_teaser(format_):
    """The channel's disclaimer must stand once: an old one reaches no field."""
    body = "Die Stadtreinigung startet am Montag die Laubsammlung. Sie dauert bis Dezember."
    found = normalize(
        raw_release(title="Laubsammlung", teaser=OLD_DISCLAIMER, body_text=body, format=format_),
        SOURCE,
    )
    assert found.teaser.startswith("Die Stadtreinigung startet am Montag")
    assert "Dritter" not in found.teaser


def test_a_page_s_description_of_the_whole_site_is_not_the_teaser():
    found = normalize(
        raw_release(
            title="Neues Parkhaus am Hauptbahnhof",
            teaser="Offizielles Stadtportal der Stadt Leipzig: Bürgerservice, Verwaltung, Kultur, "
            "Freizeit, Wirtschaft und Tourismus.",
            body_text="Am Hauptbahnhof entstehen 300 neue Parkplätze. Das Parkhaus wird erweitert.",
            format="html",
        ),
        SOURCE,
    )
    assert found.teaser.startswith("Am Hauptbahnhof entstehen 300 neue Parkplätze")


def test_a_category_is_kept_once_as_typed_and_an_empty_one_is_none():
    raw = raw_release(
        title="Titel",
        body_text="Text.",
        categories=(" ", "Kultur", " Kultur ", "R&D <Test>"),
    )
    assert normalize(raw, SOURCE).categories == ("Kultur", "R&D <Test>")


@pytest.mark.parametrize(
    ("given", "expected"),
    [("20261125", "2026-11-25"), ("202611251030", "2026-11-25T10:30:00+01:00")],
)
def test_a_compact_meta_date_is_read(given, expected):
    found = normalize(raw_release(title="T", body_text="Text.", published_text=given), SOURCE)
    assert found.published_at.isoformat().startswith(expected)


def test_a_meta_date_that_cannot_be_read_gives_way_to_the_date_under_the_headline():
    raw = raw_release(
        title="T",
        body_text="Der Text der Meldung.",
        published_text="zuletzt geändert",
        below_headline=("25. November 2026, 09:15 Uhr",),
        format="html",
    )
    found = normalize(raw, SOURCE)
    assert found.published_at.isoformat() == "2026-11-25T09:15:00+01:00"


def test_html_given_as_plain_text_is_read_as_html_never_printed_as_tags():
    text = (
        "<p><b>Talstadt, 24.11.2026</b> – Das Tierheim sucht Paten für zwölf Hunde.</p>"
        '<p>Mehr unter <a href="https://tierheim.example/paten">tierheim.example</a>.</p>'
        "<script>alert(1)</script>"
    )
    found = normalize(raw_release(title="Paten gesucht", body_text=text), SOURCE)
    assert found.text.startswith("Talstadt, 24.11.2026 – Das Tierheim sucht Paten")
    assert "<p>" not in found.text and "&lt;" not in found.body_html
    assert "alert" not in found.body_html and "alert" not in found.text
    assert "read as HTML" in " ".join(found.warnings)


def test_a_text_that_mentions_a_tag_stays_text():
    text = "Das Formular nutzt das Feld <input> für die Eingabe. Mehr steht in der Anleitung."
    found = normalize(raw_release(title="Formular", body_text=text), SOURCE)
    assert found.text == text


@pytest.mark.parametrize(
    ("text", "title", "day", "contact"),
    [
        (
            "Communiqué de presse\n\nGenève, le 24 novembre 2026\n\nLes TPG prolongent la ligne "
            "18 jusqu'à Saint-Genis\n\nLes Transports publics genevois prolongeront la ligne de "
            "tram 18 dès le 13 décembre 2026.\n\nPour tout renseignement :\nService de presse des "
            "TPG\nTél. +41 22 555 40 40\npresse@tpg.example\n",
            "Les TPG prolongent la ligne 18 jusqu'à Saint-Genis",
            "2026-11-24",
            "Service de presse des TPG",
        ),
        (
            "Il Consiglio di Stato approva il preventivo 2027\n\nBellinzona, 25 novembre 2026 – Il "
            "Consiglio di Stato ha approvato oggi il preventivo per il 2027.\n\nPer ulteriori "
            "informazioni:\nServizio stampa\ntel. 091 814 00 00\nstampa@ti.example\n",
            "Il Consiglio di Stato approva il preventivo 2027",
            "2026-11-25",
            "Servizio stampa",
        ),
    ],
)
def test_french_and_italian_releases_give_their_date_and_contact(text, title, day, contact):
    found = normalize(raw_release(body_text=text), SOURCE)
    assert found.title == title
    assert found.published_at.date().isoformat() == day
    assert found.contact.startswith(contact)
    assert "renseignement" not in found.text and "ulteriori" not in found.text


def test_lines_of_a_list_set_with_line_breaks_are_never_run_together():
    body = (
        "<p>Die Spielzeit bringt fünf Premieren:</p><p>Die Möwe von Anton Tschechow – 15. "
        "Januar<br>Wolkenheim von Lea Sommer – 12. Februar<br>Der Geizige von Molière – 19. März"
        "<br>Flussabwärts von Jana Roth – 23. April</p>"
    )
    found = normalize(raw_release(title="Spielzeit", body_html=body, format="html"), SOURCE)
    assert "Die Möwe von Anton Tschechow – 15. Januar\n" in found.text
    assert "Wolkenheim von Lea Sommer – 12. Februar\n" in found.text


def test_a_table_set_in_columns_with_spaces_keeps_its_rows_and_cells():
    text = (
        "Nordwind steigert den Umsatz\n\nDer Umsatz stieg im dritten Quartal deutlich, wie das "
        "Unternehmen am Donnerstag mitteilte.\n\n"
        "                    Q3 2026   Q3 2025   Veränderung\n"
        "Umsatz                148,2     125,6       +18,0 %\n"
        "EBITDA                 20,9      15,8       +32,3 %\n"
        "Diluted EPS         $  0.27   $  0.11      +145 %\n\n"
        "Für das Gesamtjahr erwartet der Vorstand mehr.\n"
    )
    found = normalize(raw_release(body_text=text), SOURCE)
    assert "Umsatz | 148,2 | 125,6 | +18,0 %" in found.text
    assert "EBITDA | 20,9 | 15,8 | +32,3 %" in found.text
    assert "Diluted EPS | $ 0.27 | $ 0.11 | +145 %" in found.text


@pytest.mark.parametrize(
    "closing",
    ["Anmeldung erforderlich.", "Eintritt frei.", "Registration is required.", "Tickets: $5."],
)
def test_a_short_closing_sentence_is_kept(closing):
    body = (
        "Die Autorin Petra Klein liest am Freitag um 19 Uhr im Ratssaal aus ihrem neuen Roman.\n\n"
        f"Danach signiert sie Bücher im Foyer.\n\n{closing}\n"
    )
    found = normalize(raw_release(title="Lesung im Rathaus", body_text=body), SOURCE)
    assert found.text.endswith(closing)


def test_a_sidebars_label_under_the_text_still_goes():
    body = (
        "Die Stadt lädt am Montag zur Ratssitzung ein. Beginn ist um 18 Uhr.\n\nRatssitzung 3.12.\n"
    )
    found = normalize(raw_release(title="Ratssitzung", body_text=body), SOURCE)
    assert found.text == "Die Stadt lädt am Montag zur Ratssitzung ein. Beginn ist um 18 Uhr."


def test_a_numbered_list_word_wrote_with_tabs_is_a_list_not_a_table():
    body = (
        "Der Landkreis fördert ab April Balkonkraftwerke mit bis zu 200 Euro je Haushalt.\n\n"
        "So funktioniert der Antrag:\n"
        "1.\tOnline-Formular ausfüllen\n2.\tRechnung hochladen\n3.\tBescheid abwarten\n"
    )
    found = normalize(raw_release(title="Förderprogramm", body_text=body), SOURCE)
    assert "<ol>\n<li>Online-Formular ausfüllen</li>" in found.body_html
    assert "|" not in found.text


@pytest.mark.parametrize(
    ("excerpt", "teaser"),
    [
        (
            "Die Bibliothek öffnet eine Zweigstelle im Westen. [&hellip;]",
            "Die Bibliothek öffnet eine Zweigstelle im Westen.",
        ),
        (
            "Die Bibliothek öffnet eine Zweigstelle im [...]",
            "Die Bibliothek öffnet eine Zweigstelle im…",
        ),
    ],
)
def test_a_wordpress_excerpts_cut_mark_is_no_part_of_the_teaser(excerpt, teaser):
    raw = raw_release(
        title="Zweigstelle",
        teaser=excerpt,
        body_text="Die Bibliothek öffnet eine Zweigstelle im Westen. Sie hat montags geöffnet.",
    )
    assert normalize(raw, SOURCE).teaser == teaser


def test_a_page_tool_over_a_bare_contact_label_names_nobody():
    body = (
        "Der Bürgerbus fährt ab April auch samstags. Möglich machen das sieben neue "
        "ehrenamtliche Fahrerinnen und Fahrer.\n"
        "nach oben\nKontakt\nGemeindeverwaltung Waldbrunn\nHauptamt\nTelefon: 06274 555-0\n"
    )
    found = normalize(raw_release(title="Bürgerbus", body_text=body), SOURCE)
    assert found.contact == "Gemeindeverwaltung Waldbrunn\nHauptamt\nTelefon: 06274 555-0"


@pytest.mark.parametrize("label", ["E-Mail schreiben", "E-Mail", "Send email"])
def test_a_mailto_link_named_for_what_it_does_shows_its_address_in_the_contact(label):
    body_html = (
        "<p>Die IHK begrüßt den neuen Ausbildungspakt. Er soll 500 zusätzliche Plätze "
        "schaffen.</p><p><strong>Pressekontakt:</strong><br>Jan Müller<br>Tel. 0521 555-201<br>"
        f'<a href="mailto:j.mueller@ihk.example">{label}</a></p>'
    )
    raw = raw_release(title="Ausbildungspakt", body_html=body_html, format="html")
    found = normalize(raw, SOURCE)
    assert found.contact == "Jan Müller\nTel. 0521 555-201\nj.mueller@ihk.example"


def test_a_dash_line_under_a_quotation_is_its_attribution_not_a_list():
    body = (
        "The city mourns former council member Rosa Lind.\n\n"
        "“She never gave up on the riverfront trail. Our thoughts are with her family.”\n\n"
        "– Mayor Daniel Okafor\n\n"
        "Flags at City Hall will fly at half-mast until Monday.\n"
    )
    found = normalize(raw_release(title="City mourns Rosa Lind", body_text=body), SOURCE)
    assert "<p>– Mayor Daniel Okafor</p>" in found.body_html and "<li>" not in found.body_html
    listed = normalize(
        raw_release(title="Termine", body_text="Die Termine:\n\n– Montag, 10 Uhr\n\n– Dienstag\n"),
        SOURCE,
    )
    assert "<li>Montag, 10 Uhr</li>" in listed.body_html


def test_an_offices_name_over_its_address_closing_the_text_is_the_contact():
    body = (
        "Die Stadtbücherei öffnet ab Dezember auch donnerstags bis 20 Uhr. Möglich wird das "
        "durch zwei zusätzliche Teilzeitstellen.\n\n"
        "Pressestelle der Stadt Lindholm\nRathausplatz 1, 25923 Lindholm\n"
        "Telefon: 04661 555-120\nE-Mail: presse@lindholm.example\n"
    )
    found = normalize(raw_release(title="Längere Öffnungszeiten", body_text=body), SOURCE)
    assert found.contact.startswith("Pressestelle der Stadt Lindholm\nRathausplatz 1")
    assert "Rathausplatz" not in found.text and "Pressestelle" not in found.text


def test_a_time_set_off_by_its_own_dash_in_the_dateline_dates_the_release():
    body = (
        "Zürich, 26. November 2026 – 07:00 MEZ – Die Gesellschaft meldet einen Umsatz von "
        "480 Millionen Franken, zwölf Prozent mehr als im Vorjahr.\n"
    )
    found = normalize(raw_release(title="Umsatz steigt", body_text=body), SOURCE)
    assert found.published_at.isoformat() == "2026-11-26T07:00:00+01:00"
    assert not found.published_date_only


def test_headings_with_nothing_under_them_do_not_close_the_text():
    body_html = (
        "<p>The facility will turn forestry waste into fuel for trucks and trains from 2028.</p>"
        "<h2>Quick facts</h2><ul><li>The facility will create 85 permanent jobs.</li></ul>"
        "<h2>Associated links</h2><h2>Search for related information by keyword</h2>"
    )
    raw = raw_release(title="Clean fuel plant", body_html=body_html, format="html")
    found = normalize(raw, SOURCE)
    assert found.body_html.endswith("<li>The facility will create 85 permanent jobs.</li>\n</ul>")


def test_a_headline_that_begins_with_copyright_is_no_copyright_line():
    body = (
        "Copyright Office issues new guidance on AI training\n\nWASHINGTON – The Copyright "
        "Office on Tuesday issued guidance on the use of protected works to train AI models.\n\n"
        "Copyright 2026 Example Agency\n\nCopyright: Example Agency, all rights reserved"
    )
    release = normalize(raw_release(body_text=body), SOURCE)
    assert release.title == "Copyright Office issues new guidance on AI training"
    assert "Example Agency" not in release.text
