"""Uploads that are not what their name or header says: the bytes decide, and the editor is
told what Melder did, or why a page gave no release."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pipeline.config import SourceConfig
from pipeline.extract.decode import decode_text
from pipeline.ingest.readers import InputContext, read_input

PARAGRAPH = (
    "Die Stadt Ravensau schaltet ab Montag die Ampeln an der Bahnhofstraße für Radfahrer auf "
    "eine „Grüne Welle“. Der Umbau kostet 240.000 €, sagt Tanja Müller-Lüdenscheidt."
)


def read(data: bytes, name: str):
    context = InputContext(
        source="test",
        config=SourceConfig(title="Test", kind="files", path="inbox"),
        locator=f"inbox/{name}",
        received_at=datetime(2026, 11, 26, 9, tzinfo=UTC),
        route="files",
    )
    return read_input(data, Path(name).suffix, context)


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_a_windows_1252_page_that_declares_utf_8_is_read_in_its_real_encoding():
    data = page(f"<h1>Grüne Welle</h1><p>{PARAGRAPH}</p>", '<meta charset="utf-8">')
    decoded = decode_text(data.encode("cp1252"), declared="utf-8")
    assert "„Grüne Welle“" in decoded.text and "240.000 €" in decoded.text
    # a UTF-8 page with one stray byte stays UTF-8
    assert decode_text("Straße Grüße".encode() + b"\xff", declared="utf-8").text.startswith(
        "Straße"
    )


def test_a_web_page_saved_as_txt_is_read_as_a_page_and_the_editor_is_told():
    raw = read(page(f"<h1>Grüne Welle für Radfahrer</h1><p>{PARAGRAPH}</p>").encode(), "pm.txt")
    assert raw.format == "html" and "<p>" not in (raw.body_text or "")
    assert any(".txt file holds a web page" in warning for warning in raw.warnings)


def test_a_text_saved_as_html_is_read_as_text():
    raw = read(f"Grüne Welle für Radfahrer\n\n{PARAGRAPH}\n".encode(), "pm.html")
    assert raw.format == "text"
    assert any("no HTML tags" in warning for warning in raw.warnings)


def test_an_empty_page_says_what_it_is_instead():
    frames = read(
        page("", "")
        .replace("<body></body>", '<frameset><frame src="pm/112.html"></frameset>')
        .encode(),
        "f.html",
    )
    assert "frameset: submit its content frame instead (pm/112.html)" in frames.problems[0].message
    refresh = read(
        page(
            "", '<meta http-equiv="refresh" content="0; url=https://stadt.example/pm/1">'
        ).encode(),
        "r.html",
    )
    assert "only forwards to https://stadt.example/pm/1" in refresh.problems[0].message
    scan = read(page('<img src="scan.png" alt="">').encode(), "s.html")
    assert "pictures but no text" in scan.problems[0].message


def test_a_release_inside_an_iframe_srcdoc_is_read_from_there():
    inner = page(f"<h1>Grüne Welle für Radfahrer</h1><p>{PARAGRAPH}</p>").replace('"', "&quot;")
    raw = read(page(f'<iframe srcdoc="{inner}"></iframe>').encode(), "i.html")
    assert raw.problems == ()
    assert "Grüne Welle" in raw.body_html
    assert any("iframe srcdoc" in warning for warning in raw.warnings)


def test_windows_1252_text_under_a_utf_8_mark_is_read_in_its_real_encoding():
    """An editor saved a file typed in windows-1252 with a UTF-8 byte order mark."""
    data = b"\xef\xbb\xbf---\ntitle: Gr\xfcne Welle\n---\n\n" + PARAGRAPH.encode("cp1252")
    raw = read(data, "pm.md")
    assert raw.title == "Grüne Welle"
    assert "„Grüne Welle“" in raw.body_html and "240.000 €" in raw.body_html
    assert "\ufffd" not in raw.body_html and not raw.problems


def test_bytes_that_a_utf_16_mark_cannot_hold_are_reported_not_hidden():
    data = "\ufeff# Grüne Welle\n\nDie Ampeln schalten um.\n".encode("utf-16-le") + b"\x00\xd8"
    assert decode_text(data).lossy
    raw = read(data, "pm.md")
    assert raw.title == "Grüne Welle"
    assert any(problem.field == "encoding" for problem in raw.problems)


def test_a_text_file_with_a_utf_8_mark_and_windows_1252_bytes_reads_like_its_markdown():
    data = b"\xef\xbb\xbfGr\xfcne Welle f\xfcr Radfahrer\n\n" + PARAGRAPH.encode("cp1252")
    raw = read(data, "pm.txt")
    assert raw.body_text == f"Grüne Welle für Radfahrer\n\n{PARAGRAPH}"


def test_a_pdf_or_an_outlook_message_under_another_name_is_named_for_what_it_is():
    pdf = (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nBT /F1 11 Tf 72 770 Td "
        b"(Neues B\xfcrgerb\xfcro im Rathaus Nord) Tj ET\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    for name in ("pm.txt", "pm.html"):
        [problem] = read(pdf, name).problems
        assert problem.message.startswith(f"the {name[2:]} input is a PDF document, not text")
    outlook = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    [problem] = read(outlook, "pm.eml").problems
    assert "Outlook message (.msg)" in problem.message
    assert "save the mail as .eml" in problem.message


def test_a_page_cut_off_inside_a_character_ends_with_the_last_whole_one(tmp_path):
    cut = page(f"<h1>Grüne Welle</h1><p>{PARAGRAPH} Die Kosten trägt die Bürgerschaft.</p>")
    data = cut.encode()[: cut.encode().index("Bürgerschaft".encode()) + 2]  # B and half of ü
    path = tmp_path / "pm.html"
    path.write_bytes(data)
    raw = read(path.read_bytes(), path.name)
    assert raw.body_html.endswith("Die Kosten trägt die B</p>")
    assert any("cut off in transfer" in warning for warning in raw.warnings)
    # a whole page with the same words keeps every letter
    assert "Bürgerschaft" in read(cut.encode(), "pm.html").body_html


def test_a_control_character_written_as_a_reference_leaves_no_replacement_mark():
    raw = read(
        page(
            f"<h1>Grüne Welle für Radfahrer</h1><p>{PARAGRAPH}&#x1;</p><p>Mehr&#27; dazu.</p>"
        ).encode(),
        "pm.html",
    )
    assert "\ufffd" not in raw.body_html
    assert "Tanja Müller-Lüdenscheidt.</p>" in raw.body_html and "Mehr dazu." in raw.body_html
