"""What a press photo costs Melder, run on demand.

    python benchmarks/bench_media.py --rounds 5 --n 200

1. Per image, by size: decoding and encoding the kept copy (`clean_image`: EXIF gone, at most
   4000 px) and making the portal's renditions (1200 and 400 px JPEG, and WebP), median of
   `--rounds` runs.
2. In the pipeline: `melder ingest` of `--n` HTML releases, each with one 1600×1000 photo
   beside it, against the same releases without photos, each run its own process; the
   difference per release is what a photo adds to ingest. Then `melder publish` of both.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from pipeline.media import clean_image, rendition

SIZES = [(1600, 1000, "JPEG"), (4000, 3000, "JPEG"), (6000, 4000, "JPEG"), (2000, 1500, "PNG")]


def sample_photo(width: int, height: int, image_format: str) -> bytes:
    """A photo-like picture: noise compresses like a real photo, unlike flat colours."""
    noise = Image.effect_noise((width, height), 60).convert("RGB")
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    picture = Image.blend(noise, gradient, 0.6)
    buffer = io.BytesIO()
    picture.save(buffer, image_format, **({"quality": 90} if image_format == "JPEG" else {}))
    return buffer.getvalue()


def timed(action, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def per_image(rounds: int) -> None:
    print("image                      bytes   clean ms  1200 ms  400 ms  webp1200 ms")
    for width, height, image_format in SIZES:
        data = sample_photo(width, height, image_format)
        master = clean_image(data).data
        cells = [
            timed(lambda data=data: clean_image(data), rounds),
            timed(lambda master=master: rendition(master, 1200), rounds),
            timed(lambda master=master: rendition(master, 400), rounds),
            timed(lambda master=master: rendition(master, 1200, "webp"), rounds),
        ]
        label = f"{width}×{height} {image_format}"
        print(f"{label:24} {len(data):>8,} " + " ".join(f"{cell:>8.1f}" for cell in cells))


PAGE = """<html lang="de"><head><title>Meldung {n}</title></head><body><main><article>
<h1>Stadt meldet Neuigkeit Nummer {n}</h1>{figure}
<p>Die Stadt hat am Mittwoch das Vorhaben {n} vorgestellt, das im kommenden Jahr beginnen soll
und von Bürgerinnen und Bürgern mitgeplant wurde. Die Kosten liegen bei {n} tausend Euro.</p>
<p>Der Rat entscheidet im Dezember; die Unterlagen zum Vorhaben {n} liegen im Rathaus aus.</p>
</article></main></body></html>"""
FIGURE = (
    '<figure><img src="foto-{n}.jpg" alt="Bild {n}">'
    "<figcaption>Bild {n}. Foto: Stadt</figcaption></figure>"
)


def make_root(folder: Path, count: int, photos: bool) -> Path:
    root = folder / ("with" if photos else "without")
    inbox = root / "in"
    inbox.mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "outputs").mkdir()
    (root / "sources" / "stadt.toml").write_text(
        'title = "Stadt"\nkind = "files"\npath = "in"\nreview = "auto"\nlanguage = "de"\n'
    )
    (root / "outputs" / "portal.toml").write_text(
        'title = "Portal"\ndescription = "d"\nlink = "https://portal.example/m"\n'
        '[disclaimer]\ntext = "Inhalte Dritter: {source}."\n'
    )
    shots = [sample_photo(1600, 1000, "JPEG") for _ in range(4)] if photos else []
    for n in range(count):
        figure = FIGURE.format(n=n) if photos else ""
        (inbox / f"meldung-{n}.html").write_text(PAGE.format(n=n, figure=figure))
        if photos:  # four pictures, each made unique by one pixel, so nothing is deduplicated
            image = Image.open(io.BytesIO(shots[n % 4]))
            image.putpixel((n % 1600, n // 1600), (n % 256, 0, 0))
            image.save(inbox / f"foto-{n}.jpg", "JPEG", quality=90)
    return root


def melder(root: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(root), *args],
        check=True,
        capture_output=True,
        env={**os.environ, "MELDER_DATABASE_URL": f"sqlite:///{root / 'var' / 'melder.db'}"},
    )
    return time.perf_counter() - started


def in_the_pipeline(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        roots = {photos: make_root(Path(folder), count, photos) for photos in (False, True)}
        ingest = {photos: melder(root, "ingest") for photos, root in roots.items()}
        publish = {photos: melder(root, "publish") for photos, root in roots.items()}
    for step, seconds in (("ingest", ingest), ("publish", publish)):
        extra = (seconds[True] - seconds[False]) / count * 1000
        print(
            f"{step:8} {count} releases: {seconds[False]:.2f} s without photos, "
            f"{seconds[True]:.2f} s with one each: +{extra:.1f} ms per photo"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=200)
    options = parser.parse_args()
    per_image(options.rounds)
    in_the_pipeline(options.n)


if __name__ == "__main__":
    main()
