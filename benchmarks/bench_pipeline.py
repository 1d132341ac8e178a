"""Throughput of Melder's pipeline on synthetic releases, run on demand.

    python benchmarks/bench_pipeline.py --n 10000 --store-size 100000

Times, per input format, ingest+normalize+store of N files (one `melder ingest` pass), then
publishing, then republishing one 50-item channel from a store of --store-size releases, and
reports the peak memory. HTML pages are compared with trafilatura alone in the same run.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline import runner
from pipeline.config import load_config
from pipeline.models import Provenance, Release, State, release_id
from pipeline.store import Store

WORDS = (
    "Stadt Rat Bürgermeisterin Projekt Förderung Straße Schule Park Verkehr Umwelt Kultur "
    "Museum Bibliothek Energie Hafen Brücke Bahnhof Sanierung Millionen Euro Woche Montag "
    "Bürgerinnen Bürger Verwaltung Planung Bauarbeiten beginnen enden eröffnet neue große"
).split()
FORMATS = ("txt", "md", "json", "eml", "html")


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraphs(rng: random.Random, count: int = 5) -> list[str]:
    return [" ".join(sentence(rng) for _ in range(4)) for _ in range(count)]


def make_input(fmt: str, index: int, rng: random.Random) -> str:
    title = f"Meldung {index}: " + " ".join(rng.choice(WORDS) for _ in range(6))
    body = paragraphs(rng)
    if fmt == "txt":
        return "Anzeige\n\n" + title + "\n\n" + "\n\n".join(body) + "\n\nPressekontakt:\nAmt\n"
    if fmt == "md":
        return f'---\ntitle: "{title}"\ndate: 2026-11-20 10:00\n---\n\n' + "\n\n".join(body)
    if fmt == "json":
        import json

        return json.dumps({"id": f"bench-{index}", "title": title, "text": "\n\n".join(body)})
    if fmt == "eml":
        return (
            f"From: Presse <presse@example.org>\nSubject: {title}\n"
            f"Message-ID: <bench-{index}@example.org>\nDate: Fri, 20 Nov 2026 10:00:00 +0100\n"
            "Content-Type: text/plain; charset=utf-8\n\n" + "\n\n".join(body)
        )
    return make_page(title, body, rng)


def make_page(title: str, body: list[str], rng: random.Random) -> str:
    """A ~100 KB press page: the article buried in navigation, teasers and ads."""
    nav = "".join(f'<li><a href="/s/{i}">{rng.choice(WORDS)}</a></li>' for i in range(300))
    teasers = "".join(
        f'<div class="teaser"><h3><a href="/t/{i}">{sentence(rng, 6)}</a></h3>'
        f"<p>{sentence(rng, 20)}</p></div>"
        for i in range(120)
    )
    article = "".join(f"<p>{paragraph}</p>" for paragraph in body)
    return (
        f"<!DOCTYPE html><html lang=de><head><meta charset=utf-8><title>{title}</title>"
        f"<script>var a={'x' * 2000!r};</script></head><body><header><nav><ul>{nav}</ul></nav>"
        f'</header><main><article><h1>{title}</h1><p class="date">20.11.2026</p>{article}'
        f'</article><aside class="related">{teasers}</aside></main>'
        f'<div class="ad">Anzeige</div><footer>{teasers}</footer></body></html>'
    )


def build_root(folder: Path, fmt: str, n: int) -> Path:
    rng = random.Random(42)
    inbox = folder / "inbox" / fmt
    inbox.mkdir(parents=True)
    for index in range(n):
        (inbox / f"{index:06d}.{fmt}").write_text(make_input(fmt, index, rng), encoding="utf-8")
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / f"bench-{fmt}.toml").write_text(
        f'title = "Bench {fmt}"\nkind = "files"\npath = "inbox/{fmt}"\nreview = "auto"\n'
        'language = "de"\n',
        encoding="utf-8",
    )
    (folder / "outputs").mkdir(exist_ok=True)
    (folder / "outputs" / "bench.toml").write_text(
        textwrap.dedent(
            """
            title = "Bench"
            description = "Bench"
            link = "https://portal.example/bench"
            [disclaimer]
            text = "Inhalte Dritter; verantwortlich ist allein {source}."
            """
        ),
        encoding="utf-8",
    )
    return folder


def bench_format(fmt: str, n: int, work: Path) -> dict:
    root = build_root(work / fmt, fmt, n)
    config = load_config(root)
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    now = datetime.now(UTC)
    started = time.perf_counter()
    [report] = runner.ingest(config, store, now=now)
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    runner.publish(config, store, now=now)
    publish_s = time.perf_counter() - started
    store.close()
    assert report.new == n and report.invalid == 0, report
    return {
        "format": fmt,
        "n": n,
        "ingest_s": ingest_s,
        "per_s": n / ingest_s,
        "publish_s": publish_s,
    }


def bench_trafilatura(n: int, work: Path) -> float:
    import trafilatura

    pages = [
        p.read_text(encoding="utf-8") for p in sorted((work / "html" / "inbox" / "html").iterdir())
    ]
    pages = pages[:n]
    trafilatura.extract(pages[0])
    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    return len(pages) / (time.perf_counter() - started)


def fill_store(store: Store, size: int) -> None:
    """Put `size` published releases into the store in batches (no parsing involved)."""
    base = datetime(2026, 1, 1, tzinfo=UTC)
    batch = []
    for index in range(size):
        identity = f"fill-{index}"
        batch.append(
            (
                Release(
                    id=release_id("fill", identity),
                    source="fill",
                    identity=identity,
                    title=f"Meldung {index}",
                    slug=f"meldung-{index}",
                    teaser="Kurz.",
                    body_html="<p>Text der Meldung.</p>",
                    text="Text der Meldung.",
                    language="de",
                    published_at=base + timedelta(minutes=index),
                    provenance=Provenance(route="files", received_at=base),
                    content_hash=f"{index:064x}",
                ),
                State.APPROVED,
                None,
            )
        )
        if len(batch) == 5000:
            store.save(batch, now=base, actor="bench")
            batch = []
    if batch:
        store.save(batch, now=base, actor="bench")
    store.publish_due(
        base + timedelta(days=400), lambda release, rid: f"{release.slug}-{rid[:8]}.html"
    )


def bench_republish(size: int, work: Path) -> dict:
    root = build_root(work / "big", "txt", 1)
    config = load_config(root)
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    started = time.perf_counter()
    fill_store(store, size)
    fill_s = time.perf_counter() - started
    now = datetime(2027, 6, 1, tzinfo=UTC)
    runner.publish(config, store, now=now)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        runner.publish(config, store, now=now)
        timings.append(time.perf_counter() - started)
    store.close()
    return {"store_size": size, "fill_s": fill_s, "republish_ms": min(timings) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000, help="inputs per format")
    parser.add_argument("--html-n", type=int, default=None, help="HTML pages (default: --n)")
    parser.add_argument("--store-size", type=int, default=100_000, help="releases for republish")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="melder-bench-"))
    try:
        formats = [fmt for fmt in args.formats.split(",") if fmt and fmt != "none"]
        if formats and args.store_size:
            # each part in its own process, so each peak memory figure is its own
            for part in (["--store-size", "0"], ["--formats", "none"]):
                command = [sys.executable, __file__, *sys.argv[1:], *part]
                subprocess.run(command, check=True)
            return
        for fmt in formats:
            n = args.html_n if fmt == "html" and args.html_n else args.n
            result = bench_format(fmt, n, work)
            print(
                f"{fmt:5} n={n:6d} ingest+normalize+store {result['ingest_s']:7.2f}s "
                f"= {result['per_s']:7.1f}/s   publish {result['publish_s'] * 1000:6.0f} ms"
            )
            if fmt == "html":
                alone = bench_trafilatura(n, work)
                print(f"      trafilatura.extract alone on the same pages: {alone:7.1f}/s")
        if args.store_size:
            result = bench_republish(args.store_size, work)
            print(
                f"republish one 50-item channel from a {result['store_size']:,}-release store: "
                f"{result['republish_ms']:.1f} ms (store filled in {result['fill_s']:.1f}s)"
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this part: {peak:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
