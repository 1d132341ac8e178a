"""Text that still carries a mail's transfer encoding, or a label that lies about it: read as
the text it is, and the editor is told; real base64 and a release that mentions '=C3' stay."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input

RELEASE = (
    "Oberdorf, 25. November 2026. Ab dem 13. Dezember fährt die neue Buslinie 612 zwischen "
    "dem Rathausplatz und dem Bahnhof Günzburg.\n\n"
    "Pressekontakt:\nGemeinde Oberdorf, Sabine Müller\npresse@oberdorf.example\n"
)
PLAIN_WARNING = (
    "the mail's text part says it is base64 but holds plain text: it was read as plain text"
)
DAMAGED_WARNING = (
    "the mail's text part has damaged base64 (cut short or with stray characters): its last "
    "words may be missing or wrong; compare it with the original before approving"
)
QP_WARNING = (
    "the text was still quoted-printable, as a mail sends it ('G=C3=BCnzburg'): it was "
    "decoded; compare umlauts and line ends with the original"
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


def mail(tmp_path: Path, body: bytes) -> Path:
    path = tmp_path / "pm.eml"
    path.write_bytes(
        b"From: Pressestelle <presse@oberdorf.example>\n"
        b"Date: Wed, 25 Nov 2026 09:14:03 +0100\n"
        b"Message-ID: <bus612@oberdorf.example>\n"
        b"MIME-Version: 1.0\n"
        b"Subject: Neue Buslinie 612\n"
        b"Content-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: base64\n\n" + body
    )
    return path


def test_plain_text_labelled_base64_is_read_as_the_text_it_is(tmp_path):
    raw = read_file(mail(tmp_path, RELEASE.encode()))
    assert raw.body_text.strip() == RELEASE.strip()
    assert PLAIN_WARNING in raw.warnings


def test_base64_cut_short_is_read_with_a_warning_that_its_end_may_be_missing(tmp_path):
    encoded = base64.encodebytes(RELEASE.encode()).rstrip(b"\n")
    raw = read_file(mail(tmp_path, encoded[:-3] + b"\n"))
    assert raw.body_text.startswith("Oberdorf, 25. November 2026. Ab dem 13. Dezember fährt")
    assert raw.warnings == (DAMAGED_WARNING,)


def test_a_real_base64_mail_is_decoded_without_a_warning(tmp_path):
    raw = read_file(mail(tmp_path, base64.encodebytes(RELEASE.encode())))
    assert raw.body_text.strip() == RELEASE.strip()
    assert raw.warnings == ()


def test_a_text_file_still_quoted_printable_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "pm.txt"
    path.write_text(
        "Neue Buslinie zum Bahnhof G=C3=BCnzburg\n\n"
        "Ab dem 13. Dezember f=C3=A4=\nhrt die neue Buslinie 612 zum Rathausplatz Oberdorf=\n"
        " und zum Bahnhof G=C3=BCnzburg. B=C3=BCrgermeisterin Kr=C3=B6ger: =E2=80=9EEndlich.=E2"
        "=80=9C\n",
        encoding="ascii",
    )
    raw = read_file(path)
    assert raw.body_text == (
        "Neue Buslinie zum Bahnhof Günzburg\n\n"
        "Ab dem 13. Dezember fährt die neue Buslinie 612 zum Rathausplatz Oberdorf und zum "
        "Bahnhof Günzburg. Bürgermeisterin Kröger: „Endlich.“\n"
    )
    assert raw.warnings == (QP_WARNING,)


def test_a_release_that_mentions_an_escape_or_ends_a_line_with_equals_stays_as_written(tmp_path):
    text = (
        "Neuer Code für das Parkhaus\n=====\n\n"
        "Der Fehlercode =C3 auf dem Display bedeutet: Karte einstecken. Die Formel lautet "
        "Preis = Stunden × 2 €, und E=mc² hat damit nichts zu tun.\n"
    )
    path = tmp_path / "pm.txt"
    path.write_text(text, encoding="utf-8")
    raw = read_file(path)
    assert raw.body_text == text
    assert raw.warnings == ()
