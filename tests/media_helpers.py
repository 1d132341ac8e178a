"""Real image files for media tests: photos with GPS in their EXIF, and broken ones."""

from __future__ import annotations

import io

from PIL import Image

GPS_IFD = 0x8825
MAKE = 0x010F


def photo(
    width: int = 1600,
    height: int = 1000,
    *,
    image_format: str = "JPEG",
    gps: bool = True,
    color: tuple[int, int, int] = (40, 110, 170),
) -> bytes:
    """A photo with a gradient (so scaling does something) and, by default, EXIF GPS."""
    image = Image.new("RGB", (width, height), color)
    stripe = Image.new("RGB", (max(1, width // 4), height), (230, 200, 40))
    image.paste(stripe, (width // 2, 0))
    exif = Image.Exif()
    if gps:
        exif[MAKE] = "Leipzig Camera Works"
        ifd = exif.get_ifd(GPS_IFD)
        ifd[1], ifd[2] = "N", (51.0, 20.0, 10.0)
        ifd[3], ifd[4] = "E", (12.0, 22.0, 5.0)
    buffer = io.BytesIO()
    if image_format == "PNG":
        image.save(buffer, "PNG")
    else:
        image.save(buffer, image_format, exif=exif.tobytes())
    return buffer.getvalue()


def has_gps(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return bool(exif.get_ifd(GPS_IFD)) or MAKE in exif or b"Exif" in image.info.get("exif", b"")
