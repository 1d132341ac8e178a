"""The .txt reader: decoding, binary refusal and the few header lines it honours."""

from __future__ import annotations

import codecs
from datetime import UTC, datetime

import pytest

from pipeline.config import SourceConfig
from pipeline.errors import Rejected
from pipeline.ingest.readers import InputContext, content_hash, read_input
from pipeline.ingest.readers.text import decode, read

RECEIVED = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
RELEASE = "Grüße aus Leipzig\n\nDie Stadt lädt zum Fest „Straßenmusik“ ein – Eintritt frei.\n"


def context(**config) -> InputContext:
    source = SourceConfig(title="Stadt Leipzig", kind="files", path="inbox", **config)
    return InputContext(
        source="leipzig", config=source, locator="inbox/fest.txt", received_at=RECEIVED,
        route="files",
    )  # fmt: skip


def test_reads_utf8_release_as_lines():
    data = RELEASE.encode("utf-8")
    raw = read(data, context())
    assert raw.format == "text"
    assert raw.body_text == RELEASE
    assert raw.title is None  # the headline is found by normalize
    assert raw.identity == "inbox/fest.txt"
    assert raw.source == "leipzig"
    assert raw.content_hash == content_hash(data)
    assert raw.provenance.route == "files" and raw.provenance.path == "inbox/fest.txt"
    assert raw.provenance.received_at == RECEIVED
    assert raw.problems == ()


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + RELEASE.encode("utf-8"),
        codecs.BOM_UTF16_LE + RELEASE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + RELEASE.encode("utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_byte_order_marks(data):
    assert read(data, context()).body_text == RELEASE


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_western_encodings_are_detected(encoding):
    text = RELEASE.replace("„", '"').replace("“", '"').replace("–", "-")
    assert read(text.encode(encoding), context()).body_text == text


def test_cp1252_quotes_and_dashes():
    assert read(RELEASE.encode("cp1252"), context()).body_text == RELEASE


def test_other_legacy_encoding_is_detected():
    text = "Москва: городской совет утвердил новый бюджет на следующий год. " * 4
    assert read(text.encode("cp1251"), context()).body_text == text


def test_configured_encoding_wins():
    data = "Größe".encode("cp1252")
    assert read(data, context(encoding="cp1252")).body_text == "Größe"
    assert read("Größe".encode("iso-8859-15"), context(encoding="iso-8859-15")).body_text == "Größe"


def test_configured_encoding_that_does_not_fit_is_rejected():
    with pytest.raises(Rejected, match="not valid utf-8"):
        read("Größe".encode("cp1252"), context(encoding="utf-8"))
    # an unknown one never gets this far: the source's file is refused (`melder check`)
    with pytest.raises(ValueError, match="unknown encoding 'klingon-8'"):
        context(encoding="klingon-8")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"%PDF-1.7\n\x00\x01\x02\x03" * 50,
    ],
    ids=["png", "nul-bytes"],
)
def test_binary_data_is_rejected(data):
    with pytest.raises(Rejected, match="looks like binary data, not a text release"):
        read(data, context())


def test_binary_through_read_input_is_kept_as_a_problem():
    raw = read_input(b"\x00\x01\x02garbage\x00" * 20, ".txt", context())
    assert raw.problems and raw.problems[0].field == "input"
    assert "binary" in raw.problems[0].message


def test_title_and_date_header_lines():
    data = "Titel: Fest der Straßenmusik\nDatum: 25.11.2026\n\nDie Stadt lädt ein.\n".encode()
    raw = read(data, context())
    assert raw.title == "Fest der Straßenmusik"
    assert raw.published_text == "25.11.2026"
    assert raw.body_text.strip() == "Die Stadt lädt ein."


def test_title_word_inside_text_is_not_a_header():
    data = b"Erste Zeile\nTitle: not a header here\n"
    raw = read(data, context())
    assert raw.title is None and raw.body_text.startswith("Erste Zeile")


def test_decode_plain_utf8():
    assert decode("äöü".encode()) == "äöü"
