"""Normalizing what a source brought: in this process, or for a large batch in worker processes.

Normalizing and fingerprinting are pure functions of an input and the most costly steps of an
ingest. A source that brings hundreds of inputs at once (a folder of files, an archive) has
them normalized in worker processes, a few batches in flight at a time: the store sees them in
input order, exactly as one process makes them, and memory stays that of a few batches. Media
are kept in this process first (they write files and may fetch); the workers only normalize.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from pipeline.config import SourceConfig
from pipeline.media import MediaFetcher
from pipeline.models import Media, Problem, RawRelease, Release, release_id
from pipeline.normalize import normalize
from pipeline.normalize.fingerprint import Fingerprint, fingerprint

log = logging.getLogger(__name__)

PARALLEL_FROM = 400  # inputs; fewer are done here: starting workers would cost more
BATCH = 40  # inputs per task: large enough that handing over costs little
# Inputs handed out at once: enough to keep the workers busy while this process commits a
# chunk of releases (runner.STORE_CHUNK; in a store of 100,000 a commit of 1,500 takes longer
# than the workers need for 1,200 inputs), few enough that memory stays flat (14 MB more
# than 1,200 at the peak).
IN_FLIGHT = 2400
MAX_WORKERS = 8
# Workers run this much nicer than the process that saves. Every release passes through that
# one process, and with the workers on every core it got about three quarters of one: in a
# store of 100,000 releases the saving fell behind and the workers waited for it. (In `melder
# serve` the web's threads share that process, so they come first as well.)
WORKER_NICENESS = 10

Normalized = tuple[Release, Fingerprint | None, str | None]


def worker_count(setting: int | None = None) -> int:
    """Processes that normalize a large batch: MELDER_INGEST_WORKERS, or one per core the
    process may use (at most 8). One means everything happens in this process."""
    if setting is not None:
        return max(1, setting)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, MAX_WORKERS))


# An ingest makes and drops some hundred objects per release. With the default threshold (700
# new objects) the collector ran every few releases and, every tenth time, walked the objects
# of every module imported: a tenth of the CPU of a 10,000-file ingest.
INGEST_GC_THRESHOLD = (100_000, 50, 100)


class _Collections:
    """The collector's settings while ingests run; `melder serve` may run two at once in
    threads, so the first to start changes them and the last to end puts them back."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.before = gc.get_threshold()

    def start(self) -> None:
        with self.lock:
            if self.running == 0:
                self.before = gc.get_threshold()
                gc.freeze()
                gc.set_threshold(*INGEST_GC_THRESHOLD)
            self.running += 1

    def end(self) -> None:
        with self.lock:
            self.running -= 1
            if self.running == 0:
                gc.set_threshold(*self.before)
                gc.unfreeze()


_COLLECTIONS = _Collections()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """During a large ingest: the objects alive now (modules, configuration) are left out of
    collections, and the collector runs less often. Workers forked meanwhile inherit both.
    Afterwards everything is as before."""
    _COLLECTIONS.start()
    try:
        yield
    finally:
        _COLLECTIONS.end()


def safe_normalize(
    raw: RawRelease, source: SourceConfig, media: MediaFetcher | None = None
) -> Release:
    """Keep the input's media, then normalize it; a crash in a rule turns into an invalid
    release, never a lost one. Without a `media` fetcher the media are only described."""
    try:
        if media is None:
            return normalize(raw, source)
        kept, notes = media.collect_for(raw)
        return normalize(raw, source, media=kept, media_notes=notes)
    except Exception as exc:  # a rule's bug must not drop a press office's release
        return unnormalized(raw, source, exc)


def unnormalized(raw: RawRelease, source: SourceConfig, exc: Exception) -> Release:
    """The invalid release kept for an input that a rule crashed on: its text is not lost."""
    log.error("source=%s input=%s normalize failed", raw.source, raw.identity, exc_info=exc)
    return Release(
        id=release_id(raw.source, raw.identity),
        source=raw.source,
        identity=raw.identity,
        title=raw.title or raw.identity,
        slug="release",
        teaser="",
        body_html="",
        text=raw.body_text or "",
        language=source.language or "de",
        provenance=raw.provenance,
        content_hash=raw.content_hash,
        errors=(Problem(field="input", message=f"could not be normalized: {exc}"),),
    )


def normalized(
    raws: Iterable[tuple[RawRelease, str | None]],
    source: SourceConfig,
    *,
    media: MediaFetcher | None = None,
    total: int | None = None,
    workers: int = 1,
) -> Iterator[Normalized]:
    """Each input's release (with its fingerprint when a worker made it) and its locator, in
    input order. Workers are used when there are at least PARALLEL_FROM inputs."""
    if workers <= 1 or (total or 0) < PARALLEL_FROM:
        for raw, locator in raws:
            yield safe_normalize(raw, source, media), None, locator
        return
    yield from _in_workers(iter(raws), source, media, workers)


Task = list[tuple[RawRelease, tuple[Media, ...] | None, tuple[str, ...]]]


def _in_workers(
    raws: Iterator[tuple[RawRelease, str | None]],
    source: SourceConfig,
    media: MediaFetcher | None,
    workers: int,
) -> Iterator[Normalized]:
    pending: deque[tuple[Task, list[str | None], list[Release | None], Future | None]] = deque()
    # The first batch is done here, before the workers fork: they inherit every pattern and
    # table it compiled instead of each compiling them again.
    task, locators, failed = _next_task(raws, source, media)
    done: Future = Future()
    done.set_result(_normalize_task(source, task))
    pending.append((task, locators, failed, done))
    broken = False
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_yield_to_saving) as pool:
        while True:
            task, locators, failed = _next_task(raws, source, media)
            if locators:
                future = None
                if task and not broken:
                    try:
                        future = pool.submit(_normalize_task, source, task)
                    except BrokenProcessPool:  # a worker died before its task was read back
                        broken = True
                pending.append((task, locators, failed, future))
                if len(pending) < max(2 * workers, IN_FLIGHT // BATCH):
                    continue
            if not pending:
                return
            task, locators, failed, future = pending.popleft()
            results = None
            if future is not None:
                try:
                    results = future.result()
                except BrokenProcessPool:
                    # a worker died (killed, out of memory): the rest is done in this process
                    log.warning("a normalizing worker died; going on in one process")
                    broken = True
                except Exception as exc:  # a result that could not be handed back
                    log.warning("normalizing in a worker failed (%s); done in this process", exc)
            yield from _merged(results or _normalize_task(source, task), failed, locators)


def _next_task(
    raws: Iterator[tuple[RawRelease, str | None]],
    source: SourceConfig,
    media: MediaFetcher | None,
) -> tuple[Task, list[str | None], list[Release | None]]:
    """The next BATCH inputs: those to normalize with their kept media, every locator, and
    per input the invalid release of one whose media could not be kept (else None)."""
    task: Task = []
    locators: list[str | None] = []
    failed: list[Release | None] = []
    for raw, locator in raws:
        locators.append(locator)
        try:
            kept, notes = media.collect_for(raw) if media is not None else (None, ())
        except Exception as exc:  # as in safe_normalize: the input is kept as invalid
            failed.append(unnormalized(raw, source, exc))
        else:
            task.append((raw, kept, notes))
            failed.append(None)
        if len(locators) >= BATCH:
            break
    return task, locators, failed


def _merged(
    results: list[tuple[Release, Fingerprint | None]],
    failed: list[Release | None],
    locators: list[str | None],
) -> Iterator[Normalized]:
    done = iter(results)
    for release, locator in zip(failed, locators, strict=True):
        if release is not None:
            yield release, None, locator
        else:
            made, print_ = next(done)
            yield made, print_, locator


def _normalize_task(source: SourceConfig, task: Task) -> list[tuple[Release, Fingerprint | None]]:
    """In a worker: the release and the fingerprint of each input of one task."""
    results = []
    for raw, kept, notes in task:
        try:
            if kept is None:
                release = normalize(raw, source)
            else:
                release = normalize(raw, source, media=kept, media_notes=notes)
        except Exception as exc:
            release = unnormalized(raw, source, exc)
        print_ = None if release.errors else fingerprint(release.title, release.text)
        results.append((release, print_))
    return results


def _yield_to_saving() -> None:
    """A worker runs below the process that saves, stops on SIGTERM like any process (not
    with the scheduler's handler it was forked with), and dies with that process."""
    if hasattr(os, "nice"):  # POSIX: lowering one's own priority needs no privilege
        os.nice(WORKER_NICENESS)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    _die_with_parent()


PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Linux: the kernel kills the worker when the process that started it is gone (kill -9
    included); an orphan would sleep on forever."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the kernel was told
        os._exit(1)


def _context():
    """Workers forked from this process start at once, with everything imported. Where fork
    is unsafe (macOS, Windows) they are spawned."""
    import multiprocessing

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)
