"""The pipeline's stages in order: ingest → normalize → store → (review) → publish.

Each function names its stages and holds no stage logic; the CLI, the scheduler and the web
call them. One broken source or input never stops the rest: it is recorded and skipped.

In: the configuration, the store and the clock. Out: stored releases, written channel files
and a report of each run (`reports`). May import: every stage below it (`publish`, `review`,
`store`, `normalize`, `media`, `ingest`, `config`, `models`, `errors`, `atomic`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from pipeline.config import Config, SourceConfig
from pipeline.config.settings import Settings
from pipeline.errors import MelderError, Rejected, SourceError
from pipeline.ingest import FETCHING, KINDS
from pipeline.ingest.base import KnownInputs, keep_original
from pipeline.ingest.client import HttpClient
from pipeline.ingest.readers import InputContext, read_input
from pipeline.media import MediaFetcher
from pipeline.models import RawRelease, Release
from pipeline.normalize.fingerprint import Fingerprint
from pipeline.review import arrival_state
from pipeline.runner.normalizing import (
    fewer_collections,
    normalized,
    safe_normalize,
    worker_count,
)
from pipeline.runner.publishing import channel_entries, publish, publish_plan, routed_sources
from pipeline.runner.reports import Progress, RunReport, SourceReport
from pipeline.store import Saved, Store
from pipeline.store.engine import failure_line, is_store_failure
from pipeline.store.health import HealthBook
from pipeline.store.http_validators import StoredValidators

log = logging.getLogger(__name__)

__all__ = [
    "Progress",
    "RunReport",
    "SourceReport",
    "channel_entries",
    "ingest",
    "ingest_source",
    "keep_submission",
    "publish",
    "publish_plan",
    "replacing",
    "routed_sources",
    "run_once",
    "safe_normalize",
    "store_raws",
    "submit",
]


# Inputs are normalized and committed together in chunks of at most this many, or of what
# this many seconds brought: a kill keeps every earlier chunk, and memory stays flat. Larger
# chunks write each index page they touch once for more releases: in a store of 10,000
# releases a chunk of 1,000 costs a quarter less per release than one of 200. Filling a store
# to 100,000, chunks of 2,000 took the saving process 14-18 % less CPU than chunks of 1,000,
# and 26 MB more memory at its peak; 1,500 is half-way in both.
STORE_CHUNK = 1500
STORE_SECONDS = 2.0
# The last chunk is committed after the workers have finished: the chunks shrink towards the
# end of a batch of known size, so that little is left to do alone.
LAST_CHUNK = 100


def chunk_size(total: int | None, done: int) -> int:
    """How many releases the next chunk commits, with `done` of `total` committed: a third of
    what remains (between LAST_CHUNK and STORE_CHUNK), while the workers normalize the rest."""
    if not total:
        return STORE_CHUNK
    return max(LAST_CHUNK, min(STORE_CHUNK, (total - done) // 3))


def store_raws(
    store: Store,
    source_name: str,
    source: SourceConfig,
    raws: Iterable[tuple[RawRelease, str | None]],
    *,
    now: datetime,
    actor: str,
    progress: Progress | None = None,
    total: int | None = None,
    media: MediaFetcher | None = None,
    workers: int = 1,
) -> Iterator[tuple[Release, Saved]]:
    """Normalize and store what one source brought, a transaction per chunk of inputs; with
    `media`, the inputs' photos and documents are fetched and kept on the way. With more
    than one of `workers`, a large batch is normalized in worker processes.

    Yields each (release, saved) once its chunk is committed; nothing is kept after that, so
    a source of any size is read in the memory of one chunk.
    """
    if total is None and isinstance(raws, list | tuple):
        total = len(raws)
    done = 0
    if progress:
        progress(source_name, 0, total or 0)
    chunk: list[tuple[Release, Fingerprint | None, str | None]] = []
    started = time.monotonic()

    def commit() -> list[tuple[Release, Saved]]:
        nonlocal done
        items = [(release, arrival_state(source, release, now), loc) for release, _, loc in chunk]
        prints = {release.id: print_ for release, print_, _ in chunk if print_ is not None}
        saved = store.save(items, now=now, actor=actor, fingerprints=prints)
        stored = list(zip([release for release, _, _ in chunk], saved, strict=True))
        chunk.clear()
        done += len(stored)
        if progress:
            progress(source_name, done, max(total or 0, done))
        return stored

    for item in normalized(raws, source, media=media, total=total, workers=workers):
        chunk.append(item)
        if len(chunk) >= chunk_size(total, done) or time.monotonic() - started >= STORE_SECONDS:
            yield from commit()
            started = time.monotonic()
    if chunk:
        yield from commit()


def ingest_source(
    config: Config,
    store: Store,
    name: str,
    *,
    now: datetime,
    client: HttpClient | None = None,
    force: bool = True,
    progress: Progress | None = None,
    workers: int = 1,
) -> SourceReport:
    """Read one source; unless `force`, a source in back-off after failures is left alone."""
    source = config.sources.get(name)
    report = SourceReport(source=name)
    if mistakes := [p for p in config.problems if p.startswith(f"sources/{name}.toml:")]:
        # read with rules its operator has not finished, a web source would crawl every link
        # on its listing into the store: nothing is fetched or written until the file is fixed
        report.error = f"config problem, not read: {mistakes[0]}; `melder check` lists them all"
        log.warning("source=%s not read: %s", name, report.error)
        HealthBook(store.engine).record(name, source, now=now, error=report.error, new=0)
        store.record_run("ingest", name, now, now, "error", report.counts(), report.error)
        return report
    if source is None:
        raise KeyError(name)
    started = now
    book = HealthBook(store.engine)
    health = book.get(name)
    if not force and health.backing_off(now):
        note = (
            f"backing off after {health.consecutive_failures} failures until "
            f"{health.backoff_until.isoformat()}; last error: {health.last_error}"
        )
        report.failures = [note]
        store.record_run("ingest", name, started, now, "skipped", report.counts(), note)
        return report
    try:
        known = store.known_inputs(name)
        services = {"client": client} if source.kind in FETCHING and client else {}
        if source.kind not in KINDS:
            raise SourceError(f"kind {source.kind!r} is unknown; `melder check` says more")
        result = KINDS[source.kind](
            name,
            source,
            config,
            now=now,
            seen=KnownInputs(known),
            **services,
        )
        stored = store_raws(
            store,
            name,
            source,
            result.raws,
            now=now,
            actor=name,
            progress=progress,
            total=result.expected,
            media=MediaFetcher.for_source(config.root, name, source, client),
            workers=workers,
        )
        for release, saved in stored:
            setattr(report, saved.outcome, getattr(report, saved.outcome) + 1)
            report.invalid += bool(release.errors) and saved.outcome != "unchanged"
        report.unchanged += result.skipped  # known once the inputs have been read
        report.failures = result.failures
        for done in result.on_stored:  # only now: a crash before this re-reads the inputs
            done()
    except Exception as exc:  # one broken source never stops the others
        report.error = _source_failure(exc, store)
        log.warning("source=%s ingest failed: %s", name, report.error)
        if client is not None:
            client.forget_validators(name)  # its feed is read whole again next time
    book.record(name, source, now=now, error=report.error, new=report.new)
    store.record_run(
        "ingest",
        name,
        started,
        now,
        "error" if report.error else "ok",
        report.counts(),
        # one line per failed item, so that `melder status` can name each of them
        report.error or ("\n".join(report.failures) or None),
    )
    log.info("source=%s ingest %s", name, " ".join(f"{k}={v}" for k, v in report.counts().items()))
    return report


def _source_failure(exc: Exception, store: Store) -> str:
    """The source's own failure as it says it ('http://…: connection failed'); only the
    store's and the disk's name the database or the folder."""
    if isinstance(exc, MelderError):
        return str(exc)
    if is_store_failure(exc) or isinstance(exc, OSError):
        return failure_line(exc, store.engine.url.render_as_string(hide_password=True))
    return f"{type(exc).__name__}: {exc}"


def ingest(
    config: Config,
    store: Store,
    names: list[str] | None = None,
    *,
    now: datetime,
    progress: Progress | None = None,
) -> list[SourceReport]:
    """Read the named sources (or every enabled one, skipping those in back-off)."""
    chosen = names or [name for name, source in config.sources.items() if source.enabled]
    if not names:  # a file that cannot be read is reported as refused, never skipped unseen
        chosen = sorted([*chosen, *config.unreadable_sources])
    reports = []
    settings = Settings()
    client = HttpClient(validators=StoredValidators(store.engine), contact=settings.base_url)
    workers = worker_count(settings.ingest_workers)
    try:
        with fewer_collections():
            for name in chosen:
                report = ingest_source(
                    config,
                    store,
                    name,
                    now=now,
                    client=client,
                    force=bool(names),
                    progress=progress,
                    workers=workers,
                )
                reports.append(report)
    finally:
        client.close()
    return reports


def keep_submission(root: Path, source: str, data: bytes, suffix: str) -> str:
    """Keep submitted bytes under var/submissions/<source>/, named by their hash.

    The path is the input's locator: the desk shows the original from it, and it is the
    release's identity when the input names none of its own, so the same bytes sent again are
    the same release (`unchanged`) and other bytes are a new one.
    """
    return keep_original(root, source, data, suffix.lower(), area="submissions")


def replacing(store: Store, raw: RawRelease, source_name: str, replaces: str | None) -> RawRelease:
    """A correction names the release it replaces: it becomes that release's next revision."""
    if not replaces:
        return raw
    target = store.get(replaces, history=False).release
    if target.source != source_name:
        raise Rejected(
            f"release {target.id} came from source {target.source!r}, not {source_name!r}; "
            "a source can only correct its own releases",
            field="replaces",
        )
    return raw.model_copy(update={"identity": target.identity})


def submit(
    config: Config,
    store: Store,
    paths: list[Path],
    source_name: str,
    *,
    now: datetime,
    replaces: str | None = None,
) -> list[tuple[Path, Release, Saved]]:
    """Submit files as `source_name` would; each file is read, normalized and stored.

    A file that names no id of its own is a new release unless the source sent the same bytes
    before; `replaces` makes the (single) file a new revision of that release instead.
    """
    source = config.sources[source_name]
    stored = []
    client = HttpClient(contact=Settings().base_url)
    for path in paths:
        data = path.read_bytes()
        locator = keep_submission(config.root, source_name, data, path.suffix)
        context = InputContext(
            source=source_name,
            config=source,
            locator=locator,
            received_at=now,
            route="submit",
            kept=locator,
            folder=path.parent,
        )
        raw = replacing(store, read_input(data, path.suffix, context), source_name, replaces)
        media = MediaFetcher.for_source(config.root, source_name, source, client)
        media.folder = path.parent  # a photo named beside the submitted file
        stored += store_raws(
            store, source_name, source, [(raw, None)], now=now, actor="submit", media=media
        )
    client.close()
    note_arrivals(store, source_name, [saved for _, saved in stored], now=now)
    return [(path, release, saved) for path, (release, saved) in zip(paths, stored, strict=True)]


def note_arrivals(store: Store, source_name: str, saved: list[Saved], *, now: datetime) -> None:
    """Submissions that brought something new keep the source from counting as silent."""
    if any(item.outcome in ("new", "revised") for item in saved):
        HealthBook(store.engine).arrived(source_name, now=now)


def run_once(
    config: Config, store: Store, *, now: datetime, progress: Progress | None = None
) -> RunReport:
    """Ingest every enabled source, then publish every channel."""
    sources = ingest(config, store, now=now, progress=progress)
    report = publish(config, store, now=now)
    report.sources = sources
    return report
