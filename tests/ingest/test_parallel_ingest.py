"""A folder of hundreds of inputs is normalized in worker processes: the store gets exactly what
one process makes, in input order, and a crashing rule or a dying worker loses nothing."""

from __future__ import annotations

import gc
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from pipeline import runner
from pipeline.config import load_config
from pipeline.ingest import KINDS
from pipeline.runner import normalizing
from pipeline.store import Store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
COUNT = normalizing.PARALLEL_FROM + 2 * normalizing.BATCH + 7  # a last task not full


def fill(inbox: Path, count: int = COUNT) -> None:
    streets = ("Ringstraße", "Hafenweg", "Lindenallee", "Mühlgasse", "Am Markt", "Bahnhofstraße")
    for number in range(count):
        street = streets[number % len(streets)]
        if number % 97 == 5:
            text = "Pressemitteilung\n\nPressekontakt:\nAmt\n"  # no headline, no text: invalid
        else:
            text = (
                f"Stadt saniert die {street} {number}\n\n"
                f"Leipzig, 20. November 2026 – Die Stadt saniert ab Montag die {street} auf "
                f"{number % 40 + 1} Kilometern. Die Arbeiten an Abschnitt {number} dauern bis "
                f"März, der Verkehr wird umgeleitet.\n\n"
                f"Die Kosten von {number * 3 + 11} 000 Euro trägt zur Hälfte der Freistaat.\n\n"
                "Pressekontakt:\nStadt Leipzig, Referat Kommunikation\n"
            )
        (inbox / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    # the same release sent twice under another name: held as a possible duplicate
    shutil.copy(inbox / "00010.txt", inbox / f"{count:05d}-again.txt")


def stored(root: Path) -> list[tuple]:
    with sqlite3.connect(root / "var" / "melder.db") as db:
        rows = db.execute(
            "SELECT r.id, r.state, r.duplicate_of, r.reason, v.data FROM releases r "
            "JOIN revisions v ON v.release_id = r.id ORDER BY r.id"
        ).fetchall()
    result = []
    for release_id, state, duplicate_of, reason, data in rows:
        release = json.loads(data)
        release.pop("provenance")  # the time of reading differs between two runs
        result.append((release_id, state, duplicate_of, reason, release))
    return result


def ingest_command(root: Path, workers: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "MELDER_INGEST_WORKERS": str(workers)}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(root), "ingest", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_workers_store_exactly_what_one_process_stores(empty_root: Path, tmp_path: Path):
    fill(empty_root / "inbox" / "trusted")
    alone = tmp_path / "alone"
    shutil.copytree(empty_root, alone)
    in_workers, in_one = ingest_command(empty_root, 2), ingest_command(alone, 1)
    assert in_workers.returncode == in_one.returncode == 0, in_workers.stderr + in_one.stderr
    assert json.loads(in_workers.stdout) == json.loads(in_one.stdout)
    releases = stored(empty_root)
    assert releases == stored(alone)
    assert len(releases) == COUNT + 1
    states = [state for _, state, _, _, _ in releases]
    assert states.count("invalid") == len(range(5, COUNT, 97))
    again = [twin for _, _, twin, _, data in releases if data["identity"].endswith("again.txt")]
    assert again[0] is not None


def test_inputs_are_normalized_in_other_processes_and_stored_in_input_order(
    empty_root: Path, monkeypatch
):
    fill(empty_root / "inbox" / "trusted")
    made = _store_marked(empty_root, monkeypatch, lambda: f"pid {os.getpid()}")
    here = f"pid {os.getpid()}"
    # the first batch is normalized here, so the workers fork with every pattern compiled
    assert [release.warnings[0] for release, _ in made[: normalizing.BATCH]] == [here] * (
        normalizing.BATCH
    )
    pids = {release.warnings[0] for release, _ in made[normalizing.BATCH :]}
    assert here not in pids and len(pids) == 2
    assert [release.identity for release, _ in made] == sorted(
        release.identity for release, _ in made
    )


def test_workers_yield_the_cpu_to_the_process_that_saves(empty_root: Path, monkeypatch):
    """Every release passes through the saving process: the workers run at a lower priority,
    so that process (and in `melder serve` the web's threads) is not slowed down by them."""
    fill(empty_root / "inbox" / "trusted")
    here = os.nice(0)
    made = _store_marked(empty_root, monkeypatch, lambda: f"nice {os.nice(0)}")
    assert {release.warnings[0] for release, _ in made[: normalizing.BATCH]} == {f"nice {here}"}
    expected = min(19, here + normalizing.WORKER_NICENESS)
    assert {release.warnings[0] for release, _ in made[normalizing.BATCH :]} == {f"nice {expected}"}
    assert os.nice(0) == here  # this process is left as it was


def test_a_rule_crashing_in_a_worker_keeps_the_input_as_invalid(empty_root: Path, monkeypatch):
    fill(empty_root / "inbox" / "trusted")
    real = normalizing.normalize

    def crashing(raw, source, **kwargs):
        if raw.identity.endswith("00100.txt"):
            raise ValueError("a rule's bug")
        return real(raw, source, **kwargs)

    monkeypatch.setattr(normalizing, "normalize", crashing)
    made = _store(empty_root)
    assert len(made) == COUNT + 1
    broken = [release for release, _ in made if release.identity.endswith("00100.txt")]
    assert broken[0].errors[0].message == "could not be normalized: a rule's bug"
    assert "Die Stadt saniert ab Montag" in broken[0].text  # its text is kept


def test_a_worker_that_dies_loses_nothing(empty_root: Path, monkeypatch):
    fill(empty_root / "inbox" / "trusted")
    real, parent = normalizing.normalize, os.getpid()

    def dying(raw, source, **kwargs):
        if raw.identity.endswith("00050.txt") and os.getpid() != parent:
            os._exit(1)  # killed mid-task (out of memory, a signal)
        return real(raw, source, **kwargs)

    monkeypatch.setattr(normalizing, "normalize", dying)
    made = _store(empty_root)
    assert len(made) == COUNT + 1
    assert [saved.outcome for _, saved in made].count("new") == COUNT + 1
    assert not any(release.errors for release, _ in made if "00050" in release.identity)


def _store_marked(root: Path, monkeypatch, mark) -> list:
    """Store the inputs with each release's first warning saying `mark()` as the process that
    normalized it saw it."""
    real = normalizing.normalize

    def marking(raw, source, **kwargs):
        release = real(raw, source, **kwargs)
        return release.model_copy(update={"warnings": (mark(),)})

    monkeypatch.setattr(normalizing, "normalize", marking)
    return _store(root)


def test_a_few_inputs_stay_in_this_process():
    assert normalizing.worker_count(1) == 1
    assert normalizing.worker_count(None) >= 1
    raws = []
    assert list(normalizing.normalized(raws, None, total=3, workers=4)) == []


def _raws(config):
    result = KINDS["files"](
        "trusted", config.sources["trusted"], config, now=NOW, seen=lambda *_: False
    )
    return result.raws


def _store(root: Path, progress=None):
    config = load_config(root)
    return list(
        runner.store_raws(
            _open(root),
            "trusted",
            config.sources["trusted"],
            _raws(config),
            now=NOW,
            actor="trusted",
            total=COUNT + 1,
            workers=2,
            progress=progress,
        )
    )


def test_an_ingest_leaves_the_garbage_collector_as_it_found_it(empty_root: Path, monkeypatch):
    """`melder serve` ingests in a process that lives on: the collector runs less often during
    an ingest, and afterwards as before, with nothing left frozen."""
    fill(empty_root / "inbox" / "trusted", count=12)
    real, seen = normalizing.normalize, []

    def watching(raw, source, **kwargs):
        seen.append(gc.get_threshold())
        return real(raw, source, **kwargs)

    monkeypatch.setattr(normalizing, "normalize", watching)
    before = gc.get_threshold(), gc.get_freeze_count()
    reports = runner.ingest(load_config(empty_root), _open(empty_root), ["trusted"], now=NOW)
    assert (reports[0].new, reports[0].invalid) == (13, 1)
    assert set(seen) == {normalizing.INGEST_GC_THRESHOLD}
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def _open(root: Path) -> Store:
    return Store(f"sqlite:///{root / 'var' / 'melder.db'}")


def test_chunks_shrink_towards_the_end_of_a_large_batch(empty_root: Path):
    """The last chunk is committed once the workers are done: it is kept small, so little is
    left to do in one process, and progress is reported after every chunk."""
    fill(empty_root / "inbox" / "trusted")
    reported: list[int] = []
    _store(empty_root, progress=lambda _source, done, _total: reported.append(done))
    sizes = [after - before for before, after in zip(reported, reported[1:], strict=False)]
    assert sum(sizes) == COUNT + 1
    assert sizes[0] == (COUNT + 1) // 3
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] <= runner.LAST_CHUNK
    assert runner.chunk_size(None, 0) == runner.chunk_size(100_000, 0) == runner.STORE_CHUNK


def test_overlapping_ingests_in_threads_restore_the_collector_once_both_are_done():
    before = gc.get_threshold(), gc.get_freeze_count()
    first, second = normalizing.fewer_collections(), normalizing.fewer_collections()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first ends while the second still runs
    assert gc.get_threshold() == normalizing.INGEST_GC_THRESHOLD
    second.__exit__(None, None, None)
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
