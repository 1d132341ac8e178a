"""Releases sent in a form Melder does not read: the reason names the form and what to send."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.models import Problem

HEADERS = (
    b"From: Pressestelle <presse@oberdorf.example>\n"
    b"Date: Wed, 25 Nov 2026 09:14:03 +0100\n"
    b"Message-ID: <bus612@oberdorf.example>\n"
    b"MIME-Version: 1.0\n"
    b"Subject: Neue Buslinie 612\n"
)
TEXT = (
    "Oberdorf, 25. November 2026. Ab dem 13. Dezember fährt die neue Buslinie 612 im "
    "Stundentakt zwischen dem Rathausplatz und dem Bahnhof Günzburg. Die Fahrt dauert 18 Minuten."
)


def read_file(path: Path):
    context = InputContext(
        source="test",
        config=SourceConfig(title="Test", kind="files", path="inbox"),
        locator=f"inbox/{path.name}",
        received_at=datetime(2026, 11, 26, 9, tzinfo=UTC),
        route="files",
    )
    return read_input(path.read_bytes(), path.suffix, context)


def mail_with(tmp_path: Path, *parts: bytes) -> Path:
    body = b"".join(b"--b1\n" + part + b"\n" for part in parts) + b"--b1--\n"
    path = tmp_path / "pm.eml"
    path.write_bytes(HEADERS + b'Content-Type: multipart/mixed; boundary="b1"\n\n' + body)
    return path


TNEF = (
    b'Content-Type: application/ms-tnef; name="winmail.dat"\n'
    b'Content-Disposition: attachment; filename="winmail.dat"\n'
    b"Content-Transfer-Encoding: base64\n\n"
    b"eJ8+IhAAAQaQCAAEAAAAAAABAAEAAQeQBgAIAAAA5AQAAAAAAADoAAEIgAcAGAAAAElQTS5NaWNy\n"
)


def test_a_mail_whose_text_outlook_sent_only_as_winmail_dat_names_it_and_how_to_resend(tmp_path):
    raw = read_file(mail_with(tmp_path, TNEF))
    assert raw.problems == (
        Problem(
            field="body",
            message="the mail has no text of its own, only winmail.dat (Outlook's rich text, "
            "TNEF), which Melder does not read: send it again as HTML or plain text (in "
            "Outlook: Format Text > HTML)",
        ),
    )


def test_a_mail_with_its_own_text_keeps_it_beside_a_winmail_dat(tmp_path):
    text = b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
    raw = read_file(mail_with(tmp_path, text + TEXT.encode(), TNEF))
    assert raw.problems == ()
    assert raw.body_text.strip() == TEXT


def test_an_rtf_file_named_txt_says_what_it_is_and_what_to_send(tmp_path):
    path = tmp_path / "pm.txt"
    path.write_bytes(b"{\\rtf1\\ansi\\ansicpg1252\\deff0 Neue Buslinie 612\\par " + b"\\par}")
    assert read_file(path).problems == (
        Problem(
            field="input",
            message="the .txt input is an RTF document, not text: save it as HTML or plain text",
        ),
    )


def test_a_text_that_opens_with_a_brace_is_read_as_text(tmp_path):
    path = tmp_path / "pm.txt"
    path.write_text("{Sperrfrist beachten} Neue Buslinie 612\n\n" + TEXT + "\n", encoding="utf-8")
    raw = read_file(path)
    assert raw.problems == ()
    assert raw.body_text.startswith("{Sperrfrist beachten} Neue Buslinie 612")


# An OLE container's header, then a directory entry naming its stream in UTF-16
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def test_a_password_protected_word_file_says_to_remove_the_password(tmp_path):
    path = tmp_path / "PM_Kita.docx"
    path.write_bytes(OLE + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64)
    assert read_file(path).problems == (
        Problem(
            field="input",
            message="unsupported file type '.docx' (a password-protected Word file: remove the "
            "password, then save it as HTML or text); use one of .eml, .htm, .html, .json, "
            ".markdown, .md, .txt",
        ),
    )


def test_an_old_word_file_keeps_its_own_advice(tmp_path):
    path = tmp_path / "PM_Kita.doc"
    path.write_bytes(OLE + "WordDocument".encode("utf-16-le") + b"\x00" * 64)
    message = read_file(path).problems[0].message
    assert "an Outlook message (.msg) or an old Word file (.doc)" in message


def test_a_pdf_is_answered_only_with_what_melder_reads(tmp_path):
    path = tmp_path / "PM_Kita.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert read_file(path).problems == (
        Problem(
            field="input",
            message="unsupported file type '.pdf' (a PDF document: send its text as .txt or "
            ".html, or in the body of a mail); use one of .eml, .htm, .html, .json, .markdown, "
            ".md, .txt",
        ),
    )
