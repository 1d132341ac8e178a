"""Images made safe and small with Pillow: decoded and encoded again, never passed through.

Encoding anew drops EXIF (GPS positions, camera serials), comments and ICC blobs, and turns a
polyglot (a JPEG that is also a script or an archive) into a plain picture. The pixel count is
checked from the header before any pixel is decoded, so a decompression bomb costs nothing.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

# Pillow's own guard, in case a check below is ever bypassed: above twice this it refuses.
Image.MAX_IMAGE_PIXELS = 50_000_000
MAX_PIXELS = 50_000_000  # a 50-megapixel camera is the largest a press photo needs
MASTER_EDGE = 3000  # the kept copy's longest side: a 1200 px rendition twice and more
MIN_EDGE = 120  # smaller is an icon, a logo in a signature or a tracking pixel
READABLE = ("JPEG", "PNG", "GIF", "WEBP", "TIFF", "BMP")
JPEG_QUALITY = {"master": 90, "rendition": 82}
# A 50-megapixel picture with transparency takes some 600 MB while it is decoded: the web
# app's threads decode two at a time, so a burst of uploads cannot take the server's memory.
_DECODING = threading.BoundedSemaphore(2)


class BadImage(ValueError):
    """An image Melder will not keep; the message says why, for the editor."""


@dataclass(frozen=True, slots=True)
class CleanImage:
    data: bytes
    content_type: str  # image/jpeg, or image/png for pictures with transparency
    width: int
    height: int


def clean_image(data: bytes) -> CleanImage:
    """The picture in `data` as a fresh JPEG (or PNG when it has transparency), at most
    MASTER_EDGE pixels on its longest side. Raises BadImage saying what is wrong."""
    with _DECODING:
        return _cleaned(data)


def _cleaned(data: bytes) -> CleanImage:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=READABLE)
        except Image.DecompressionBombError as exc:
            raise BadImage(f"it has too many pixels ({exc})") from None
        except Image.DecompressionBombWarning:
            raise BadImage(f"it has more than {MAX_PIXELS:,} pixels") from None
        except (OSError, ValueError) as exc:
            raise BadImage(f"it is not an image Melder can read ({_short(exc)})") from None
        with image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise BadImage(f"{width}×{height} px is more than {MAX_PIXELS:,} pixels")
            if min(width, height) < MIN_EDGE:
                raise BadImage(f"{width}×{height} px is too small for a press photo")
            try:
                image.seek(0)  # an animation keeps its first frame only
                if image.format == "JPEG" and max(width, height) > MASTER_EDGE:
                    # libjpeg decodes at 1/2, 1/4 or 1/8 of the size where that still covers
                    # the kept size: a 24-megapixel photo costs a quarter of the time
                    image.draft("RGB", _master_size(width, height))
                image.load()
                picture = ImageOps.exif_transpose(image)
            except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
                raise BadImage(f"the file is truncated or damaged ({_short(exc)})") from None
            except Image.DecompressionBombWarning:
                raise BadImage(f"it has more than {MAX_PIXELS:,} pixels") from None
            return _encode_master(picture)


def _encode_master(picture: Image.Image) -> CleanImage:
    transparent = picture.mode in ("RGBA", "LA", "PA") or (
        picture.mode == "P" and "transparency" in picture.info
    )
    picture = picture.convert("RGBA" if transparent else "RGB")
    picture.info = {}  # a JPEG comment ('Fotograf …, Mobil …') is copied by every save else
    if max(picture.size) > MASTER_EDGE:
        # bicubic is enough for a copy every rendition is scaled from again with Lanczos
        picture = picture.resize(_master_size(*picture.size), Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    if transparent:
        picture.save(buffer, "PNG", optimize=True)
        content_type = "image/png"
    else:
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY["master"])
        content_type = "image/jpeg"
    return CleanImage(buffer.getvalue(), content_type, picture.width, picture.height)


def _master_size(width: int, height: int) -> tuple[int, int]:
    scale = MASTER_EDGE / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


RENDITION_FORMATS = {"jpeg": ("JPEG", "jpg", "image/jpeg"), "webp": ("WEBP", "webp", "image/webp")}


def rendition(master: bytes, width: int, image_format: str = "jpeg") -> bytes:
    """The kept image scaled to `width` (never up) in the portal's format; same input, same
    bytes, so a rendition once written never changes."""
    return renditions(master, [width], image_format)[width]


def renditions(master: bytes, widths: list[int], image_format: str = "jpeg") -> dict[int, bytes]:
    """Every width of one kept image, decoded once (and no larger than the widest needs)."""
    pillow_format = RENDITION_FORMATS[image_format][0]
    with Image.open(io.BytesIO(master), formats=("JPEG", "PNG")) as image:
        full = image.size  # sizes follow the kept image, whatever the decoder's shortcut gives
        if image.format == "JPEG":
            image.draft("RGB", rendition_size(*full, max(widths)))
        source = image.convert("RGBA") if image.mode in ("RGBA", "LA") else image.convert("RGB")
    made = {}
    for width in widths:
        size = rendition_size(*full, width)
        picture = source
        if picture.size != size:
            picture = picture.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        made[width] = _encode_rendition(picture, pillow_format)
    return made


def _encode_rendition(picture: Image.Image, pillow_format: str) -> bytes:
    if picture.mode == "RGBA" and pillow_format == "JPEG":
        # JPEG has no transparency: white, as a portal page behind the picture mostly is
        background = Image.new("RGB", picture.size, "white")
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    buffer = io.BytesIO()
    if pillow_format == "JPEG":
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY["rendition"], optimize=True)
    else:
        picture.save(buffer, "WEBP", quality=80, method=4)
    return buffer.getvalue()


def rendition_size(width: int, height: int, target: int) -> tuple[int, int]:
    """The pixel size `rendition` gives, known without opening the file."""
    if width <= target:
        return width, height
    return target, max(1, round(height * target / width))


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
