"""What a file is, told from its bytes: an office document's zip is looked into, never
unpacked whole."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

from pipeline.media.sniff import sniff


def _document(mimetype: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document/>")
    return buffer.getvalue()


def test_an_open_document_is_known_by_its_mimetype_entry():
    kind = sniff(_document(b"application/vnd.oasis.opendocument.text"))
    assert kind.kind == "document" and kind.extension == "odt"


def test_a_mimetype_entry_that_unpacks_to_hundreds_of_megabytes_is_not_unpacked():
    bomb = _document(b"application/vnd.oasis.opendocument.text" + b" " * 300_000_000)
    assert len(bomb) < 1_000_000
    tracemalloc.start()
    try:
        sniff(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10_000_000  # the entry's 300 MB were never in memory
