"""Main-text extraction on HTML corpora with ground truth: quality and speed side by side.

    python benchmarks/bench_extract.py --corpus DIR [--corpus DIR ...] [--extractors NAMES]
        [--rounds 3] [--limit N] [--json-out FILE]

A corpus is a folder with `ground-truth.json`, `html/<id>.html.gz` and optionally `corpus.json`
("name", "format"). The ground truth is one of two formats:

- fulltext, `{id: {"articleBody": ..., "url": ...}}`, scored as the article-extraction-benchmark
  publishes it: multisets of 4-token shingles per page, precision and recall averaged over the
  pages, F1 of the two means; "F1 tok" is the same with single tokens.
- snippets, `{id: {"with": [...], "without": [...], "url": ...}}`, scored as trafilatura's
  evaluation does: a "with" snippet found in the text is a hit, a "without" snippet found is a
  false positive; counts summed over the corpus.

Extractors: melder, trafilatura, trafilatura_fast and, when readability-lxml is installed,
readability; on request also melder_release, the body a release gets from the page (its lead
put back; the headline, the lines above it and picture captions out: a ground truth that holds
the headline scores it lower), and melder_text, the text of the release Melder makes of the page
as a file (`melder extract`: after normalize took furniture lines, the contact and the dateline
apart; a page the release gate refuses scores as empty). All run in this one process on the
raw bytes, page by page in turn (the order rotating), each call timed; pages/s is from each
page's best time over `--rounds`, the texts scored are the first round's. A crash scores as
empty text and counts under `err`; `empty` counts pages for which an extractor returned no text
without crashing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

Extractor = Callable[[bytes], str]

ALL_EXTRACTORS = ("melder", "trafilatura", "trafilatura_fast", "readability")
ON_REQUEST = ("melder_release", "melder_text")
BASELINE = "trafilatura_fast"
ERRORS_SHOWN = 3
TOKEN = re.compile(r"\w+")
# Where the lxml fallback for readability's summary starts a new line, so the words of
# neighbouring blocks do not run together into tokens neither page has.
BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
    "h6 header hr li main nav ol p pre section table td th tr ul".split()
)


@dataclass
class Corpus:
    name: str
    folder: Path
    format: str
    truth: dict[str, dict]
    pages: list[tuple[str, bytes]]
    missing_html: int = 0


@dataclass
class Run:
    """One extractor's pass over a corpus: texts of the first round, best seconds per page."""

    texts: list[str]
    best: list[float]
    errors: list[str] = field(default_factory=list)


# --- corpora -------------------------------------------------------------------------------


def detect_format(meta: dict, truth: dict[str, dict]) -> str:
    if meta.get("format") in ("fulltext", "snippets"):
        return meta["format"]
    first = next(iter(truth.values()), {})
    return "snippets" if "with" in first or "without" in first else "fulltext"


def load_corpus(folder: Path, limit: int | None) -> Corpus:
    """Read and gunzip every page up front, so that none of it lands in the timed calls."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    meta_file = folder / "corpus.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    ids = sorted(truth)
    present = [page_id for page_id in ids if (folder / "html" / f"{page_id}.html.gz").exists()]
    missing = len(ids) - len(present)
    if limit is not None:
        present = present[:limit]
    pages = [
        (page_id, gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()))
        for page_id in present
    ]
    return Corpus(
        name=meta.get("name") or folder.name,
        folder=folder,
        format=detect_format(meta, truth),
        truth={page_id: truth[page_id] for page_id in present},
        pages=pages,
        missing_html=missing,
    )


# --- extractors ----------------------------------------------------------------------------


def melder_extractor() -> Extractor:
    from pipeline.extract import extract_text

    return extract_text


def melder_release_extractor() -> Extractor:
    from pipeline.extract import extract_article

    def extract(html: bytes) -> str:
        return extract_article(html).text

    return extract


def melder_text_extractor() -> Extractor:
    from datetime import UTC, datetime

    from pipeline.config import SourceConfig
    from pipeline.ingest.readers import InputContext, read_input
    from pipeline.normalize import normalize

    source = SourceConfig(title="(benchmark)", kind="files")
    arrived = datetime.now(UTC)

    def extract(html: bytes) -> str:
        context = InputContext(
            source="benchmark", config=source, locator="page.html", received_at=arrived,
            route="extract",
        )  # fmt: skip
        return normalize(read_input(html, ".html", context), source).text

    return extract


def trafilatura_extractor(fast: bool) -> Extractor:
    import trafilatura

    def extract(html: bytes) -> str:
        return (
            trafilatura.extract(html, include_comments=False, include_tables=True, fast=fast) or ""
        )

    return extract


def lxml_fragment_text(fragment: str) -> str:
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for element in root.iter(*BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def readability_extractor() -> Extractor | None:
    try:
        from readability import Document
    except ImportError:
        return None
    try:
        from html_text import extract_text as fragment_text
    except ImportError:
        fragment_text = lxml_fragment_text

    def extract(html: bytes) -> str:
        return fragment_text(Document(html).summary(html_partial=True)) or ""

    return extract


def build_extractors(names: list[str]) -> dict[str, Extractor]:
    builders: dict[str, Callable[[], Extractor | None]] = {
        "melder": melder_extractor,
        "melder_release": melder_release_extractor,
        "melder_text": melder_text_extractor,
        "trafilatura": lambda: trafilatura_extractor(fast=False),
        "trafilatura_fast": lambda: trafilatura_extractor(fast=True),
        "readability": readability_extractor,
    }
    extractors = {}
    for name in names:
        extractor = builders[name]()
        if extractor is None:
            print(
                f"{name}: skipped, readability-lxml is not installed "
                "(pip install readability-lxml; html-text is used for its text when present)"
            )
            continue
        extractors[name] = extractor
    return extractors


def library_versions() -> dict[str, str]:
    versions = {}
    for distribution in ("melder", "trafilatura", "readability-lxml", "html-text", "lxml"):
        try:
            versions[distribution] = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            pass
    return versions


# --- timing --------------------------------------------------------------------------------


def call_timed(extract: Extractor, html: bytes) -> tuple[str, float, Exception | None]:
    started = time.perf_counter()
    try:
        text = extract(html)
    except Exception as error:  # a crash on one page must not end the benchmark
        return "", time.perf_counter() - started, error
    return text, time.perf_counter() - started, None


def run_interleaved(
    corpus: Corpus, extractors: dict[str, Extractor], rounds: int
) -> dict[str, Run]:
    """Every extractor on a page before the next page, so a busy moment of the machine hits all
    of them alike; the order rotates with the page (and the round) so none is always first,
    right behind another's garbage."""
    names = list(extractors)
    count = len(corpus.pages)
    runs = {name: Run(texts=[""] * count, best=[math.inf] * count) for name in names}
    if corpus.pages:
        for name in names:
            call_timed(extractors[name], corpus.pages[0][1])  # imports, caches, first allocations
    for round_number in range(rounds):
        started = time.perf_counter()
        for index, (page_id, html) in enumerate(corpus.pages):
            shift = (index + round_number) % len(names)
            for name in names[shift:] + names[:shift]:
                text, seconds, error = call_timed(extractors[name], html)
                run = runs[name]
                run.best[index] = min(run.best[index], seconds)
                if round_number:
                    continue
                run.texts[index] = text
                if error is not None:
                    run.errors.append(page_id)
                    if len(run.errors) <= ERRORS_SHOWN:
                        message = " ".join(str(error).split())[:200]
                        print(
                            f"  {name} failed on {corpus.name}/{page_id}: "
                            f"{type(error).__name__}: {message}",
                            file=sys.stderr,
                        )
        print(
            f"{corpus.name}: round {round_number + 1}/{rounds}, {count} pages, "
            f"{time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    return runs


# --- scores --------------------------------------------------------------------------------


def shingles(text: str, size: int) -> Counter:
    """Overlapping `size`-token tuples; a shorter text is one shingle, no tokens none."""
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))


def shingle_match(true: str, predicted: str, size: int) -> tuple[float, float, float]:
    """tp, fp, fn over the shingle multisets, as shares of their sum, so that every page weighs
    the same whatever its length."""
    expected, got = shingles(true, size), shingles(predicted, size)
    tp = sum((expected & got).values())
    fp = sum((got - expected).values())
    fn = sum((expected - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_recall(tp: float, fp: float, fn: float) -> tuple[float, float]:
    if fp == fn == 0:
        return 1.0, 1.0
    precision = 0.0 if tp == fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == fn == 0 else tp / (tp + fn)
    return precision, recall


def harmonic(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def score_shingles(pairs: list[tuple[str, str]], size: int) -> tuple[dict, list[float]]:
    """Corpus precision, recall and F1 at one shingle size, and each page's own F1."""
    precisions, recalls, page_f1 = [], [], []
    for true, predicted in pairs:
        tp, fp, fn = shingle_match(true, predicted, size)
        precision, recall = precision_recall(tp, fp, fn)
        # a page contributes a precision only if something was predicted, a recall only if it
        # has a text to find: what the published benchmark averages
        if tp + fp > 0:
            precisions.append(precision)
        if tp + fn > 0:
            recalls.append(recall)
        page_f1.append(harmonic(precision, recall))
    precision, recall = mean(precisions), mean(recalls)
    return {"f1": harmonic(precision, recall), "precision": precision, "recall": recall}, page_f1


def score_fulltext(corpus: Corpus, run: Run) -> dict:
    pairs = [
        (corpus.truth[page_id].get("articleBody") or "", text)
        for (page_id, _), text in zip(corpus.pages, run.texts, strict=True)
    ]
    scores, page_f1 = score_shingles(pairs, 4)
    tokens, _ = score_shingles(pairs, 1)
    ids = [page_id for page_id, _ in corpus.pages]
    return {
        **scores,
        "f1_tok": tokens["f1"],
        "precision_tok": tokens["precision"],
        "recall_tok": tokens["recall"],
        "per_doc_f1": dict(zip(ids, page_f1, strict=True)),
    }


def normalize_space(text: str) -> str:
    return " ".join(text.split())


def score_snippets(corpus: Corpus, run: Run) -> dict:
    tp = fp = fn = tn = 0
    for (page_id, _), text in zip(corpus.pages, run.texts, strict=True):
        predicted = normalize_space(text)
        truth = corpus.truth[page_id]
        for snippet in truth.get("with") or []:
            if normalize_space(snippet) in predicted:
                tp += 1
            else:
                fn += 1
        for snippet in truth.get("without") or []:
            if normalize_space(snippet) in predicted:
                fp += 1
            else:
                tn += 1
    total = tp + fp + fn + tn
    return {
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


def evaluate(corpus: Corpus, runs: dict[str, Run]) -> dict[str, dict]:
    results = {}
    for name, run in runs.items():
        score = score_fulltext if corpus.format == "fulltext" else score_snippets
        seconds = sum(run.best)
        crashed = set(run.errors)
        results[name] = {
            **score(corpus, run),
            "empty": sum(
                1
                for (page_id, _), text in zip(corpus.pages, run.texts, strict=True)
                if not text.strip() and page_id not in crashed
            ),
            "err": len(run.errors),
            "errors": run.errors,
            "seconds": seconds,
            "pages_per_s": len(run.best) / seconds if seconds > 0 else 0.0,
        }
    return results


# --- output --------------------------------------------------------------------------------


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def corpus_table(corpus: Corpus, results: dict[str, dict]) -> str:
    fulltext = corpus.format == "fulltext"
    header = ["extractor", "F1", "P", "R", "F1 tok" if fulltext else "acc", "empty", "err"]
    header.append("pages/s")
    baseline = results.get(BASELINE, {}).get("pages_per_s")
    if baseline:
        header.append("× trafilatura fast")
    rows = []
    for name, result in results.items():
        row = [name] + [
            f"{result[key]:.3f}"
            for key in ("f1", "precision", "recall", "f1_tok" if fulltext else "accuracy")
        ]
        row += [str(result["empty"]), str(result["err"]), f"{result['pages_per_s']:.1f}"]
        if baseline:
            row.append(f"{result['pages_per_s'] / baseline:.2f}×")
        rows.append(row)
    return markdown_table(header, rows)


def summary_table(evaluated: list[tuple[Corpus, dict[str, dict]]]) -> str:
    names = list(dict.fromkeys(name for _, results in evaluated for name in results))
    header = ["extractor"] + [f"{corpus.name} F1" for corpus, _ in evaluated]
    rows = [
        [name]
        # four decimals: extractors often tie at three
        + [f"{results[name]['f1']:.4f}" if name in results else "–" for _, results in evaluated]
        for name in names
    ]
    return markdown_table(header, rows)


def json_report(evaluated: list[tuple[Corpus, dict[str, dict]]], args: argparse.Namespace) -> dict:
    return {
        "rounds": args.rounds,
        "limit": args.limit,
        "python": sys.version.split()[0],
        "versions": library_versions(),
        "corpora": [
            {
                "name": corpus.name,
                "folder": str(corpus.folder),
                "format": corpus.format,
                "pages": len(corpus.pages),
                "missing_html": corpus.missing_html,
                "extractors": results,
            }
            for corpus, results in evaluated
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus", type=Path, action="append", required=True, help="corpus folder, repeatable"
    )
    parser.add_argument(
        "--extractors",
        default=",".join(ALL_EXTRACTORS),
        help="comma-separated, of " + ", ".join(ALL_EXTRACTORS + ON_REQUEST),
    )
    parser.add_argument("--rounds", type=int, default=3, help="passes; each page's best time")
    parser.add_argument("--limit", type=int, help="only the first N pages (sorted ids) of each")
    parser.add_argument("--json-out", type=Path, help="write every figure to this JSON file")
    args = parser.parse_args()
    names = [name.strip() for name in args.extractors.split(",") if name.strip()]
    unknown = sorted(set(names) - set(ALL_EXTRACTORS + ON_REQUEST))
    if unknown:
        parser.error(f"unknown extractors: {', '.join(unknown)}")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    extractors = build_extractors(list(dict.fromkeys(names)))
    if not extractors:
        parser.error("no extractor left to run")
    versions = library_versions()
    print(", ".join(f"{name} {version}" for name, version in versions.items()))
    evaluated = []
    for folder in args.corpus:
        corpus = load_corpus(folder, args.limit)
        if corpus.missing_html:
            print(
                f"{corpus.name}: {corpus.missing_html} ground-truth ids without a page, left out",
                file=sys.stderr,
            )
        results = evaluate(corpus, run_interleaved(corpus, extractors, args.rounds))
        evaluated.append((corpus, results))
        print(
            f"\n### {corpus.name} ({corpus.format}, {len(corpus.pages)} pages, "
            f"best of {args.rounds})\n"
        )
        print(corpus_table(corpus, results), flush=True)
    print("\n### F1 per corpus\n")
    print(summary_table(evaluated))
    if args.json_out:
        args.json_out.write_text(
            json.dumps(json_report(evaluated, args), indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
