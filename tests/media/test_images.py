"""Images are decoded and encoded anew: what a sender hid in them never reaches a portal, and
a broken, huge, tiny or disguised file is refused with a reason, never a crash."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from pipeline.media import BadImage, MediaFetcher, MediaLibrary, clean_image, rendition, sniff
from pipeline.models import MediaInput
from tests.media_helpers import has_gps, photo


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header and holds almost no data: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_photo_loses_its_gps_position_and_camera_but_keeps_its_picture():
    original = photo(1600, 1000)
    assert has_gps(original) and b"Leipzig Camera Works" in original
    clean = clean_image(original)
    assert (clean.content_type, clean.width, clean.height) == ("image/jpeg", 1600, 1000)
    assert not has_gps(clean.data) and b"Leipzig Camera Works" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.getpixel((10, 10)) == pytest.approx((40, 110, 170), abs=4)


def test_the_same_photo_always_gives_the_same_bytes():
    assert clean_image(photo()).data == clean_image(photo()).data
    master = clean_image(photo()).data
    assert rendition(master, 400) == rendition(master, 400)


def test_a_rotated_camera_photo_is_turned_upright_before_the_tag_goes():
    image = Image.new("RGB", (800, 400), (10, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    clean = clean_image(buffer.getvalue())
    assert (clean.width, clean.height) == (400, 800)


def test_transparency_is_kept_as_png_and_flattened_on_white_for_jpeg_renditions():
    image = Image.new("RGBA", (600, 400), (255, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    clean = clean_image(buffer.getvalue())
    assert clean.content_type == "image/png"
    with Image.open(io.BytesIO(rendition(clean.data, 300))) as scaled:
        assert scaled.format == "JPEG" and scaled.size == (300, 200)
        assert scaled.getpixel((5, 5)) == pytest.approx((255, 255, 255), abs=3)


def test_a_huge_photo_is_kept_at_most_3000_pixels_wide_and_renditions_never_scale_up():
    clean = clean_image(photo(6000, 3000, gps=False))
    assert (clean.width, clean.height) == (3000, 1500)
    small = clean_image(photo(500, 300, gps=False))
    with Image.open(io.BytesIO(rendition(small.data, 1200))) as image:
        assert image.size == (500, 300)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not an image at all, just text", "neither an image"),
        (photo()[:4000], "truncated or damaged"),
        (png_header_only(100_000, 100_000), "pixels"),
        (png_header_only(12_000, 6_000), "more than 50,000,000 pixels"),
        (photo(80, 80), "too small for a press photo"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG"),
        (b"MZ\x90\x00" + b"\x00" * 200, "neither an image"),
        (b"PK\x03\x04" + b"\x00" * 200, "neither an image"),
    ],
    ids=["text", "truncated", "bomb", "too-many-pixels", "icon", "svg", "exe", "zip"],
)
def test_what_is_not_a_clean_photo_is_left_out_with_its_reason(tmp_path, data, reason):
    fetcher = MediaFetcher(MediaLibrary(tmp_path))
    named = MediaInput(data=data, filename="foto.jpg", declared_type="image/jpeg")
    kept, notes = fetcher.collect((named,))
    assert kept == ()
    [note] = notes
    assert note.startswith("image foto.jpg left out: ") and reason in note
    assert not (tmp_path / "var" / "media").exists() or not any(
        (tmp_path / "var" / "media").rglob("*.jpg")
    )


def test_a_pdf_is_kept_as_a_document_whatever_its_name():
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    assert sniff(pdf).kind == "document"


def test_an_animated_bomb_keeps_one_frame_or_is_refused_for_its_canvas():
    frames = [Image.new("P", (400, 300), index) for index in range(50)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], loop=0)
    clean = clean_image(buffer.getvalue())
    with Image.open(io.BytesIO(clean.data)) as image:
        assert getattr(image, "n_frames", 1) == 1
    huge_canvas = bytearray(buffer.getvalue())
    huge_canvas[6:10] = struct.pack("<HH", 65000, 65000)  # logical screen 65000×65000
    with pytest.raises(BadImage):
        clean_image(bytes(huge_canvas))


def test_a_polyglot_loses_whatever_rode_along_behind_the_picture():
    payload = b"<script>alert(document.cookie)</script>PK\x03\x04 zip"
    clean = clean_image(photo() + payload)
    assert b"<script>" not in clean.data and b"PK\x03\x04" not in clean.data


def test_the_type_comes_from_the_bytes_never_the_name():
    assert sniff(photo(image_format="PNG")).content_type == "image/png"
    assert sniff(b"<html><body>hi</body></html>").kind == "unknown"
    assert sniff(b"MZ\x90\x00 an executable").kind == "unknown"


def test_a_comment_in_the_photo_reaches_neither_the_kept_copy_nor_a_rendition():
    for size in ((1200, 800), (4000, 2600)):
        buffer = io.BytesIO()
        secret = "Bildrechte ungeklärt – nur intern! Mobil 0171 2345678".encode()
        Image.new("RGB", size, (40, 110, 170)).save(buffer, "JPEG", comment=secret)
        assert b"Mobil 0171" in buffer.getvalue()
        clean = clean_image(buffer.getvalue())
        assert b"Mobil 0171" not in clean.data
        assert b"Mobil 0171" not in rendition(clean.data, 400)
        with Image.open(io.BytesIO(clean.data)) as image:
            assert "comment" not in image.info


def test_at_most_two_pictures_are_decoded_at_once(monkeypatch):
    import threading

    from pipeline.media import images

    running, most, lock = [0], [0], threading.Lock()
    decode = images._cleaned

    def counted(data):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            return decode(data)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(images, "_cleaned", counted)
    big = photo(4000, 3000, gps=False)
    threads = [threading.Thread(target=clean_image, args=(big,)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 2
