"""Uploads as office programs and old CMSs write them: UTF-16 with and without a byte-order
mark, a stray NUL, a paragraph pasted in windows-1252 into a UTF-8 page, entities escaped
twice, Word's vertical tabs and form feeds. Each reads as the clean release it is."""

from __future__ import annotations

import codecs
from datetime import UTC, datetime

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize

ARRIVED = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
HEADLINE = "Stadtbibliothek öffnet neue Zweigstelle in Möckern"
LEAD = (
    "Leipzig, 24. November 2026 – Die Stadtbibliothek eröffnet am Samstag ihre neue "
    "Zweigstelle in der Georg-Schumann-Straße. Bürgermeisterin Ärmel übergibt die Räume."
)
MORE = "Auf 640 Quadratmetern stehen künftig rund 28.000 Medien bereit, darunter Hörbücher."
PAGE = (
    '<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title} | Stadt Leipzig</title>'
    "</head><body><nav><a href='/'>Start</a> <a href='/presse'>Presse</a></nav><main><article>"
    "<h1>{title}</h1><p>{lead}</p><p>{more}</p></article></main><footer>Impressum</footer>"
    "</body></html>"
)


def read(data: bytes, suffix: str):
    source = SourceConfig(title="Probe", kind="files", path="inbox", language="de")
    context = InputContext(
        source="probe",
        config=source,
        locator=f"inbox/x{suffix}",
        received_at=ARRIVED,
        route="files",
    )
    return normalize(read_input(data, suffix, context), source)


def page(charset: str = "utf-8", **parts) -> str:
    return PAGE.format(charset=charset, **{"title": HEADLINE, "lead": LEAD, "more": MORE, **parts})


def clean(release) -> None:
    assert release.title == HEADLINE and not release.errors
    assert release.text.startswith(LEAD) and MORE in release.text
    assert "\ufffd" not in release.text and "<" not in release.text


def test_word_web_pages_in_utf16_are_read_as_pages():
    clean(read(codecs.BOM_UTF16_LE + page("unicode").encode("utf-16-le"), ".html"))
    clean(read(codecs.BOM_UTF16_BE + page("unicode").encode("utf-16-be"), ".htm"))


def test_utf16_text_without_a_byte_order_mark_is_read_and_named():
    text = f"{HEADLINE}\n\n{LEAD}\n\n{MORE}\n"
    found = read(text.encode("utf-16-le"), ".txt")
    clean(found)
    assert "UTF-16 text without a byte-order mark" in " ".join(found.warnings)


def test_a_stray_nul_byte_is_removed_not_taken_for_a_binary_file():
    found = read(f"{HEADLINE}\n\n{LEAD}\x00\n\n{MORE}\n".encode(), ".txt")
    clean(found)
    assert "1 NUL byte(s) removed" in " ".join(found.warnings)
    clean(read(page().replace("</p>", "\x00</p>", 1).encode(), ".html"))
    image = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 8
    assert read(image, ".html").errors[0].message.startswith("the .html input is binary")


def test_a_few_nul_bytes_in_a_short_text_are_removed_but_a_small_binary_stays_refused():
    found = read(f"{HEADLINE}\n\n{LEAD}\x00\n\n{MORE}\x00\x00\n".encode(), ".txt")
    clean(found)
    assert "3 NUL byte(s) removed" in " ".join(found.warnings)
    small_binary = b"\x00\x07\x1b\x02 header \x03\x04\x05\x06 data \x00\x11\x12\x13\x14" * 4
    assert read(small_binary, ".txt").errors[0].message.startswith("the .txt input is binary")


def test_a_windows_paragraph_pasted_into_a_utf8_page_keeps_its_umlauts():
    data = (
        page()
        .encode("utf-8")
        .replace(MORE.encode("utf-8"), MORE.replace("Quadratmetern", "Flächen").encode("cp1252"))
    )
    found = read(data, ".html")
    assert "Auf 640 Flächen stehen künftig rund 28.000 Medien bereit, darunter Hörbücher." in (
        found.text
    )
    assert "\ufffd" not in found.text and found.title == HEADLINE


def test_entities_escaped_twice_read_as_their_characters_and_markup_stays_text():
    escaped = page(
        title="Stadtbibliothek &amp;ouml;ffnet neue Zweigstelle in M&amp;ouml;ckern",
        more="Auf 640 Quadratmetern stehen k&amp;uuml;nftig rund 28.000 Medien bereit, "
        "darunter H&amp;ouml;rb&amp;#252;cher. "
        "Code: &amp;lt;b&amp;gt; &amp;amp; &amp;#60;i&amp;#62;",
    )
    found = read(escaped.encode(), ".html")
    assert found.title == HEADLINE
    assert "künftig rund 28.000 Medien bereit, darunter Hörbücher." in found.text
    assert "&lt;b&gt;" in found.text and "<b>" not in found.body_html  # never a tag
    text = read(f"{HEADLINE}\n\n{LEAD}\n\nF&uuml;r Kinder &#8211; gratis.\n".encode(), ".txt")
    assert "Für Kinder – gratis." in text.text


def test_words_vertical_tab_breaks_a_line_and_its_form_feed_a_paragraph():
    text = (
        f"{HEADLINE}\r\n\r\n{LEAD}\x0c{MORE}\r\n\r\n"
        "Pressekontakt:\x0bStadt Leipzig\x0bJana Müller\x0bTelefon 0341 123-4567\r\n"
    )
    found = read(text.encode("cp1252"), ".txt")
    clean(found)
    assert found.text.split("\n\n")[:2] == [LEAD, MORE]
    assert found.contact.splitlines()[:2] == ["Stadt Leipzig", "Jana Müller"]


def test_a_headline_never_closed_ends_where_the_article_begins():
    html = (
        f"<html><head><meta charset='utf-8'><title>{HEADLINE}</title></head><body>"
        f"<div class='content'><h1>{HEADLINE}\n<div class='text'><p>{LEAD}<p>{MORE}\n"
        "<div class='footer'><a href='/impressum'>Impressum</a></body></html>"
    )
    clean(read(html.encode(), ".html"))


def test_an_input_of_spaces_is_empty_and_a_huge_body_is_named():
    blank = read("  \n\t\n\r\n   \n\u00a0\n".encode(), ".md")
    assert blank.errors[0].message.startswith("input is empty (only spaces and line breaks); send")
    huge = read(f"{HEADLINE}\n\n{LEAD}\n\n".encode() + (MORE + "\n\n").encode() * 1500, ".txt")
    assert any("far more than a release" in warning for warning in huge.warnings)


def test_a_date_no_calendar_can_show_makes_the_release_invalid_and_is_not_kept():
    import json

    for moment in ("9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00", "2031-05-01T10:00:00Z"):
        upload = {"title": HEADLINE, "text": f"{LEAD}\n\n{MORE}"}
        found = read(json.dumps(upload | {"embargo_until": moment}).encode(), ".json")
        assert found.embargo_until is None
        assert [problem.field for problem in found.errors] == ["embargo_until"]
        dated = read(json.dumps(upload | {"published": moment}).encode(), ".json")
        assert [problem.field for problem in dated.errors] == ["published_at"]
        assert dated.published_at is None
    found = read(
        json.dumps(upload | {"embargo_until": "2026-12-01T09:00:00+01:00"}).encode(), ".json"
    )
    assert found.errors == () and found.embargo_until.isoformat() == "2026-12-01T09:00:00+01:00"


def test_a_field_given_twice_holds_the_release_and_names_the_field():
    data = (
        f'{{"title": "{HEADLINE}", "text": "{LEAD}", "title": "Ganz andere Schlagzeile"}}'
    ).encode()
    found = read(data, ".json")
    assert [(problem.field, problem.message) for problem in found.errors] == [
        ("title", "given more than once ('title'); send each field once")
    ]


def test_json_with_a_comment_or_a_trailing_comma_says_so_in_the_author_s_words():
    trailing = f'{{\n  "title": "{HEADLINE}",\n  "text": "{LEAD}",\n}}\n'.encode()
    [problem] = read(trailing, ".json").errors
    assert (
        problem.message == "line 3: a comma after the last field; JSON allows none there: remove it"
    )
    commented = f'{{\n  // Entwurf\n  "title": "{HEADLINE}", "text": "{LEAD}"\n}}'.encode()
    [problem] = read(commented, ".json").errors
    assert problem.message == "line 2 column 3: a comment; JSON has none (// and /* */): remove it"
