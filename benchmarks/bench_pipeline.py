"""Throughput and memory of Melder's pipeline on synthetic releases, run on demand.

    python benchmarks/bench_pipeline.py --n 1000,10000,100000 --store-sizes 1000,10000,100000

1. `melder ingest` of N files per format, each run its own process: releases per second
   (the process start subtracted) and peak RSS; with `--rounds R`, R ingests into a new
   store each, the median rate with min and max (the machine's speed swings by several
   per cent within minutes).
2. HTML: Melder's read+extract against `trafilatura.extract(fast=True)` on the same pages,
   interleaved in one process.
3. Stores of each size shaped like a portal's history (ten sources; half dated, half an
   undated backlog released at once; a page per release on disk): first publish per
   release, republish of a 50-item channel of every source and of a `sources` list, and the
   channel query alone. Flat means the same figure at every size.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
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


def run_measured(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run a command as its own process: (wall seconds, its peak RSS in MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command} failed with {process.returncode}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def bench_ingest(fmt: str, n: int, work: Path, rounds: int = 1) -> dict:
    """`melder ingest` of one files source as a user runs it: throughput and peak memory, each
    round into a new store. The same command on an empty folder gives the fixed cost (start,
    imports, store), which the rate leaves out."""
    root = build_root(work / f"{fmt}-{n}", fmt, n)
    command = [sys.executable, "-m", "pipeline", "--root", str(root), "ingest"]
    empty = build_root(work / f"{fmt}-empty", fmt, 0)
    startup, _ = run_measured([*command[:3], "--root", str(empty), "ingest"], empty)
    runs = []
    for _ in range(rounds):
        shutil.rmtree(root / "var", ignore_errors=True)
        runs.append(run_measured(command, root))
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(empty, ignore_errors=True)
    rates = sorted(n / max(seconds - startup, 1e-9) for seconds, _ in runs)
    return {
        "format": fmt,
        "n": n,
        "seconds": statistics.median(seconds for seconds, _ in runs),
        "peak_mb": max(peak for _, peak in runs),
        "startup_s": startup,
        "rates": rates,
    }


def bench_html_against_trafilatura(n: int, work: Path, rounds: int = 3) -> None:
    """Melder's extraction and `trafilatura.extract(fast=True)` on the same pages, interleaved
    in one process (page by page, alternating which goes first), best of `rounds`."""
    import trafilatura

    from pipeline.config import SourceConfig
    from pipeline.ingest.readers import InputContext, read_input

    rng = random.Random(7)
    pages = [make_input("html", index, rng) for index in range(n)]
    source = SourceConfig(title="Bench", kind="files", path="inbox", review="auto")
    context = InputContext(source="bench", config=source, locator="page.html",
                           received_at=datetime.now(UTC), route="files")  # fmt: skip
    melder_s, fast_s = [], []
    for _ in range(rounds):
        mine = theirs = 0.0
        for index, page in enumerate(pages):
            data = page.encode()
            order = (0, 1) if index % 2 else (1, 0)
            for which in order:
                started = time.perf_counter()
                if which == 0:
                    read_input(data, ".html", context)
                else:
                    trafilatura.extract(page, fast=True)
                elapsed = time.perf_counter() - started
                if which == 0:
                    mine += elapsed
                else:
                    theirs += elapsed
        melder_s.append(mine)
        fast_s.append(theirs)
    print(
        f"html  n={n:6d} Melder read+extract {n / min(melder_s):7.1f}/s   "
        f"trafilatura.extract(fast=True) {n / min(fast_s):7.1f}/s   "
        f"ratio {min(fast_s) / min(melder_s):.2f}x"
    )


def fill_store(config, store: Store, size: int, sources: int = 10) -> dict:
    """A store shaped like a portal's history: `size` live releases over `sources` sources,
    half of them dated (each its own time), half an undated backlog released in one publish,
    so they share one sort time. Each half goes out in one `publish` (every page written);
    returns µs per release of each."""
    base = datetime(2026, 1, 1, tzinfo=UTC)
    batch: list = []
    half = size // 2

    def release(index: int) -> Release:
        source = f"s{index % sources}"
        identity = f"fill-{index}"
        dated = index < half
        return Release(
            id=release_id(source, identity),
            source=source,
            identity=identity,
            title=f"Meldung {index}",
            slug=f"meldung-{index}",
            teaser="Kurz.",
            body_html=f"<p>Text der Meldung {index}.</p>",
            text=f"Text der Meldung {index} mit ein paar Worten mehr für den Vergleich.",
            language="de",
            published_at=base + timedelta(minutes=index) if dated else None,
            provenance=Provenance(route="files", received_at=base),
            content_hash=f"{index:064x}",
        )

    timings = {}
    for label, indexes, now in (
        ("dated", range(half), base + timedelta(days=200)),
        ("backlog", range(half, size), base + timedelta(days=300)),
    ):
        for index in indexes:
            batch.append((release(index), State.APPROVED, None))
            if len(batch) == 2000:
                store.save(batch, now=now, actor="bench")
                batch = []
        if batch:
            store.save(batch, now=now, actor="bench")
            batch = []
        started = time.perf_counter()
        released = runner.publish(config, store, now=now).published
        timings[label] = (time.perf_counter() - started) / max(len(released), 1) * 1e6
    return timings


def channel_toml(name: str, sources: str) -> str:
    return textwrap.dedent(
        f"""
        title = "{name}"
        description = "Bench"
        link = "https://portal.example/{name}"
        sources = {sources}
        [disclaimer]
        text = "Inhalte Dritter; verantwortlich ist allein {{source}}."
        """
    )


def bench_store_shapes(size: int, work: Path) -> dict:
    """Republish and channel queries in a store of `size` releases (see `fill_store`), with a
    page per release on disk for both channels."""
    root = build_root(work / f"store-{size}", "txt", 1)
    (root / "outputs" / "bench.toml").unlink()
    (root / "outputs" / "all.toml").write_text(channel_toml("all", '["*"]'), encoding="utf-8")
    (root / "outputs" / "two.toml").write_text(
        channel_toml("two", '["s3", "s7"]'), encoding="utf-8"
    )
    for number in range(10):
        (root / "sources" / f"s{number}.toml").write_text(
            f'title = "Quelle {number}"\nkind = "files"\npath = "inbox/txt"\nenabled = false\n',
            encoding="utf-8",
        )
    config = load_config(root)
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    started = time.perf_counter()
    per_release = fill_store(config, store, size)
    now = datetime(2027, 6, 1, tzinfo=UTC)
    result = {"size": size, "fill_s": time.perf_counter() - started, **per_release}
    for channel, sources in (("all", None), ("two", ["s3", "s7"])):
        timings = []
        for _ in range(5):
            begun = time.perf_counter()
            runner.publish(config, store, [channel], now=now)
            timings.append(time.perf_counter() - begun)
        result[f"republish_{channel}_ms"] = min(timings) * 1000
        queries = []
        for _ in range(5):
            begun = time.perf_counter()
            store.entries(sources, 50, withdrawn_since=now - timedelta(days=7))
            queries.append(time.perf_counter() - begun)
        result[f"entries_{channel}_ms"] = min(queries) * 1000
    result["files_on_disk"] = sum(1 for _ in (root / "outputs" / "all" / "releases").iterdir())
    store.close()
    shutil.rmtree(root, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", default="1000,10000", help="inputs per format, comma-separated")
    parser.add_argument("--formats", default="txt,md,json,eml")
    parser.add_argument(
        "--rounds", type=int, default=1, help="ingests per format and size: median, min, max"
    )
    parser.add_argument("--html-n", type=int, default=300, help="pages for the HTML comparison")
    parser.add_argument(
        "--store-sizes", default="1000,10000", help="store sizes for republish and backlogs"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="melder-bench-"))
    try:
        for n in [int(value) for value in args.n.split(",") if value]:
            for fmt in [fmt for fmt in args.formats.split(",") if fmt]:
                r = bench_ingest(fmt, n, work, args.rounds)
                rates = r["rates"]
                spread = f" (min {rates[0]:.0f}, max {rates[-1]:.0f})" if len(rates) > 1 else ""
                print(
                    f"ingest {fmt:4} n={n:7,d}  {r['seconds']:7.1f} s  "
                    f"{statistics.median(rates):7.0f} releases/s{spread} "
                    f"(after {r['startup_s']:.1f} s start)  peak RSS {r['peak_mb']:6.0f} MB"
                )
        if args.html_n:
            bench_html_against_trafilatura(args.html_n, work)
        for size in [int(value) for value in args.store_sizes.split(",") if value]:
            r = bench_store_shapes(size, work)
            print(
                f"store {size:7,d}: first publish per release {r['dated']:6.0f} µs (dated), "
                f"{r['backlog']:6.0f} µs (undated backlog); "
                f"republish 50 items: every source {r['republish_all_ms']:6.1f} ms, "
                f"sources list {r['republish_two_ms']:6.1f} ms; "
                f"entries query {r['entries_all_ms']:5.1f} / {r['entries_two_ms']:5.1f} ms; "
                f"{r['files_on_disk']:,} pages on disk"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
